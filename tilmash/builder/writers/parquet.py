"""Parquet shards, `shards/part-00000.parquet`, the same records as the JSONL shards in typed columns (pandas,
Spark, DuckDB, Hugging Face datasets); one shard is held in memory while it fills."""
from __future__ import annotations

from pathlib import Path

from .base import Record, ShardedWriter, register

COLUMNS = ("id", "group", "pair", "system", "level", "src_lang", "tgt_lang", "src", "tgt", "src_ids", "tgt_ids",
           "score", "confidence")


@register
class ParquetWriter(ShardedWriter):
    name = "parquet"
    order = 20
    suffix = ".parquet"
    default = False
    description = "Parquet shards with the JSONL records' columns"

    def __init__(self, base: Path, shard_rows: int) -> None:
        super().__init__(base, shard_rows)
        self._rows: list[Record] = []

    def add_to_shard(self, record: Record) -> None:
        self._rows.append(record)

    def write_shard(self, path: Path) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        text, ids, number = pa.string(), pa.list_(pa.int32()), pa.float64()
        types = {"src_ids": ids, "tgt_ids": ids, "score": number, "confidence": number}
        schema = pa.schema([pa.field(name, types.get(name, text)) for name in COLUMNS])
        table = pa.table({name: [row[name] for row in self._rows] for name in COLUMNS}, schema=schema)
        pq.write_table(table, path)
        self._rows = []
