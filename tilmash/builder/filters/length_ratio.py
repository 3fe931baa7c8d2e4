"""Drop a row whose sides' lengths disagree with the document's own ratio by more than `max` times.

Languages differ in length (Chinese runs at about a quarter of Russian in characters), so the reference is the
median ratio of the row's own document pair, not 1: what is dropped is a row far longer or shorter than its
neighbours' translations, usually a misalignment or a half-translated paragraph. Rows shorter than `min_chars`
on both sides say too little about length and are kept.
"""
from __future__ import annotations

import math
import statistics
from typing import Any

from align.length import text_length

from .base import CorpusIndex, Row, RowFilter, register


@register
class LengthRatioFilter(RowFilter):
    name = "length_ratio"
    order = 20
    description = "the length ratio of the two sides is over `max` times off the document's median ratio"
    defaults = {"max": 3.0, "min_chars": 12}

    def measure(self, rows: list[Row], src_lang: str, tgt_lang: str) -> list[dict[str, Any]]:
        lengths = [(text_length(row["src"]), text_length(row["tgt"])) for row in rows]
        ratios = [math.log(max(tgt, 1) / max(src, 1)) for src, tgt in lengths]
        median = statistics.median(ratios) if ratios else 0.0
        return [{"ratio_off": round(ratio - median, 4), "chars": max(src, tgt)}
                for ratio, (src, tgt) in zip(ratios, lengths)]

    def keep(self, row: Row, index: CorpusIndex) -> bool:
        measured = row["f"]
        return measured["chars"] < self.settings["min_chars"] or \
            abs(measured["ratio_off"]) <= math.log(self.settings["max"])
