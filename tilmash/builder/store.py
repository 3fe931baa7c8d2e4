"""Finished groups on disk: the builder's checkpoints, under OUT_DIR/.work/groups/.

One gzipped JSON-lines file per group, named by its key (the content of its documents and the settings that
decide its rows): the first line is the header (documents, pairs, counts), each further line a pair row. Each
is written whole under a temporary name, synced, then renamed, so a run killed at any moment leaves every
finished group complete and nothing half-written; what it was writing is a stray temporary file, removed at the
next start. A rerun finds a group done by its key alone.
"""
from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from corpus.textio import atomic_write_bytes

from .filters import Row

WORK = ".work"


def gzip_bytes(data: bytes) -> bytes:
    """gzip with no time stamp or name in its header, so equal content gives equal files."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=6, mtime=0, filename="") as out:
        out.write(data)
    return buffer.getvalue()


class GroupStore:
    def __init__(self, out_dir: Path) -> None:
        self.root = out_dir / WORK / "groups"

    def path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.jsonl.gz"

    def has(self, key: str) -> bool:
        return self.path(key).is_file()

    def write(self, key: str, header: dict[str, Any], rows: list[Row]) -> None:
        lines = [json.dumps(header, ensure_ascii=False, sort_keys=True)]
        lines += [json.dumps(row, ensure_ascii=False, sort_keys=True) for row in rows]
        atomic_write_bytes(self.path(key), gzip_bytes(("\n".join(lines) + "\n").encode("utf-8")))

    def header(self, key: str) -> dict[str, Any]:
        with gzip.open(self.path(key), "rt", encoding="utf-8") as handle:
            return json.loads(handle.readline())

    def rows(self, key: str) -> Iterator[Row]:
        with gzip.open(self.path(key), "rt", encoding="utf-8") as handle:
            handle.readline()
            for line in handle:
                yield json.loads(line)

    def remove_strays(self) -> int:
        """Delete the temporary files of writes a killed run did not finish; returns how many."""
        strays = list(self.root.glob("*/.*.tmp")) if self.root.is_dir() else []
        for stray in strays:
            stray.unlink(missing_ok=True)
        return len(strays)
