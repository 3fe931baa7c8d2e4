"""Alignment quality against gold: strict and lax precision, recall and F1.

The definitions are Vecalign's, so figures compare with published results:
- precision looks at every test link (deletions and insertions included): a
  link exactly in gold is a strict and lax hit; one sharing a source index
  and a target index with gold is a lax hit only;
- recall is the same count with test and gold swapped, over links that have
  both sides (gold deletions and insertions are not recalled);
- F1 is the harmonic mean; counts are pooled over files before dividing.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

Pairs = list[tuple[tuple[int, ...], tuple[int, ...]]]


@dataclass(frozen=True)
class AlignmentScore:
    strict_precision: float
    strict_recall: float
    strict_f1: float
    lax_precision: float
    lax_recall: float
    lax_f1: float

    def as_dict(self) -> dict[str, float]:
        return {k: round(v, 4) for k, v in self.__dict__.items()}


def _hits(reference: Pairs, candidate: Pairs) -> tuple[int, int, int]:
    """(strict hits, lax hits, total) of the candidate links judged against the reference."""
    ref = {(tuple(s), tuple(t)) for s, t in reference if s or t}
    tgt_of_src: dict[int, set[int]] = defaultdict(set)
    for s, t in ref:
        for i in s:
            tgt_of_src[i].update(t)
    strict = lax = total = 0
    for s, t in {(tuple(s), tuple(t)) for s, t in candidate if s or t}:
        total += 1
        if (s, t) in ref:
            strict += 1
            lax += 1
        elif set(t) & set().union(*(tgt_of_src[i] for i in s)):
            lax += 1
    return strict, lax, total


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_alignments(gold: list[Pairs], test: list[Pairs]) -> AlignmentScore:
    """Pooled scores over several (gold, test) file pairs."""
    ps = pl = pn = rs = rl = rn = 0
    for g, t in zip(gold, test, strict=True):
        a, b, c = _hits(g, t)
        ps, pl, pn = ps + a, pl + b, pn + c
        both_g = [(s, x) for s, x in g if s and x]
        both_t = [(s, x) for s, x in t if s and x]
        a, b, c = _hits(both_t, both_g)
        rs, rl, rn = rs + a, rl + b, rn + c
    sp, lp = (ps / pn, pl / pn) if pn else (0.0, 0.0)
    sr, lr = (rs / rn, rl / rn) if rn else (0.0, 0.0)
    return AlignmentScore(sp, sr, _f1(sp, sr), lp, lr, _f1(lp, lr))


def score_alignment(gold: Pairs, test: Pairs) -> AlignmentScore:
    return score_alignments([gold], [test])


LINK_TYPES = ("1-1", "1-0/0-1", "n-1", "1-n", "2-2", "other")


def link_type(src: tuple[int, ...], tgt: tuple[int, ...]) -> str:
    """The kind of a link as error lists group them: n-1 is a merge of n source segments, 1-n a split."""
    a, b = len(src), len(tgt)
    if a == b == 1:
        return "1-1"
    if a == 0 or b == 0:
        return "1-0/0-1"
    if b == 1:
        return "n-1"
    if a == 1:
        return "1-n"
    return "2-2" if a == b == 2 else "other"


def type_recall(gold: list[Pairs], test: list[Pairs]) -> dict[str, tuple[int, int]]:
    """Per link type, (gold links found exactly, gold links) pooled over files; deletions count too."""
    counts = {kind: [0, 0] for kind in LINK_TYPES}
    for g, t in zip(gold, test, strict=True):
        found = {(tuple(s), tuple(x)) for s, x in t}
        for s, x in g:
            if s or x:
                row = counts[link_type(tuple(s), tuple(x))]
                row[0] += (tuple(s), tuple(x)) in found
                row[1] += 1
    return {kind: (hit, total) for kind, (hit, total) in counts.items()}
