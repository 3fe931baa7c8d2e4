"""Reading raw text files whatever their encoding, and writing outputs atomically.

Russian documents still arrive in cp1251 or KOI8-R; we accept them, but say so,
because a silently mis-decoded file poisons every later step.
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from .errors import InputError
from .legacy import decode_legacy
from .limits import FILE_BYTES
from .textrules import describe, first_forbidden


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str  # the codec that decoded the bytes, e.g. "utf-8", "cp1251"
    warnings: tuple[str, ...] = ()  # "FILE[:LINE]: what to check", for a text accepted with doubts


def line_of_offset(data: bytes, offset: int) -> int:
    """1-based line of a byte offset, for errors found while decoding."""
    return data.count(b"\n", 0, offset) + 1


def decode_bytes(data: bytes, path: Path) -> DecodedText:
    """Decode a document: UTF-8 (with or without BOM), UTF-16 with BOM, cp1251 or KOI8-R (`corpus.legacy`).

    The text must hold only what `corpus.textrules` allows; the first line that does not is the error.
    """
    warnings: tuple[str, ...] = ()
    if data.startswith(b"\xef\xbb\xbf"):
        text, encoding = _strict(data[3:], "utf-8", path, 3), "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = _strict(data, "utf-16", path, 0), "utf-16"
    else:
        nul = data.find(b"\x00")
        if nul >= 0:
            raise InputError(path, "not a text file (binary data: NUL byte)", line_of_offset(data, nul))
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            legacy = decode_legacy(data, path, exc, line_of_offset(data, exc.start))
            text, encoding, warnings = legacy.text, legacy.encoding, legacy.warnings
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    at = first_forbidden(text)
    if at is not None:
        raise InputError(path, f"not a text file ({describe(text[at])})", text.count("\n", 0, at) + 1)
    return DecodedText(text, encoding, warnings)


def _strict(data: bytes, codec: str, path: Path, offset: int) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"invalid {codec} byte sequence", line_of_offset(data, offset + exc.start)) from None


def read_bytes(path: str | Path) -> bytes:
    """A file's bytes; a missing, unreadable or directory path is an `InputError`."""
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a directory, expected a file")
    try:
        with path.open("rb") as handle:  # the size of what was opened, not of what the name pointed to before
            FILE_BYTES.check(os.fstat(handle.fileno()).st_size, path)
            return handle.read()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None


def read_text(path: str | Path) -> DecodedText:
    """Read and decode a text file; every failure is an `InputError` naming the file."""
    return decode_bytes(read_bytes(path), Path(path))


def line_containing(text: str, needle: str) -> int | None:
    """1-based number of the first line containing `needle`: where to point an error in a parsed file."""
    for lineno, line in enumerate(text.split("\n"), 1):
        if needle in line:
            return lineno
    return None


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def inside(root: str | Path, path: str | Path) -> bool:
    """Whether `path`, with every link resolved, is `root` or lies under it: what a file a set names, or a
    file written into a set, must satisfy (a link out of the set would read or overwrite someone else's file)."""
    root = Path(root).resolve()
    resolved = Path(path).resolve()
    return resolved == root or root in resolved.parents


_HELD: dict[tuple[int, int, int], int] = {}  # (thread, device, inode) -> how deep this thread holds it


def lock_directory(directory: str | Path) -> int:
    """Lock a directory exclusively across processes and threads; the returned descriptor releases it
    (`unlock_directory`). Re-entrant within a thread: a writer that already holds a directory (a staging
    directory being filled) may call code that locks it again (the manifest writer) without deadlocking
    on itself, since two descriptors of one file conflict under flock even in one process."""
    fd = os.open(directory, os.O_RDONLY)
    info = os.fstat(fd)
    key = (threading.get_ident(), info.st_dev, info.st_ino)
    if key not in _HELD:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except BaseException:
            os.close(fd)
            raise
    _HELD[key] = _HELD.get(key, 0) + 1
    return fd


def unlock_directory(fd: int) -> None:
    info = os.fstat(fd)
    key = (threading.get_ident(), info.st_dev, info.st_ino)
    _HELD[key] -= 1
    if not _HELD[key]:
        del _HELD[key]
    os.close(fd)  # closing the descriptor that took the lock releases it


