"""Drop a row whose texts equal an earlier kept row's letter for letter once digits, punctuation and spacing
are removed: the same sentence with another date, number or quotation mark."""
from __future__ import annotations

from typing import Any

from .base import CorpusIndex, Row, RowFilter, key_of, letters_only, register


@register
class NearDuplicateFilter(RowFilter):
    name = "near_duplicate"
    order = 70
    description = "an earlier row has the same letters, digits and punctuation aside"

    def measure_row(self, row: Row, src_lang: str, tgt_lang: str) -> dict[str, Any]:
        return {"near": key_of("near", row["lv"], src_lang, tgt_lang, letters_only(row["src"]),
                               letters_only(row["tgt"]))}

    def keep(self, row: Row, index: CorpusIndex) -> bool:
        return index.first_time(row["f"]["near"])
