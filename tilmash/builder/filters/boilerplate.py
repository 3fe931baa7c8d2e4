"""Drop a row whose source or target line recurs in at least `min_documents` documents of the corpus: site
headers, "Press service of the Ministry", "Back to top", disclaimers, which a crawl repeats on every page.

A line is counted once per document however often it repeats there, so the threshold reads as "a line in
this many documents"; the count is taken over the whole corpus before any row is written.
"""
from __future__ import annotations

from typing import Any

from .base import CorpusIndex, Row, RowFilter, key_of, normalised, register


@register
class BoilerplateFilter(RowFilter):
    name = "boilerplate"
    order = 50
    description = "one side's line recurs in at least `min_documents` documents"
    defaults = {"min_documents": 5}

    def measure_row(self, row: Row, src_lang: str, tgt_lang: str) -> dict[str, Any]:
        return {"src_line": key_of(row["lv"], src_lang, normalised(row["src"])),
                "tgt_line": key_of(row["lv"], tgt_lang, normalised(row["tgt"]))}

    def observe(self, rows: list[Row], index: CorpusIndex) -> None:
        index.count_documents({row["f"][side] for row in rows for side in ("src_line", "tgt_line")})

    def keep(self, row: Row, index: CorpusIndex) -> bool:
        keys = [row["f"]["src_line"], row["f"]["tgt_line"]]
        counts = index.documents(keys)
        return all(counts.get(key, 0) < self.settings["min_documents"] for key in keys)
