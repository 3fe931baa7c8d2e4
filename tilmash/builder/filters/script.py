"""Drop a row with too few letters of its language's script on either side: a line of Latin URLs or code in a
Russian document, or text mis-decoded into another alphabet; short lines language identification cannot judge
still have a script."""
from __future__ import annotations

from typing import Any

from ..languages import script_share
from .base import CorpusIndex, Row, RowFilter, register


@register
class ScriptFilter(RowFilter):
    name = "script"
    order = 40
    description = "under `min` of one side's letters are in its language's script"
    defaults = {"min": 0.5}

    def measure_row(self, row: Row, src_lang: str, tgt_lang: str) -> dict[str, Any]:
        shares = [share for share in (script_share(row["src"], src_lang), script_share(row["tgt"], tgt_lang))
                  if share is not None]
        return {"script_share": round(min(shares), 4) if shares else None}

    def keep(self, row: Row, index: CorpusIndex) -> bool:
        share = row["f"]["script_share"]
        return share is None or share >= self.settings["min"]
