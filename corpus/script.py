"""Which writing system and language a text is in, and whether that fits its declared language.

A translation saved under the wrong name (Russian in `en.txt`) aligns to
garbage without any error; a cheap count of letters by script catches it.
The declared language's profile says its script; where several profiled
languages share one script and their letters tell them apart (Cyrillic:
Russian, Kazakh, Kyrgyz, Tajik, Uzbek, Ukrainian), the letters decide: a
text fits a profile when almost none of its letters are foreign to the
profile's alphabet and enough are the profile's own marks (Kazakh әғқңөұүһі,
Tajik ӣӯҷ...). Latin-script languages are not told apart by letters here
(names with diacritics are common in any of them); their script is checked.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from functools import lru_cache

from .languages import LanguageProfile, language_name, profile, profiled_tags
from .languages.coverage import LOGOGRAPHIC_SCRIPTS, script_members
from .languages.kk import LETTERS
from .languages.scripts import script_counts, script_of

__all__ = ["KAZAKH_LETTERS", "LANGUAGE_NAMES", "guess_language", "language_mismatch", "letter_fit", "script_counts",
           "script_of", "dominant_script"]

KAZAKH_LETTERS = frozenset(LETTERS | {c.upper() for c in LETTERS})
_MIN_LETTERS = 40  # below this a script count says too little to judge
_WORD = re.compile(r"[^\W\d_]+(?:['‘’ʻʼ`][^\W\d_]+)*")  # with the apostrophes of oʻ, gʻ, п’ять, BM'nin
_FOREIGN_TOLERANCE = 0.005  # letters outside a profile's alphabet a text in it may still have (names)


class _Names(Mapping[str, str]):
    """Language names by tag, for messages and headings: any tag or alias."""

    def __getitem__(self, tag: str) -> str:
        return language_name(tag)

    def __iter__(self) -> Iterator[str]:
        return iter(profiled_tags())

    def __len__(self) -> int:
        return len(profiled_tags())


LANGUAGE_NAMES: Mapping[str, str] = _Names()


def _weight(script: str) -> int:
    """A Han character carries a word, a Latin or Cyrillic one a letter: weigh accordingly."""
    return 3 if script in LOGOGRAPHIC_SCRIPTS else 1


def dominant_script(counts: Counter) -> str | None:
    weighted = {s: n * _weight(s) for s, n in counts.items()}
    return max(weighted, key=lambda s: weighted[s]) if weighted else None


@lru_cache(maxsize=None)
def _members(scripts: tuple[str, ...]) -> frozenset[str]:
    """The character scripts of a profile's scripts, asked once per profile rather than once per letter."""
    return frozenset().union(*map(script_members, scripts))


def _in_script(prof: LanguageProfile, script: str) -> bool:
    return script in _members(prof.scripts)


def letter_fit(text: str, prof: LanguageProfile) -> bool | None:
    """Whether the letters of a text fit the profile's alphabet and marks; None where the profile has none."""
    if prof.alphabet is None:
        return None
    members = _members(prof.scripts)
    letters = [c for c in text.lower() if script_of(c) in members]
    if not letters:
        return None
    foreign = sum(c not in prof.alphabet for c in letters)
    marks = sum(c in prof.marks for c in letters)
    return foreign <= _FOREIGN_TOLERANCE * len(letters) and marks >= prof.min_marks * len(letters)


def _letter_guess(text: str, script: str) -> str | None:
    """The profiled language of `script` whose letters the text fits, the one with the smallest alphabet
    where several do (a Kyrgyz text fits Kazakh too, whose alphabet has more letters)."""
    fitting = [p for p in map(profile, profiled_tags()) if _in_script(p, script) and letter_fit(text, p)]
    fitting.sort(key=lambda p: len(p.alphabet or ()))
    return fitting[0].tag if fitting else None


def _word_guess(text: str, script: str) -> str | None:
    """Among profiled languages of `script`, the one whose frequent words the text uses most, if any."""
    words = [w.lower() for w in _WORD.findall(text)]
    scores = {p.tag: sum(w in p.common_words for w in words)
              for p in map(profile, profiled_tags()) if _in_script(p, script)}
    best = max(scores, key=lambda t: scores[t], default=None)
    return best if best is not None and scores[best] >= 2 else None


def sample(text: str, size: int = 100_000, pieces: int = 10) -> str:
    """At most `size` characters taken from all over `text`: enough for any count of letters, which
    character by character took most of a minute on a 50 MB file."""
    if len(text) <= size:
        return text
    step, piece = len(text) // pieces, size // pieces
    return "\n".join(text[k * step:k * step + piece] for k in range(pieces))


def guess_language(text: str) -> str | None:
    """A profiled language the text is in (judged on a sample of a long text), by script, then letters, then
    frequent words; None when the text is too short to tell or nothing decides."""
    text = sample(text)
    counts = script_counts(text)
    if sum(counts.values()) < _MIN_LETTERS:
        return None
    script = dominant_script(counts)
    if script is None:
        return None
    candidates = [p for p in map(profile, profiled_tags()) if _in_script(p, script)]
    if len(candidates) == 1:
        return candidates[0].tag
    return _letter_guess(text, script) or _word_guess(text, script)


def language_mismatch(text: str, lang: str) -> str | None:
    """A reason why `text` cannot be in `lang`, or None when it can (or we cannot tell); a long text is judged
    on a sample."""
    prof = profile(lang)
    text = sample(text)
    counts = script_counts(text)
    if sum(counts.values()) < _MIN_LETTERS or not prof.scripts:
        return None
    script = dominant_script(counts)
    if script is not None and not _in_script(prof, script):
        guess = guess_language(text)
        looks = f"looks {language_name(guess)} ({guess})" if guess else f"is in {script} script"
        return f"declared language is {lang} but the text {looks} by its script"
    if letter_fit(text, prof) is False:
        guess = _letter_guess(text, script) if script else None
        if guess is not None and guess != prof.tag:
            return f"declared language is {lang} but the text looks {language_name(guess)} ({guess}) by its letters"
    return None
