"""On-disk embedding cache: SQLite keyed by (embedder id, SHA-256 of the text).

SQLite gives atomic, crash-safe writes and concurrent readers for free; WAL
mode lets a second process read while a run writes. One connection serves
every thread of a process (the review server checks edits on worker threads),
so each use holds the cache's lock.
"""
from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

import numpy as np

from corpus.sqlite import connect, select_in


def default_cache_dir() -> Path:
    """$TILMASH_CACHE_DIR, else $XDG_CACHE_HOME/tilmash, else ~/.cache/tilmash."""
    if os.environ.get("TILMASH_CACHE_DIR"):
        return Path(os.environ["TILMASH_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "tilmash"


def text_key(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


class EmbeddingCache:
    def __init__(self, directory: str | Path) -> None:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / "embeddings.sqlite"
        self._db = connect(self.path, check_same_thread=False)
        self._lock = threading.Lock()
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS vectors (embedder TEXT NOT NULL, key BLOB NOT NULL, dim INTEGER NOT NULL,"
            " vec BLOB NOT NULL, PRIMARY KEY (embedder, key)) WITHOUT ROWID")
        self._db.commit()

    def get_many(self, embedder: str, texts: list[str]) -> dict[str, np.ndarray]:
        keys = {text_key(t): t for t in texts}
        sql = "SELECT key, vec FROM vectors WHERE embedder = ? AND key IN ({marks})"
        with self._lock:
            return {keys[key]: np.frombuffer(vec, dtype=np.float32)
                    for key, vec in select_in(self._db, sql, list(keys), [embedder])}

    def put_many(self, embedder: str, vectors: dict[str, np.ndarray]) -> None:
        with self._lock, self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors (embedder, key, dim, vec) VALUES (?, ?, ?, ?)",
                [(embedder, text_key(t), len(v), np.asarray(v, dtype=np.float32).tobytes()) for t, v in vectors.items()])

    def __len__(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM vectors").fetchone()[0]
