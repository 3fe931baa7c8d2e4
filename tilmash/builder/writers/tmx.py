"""TMX 1.4b per level and language pair (`tmx/paragraph/ru-en.tmx`), one <tu> per kept row, streamed.

Each <tu> carries the row id, its group, score and confidence as props. The header has no creation date, so
two builds of the same corpus give the same bytes.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import IO, Any

from corpus.signature import tilmash_version

from .base import PairFilesWriter, Record, register

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _prop(parent: ET.Element, kind: str, value: str) -> None:
    ET.SubElement(parent, "prop", type=kind).text = value


@register
class TmxWriter(PairFilesWriter):
    name = "tmx"
    order = 30
    description = "TMX 1.4b, one file per level and language pair"

    def open(self, level: str, pair: str, first: Record) -> tuple[Path, IO[str]]:
        path = self.base / "tmx" / level / f"{pair}.tmx"
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "w", encoding="utf-8")
        header = ET.Element("header", {
            "creationtool": "tilmash", "creationtoolversion": tilmash_version(), "segtype": level,
            "o-tmf": "tilmash", "adminlang": "en", "srclang": first["src_lang"], "datatype": "plaintext"})
        handle.write('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">\n')
        handle.write(f" {ET.tostring(header, encoding='unicode')}\n <body>\n")
        return path, handle

    def write(self, handle: Any, record: Record) -> None:
        tu = ET.Element("tu", tuid=record["id"])
        _prop(tu, "x-group", record["group"])
        _prop(tu, "x-score", f"{record['score']:.4f}")
        _prop(tu, "x-confidence", f"{record['confidence']:.4f}")
        for side in ("src", "tgt"):
            tuv = ET.SubElement(tu, "tuv", {XML_LANG: record[f"{side}_lang"]})
            ET.SubElement(tuv, "seg").text = record[side]
        handle[1].write(f"  {ET.tostring(tu, encoding='unicode')}\n")

    def finish(self, handle: Any) -> list[Path]:
        path, out = handle
        out.write(" </body>\n</tmx>\n")
        out.close()
        return [path]
