"""The row filters of the corpus builder: a family with one module per filter and a registry, `FILTERS`.

A filter works in two places. `measure` runs in the worker that aligned the group (in parallel, once per row,
stored with the row in the group's checkpoint): whatever costs time to compute from the texts. `keep` runs in
the one pass that writes the shards, from those stored measurements and the filter's thresholds, so changing
a threshold (`--filters FILE`, `--min-confidence`) re-filters a finished corpus without aligning anything
again. Corpus-wide filters (duplicates, boilerplate) also see every group before any row is judged
(`observe`), through a `CorpusIndex` on disk, so their memory does not grow with the corpus.

Every dropped row is counted under the name of the first filter, in `order`, that drops it.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Any, ClassVar

from corpus.registry import Registry

Row = dict[str, Any]  # a pair row as a checkpoint stores it: texts, ids, score, confidence, measurements ("f")


class CorpusIndex:
    """What corpus-wide filters remember across groups; the builder passes its on-disk implementation."""

    def count_documents(self, keys: set[int]) -> None:
        """Count one more document (group) holding each of `keys`."""
        raise NotImplementedError

    def documents(self, keys: list[int]) -> dict[int, int]:
        """How many documents hold each key (absent keys: none)."""
        raise NotImplementedError

    def first_time(self, key: int) -> bool:
        """Whether `key` is new to the corpus (it is remembered from now on)."""
        raise NotImplementedError


class RowFilter:
    name: ClassVar[str]
    order: ClassVar[int]  # cheap and certain reasons first: a row counts under the first filter that drops it
    description: ClassVar[str]
    defaults: ClassVar[dict[str, float]] = {}
    measures: ClassVar[int] = 1  # bump when `measure` would give other values: finished groups are redone

    def __init__(self, **settings: float) -> None:
        unknown = sorted(set(settings) - set(self.defaults))
        if unknown:
            raise ValueError(f"filter {self.name} has no setting {unknown[0]!r} (settings: "
                             f"{', '.join(self.defaults) or 'none'})")
        self.settings = {**self.defaults, **settings}

    def measure(self, rows: list[Row], src_lang: str, tgt_lang: str) -> list[dict[str, Any]]:
        """Measurements of the rows of one document pair and level, one dict per row, computed where they were
        aligned; most filters measure each row alone (`measure_row`)."""
        return [self.measure_row(row, src_lang, tgt_lang) for row in rows]

    def measure_row(self, row: Row, src_lang: str, tgt_lang: str) -> dict[str, Any]:
        return {}

    def observe(self, rows: list[Row], index: CorpusIndex) -> None:
        """See one group's rows before any row is judged (corpus-wide filters)."""

    def keep(self, row: Row, index: CorpusIndex) -> bool:
        raise NotImplementedError


FILTERS: Registry[type[RowFilter]] = Registry("row filter", "tilmash.corpus_filters")


def register(cls: type[RowFilter]) -> type[RowFilter]:
    FILTERS.add(cls.name, cls)
    return cls


_SPACE = re.compile(r"\s+")
_NOT_LETTERS = re.compile(r"[\W\d_]+")


def normalised(text: str) -> str:
    """Text as exact duplicates compare it: NFKC, case folded, whitespace collapsed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def letters_only(text: str) -> str:
    """Text as near duplicates compare it: only its letters, so numbers, punctuation and spacing do not count."""
    return _NOT_LETTERS.sub("", normalised(text))


def key_of(*parts: str) -> int:
    """A 64-bit key of some strings (SQLite's integer, so the index stays compact)."""
    digest = hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)
