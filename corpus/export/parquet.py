"""Parquet: the JSONL rows as a typed table, for data pipelines (pandas, Spark, DuckDB, HF datasets).

The same columns as the JSONL export: `id`, one text column per language,
`scores` (language -> link score), `flags`, `segments` (language -> segment
ids) and, with review decisions, `status` (language -> status).
"""
from __future__ import annotations

import io
from pathlib import Path

from ..model import Document
from ..rows import Row, row_text
from ..textio import atomic_write_bytes
from .base import Corpus, Exporter, register


def export_parquet(path: str | Path, rows: list[Row], src: Document, targets: dict[str, Document],
                   statuses: dict[int, dict[str, str]] | None = None) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    langs = [src.lang] + list(targets)
    columns: dict[str, list] = {"id": [f"{src.set_id}:row{row.number}" for row in rows]}
    columns[src.lang] = [row_text(src, row.src) for row in rows]
    for lang, doc in targets.items():
        columns[lang] = [row_text(doc, row.tgt.get(lang, ())) for row in rows]
    columns["scores"] = [[(lang, round(score, 4)) for lang, score in row.scores.items()] for row in rows]
    columns["flags"] = [row.flags() for row in rows]
    if statuses is not None:
        columns["status"] = [list(statuses.get(row.number, {}).items()) for row in rows]
    columns["segments"] = [[(src.lang, [src.paragraphs[i].id for i in row.src])]
                           + [(lang, [doc.paragraphs[j].id for j in row.tgt.get(lang, ())])
                              for lang, doc in targets.items()] for row in rows]
    fields = [pa.field("id", pa.string())] + [pa.field(lang, pa.string()) for lang in langs] + [
        pa.field("scores", pa.map_(pa.string(), pa.float64())), pa.field("flags", pa.list_(pa.string()))]
    if statuses is not None:
        fields.append(pa.field("status", pa.map_(pa.string(), pa.string())))
    fields.append(pa.field("segments", pa.map_(pa.string(), pa.list_(pa.string()))))
    table = pa.table(columns, schema=pa.schema(fields))
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    atomic_write_bytes(path, buffer.getvalue())
    return table.num_rows


@register
class ParquetExporter(Exporter):
    name = "parquet"
    order = 50
    default = False
    description = "Parquet: the JSONL rows as a typed table (pandas, Spark, DuckDB, Hugging Face datasets)"

    def write(self, corpus: Corpus, base: Path) -> list[Path]:
        path = base / "corpus" / f"{corpus.set_id}.parquet"
        export_parquet(path, corpus.rows, corpus.source, corpus.targets, statuses=corpus.row_status)
        return [path]
