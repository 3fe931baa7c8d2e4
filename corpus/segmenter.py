"""Sentence segmentation and running-text joining, as each language's profile says.

Which splitter a language uses, and with which abbreviations, is profile
data (corpus.languages); this module is the one entry point the rest of
tilmash calls, with any tag or alias.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .languages import profile

# A sentence end, possibly inside closing quotes or brackets. Only a full stop, question or exclamation mark
# counts: a paragraph that ends with a colon (introducing a list) or a semicolon (a list item) sets no
# expectation on how its translation ends.
_ENDS_SENTENCE = re.compile(r"[.!?…。！？][\"'”’»)）」』\]]*\s*$")
# Not “, which closes a quotation in Russian and Kazakh typography („…“).
_STOPS_MIDWAY = re.compile(r"[\w,，、(（«\-–—]\s*$")


def ends_sentence(text: str) -> bool:
    """Whether the text ends where a sentence ends (a full stop, question or exclamation mark), in any script."""
    return _ENDS_SENTENCE.search(text) is not None


def stops_midway(text: str) -> bool:
    """Whether the text stops inside a sentence: on a word, a comma, an opening bracket or a dash."""
    return _STOPS_MIDWAY.search(text) is not None


def join_segments(texts: Iterable[str], lang: str) -> str:
    """Join paragraphs or sentences back into running text: with a space, or with nothing for a language written
    without spaces (Chinese)."""
    return profile(lang).join(texts)


def split_sentences(text: str, lang: str) -> list[str]:
    """Sentences of one paragraph, whitespace-trimmed, never empty strings. Remembered per text: the sentence
    aligner and several quality checks split the same paragraphs, and a splitter (razdel) is slow Python."""
    return list(_sentences(text, lang))


@lru_cache(maxsize=4096)  # a few documents: enough for one group, flat over a corpus
def _sentences(text: str, lang: str) -> tuple[str, ...]:
    return tuple(profile(lang).split_sentences(text))
