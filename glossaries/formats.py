"""Term-base file formats, chosen by extension: a registry of readers and writers.

TSV is what people edit and TBX what CAT tools exchange; both carry the same
content, so any format converts to any other (`tilmash glossary import|export`).
A further format registers a `TermBaseFormat` here (or through the
`tilmash.termbase_formats` entry-point group).
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from corpus.registry import Registry
from corpus.textio import atomic_write_text, read_bytes

from .model import TermBase
from .tbx import format_tbx, read_tbx
from .tsv import format_tsv, read_tsv


@dataclass(frozen=True)
class TermBaseFormat:
    extensions: tuple[str, ...]  # lower case, with the dot
    read: Callable[[Path], TermBase]
    format: Callable[[TermBase], str]


TERMBASE_FORMATS: Registry[TermBaseFormat] = Registry("term-base format", "tilmash.termbase_formats")
TERMBASE_FORMATS.add("tsv", TermBaseFormat((".tsv", ".txt"), read_tsv, format_tsv))
TERMBASE_FORMATS.add("tbx", TermBaseFormat((".tbx", ".xml"), read_tbx, format_tbx))


def format_of(path: str | Path) -> TermBaseFormat:
    """The format the extension names; any other extension is read as TSV, the form people edit."""
    suffix = Path(path).suffix.lower()
    for _, member in TERMBASE_FORMATS.items():
        if suffix in member.extensions:
            return member
    return TERMBASE_FORMATS.get("tsv")


def read_termbase(path: str | Path) -> TermBase:
    """Read a term base in the format its extension names, with the sha256 of the file for signatures."""
    path = Path(path)
    termbase = format_of(path).read(path)
    return replace(termbase, sha256=hashlib.sha256(read_bytes(path)).hexdigest())


def write_termbase(termbase: TermBase, path: str | Path) -> None:
    atomic_write_text(path, format_of(path).format(termbase))
