"""One output guard for every command (issue 18, items 9 and 10): an output is never an input, never inside a
document set, and an output directory is new, empty or an earlier tilmash output. Also: `score` fails when
no translation of the set could be read."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tilmash.cli import main

GLOSSARY = Path(__file__).resolve().parent.parent / "glossaries" / "astana-2025.tsv"


def _digest(directory: Path) -> dict[str, str]:
    return {str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(directory.rglob("*")) if p.is_file()}


def _refused(capsys, argv: list[str], words: str) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("tilmash: error: ") and words in err[0], err


def test_no_command_writes_over_its_input(set_copy, tmp_path, capsys):
    """Each of these once exited 0 and destroyed the input."""
    before = _digest(set_copy)
    src, tgt, tbx = set_copy / "ru.txt", set_copy / "en.txt", tmp_path / "g.tbx"
    assert main(["glossary", "export", str(GLOSSARY), "-o", str(tbx)]) == 0
    capsys.readouterr()
    attempts = [
        (["align", str(src), str(tgt), "--src-lang", "ru", "--tgt-lang", "en", "--method", "length", "-o", str(src)],
         "refusing to overwrite the input"),
        (["score", str(set_copy), "--method", "length", "-o", str(set_copy / "ru.txt")], "inside the input directory"),
        (["score", str(set_copy), "--method", "length", "-o", str(set_copy / "meta.toml")], "inside the input"),
        (["score", str(set_copy), "--method", "length", "-o", str(set_copy / "new.json")], "inside the input"),
        (["glossary", "import", str(tbx), "-o", str(tbx)], "refusing to overwrite the input"),
        (["align-score", "--gold", str(set_copy / "gold" / "ru-en.txt"), "--test", str(set_copy / "gold" / "ru-en.txt"),
          "-o", str(set_copy / "gold" / "ru-en.txt")], "refusing to overwrite"),
    ]
    for argv, words in attempts:
        _refused(capsys, argv, words)
    assert _digest(set_copy) == before


def test_glossary_commands_refuse_their_term_base_as_output(set_copy, capsys):
    copy = set_copy.parent / "terms.tsv"
    copy.write_bytes(GLOSSARY.read_bytes())
    before = copy.read_bytes()
    base = ["--glossary", str(copy), str(set_copy / "ru.txt"), str(set_copy / "kk.txt"), "--src-lang", "ru",
            "--tgt-lang", "kk", "--method", "length"]
    _refused(capsys, ["glossary", "check", *base, "-o", str(copy)], "refusing to overwrite the input")
    _refused(capsys, ["glossary", "enforce", *base, "-o", str(copy)], "refusing to overwrite the input")
    assert copy.read_bytes() == before


def test_output_files_never_land_inside_a_set(set_copy, tmp_path, capsys):
    other = tmp_path / "other-set"
    other.mkdir()
    (other / "meta.toml").write_text("[set]\nid = 'x'\nsource_lang = 'ru'\n", encoding="utf-8")
    _refused(capsys, ["align", str(set_copy / "ru.txt"), str(set_copy / "en.txt"), "--src-lang", "ru",
                      "--tgt-lang", "en", "--method", "length", "-o", str(other / "ru-en.json")],
             "refusing to write inside the document set")
    assert sorted(p.name for p in other.iterdir()) == ["meta.toml"]


@pytest.mark.parametrize("command", ["run", "export", "report"])
def test_output_directories_follow_one_rule(command, set_copy, tmp_path, capsys):
    """Inside the set, and a folder of someone's own files: refused by all three, whatever they write."""
    option = "-o" if command == "report" else "--out"
    _refused(capsys, [command, str(set_copy), option, str(set_copy / "sub"), "--method", "length"],
             "document set" if command != "report" else "")
    assert not (set_copy / "sub").exists()
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "report.html").write_text("my own report", encoding="utf-8")
    _refused(capsys, [command, str(set_copy), option, str(mine), "--method", "length"], "not an earlier output")
    assert [p.name for p in mine.iterdir()] == ["report.html"]
    assert (mine / "report.html").read_text(encoding="utf-8") == "my own report"


def test_report_may_replace_its_own_earlier_output(set_copy, tmp_path, capsys):
    out = tmp_path / "rep"
    assert main(["report", str(set_copy), "-o", str(out), "--method", "length"]) == 0
    assert main(["report", str(set_copy), "-o", str(out), "--method", "length"]) == 0
    assert {"report.json", "report.md", "report.html"} <= {p.name for p in out.iterdir()}


def test_score_fails_when_no_translation_can_be_read(set_copy, capsys):
    (set_copy / "en.txt").write_bytes(b"\x00\x01binary")
    (set_copy / "zh.txt").write_text("", encoding="utf-8")
    (set_copy / "kk.txt").write_bytes(b"\x00")
    assert main(["score", str(set_copy), "--method", "length"]) == 2
    err = capsys.readouterr().err
    assert "no translation of the set could be scored" in err and "en.txt" in err
