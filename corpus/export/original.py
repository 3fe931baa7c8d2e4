"""Back to the original format: a translation written into the DOCX, HTML or XLIFF it was read from.

A post-edited or glossary-enforced translation is plain paragraphs; its
original file holds the structure (styles, tables, links, unit ids, the other
side of an XLIFF). The original's reader walks the file again exactly as when
it was read, and puts paragraph k of the new text where segment k came from,
its placeholders turned back into the original's formatting and codes.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..formats import ReadOptions, reader_for
from ..textio import atomic_write_bytes


def export_original(path: str | Path, original: str | Path, texts: list[str], lang: str, role: str = "mt",
                    format: str | None = None, options: dict | None = None) -> int:
    """Write `texts` (one per segment of `original` as read with these options) into a copy of the
    original at `path`; returns the number of segments written. The original is never modified."""
    path, original = Path(path), Path(original)
    if path.resolve() == original.resolve():
        raise InputError(path, "refusing to overwrite the original; write the result elsewhere")
    reader = reader_for(original, format)
    read_options = ReadOptions(lang=lang, role=role, **(options or {}))
    atomic_write_bytes(path, reader.write_back(original, read_options, list(texts)))
    return len(texts)
