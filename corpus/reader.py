"""Reading documents: one paragraph per block, blocks separated by blank lines.

Hard-wrapped blocks are joined into one paragraph (with a space, or with
nothing for Chinese, which does not separate words). In presplit mode every
line is one segment, as in Vecalign and Bertalign test sets, so indices in
their gold files keep pointing at the right lines.
"""
from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from .errors import InputError
from .limits import PARAGRAPH_CHARS
from .model import Document, Segment
from .script import language_mismatch
from .segmenter import join_segments
from .textio import read_text


def _blocks(text: str) -> list[tuple[int, list[str]]]:
    """(first line, stripped lines) of every non-blank block."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for lineno, line in enumerate(text.split("\n"), 1):
        if line.strip():
            if not current:
                start = lineno
            current.append(line.strip())
        elif current:
            blocks.append((start, current))
            current = []
    if current:
        blocks.append((start, current))
    return blocks


def parse_paragraphs(text: str, lang: str) -> list[tuple[int, str]]:
    return [(start, join_segments(lines, lang)) for start, lines in _blocks(text)]


def format_paragraphs(paragraphs: Iterable[str]) -> str:
    """A document's file text, one paragraph per block: what `parse_paragraphs` reads back unchanged."""
    return "\n\n".join(paragraphs) + "\n"


def parse_lines(text: str) -> list[tuple[int, str]]:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [(n, line.strip()) for n, line in enumerate(lines, 1)]


def read_document(
    path: str | Path,
    lang: str,
    set_id: str | None = None,
    *,
    presplit: bool = False,
    role: str = "source",
    check_script: bool = True,
) -> Document:
    """Read a document file; raises `InputError` for anything a user must fix.

    Empty files are an error, not an empty document: aligning nothing against
    something silently produces an all-deletion alignment that looks valid.
    """
    path = Path(path)
    decoded = read_text(path)
    units = parse_lines(decoded.text) if presplit else parse_paragraphs(decoded.text, lang)
    if not any(text for _, text in units):
        raise InputError(path, "empty document: no text")
    longest = max(units, key=lambda unit: len(unit[1]))
    PARAGRAPH_CHARS.check(len(longest[1]), path, longest[0], "a line" if presplit else "a paragraph")
    if check_script:
        reason = language_mismatch(decoded.text, lang)
        if reason:
            first = next(line for line, text in units if text)
            raise InputError(path, reason, first)
    set_id = set_id or path.stem
    segments = [Segment(f"{set_id}:{lang}:p{n}", text, line) for n, (line, text) in enumerate(units)]
    for warning in decoded.warnings:  # accepted with doubts: say so now, and keep it for the summary
        print(f"tilmash: warning: {warning}", file=sys.stderr)
    return Document(set_id, lang, segments, path=path, encoding=decoded.encoding, role=role,
                    warnings=list(decoded.warnings))
