"""Is the translation in its language? Source text left untranslated, and paragraphs in the wrong language.

Where the source and the translation are written in different scripts
(Russian and English, English and Kyrgyz, anything and Chinese), script
counts settle it: a run of the source's script in the translation is source
text left behind. Where they share a script (Russian and Kazakh, English and
Uzbek Latin), the two are told apart word by word: a word speaks for a
language when it is one of the language's frequent words (its profile's
`common_words`) or holds a letter the other language's alphabet lacks.
Counting words rather than letters keeps a Russian sentence that names
Тоқаев Russian, and a short Kazakh title without a Kazakh letter
("Астана декларациясы") Kazakh or undecided, never Russian.
"""
from __future__ import annotations

import re

from corpus.languages import LanguageProfile, profile, profiled_tags
from corpus.languages.coverage import script_members
from corpus.script import dominant_script, guess_language, script_counts
from corpus.segmenter import split_sentences

# A short Latin run is a sentence only with one of these; otherwise it is a name or an acronym (UNESCO Silk
# Roads Programme, LLDC 3) that a Chinese or Kazakh translation keeps in Latin letters.
ENGLISH_WORDS = profile("en").common_words
_WORD = re.compile(r"[^\W\d_]+(?:['‘’ʻʼ`][^\W\d_]+)*")  # with the apostrophes of oʻ, gʻ, п’ять, BM'nin
_MIN_SENTENCE_LETTERS = 12  # shorter runs are names or abbreviations, not untranslated text
_MIN_SHORT_HAN = 6  # a Han character is a word: six of them are a phrase
_MARKED_SHARE = 0.25  # Kazakh sentences have a Kazakh letter in 40 % or more of their words, Russian ones in names only


def _scripts(prof: LanguageProfile) -> set[str]:
    return {m for s in prof.scripts for m in script_members(s)}


def _shares_script(a: LanguageProfile, b: LanguageProfile) -> bool:
    return bool(_scripts(a) & _scripts(b))


def _speaks_for(word: str, prof: LanguageProfile, other: LanguageProfile) -> bool:
    if word in prof.common_words:
        return True
    own = prof.alphabet is not None and other.alphabet is not None
    return own and any(c in prof.alphabet and c not in other.alphabet for c in word)  # type: ignore[operator]


def word_language(text: str, a: str, b: str) -> str | None:
    """Which of two languages of one script `text` is in, by its words; None when it shows neither's marks.

    A language whose words carry letters of its own wins on a share of the words (a Kazakh text has one in many
    of its words); failing that, frequent words decide: two of them, or one in a short text (a Russian sentence
    naming Тоқаев is Russian by its и and в)."""
    pa, pb = profile(a), profile(b)
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return None
    marked = {pa.tag: sum(_speaks_for(w, pa, pb) for w in words), pb.tag: sum(_speaks_for(w, pb, pa) for w in words)}
    for tag, other in ((pa.tag, pb.tag), (pb.tag, pa.tag)):
        if marked[tag] and marked[tag] >= _MARKED_SHARE * len(words) and marked[tag] >= marked[other]:
            return tag
    frequent = {p.tag: sum(w in p.common_words for w in words) for p in (pa, pb)}
    best = max(frequent, key=lambda t: frequent[t])
    other = pb.tag if best == pa.tag else pa.tag
    if frequent[best] > frequent[other] and (frequent[best] >= 2 or len(words) <= 6):
        return best
    return None


def cyrillic_language(text: str) -> str | None:
    """"kk" or "ru" for Cyrillic text by its words; None when it shows neither language's marks."""
    return word_language(text, "kk", "ru")


def source_sentence(sentence: str, lang: str, src_lang: str) -> bool:
    """Whether a sentence of a `lang` translation is in the source language (left untranslated)."""
    target, source = profile(lang), profile(src_lang)
    if target.tag == source.tag:
        return False
    counts = script_counts(sentence)
    in_source_script = sum(n for s, n in counts.items() if s in _scripts(source))
    if in_source_script < _MIN_SENTENCE_LETTERS:
        return False
    if not _shares_script(target, source):
        return in_source_script > 0.5 * sum(counts.values())
    return word_language(sentence, target.tag, source.tag) == source.tag


def russian_sentence(sentence: str, lang: str) -> bool:
    """Whether a sentence of a `lang` translation of a Russian text is Russian."""
    return source_sentence(sentence, lang, "ru")


def untranslated_sentences(text: str, lang: str, src_lang: str = "ru") -> list[str]:
    """Sentences of a target paragraph that are still in the source language."""
    return [s for s in split_sentences(text, lang) if source_sentence(s, lang, src_lang)]


def _short_guess(text: str) -> str | None:
    """The script of a paragraph too short for corpus.script to judge, when one script clearly dominates."""
    counts = script_counts(text)
    script = dominant_script(counts)
    if script is None:
        return None
    total = sum(counts.values())
    if script == "Hani":
        return "zh-Hans" if counts["Hani"] >= _MIN_SHORT_HAN and counts["Hani"] * 3 >= total - counts["Hani"] else None
    if counts["Hani"] or counts[script] < _MIN_SENTENCE_LETTERS or counts[script] <= total - counts[script]:
        return None
    if script == "Cyrl":
        return "ru"  # Cyrillic: which Cyrillic language is for word_language to say
    if script == "Latn" and any(w.lower() in ENGLISH_WORDS for w in _WORD.findall(text)):
        return "en"
    return None


def paragraph_language(text: str, lang: str, src_lang: str = "ru") -> str | None:
    """The language a whole paragraph is in when that is not `lang` (None when it fits or is too short).

    Where the source shares the translation's script, the paragraph counts as
    the source only when every sentence reads as the source: one source
    sentence among translated ones is an untranslated sentence, not a
    paragraph in the wrong language. Text that only its script identifies
    (unmarked Cyrillic in an English translation) is most likely the source,
    where the source is written in that script.
    """
    target, source = profile(lang), profile(src_lang)
    guess = guess_language(text)
    if guess is None:
        short = _short_guess(text)
        if short is None:
            return None
        guess = source.tag if _shares_script(profile(short), source) else short
        # only its script identifies it: the source, unless its words say another language of that script
        # (a Kazakh title, Астана декларациясы туралы, in an English translation of a Russian text)
        for other in profiled_tags():
            if other != guess and _shares_script(profile(other), profile(guess)) \
                    and word_language(text, guess, other) == other:
                guess = other
                break
    guessed = profile(guess)
    if not _shares_script(guessed, target):
        return guessed.tag
    if guessed.tag == target.tag:
        return None
    if guessed.tag == source.tag:
        sentences = split_sentences(text, lang)
        return source.tag if sentences and all(source_sentence(s, lang, src_lang) for s in sentences) else None
    # another language of the target's script: its letters said so, its words must agree (a Kyrgyz sentence may
    # lack all of ң, ө and ү, a Russian one has Russian words)
    return guessed.tag if word_language(text, target.tag, guessed.tag) == guessed.tag else None
