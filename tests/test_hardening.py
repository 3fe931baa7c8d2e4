"""Regression tests for inputs that once did damage: outputs over inputs, malformed manifests,
term bases that do not survive a round trip, and repairs that were not safe."""
import os
import stat

import pytest

from corpus.alignment import Link
from corpus.docset import load_set, record_files
from corpus.errors import InputError
from corpus.reader import read_document
from corpus.textio import atomic_write_text
from glossaries import Concept, TermBase, Terms, read_tbx
from glossaries.enforce import enforce
from tilmash.cli import main
from tilmash.pipeline import run


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
