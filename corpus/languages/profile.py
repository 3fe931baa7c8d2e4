"""A language profile: everything tilmash knows about one language, as data.

Modules that read text (segmentation, term matching and enforcement, the
number, negation and language checks, metrics, MT language codes) ask the
profile instead of testing language codes, so supporting a language is
writing its profile. A profile is built once per process and shared.

`version` is part of `signature_id` (`kk-1`): a change to a profile that can
change results (a new abbreviation, ending or cue) bumps it, so a result's
signature says which knowledge produced it. The generic profile's id is
`generic`.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

from ..registry import Registry
from .morphology import Morphology, Surface
from .segmentation import Splitter

# Term-matching tokens. Sentence-internal punctuation is a token, so a term never matches across it.
PUNCT = r"|[,;:.!?()&]"
TOKENS_DASH = re.compile(r"\w+(?:['’]\w+)*|-" + PUNCT)  # a dash is a token of its own: Азия-Китай
TOKENS_HYPHEN_SEPARATES = re.compile(r"\w+(?:['’]\w+)*" + PUNCT)  # hyphens separate like spaces: Belt-and-Road
TOKENS_HYPHEN_JOINS = re.compile(r"\w+(?:-\w+)*" + PUNCT)  # an ending after a hyphen: БҰҰ-ның, Азия-Қытай
TOKENS_APOSTROPHE_JOINS = re.compile(r"\w+(?:[-'’ʼ]\w+)*" + PUNCT)  # BM'nin, Türkiye'nin
TOKENS_UZ_LATIN = re.compile(r"\w+(?:[-'‘’`ʼ]\w+)*" + PUNCT)  # oʻ gʻ written with any apostrophe: O‘zbekiston


_WORD = re.compile(r"[^\W\d_]+")
_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)")


class NumberReader(Protocol):
    def read(self, text: str) -> set[str]: ...


class NumberWords:
    """Spelled-out numbers as whole words: a dictionary, or a pattern whose named groups `n<value>` say the
    value of an inflected numeral (Russian пятью, двадцатого). A tens word followed by a units word is also their
    sum (Kazakh он бірінші "eleventh", Russian двадцать пять), as written numbers of two words are read. `word` is
    what a word is, where the language writes letters with an apostrophe (Uzbek oʻn, o`n)."""

    def __init__(self, words: Mapping[str, int] | None = None, pattern: str | None = None,
                 word: str = _WORD.pattern) -> None:
        self.words = {k.lower(): v for k, v in (words or {}).items()}
        self.pattern = re.compile(pattern) if pattern else None
        self.word = re.compile(word)

    def value(self, word: str) -> int | None:
        if word in self.words:
            return self.words[word]
        if self.pattern is not None:
            found = self.pattern.fullmatch(word)
            if found and found.lastgroup:
                return int(found.lastgroup[1:])
        return None

    def read(self, text: str) -> set[str]:
        """The values of the number words of `text`, and of each tens word with the units word after it."""
        values = [self.value(word) for word in self.word.findall(text.lower())]
        found = {str(v) for v in values if v is not None}
        for tens, units in zip(values, values[1:]):
            if tens is not None and units is not None and tens in range(10, 100, 10) and 0 < units < 10:
                found.add(str(tens + units))
        return found


@dataclass(frozen=True)
class Negation:
    """Grammatical negation: `cues` finds each particle or negative verb form; `not_negation` are the set
    phrases and particles that look like one and are not (не только, not only, ғана емес, concessive бы ни),
    blanked out before cues are counted; `lexical` says of a cue and the word after it that the two make one
    lexical negation, as a prefix would (Russian не before a participle: лиц, не обладающих иммунитетом / non-immune
    individuals), so the cue is not counted."""

    cues: re.Pattern[str]
    not_negation: tuple[re.Pattern[str], ...] = ()
    lexical: Callable[[str, str], bool] | None = None

    def find(self, text: str) -> list[str]:
        for pattern in self.not_negation:
            text = pattern.sub(lambda m: " " * len(m.group()), text)
        return [m.group().lower() for m in self.cues.finditer(text) if not self._lexical(text, m)]

    def _lexical(self, text: str, cue: re.Match[str]) -> bool:
        if self.lexical is None:
            return False
        after = _NEXT_WORD.match(text, cue.end())
        return after is not None and self.lexical(cue.group().lower(), after.group(1))


def negation(cues: str, *not_negation: str, flags: int = re.IGNORECASE,
             lexical: Callable[[str, str], bool] | None = None) -> Negation:
    return Negation(re.compile(cues, flags), tuple(re.compile(p, flags) for p in not_negation), lexical)


@dataclass(frozen=True)
class LanguageProfile:
    tag: str  # canonical BCP 47 tag
    name: str  # English name, for messages and headings
    scripts: tuple[str, ...]  # ISO 15924 codes the language is written in (one per profile but for composites)
    sentences: Splitter
    version: int = 1
    generic: bool = False
    # Letter-level identification among languages of one script (the Cyrillic group): the letters of the
    # alphabet, lower case, and the letters that tell it from its neighbours, of which a text in the language has
    # at least `min_marks` of its letters. None where letters cannot tell the language from its neighbours.
    alphabet: frozenset[str] | None = None
    marks: frozenset[str] = frozenset()
    min_marks: float = 0.01
    common_words: frozenset[str] = frozenset()  # frequent words, for telling sentences of two languages apart
    joiner: str = " "  # between sentences and paragraphs joined into running text
    decimal: str = "."  # characters that may separate a decimal fraction
    group: str = ","  # characters that may group thousands (spaces are added for every language)
    quotes: tuple[tuple[str, str], ...] = (("“", "”"),)  # primary first
    dashes: str = "—–"
    # Typography the punctuation and spacing checks hold a translation to: the marks that take a space (French:
    # a narrow no-break one) before them, and whether the language writes full-width punctuation (，。：；？！)
    space_before: str = ""
    full_width: bool = False
    # A mark written as a letter inside words, matched where it stands in the word (lookarounds on its letters):
    # Uzbek Latin writes the sign of oʻ and gʻ and the tutuq belgisi with ‘ ’ ` ' ʼ (o‘zgarish, ta’minot).
    letter_sign: str = ""
    clause_number: str = r"(?m)^\s*(\d{1,3})\.\s"  # how numbered clauses open
    clause_breaks: str = r"[,;]"  # what separates clauses inside a sentence
    months: tuple[str, ...] = ()  # twelve regex stems, January first
    months_case_sensitive: bool = False
    number_words: NumberReader = field(default_factory=NumberWords)
    scale_words: Mapping[str, int] = field(default_factory=dict)
    # A decade (eval.numbers): a regex whose group `year` is a decade's first year (1990s, 1990-е, 1990 жылдары),
    # `tens` its two digits (90-х), `word` a number word for them (девяностых), or `century` and `tens` the
    # century-and-decade form (20 世纪 30 年代).
    decade: str = ""
    # An hour with its part of the day: group `hour` its digits, `word` a number word for it (absent: one o'clock,
    # в час ночи), `pm` matched for the afternoon and evening (1 pm, час дня), when 12 is added.
    day_hours: str = ""
    # the half hour named by the hour it leads to (Russian пол-третьего "half past two"): its group `word` is that
    # hour as an ordinal
    half_hours: str = ""
    negation: Negation | None = None
    morphology_factory: Callable[[], Morphology] = Surface
    tokens: re.Pattern[str] = TOKENS_DASH
    articles: tuple[str, ...] = ()  # leading words a term may be written with or without
    ampersand: str = ""  # the word "&" stands for in names (Belt & Road is Belt and Road), if the language writes one
    capitalise_sentence_start: bool = False  # an enforced term at a sentence start takes a capital
    capitalises_nouns: bool = False  # every noun takes a capital (German): a capital need not start a sentence
    nllb: str | None = None  # NLLB-200 code
    m2m100: str | None = None  # M2M100 code
    marian: tuple[str, ...] = ()  # the names opus-mt uses: in pair names and >>xxx<< target tokens
    bleu_tokenize: str = "13a"  # sacrebleu's tokeniser for BLEU
    ter_asian: bool = False  # TER with asian_support (character-level for unspaced scripts)
    weak_embedding: bool = False  # outside the embedder's training languages: alignment rests on length and anchors

    @property
    def signature_id(self) -> str:
        return "generic" if self.generic else f"{self.tag}-{self.version}"

    @property
    def unspaced(self) -> bool:
        """Written without spaces between words: units are characters, terms match as substrings."""
        return self.joiner == ""

    @cached_property
    def morphology(self) -> Morphology:
        return self.morphology_factory()

    def split_sentences(self, text: str) -> list[str]:
        """Sentences of one paragraph, whitespace-trimmed, never empty strings."""
        if not text.strip():
            return []
        return self.sentences(text)

    def join(self, texts) -> str:
        return self.joiner.join(texts)


# The family of profiles: one module of this package per language registers its profile under its canonical tag;
# a profile from elsewhere registers through the `tilmash.languages` entry point group.
PROFILES: Registry[LanguageProfile] = Registry("language profile", "tilmash.languages")
