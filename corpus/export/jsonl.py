"""JSONL: one JSON object per multi-way row.

`{"id", "ru", "en", ..., "scores": {lang: link score}, "flags": [...]}` plus
the segment ids behind each text, so a row can be traced to its paragraphs;
with review decisions, `"status": {lang: approved|rejected|pending}`.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..model import Document
from .base import Corpus, Exporter, register
from ..rows import Row, row_text
from ..textio import atomic_write_text


def export_jsonl(path: str | Path, rows: list[Row], src: Document, targets: dict[str, Document],
                 statuses: dict[int, dict[str, str]] | None = None) -> int:
    lines = []
    for row in rows:
        record: dict = {"id": f"{src.set_id}:row{row.number}", src.name: row_text(src, row.src)}
        for lang, doc in targets.items():
            record[lang] = row_text(doc, row.tgt.get(lang, ()))
        record["scores"] = {lang: round(score, 4) for lang, score in row.scores.items()}
        record["flags"] = row.flags()
        if statuses is not None:
            record["status"] = statuses.get(row.number, {})
        record["segments"] = {src.name: [src.paragraphs[i].id for i in row.src]} | {
            lang: [doc.paragraphs[j].id for j in row.tgt.get(lang, ())] for lang, doc in targets.items()
        }
        lines.append(json.dumps(record, ensure_ascii=False))
    atomic_write_text(path, "\n".join(lines) + "\n")
    return len(lines)


@register
class JsonlExporter(Exporter):
    name = "jsonl"
    order = 30
    description = "JSONL: one object per multi-way row with every language's text, link scores and flags"

    def write(self, corpus: Corpus, base: Path) -> list[Path]:
        path = base / "corpus" / f"{corpus.set_id}.jsonl"
        export_jsonl(path, corpus.rows, corpus.source, corpus.targets, statuses=corpus.row_status)
        return [path]
