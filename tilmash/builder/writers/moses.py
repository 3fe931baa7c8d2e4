"""Moses plain text per level and language pair: two line-parallel files (`moses/paragraph/ru-en.ru`,
`moses/paragraph/ru-en.en`), one kept row per line, line breaks inside a row turned into spaces."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .base import PairFilesWriter, Record, register


@register
class MosesWriter(PairFilesWriter):
    name = "moses"
    order = 40
    description = "Moses plain text, two line-parallel files per level and language pair"

    def open(self, level: str, pair: str, first: Record) -> list[tuple[Path, Any]]:
        directory = self.base / "moses" / level
        directory.mkdir(parents=True, exist_ok=True)
        paths = [directory / f"{pair}.{first[f'{side}_lang']}" for side in ("src", "tgt")]
        if paths[0] == paths[1]:  # a language aligned with itself (another version of one text)
            paths = [directory / f"{pair}.{side}" for side in ("src", "tgt")]
        return [(path, open(path, "w", encoding="utf-8")) for path in paths]

    def write(self, handle: Any, record: Record) -> None:
        for (_, out), side in zip(handle, ("src", "tgt")):
            out.write(" ".join(record[side].split()) + "\n")

    def finish(self, handle: Any) -> list[Path]:
        for _, out in handle:
            out.close()
        return [path for path, _ in handle]
