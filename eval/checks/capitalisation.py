"""Capitalisation: a translation that starts in lower case where the source starts with a capital.

Only for targets whose profile capitalises sentence starts and for letters that have case (Chinese has none);
a source that starts in lower case (a continued list item) sets no expectation, and nor does a German one that starts
with a noun, which takes its capital anywhere (Erstersteigung 1931 durch ... / première ascension en 1931 par ...,
the rest of a sentence): there only a frequent word (Der, Die, Das) shows that the source starts a sentence."""
from __future__ import annotations

import re

from corpus.languages import profile

from ..punctuation import LIST_MARKER
from .base import Check, Flag, LinkInput, LinkQuality, quote, register

_FIRST_WORD = re.compile(r"[^\W\d_]+")


def first_letter(text: str) -> str:
    """The first letter of the text, past opening quotes, brackets, dashes, digits and list numbers."""
    return next((char for char in text if char.isalpha()), "")


@register
class Capitalisation(Check):
    name = "capitalisation"
    detects = "the translation starts with a lower-case letter where the source starts with a capital"
    order = 43

    def check(self, item: LinkInput, quality: LinkQuality) -> None:
        if not profile(self.pair.tgt_lang).capitalise_sentence_start:
            return
        src, tgt = (first_letter(LIST_MARKER.sub("", text, count=1).lstrip()) for text in (item.src, item.tgt))
        lead = item.tgt.lstrip()[:1]
        source = profile(self.pair.src_lang)
        first_word = _FIRST_WORD.search(item.src)
        if source.capitalises_nouns and first_word is not None and first_word.group().lower() not in source.common_words:
            return
        if src.isupper() and tgt.islower() and not lead.isdigit():
            quality.flags.append(Flag("capitalisation", "warn", f"the translation starts in lower case:"
                                                                f" {quote(item.tgt, 30)}"))
