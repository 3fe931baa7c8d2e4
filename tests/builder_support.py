"""Shared by the corpus builder's tests: a small synthetic corpus (benchmarks/make_corpus.py), the CLI in a
subprocess, and comparisons of two builds' files."""
from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_corpus import make_corpus  # noqa: E402

TILMASH = [sys.executable, "-m", "tilmash.cli"]
RECORDS = ("manifest.json", "stats.md")  # what differs between two builds of the same corpus: times, engine


def corpus(root: Path, groups: int, seed: int = 0) -> list[Path]:
    """The inputs of a synthetic corpus of `groups` groups: its directory of sets and its manifest (if any)."""
    make_corpus(root, groups, seed)
    manifest = root / "pairs" / "manifest.tsv"
    return [root / "sets"] + ([manifest] if manifest.is_file() else [])


def cli(*args: str | Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([*TILMASH, *map(str, args)], capture_output=True, text=True, cwd=ROOT, **kwargs)


def start(*args: str | Path) -> subprocess.Popen:
    return subprocess.Popen([*TILMASH, *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=ROOT, env=os.environ | {"PYTHONUNBUFFERED": "1"})


def checkpoints(out: Path) -> list[Path]:
    return sorted((out / ".work" / "groups").glob("*/*.jsonl.gz"))


def wait_for_checkpoints(out: Path, proc: subprocess.Popen, at_least: int = 1, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while len(checkpoints(out)) < at_least:
        assert proc.poll() is None, f"the build ended before it was killed: {proc.stderr.read() if proc.stderr else ''}"
        assert time.monotonic() < deadline, "no checkpoint was written in time"
        time.sleep(0.05)


def output_files(out: Path) -> dict[str, bytes]:
    """Every file a build writes at the top of OUT_DIR but its records, by relative path."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and ".work" not in p.relative_to(out).parts and p.name not in RECORDS}


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def shard_rows(out: Path) -> list[dict]:
    rows = []
    for shard in sorted((out / "shards").glob("part-*.jsonl.gz")):
        with gzip.open(shard, "rt", encoding="utf-8") as handle:
            rows += [json.loads(line) for line in handle]
    return rows


def dies_on_group_5(batch: list) -> list:
    """A pool job whose process dies on the group at input index 5, as a native crash or the OOM killer would
    end it, and finishes every other group (with no rows: the engine is under test, not the pipeline)."""
    from tilmash.builder.pipeline import GroupOutcome
    if any(task.index == 5 for task in batch):
        os._exit(3)
    return [GroupOutcome(task.index, task.key, "done") for task in batch]


def dies_on_every_group_but_the_first(batch: list) -> list:
    """A pool job whose process dies on every group but index 0: the machine, not one input, is at fault."""
    from tilmash.builder.pipeline import GroupOutcome
    if any(task.index > 0 for task in batch):
        os.kill(os.getpid(), 9)
    return [GroupOutcome(task.index, task.key, "done") for task in batch]


def run_dying_engine(engine, inputs: list[Path], stops: bool, lost: str) -> list:
    """Ten groups through a started engine whose workers die on some of them: every outcome it gives, or, with
    `stops`, none, once it has stopped with an EngineLost whose message matches `lost`. Closes the engine."""
    import pytest
    from tilmash.builder.engines.base import EngineLost
    from tilmash.builder.inputs import read_inputs
    from tilmash.builder.pipeline import GroupTask

    tasks = [GroupTask(k, str(k), group) for k, group in enumerate(read_inputs(inputs)[:10])]
    seen: list = []
    try:
        if stops:
            with pytest.raises(EngineLost, match=lost):
                for outcomes in engine.map([[task] for task in tasks]):
                    seen += outcomes
            return []
        for outcomes in engine.map([tasks[:4], tasks[4:7], tasks[7:]]):
            seen += outcomes
    finally:
        engine.close()
    assert sorted(o.index for o in seen) == list(range(10))  # every group once, none lost, none twice
    return seen


class WorkerDyingOnGroup5:
    """A Ray actor's worker whose process dies on the group at input index 5 and finishes the others with no rows:
    the ray engine's handling of a lost actor is under test, not the pipeline."""

    def __init__(self, *settings: object) -> None:
        pass

    @staticmethod
    def dies(index: int) -> bool:
        return index == 5

    def run(self, batch: list) -> list:
        from tilmash.builder.pipeline import GroupOutcome
        if any(self.dies(task.index) for task in batch):
            os._exit(3)
        return [GroupOutcome(task.index, task.key, "done") for task in batch]


class WorkerDyingOnEveryGroupButTheFirst(WorkerDyingOnGroup5):
    """The machine, not one input, is at fault."""

    @staticmethod
    def dies(index: int) -> bool:
        return index > 0


def build_documents(tmp_path: Path, documents: list[list[tuple[str, str]]], filters: str) -> Path:
    """Build, with the length aligner at paragraph level, a corpus of Russian-English documents given as lists of
    (source, translation) paragraphs, with a filters file of `filters` (TOML); returns the output directory."""
    from tilmash.builder import BuildOptions, build_corpus

    lines = []
    for k, pairs in enumerate(documents):
        (tmp_path / f"{k}.ru.txt").write_text("\n\n".join(src for src, _ in pairs) + "\n", encoding="utf-8")
        (tmp_path / f"{k}.en.txt").write_text("\n\n".join(tgt for _, tgt in pairs) + "\n", encoding="utf-8")
        lines.append(f"{k}.ru.txt\tru\t{k}.en.txt\ten")
    (tmp_path / "filters.toml").write_text(filters, encoding="utf-8")
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text("\n".join(["src\tsrc_lang\ttgt\ttgt_lang", *lines]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    build_corpus([tsv], out, BuildOptions(method="length", workers=1, quiet=True, levels=["paragraph"],
                                          filters=tmp_path / "filters.toml"))
    return out
