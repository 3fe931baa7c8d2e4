"""Defences shared by the XML and ZIP based readers: entity declarations, zip bombs, disguised files.

A document a user was sent is untrusted. XML can declare entities that expand
to gigabytes ("billion laughs") or pull in local files (external entities);
none of the formats we read needs a DTD, so any entity declaration is refused
before a parser sees the bytes. A DOCX is a ZIP whose members may inflate a
thousandfold; the uncompressed sizes are checked against a limit first.
"""
from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

from ..errors import InputError
from ..textio import line_of_offset, read_bytes

# A DOCX of 300 pages is a few MiB unpacked; 512 MiB leaves room for embedded media.
DEFAULT_MAX_UNPACKED = 512 * 1024 * 1024
MAX_RATIO = 200  # compressed -> uncompressed; text XML deflates about 10x, a bomb 1000x
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!DOCTYPE[^>\[]*\[", re.IGNORECASE)  # a DOCTYPE with an internal subset
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a password-protected Office file is an OLE container


def refuse_entities(data: bytes, path: Path, what: str = "") -> None:
    """Refuse XML (or HTML) bytes that declare entities or carry an internal DTD subset."""
    found = _ENTITY.search(data) or _DOCTYPE.search(data)
    if found:
        where = f"{what}: " if what else ""
        raise InputError(path, f"{where}declares XML entities (a DTD subset); refused: entity expansion and"
                               " external entities can exhaust memory or read local files",
                         line_of_offset(data, found.start()) if not what else None)


def open_office_zip(path: Path, kind: str) -> zipfile.ZipFile:
    """Open an Office Open XML package after checking it is one, is not encrypted and inflates sanely."""
    data = read_bytes(path)
    if data.startswith(_OLE_MAGIC):
        raise InputError(path, f"password-protected or encrypted {kind} (or a legacy binary Office file):"
                               " remove the password or save it as a plain .docx first")
    if not data.startswith(b"PK"):
        raise InputError(path, f"not a {kind} file (not a ZIP package): corrupt or misnamed")
    try:
        archive = zipfile.ZipFile(path)
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise InputError(path, f"corrupt {kind} (ZIP package unreadable: {exc})") from None
    total = sum(m.file_size for m in members)
    packed = max(sum(m.compress_size for m in members), 1)
    limit = int(os.environ.get("TILMASH_MAX_UNPACKED_BYTES", DEFAULT_MAX_UNPACKED))
    if total > limit or (total > 16 * 1024 * 1024 and total / packed > MAX_RATIO):
        archive.close()
        raise InputError(path, f"{kind} would unpack to {total:,} bytes from {packed:,} (limit {limit:,}"
                               f" bytes, ratio {MAX_RATIO}): refused as a possible zip bomb"
                               " (TILMASH_MAX_UNPACKED_BYTES raises the limit)")
    return archive


def read_member(archive: zipfile.ZipFile, name: str, path: Path) -> bytes | None:
    """A package member's bytes, entity-checked; None when the package has no such member."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    try:
        with archive.open(info) as handle:
            data = handle.read(info.file_size + 1)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
        raise InputError(path, f"corrupt package member {name}: {exc}") from None
    if len(data) > info.file_size:
        raise InputError(path, f"package member {name} inflates beyond its declared size: refused")
    refuse_entities(data, path, name)
    return data
