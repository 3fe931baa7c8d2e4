"""Row filters (see `base`), one module each, and `FilterSet`: the chosen filters with their thresholds.

`--filters FILE` is TOML with a table per filter: its settings, and `enabled = false` to turn it off:

    [confidence]
    min = 0.7
    [boilerplate]
    min_documents = 20
    [script]
    enabled = false
"""
from __future__ import annotations

import sys
import tomllib
from pathlib import Path
from typing import Any

from corpus.errors import InputError
from corpus.registry import discover
from corpus.signature import short_hash

from .base import FILTERS, CorpusIndex, Row, RowFilter, key_of, letters_only, normalised, register

discover(sys.modules[__name__])


class FilterSet:
    """Every registered filter, in order, with its settings; those turned off judge nothing.

    Every filter measures, on or off, so that turning one on later re-filters finished groups without
    aligning them again (a measurement never depends on a threshold)."""

    def __init__(self, config: dict[str, dict[str, Any]] | None = None, source: str = "filters") -> None:
        config = config or {}
        unknown = sorted(set(config) - set(FILTERS.names()))
        if unknown:
            raise InputError(source, f"unknown filter {unknown[0]!r} (filters: {', '.join(FILTERS.names())})")
        self.filters: list[RowFilter] = []
        ordered = sorted(FILTERS.items(), key=lambda item: item[1].order)
        self._measurers = [cls() for _, cls in ordered]
        for name, cls in ordered:
            settings = dict(config.get(name, {}))
            if not settings.pop("enabled", True):
                continue
            try:
                self.filters.append(cls(**settings))
            except (TypeError, ValueError) as exc:
                raise InputError(source, str(exc)) from None

    @classmethod
    def from_file(cls, path: str | Path | None, overrides: dict[str, dict[str, Any]] | None = None) -> "FilterSet":
        """The filters a TOML file configures (all defaults without one), with `overrides` on top (options)."""
        config: dict[str, dict[str, Any]] = {}
        if path is not None:
            try:
                config = tomllib.loads(Path(path).read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError) as exc:
                raise InputError(path, f"cannot read: {exc}") from None
            except tomllib.TOMLDecodeError as exc:
                raise InputError(path, f"malformed TOML: {exc}") from None
            if not all(isinstance(table, dict) for table in config.values()):
                raise InputError(path, "needs one [table] per filter")
        for name, settings in (overrides or {}).items():
            config.setdefault(name, {}).update(settings)
        return cls(config, str(path) if path else "filters")

    def measure(self, rows: list[Row], src_lang: str, tgt_lang: str) -> None:
        """Store every filter's measurements in each row of one document pair and level (`row["f"]`)."""
        for row in rows:
            row.setdefault("f", {})
        for f in self._measurers:
            for row, found in zip(rows, f.measure(rows, src_lang, tgt_lang)):
                row["f"].update(found)

    def observe(self, rows: list[Row], index: CorpusIndex) -> None:
        for f in self.filters:
            f.observe(rows, index)

    def reason(self, row: Row, index: CorpusIndex) -> str | None:
        """The name of the first filter that drops the row, or None when it is kept."""
        return next((f.name for f in self.filters if not f.keep(row, index)), None)

    def measured(self) -> dict[str, int]:
        """What the stored measurements depend on: every filter's measurement version."""
        return {f.name: f.measures for f in self._measurers}

    def settings(self) -> dict[str, dict[str, Any]]:
        return {f.name: f.settings for f in self.filters}

    def signature_hash(self) -> str:
        return short_hash(self.settings())


__all__ = ["FILTERS", "CorpusIndex", "FilterSet", "Row", "RowFilter", "key_of", "letters_only", "normalised",
           "register"]
