"""The review state stays one database when this process opens it from several threads and another
process comes and goes: nothing of ours may drop SQLite's POSIX locks (see `corpus.sqlite.create_private`)."""
from __future__ import annotations

import subprocess
import sys
import threading

from tilmash.review.store import Store

COUNT = "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); print(c.execute('SELECT count(*) FROM meta').fetchone()[0]); c.close()"


def _other_process_count(path) -> int:
    """Open, read and close the database in another process, as a second tool (or a test) would."""
    return int(subprocess.run([sys.executable, "-c", COUNT, str(path)], capture_output=True, text=True,
                              check=True).stdout)


def test_a_second_thread_and_another_process_leave_one_database(tmp_path):
    store = Store(tmp_path / "state" / "review.sqlite")
    with store.write() as conn:
        conn.execute("INSERT INTO meta VALUES ('a', '1')")

    def second_thread() -> None:  # its own connection, opened while the first holds the WAL
        with store.read() as conn:
            conn.execute("SELECT count(*) FROM meta").fetchone()

    thread = threading.Thread(target=second_thread)
    thread.start()
    thread.join()
    wal = store.path.with_name("review.sqlite-wal")
    inode = wal.stat().st_ino
    assert _other_process_count(store.path) == 1
    assert wal.exists() and wal.stat().st_ino == inode  # the other process did not take the WAL away
    with store.write() as conn:
        conn.execute("INSERT INTO meta VALUES ('b', '2')")
    assert _other_process_count(store.path) == 2  # what this process writes afterwards is seen by others


def test_state_file_stays_owner_only(tmp_path):
    store = Store(tmp_path / "state" / "review.sqlite")
    store.path.parent.mkdir(mode=0o755)
    store.path.touch(mode=0o644)  # as an older tilmash left it
    with store.read() as conn:
        conn.execute("SELECT 1").fetchone()
    assert store.path.stat().st_mode & 0o777 == 0o600
