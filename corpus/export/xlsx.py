"""XLSX per pair, for reviewers who work in a spreadsheet: one row per alignment link.

Columns: link number, source and target paragraph indices, both texts, link
shape, score, confidence, review status and quality flags. The header row is
frozen and filters are on, so a reviewer can sort by confidence or show only
flagged links; texts wrap in wide columns.
"""
from __future__ import annotations

import io
from pathlib import Path

from ..alignment import Alignment
from ..model import Document
from ..textio import atomic_write_bytes
from .base import Corpus, PairExporter, register
from .links import ids_text, link_records

WIDTHS = {"A": 7, "B": 10, "C": 10, "D": 60, "E": 60, "F": 8, "G": 8, "H": 11, "I": 11, "J": 30}


def export_xlsx(path: str | Path, alignment: Alignment, src: Document, tgt: Document,
                statuses: list[str] | None = None, flags: list[list[str]] | None = None) -> int:
    """Write the pair's links as one worksheet; returns the number of data rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment as CellAlignment
    from openpyxl.styles import Font

    records = link_records(alignment, src, tgt, statuses, flags)
    book = Workbook()
    sheet = book.active
    sheet.title = f"{src.lang}-{tgt.lang}"[:31]
    sheet.append(["link", "src_ids", "tgt_ids", src.lang, tgt.lang, "type", "score", "confidence", "status",
                  "flags"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for r in records:
        sheet.append([r.number, ids_text(r.src_ids), ids_text(r.tgt_ids), r.source, r.target, r.kind,
                      round(r.score, 4), round(r.confidence, 4), r.status or "", ", ".join(r.flags)])
    wrap = CellAlignment(wrap_text=True, vertical="top")
    for row in sheet.iter_rows(min_row=2, min_col=4, max_col=5):
        for cell in row:
            cell.alignment = wrap
    for column, width in WIDTHS.items():
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    book.save(buffer)
    atomic_write_bytes(path, buffer.getvalue())
    return len(records)


@register
class XlsxExporter(PairExporter):
    name = "xlsx"
    order = 70
    suffix = ".xlsx"
    default = False
    shows_flags = True
    description = "XLSX per pair: one row per link with type, score, confidence, status and flags, filters on"

    def write_pair(self, path: Path, corpus: Corpus, system: str, doc: Document, alignment: Alignment) -> None:
        export_xlsx(path, alignment, corpus.source, doc, corpus.statuses(system), corpus.flags(system))
