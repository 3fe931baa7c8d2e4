"""Progress of `tilmash corpus build` on stderr: a line every few seconds when stderr is a log file, one line
rewritten in place on a terminal, and nothing at all with --quiet."""
from __future__ import annotations

import io
from pathlib import Path

from test_builder_inputs import EN, RU, write_tsv
from tilmash.builder import progress as progress_module
from tilmash.builder.progress import Progress
from tilmash.cli import main


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run_for(monkeypatch, stream: io.StringIO, seconds: int, enabled: bool = True) -> None:
    """Ten groups finishing over `seconds` seconds of a fake clock, one update per second."""
    clock = Clock()
    monkeypatch.setattr(progress_module.time, "monotonic", clock)
    progress = Progress(10, enabled=enabled, interval=5.0, stream=stream)
    for second in range(1, seconds + 1):
        clock.now += 1
        progress.update(done=second % 2, rows=7)
    progress.close()


def test_a_log_file_gets_a_whole_line_every_few_seconds(monkeypatch):
    log = io.StringIO()
    run_for(monkeypatch, log, 16)
    lines = log.getvalue().split("\n")
    assert lines[-1] == "" and "\r" not in log.getvalue() and "\x1b" not in log.getvalue()
    assert lines[:-1] == ["corpus: 3/10 groups, 35 rows, 0.60 groups/s, ETA 11s, 5s elapsed",
                          "corpus: 5/10 groups, 70 rows, 0.50 groups/s, ETA 10s, 10s elapsed",
                          "corpus: 8/10 groups, 105 rows, 0.53 groups/s, ETA 3s, 15s elapsed",
                          "corpus: 8/10 groups, 112 rows, 0.50 groups/s, ETA 4s, 16s elapsed"]  # the closing line


def test_a_terminal_gets_one_line_rewritten_in_place(monkeypatch):
    terminal = Terminal()
    run_for(monkeypatch, terminal, 11)
    text = terminal.getvalue()
    assert text.count("\r") == 3 and text.count("\n") == 1 and text.endswith("11s elapsed\x1b[K\n")


def test_disabled_progress_writes_nothing(monkeypatch):
    log = io.StringIO()
    run_for(monkeypatch, log, 16, enabled=False)
    assert log.getvalue() == ""


def _manifest(directory: Path) -> Path:
    for k in range(3):
        (directory / f"{k}.ru.txt").write_text(f"{k} {RU}", encoding="utf-8")
        (directory / f"{k}.en.txt").write_text(f"{k} {EN}", encoding="utf-8")
    return write_tsv(directory, [f"{k}.ru.txt\tru\t{k}.en.txt\ten" for k in range(3)])


def test_quiet_says_nothing_on_stderr_and_prints_only_the_output(tmp_path, capsys):
    path = _manifest(tmp_path)
    out = tmp_path / "out"
    assert main(["corpus", "build", str(path), "-o", str(out), "--method", "length", "--workers", "1", "--quiet"]) == 0
    said = capsys.readouterr()
    assert said.err == "" and said.out == f"{out}\n"
    assert main(["corpus", "build", str(path), "-o", str(out), "--method", "length", "--workers", "1", "--quiet"]) == 0
    assert capsys.readouterr().err == ""  # up to date: still nothing


def test_without_quiet_a_build_says_what_it_does(tmp_path, capsys):
    path = _manifest(tmp_path)
    out = tmp_path / "out"
    assert main(["corpus", "build", str(path), "-o", str(out), "--method", "length", "--workers", "1"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "corpus: 3 of 3 groups to align (0 done before)"
    assert err[1].startswith("corpus: 3/3 groups, ") and "groups/s" in err[1]
    assert err[2].startswith("corpus: 3 groups done, 0 failed, 0 skipped; ")
    assert main(["corpus", "build", str(path), "-o", str(out), "--method", "length", "--workers", "1"]) == 0
    assert capsys.readouterr().err == f"corpus: {out} is up to date (3 groups)\n"
