"""Matching words of suffixing languages by an inventory of endings.

No maintained analyser for Kazakh, Kyrgyz, Uzbek, Turkmen or Tajik installs
from PyPI or Debian (apertium's are not packaged for Python), so these
languages list their endings. A text word is a form of a term word when it
is the term word, or its stem, followed by a chain of up to three listed
endings, optionally after a hyphen or an apostrophe (БҰҰ-ның, BM'nin,
BMTning). A stem is the word itself, the word with a stem-final consonant
voiced before a vowel (Kazakh -к/-қ/-п become -г/-ғ/-б), and, for a term
already in possessive form (институты), the word without that ending.

The term's last word takes any chain of endings; the words before it stand
as they are (Орталық Азия елдерінің) or add or drop one `inner` ending, the
genitive of a possessive phrase, which official texts write both ways
(БҰҰ-ның Бас Ассамблеясы and БҰҰ Бас Ассамблеясы).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

SEPARATORS = "-'’ʼ"
MIN_STEM = 3  # letters: a shorter bare stem (after removing a possessive) would match too much


def variants(template: str, **classes: str) -> set[str]:
    """Every spelling of an ending written with harmony classes: variants("л{A}р", A="ае") = {"лар", "лер"}."""
    out = {""}
    k = 0
    while k < len(template):
        if template[k] == "{":
            end = template.index("}", k)
            letters = classes[template[k + 1:end]]
            out = {o + c for o in out for c in letters}
            k = end + 1
        else:
            out = {o + template[k] for o in out}
            k += 1
    return out


def inventory(templates: Iterable[str], **classes: str) -> frozenset[str]:
    return frozenset(e for t in templates for e in variants(t, **classes))


@dataclass
class Suffixes:
    """An ending inventory and the stem rules of one language."""

    name: str
    endings: frozenset[str]
    carries_endings = True  # an enforcer may move an ending from one term to another (see `can_carry`)
    possessive: tuple[str, ...] = ()  # endings a term may already carry, removed to find its bare stem
    voicing: dict[str, str] = field(default_factory=dict)  # stem-final consonant -> its voiced form
    depth: int = 3  # endings in a chain
    separators: str = SEPARATORS  # what may stand between a stem and its endings
    inner: frozenset[str] = frozenset()  # endings a word before the term's last may add or drop (the genitive)
    _sorted: tuple[str, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._sorted = tuple(sorted(self.endings, key=len, reverse=True))
        self.inflects = lru_cache(maxsize=200_000)(self._inflects)

    def keys(self, token: str) -> frozenset[str]:
        """The first three letters, of the word and of what stands before a separator (ЕО of ЕО-ның)."""
        word = token.lower()
        head = word
        for sep in self.separators:
            head = head.split(sep)[0]
        return frozenset({word[:MIN_STEM], head[:MIN_STEM]})

    def chain(self, rest: str, depth: int | None = None) -> bool:
        """Whether `rest` is a chain of at most `depth` endings."""
        depth = self.depth if depth is None else depth
        if not rest:
            return True
        if depth == 0:
            return False
        return any(rest.startswith(e) and self.chain(rest[len(e):], depth - 1) for e in self._sorted)

    def stems(self, word: str) -> set[str]:
        stems = {word}
        for ending in self.possessive:
            if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
                stems.add(word[: -len(ending)])
                break
        for base in list(stems):
            if base and base[-1] in self.voicing:
                stems.add(base[:-1] + self.voicing[base[-1]])
        return stems

    def _inflects(self, stem: str, word: str) -> bool:
        if word == stem:
            return True
        for base in self.stems(stem):
            if word.startswith(base):
                rest = word[len(base):].lstrip(self.separators)
                if rest and self.chain(rest):
                    return True
        return False

    def same(self, term_token: str, text_token: str, last: bool) -> bool:
        term, text = term_token.lower(), text_token.lower()
        if last:
            return self.inflects(term, text)
        return term == text or (bool(self.inner) and self.bare(term) == self.bare(text))

    def bare(self, word: str) -> str:
        """The word without one `inner` ending (and the hyphen or apostrophe before it), if it has one."""
        for ending in self.inner:
            if word.endswith(ending) and len(word) - len(ending) >= 2:
                return word[: -len(ending)].rstrip(self.separators)
        return word

    def ending(self, term_token: str, text_token: str) -> str | None:
        """What the text adds to the term's word as it is; None when it changed the stem (voiced it, dropped
        a possessive): then an enforcer cannot carry the ending over without guessing."""
        term, text = term_token.lower(), text_token.lower()
        if not text.startswith(term):
            return None
        return text_token[len(term_token):]

    def can_carry(self, ending: str, from_word: str, to_word: str) -> bool:
        """Whether `ending`, written after `from_word`, is also right after `to_word`: where endings do not
        harmonise, when both words end alike (in a vowel, or in a consonant)."""
        if not ending:
            return True
        vowel = "аеёиоуыэюяӣӯaeiouyäöüı"
        return (from_word[-1:].lower() in vowel) == (to_word[-1:].lower() in vowel)
