"""stats.md: what a person reads about a build: rows per pair, why rows were dropped, how sure the kept links
are, which groups failed, and where the time went."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from corpus.textio import atomic_write_text

from .assemble import BINS, GroupRecord, PairTotals


def _table(head: list[str], rows: list[list[Any]]) -> list[str]:
    return ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)] + \
        ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows] + [""]


def write_stats(path: Path, records: list[GroupRecord], totals: dict[tuple[str, str], PairTotals],
                timings: dict[str, float], engine: dict[str, Any]) -> None:
    status = {s: sum(r.status == s for r in records) for s in ("done", "failed", "skipped")}
    lines = ["# Corpus build", "", f"Groups: {len(records)} ({status['done']} done, of which "
             f"{sum(r.reused for r in records)} from earlier runs; {status['failed']} failed; {status['skipped']}"
             " skipped as duplicates).", "", "## Rows per pair", ""]
    lines += _table(["level", "pair", "candidates", "kept", "dropped", "kept chars (src / tgt)",
                     "unpaired segments (src / tgt)"],
                    [[level, pair, t.candidates, t.kept, t.candidates - t.kept, f"{t.src_chars:,} / {t.tgt_chars:,}",
                      f"{t.unpaired_src} / {t.unpaired_tgt}"] for (level, pair), t in totals.items()])
    reasons = sorted({reason for t in totals.values() for reason in t.dropped})
    lines += ["## Drop reasons", "", "Each dropped row counts under the first filter that drops it.", ""]
    lines += _table(["level", "pair", *reasons],
                    [[level, pair, *(t.dropped.get(reason, 0) for reason in reasons)]
                     for (level, pair), t in totals.items()]) if reasons else ["No row was dropped.", ""]
    lines += ["## Confidence of kept rows", ""]
    lines += _table(["level", "pair", *(f"{k / BINS:.1f}" for k in range(BINS))],
                    [[level, pair, *t.histogram] for (level, pair), t in totals.items()])
    lines += ["## Consistency of kept rows", "",
              "Per system across the corpus (eval.consistency: words and numbers compared, case and punctuation"
              " ignored; sources of two words or more, translations of three or more).", ""]
    lines += _table(["level", "pair", "sources translated in more than one way", "translations of more than one"
                     " source"], [[level, pair, t.inconsistent_sources, t.shared_translations]
                                  for (level, pair), t in totals.items()])
    failed = [r for r in records if r.status == "failed"]
    if failed:
        lines += ["## Failed groups", ""] + _table(["group", "error"], [[r.spec.id, r.error.replace("|", "/")]
                                                                        for r in failed])
    lines += ["## Time per stage (this run)", "",
              f"Engine {engine.get('engine')}, {engine.get('workers', '-')} workers. Seconds summed over workers"
              " (read, embed, align, rows) and in the building process (assemble, total wall time).", ""]
    lines += _table(["stage", "seconds"], [[name, f"{seconds:.2f}"] for name, seconds in sorted(timings.items())])
    atomic_write_text(path, "\n".join(lines))
