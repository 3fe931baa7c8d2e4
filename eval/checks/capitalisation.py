"""Capitalisation: a translation that starts in lower case where the source starts with a capital.

Only for targets whose profile capitalises sentence starts and for letters that have case (Chinese has none);
a source that starts in lower case (a continued list item) sets no expectation."""
from __future__ import annotations

from corpus.languages import profile

from ..punctuation import LIST_MARKER
from .base import Check, Flag, LinkInput, LinkQuality, quote, register


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
        if src.isupper() and tgt.islower() and not lead.isdigit():
            quality.flags.append(Flag("capitalisation", "warn", f"the translation starts in lower case:"
                                                                f" {quote(item.tgt, 30)}"))
