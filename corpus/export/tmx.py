"""TMX 1.4b: one multilingual file, one <tu> per row, pivoted on the source.

Languages are canonical BCP 47 tags (`zh-Hans`). A language with no counterpart in a row gets no <tuv> (CAT tools treat an
empty <seg> as a real, empty translation). Rows with no source paragraph
(insertions in a translation) have no pivot and are left out; the JSONL keeps them.
Given review decisions, each <tuv> and the <tu> carry them as `x-status`
(approved, rejected, pending), so a CAT tool can filter on what was approved.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import Path

from ..model import Document
from ..signature import tilmash_version
from .base import Corpus, Exporter, register
from ..rows import Row, overall_status, row_text
from ..textio import atomic_write_text
from ..textrules import checked_xml

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _prop(parent: ET.Element, kind: str, value: str) -> None:
    ET.SubElement(parent, "prop", type=kind).text = value


def export_tmx(path: str | Path, rows: list[Row], src: Document, targets: dict[str, Document],
               segtype: str = "paragraph", statuses: dict[int, dict[str, str]] | None = None,
               signature: str = "") -> int:
    """Write the TMX file; returns the number of <tu> written. `statuses`: row number -> language -> status;
    `signature` (how the corpus was made) goes into the header as `x-signature`."""
    root = ET.Element("tmx", version="1.4")
    header = ET.SubElement(root, "header", {
        "creationtool": "tilmash", "creationtoolversion": tilmash_version(), "segtype": segtype,
        "o-tmf": "tilmash", "adminlang": "en", "srclang": src.lang, "datatype": "plaintext",
        "creationdate": datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ"),
    })
    if signature:
        _prop(header, "x-signature", signature)
    body = ET.SubElement(root, "body")
    langs = [doc.lang for doc in targets.values()]
    shared = {lang for lang in langs if langs.count(lang) > 1}  # several translations into it: name each system
    written = 0
    for row in rows:
        if not row.src:
            continue
        tu = ET.SubElement(body, "tu", tuid=str(row.number))
        _prop(tu, "x-source-ids", " ".join(src.paragraphs[i].id for i in row.src))
        row_status = statuses.get(row.number, {}) if statuses is not None else None
        if row_status is not None:
            _prop(tu, "x-status", overall_status(row_status.values()))
        tuv = ET.SubElement(tu, "tuv", {XML_LANG: src.lang})
        ET.SubElement(tuv, "seg").text = row_text(src, row.src)
        for lang, doc in targets.items():
            ids = row.tgt.get(lang, ())
            if not ids:
                continue
            tuv = ET.SubElement(tu, "tuv", {XML_LANG: doc.lang})
            if lang != doc.name or doc.lang in shared:
                _prop(tuv, "x-system", lang)
            _prop(tuv, "x-link", row.kinds[lang])
            _prop(tuv, "x-score", f"{row.scores[lang]:.4f}")
            if row_status is not None:
                _prop(tuv, "x-status", row_status.get(lang, "pending"))
            ET.SubElement(tuv, "seg").text = row_text(doc, ids)
        written += 1
    ET.indent(root, space=" ")
    xml = ET.tostring(root, encoding="unicode")
    atomic_write_text(path, '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
                      + checked_xml(xml, path) + "\n")
    return written


@register
class TmxExporter(Exporter):
    name = "tmx"
    order = 10
    description = "TMX 1.4b: one multilingual file, one <tu> per multi-way row pivoted on the source"

    def write(self, corpus: Corpus, base: Path) -> list[Path]:
        path = base / "corpus" / f"{corpus.set_id}.tmx"
        export_tmx(path, corpus.rows, corpus.source, corpus.targets, segtype=corpus.level,
                   statuses=corpus.row_status, signature=corpus.signature)
        return [path]
