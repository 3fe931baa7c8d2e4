"""Brackets and quotes: paired in the translation where they are in the source, and in the target's own style.

Quote styles are the target profile's (`quotes`: «» and „“ in Russian, “” in English, „“ in German); a curly
pair of another language in the translation is reported. Straight quotes are not judged for style: plain-text sources and translators use them everywhere.

A quotation that runs over several paragraphs opens each of them and closes only in its last (French and Russian
typography: « Ce qui est très significatif, c'est que ... ne pouvait exister. — a paragraph of a quoted report whose
German source has no quotes at all), so a quote that opens a paragraph and stays open is no lost partner.

‘ and ’ between two letters are no quotes: they are the apostrophe (don’t) and, in Uzbek Latin, the sign of oʻ and
gʻ and the tutuq belgisi, which Uzbek texts write with either mark (o‘zgarish, ta’minot; X-WMT ru-uz)."""
from __future__ import annotations

import re

from corpus.languages import profile

from ..punctuation import BRACKETS, unbalanced
from .base import Check, Flag, LinkInput, LinkQuality, PairContext, enumerated, register

# the styles told apart; German »« is not among them, since «a» and «b» reads as one (the
# profiles' own pairs are still balanced)
CURLY = (("«", "»"), ("“", "”"), ("„", "“"), ("‘", "’"), ("「", "」"), ("『", "』"), ("《", "》"))
_LETTER_SIGN = re.compile(r"(?<=[^\W\d_])[‘’](?=[^\W\d_])")


@register
class Brackets(Check):
    name = "brackets"
    detects = "brackets or quotes left unpaired in the translation, or quotes in another language's style"
    order = 41

    def __init__(self, pair: PairContext) -> None:
        super().__init__(pair)
        own = profile(pair.tgt_lang).quotes
        self.pairs = BRACKETS + tuple(p for p in own if p[0] != p[1] and p[1] != "’")  # ’ is also the apostrophe
        openings = {opening for opening, _ in own}
        self.quote_openings = openings - {opening for opening, _ in BRACKETS}
        # Russian „“ closes with the mark English opens with, so a pair is foreign by its opening mark
        self.foreign = [p for p in CURLY if p not in own and p[0] not in openings]

    def check(self, item: LinkInput, quality: LinkQuality) -> None:
        src, tgt = _LETTER_SIGN.sub("", item.src), _LETTER_SIGN.sub("", item.tgt)
        src_open = set(unbalanced(src, self.pairs))
        tgt_open = unbalanced(tgt, self.pairs)
        lead = tgt.lstrip()[:1]
        if lead in self.quote_openings and lead in tgt_open:
            tgt_open.remove(lead)  # a quotation continued from the paragraph before (see the module docstring)
        broken = [mark for mark in tgt_open if mark not in src_open]
        if broken and len(unbalanced(src, self.pairs)) < len(tgt_open):
            quality.flags.append(Flag("brackets", "warn", f"{enumerated(broken)} without its partner in the"
                                                          " translation"))
        styled = [o + c for o, c in self.foreign if o in tgt and c in tgt]
        if styled:
            quality.flags.append(Flag("brackets", "warn", f"quotes {enumerated(styled)} are not"
                                                          f" {profile(self.pair.tgt_lang).name} style"))
