"""How two segments compare for consistency (Xbench's two inconsistency checks), in one place for the document
check (eval.checks.consistency) and the corpus builder's pass over many documents (tilmash.builder).

Two segments are "the same" when their words and numbers are, in order: Unicode compatibility forms, case,
spacing and every punctuation mark are ignored, since the spacing, punctuation and capitalisation checks judge
those and a consistency warning should mean other wording. Numbers stay: «Статья 1» and «Статья 2» are
different sources, and one translation given to both is worth a warning.

Short segments collide by chance (two one-word headings rendered by one word, «Да» as "Yes" and "Right"),
so only segments of at least `MIN_SOURCE_WORDS` words are compared for different translations, and
translations of at least `MIN_TARGET_WORDS` for different sources; a segment without a letter (a list
number, "* * *") is never compared. In unspaced scripts two characters count as a word.
"""
from __future__ import annotations

import re
import unicodedata

from corpus.languages import profile

MIN_SOURCE_WORDS = 2  # the same source, translated differently: a two-word heading («Общие положения») counts
MIN_TARGET_WORDS = 3  # the same translation, different sources: short renderings are shared by chance
_WORD = re.compile(r"\w+")


def segment_key(text: str) -> str:
    """The text's words and numbers, case-folded, one space apart: what two segments are compared by."""
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def word_count(key: str, lang: str) -> int:
    """Words of a key; in an unspaced script (Chinese) two characters count as one."""
    if profile(lang).unspaced:
        return len(key.replace(" ", "")) // 2
    return len(key.split())


def comparable(text: str, lang: str, min_words: int) -> str | None:
    """The key of a segment long enough and with letters enough to be compared, else None."""
    key = segment_key(text)
    if not any(ch.isalpha() for ch in key) or word_count(key, lang) < min_words:
        return None
    return key
