"""Which writing system a text is in, and whether that fits its declared language.

A translation saved under the wrong name (Russian in `en.txt`) aligns to
garbage without any error; a cheap count of letters by script catches it.
Russian and Kazakh share Cyrillic, so Kazakh is told apart by its own letters.
"""
from __future__ import annotations

from collections import Counter

LANGUAGE_NAMES = {"ru": "Russian", "kk": "Kazakh", "en": "English", "zh": "Chinese"}  # for messages and headings
KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_MIN_LETTERS = 40  # below this a script count says too little to judge


def script_of(char: str) -> str | None:
    code = ord(char)
    if char.isascii():
        return "latin" if char.isalpha() else None
    if 0x0400 <= code <= 0x04FF:
        return "cyrillic" if char.isalpha() else None
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF:
        return "han"
    if char.isalpha() and 0x00C0 <= code <= 0x024F:
        return "latin"
    return None


def script_counts(text: str) -> Counter:
    counts: Counter = Counter()
    for char in text:
        script = script_of(char)
        if script:
            counts[script] += 1
            if char in KAZAKH_LETTERS:
                counts["kazakh"] += 1
    return counts


def sample(text: str, size: int = 100_000, pieces: int = 10) -> str:
    """At most `size` characters taken from all over `text`: enough for any count of letters, which
    character by character took most of a minute on a 50 MB file."""
    if len(text) <= size:
        return text
    step, piece = len(text) // pieces, size // pieces
    return "\n".join(text[k * step:k * step + piece] for k in range(pieces))


def guess_language(text: str) -> str | None:
    """ru, kk, en or zh by script alone (of a sample of a long text); None when the text is too short to tell."""
    counts = script_counts(sample(text))
    total = counts["latin"] + counts["cyrillic"] + counts["han"]
    if total < _MIN_LETTERS:
        return None
    # A Han character carries a word, a Latin or Cyrillic one a letter: weigh accordingly.
    if counts["han"] * 3 >= total - counts["han"]:
        return "zh"
    if counts["cyrillic"] > counts["latin"]:
        return "kk" if counts["kazakh"] >= 0.01 * counts["cyrillic"] else "ru"
    return "en"


def language_mismatch(text: str, lang: str) -> str | None:
    """A reason why `text` cannot be in `lang`, or None when it can (or we cannot tell)."""
    guess = guess_language(text)
    if guess is None or lang not in ("ru", "kk", "en", "zh") or guess == lang:
        return None
    return f"declared language is {lang} but the text looks {LANGUAGE_NAMES[guess]} ({guess}) by its script"
