"""Regression tests for inputs that once did damage: outputs over inputs, malformed manifests,
term bases that do not survive a round trip, and repairs that were not safe."""
import os
import random
import stat
from pathlib import Path

import pytest

from corpus.alignment import Alignment, Link
from corpus.docset import load_set, record_files
from corpus.errors import InputError
from corpus.reader import read_document
from corpus import textio
from corpus.textio import atomic_write_text
from corpus.export.tmx import export_tmx
from corpus.model import make_document
from corpus.rows import build_rows
from glossaries import Concept, TermBase, Terms, read_tbx, read_termbase
from glossaries.tbx import format_tbx
from glossaries.enforce import enforce
from tilmash.cli import main
from tilmash.pipeline import run
from tilmash.review.workbench import BadRequest, clean_paragraph


def test_run_refuses_to_write_over_its_own_input(set_copy):
    with pytest.raises(InputError, match="holds the input"):
        run(set_copy, set_copy, method="length", show_progress=False)
    with pytest.raises(InputError, match="holds the input"):
        run(set_copy, set_copy.parent, method="length", show_progress=False)
    assert (set_copy / "meta.toml").is_file() and (set_copy / "ru.txt").is_file()


def test_run_refuses_to_replace_a_directory_that_is_not_an_earlier_output(set_copy, tmp_path):
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(InputError, match="not an earlier output"):
        run(set_copy, precious, method="length", show_progress=False)
    assert (precious / "notes.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("old, new, message", [
    ('id = "astana-2025"', 'id = "../x"', "must be a plain name"),
    ('id = "astana-2025"', 'id = ""', "must be a plain name"),
    ('lang = "en"', 'lang = "xq"', "unknown language tag 'xq'"),
    ('role = "mt"\nprovenance = "Chinese', 'role = "reference"\nprovenance = "Chinese', None),
    ('path = "zh.txt"\nlang = "zh"', 'path = "en.txt"\nlang = "en"', "names en.txt twice"),
    ('of = "en.txt"', 'of = "ru.txt"', "`of` belongs to a post-edit and names the machine translation"),
    ('path = "en.txt"', 'path = ["en.txt"]', "`path` must be a string"),
])
def test_manifest_mistakes_are_one_clear_error(set_copy, old, new, message):
    meta = set_copy / "meta.toml"
    text = meta.read_text(encoding="utf-8")
    assert old in text
    meta.write_text(text.replace(old, new, 1), encoding="utf-8")
    if message is None:  # a reference instead of an MT is fine
        assert [e.lang for e in load_set(set_copy).translations()] == ["en", "kk"]
        return
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace("`", "`")):
        load_set(set_copy)


def test_two_translations_into_one_language_are_two_systems_named_by_file(set_copy):
    (set_copy / "en-second.txt").write_bytes((set_copy / "en.txt").read_bytes())
    record_files(set_copy, [{"path": "en-second.txt", "lang": "en", "role": "mt", "synthetic": True,
                             "provenance": "a copy of en.txt made by a test"}])
    assert list(load_set(set_copy).systems()) == ["en", "zh", "kk", "en-second"]  # en.txt is system "en"
    (set_copy / "other").mkdir()
    (set_copy / "other" / "en-second.txt").write_bytes((set_copy / "en.txt").read_bytes())
    with pytest.raises(InputError, match="would both be called 'en-second'"):
        record_files(set_copy, [{"path": "other/en-second.txt", "lang": "en", "role": "mt", "provenance": "test"}])


def test_a_set_without_translations_is_refused(tmp_path):
    (tmp_path / "ru.txt").write_text("Стороны приветствуют начало реализации проекта.\n", encoding="utf-8")
    (tmp_path / "meta.toml").write_text('[set]\nid = "s"\nsource_lang = "ru"\n\n[[files]]\npath = "ru.txt"\n'
                                        'lang = "ru"\nrole = "source"\n', encoding="utf-8")
    with pytest.raises(InputError, match="names no translation"):
        load_set(tmp_path)


def test_form_feed_and_noncharacters_are_not_text(tmp_path):
    for bad in ("page\fbreak", "odd \ufffe char"):
        path = tmp_path / "x.txt"
        path.write_text("Первая строка текста.\n" + bad + "\n", encoding="utf-8")
        with pytest.raises(InputError) as err:
            read_document(path, "ru", check_script=False)
        assert err.value.line == 2


def test_outputs_get_the_usual_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        atomic_write_text(tmp_path / "out.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out.txt").stat().st_mode) == 0o644


def _tbx(tmp_path, body):
    path = tmp_path / "g.tbx"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tbx><text><body>\n' + body + "\n</body></text></tbx>",
                    encoding="utf-8")
    return path


