"""End punctuation: a translation that ends a question with a full stop, or an exclamation with nothing.

A full stop against no mark at all is not reported: professional news translations add or drop the stop of
headlines and captions on a tenth of their links (benchmarks/qe_false_alarms.py), always harmlessly. Nor is a
source that ends inside a quotation it opened (написал: «Привет, интернет!) whose mark the translation keeps inside
its sentence (Сканлон мырза «Интернетке сәлем!» ол ... пайдаланды.): the mark is the quotation's, and the
translator has moved the quotation, not changed the sentence's kind (X-WMT ru-kk, ru-uz)."""
from __future__ import annotations

from corpus.languages import profile

from ..punctuation import KINDS, end_mark, unbalanced
from .base import Check, Flag, LinkInput, LinkQuality, register


@register
class EndPunctuation(Check):
    name = "end-punctuation"
    detects = "the final mark differs in kind from the source's (。 and . are both full stops; ? and 。 are not)"
    order = 40

    def check(self, item: LinkInput, quality: LinkQuality) -> None:
        src, tgt = end_mark(item.src), end_mark(item.tgt)
        if src == tgt or {src, tgt} <= {"full stop", "ellipsis", "none"} or self._quoted_mark_moved(item, src):
            return
        quality.flags.append(Flag("punctuation", "warn", f"the source ends with a {src}, the translation with"
                                                         f" {'no mark' if tgt == 'none' else 'a ' + tgt}"
                                  if src != "none" else f"the translation ends with a {tgt}, the source with no mark"))

    def _quoted_mark_moved(self, item: LinkInput, src: str) -> bool:
        if src not in ("exclamation mark", "question mark"):
            return False
        quotes = tuple(p for p in (*profile(self.pair.src_lang).quotes, ("“", "”"), ("«", "»")) if p[0] != p[1])
        if not set(unbalanced(item.src, quotes)) & {opening for opening, _ in quotes}:
            return False
        marks = {mark for mark, kind in KINDS.items() if kind == src}
        return any(mark in item.tgt.rstrip()[:-1] for mark in marks)
