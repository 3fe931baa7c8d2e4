"""Is the translation in its language? Untranslated sentences and paragraphs in the wrong language.

Script counts (corpus.script) settle en and zh: any run of Cyrillic words
there is source text left behind. Kazakh shares Cyrillic with Russian, so the
two are told apart word by word: a Kazakh text has a Kazakh letter in a large
share of its words or uses Kazakh words spelled without one (мен, туралы,
бойынша), a Russian text uses Russian function words that Kazakh does not
have. Counting words rather than letters keeps a Russian sentence that names
Тоқаев Russian, and a short Kazakh title without a Kazakh letter
("Астана декларациясы") Kazakh or undecided, never Russian.
"""
from __future__ import annotations

import re

from corpus.script import KAZAKH_LETTERS, guess_language, script_counts
from corpus.segmenter import split_sentences

# Frequent Russian words that are not Kazakh words (Kazakh has its own conjunctions and postpositions).
# Not "не" (Kazakh "what") nor "он" (Kazakh "ten").
RUSSIAN_WORDS = frozenset(
    "и в во на с со по для что о об от к ко как а но или из за при это этот эта эти также который которая "
    "которые были был была будет будут его ее её их они она мы вы то так же только уже между всех всего "
    "стороны сторон года году области сотрудничества развития".split())
# Frequent Kazakh words spelled without a Kazakh letter.
KAZAKH_WORDS = frozenset(
    "мен бен пен жыл жылы жылдар туралы бойынша осы сол ол деп кейін тараптар тараптары мемлекеттер "
    "декларациясы".split())
# A short Latin run is a sentence only with one of these; otherwise it is a name or an acronym (UNESCO Silk
# Roads Programme, LLDC 3) that a Chinese or Kazakh translation keeps in Latin letters.
ENGLISH_WORDS = frozenset("the of and to in for on with by is are a an this that".split())
_LATIN_WORD = re.compile(r"[a-z]+", re.IGNORECASE)
_CYRILLIC_WORD = re.compile(r"[а-яёәғқңөұүһі]+", re.IGNORECASE)
_MIN_SENTENCE_LETTERS = 12  # shorter runs are names or abbreviations, not untranslated text
_MIN_SHORT_HAN = 6  # a Han character is a word: six of them are a phrase
_KAZAKH_SHARE = 0.25  # Kazakh sentences have a Kazakh letter in 40 % or more of their words, Russian ones in names only


def cyrillic_language(text: str) -> str | None:
    """"kk" or "ru" for Cyrillic text by its words; None when it shows neither language's marks."""
    words = [w.lower() for w in _CYRILLIC_WORD.findall(text)]
    if not words:
        return None
    kazakh = sum(w in KAZAKH_WORDS or any(c in KAZAKH_LETTERS for c in w) for w in words)
    russian = sum(w in RUSSIAN_WORDS for w in words)
    if kazakh >= _KAZAKH_SHARE * len(words) and kazakh >= russian:
        return "kk"
    if russian >= 2 or (russian >= 1 and len(words) <= 6):
        return "ru"
    return None


def russian_sentence(sentence: str, lang: str) -> bool:
    """Whether a sentence of a `lang` translation is Russian (left untranslated)."""
    counts = script_counts(sentence)
    if counts["cyrillic"] < _MIN_SENTENCE_LETTERS:
        return False
    if lang in ("en", "zh"):
        return counts["cyrillic"] > 0.5 * (counts["latin"] + counts["cyrillic"] + counts["han"])
    if lang == "kk":
        return cyrillic_language(sentence) == "ru"
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
        return "ru"  # Cyrillic: which of ru and kk is for cyrillic_language to say
    if counts["han"] == 0 and counts["latin"] >= _MIN_SENTENCE_LETTERS and counts["latin"] > counts["cyrillic"] \
            and any(w.lower() in ENGLISH_WORDS for w in _LATIN_WORD.findall(text)):
        return "en"
    return None


def paragraph_language(text: str, lang: str) -> str | None:
    """The language a whole paragraph is in when that is not `lang` (None when it fits or is too short).

    A kk paragraph counts as Russian only when every sentence reads as
    Russian: one Russian sentence among Kazakh ones is an untranslated
    sentence, not a paragraph in the wrong language.
    """
    guess = guess_language(text) or _short_guess(text)
    if guess in ("ru", "kk"):
        if lang == "kk":
            sentences = split_sentences(text, lang)
            return "ru" if sentences and all(russian_sentence(s, lang) for s in sentences) else None
        guess = cyrillic_language(text) or "ru"  # Cyrillic in en or zh; unmarked Cyrillic is most likely the source
    return None if guess == lang else guess
