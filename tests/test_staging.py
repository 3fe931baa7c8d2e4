"""Outputs survive a kill -9 at any moment: staged directories, their swap, and the review export's one commit.

Each kill is real: the work runs in a forked child that sends itself SIGKILL at a chosen rename
(the os.replace whose destination matches, before or after it happens), so the dangerous
windows, which last microseconds, are hit every time. What is checked is what the next
command finds: the old output or the new one, whole, and no leftovers.
"""
from __future__ import annotations

import fnmatch
import functools
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from align.io import read_fitting_alignment
from corpus.alignment import Alignment
from corpus.docset import load_set
from corpus.errors import InputError
from corpus.model import Document, make_document
from tilmash.cli import main
from tilmash.review.exports import clean_leftovers, write_export
from tilmash.staging import check_replaceable, staged_directory, staging

ROOT = Path(__file__).resolve().parent.parent


def die_at(work: Callable[[], None], name: str, when: str) -> None:
    """Run `work` in a forked child that SIGKILLs itself just `when` ("before"/"after") the first rename onto a
    file or directory whose name matches the glob `name`; fails if the child was not killed there."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            real = os.replace

            def replace(src, dst):
                hit = fnmatch.fnmatch(Path(dst).name, name)
                if hit and when == "before":
                    os.kill(os.getpid(), signal.SIGKILL)
                real(src, dst)
                if hit and when == "after":
                    os.kill(os.getpid(), signal.SIGKILL)

            os.replace = replace
            work()
        finally:
            os._exit(3)  # reached only when the rename never came
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, f"not killed at {when} {name}"


def write_output(target: Path, generation: str, files: int = 3) -> None:
    with staged_directory(target) as stage:
        for k in range(files):
            (stage / f"part{k}.txt").write_text(f"{generation} {k}\n", encoding="utf-8")
        (stage / "summary.md").write_text(generation + "\n", encoding="utf-8")


def generation_of(target: Path) -> str:
    """Which output is at `target`, asserting it is whole."""
    generation = (target / "summary.md").read_text(encoding="utf-8").strip()
    assert sorted(p.name for p in target.iterdir()) == ["part0.txt", "part1.txt", "part2.txt", "summary.md"]
    assert all((target / f"part{k}.txt").read_text(encoding="utf-8") == f"{generation} {k}\n" for k in range(3))
    return generation


@pytest.mark.parametrize("name, when, expected", [
    (".out.staging-*.commit.json", "before", "old"),  # staged in full, not committed: the old output stays
    (".out.staging-*.commit.json", "after", "new"),  # committed: the next command finishes the move
    (".out.old-*", "after", "new"),  # the window of the issue: old moved aside, new not yet in place
    ("out", "after", "new"),  # new in place, the old one not yet deleted
])
def test_a_kill_during_the_swap_leaves_the_old_or_the_new_output_whole(tmp_path, capsys, name, when, expected):
    target = tmp_path / "out"
    write_output(target, "old")
    die_at(lambda: write_output(target, "new"), name, when)
    check_replaceable(target, "summary.md", [])  # what the next command does first
    assert generation_of(target) == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no staging, set-aside copy or journal left
    if expected == "new":
        assert "finished replacing" in capsys.readouterr().err


def test_staging_left_by_a_killed_command_is_removed_by_the_next_one_and_reported(tmp_path, capsys):
    target = tmp_path / "out"

    def killed_while_writing():
        with staged_directory(target) as stage:
            (stage / "part0.txt").write_text("half an output\n", encoding="utf-8")
            os.kill(os.getpid(), signal.SIGKILL)

    die_at(killed_while_writing, "no rename comes first", "before")
    (leftover,) = [p for p in tmp_path.iterdir() if ".staging-" in p.name]
    write_output(tmp_path / "other", "fresh")  # any command writing beside it cleans up
    assert not leftover.exists() and not target.exists()
    err = capsys.readouterr().err
    assert f"removed {leftover}" in err and "left by a command that was killed" in err


def test_a_live_staging_directory_is_never_taken_for_a_leftover(tmp_path):
    target = tmp_path / "out"
    script = ("import sys, time\nfrom tilmash.staging import staging\n"
              "with staging(sys.argv[1]) as stage:\n    print(stage.path, flush=True)\n    time.sleep(60)\n")
    child = subprocess.Popen([sys.executable, "-c", script, str(target)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        busy = Path(child.stdout.readline().strip())
        assert busy.is_dir()
        write_output(tmp_path / "other", "fresh")
        assert busy.is_dir()  # another process is still writing it
    finally:
        child.kill()
        child.wait()
    write_output(tmp_path / "other", "again")
    assert not busy.exists()  # once its process died, it is a leftover


@pytest.mark.slow
def test_a_killed_export_command_leaves_staging_that_the_next_run_cleans(set_copy, tmp_path, capsys):
    """The real CLI: `tilmash export` killed with SIGKILL while it writes its staging directory."""
    out = tmp_path / "corpus-out"
    command = [sys.executable, "-m", "tilmash.cli", "export", str(set_copy), "--method", "length", "--out", str(out)]
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not any(".staging-" in p.name for p in tmp_path.iterdir()) and child.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.005)
    child.kill()
    child.wait()
    if child.returncode != -signal.SIGKILL:
        pytest.fail("the export finished before it could be killed")
    leftovers = [p for p in tmp_path.iterdir() if ".staging-" in p.name]
    assert leftovers
    assert main(command[3:]) == 0  # the same command again, in this process
    assert "left by a command that was killed" in capsys.readouterr().err
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert (out / "export.json").is_file()


def test_a_failed_block_removes_its_staging_and_keeps_the_old_output(tmp_path):
    target = tmp_path / "out"
    write_output(target, "old")
    with pytest.raises(InputError):
        with staging(target) as stage:
            (stage.path / "half.txt").write_text("x", encoding="utf-8")
            raise InputError("x.txt", "bad input found halfway")
    assert generation_of(target) == "old" and sorted(p.name for p in tmp_path.iterdir()) == ["out"]


# the review export: one commit point for the export directory, the post-edits and meta.toml -------------

OLD_TEXT, NEW_TEXT = "Бірінші түзетілген абзац мәтіні.", "Екінші түзетілген абзац мәтіні."


@functools.cache
def _documents(set_dir: Path) -> tuple[Document, list[str], Alignment]:
    """The source, the Kazakh MT's paragraphs and their gold alignment: read once (a forked child inherits them)."""
    docset = load_set(set_dir)
    source = docset.source()
    (entry,) = [e for e in docset.translations() if e.lang == "kk"]
    texts = docset.read(entry).texts()
    gold = read_fitting_alignment(set_dir / "gold" / "ru-kk.txt", len(source), len(texts))
    return source, texts, Alignment("ru", "kk", gold.links, method="review")


