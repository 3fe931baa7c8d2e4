"""Bilingual DOCX per pair, for reviewers who work in Word: a table with one row per alignment link.

Columns: link number, source text, translation, status. The status cell is
shaded (approved green, rejected red, pending amber; a link the aligner is
unsure of, confidence under 0.9, amber too when unreviewed), and each quality
flag of a link is a Word comment on its translation, where a reviewer sees it
in the margin.
"""
from __future__ import annotations

import io
from pathlib import Path

from ..alignment import Alignment
from ..model import Document
from ..textio import atomic_write_bytes
from .base import Corpus, PairExporter, register
from .links import LinkRecord, link_records

COLOURS = {"approved": "C6EFCE", "rejected": "FFC7CE", "pending": "FFEB9C", "check": "FFEB9C", "ok": "FFFFFF"}
LOW_CONFIDENCE = 0.9


def status_label(record: LinkRecord) -> str:
    if record.status:
        return record.status
    return "check" if record.src_ids and record.tgt_ids and record.confidence < LOW_CONFIDENCE else "ok"


def export_bilingual_docx(path: str | Path, alignment: Alignment, src: Document, tgt: Document,
                          statuses: list[str] | None = None, flags: list[list[str]] | None = None) -> int:
    """Write the pair's links as a table; returns the number of data rows."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    records = link_records(alignment, src, tgt, statuses, flags)
    document = docx.Document()
    document.add_heading(f"{src.set_id}: {src.lang} - {tgt.lang}", level=1)
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, ("#", src.lang, tgt.lang, "status")):
        cell.paragraphs[0].add_run(title).bold = True
    for record in records:
        cells = table.add_row().cells
        cells[0].text = str(record.number)
        cells[1].text = record.source
        target_run = cells[2].paragraphs[0].add_run(record.target)
        label = status_label(record)
        cells[3].text = label
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:fill"), COLOURS[label])
        cells[3]._tc.get_or_add_tcPr().append(shading)
        notes = list(record.flags) + ([f"confidence {record.confidence:.2f}"] if label == "check" else [])
        if notes and record.target:
            document.add_comment(target_run, "\n".join(notes), author="tilmash", initials="TM")
    for row in table.rows:
        for paragraph in (p for cell in row.cells for p in cell.paragraphs):
            for run in paragraph.runs:
                run.font.size = Pt(10)
    buffer = io.BytesIO()
    document.save(buffer)
    atomic_write_bytes(path, buffer.getvalue())
    return len(records)


@register
class BilingualDocxExporter(PairExporter):
    name = "docx"
    order = 80
    suffix = ".docx"
    default = False
    shows_flags = True
    description = "bilingual DOCX per pair: a table row per link, status shaded, flags as comments"

    def write_pair(self, path: Path, corpus: Corpus, system: str, doc: Document, alignment: Alignment) -> None:
        export_bilingual_docx(path, alignment, corpus.source, doc, corpus.statuses(system), corpus.flags(system))
