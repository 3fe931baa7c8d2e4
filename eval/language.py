"""Is the translation in its language? Untranslated sentences and paragraphs in the wrong language.

Script counts (corpus.script) settle en and zh: any run of Cyrillic words
there is source text left behind. Kazakh shares Cyrillic with Russian, so a
kk sentence is judged Russian when it has no Kazakh letter and uses Russian
function words that Kazakh does not have.
"""
from __future__ import annotations

import re

from corpus.script import guess_language, script_counts
from corpus.segmenter import split_sentences

# Frequent Russian words that are not Kazakh words (Kazakh has its own conjunctions and postpositions).
RUSSIAN_WORDS = frozenset(
    "и в во на с со по для что не о об от к ко как а но или из за при это этот эта эти также который которая "
    "которые были был была будет будут его ее её их они он она мы вы то так же только уже между всех всего "
    "стороны сторон года году области сотрудничества развития".split())
_CYRILLIC_WORD = re.compile(r"[а-яёәғқңөұүһі]+", re.IGNORECASE)
_MIN_SENTENCE_LETTERS = 12  # shorter runs are names or abbreviations, not untranslated text
_MIN_SHORT_HAN = 6  # a Han character is a word: six of them are a phrase


def russian_sentence(sentence: str, lang: str) -> bool:
    """Whether a sentence of a `lang` translation is Russian (left untranslated)."""
    counts = script_counts(sentence)
    letters = counts["latin"] + counts["cyrillic"] + counts["han"]
    if counts["cyrillic"] < _MIN_SENTENCE_LETTERS:
        return False
    if lang in ("en", "zh"):
        return counts["cyrillic"] > 0.5 * letters
    if lang == "kk":
        if counts["kazakh"]:
            return False
        words = [w.lower() for w in _CYRILLIC_WORD.findall(sentence)]
        russian = sum(w in RUSSIAN_WORDS for w in words)
        return russian >= 2 or (russian >= 1 and len(words) <= 6)
    return False


def untranslated_sentences(text: str, lang: str) -> list[str]:
    """Sentences of a target paragraph that are still in Russian."""
    return [s for s in split_sentences(text, lang) if russian_sentence(s, lang)]


def _short_guess(text: str) -> str | None:
    """The script of a paragraph too short for corpus.script to judge, when one script clearly dominates."""
    counts = script_counts(text)
    if counts["han"] >= _MIN_SHORT_HAN and counts["han"] * 3 >= counts["latin"] + counts["cyrillic"]:
        return "zh"
    if counts["han"] == 0 and counts["cyrillic"] >= _MIN_SENTENCE_LETTERS and counts["cyrillic"] > counts["latin"]:
        return "kk" if counts["kazakh"] else "ru"
    if counts["han"] == 0 and counts["latin"] >= _MIN_SENTENCE_LETTERS and counts["latin"] > counts["cyrillic"]:
        return "en"
    return None


def paragraph_language(text: str, lang: str) -> str | None:
    """The language a whole paragraph is in when that is not `lang` (None when it fits or is too short).

    For kk the script share cannot tell Russian from Kazakh reliably (a few
    Kazakh letters in names), so every sentence must read as Russian.
    """
    guess = guess_language(text) or _short_guess(text)
    if guess is None:
        return None
    if lang == "kk" and guess in ("kk", "ru"):
        sentences = split_sentences(text, lang)
        return "ru" if sentences and all(russian_sentence(s, lang) for s in sentences) else None
    return None if guess == lang else guess
