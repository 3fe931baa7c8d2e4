"""An output directory that appears whole or not at all, even when the process is killed.

Everything a command writes goes to a hidden sibling directory first (`.NAME.staging-XXXX`);
only when every file is written does it replace the target, through a journal
(`corpus.textio.write_together`): the journal is written once the staging directory is
complete, and from then on the replacement is finished by whoever comes next, so after a
kill at any moment the old output or the new one is there, whole (the next command, or a
restarted workbench, finishes the move it was cut off in). A crash, a bad input discovered
halfway or a full disk before that point leaves the previous output untouched.

A live command holds a lock on its staging directory; the next command writing beside it
removes the staging directories nobody holds (what a killed command left, which can be large)
and says so on stderr. Journals and staging directories are created, finished and removed
only under a lock on the parent directory, so two commands never trip over each other.

An existing target is only ever replaced when it is an earlier output (it holds the marker
file) or empty: never a directory of someone's data.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.errors import InputError
from corpus.textio import current_umask, directory_lock, finish_interrupted, write_together

STAGING = ".staging-"
ASIDE = ".old-"  # where write_together moves the previous output while the new one takes its place
JOURNAL = ".commit.json"


def check_replaceable(target: Path, marker: str, protected: list[Path]) -> None:
    """Refuse a target that is a file, is or holds a protected path (the inputs), or is not an earlier output."""
    if target.parent.is_dir():  # an interrupted replacement of the target is finished first
        with directory_lock(target.parent):
            clean_interrupted(target.parent)
    resolved = target.resolve()
    for path in protected:
        path = path.resolve()
        if resolved == path or resolved in path.parents:
            raise InputError(target, f"refusing to replace a directory that holds the input {path}")
    if target.exists():
        if not target.is_dir():
            raise InputError(target, "exists and is not a directory")
        if any(target.iterdir()) and not (target / marker).is_file():
            raise InputError(target, f"refusing to replace a directory that is not an earlier output (no {marker})")


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def _held(directory: Path) -> bool:
    """Whether a live process holds the lock on a staging directory."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)


def clean_interrupted(parent: Path, report: Callable[[str], None] | None = None) -> None:
    """Finish the replacements killed commands committed in `parent`, and remove the staging and
    set-aside directories they left; each is reported (default: a line on stderr). The caller holds
    the lock on `parent`."""
    say = report or (lambda line: print(f"tilmash: {line}", file=sys.stderr))
    for journal in sorted(parent.glob(f".*{STAGING}*{JOURNAL}")):
        finish_interrupted(journal)
        target = journal.name[1:].split(STAGING)[0]
        say(f"finished replacing {parent / target}, which a killed command had left half done")
    for half in parent.glob(f"..*{STAGING}*{JOURNAL}.*.tmp"):  # a journal killed while it was written
        half.unlink(missing_ok=True)
    for path in sorted(parent.glob(".*")):
        if not path.is_dir() or path.is_symlink() or not (STAGING in path.name or ASIDE in path.name):
            continue
        if STAGING in path.name and _held(path):
            continue  # another command is writing it right now
        size = _size(path)
        shutil.rmtree(path, ignore_errors=True)
        say(f"removed {path} ({size / 1e6:.1f} MB), left by a command that was killed")


@dataclass
class Staging:
    """A staging directory being filled, locked by this process until `release`."""
    target: Path
    path: Path
    fd: int
    journal: Path | None = None  # once committed, the journal that owns the staging directory

    def commit(self, journal: Path | None = None, files: dict[Path, str] | None = None, note: Any = None,
               finish: Callable[[Any], None] | None = None) -> None:
        """Replace the target with the staging directory, together with `files` (see
        `write_together`); `journal` defaults to one beside the target, where `clean_interrupted`
        finds it."""
        self.journal = journal or self.target.parent / f"{self.path.name}{JOURNAL}"
        with directory_lock(self.target.parent):
            write_together(files or {}, self.journal, directories={self.path: self.target}, note=note,
                           finish=finish)

    def committed(self) -> bool:
        """Whether a journal names the staging directory: from then on it is the new output, not scrap."""
        return self.journal is not None and self.journal.exists()

    def release(self) -> None:
        os.close(self.fd)


@contextmanager
def staging(target: str | Path) -> Iterator[Staging]:
    """A fresh, locked staging directory beside `target`; removed if the block fails, never committed
    by itself (the caller commits). What killed commands left beside it is cleaned up first."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with directory_lock(target.parent):
        clean_interrupted(target.parent)
        path = Path(tempfile.mkdtemp(prefix=f".{target.name}{STAGING}", dir=target.parent))
        path.chmod(0o777 & ~current_umask())
        fd = os.open(path, os.O_RDONLY)
        fcntl.flock(fd, fcntl.LOCK_EX)  # taken under the parent's lock: no cleaner sees it unheld
    stage = Staging(target, path, fd)
    try:
        yield stage
    except BaseException:
        if not stage.committed():  # after the commit point the next command finishes the move instead
            shutil.rmtree(path, ignore_errors=True)
        raise
    finally:
        stage.release()


@contextmanager
def staged_directory(target: str | Path) -> Iterator[Path]:
    """Yield a staging directory; when the block ends without an error it replaces `target` whole."""
    with staging(target) as stage:
        yield stage.path
        stage.commit()
