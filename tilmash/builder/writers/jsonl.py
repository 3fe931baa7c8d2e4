"""Shards of gzipped JSON lines, `shards/part-00000.jsonl.gz`: one record per kept row, streamed to disk."""
from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import IO

from .base import Record, ShardedWriter, register


@register
class JsonlWriter(ShardedWriter):
    name = "jsonl"
    order = 10
    suffix = ".jsonl.gz"
    description = "gzipped JSON lines, one record per row, in shards"

    def __init__(self, base: Path, shard_rows: int) -> None:
        super().__init__(base, shard_rows)
        self._raw: IO[bytes] | None = None
        self._out: gzip.GzipFile | None = None

    def add_to_shard(self, record: Record) -> None:
        if self._out is None:
            path = self.shard_path()
            path.parent.mkdir(parents=True, exist_ok=True)
            self._raw = open(path, "wb")
            # no time stamp or name in the header: the same rows give the same bytes
            self._out = gzip.GzipFile(fileobj=self._raw, mode="wb", compresslevel=6, mtime=0, filename="")
        self._out.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))

    def write_shard(self, path: Path) -> None:
        assert self._out is not None and self._raw is not None
        self._out.close()
        self._raw.close()
        self._out = self._raw = None
