"""How a language decides that a word of a text is a form of a word of a term.

Every morphology answers three questions for the term matcher and the
enforcer (glossaries/), which know nothing about any language:

- `keys(token)`: index keys; a term word and a text word that can match
  share at least one, so the matcher looks up candidates instead of trying
  every term at every word;
- `same(term_token, text_token, last)`: whether they match; `last` says the
  term word is the term's last, the one that carries inflection in the
  suffixing languages;
- `ending(term_token, text_token)`: what the text word adds to the term
  word ('' for nothing), or None when the two differ otherwise (a changed
  stem), so an enforcer only ever moves an ending it can see.

Members: `Surface` (case-folded equality: the generic profile, Chinese),
`Lemmas` (pymorphy3 for Russian and Ukrainian), `Stems` (a Snowball stemmer
plus the surface form, with only inflectional endings allowed to differ:
English, German, French) and `corpus.languages.suffixes.Suffixes` (an ending
inventory: the Turkic languages and Tajik).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Protocol


class Morphology(Protocol):
    name: str
    carries_endings: bool  # whether an enforcer may move an ending between terms (`can_carry`, suffixes only)

    def keys(self, token: str) -> frozenset[str]: ...

    def same(self, term_token: str, text_token: str, last: bool) -> bool: ...

    def ending(self, term_token: str, text_token: str) -> str | None: ...


def _fold(token: str) -> str:
    return token.lower().replace("ё", "е")


class Surface:
    """Words match when they are equal but for case: the morphology of a language nobody profiled."""

    name = "surface"
    carries_endings = False

    def keys(self, token: str) -> frozenset[str]:
        return frozenset({_fold(token)})

    def same(self, term_token: str, text_token: str, last: bool) -> bool:
        return _fold(term_token) == _fold(text_token)

    def ending(self, term_token: str, text_token: str) -> str | None:
        return "" if _fold(term_token) == _fold(text_token) else None


class Lemmas(Surface):
    """Words match when pymorphy3 offers them a common lemma, or they are equal: every case and number of a
    multi-word term matches, and words that merely share a stem do not. The surface form is a key too, since
    pymorphy3 lemmatises some surnames oddly (Токаев -> токай, Токаева -> токаев)."""

    def __init__(self, lang: str) -> None:
        import pymorphy3

        self.name = f"pymorphy3-{lang}"
        self.morph = pymorphy3.MorphAnalyzer(lang=lang)
        self.keys = lru_cache(maxsize=200_000)(self._lemmas)  # type: ignore[method-assign]

    def _lemmas(self, token: str) -> frozenset[str]:
        surface = _fold(token)
        if not token[0].isalpha():
            return frozenset({surface})
        return frozenset({surface, *(_fold(p.normal_form) for p in self.morph.parse(surface))})

    def same(self, term_token: str, text_token: str, last: bool) -> bool:
        return bool(self.keys(term_token) & self.keys(text_token))

    def part_of_speech(self, token: str) -> str | None:
        """The OpenCorpora part of speech of the token's likeliest reading (PRTF, GRND, VERB...)."""
        return self.morph.parse(_fold(token))[0].tag.POS


class Stems(Surface):
    """Snowball stems plus the surface form. A stemmer also conflates derivations that are different terms
    (national / nation, developing / developed), so two words with one stem match only when what is left of
    each after their common beginning is one of the language's inflectional endings."""

    def __init__(self, algorithm: str, endings: frozenset[str]) -> None:
        import Stemmer

        self.name = f"snowball-{algorithm}"
        self.stemmer = Stemmer.Stemmer(algorithm)
        self.endings = endings
        self.stem = lru_cache(maxsize=200_000)(self._stem)

    def _stem(self, token: str) -> str:
        return self.stemmer.stemWord(_fold(token))

    def keys(self, token: str) -> frozenset[str]:
        return frozenset({self.stem(token)})

    def _tails(self, a: str, b: str) -> tuple[str, str]:
        k = 0
        while k < min(len(a), len(b)) and a[k] == b[k]:
            k += 1
        return a[k:], b[k:]

    def same(self, term_token: str, text_token: str, last: bool) -> bool:
        a, b = _fold(term_token), _fold(text_token)
        if a == b:
            return True
        if self.stem(a) != self.stem(b):
            return False
        return all(tail in self.endings for tail in self._tails(a, b))
