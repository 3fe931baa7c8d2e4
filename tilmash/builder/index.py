"""The corpus-wide filters' memory: SQLite on disk, so it does not grow in RAM with the corpus.

Rebuilt by every assembly pass (it is derived from the checkpoints), so it needs no durability: no journal,
no syncing.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from corpus.sqlite import select_in

from .filters import CorpusIndex


def scratch_database(path: Path) -> sqlite3.Connection:
    """A new, empty SQLite file for what an assembly pass derives: no journal, no syncing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    return db


class SqliteIndex(CorpusIndex):
    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = scratch_database(path)
        self._db.execute("CREATE TABLE documents (key INTEGER PRIMARY KEY, n INTEGER NOT NULL)")
        self._db.execute("CREATE TABLE seen (key INTEGER PRIMARY KEY)")

    def count_documents(self, keys: set[int]) -> None:
        self._db.executemany("INSERT INTO documents (key, n) VALUES (?, 1) ON CONFLICT(key) DO UPDATE SET n = n + 1",
                             [(key,) for key in keys])

    def documents(self, keys: list[int]) -> dict[int, int]:
        return dict(select_in(self._db, "SELECT key, n FROM documents WHERE key IN ({marks})", list(set(keys))))

    def first_time(self, key: int) -> bool:
        return self._db.execute("INSERT OR IGNORE INTO seen (key) VALUES (?)", (key,)).rowcount == 1

    def close(self) -> None:
        self._db.close()
        self.path.unlink(missing_ok=True)
