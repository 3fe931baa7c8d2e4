"""Finding glossary terms in running text, whatever grammar does to them.

Text and terms go through the same normalisation (quotes, dashes, widths)
and the same tokeniser, and a term matches a run of text tokens when every
token agrees under the morphology of the language's profile
(corpus.languages): pymorphy3 lemmas for Russian and Ukrainian (every case
and number of a multi-word term, and not words that merely share a stem),
the Turkic suffix engine for Kazakh, Kyrgyz, Uzbek, Turkmen and Turkish
(the term's last word may carry plural, possessive and case endings, after a
hyphen or apostrophe for abbreviations: БҰҰ-ның, BM'nin, BMTning), Tajik's
suffix list, Snowball stems limited to inflectional endings for English,
German and French (case-insensitive, plurals, a leading article optional),
and surface forms, case aside, for any other language, which the matcher
warns about. Languages written without spaces (Chinese) match as substrings
of width- and quote-normalised text.

Where terms overlap, the longest match wins (联合国大会 over 联合国).
"""
from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from typing import NamedTuple

from corpus.languages import LanguageWarning, profile
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
MATCHER_VERSION = "4"  # bumped whenever a change to matching can change what is found (terms signatures)


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


_BEFORE_CAPITAL = re.compile(r"-(?=[^\W\d_])")


def tokenize(text: str, lang: str) -> list[Token]:
    """Words and sentence-internal punctuation; quotes are separators only, dashes and apostrophes depend on
    the language. Where a language joins words at a hyphen (an ending after it: БҰҰ-ның), a hyphen before a
    capital is a token of its own: a dash between names (Азия — Қытай, which normalises to Азия-Қытай) or the
    hyphen of a hyphenated name (Сыр-Дарыя), whose last part is the one that inflects."""
    tokens = []
    for m in profile(lang).tokens.finditer(text):
        start = m.start()
        for cut in _BEFORE_CAPITAL.finditer(m.group()):
            if m.group()[cut.end()].isupper():
                dash = m.start() + cut.start()
                tokens += [Token(text[start:dash], start, dash), Token("-", dash, dash + 1)]
                start = dash + 1
        tokens.append(Token(text[start:m.end()], start, m.end()))
    return [t for t in tokens if t.text]


@dataclass(frozen=True)
class _Pattern:
    concept: str
    kind: str
    term: str
    tokens: tuple[str, ...]


class Matcher:
    """All terms of one language of a term base, compiled for repeated searching."""

    def __init__(self, termbase: TermBase, lang: str) -> None:
        self.profile = profile(lang)
        self.lang = self.profile.tag
        self.substrings = self.profile.unspaced
        self.rules = self.profile.morphology
        if self.profile.generic and lang in termbase.languages:
            warnings.warn(f"{self.profile.name} ({self.lang}) has no language profile: its terms match as written"
                          " (case aside), without inflected forms", LanguageWarning, stacklevel=2)
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
        if not self.substrings:
            for pattern in self.patterns:
                for key in self.rules.keys(pattern.tokens[0]):
                    self.by_key.setdefault(key, []).append(pattern)

    def _compile(self, concept: str, kind: str, term: str) -> list[_Pattern]:
        normal = normalise(term)[0]
        if self.substrings:
            return [_Pattern(concept, kind, term, (normal.replace(" ", ""),))]
        tokens = tuple(t.text for t in tokenize(normal, self.lang))
        if not tokens:
            return []
        out = [_Pattern(concept, kind, term, tokens)]
        if tokens[0].lower() in self.profile.articles and len(tokens) > 1:
            out.append(_Pattern(concept, kind, term, tokens[1:]))
        return out

    def find(self, text: str) -> list[Match]:
        """Non-overlapping matches, longest first where they compete, in text order."""
        normal, where = normalise(text)
        spans = self._find_substrings(normal) if self.substrings else self._find_tokens(normal)
        chosen: list[tuple[int, int, _Pattern]] = []
        for start, end, pattern in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
            if all(end <= a or b <= start for a, b, _ in chosen):
                chosen.append((start, end, pattern))
        matches = []
        for start, end, pattern in sorted(chosen, key=lambda s: s[0]):
            a, b = where[start], where[end - 1] + 1
            matches.append(Match(pattern.concept, pattern.kind, a, b, text[a:b], pattern.term))
        return matches

    def _find_substrings(self, normal: str) -> list[tuple[int, int, _Pattern]]:
        squeezed = normal  # no spaces between words; terms are squeezed the same way
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
