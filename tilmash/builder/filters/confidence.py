"""Drop a row whose link the aligner is unsure of: calibrated confidence under `min` (a link with confidence
0.5 is right about half the time on the perturbation suite)."""
from __future__ import annotations

from .base import CorpusIndex, Row, RowFilter, register


@register
class ConfidenceFilter(RowFilter):
    name = "confidence"
    order = 10
    description = "the link's calibrated confidence is under `min`"
    defaults = {"min": 0.5}

    def keep(self, row: Row, index: CorpusIndex) -> bool:
        return row["conf"] >= self.settings["min"]
