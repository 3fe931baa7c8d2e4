"""SQLite as every tilmash store opens it: the embedding and translation caches and the review state.

Each of them is shared between processes (a run writing while another reads,
several review workers), so each wants the same two things: WAL, which lets
readers go on while one process writes, and a busy timeout, so a second
writer waits for the lock instead of failing at once.
"""
from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path

BUSY_SECONDS = 30
IN_CHUNK = 500  # keys per `IN (...)`: well under SQLite's limit on variables in one statement


def connect(path: str | Path, **options) -> sqlite3.Connection:
    """A connection in WAL mode with the shared busy timeout; `options` go to `sqlite3.connect`."""
    conn = sqlite3.connect(path, timeout=BUSY_SECONDS, **options)
    conn.execute("PRAGMA journal_mode=WAL")
    return conn


def create_private(path: Path) -> None:
    """Create `path` empty and owner-only unless it exists; an existing one is only chmod'ed.

    The file is never opened when it exists: SQLite's locks are POSIX record locks,
    which the kernel drops for the whole process when *any* descriptor of the file
    is closed. Opening and closing a live database beside this process's own
    connections once let another process believe it was the last user, checkpoint,
    and delete the WAL that the connections here went on writing to.
    """
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        path.chmod(0o600)


def select_in(conn: sqlite3.Connection, sql: str, keys: Sequence, params: Sequence = ()) -> Iterator[tuple]:
    """The rows of `sql` for all of `keys`, asked in chunks: `sql` has one `{marks}` where the
    placeholders of a chunk go, and `params` are bound before them."""
    for start in range(0, len(keys), IN_CHUNK):
        chunk = list(keys[start:start + IN_CHUNK])
        yield from conn.execute(sql.format(marks=",".join("?" * len(chunk))), [*params, *chunk])
