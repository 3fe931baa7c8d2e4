"""End punctuation: a translation that ends a question with a full stop, or an exclamation with nothing.

A full stop against no mark at all is not reported: professional news translations add or drop the stop of
headlines and captions on a tenth of their links (benchmarks/qe_false_alarms.py), always harmlessly."""
from __future__ import annotations

from ..punctuation import end_mark
from .base import Check, Flag, LinkInput, LinkQuality, register


@register
class EndPunctuation(Check):
    name = "end-punctuation"
    detects = "the final mark differs in kind from the source's (。 and . are both full stops; ? and 。 are not)"
    order = 40

    def check(self, item: LinkInput, quality: LinkQuality) -> None:
        src, tgt = end_mark(item.src), end_mark(item.tgt)
        if src == tgt or {src, tgt} <= {"full stop", "ellipsis", "none"}:
            return
        quality.flags.append(Flag("punctuation", "warn", f"the source ends with a {src}, the translation with"
                                                         f" {'no mark' if tgt == 'none' else 'a ' + tgt}"
                                  if src != "none" else f"the translation ends with a {tgt}, the source with no mark"))