@contextmanager
def directory_lock(directory: str | Path) -> Iterator[None]:
    """An exclusive lock on a directory itself (its inode survives the atomic replaces of what is inside
    it); released when the block ends or the process dies."""
    fd = lock_directory(directory)
    try:
        yield
    finally:
        unlock_directory(fd)


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write `text` as UTF-8 so that readers see the old file or the new one, never half of it."""
    with atomic_writer(path) as handle:
        handle.write(text.encode("utf-8"))


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write `data` so that readers see the old file or the new one, never half of it."""
    with atomic_writer(path) as handle:
        handle.write(data)


@contextmanager
def atomic_writer(path: str | Path) -> Iterator[BinaryIO]:
    """A handle whose bytes replace `path` when the block ends without an error, and vanish when it raises: for an
    output too large to build in memory first (a corpus manifest of a million groups)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir():
        raise InputError(path, "is a directory, expected a file to write")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.chmod(tmp, 0o666 & ~current_umask())  # mkstemp makes 0600; outputs get the usual permissions
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except UnicodeEncodeError as exc:  # a lone surrogate: refuse it rather than leave half a file
        Path(tmp).unlink(missing_ok=True)
        raise InputError(path, f"cannot write a {describe(exc.object[exc.start])}: it is not text") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


PENDING_SUFFIX = ".pending"  # a file written by write_together, not yet in place


def write_together(files: dict[Path, str], journal: Path, *, directories: dict[Path, Path] | None = None,
                   note: Any = None, finish: Callable[[Any], None] | None = None) -> None:
    """Put several outputs in place as one unit, such as a post-edited document and its alignment, or a
    review export with the post-edits it made: after a crash at any moment, `finish_interrupted(journal)`
    leaves all of them old or all of them new.

    `files` are written in full under pending names beside their targets; `directories` maps a directory
    already staged in full to the directory it replaces. The journal, listing every move, is written
    atomically only once all of them are on disk: it is the commit point. With a journal the moves are
    (re)done, then `finish(note)` (e.g. recording the files in a manifest), then the journal goes;
    without one the pending files are leftovers of an uncommitted write and `remove_uncommitted`
    deletes them. Paths are kept relative to the journal, so a moved tree still recovers.
    """
    finish_interrupted(journal, finish)
    pending: dict[Path, Path] = {}
    try:
        for path, text in files.items():
            pending[path] = path.with_name(f".{path.name}{PENDING_SUFFIX}")
            atomic_write_text(pending[path], text)
        moves = [[_relative(p, journal), _relative(t, journal), None] for t, p in pending.items()]
        for staged, target in (directories or {}).items():
            aside = target.with_name(f".{target.name}.old-{staged.name.rsplit('-', 1)[-1]}")
            moves.append([_relative(staged, journal), _relative(target, journal), _relative(aside, journal)])
        atomic_write_text(journal, json.dumps({"moves": moves, "note": note}, ensure_ascii=False) + "\n")
    except BaseException:
        for path in pending.values():
            path.unlink(missing_ok=True)
        raise
    finish_interrupted(journal, finish)


def _relative(path: Path, journal: Path) -> str:
    return os.path.relpath(Path(path).absolute(), journal.absolute().parent)


def _move(new: Path, target: Path, aside: Path | None) -> None:
    """One move of a journal, idempotent: a file replaces its target atomically; a directory first moves
    the target aside (to `aside`, deleted once the new one is in place: never before)."""
    if aside is None:
        if new.exists():
            os.replace(new, target)
        return
    if new.exists():
        if target.exists():
            if aside.exists():  # an earlier attempt moved another copy aside: it is obsolete as well
                shutil.rmtree(aside)
            os.replace(target, aside)
        os.replace(new, target)
    elif not target.exists() and aside.exists():  # the new one was lost after all: keep the old
        os.replace(aside, target)
    shutil.rmtree(aside, ignore_errors=True)


def finish_interrupted(journal: Path, finish: Callable[[Any], None] | None = None) -> bool:
    """Complete a committed `write_together` that a crash cut short; idempotent. True when there was one."""
    if not journal.is_file():
        return False
    data = json.loads(journal.read_text(encoding="utf-8"))
    base = journal.absolute().parent
    for new, target, aside in data["moves"]:
        _move(base / new, base / target, None if aside is None else base / aside)
    if finish is not None:
        finish(data["note"])
    journal.unlink(missing_ok=True)
    return True


def remove_uncommitted(directory: Path, journal: Path, finish: Callable[[Any], None] | None = None) -> bool:
    """Finish what was committed (True when there was something), then delete pending files that no
    journal names."""
    finished = finish_interrupted(journal, finish)
    for leftover in directory.glob(f".*{PENDING_SUFFIX}"):
        leftover.unlink(missing_ok=True)
    return finished
