"""Which runs of consecutive segments are worth embedding as joined text, within a budget.

The first path compares a run through the mean of its members' vectors, which
costs nothing but is not the embedding of the joined text: a paragraph split in
two reads as one text again only when embedded whole. Bertalign and Vecalign
embed every overlap (about ten times the characters for runs up to four);
here only the runs that could change the path near where it is doubtful are
embedded, until their characters reach `budget` times those of the documents:

1. the sides of the path's merges and splits as they stand;
2. an unmatched segment joined to the side of the link next to it (a short half
   of a split paragraph, a line carried over a boundary);
3. the sides of merges and splits grown by one neighbour (a merge one too short);
4. two neighbouring one-to-one links taken together on both sides, weakest pairs
   first (a sentence moved across a paragraph boundary is a 2-2).
"""
from __future__ import annotations

import numpy as np

from .dp import Bead

Run = tuple[int, int, int]  # (side: 0 source, 1 target; first segment; number of segments)


def candidates(path: list[Bead], cosines: list[float], n: int, m: int, max_group: int) -> list[Run]:
    """Runs of two or more segments in priority order, without repeats."""
    runs: list[Run] = []
    seen: set[Run] = set()
    limits = (n, m)

    def add(side: int, start: int, size: int) -> None:
        run = (side, start, size)
        if 2 <= size <= max_group and start >= 0 and start + size <= limits[side] and run not in seen:
            seen.add(run)
            runs.append(run)

    linked = [b for b in path if b.src and b.tgt]
    for bead in linked:  # 1. merges and splits as they stand
        add(0, bead.src[0], len(bead.src))
        add(1, bead.tgt[0], len(bead.tgt))
    for k, bead in enumerate(path):  # 2. an unmatched segment with its neighbour link's side
        if bead.src and bead.tgt:
            continue
        for other in (path[k - 1] if k else None, path[k + 1] if k + 1 < len(path) else None):
            if other is not None and other.src and other.tgt:
                side, grown = (0, sorted(other.src + bead.src)) if bead.src else (1, sorted(other.tgt + bead.tgt))
                add(side, grown[0], len(grown))
    for bead in linked:  # 3. merges and splits grown by one neighbour
        if len(bead.src) + len(bead.tgt) > 2:
            for side, ids in ((0, bead.src), (1, bead.tgt)):
                add(side, ids[0] - 1, len(ids) + 1)
                add(side, ids[0], len(ids) + 1)
    ones = [k for k, b in enumerate(path) if len(b.src) == len(b.tgt) == 1]
    pairs = [(k, k2) for k, k2 in zip(ones, ones[1:]) if k2 == k + 1]
    for k, _ in sorted(pairs, key=lambda p: min(cosines[p[0]], cosines[p[1]])):  # 4. weak neighbouring 1-1s
        add(0, path[k].src[0], 2)
        add(1, path[k].tgt[0], 2)
    return runs


def within_budget(runs: list[Run], lengths: tuple[np.ndarray, np.ndarray], budget: float) -> list[Run]:
    """The longest prefix of the priority list whose characters stay within `budget` times the documents'."""
    allowance = budget * (float(lengths[0].sum()) + float(lengths[1].sum()))
    cost = np.cumsum([float(lengths[side][start:start + size].sum()) for side, start, size in runs])
    return runs[:int(np.searchsorted(cost, allowance, side="right"))]
