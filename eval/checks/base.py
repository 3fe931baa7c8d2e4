"""What every quality check shares: the result types, the document's baselines and the `Check` base class.

A check is a small class registered in `CHECKS` under its name: it says what it
detects and its thresholds, learns what it needs from the whole aligned
document when it is built (a length ratio, a similarity level, clause norms),
then judges one link at a time by adding values and flags to the link's
`LinkQuality`. Thresholds are not raw numbers where what is normal depends on
the language pair, the embedder and the text type: such checks judge a link by
its robust z-score against the document's own links.
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import ClassVar, Protocol

import numpy as np

from corpus.alignment import Alignment, Link
from corpus.findings import TermFinding
from corpus.model import Document
from corpus.registry import Registry
from corpus.rows import row_text

from .. import language

SEVERITIES = ("ok", "warn", "error")
LENGTH_MIN_CHARS = 40  # shorter sources vary too much in length to judge
LENGTH_MIN_SPREAD = 0.05  # of log(target chars / source chars): a length ratio within 5 % is no outlier of any pair
MAX_LISTED = 8  # numbers or cues quoted in one reason; a long paragraph can have hundreds


class Embedder(Protocol):
    """What the similarity check needs of align.embedders, which eval may not import."""

    id: str

    def encode(self, texts: list[str], lang: str) -> np.ndarray: ...


@dataclass(frozen=True)
class Flag:
    check: str
    severity: str  # "warn" | "error"
    reason: str

    def __post_init__(self) -> None:
        # a link's status is the worst severity of its flags: an "ok" flag would show as a clean link with a reason
        if self.severity not in SEVERITIES[1:]:
            raise ValueError(f"a flag is a warn or an error, not {self.severity!r}")

    def as_dict(self) -> dict:
        return {"check": self.check, "severity": self.severity, "reason": self.reason}


@dataclass
class LinkQuality:
    src: tuple[int, ...]
    tgt: tuple[int, ...]
    values: dict[str, float] = field(default_factory=dict)
    flags: list[Flag] = field(default_factory=list)

    @property
    def status(self) -> str:
        """Derived from the flags, never stored, so that a link's status and its reasons cannot disagree."""
        return max((f.severity for f in self.flags), key=SEVERITIES.index, default="ok")

    def as_dict(self) -> dict:
        return {"src": list(self.src), "tgt": list(self.tgt), "status": self.status,
                "values": {k: round(v, 4) for k, v in self.values.items()},
                "flags": [f.as_dict() for f in self.flags]}


@dataclass
class PairQuality:
    src_lang: str
    tgt_lang: str
    links: list[LinkQuality]
    score: float
    notes: list[str] = field(default_factory=list)  # what could not be checked, and why
    signature: str = ""  # which checks with which thresholds and embedder (eval.checks.quality_signature)

    def status_counts(self) -> dict[str, int]:
        counts = {status: 0 for status in SEVERITIES}
        for link in self.links:
            counts[link.status] += 1
        return counts

    def as_dict(self) -> dict:
        return {"src_lang": self.src_lang, "tgt_lang": self.tgt_lang, "score": round(self.score, 1),
                "status_counts": self.status_counts(), "notes": list(self.notes), "signature": self.signature,
                "links": [link.as_dict() for link in self.links]}


@dataclass(frozen=True)
class Baseline:
    """Median and robust spread of a value over the document's links.

    The spread is 1.4826 x MAD, which estimates the standard deviation without letting the few bad links
    widen it. When more than half the links share one value the MAD is 0 and every other link would be an
    outlier, so the spread falls back to 1.2533 x the mean absolute deviation (the same estimate for normal
    data, and never 0 unless all values are equal), and in any case to no less than `floor`."""
    median: float
    spread: float

    @classmethod
    def of(cls, values: list[float], floor: float) -> "Baseline | None":
        if len(values) < 5:
            return None  # too few links to say what is normal
        arr = np.asarray(values, dtype=np.float64)
        median = float(np.median(arr))
        deviations = np.abs(arr - median)
        spread = 1.4826 * float(np.median(deviations)) or 1.2533 * float(deviations.mean())
        return cls(median, max(spread, floor))

    def z(self, value: float) -> float:
        """How unusual `value` is for this document, in robust standard deviations (0 is typical)."""
        return (value - self.median) / self.spread


def log_ratio(src: str, tgt: str) -> float:
    return math.log((len(tgt) + 10) / (len(src) + 10))


