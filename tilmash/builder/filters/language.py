"""Drop a row either side of which is recognisably in another language than its document's (a quotation left
untranslated, a paragraph of the wrong language version): language identification of each side."""
from __future__ import annotations

from typing import Any

from ..languages import wrong_language
from .base import CorpusIndex, Row, RowFilter, register


@register
class LanguageFilter(RowFilter):
    name = "language"
    order = 30
    description = "one side's language, identified from its text, is not the document's"

    def measure_row(self, row: Row, src_lang: str, tgt_lang: str) -> dict[str, Any]:
        return {"wrong_language": wrong_language(row["src"], src_lang) or wrong_language(row["tgt"], tgt_lang)}

    def keep(self, row: Row, index: CorpusIndex) -> bool:
        return not row["f"]["wrong_language"]
