"""Reading raw text files whatever their encoding, and writing outputs atomically.

Russian documents still arrive in cp1251 or KOI8-R; we accept them, but say so,
because a silently mis-decoded file poisons every later step.
"""
from __future__ import annotations

import json
import os
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

_ALLOWED_CONTROLS = {"\t", "\n", "\r"}  # the only controls XML (and so TMX) can carry
_NONCHARACTERS = {"\ufffe", "\uffff"}


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str  # the codec that decoded the bytes, e.g. "utf-8", "cp1251"


def line_of_offset(data: bytes, offset: int) -> int:
    """1-based line of a byte offset, for errors found while decoding."""
    return data.count(b"\n", 0, offset) + 1


def _cyrillic_score(text: str) -> float:
    """How much `text` reads like running Cyrillic prose, 0 to 1.

    cp1251 and KOI8-R put the two cases of the alphabet in swapped byte
    ranges, so decoding with the wrong one turns running Russian text into
    mostly capitals: the right codec gives mostly lower case. Text that is
    mostly Latin (a Latin-1 file, say) is not Cyrillic whatever its case.
    """
    cyrillic = [c for c in text if "\u0400" <= c <= "\u04ff"]
    latin = sum(1 for c in text if c.isascii() and c.isalpha())
    if not cyrillic or len(cyrillic) < latin:
        return 0.0
    return sum(c.islower() for c in cyrillic) / len(cyrillic)


def _decode_legacy(data: bytes, path: Path, utf8_error: UnicodeDecodeError) -> DecodedText:
    best: tuple[float, str, str] | None = None
    for codec in ("cp1251", "koi8-r"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        share = _cyrillic_score(text)
        if best is None or share > best[0]:
            best = (share, codec, text)
    if best is None or best[0] < 0.5:
        raise InputError(
            path,
            f"not UTF-8 (invalid byte 0x{data[utf8_error.start]:02x}) and not Cyrillic cp1251/KOI8-R text",
            line_of_offset(data, utf8_error.start),
        )
    return DecodedText(best[2], best[1])


def decode_bytes(data: bytes, path: Path) -> DecodedText:
    """Decode a document: UTF-8 (with or without BOM), UTF-16 with BOM, cp1251 or KOI8-R."""
    if data.startswith(b"\xef\xbb\xbf"):
        decoded = DecodedText(_strict(data[3:], "utf-8", path, 3), "utf-8-sig")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        decoded = DecodedText(_strict(data, "utf-16", path, 0), "utf-16")
    else:
        nul = data.find(b"\x00")
        if nul >= 0:
            raise InputError(path, "not a text file (binary data: NUL byte)", line_of_offset(data, nul))
        try:
            decoded = DecodedText(data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError as exc:
            decoded = _decode_legacy(data, path, exc)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    for lineno, line in enumerate(text.split("\n"), 1):
        bad = next((c for c in line if (unicodedata.category(c) == "Cc" and c not in _ALLOWED_CONTROLS)
                    or c in _NONCHARACTERS), None)
        if bad is not None:
            raise InputError(path, f"not a text file (control character U+{ord(bad):04X})", lineno)
    return DecodedText(text, decoded.encoding)


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
        return path.read_bytes()
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


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write `text` as UTF-8 so that readers see the old file or the new one, never half of it."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write `data` so that readers see the old file or the new one, never half of it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir():
        raise InputError(path, "is a directory, expected a file to write")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.chmod(tmp, 0o666 & ~current_umask())  # mkstemp makes 0600; outputs get the usual permissions
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


PENDING_SUFFIX = ".pending"  # a file written by write_together, not yet in place


def write_together(files: dict[Path, str], journal: Path) -> None:
    """Write several files as one unit, such as a post-edited document and its alignment: after a
    crash at any moment, `finish_interrupted(journal)` leaves all of them old or all of them new.

    Every new file is first written in full under a pending name beside its target. The journal,
    listing pending name and target, is written atomically only once all of them are on disk: it
    is the commit point. With a journal the renames are (re)done; without one the pending files
    are leftovers of an uncommitted write and `remove_uncommitted` deletes them.
    """
    finish_interrupted(journal)
    pending: dict[Path, Path] = {}
    try:
        for path, text in files.items():
            pending[path] = path.with_name(f".{path.name}{PENDING_SUFFIX}")
            atomic_write_text(pending[path], text)
        atomic_write_text(journal, json.dumps([[str(p), str(t)] for t, p in pending.items()]) + "\n")
    except BaseException:
        for path in pending.values():
            path.unlink(missing_ok=True)
        raise
    finish_interrupted(journal)



def finish_interrupted(journal: Path) -> None:
    """Complete a committed `write_together` that a crash cut short; idempotent."""
    if not journal.is_file():
        return
    for pending, target in json.loads(journal.read_text(encoding="utf-8")):
        if Path(pending).exists():
            os.replace(pending, target)
    journal.unlink()


def remove_uncommitted(directory: Path, journal: Path) -> None:
    """Finish what was committed, then delete pending files that no journal names."""
    finish_interrupted(journal)
    for leftover in directory.glob(f".*{PENDING_SUFFIX}"):
        leftover.unlink(missing_ok=True)
