"""The corpus builder's output formats: a family with one module per format and a registry, `WRITERS`.

A writer is fed the kept rows one at a time, in corpus order, and streams them to its files under the staging
directory (the builder commits the whole output at the end): nothing holds the corpus in memory, at most one
shard of it. Rows are the shards' records (`record` in `tilmash.builder.assemble`): id, group, pair, system,
level, both languages and texts, segment indices, score and confidence.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from corpus.registry import Registry

Record = dict[str, Any]


class CorpusWriter:
    name: ClassVar[str]
    order: ClassVar[int]
    description: ClassVar[str]
    default: ClassVar[bool] = True

    def __init__(self, base: Path, shard_rows: int) -> None:
        self.base = base
        self.shard_rows = shard_rows
        self.written: list[Path] = []

    def add(self, record: Record) -> None:
        raise NotImplementedError

    def close(self) -> list[Path]:
        """Finish every file; returns them all."""
        raise NotImplementedError


class ShardedWriter(CorpusWriter):
    """A format written as numbered shards, `shards/part-00000<suffix>`, each of at most `shard_rows` rows."""
    suffix: ClassVar[str]

    def __init__(self, base: Path, shard_rows: int) -> None:
        super().__init__(base, shard_rows)
        self.in_shard = 0

    def shard_path(self) -> Path:
        return self.base / "shards" / f"part-{len(self.written):05d}{self.suffix}"

    def add(self, record: Record) -> None:
        if self.in_shard == self.shard_rows:
            self.finish_shard()
        self.in_shard += 1
        self.add_to_shard(record)

    def finish_shard(self) -> None:
        if self.in_shard:
            path = self.shard_path()
            path.parent.mkdir(parents=True, exist_ok=True)
            self.write_shard(path)
            self.written.append(path)
            self.in_shard = 0

    def close(self) -> list[Path]:
        self.finish_shard()
        return self.written

    def add_to_shard(self, record: Record) -> None:
        raise NotImplementedError

    def write_shard(self, path: Path) -> None:
        raise NotImplementedError


class PairFilesWriter(CorpusWriter):
    """A format with files per level and language pair (`tmx/paragraph/ru-en.tmx`), streamed as rows come."""

    def __init__(self, base: Path, shard_rows: int) -> None:
        super().__init__(base, shard_rows)
        self.handles: dict[tuple[str, str], Any] = {}

    def add(self, record: Record) -> None:
        key = (record["level"], record["pair"])
        if key not in self.handles:
            self.handles[key] = self.open(*key, record)
        self.write(self.handles[key], record)

    def close(self) -> list[Path]:
        for key in sorted(self.handles):
            self.written += self.finish(self.handles[key])
        return self.written

    def open(self, level: str, pair: str, first: Record) -> Any:
        raise NotImplementedError

    def write(self, handle: Any, record: Record) -> None:
        raise NotImplementedError

    def finish(self, handle: Any) -> list[Path]:
        raise NotImplementedError


WRITERS: Registry[type[CorpusWriter]] = Registry("corpus format", "tilmash.corpus_writers")


def register(cls: type[CorpusWriter]) -> type[CorpusWriter]:
    WRITERS.add(cls.name, cls)
    return cls


def writer_formats(defaults_only: bool = False) -> list[str]:
    names = sorted(WRITERS.names(), key=lambda name: (WRITERS.get(name).order, name))
    return [name for name in names if WRITERS.get(name).default or not defaults_only]
