"""XLIFF per pair, for CAT tools: one unit per alignment link.

XLIFF 1.2 (default): one `<trans-unit>` per link, the source paragraphs as
`<source>`, the translation's as `<target>` (absent for a paragraph the
translation lacks; empty source for one only the translation has), and the
link's shape, score, confidence, review status and quality flags as
`<note from="tilmash">`s. Review status maps onto the state conventions
OmegaT and Okapi read: approved -> `state="final"` with `approved="yes"`,
pending -> `needs-review-translation`, rejected -> `needs-translation`, no
review -> `translated`. XLIFF 2.1 (`version="2.1"`) writes `<unit>`/`<segment>`
with `state` initial/translated/final and the same notes.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from ..alignment import Alignment
from ..model import Document
from ..textio import atomic_write_text
from .base import Corpus, PairExporter, register
from .links import LinkRecord, ids_text, link_records

XLIFF1 = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF2 = "urn:oasis:names:tc:xliff:document:2.0"
STATE_1 = {"approved": "final", "pending": "needs-review-translation", "rejected": "needs-translation",
           None: "translated"}
STATE_2 = {"approved": "final", "pending": "translated", "rejected": "initial", None: "translated"}


def _notes(record: LinkRecord) -> list[str]:
    notes = [f"link {record.kind} (source {ids_text(record.src_ids) or '-'}, target {ids_text(record.tgt_ids) or '-'})",
             f"score {record.score:.4f}", f"confidence {record.confidence:.4f}"]
    if record.status is not None:
        notes.append(f"review {record.status}")
    notes += [f"flag {flag}" for flag in record.flags]
    if not record.src_ids:
        notes.append("target only: the source has no counterpart")
    return notes


def export_xliff(path: str | Path, alignment: Alignment, src: Document, tgt: Document,
                 statuses: list[str] | None = None, flags: list[list[str]] | None = None,
                 version: str = "1.2") -> int:
    """Write the pair's links as XLIFF `version` (1.2 or 2.1); returns the number of units."""
    records = link_records(alignment, src, tgt, statuses, flags)
    original = str(tgt.path.name) if tgt.path else f"{tgt.set_id}-{tgt.lang}"
    root = _xliff2(records, src, tgt, original) if version.startswith("2") else _xliff1(records, src, tgt, original)
    ET.indent(root, space=" ")
    atomic_write_text(path, '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n")
    return len(records)


def _xliff1(records: list[LinkRecord], src: Document, tgt: Document, original: str) -> ET.Element:
    root = ET.Element("xliff", {"version": "1.2", "xmlns": XLIFF1})
    file = ET.SubElement(root, "file", {"original": original, "source-language": src.lang,
                                        "target-language": tgt.lang, "datatype": "plaintext", "tool-id": "tilmash"})
    header = ET.SubElement(file, "header")
    ET.SubElement(header, "tool", {"tool-id": "tilmash", "tool-name": "tilmash"})
    body = ET.SubElement(file, "body")
    for record in records:
        unit = ET.SubElement(body, "trans-unit", {"id": str(record.number)})
        if record.status == "approved":
            unit.set("approved", "yes")
        _space(ET.SubElement(unit, "source")).text = record.source
        if record.tgt_ids:
            target = _space(ET.SubElement(unit, "target", {"state": STATE_1[record.status]}))
            target.text = record.target
        for note in _notes(record):
            ET.SubElement(unit, "note", {"from": "tilmash"}).text = note
    return root


def _xliff2(records: list[LinkRecord], src: Document, tgt: Document, original: str) -> ET.Element:
    root = ET.Element("xliff", {"version": "2.1", "xmlns": XLIFF2, "srcLang": src.lang, "trgLang": tgt.lang})
    file = ET.SubElement(root, "file", {"id": "f1", "original": original})
    for record in records:
        unit = ET.SubElement(file, "unit", {"id": str(record.number)})
        notes = ET.SubElement(unit, "notes")
        for note in _notes(record):
            ET.SubElement(notes, "note", {"category": "tilmash"}).text = note
        segment = ET.SubElement(unit, "segment", {"state": STATE_2[record.status] if record.tgt_ids else "initial"})
        _space(ET.SubElement(segment, "source")).text = record.source
        if record.tgt_ids:
            _space(ET.SubElement(segment, "target")).text = record.target
    return root


def _space(element: ET.Element) -> ET.Element:
    element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return element


@register
class XliffExporter(PairExporter):
    name = "xliff"
    order = 60
    suffix = ".xlf"
    default = False
    shows_flags = True
    description = "XLIFF 1.2 per pair for CAT tools: one trans-unit per link, state from the review, flags as notes"

    def write_pair(self, path: Path, corpus: Corpus, system: str, doc: Document, alignment: Alignment) -> None:
        export_xliff(path, alignment, corpus.source, doc, corpus.statuses(system), corpus.flags(system))
