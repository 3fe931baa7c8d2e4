"""Finding glossary terms in running text, whatever grammar does to them.

Text and terms go through the same normalisation (quotes, dashes, widths)
and the same tokeniser, and a term matches a run of text tokens when every
token agrees under the language's rule:

- ru: the tokens share a lemma (pymorphy3), so every case and number of a
  multi-word term matches, and words that merely share a stem do not;
- kk: the tokens are equal, except that the term's last token may carry
  Kazakh inflection (plural, possessive, case endings, in either vowel
  harmony, after a hyphen for abbreviations: БҰҰ-ның). No maintained Kazakh
  analyser installs here (apertium-kaz is not on PyPI or Debian stable), so
  the endings are listed in `KAZAKH_ENDINGS`;
- en: case-insensitive, plural -s/-es and possessive 's ignored, a leading
  article optional, hyphens as spaces;
- zh: substring search on width- and quote-normalised text.

Where terms overlap, the longest match wins (联合国大会 over 联合国).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from corpus.progress import progress

from .model import TermBase

# One character in, one character out, so offsets survive: quotes and dashes unified, full width folded.
_FOLD = str.maketrans({
    **{c: '"' for c in "«»“”„‟\"‚‹›「」『』〈〉《》"},  # not ' ’: they are apostrophes too
    **{c: "-" for c in "‐‑‒–—―−"},
    **{chr(0xFF01 + k): chr(0x21 + k) for k in range(94)},  # ！..～ -> !..~
    "\u3000": " ",
})
_DASH_RUN = re.compile(r" *--? *")
_PUNCT = r"|[,;:.!?()]"  # sentence-internal punctuation is a token: a term does not match across it
_TOKEN = {
    "kk": re.compile(r"\w+(?:-\w+)*" + _PUNCT),  # hyphens join: БҰҰ-ның, Азия-Қытай (spaces round dashes gone)
    "en": re.compile(r"\w+(?:['’]\w+)*" + _PUNCT),  # hyphens separate like spaces: Belt-and-Road
    "default": re.compile(r"\w+(?:['’]\w+)*|-" + _PUNCT),  # a dash is a token of its own: Азия-Китай
}
ARTICLES = ("the", "a", "an")

# Kazakh inflectional endings (plural, possessive, case), both vowel harmonies; they chain, up to three.
KAZAKH_ENDINGS = sorted({
    "лар", "лер", "дар", "дер", "тар", "тер",  # plural
    "ым", "ім", "м", "ың", "ің", "ң", "ыңыз", "іңіз", "ңыз", "ңіз", "ы", "і", "сы", "сі",  # possessive
    "мыз", "міз", "ымыз", "іміз",
    "ның", "нің", "дың", "дің", "тың", "тің", "ның",  # genitive
    "ға", "ге", "қа", "ке", "а", "е", "на", "не",  # dative
    "ны", "ні", "ды", "ді", "ты", "ті", "н",  # accusative
    "да", "де", "та", "те", "нда", "нде",  # locative
    "дан", "ден", "тан", "тен", "нан", "нен", "ндан", "нден",  # ablative
    "мен", "бен", "пен",  # instrumental
    "дай", "дей", "тай", "тей", "ша", "ше",  # comparative, equative
    "дағы", "дегі", "тағы", "тегі", "ндағы", "ндегі",  # attributive locative
}, key=len, reverse=True)
KAZAKH_POSSESSIVE = ("сы", "сі", "ы", "і")  # a term in possessive form (институты) inflects from its bare stem
_VOICING = {"к": "г", "қ": "ғ", "п": "б"}  # stem-final consonants voiced before a vowel ending


@dataclass(frozen=True)
class Match:
    concept: str
    kind: str  # "preferred", "variant" or "forbidden"
    start: int  # character offsets in the original text
    end: int
    text: str
    term: str  # the glossary term that matched


def normalise(text: str) -> tuple[str, list[int]]:
    """Normalised text and, for each of its characters, the offset in the original.

    "Азия — Китай", "Азия -- Китай" and "Азия-Китай" all become "Азия-Китай".
    """
    folded = text.translate(_FOLD)
    if "-" not in folded:
        return folded, list(range(len(folded)))
    out: list[str] = []
    where: list[int] = []
    last = 0
    for match in _DASH_RUN.finditer(folded):
        if "-" not in match.group():
            continue
        out.append(folded[last:match.start()])
        where.extend(range(last, match.start()))
        out.append("-")
        where.append(match.start() + match.group().index("-"))
        last = match.end()
    out.append(folded[last:])
    where.extend(range(last, len(folded)))
    return "".join(out), where


def canonical(text: str) -> str:
    """A term's text compared without case, outer quotes and dash style."""
    return normalise(text)[0].lower().strip('" ')


class Token(NamedTuple):
    text: str
    start: int
    end: int