class PairContext:
    """The aligned document pair every check learns from, with what several of them need computed once:
    the texts of each link, which links are matched and 1-1, their cosines and the length baseline."""

    def __init__(self, source: Document, target: Document, alignment: Alignment,
                 embedder: Embedder | None = None, known_words: Iterable[str] = ()) -> None:
        """`known_words`: terms of the project (the term base's, every language) that a dictionary may lack."""
        self.source, self.target, self.alignment, self.embedder = source, target, alignment, embedder
        self.known_words = frozenset(known_words)
        self.src_lang, self.tgt_lang = source.lang, target.lang
        self.texts = [(row_text(source, link.src), row_text(target, link.tgt)) for link in alignment.links]
        self.matched = [k for k, link in enumerate(alignment.links) if link.src and link.tgt]
        self.one_to_one = [k for k in self.matched if alignment.links[k].kind == "1-1"] or self.matched
        self.length_baseline = Baseline.of([log_ratio(*self.texts[k]) for k in self.one_to_one
                                            if len(self.texts[k][0]) >= LENGTH_MIN_CHARS], LENGTH_MIN_SPREAD)

    @cached_property
    def similarities(self) -> dict[int, float]:
        """The cosine of every matched link, embedded in one batch the first time a check asks."""
        values = self.cosines([self.texts[k] for k in self.matched])
        return {k: value for k, value in zip(self.matched, values) if value is not None}

    def embeds(self, src_text: str, tgt_text: str) -> bool:
        """Whether the embedder can judge this link (it is given, and both sides have text)."""
        return self.embedder is not None and bool(src_text.strip()) and bool(tgt_text.strip())

    def cosines(self, pairs: list[tuple[str, str]]) -> list[float | None]:
        """The cross-lingual cosine of each (source, target) text pair, all sources embedded in one
        call and all targets in another; None where the similarity check does not apply."""
        todo = [k for k, (src, tgt) in enumerate(pairs) if self.embeds(src, tgt)]
        out: list[float | None] = [None] * len(pairs)
        if todo and self.embedder is not None:
            src_vecs = self.embedder.encode([pairs[k][0] for k in todo], self.src_lang)
            tgt_vecs = self.embedder.encode([pairs[k][1] for k in todo], self.tgt_lang)
            for k, value in zip(todo, (src_vecs * tgt_vecs).sum(axis=1).astype(float).tolist()):
                out[k] = value
        return out


class LinkInput:
    """One link as the checks see it, with the measures several checks share computed once."""

    def __init__(self, pair: PairContext, src: str, tgt: str, link: Link, similarity: float | None,
                 findings: list[TermFinding]) -> None:
        self.pair, self.src, self.tgt, self.link = pair, src, tgt, link
        self.similarity, self.findings = similarity, findings

    @property
    def shape(self) -> str:
        """`both`, `source-only` (nothing translated) or `target-only` (an addition)."""
        has_src, has_tgt = bool(self.src.strip()), bool(self.tgt.strip())
        return "both" if has_src and has_tgt else "source-only" if has_src else "target-only" if has_tgt else ""

    @cached_property
    def length_z(self) -> float | None:
        """Robust z of the link's length ratio (None where the source is too short or the document too small)."""
        baseline = self.pair.length_baseline
        if baseline is None or len(self.src) < LENGTH_MIN_CHARS:
            return None
        return baseline.z(log_ratio(self.src, self.tgt))

    @cached_property
    def target_language(self) -> str | None:
        """The language the whole target paragraph is in when it is not the target language, else None."""
        return language.paragraph_language(self.tgt, self.pair.tgt_lang, self.pair.src_lang)


class Check:
    """One quality check: subclasses set the class attributes and override `check` (and `notes`)."""

    name: ClassVar[str]
    detects: ClassVar[str]  # what it finds, in a sentence (help texts, docs)
    thresholds: ClassVar[dict[str, float]] = {}  # its settings: part of every quality signature
    shapes: ClassVar[frozenset[str]] = frozenset({"both"})  # the link shapes it judges (LinkInput.shape)
    order: ClassVar[int] = 100  # position of its flags among a link's: the order a reviewer reads them in
    default: ClassVar[bool] = True  # in the selection when none is given (False: only when asked for by name)

    def __init__(self, pair: PairContext) -> None:
        self.pair = pair

    def notes(self) -> list[str]:
        """What this check could not judge in this document, and why."""
        return []

    def check(self, item: LinkInput, quality: LinkQuality) -> None:
        raise NotImplementedError


CHECKS: Registry[type[Check]] = Registry("quality check", "tilmash.checks")


def register(cls: type[Check]) -> type[Check]:
    """Class decorator: add a check to the family under its `name`."""
    CHECKS.add(cls.name, cls)
    return cls


def quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"“{text[:limit]}…”" if len(text) > limit else f"“{text}”"


def enumerated(found: list[str]) -> str:
    """At most MAX_LISTED items, each cut to a readable length: a reason is read, not searched."""
    more = len(found) - MAX_LISTED
    shown = [item if len(item) <= 24 else f"{item[:23]}…" for item in found[:MAX_LISTED]]
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def listed(found: list[str]) -> str:
    return f" ({enumerated(found)})" if found else ""


def counted(found: list[str], noun: str) -> str:
    return f"{len(found)} {noun}{'' if len(found) == 1 else 's'}{listed(found)}"


def paragraphs(ids: tuple[int, ...]) -> str:
    return ", ".join(str(i) for i in ids)
