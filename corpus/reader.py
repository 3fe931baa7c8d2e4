"""Reading documents in any supported format into the one Document model.

The reader is chosen by `format` or by the file's extension (corpus/formats/,
plain text when nothing else fits); it returns units with their kind and place,
and this module gives them stable ids, checks the text is there and in the
declared script, and passes on what was skipped. Plain text keeps its two
layouts: blank-line paragraphs, or one segment per line (`presplit`).
"""
from __future__ import annotations

import sys
from pathlib import Path

from .errors import InputError
from .formats import ReadOptions, reader_for
from .formats.base import readable
from .formats.txt import format_paragraphs, parse_lines, parse_paragraphs
from .languages import validate
from .limits import PARAGRAPH_CHARS
from .model import Document, Segment
from .script import language_mismatch

__all__ = ["read_document", "format_paragraphs", "parse_lines", "parse_paragraphs"]


def read_document(
    path: str | Path,
    lang: str,
    set_id: str | None = None,
    *,
    presplit: bool = False,
    role: str = "source",
    check_script: bool = True,
    format: str | None = None,
    layout: str | None = None,
    options: dict | None = None,
    warn: bool = True,
) -> Document:
    """Read a document file; raises `InputError` for anything a user must fix.

    Empty files are an error, not an empty document: aligning nothing against
    something silently produces an all-deletion alignment that looks valid.
    `options` are the reader options a set's manifest records (tracked changes,
    main text only, the side of a bilingual file); warnings go to stderr unless
    `warn` is false, and are kept on the document either way.
    """
    path = Path(path)
    validate(lang, path)
    reader = reader_for(path, format)
    options = dict(options or {})
    layout = layout or options.pop("layout", None) or ("lines" if presplit else "paragraphs")
    read_options = ReadOptions(lang=lang, role=role, layout=layout, **options)
    parsed = reader.read(path, read_options)
    units = [unit for unit in parsed.units if readable(unit)] if reader.name != "txt" else parsed.units
    if not any(unit.text for unit in units):
        raise InputError(path, "empty document: no text")
    longest = max(units, key=lambda unit: len(unit.text))
    PARAGRAPH_CHARS.check(len(longest.text), path, longest.line or None, "a line" if layout == "lines" else "a paragraph")
    if check_script:
        reason = language_mismatch("\n".join(unit.text for unit in units), lang)
        if reason:
            first = next(unit for unit in units if unit.text)
            raise InputError(path, reason, first.line or None)
    for warning in parsed.warnings if warn else ():
        print(f"tilmash: warning: {warning}", file=sys.stderr)
    set_id = set_id or path.stem
    segments = [Segment(f"{set_id}:{lang}:p{n}", unit.text, unit.line, unit.kind, unit.place, unit.tags, unit.meta)
                for n, unit in enumerate(units)]
    origin = {"reader": reader.signature(read_options), "options": read_options.as_dict(reader.option_names()),
              **parsed.details}
    return Document(set_id, lang, segments, path=path, encoding=parsed.encoding, role=role,
                    format=reader.name, skipped=parsed.skipped, warnings=parsed.warnings, origin=origin)
