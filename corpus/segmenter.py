"""Sentence segmentation and running-text joining, as each language's profile says.

Which splitter a language uses, and with which abbreviations, is profile
data (corpus.languages); this module is the one entry point the rest of
tilmash calls, with any tag or alias.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from .languages import profile


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