def review_export(set_dir: Path, exports: Path, text: str) -> None:
    """What the workbench's export does, for the Kazakh translation with its first paragraph edited."""
    docset = load_set(set_dir)
    source, texts, alignment = _documents(set_dir)
    doc = make_document(docset.id, "kk", [text, *texts[1:]], role="post-edit")
    alignments = {"kk": alignment}
    facts = {"kk": {"reviewers": ["Әлия"], "edited": 1, "approved": 0, "rows": len(alignments["kk"].links)}}
    write_export(exports / "reviewed", docset, source, {"kk": doc}, alignments, {"kk": {}}, {"text": text}, facts)


def export_state(set_dir: Path, exports: Path) -> str:
    """Which export generation the set and the exports hold, asserting that the two agree and are whole."""
    export = exports / "reviewed"
    info = json.loads((export / "export.json").read_text(encoding="utf-8"))
    assert all((export / f).is_file() for f in info["files"])
    jsonl = (export / "corpus" / "astana-2025.jsonl").read_text(encoding="utf-8")
    post_edit = (set_dir / "post-edit" / "kk.txt").read_text(encoding="utf-8").split("\n\n")[0]
    docset = load_set(set_dir)  # the manifest names the post-edit and its alignment, and both fit
    (entry,) = [e for e in docset.files if e.path == "post-edit/kk.txt"]
    doc = docset.read(entry)
    read_fitting_alignment(docset.alignment_path(entry), len(docset.source()), len(doc))
    assert post_edit == info["text"] and info["text"] in jsonl  # the export and the set are one generation
    assert not [p for p in exports.iterdir() if p.name.startswith(".")]
    assert not [p for p in (set_dir / "post-edit").iterdir() if p.name.startswith(".")]
    return {OLD_TEXT: "old", NEW_TEXT: "new"}[info["text"]]


@pytest.mark.parametrize("name, when, expected", [
    (".commit.json", "before", "old"),  # everything staged and pending, nothing committed
    (".commit.json", "after", "new"),  # committed, nothing moved yet
    ("kk.txt", "after", "new"),  # the document moved, its alignment not yet
    (".reviewed.old-*", "after", "new"),  # the old export set aside, the new one not in place
    ("reviewed", "after", "new"),  # the new export in place (issue 18, item 13), the manifest not yet updated
    ("meta.toml", "before", "new"),  # the manifest about to be replaced
])
def test_a_kill_during_a_review_export_leaves_set_and_export_of_one_generation(set_copy, tmp_path, capsys, name,
                                                                               when, expected):
    exports = tmp_path / "state" / "exports"
    review_export(set_copy, exports, OLD_TEXT)
    die_at(lambda: review_export(set_copy, exports, NEW_TEXT), name, when)
    clean_leftovers(exports, set_copy)  # what a restarted workbench does first
    assert export_state(set_copy, exports) == expected
    if expected == "new":
        assert "finished an export" in capsys.readouterr().err


def test_a_symlinked_post_edit_folder_is_refused_and_nothing_is_written_through_it(set_copy, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "kk.txt").write_text("someone else's file\n", encoding="utf-8")
    (set_copy / "post-edit").symlink_to(elsewhere)
    exports = tmp_path / "state" / "exports"
    with pytest.raises(InputError, match="leads out of the document set"):
        review_export(set_copy, exports, NEW_TEXT)
    assert (elsewhere / "kk.txt").read_text(encoding="utf-8") == "someone else's file\n"
    assert sorted(p.name for p in elsewhere.iterdir()) == ["kk.txt"]
    assert not (exports / "reviewed").exists()
    assert "post-edit/kk.txt" not in (set_copy / "meta.toml").read_text(encoding="utf-8")
