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
warns about. In Kazakh and the other Turkic languages a word before the
last may also add or drop a genitive ending (БҰҰ-ның Бас Ассамблеясы and
БҰҰ Бас Ассамблеясы are one term). Languages written without spaces
(Chinese) match as substrings of width- and quote-normalised text, spaces
removed from both the term and the text ("（LLDC 3）" is "(LLDC3)").

Variants that differ only in punctuation or spacing are one term: where a
term has a comma, colon or dash between two words, the text may have any of
them («Бір белдеу, бір жол», «Бір белдеу – бір жол»); where it has a comma,
also none (One Belt One Road), but where it has a dash or colon, not none (Қытай
Орталық Азиямен бірге is not the format name Қытай – Орталық Азия); a dash
in the text between words the term runs together is skipped, and so is the hyphen of a code before its number
(COP-29 is COP 29), and a name of two capitalised words may be written as one (Syr Darya is Syrdarya, Сыр-Дарыя
is Сырдарыя). Where a language joins an ending to a word at a hyphen (Kazakh), a hyphen between two words
of such a term still separates them («Бір белдеу-бір жол»). In English, German and French "&" is the word "and"
(Belt & Road Initiative). A case-sensitive term (model.Concept.
case_sensitive) matches only where each of its capitals is a capital in the
text: «Астана» matches «Астанада» and «АСТАНА», not «астанасы» ("its
capital").

Where terms overlap, the longest match wins (联合国大会 over 联合国).
"""
from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from corpus.languages import LanguageWarning, profile
from corpus.progress import progress

from .model import TermBase

# One character in, one character out, so offsets survive: quotes and dashes unified, full width folded.
_FOLD = str.maketrans({
    **{c: '"' for c in "«»“”„‟\"‚‹›「」『』〈〉《》"},  # not ' ’: they are apostrophes too
    "’": "'", "ʼ": "'",  # one apostrophe: l’ONU is l'ONU, Обʼєднаних is Об'єднаних, Assembly’s is Assembly's
    **{c: "-" for c in "‐‑‒–—―−"},
    **{chr(0xFF01 + k): chr(0x21 + k) for k in range(94)},  # ！..～ -> !..~
    "\u3000": " ",
})
_DASH_RUN = re.compile(r" *--? *")
SEPARATORS = frozenset({",", "-", ":", ";"})  # between words of a term, any of these or none
_OPTIONAL, _REQUIRED = 1, 2  # a comma in a term may be left out (One Belt One Road); a dash, colon or semicolon not
MATCHER_VERSION = "8"  # bumped whenever a change to matching can change what is found (terms signatures)


@dataclass(frozen=True)
class Match:
    concept: str
    kind: str  # "preferred", "variant", or a rejected status: "deprecated", "superseded", "forbidden"
    start: int  # character offsets in the original text
    end: int
    text: str
    term: str  # the glossary term that matched


def normalise(text: str) -> tuple[str, list[int]]:
    """Normalised text and, for each of its characters, the offset in the original.

    "Азия — Китай" and "Азия -- Китай" become "Азия - Китай", "Азия–Китай" becomes "Азия-Китай": a spaced
    dash stays apart from its words, so it is never read as the hyphen of a hyphenated word.
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
        dash = match.start() + match.group().index("-")
        if match.group().strip() == match.group():
            out.append("-")
            where.append(dash)
        else:
            out.append(" - ")
            where.extend((match.start(), dash, match.end() - 1))
        last = match.end()
    out.append(folded[last:])
    where.extend(range(last, len(folded)))
    return "".join(out), where


_SEPARATOR_RUN = re.compile(r"\s*[,:;-]\s*|\s+")


def canonical(text: str) -> str:
    """A term's text compared without case, outer quotes, spacing and the punctuation between its words."""
    return _SEPARATOR_RUN.sub(" ", normalise(text)[0].lower().strip('" ')).strip()


class Token(NamedTuple):
    text: str
    start: int
    end: int


_BEFORE_CAPITAL = re.compile(r"-(?=[^\W\d_])")
_SPACED_DASH = re.compile(r"(?<!\S)-(?!\S)")  # normalise() leaves a dash between words spaced


def tokenize(text: str, lang: str) -> list[Token]:
    """Words and sentence-internal punctuation; quotes are separators only, dashes and apostrophes depend on
    the language. Where a language joins words at a hyphen (an ending after it: БҰҰ-ның), a hyphen before a
    capital is a token of its own: a dash between names (Азия-Қытай) or the hyphen of a hyphenated name
    (Сыр-Дарыя), whose last part is the one that inflects; so is a spaced dash (Бір белдеу - бір жол), in
    every language."""
    tokens = []
    for m in profile(lang).tokens.finditer(text):
        start = m.start()
        for cut in _BEFORE_CAPITAL.finditer(m.group()):
            if m.group()[cut.end()].isupper():
                dash = m.start() + cut.start()
                tokens += [Token(text[start:dash], start, dash), Token("-", dash, dash + 1)]
                start = dash + 1
        tokens.append(Token(text[start:m.end()], start, m.end()))
    starts = {t.start for t in tokens}
    tokens += [Token("-", m.start(), m.end()) for m in _SPACED_DASH.finditer(text) if m.start() not in starts]
    return sorted((t for t in tokens if t.text), key=lambda t: t.start)


def _split_at_hyphens(tokens: list[Token]) -> list[Token]:
    """Tokens with every hyphen inside a word (Kazakh белдеу-бір, БҰҰ-ның) made a token of its own."""
    out = []
    for token in tokens:
        start = token.start
        for part in token.text.split("-")[:-1] if "-" in token.text[1:-1] else ():
            out += [Token(part, start, start + len(part)), Token("-", start + len(part), start + len(part) + 1)]
            start += len(part) + 1
        out.append(Token(token.text[start - token.start:], start, token.end))
    return [t for t in out if t.text]


@dataclass(frozen=True)
class _Pattern:
    concept: str
    kind: str
    term: str
    tokens: tuple[str, ...]  # the words (and inner punctuation other than separators); Chinese: one squeezed string
    gaps: tuple[int, ...] = ()  # gaps[k]: whether a separator may (_OPTIONAL) or must (_REQUIRED) stand after token k
    case: bool = False  # the term's capitals must be capitals in the text


def _capitals_kept(term: str, text: str) -> bool:
    """Whether every capital of a term's word is a capital in the text's word (АСТАНА is Астана)."""
    return all(b.isupper() for a, b in zip(term, text) if a.isupper()) and (
        len(text) >= len(term) or not any(a.isupper() for a in term[len(text):]))


def _words_and_gaps(tokens: list[str]) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """A term's tokens without its separators, and where the separators stood. The hyphen of a code before its
    number (COP-29, КС-29) is spelling, not a separator: the text may write it, a space or nothing between."""
    words: list[str] = []
    gaps: list[int] = []
    for k, token in enumerate(tokens):
        if token in SEPARATORS:
            number_follows = token == "-" and tokens[k + 1:k + 2] != [] and tokens[k + 1].isdigit()
            if words and not number_follows:
                gaps[-1] = max(gaps[-1], _OPTIONAL if token == "," else _REQUIRED)
            continue
        words.append(token)
        gaps.append(0)
    return tuple(words), tuple(gaps)


class Matcher:
    """All terms of one language of a term base, compiled for repeated searching."""

    def __init__(self, termbase: TermBase, lang: str) -> None:
        self.profile = profile(lang)
        self.lang = self.profile.tag
        self.substrings = self.profile.unspaced
        self.rules = self.profile.morphology
        self.ampersand = self.profile.ampersand
        if self.profile.generic and lang in termbase.languages:
            warnings.warn(f"{self.profile.name} ({self.lang}) has no language profile: its terms match as written"
                          " (case aside), without inflected forms", LanguageWarning, stacklevel=2)
        self.patterns: list[_Pattern] = []
        for concept in progress(termbase.concepts, f"compiling {lang} terms", unit="concept", delay=2):
            terms = concept.terms.get(lang)
            if terms is None:
                continue
            for kind, term in (("preferred", terms.preferred), *(("variant", v) for v in terms.variants),
                               *terms.rejected()):
                self.patterns.extend(self._compile(concept.id, kind, term, concept.case_sensitive(lang, term)))
        self.by_key: dict[str, list[_Pattern]] = {}
        if not self.substrings:
            for pattern in self.patterns:
                for key in self.rules.keys(pattern.tokens[0]):
                    self.by_key.setdefault(key, []).append(pattern)

    def _compile(self, concept: str, kind: str, term: str, case: bool) -> list[_Pattern]:
        normal = normalise(term)[0]
        if self.substrings:
            return [_Pattern(concept, kind, term, (normal.replace(" ", ""),), case=case)]
        tokens, gaps = _words_and_gaps(self._words(tokenize(normal, self.lang)))
        if not tokens:
            return []
        out = [_Pattern(concept, kind, term, tokens, gaps, case)]
        if tokens[0].lower() in self.profile.articles and len(tokens) > 1:
            out.append(_Pattern(concept, kind, term, tokens[1:], gaps[1:], case))
        if len(tokens) == 2 and all(t.isalpha() and t[0].isupper() for t in tokens):
            # a two-word name is also written as one word: Syr Darya / Syrdarya, Сыр-Дарыя / Сырдарыянын
            out.append(_Pattern(concept, kind, term, (tokens[0] + tokens[1].lower(),), (0,), case))
        return out

    def find(self, text: str) -> list[Match]:
        """Non-overlapping matches, longest first where they compete, in text order."""
        normal, where = normalise(text)
        spans = self._find_substrings(normal) if self.substrings else self._find_tokens(normal)
        chosen: list[tuple[int, int, _Pattern]] = []
        # Where two terms cover the same words, the one written as in the text wins: "Один пояс один путь" listed as
        # deprecated is that, not the admitted «Один пояс, один путь» with its comma left out.
        def rank(span: tuple[int, int, _Pattern]) -> tuple[int, int, bool]:
            start, end, pattern = span
            return -(end - start), start, not normalise(pattern.term)[0].lower().endswith(normal[start:end].lower())

        for start, end, pattern in sorted(spans, key=rank):
            if all(end <= a or b <= start for a, b, _ in chosen):
                chosen.append((start, end, pattern))
        matches = []
        for start, end, pattern in sorted(chosen, key=lambda s: s[0]):
            a, b = where[start], where[end - 1] + 1
            matches.append(Match(pattern.concept, pattern.kind, a, b, text[a:b], pattern.term))
        return matches

    def _find_substrings(self, normal: str) -> list[tuple[int, int, _Pattern]]:
        kept = [k for k, c in enumerate(normal) if c != " "]  # spaces go from the text as from the terms
        squeezed = "".join(normal[k] for k in kept)
        spans = []
        for pattern in self.patterns:
            needle = pattern.tokens[0]
            start = squeezed.find(needle)
            while start >= 0 and needle:
                spans.append((kept[start], kept[start + len(needle) - 1] + 1, pattern))
                start = squeezed.find(needle, start + 1)
        return spans

    def _words(self, tokens: list[Token]) -> list[str]:
        """The tokens' texts, with "&" read as the language's "and"."""
        return [self.ampersand if t.text == "&" and self.ampersand else t.text for t in tokens]

    def _find_tokens(self, normal: str) -> list[tuple[int, int, _Pattern]]:
        tokens = tokenize(normal, self.lang)
        spans = self._spans(tokens, lambda pattern: True)
        split = _split_at_hyphens(tokens)
        if len(split) > len(tokens):  # «Бір белдеу-бір жол»: only a term with a separator may use the hyphen
            spans += self._spans(split, lambda pattern: any(pattern.gaps))
        return spans

    def _spans(self, tokens: list[Token], wanted: Callable[[_Pattern], bool]) -> list[tuple[int, int, _Pattern]]:
        words = self._words(tokens)
        same = self.rules.same
        spans = []
        for i, word in enumerate(words):
            candidates = {id(p): p for key in self.rules.keys(word) for p in self.by_key.get(key, ())}
            for pattern in candidates.values():
                end = self._match_at(pattern, words, i, same) if wanted(pattern) else None
                if end is not None:
                    spans.append((tokens[i].start, tokens[end].end, pattern))
        return spans

    @staticmethod
    def _match_at(pattern: _Pattern, words: list[str], i: int, same) -> int | None:
        """The index of the last text token of `pattern` matched from token `i`, or None. Where the term has
        a separator between two words the text must have one, any of them; elsewhere a text dash is skipped."""
        n = len(pattern.tokens)
        j = i
        for k in range(n):
            if k:
                j += 1
                separated = j < len(words) and words[j] in SEPARATORS
                if pattern.gaps[k - 1] == _REQUIRED and not separated:
                    return None
                if separated and (pattern.gaps[k - 1] or words[j] == "-"):
                    j += 1
            if j >= len(words) or not same(pattern.tokens[k], words[j], k == n - 1):
                return None
            if pattern.case and not _capitals_kept(pattern.tokens[k], words[j]):
                return None
        return j
