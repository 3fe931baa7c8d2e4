"""Term base TSV and TBX: lossless round trips, and one clear error for each kind of bad file."""
from pathlib import Path

import pytest

from corpus.errors import InputError
from glossaries import Concept, TermBase, Terms, read_tbx, read_termbase, read_tsv, write_tbx, write_tsv

HEADER = "id\tru\tru_variants\tru_forbidden\ten\ten_variants\ten_forbidden\tnote"
ROWS = [
    "belt-and-road\tОдин пояс и один путь\t\t\tthe Belt and Road Initiative\tBelt and Road|BRI\tOne Belt, One Road\t"
    "«Один пояс» written with «» on purpose",
    "sco\tШОС\tШанхайская организация сотрудничества\t\tSCO\tShanghai Cooperation Organization\tShanghai Five\t",
]


def _write(tmp_path: Path, lines: list[str], name: str = "g.tsv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_tsv_reads_concepts_with_variants_and_forbidden(tmp_path):
    tb = read_tsv(_write(tmp_path, [HEADER, *ROWS]))
    assert tb.languages == ("ru", "en") and len(tb) == 2
    bri = tb["belt-and-road"]
    assert bri.terms["en"] == Terms("the Belt and Road Initiative", ("Belt and Road", "BRI"), ("One Belt, One Road",))
    assert bri.terms["en"].admitted()[0] == "the Belt and Road Initiative"
    assert bri.note.startswith("«Один пояс»")


def test_tsv_to_tbx_to_tsv_is_lossless(tmp_path):
    original = _write(tmp_path, [HEADER, *ROWS])
    tb = read_tsv(original)
    write_tbx(tb, tmp_path / "g.tbx")
    back = read_tbx(tmp_path / "g.tbx")
    write_tsv(back, tmp_path / "back.tsv")
    assert (tmp_path / "back.tsv").read_text(encoding="utf-8") == original.read_text(encoding="utf-8")
    assert read_termbase(tmp_path / "g.tbx").concepts == tb.concepts


def test_tbx_2008_martif_layout_is_read(tmp_path):
    path = tmp_path / "old.tbx"
    path.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="en"><text><body>
 <termEntry id="wto">
  <langSet xml:lang="ru"><tig><term>ВТО</term></tig></langSet>
  <langSet xml:lang="en-GB"><ntig><termGrp><term>WTO</term></termGrp>
    <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></ntig>
   <tig><term>World Trade Organisation</term></tig>
   <tig><term>Word Trade Organization</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
  </langSet>
 </termEntry>
</body></text></martif>
""", encoding="utf-8")
    tb = read_tbx(path)
    assert tb["wto"].terms["en"] == Terms("WTO", ("World Trade Organisation",), deprecated=("Word Trade Organization",))
    assert tb["wto"].terms["ru"].preferred == "ВТО"


@pytest.mark.parametrize(
    "lines, message, line",
    [
        ([HEADER.replace("\ten_forbidden", ""), *[r.rsplit("\t", 2)[0] + "\t" + r.rsplit("\t", 1)[1] for r in ROWS]],
         "missing column `en_forbidden`", 1),
        ([HEADER, ROWS[0], ROWS[0]], "duplicate concept id 'belt-and-road' (first on line 2)", 3),
        ([HEADER, ROWS[0], "sco\t\tШОС\t\tSCO\t\t\t"], "empty preferred ru term", 3),
        ([HEADER, ROWS[0] + "\textra"], "expected 8 tab-separated fields, found 9", 2),
        ([HEADER, '"sco"\tШОС\t\t\tSCO\t\t\t'], "stray double quote", 2),
        ([HEADER, 'sco\tШОС\t\t\tSCO\tSCO\tSCO\t'], "both admitted and forbidden", 2),
        (["term\tru\tnote", "x\ty\tz"], "must start with the column `id`", 1),
    ],
)
def test_bad_tsv_gives_file_and_line(tmp_path, lines, message, line):
    path = _write(tmp_path, lines)
    with pytest.raises(InputError) as err:
        read_tsv(path)
    assert message in err.value.message and err.value.line == line and err.value.path == str(path)


def test_tsv_in_a_legacy_encoding_is_refused(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_bytes(("\n".join([HEADER, *ROWS]) + "\n").encode("utf-8").replace(
        "ШОС".encode("utf-8"), "ШОС".encode("cp1251")))
    with pytest.raises(InputError, match="not UTF-8") as err:
        read_tsv(path)
    assert err.value.line == 3


@pytest.mark.parametrize(
    "body, message",
    [
        ('<tbx><text><body><conceptEntry id="a"><langSec xml:lang="ru"><termSec><term>x</term></termSec>'
         '</langSec></conceptEntry></body></text>', "not well-formed"),
        ('<!DOCTYPE tbx [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>\n<tbx><text><body>'
         '<conceptEntry id="a"><langSec xml:lang="ru"><termSec><term>&lol2;</term></termSec></langSec>'
         '</conceptEntry></body></text></tbx>', "refused"),
        ('<!DOCTYPE tbx [<!ENTITY ext SYSTEM "file:///etc/passwd">]>\n<tbx><text><body><conceptEntry id="a">'
         '<langSec xml:lang="ru"><termSec><term>&ext;</term></termSec></langSec></conceptEntry></body></text></tbx>',
         "refused"),
        ('<tbx><text><body><conceptEntry id="a">\n<langSec xml:lang="xq"><termSec><term>x</term></termSec>'
         '</langSec></conceptEntry></body></text></tbx>', "unknown language 'xq'"),
        ("<html><body/></html>", "not a TBX file"),
    ],
)
def test_bad_tbx_gives_one_clear_error(tmp_path, body, message):
    path = tmp_path / "bad.tbx"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n' + body, encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_tbx(path)
    assert message in str(err.value) and err.value.line is not None


def test_model_lookup():
    tb = TermBase([Concept("x", {"ru": Terms("а")})], ("ru",))
    assert tb["x"].terms["ru"].preferred == "а"
    with pytest.raises(KeyError):
        tb["y"]


def test_cli_export_then_import_round_trips(tmp_path):
    from tilmash.cli import main

    original = _write(tmp_path, [HEADER, *ROWS])
    assert main(["glossary", "export", str(original), "-o", str(tmp_path / "g.tbx")]) == 0
    assert main(["glossary", "import", str(tmp_path / "g.tbx"), "-o", str(tmp_path / "back.tsv")]) == 0
    assert (tmp_path / "back.tsv").read_text(encoding="utf-8") == original.read_text(encoding="utf-8")


def test_cli_bad_term_base_is_one_line_exit_2(tmp_path, capsys):
    from tilmash.cli import main

    path = _write(tmp_path, [HEADER, ROWS[0], ROWS[0]])
    assert main(["glossary", "export", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{path}:3: duplicate concept id" in err
