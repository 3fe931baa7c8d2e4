"""Persistent translation cache: SQLite, one row per translated segment.

The key hashes everything that decides a segment's translation (model
identity, language pair, decoding settings, glossary version and the
segment's own constraints, and the text), so a re-run translates nothing
twice and a changed glossary or beam size never serves a stale result. Each
finished batch is committed at once: a killed run loses at most the batch it
was working on. WAL mode lets another process read while a run writes.
"""
from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from corpus.errors import InputError
from corpus.sqlite import connect, select_in


def segment_key(*parts: str) -> bytes:
    """One fixed-size key for everything that decides a segment's translation (a NUL cannot occur in them)."""
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).digest()


class TranslationCache:
    """Finished segment translations, shared by every run and model that uses the directory."""

    def __init__(self, directory: str | Path) -> None:
        directory = Path(directory)
        self.path = directory / "translations.sqlite"
        try:
            directory.mkdir(parents=True, exist_ok=True)
            self._db = connect(self.path)
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS translations (key BLOB PRIMARY KEY, model TEXT NOT NULL,"
                " pair TEXT NOT NULL, output TEXT NOT NULL) WITHOUT ROWID")
            self._db.commit()
        except (OSError, sqlite3.Error) as exc:
            raise InputError(directory, f"cannot use the translation cache: {exc}") from None

    def get_many(self, keys: list[bytes]) -> dict[bytes, str]:
        """The cached outputs among `keys`, asked in chunks that stay under SQLite's variable limit."""
        try:
            return dict(select_in(self._db, "SELECT key, output FROM translations WHERE key IN ({marks})", keys))
        except sqlite3.Error as exc:
            raise InputError(self.path, f"cannot read the translation cache: {exc}") from None

    def put_many(self, model: str, pair: str, outputs: dict[bytes, str]) -> None:
        """Commit one batch at once, so a run killed later keeps it.

        A full disk surfaces here as an SQLite error; it becomes an OSError
        so the command line reports it in one line, as it does a full disk
        while writing a document.
        """
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO translations (key, model, pair, output)"
                                     " VALUES (?, ?, ?, ?)", [(key, model, pair, text) for key, text in outputs.items()])
        except sqlite3.Error as exc:
            raise OSError(None, f"cannot write the translation cache: {exc}", str(self.path)) from None

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM translations").fetchone()[0]
