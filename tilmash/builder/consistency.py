"""Consistency across the corpus: source segments its kept rows translate in more than one way, and translations
its kept rows give to more than one source (the document check of eval.checks.consistency, over every group).

Counted per level, language pair and system (the same translator across documents; two systems of one group
differ by design), from the keys eval.consistency compares segments by, so short segments and punctuation
differences count as they do in a document. A build reports counts, not rows: a translation memory with
thousands of them is cleaned with a tool, while the count says whether that is needed. What it remembers is in
SQLite on disk (derived, so rebuilt by every assembly pass, without journal), as the corpus index is.
"""
from __future__ import annotations

from pathlib import Path

from eval.consistency import MIN_SOURCE_WORDS, MIN_TARGET_WORDS, comparable, segment_key

from .filters import key_of
from .index import scratch_database


class ConsistencyTally:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = scratch_database(path)
        for table in ("by_source", "by_target"):  # (scope, the shared side's key, the other side's key), once
            self._db.execute(f"CREATE TABLE {table} (scope TEXT NOT NULL, shared INTEGER NOT NULL,"
                             " other INTEGER NOT NULL, PRIMARY KEY (scope, shared, other)) WITHOUT ROWID")

    def add(self, scope: str, src: str, tgt: str, src_lang: str, tgt_lang: str) -> None:
        """One kept row of `scope` (level, pair and system)."""
        src_key, tgt_key = segment_key(src), segment_key(tgt)
        if comparable(src, src_lang, MIN_SOURCE_WORDS) is not None:
            self._db.execute("INSERT OR IGNORE INTO by_source VALUES (?, ?, ?)",
                             (scope, key_of(src_key), key_of(tgt_key)))
        if comparable(tgt, tgt_lang, MIN_TARGET_WORDS) is not None and tgt_key != src_key:
            self._db.execute("INSERT OR IGNORE INTO by_target VALUES (?, ?, ?)",
                             (scope, key_of(tgt_key), key_of(src_key)))

    def counts(self, table: str) -> dict[str, int]:
        """Per scope, the shared keys with more than one other side: sources translated in more than one way
        (`by_source`), translations given to more than one source (`by_target`)."""
        rows = self._db.execute(f"SELECT scope, COUNT(*) FROM (SELECT scope, shared FROM {table} GROUP BY scope,"
                                " shared HAVING COUNT(*) > 1) GROUP BY scope")
        return dict(rows.fetchall())

    def close(self) -> None:
        self._db.close()
        self.path.unlink(missing_ok=True)
