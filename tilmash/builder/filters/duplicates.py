"""Drop a row that repeats an earlier kept row of the corpus exactly (after Unicode normalisation, case folding
and whitespace): the same pair of one language pair and level is worth one row in training data."""
from __future__ import annotations

from typing import Any

from .base import CorpusIndex, Row, RowFilter, key_of, normalised, register


@register
class DuplicateFilter(RowFilter):
    name = "duplicate"
    order = 60
    description = "an earlier row has the same normalised texts"

    def measure_row(self, row: Row, src_lang: str, tgt_lang: str) -> dict[str, Any]:
        return {"exact": key_of("exact", row["lv"], src_lang, tgt_lang, normalised(row["src"]),
                                normalised(row["tgt"]))}

    def keep(self, row: Row, index: CorpusIndex) -> bool:
        return index.first_time(row["f"]["exact"])
