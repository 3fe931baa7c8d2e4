"""The writing system of each letter, from the Unicode character database, and counts of them in a text.

Python's `unicodedata` has no Script property, but every letter's Unicode
name begins with its script ("CYRILLIC SMALL LETTER KA", "GEORGIAN LETTER
AN", "CJK UNIFIED IDEOGRAPH-4E00"), which is what a count of scripts needs:
only letters are counted, and modifier letters (the Uzbek ʻ of oʻ) belong to
no script of their own.
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache

# First word(s) of Unicode character names -> ISO 15924 code.
_NAMES = {
    "LATIN": "Latn", "CYRILLIC": "Cyrl", "CJK": "Hani", "GREEK": "Grek", "ARMENIAN": "Armn", "GEORGIAN": "Geor",
    "ARABIC": "Arab", "HEBREW": "Hebr", "DEVANAGARI": "Deva", "BENGALI": "Beng", "GURMUKHI": "Guru",
    "GUJARATI": "Gujr", "ORIYA": "Orya", "TAMIL": "Taml", "TELUGU": "Telu", "KANNADA": "Knda", "MALAYALAM": "Mlym",
    "SINHALA": "Sinh", "THAI": "Thai", "LAO": "Laoo", "TIBETAN": "Tibt", "MYANMAR": "Mymr", "KHMER": "Khmr",
    "ETHIOPIC": "Ethi", "HANGUL": "Hang", "HIRAGANA": "Hira", "KATAKANA": "Kana", "MONGOLIAN": "Mong",
    "SYRIAC": "Syrc", "THAANA": "Thaa",
}


@lru_cache(maxsize=65536)
def script_of(char: str) -> str | None:
    """ISO 15924 code of a letter's script (Latn, Cyrl, Hani, Geor, ...); None for anything but a letter."""
    if not char.isalpha():
        return None
    try:
        words = unicodedata.name(char).split()
    except ValueError:
        return None
    if words[0] == "FULLWIDTH" and len(words) > 1:
        words = words[1:]
    return _NAMES.get(words[0])


def script_counts(text: str) -> Counter:
    """Letters per script."""
    counts: Counter = Counter()
    for char in text:
        script = script_of(char)
        if script:
            counts[script] += 1
    return counts
