"""Repeated words: a word written twice in a row ("the the"), the commonest slip of an edited translation.

Only where the source has no doubled word itself (a quoted chant, a reduplication the translator kept), and
not in unspaced scripts, where a character repeated is a word of its own (常常, 谢谢)."""
from __future__ import annotations

import re

from corpus.languages import profile

from .base import Check, Flag, LinkInput, LinkQuality, enumerated, register

DOUBLED = re.compile(r"\b([^\W\d_]+)\s+\1\b", re.IGNORECASE)


def doubled(text: str) -> list[str]:
    return [f"{m.group(1)} {m.group(1)}" for m in DOUBLED.finditer(text)]


@register
class RepeatedWords(Check):
    name = "repeated-words"
    detects = "a word repeated twice in a row in the translation where the source has no such repetition"
    order = 44

    def check(self, item: LinkInput, quality: LinkQuality) -> None:
        if profile(self.pair.tgt_lang).unspaced or doubled(item.src):
            return
        found = doubled(item.tgt)
        if found:
            quality.flags.append(Flag("repeated-words", "warn", f"{enumerated(found)} in the translation"))
