"""Spacing: doubled, leading and trailing spaces, and the space a language wants or forbids around punctuation.

What a language wants is its profile: French puts a (narrow no-break) space before ; : ! ? and », every other
profiled language none before , . ; : ! ?; Chinese writes full-width marks (，。：；？！), so an ASCII mark
between Chinese characters is a slip. Each finding is reported only where the source does not have the same
(a source with a double space passes it on to a translator who keeps it)."""
from __future__ import annotations

import re

from corpus.languages import profile

from ..punctuation import ASCII_IN_CJK
from .base import Check, Flag, LinkInput, LinkQuality, PairContext, enumerated, register

DOUBLE = re.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")
SPACE_BEFORE = re.compile(r"(?<=\w) +([,.;:!?])(?!\w)")  # "word ," but not an ellipsis or ".NET"


def _missing_space(text: str, marks: str) -> list[str]:
    return [m.group() for m in re.finditer(rf"\w[{re.escape(marks)}](?=\s|$)", text)] if marks else []


@register
class Spacing(Check):
    name = "spacing"
    detects = "double, leading or trailing spaces and spacing around punctuation the target language forbids"
    order = 42

    def __init__(self, pair: PairContext) -> None:
        super().__init__(pair)
        self.target = profile(pair.tgt_lang)

    def problems(self, text: str) -> list[str]:
        found = []
        if DOUBLE.search(text):
            found.append("a double space")
        if text != text.strip() and text.strip():
            found.append("leading or trailing space")
        marks = "".join(m for m in ",.;:!?" if m not in self.target.space_before)
        before = [m.group(1) for m in SPACE_BEFORE.finditer(text) if m.group(1) in marks]
        if before:
            found.append(f"a space before {enumerated(sorted(set(before)))}")
        wanted = [m[-1] for m in _missing_space(text, self.target.space_before.replace("»", ""))]
        if wanted:
            found.append(f"no space before {enumerated(sorted(set(wanted)))}")
        if self.target.full_width:
            ascii_marks = [m.group() for m in ASCII_IN_CJK.finditer(text)]
            if ascii_marks:
                found.append(f"half-width {enumerated(sorted(set(ascii_marks)))} among Chinese characters")
        return found

    def check(self, item: LinkInput, quality: LinkQuality) -> None:
        inherited = set(self.problems(item.src)) if self.pair.src_lang == self.pair.tgt_lang else set()
        if DOUBLE.search(item.src):
            inherited.add("a double space")
        found = [p for p in self.problems(item.tgt) if p not in inherited]
        if found:
            quality.flags.append(Flag("spacing", "warn", f"the translation has {'; '.join(found)}"))