def test_tbx_duplicate_ids_and_unstorable_terms(tmp_path):
    entry = '<conceptEntry id="a"><langSec xml:lang="en"><termSec><term>{}</term></termSec></langSec></conceptEntry>'
    with pytest.raises(InputError, match="duplicate concept id 'a'"):
        read_tbx(_tbx(tmp_path, entry.format("UN") + "\n" + entry.format("WTO")))
    with pytest.raises(InputError, match="contains '\\|'"):
        read_tbx(_tbx(tmp_path, entry.format("Kazakh|stan")))


TB = TermBase([
    Concept("kz", {"ru": Terms("Казахстан"), "en": Terms("Kazakhstan", (), ("Kazakstan",))}),
    Concept("bri", {"ru": Terms("Один пояс и один путь"),
                    "kk": Terms("«Бір белдеу, бір жол» бастамасы", (), ("«Бір белбеу, бір жол» бастамасы",))}),
], ("ru", "en", "kk"))


def test_inflected_english_forbidden_form_is_flagged_not_mangled():
    out, changes = enforce(TB, ["Экономика Казахстана."], ["Kazakstan's economy grows."], [Link((0,), (0,))],
                           "ru", "en")
    assert out == ["Kazakstan's economy grows."] and changes[0].action == "flagged"


def test_kazakh_repair_never_unbalances_quotes():
    src, tgt = ["инициатива «Один пояс и один путь»"], ["Бір белбеу, бір жол бастамасын қолдайды."]
    tb = TermBase([Concept("bri", {"ru": TB["bri"].terms["ru"], "kk": Terms(
        "«Бір белдеу, бір жол» бастамасы", (), ("Бір белбеу, бір жол бастамасы",))})], ("ru", "kk"))
    out, changes = enforce(tb, src, tgt, [Link((0,), (0,))], "ru", "kk")
    assert out == tgt and changes[0].action == "flagged" and "quotes" in changes[0].rule


def test_enforce_cli_never_overwrites_an_input(set_dir, tmp_path, capsys):
    args = ["glossary", "enforce", "--glossary", str(set_dir / "../../glossaries/astana-2025.tsv"),
            str(set_dir / "ru.txt"), str(set_dir / "kk.txt"), "--src-lang", "ru", "--tgt-lang", "kk",
            "--method", "length"]
    assert main(args + ["-o", str(tmp_path / "out.txt"), "--audit", str(set_dir / "ru.txt")]) == 2
    assert main(args + ["-o", str(tmp_path / "same.txt"), "--audit", str(tmp_path / "same.txt")]) == 2
    assert "refusing to overwrite" in capsys.readouterr().err


def test_check_cli_with_a_term_base_lacking_the_language(tmp_path, set_dir, capsys):
    glossary = tmp_path / "g.tsv"
    glossary.write_text("id\tru\tru_variants\tru_forbidden\ten\ten_variants\ten_forbidden\tnote\n"
                        "un\tООН\t\t\tUN\t\t\t\n", encoding="utf-8")
    assert main(["glossary", "check", "--glossary", str(glossary), str(set_dir / "ru.txt"), str(set_dir / "kk.txt"),
                 "--src-lang", "ru", "--tgt-lang", "kk", "--alignment", str(set_dir / "gold/ru-kk.txt")]) == 2
    assert "has no kk terms" in capsys.readouterr().err


# issue 18: bad input --------------------------------------------------------------------------------

UNSTORABLE = ["\ufffe", "\uffff", "\ufdd0", "\U0001fffe", "\U0010ffff", "\x07", "\x1b", "\x85", "\ud800", "\udfff"]


@pytest.mark.parametrize("char", UNSTORABLE)
def test_the_workbench_refuses_exactly_what_the_document_reader_refuses(tmp_path, char):
    """One set of text rules (corpus.textrules): an edit the reader would refuse is refused at once."""
    text = f"Стороны приветствуют начало{char} реализации проекта."
    with pytest.raises(BadRequest) as refused:
        clean_paragraph(text, "ru")
    assert refused.value.status == 422 and f"U+{ord(char):04X}" in str(refused.value)
    path = tmp_path / "ru.txt"
    path.write_bytes(("Первая строка.\n\n" + text + "\n").encode("utf-8", "surrogatepass"))
    with pytest.raises(InputError) as unreadable:
        read_document(path, "ru")
    assert unreadable.value.line == 3
    assert clean_paragraph("Стороны приветствуют\tначало\r\nреализации 😀 проекта.", "ru")  # these are text


