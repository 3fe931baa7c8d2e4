"""TSV per language pair: one line per alignment link, with a header row.

Text cells escape backslash, tab and newline as \\\\, \\t and \\n, so a cell
never breaks the column structure and the original text can be restored.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..alignment import Alignment
from .base import Corpus, PairExporter, register
from ..model import Document
from ..rows import row_text
from ..textio import atomic_write_text

_ESCAPED = re.compile(r"\\([\\tn])")
_UNESCAPE = {"\\": "\\", "t": "\t", "n": "\n"}


def escape_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def unescape_cell(cell: str) -> str:
    """The inverse of escape_cell, for reading an exported TSV back."""
    return _ESCAPED.sub(lambda m: _UNESCAPE[m.group(1)], cell)


def export_tsv(path: str | Path, alignment: Alignment, src: Document, tgt: Document,
               statuses: list[str] | None = None) -> int:
    """Write the pair's links; returns the number of data lines. `statuses`, one per link, adds a column."""
    lines = [f"src_ids\ttgt_ids\t{src.name}\t{tgt.name}\tlink\tscore" + ("\tstatus" if statuses is not None else "")]
    for k, link in enumerate(alignment.links):
        cells = [
            " ".join(str(i) for i in link.src),
            " ".join(str(j) for j in link.tgt),
            escape_cell(row_text(src, link.src)),
            escape_cell(row_text(tgt, link.tgt)),
            link.kind,
            f"{link.score:.4f}",
        ] + ([statuses[k]] if statuses is not None else [])
        lines.append("\t".join(cells))
    atomic_write_text(path, "\n".join(lines) + "\n")
    return len(lines) - 1


@register
class TsvExporter(PairExporter):
    name = "tsv"
    order = 20
    suffix = ".tsv"
    description = "TSV per pair: one line per link with both texts, the link type and score (and review status)"

    def write_pair(self, path: Path, corpus: Corpus, system: str, doc: Document, alignment: Alignment) -> None:
        export_tsv(path, alignment, corpus.source, doc, statuses=corpus.statuses(system))
