"""Sentence splitters, one per kind of language: a profile picks one and gives it its abbreviations.

- `Razdel`: razdel, built for Russian abbreviations and initials ("К.К.Токаева",
  "г.Астана", "т.е."). It also serves English and Kazakh, whose sentence gold
  in the bundled set was made with it, with the Kazakh year and month
  abbreviations glued back (2025 ж. 17 маусымда).
- `Sentencex`: Wikimedia's sentencex (Unicode sentence-terminal rules with
  per-language abbreviation lists and fallbacks for about 300 languages, a
  Rust core, maintained), for every other language, and the generic profile.
  Its lists miss Central Asian abbreviations and initials (Ж. Бакиев,
  Sh. Mirziyoyev, 2025-ж.), so a profile adds its own, which glue a split
  back together.
- `Terminals`: Chinese needs no model: its sentence-final marks are unambiguous.

A split is glued back when the piece before it ends in one of the
profile's abbreviations, or in an initial (one capital letter, or a
digraph initial such as Sh., and a full stop) followed by a capitalised
word, or in a number abbreviation (2025 ж., 2025-yil) followed by a word
that continues the sentence (a digit or a lower-case letter).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

import razdel


class Splitter(Protocol):
    @property
    def name(self) -> str: ...

    def __call__(self, text: str) -> list[str]: ...


@dataclass(frozen=True)
class Abbreviations:
    """What ends a piece without ending a sentence: `words` (lower case, with their full stop: "т.б.", "dr."),
    `initials` (letter groups that stand as an initial before a full stop: "sh", "ch", "oʻ"), and `after_number`
    (abbreviations that follow a number: "ж." of 2025 ж., "yil" is not one since it has no stop)."""

    words: frozenset[str] = frozenset()
    initials: frozenset[str] = frozenset()
    after_number: frozenset[str] = frozenset()
    # a year abbreviation is followed by a capitalised place name as often as by a lower-case word (2026-ж.
    # Ташкентте): where the profile says so, the case of what follows does not matter
    number_before_capitals: bool = False

    def glue(self, before: str, after: str) -> bool:
        tail = before.rstrip()
        if not tail.endswith("."):
            return False
        last = tail.split()[-1].lower() if tail.split() else ""
        bare = re.split(r"['’]", last.lstrip("(«\"“„"))[-1]  # l’art. is art.
        if last in self.words or bare in self.words:
            return True
        initial = re.search(r"(?:^|[\s(«\"“„.])([^\W\d_]{1,2}[ʻ']?)\.$", tail)
        if initial and initial.group(1)[0].isupper() and (len(initial.group(1)) == 1
                                                          or initial.group(1).lower() in self.initials):
            return bool(re.match(r"[\"«“„(]?[^\W\d_]", after)) and after.lstrip("\"«“„(")[:1].isupper()
        number = re.search(r"\d[\s-]*([^\W\d_]+\.)$", tail)
        if number and number.group(1).lower() in self.after_number:
            return bool(re.match(r"[\d(«\"]|[^\W\d_]", after)) and (self.number_before_capitals
                                                                    or not after[:1].isupper())
        return False


def _glued(text: str, pieces: list[str], abbreviations: Abbreviations) -> list[str]:
    """The sentences of `text` from a splitter's `pieces` (substrings of it, in order), glued back where a piece
    ends in an abbreviation; a glued sentence is a span of the original text, its spacing kept."""
    spans: list[tuple[int, int]] = []
    at = 0
    for piece in (p.strip() for p in pieces):
        start = text.find(piece, at) if piece else -1
        if start < 0:
            continue
        at = start + len(piece)
        if spans and abbreviations.glue(text[spans[-1][0]:spans[-1][1]], piece):
            spans[-1] = (spans[-1][0], at)
        else:
            spans.append((start, at))
    return [text[a:b] for a, b in spans]


@dataclass(frozen=True)
class Razdel:
    abbreviations: Abbreviations = field(default_factory=Abbreviations)
    name: str = "razdel"

    def __call__(self, text: str) -> list[str]:
        return _glued(text, [s.text for s in razdel.sentenize(text)], self.abbreviations)


@dataclass(frozen=True)
class Sentencex:
    language: str  # the code sentencex knows the language by; unknown codes fall back to its generic rules
    abbreviations: Abbreviations = field(default_factory=Abbreviations)
    name: str = "sentencex"

    def __call__(self, text: str) -> list[str]:
        from sentencex import segment

        return _glued(text, list(segment(self.language, text)), self.abbreviations)


_ZH_SENTENCE = re.compile(r"[^。！？；!?]*(?:[。！？；!?]+[”’」』）)\"']*|$)")


@dataclass(frozen=True)
class Terminals:
    name: str = "terminals"

    def __call__(self, text: str) -> list[str]:
        return [s.strip() for s in _ZH_SENTENCE.findall(text) if s.strip()]


def read_gold(text: str) -> dict[str, list[list[str]]]:
    """Hand-checked sentences by language: blocks opened by `# lang: TAG`, one sentence per line, a blank line
    between paragraphs (tests/data/segmentation-gold.txt). Other `#` lines are comments."""
    gold: dict[str, list[list[str]]] = {}
    lang = None
    paragraph: list[str] = []
    for line in text.splitlines() + [""]:
        line = line.strip()
        if line.startswith("# lang:"):
            lang = line.split(":", 1)[1].strip()
            gold.setdefault(lang, [])
        elif line.startswith("#"):
            continue
        elif line and lang is not None:
            paragraph.append(line)
            continue
        if paragraph and lang is not None:
            gold[lang].append(paragraph)
        paragraph = []
    return gold


def boundaries(sentences: list[str]) -> set[int]:
    """Where sentences end inside their paragraph, as counts of non-space characters before each end, so that the
    spacing a splitter keeps or drops does not matter."""
    ends, seen = set(), 0
    for sentence in sentences[:-1]:
        seen += sum(not c.isspace() for c in sentence)
        ends.add(seen)
    return ends
