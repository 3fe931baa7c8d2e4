"""Plain text, the set format itself: blank-line paragraphs, or one segment per line.

Hard-wrapped blocks are joined into one paragraph (with a space, or with
nothing for Chinese). `layout = lines` keeps every line as a segment, as in
Vecalign/Bertalign test sets and WMT/FLORES files, so the indices of their gold
alignments keep pointing at the right lines. A file in that layout read as
paragraphs would silently become one huge paragraph, so that case warns.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..segmenter import join_segments
from ..textio import read_text
from .base import FORMATS, FormatReader, Parsed, ReadOptions, Unit

# Many lines, none blank, and short: the shape of a sentence-per-line file.
_LINES_MIN = 8
_LINES_MAX_MEDIAN = 300


def blocks(text: str) -> list[tuple[int, list[str]]]:
    """(first line, stripped lines) of every non-blank block."""
    found: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for lineno, line in enumerate(text.split("\n"), 1):
        if line.strip():
            if not current:
                start = lineno
            current.append(line.strip())
        elif current:
            found.append((start, current))
            current = []
    if current:
        found.append((start, current))
    return found


def parse_paragraphs(text: str, lang: str) -> list[tuple[int, str]]:
    return [(start, join_segments(lines, lang)) for start, lines in blocks(text)]


def format_paragraphs(paragraphs: Iterable[str]) -> str:
    """A document's file text, one paragraph per block: what `parse_paragraphs` reads back unchanged."""
    return "\n\n".join(paragraphs) + "\n"


def parse_lines(text: str) -> list[tuple[int, str]]:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [(n, line.strip()) for n, line in enumerate(lines, 1)]


def looks_line_per_segment(found: list[tuple[int, list[str]]]) -> bool:
    """One block of many short lines: a sentence-per-line file, not a hard-wrapped paragraph."""
    if len(found) != 1 or len(found[0][1]) < _LINES_MIN:
        return False
    lengths = sorted(len(line) for line in found[0][1])
    return lengths[len(lengths) // 2] <= _LINES_MAX_MEDIAN


@FORMATS.register("txt")
class PlainText(FormatReader):
    name = "txt"
    extensions = (".txt",)
    description = "plain text: blank-line paragraphs (--layout paragraphs) or one segment per line (--layout lines)"

    def option_names(self) -> tuple[str, ...]:
        return ("layout",)

    def read(self, path: Path, options: ReadOptions) -> Parsed:
        decoded = read_text(path)
        parsed = Parsed([], decoded.encoding, warnings=list(decoded.warnings))  # decoded with doubts: say so
        if options.layout == "lines":
            parsed.units = [Unit(text, "line", "", line) for line, text in parse_lines(decoded.text)]
            return parsed
        found = blocks(decoded.text)
        if looks_line_per_segment(found):
            parsed.warnings.append(f"{path}: {len(found[0][1])} lines and no blank line between them, read as one"
                                   " paragraph; if each line is a sentence, use --layout lines")
        parsed.units = [Unit(join_segments(lines, options.lang), "paragraph", "", start) for start, lines in found]
        return parsed
