"""Precision and recall of the term matcher on a hand-annotated set of occurrences.

Each row of the set names a language, a text, the concept one occurrence in
it belongs to (or none, for a near miss) and the exact form. A match of the
named concept overlapping the form is a true positive; a match of any other
concept overlapping the form, or any match in a near-miss row, is a false
positive; a named occurrence not found is a false negative.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from corpus.errors import InputError
from corpus.textio import line_of_offset, read_bytes

from .matching import Matcher
from .model import TermBase


@dataclass(frozen=True)
class Annotated:
    lang: str
    text: str
    concept: str
    form: str


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def read_annotated(path: str | Path) -> list[Annotated]:
    raw = read_bytes(path)
    try:
        lines = raw.decode("utf-8-sig").replace("\r\n", "\n").split("\n")
    except UnicodeDecodeError as exc:
        raise InputError(path, "not UTF-8", line_of_offset(raw, exc.start)) from None
    if lines[0].split("\t") != ["lang", "text", "concept", "form"]:
        raise InputError(path, "header must be: lang, text, concept, form", 1)
    rows = []
    for lineno, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != 4 or (cells[2] and cells[3] not in cells[1]):
            raise InputError(path, "expected 4 fields with the form inside the text", lineno)
        rows.append(Annotated(*cells))
    return rows


def matching_quality(termbase: TermBase, rows: list[Annotated]) -> dict[str, Counts]:
    matchers: dict[str, Matcher] = {}
    counts: dict[str, Counts] = {}
    for row in rows:
        matcher = matchers.setdefault(row.lang, Matcher(termbase, row.lang))
        tally = counts.setdefault(row.lang, Counts())
        found = matcher.find(row.text)
        if not row.concept:
            tally.fp += len(found)
            continue
        start = row.text.find(row.form)
        end = start + len(row.form)
        overlapping = [m for m in found if m.start < end and start < m.end]
        if any(m.concept == row.concept for m in overlapping):
            tally.tp += 1
        else:
            tally.fn += 1
        tally.fp += sum(1 for m in overlapping if m.concept != row.concept)
    return counts