def tokenize(text: str, lang: str) -> list[Token]:
    """Words and sentence-internal punctuation; quotes are separators only, dashes depend on the language."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.get(lang, _TOKEN["default"]).finditer(text)]


class _Rules:
    """How one language compares a term token with a text token."""

    def keys(self, token: str) -> frozenset[str]:
        return frozenset({token.lower()})

    def same(self, term_token: str, text_token: str, last: bool) -> bool:
        return bool(self.keys(term_token) & self.keys(text_token))


class _Russian(_Rules):
    def __init__(self) -> None:
        import pymorphy3

        self.morph = pymorphy3.MorphAnalyzer()
        self.keys = lru_cache(maxsize=200_000)(self._lemmas)  # type: ignore[method-assign]

    def _lemmas(self, token: str) -> frozenset[str]:
        """All lemmas pymorphy3 offers, plus the word itself: it lemmatises some surnames
        oddly (Токаев -> токай, Токаева -> токаев), and the surface form keeps them matching."""
        surface = token.lower().replace("ё", "е")
        if not token[0].isalpha():
            return frozenset({surface})
        return frozenset({surface, *(p.normal_form.replace("ё", "е") for p in self.morph.parse(surface))})


class _English(_Rules):
    @staticmethod
    @lru_cache(maxsize=200_000)
    def _stem(token: str) -> str:
        token = token.lower()
        for ending in ("'s", "’s"):
            if token.endswith(ending):
                token = token[: -len(ending)]
        if len(token) > 3 and token.endswith("es") and token[-3] in "sxz":
            return token[:-2]
        if len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
            return token[:-1]
        return token

    def keys(self, token: str) -> frozenset[str]:
        return frozenset({self._stem(token)})


class _Kazakh(_Rules):
    def keys(self, token: str) -> frozenset[str]:
        return frozenset({token.lower()[:3]})

    @staticmethod
    @lru_cache(maxsize=200_000)
    def _inflects(stem: str, word: str) -> bool:
        if word == stem:
            return True
        stems = {stem}
        for ending in KAZAKH_POSSESSIVE:
            if stem.endswith(ending) and len(stem) - len(ending) >= 3:
                stems.add(stem[: -len(ending)])
                break
        for base in list(stems):
            if base[-1] in _VOICING:
                stems.add(base[:-1] + _VOICING[base[-1]])
        for base in stems:
            if word.startswith(base):
                rest = word[len(base):].lstrip("-")
                if rest and _endings(rest, 3):
                    return True
        return False

    def same(self, term_token: str, text_token: str, last: bool) -> bool:
        term_token, text_token = term_token.lower(), text_token.lower()
        return self._inflects(term_token, text_token) if last else term_token == text_token


def _endings(rest: str, depth: int) -> bool:
    """Whether `rest` is a chain of at most `depth` Kazakh endings."""
    if not rest:
        return True
    if depth == 0:
        return False
    return any(rest.startswith(e) and _endings(rest[len(e):], depth - 1) for e in KAZAKH_ENDINGS)


@lru_cache(maxsize=None)
def _rules(lang: str) -> _Rules:
    return {"ru": _Russian, "en": _English, "kk": _Kazakh}.get(lang, _Rules)()


@dataclass(frozen=True)
class _Pattern:
    concept: str
    kind: str
    term: str
    tokens: tuple[str, ...]


class Matcher:
    """All terms of one language of a term base, compiled for repeated searching."""

    def __init__(self, termbase: TermBase, lang: str) -> None:
        self.lang = lang
        self.rules = _rules(lang)
        self.patterns: list[_Pattern] = []
        for concept in progress(termbase.concepts, f"compiling {lang} terms", unit="concept", delay=2):
            terms = concept.terms.get(lang)
            if terms is None:
                continue
            for kind, items in (("preferred", (terms.preferred,)), ("variant", terms.variants),
                                ("forbidden", terms.forbidden)):
                for term in items:
                    self.patterns.extend(self._compile(concept.id, kind, term))
        self.by_key: dict[str, list[_Pattern]] = {}
        if lang != "zh":
            for pattern in self.patterns:
                for key in self.rules.keys(pattern.tokens[0]):
                    self.by_key.setdefault(key, []).append(pattern)

    def _compile(self, concept: str, kind: str, term: str) -> list[_Pattern]:
        normal = normalise(term)[0]
        if self.lang == "zh":
            return [_Pattern(concept, kind, term, (normal.replace(" ", ""),))]
        tokens = tuple(t.text for t in tokenize(normal, self.lang))
        if not tokens:
            return []
        out = [_Pattern(concept, kind, term, tokens)]
        if self.lang == "en" and tokens[0].lower() in ARTICLES and len(tokens) > 1:
            out.append(_Pattern(concept, kind, term, tokens[1:]))
        return out

    def find(self, text: str) -> list[Match]:
        """Non-overlapping matches, longest first where they compete, in text order."""
        normal, where = normalise(text)
        spans = self._find_zh(normal) if self.lang == "zh" else self._find_tokens(normal)
        chosen: list[tuple[int, int, _Pattern]] = []
        for start, end, pattern in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
            if all(end <= a or b <= start for a, b, _ in chosen):
                chosen.append((start, end, pattern))
        matches = []
        for start, end, pattern in sorted(chosen, key=lambda s: s[0]):
            a, b = where[start], where[end - 1] + 1
            matches.append(Match(pattern.concept, pattern.kind, a, b, text[a:b], pattern.term))
        return matches

    def _find_zh(self, normal: str) -> list[tuple[int, int, _Pattern]]:
        squeezed = normal  # Chinese text has no spaces between words; terms are squeezed the same way
        spans = []
        for pattern in self.patterns:
            needle = pattern.tokens[0]
            start = squeezed.find(needle)
            while start >= 0 and needle:
                spans.append((start, start + len(needle), pattern))
                start = squeezed.find(needle, start + 1)
        return spans

    def _find_tokens(self, normal: str) -> list[tuple[int, int, _Pattern]]:
        tokens = tokenize(normal, self.lang)
        words = [t.text for t in tokens]
        same = self.rules.same
        spans = []
        for i, word in enumerate(words):
            candidates = {id(p): p for key in self.rules.keys(word) for p in self.by_key.get(key, ())}
            for pattern in candidates.values():
                n = len(pattern.tokens)
                if i + n > len(words):
                    continue
                for k in range(n):
                    if not same(pattern.tokens[k], words[i + k], k == n - 1):
                        break
                else:
                    spans.append((tokens[i].start, tokens[i + n - 1].end, pattern))
        return spans