def test_the_tmx_writer_refuses_what_xml_cannot_hold_and_writes_nothing(tmp_path):
    source = make_document("s", "ru", ["Стороны приветствуют проект."])
    target = make_document("s", "en", ["The Parties welcome\ufffe the project."])
    rows = build_rows(1, {"en": Alignment("ru", "en", [Link((0,), (0,))])})
    path = tmp_path / "s.tmx"
    with pytest.raises(InputError, match=r"noncharacter U\+FFFE \(XML 1.0 cannot hold it\), after 'The Parties welcome'"):
        export_tmx(path, rows, source, {"en": target})
    assert not path.exists() and not list(tmp_path.iterdir())


def test_the_tbx_writer_refuses_what_xml_cannot_hold(tmp_path):
    termbase = TermBase([Concept("un", {"en": Terms("UN")}, note="a note\uffff")], ("en",), "g.tsv")
    with pytest.raises(InputError, match=r"^g.tsv: cannot write a noncharacter U\+FFFF"):
        format_tbx(termbase)


def test_term_bases_apply_the_same_text_rules(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text("id\ten\ten_variants\ten_forbidden\tnote\nun\tUN\t\t\tUnited\ufdd0 Nations\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"noncharacter U\+FDD0 in a cell") as err:
        read_termbase(path)
    assert err.value.line == 2


# manifests naming files outside the set ---------------------------------------------------------------

def _name_in_manifest(set_copy, old: str, new: str) -> None:
    meta = set_copy / "meta.toml"
    text = meta.read_text(encoding="utf-8")
    assert old in text
    meta.write_text(text.replace(old, new, 1), encoding="utf-8")


SECRET = "此文件在文档集之外，其内容不得出现在任何输出或错误中。" * 3  # Chinese, so zh.txt may point at it


@pytest.mark.parametrize("change", ["absolute", "dotdot", "symlink", "gold"])
@pytest.mark.parametrize("command", ["score", "export", "report", "run"])
def test_a_manifest_cannot_name_a_file_outside_the_set(set_copy, tmp_path, capsys, change, command):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET + "\n", encoding="utf-8")
    if change != "gold":  # without gold to check it against, the outside text went straight into every output
        _name_in_manifest(set_copy, 'gold = "gold/ru-zh.txt"\nsentence_gold = "gold/sentences/ru-zh.txt"', "")
    if change == "absolute":
        _name_in_manifest(set_copy, 'path = "zh.txt"', f'path = "{secret}"')
    elif change == "dotdot":
        _name_in_manifest(set_copy, 'path = "zh.txt"', 'path = "../secret.txt"')
    elif change == "symlink":
        (set_copy / "zh.txt").unlink()
        (set_copy / "zh.txt").symlink_to(secret)
    else:
        _name_in_manifest(set_copy, 'gold = "gold/ru-zh.txt"', 'gold = "../secret.txt"')
    out = tmp_path / "out"
    extra = {"score": [], "report": ["-o", str(out)]}.get(command, ["--out", str(out)])
    assert main([command, str(set_copy), "--method", "length", *extra]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith(f"tilmash: error: {set_copy / 'meta.toml'}:")
    assert "outside the set directory" in captured.err
    assert SECRET[:6] not in captured.err + captured.out and not out.exists()


def test_a_link_that_stays_inside_the_set_is_fine(set_copy):
    (set_copy / "texts").mkdir()
    (set_copy / "en.txt").rename(set_copy / "texts" / "en.txt")
    (set_copy / "en.txt").symlink_to(Path("texts") / "en.txt")
    assert len(load_set(set_copy).read(load_set(set_copy).translations()[0])) > 100


# mixed encodings and bytes that are not text ------------------------------------------------------------

def _russian(set_dir) -> str:
    return (set_dir / "ru.txt").read_text(encoding="utf-8")


def test_a_file_half_utf8_half_cp1251_is_refused_at_its_first_odd_line(set_dir, tmp_path):
    text = _russian(set_dir)
    lines = text.split("\n")
    path = tmp_path / "ru.txt"
    path.write_bytes("\n".join(lines[:150]).encode("utf-8") + b"\n" + "\n".join(lines[150:]).encode("cp1251"))
    with pytest.raises(InputError, match="mixed encodings") as err:
        read_document(path, "ru")
    assert err.value.line == 151  # the first cp1251 line, in a file mostly UTF-8


def test_a_cp1251_file_with_a_line_of_binary_is_refused_at_that_line(set_dir, tmp_path):
    lines = _russian(set_dir).encode("cp1251").split(b"\n")
    rng = random.Random(1)
    lines[4] = bytes(rng.randrange(0x80, 0x100) for _ in range(300)).replace(b"\x98", b"\x99")
    path = tmp_path / "ru.txt"
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(InputError, match="as cp1251 this line is not text") as err:
        read_document(path, "ru")
    assert err.value.line == 5


@pytest.mark.parametrize("kind", ["random", "one byte"])
def test_high_bytes_that_are_not_text_are_not_a_russian_paragraph(tmp_path, capsys, kind):
    rng = random.Random(0)
    data = bytes(rng.randrange(0x80, 0x100) for _ in range(65536)) if kind == "random" else b"\xee" * 65536
    path = tmp_path / "ru.txt"
    path.write_bytes(data)  # 64 KB that cp1251 and KOI8-R both "decode"
    assert main(["align", str(path), str(path), "--src-lang", "ru", "--tgt-lang", "ru", "--method", "length"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"tilmash: error: {path}:1: not UTF-8") and len(err.splitlines()) == 1


def test_capitals_in_cp1251_are_read_as_cp1251():
    heading = "СОВМЕСТНОЕ ЗАЯВЛЕНИЕ ГЛАВ ГОСУДАРСТВ ЦЕНТРАЛЬНОЙ АЗИИ И КИТАЯ\n"
    for codec in ("cp1251", "koi8-r"):
        decoded = textio.decode_bytes(heading.encode(codec), Path("h.txt"))
        assert (decoded.encoding, decoded.text, decoded.warnings) == (codec, heading, ())


def test_a_doubtful_decoding_is_accepted_with_a_warning_on_stderr_and_on_the_document(tmp_path, capsys):
    """Two short KOI8-R paragraphs: the letters read as Russian in KOI8-R, charset-normalizer prefers cp1251."""
    path = tmp_path / "ru.txt"
    path.write_bytes("KzylOrda - ни дня без инсайда\n\nНа верх\n".encode("koi8-r"))
    doc = read_document(path, "ru", check_script=False)
    assert doc.encoding == "koi8-r" and doc.texts() == ["KzylOrda - ни дня без инсайда", "На верх"]
    assert doc.warnings and "charset-normalizer prefers cp1251" in doc.warnings[0]
    assert capsys.readouterr().err == f"tilmash: warning: {doc.warnings[0]}\n"


# size limits ------------------------------------------------------------------------------------------

def test_a_paragraph_over_the_limit_is_refused_and_the_limit_can_be_raised(tmp_path, monkeypatch):
    path = tmp_path / "en.txt"
    path.write_text("First paragraph.\n\n" + "word " * 60_000 + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"a paragraph of 299,999 characters is over the limit of 20,000 \(set"
                                         r" TILMASH_MAX_PARAGRAPH_CHARS to raise it\)") as err:
        read_document(path, "en")
    assert err.value.line == 3
    monkeypatch.setenv("TILMASH_MAX_PARAGRAPH_CHARS", "300000")
    assert len(read_document(path, "en").texts()[1]) == 299_999
    monkeypatch.setenv("TILMASH_MAX_PARAGRAPH_CHARS", "lots")
    with pytest.raises(InputError, match="^TILMASH_MAX_PARAGRAPH_CHARS: must be a positive whole number"):
        read_document(path, "en")


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:  # 50 MB without writing them: the limit is checked on the size alone
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(InputError, match=r"file size of 52,428,800 bytes is over the limit of 33,554,432 \(set"
                                         r" TILMASH_MAX_FILE_BYTES"):
        read_document(path, "en")
    monkeypatch.setenv("TILMASH_MAX_FILE_BYTES", "100")
    small = tmp_path / "small.txt"
    small.write_text("x" * 101, encoding="utf-8")
    with pytest.raises(InputError, match="over the limit of 100"):
        read_document(small, "en", check_script=False)


@pytest.mark.parametrize("suffix", ["tsv", "tbx"])
def test_a_term_base_over_the_size_limit_is_refused(tmp_path, monkeypatch, termbase, suffix):
    from glossaries.tsv import write_tsv
    from glossaries.tbx import write_tbx

    path = tmp_path / f"g.{suffix}"
    (write_tsv if suffix == "tsv" else write_tbx)(termbase, path)
    monkeypatch.setenv("TILMASH_MAX_CONCEPTS", str(len(termbase) - 1))
    with pytest.raises(InputError, match=rf"term base size of {len(termbase)} concepts is over the limit of"
                                         rf" {len(termbase) - 1} \(set TILMASH_MAX_CONCEPTS"):
        read_termbase(path)
    monkeypatch.setenv("TILMASH_MAX_CONCEPTS", str(len(termbase)))
    assert len(read_termbase(path)) == len(termbase)
