"""From finished groups to the corpus: filter every row and stream the kept ones to the writers.

Two passes over the checkpoints, in input order, so the result is the same whichever engine aligned the groups
and in whatever order they finished: the first lets the corpus-wide filters see everything (how many documents
hold each line), the second judges each row (the first filter that drops it names the reason) and hands the
kept ones to every chosen writer. Memory holds one group at a time; what the corpus-wide filters remember is in
an SQLite index on disk.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .consistency import ConsistencyTally
from .filters import FilterSet, Row
from .index import SqliteIndex
from .inputs import GroupSpec
from .store import WORK, GroupStore
from .writers import WRITERS, CorpusWriter, Record

BINS = 10  # confidence histogram: [0, 0.1), ..., [0.9, 1.0]


@dataclass
class GroupRecord:
    """One input group as the manifest lists it."""
    spec: GroupSpec
    key: str
    status: str = "pending"  # done, failed or skipped
    error: str = ""
    reused: bool = False  # done by an earlier run
    duplicate_of: str | None = None  # skipped: the group with the same content
    documents: list[dict[str, Any]] = field(default_factory=list)
    kept: int = 0
    dropped: Counter = field(default_factory=Counter)


@dataclass
class PairTotals:
    """Counts of one level and language pair."""
    candidates: int = 0  # rows with text on both sides, before filtering
    kept: int = 0
    dropped: Counter = field(default_factory=Counter)  # reason -> rows
    unpaired_src: int = 0  # source segments left without a counterpart by the aligner
    unpaired_tgt: int = 0
    histogram: list[int] = field(default_factory=lambda: [0] * BINS)  # kept rows by confidence
    src_chars: int = 0
    tgt_chars: int = 0
    inconsistent_sources: int = 0  # source segments the kept rows of one system translate in more than one way
    shared_translations: int = 0  # translations the kept rows of one system give to more than one source


def record(group: GroupSpec, pair: dict[str, Any], row: Row) -> Record:
    """A kept row as the shards hold it."""
    level = row["lv"]
    return {"id": f"{group.id}:{row['sys']}:{level[0]}{row['n']}", "group": group.id,
            "pair": f"{pair['src_lang']}-{pair['tgt_lang']}", "system": row["sys"], "level": level,
            "src_lang": pair["src_lang"], "tgt_lang": pair["tgt_lang"], "src": row["src"], "tgt": row["tgt"],
            "src_ids": row["si"], "tgt_ids": row["ti"], "score": row["score"], "confidence": row["conf"]}


def assemble(records: list[GroupRecord], store: GroupStore, filters: FilterSet, formats: list[str],
             stage: Path, shard_rows: int) -> dict[tuple[str, str], PairTotals]:
    """Write the corpus of every done group under `stage`; fills each record's counts; returns the totals per
    (level, language pair)."""
    done = [r for r in records if r.status == "done"]
    index = SqliteIndex(store.root.parent / "index.sqlite")
    tally = ConsistencyTally(store.root.parent / "consistency.sqlite")
    totals: dict[tuple[str, str], PairTotals] = {}
    writers: list[CorpusWriter] = [WRITERS.get(name)(stage, shard_rows) for name in formats]
    try:
        for group in done:
            filters.observe(list(store.rows(group.key)), index)
        for group in done:
            header = store.header(group.key)
            pairs = {(p["name"], p["level"]): p for p in header["pairs"]}
            for pair in header["pairs"]:
                counts = totals.setdefault((pair["level"], f"{pair['src_lang']}-{pair['tgt_lang']}"), PairTotals())
                counts.unpaired_src += pair["unpaired_src"]
                counts.unpaired_tgt += pair["unpaired_tgt"]
            for row in store.rows(group.key):
                pair = pairs[(row["sys"], row["lv"])]
                counts = totals[(row["lv"], f"{pair['src_lang']}-{pair['tgt_lang']}")]
                counts.candidates += 1
                reason = filters.reason(row, index)
                if reason is not None:
                    counts.dropped[reason] += 1
                    group.dropped[reason] += 1
                    continue
                counts.kept += 1
                counts.histogram[min(int(row["conf"] * BINS), BINS - 1)] += 1
                counts.src_chars += len(row["src"])
                counts.tgt_chars += len(row["tgt"])
                group.kept += 1
                tally.add("\x1f".join((row["lv"], f"{pair['src_lang']}-{pair['tgt_lang']}", row["sys"])),
                          row["src"], row["tgt"], pair["src_lang"], pair["tgt_lang"])
                shard_record = record(group.spec, pair, row)
                for writer in writers:
                    writer.add(shard_record)
        for field_name, table in (("inconsistent_sources", "by_source"), ("shared_translations", "by_target")):
            for scope, n in tally.counts(table).items():
                level, pair_name, _ = scope.split("\x1f")
                setattr(totals[(level, pair_name)], field_name, getattr(totals[(level, pair_name)], field_name) + n)
    finally:
        index.close()
        tally.close()
    for writer in writers:
        writer.close()
    return dict(sorted(totals.items()))


__all__ = ["BINS", "GroupRecord", "PairTotals", "WORK", "assemble", "record"]
