"""Gale–Church length-based alignment: the baseline every smarter aligner must beat.

Segments are matched by length alone: the target length of a bead should be
the source length times the document's own character ratio, with a variance
that grows with length. The ratio is learnt from the pair itself, because
ru→zh runs at about a quarter of ru→en.
"""
from __future__ import annotations

import math

from corpus.alignment import Link
from corpus.progress import progress

# Prior probability of each bead shape, from Gale & Church (1993), table 5.
BEAD_PRIORS = {
    (1, 1): 0.89,
    (1, 0): 0.0099 / 2,
    (0, 1): 0.0099 / 2,
    (2, 1): 0.089 / 2,
    (1, 2): 0.089 / 2,
    (2, 2): 0.011,
}
VARIANCE_PER_CHAR = 6.8  # Gale & Church's s², target chars² per source char at ratio 1


def text_length(text: str) -> int:
    return sum(1 for c in text if not c.isspace())


def _match_probability(src_len: int, tgt_len: int, ratio: float, variance: float) -> float:
    """Two-sided tail probability of the observed length difference under the length model."""
    if src_len == 0 and tgt_len == 0:
        return 1.0
    mean_src = (src_len + tgt_len / ratio) / 2
    delta = (tgt_len - src_len * ratio) / math.sqrt(max(mean_src, 1.0) * variance)
    return max(math.erfc(abs(delta) / math.sqrt(2)), 1e-300)


class LengthAligner:
    """Gale–Church with 1-1, 1-0, 0-1, 2-1, 1-2 and 2-2 beads, searched in a band around the diagonal."""

    name = "length"

    def settings(self) -> dict:
        """What decides the links, for the alignment's signature."""
        return {"priors": {f"{a}-{b}": p for (a, b), p in BEAD_PRIORS.items()}, "variance": VARIANCE_PER_CHAR}

    def align(self, src: list[str], tgt: list[str], src_lang: str = "", tgt_lang: str = "") -> list[Link]:
        src_lens = [text_length(t) for t in src]
        tgt_lens = [text_length(t) for t in tgt]
        n, m = len(src_lens), len(tgt_lens)
        if n == 0 or m == 0:
            return [Link((i,), ()) for i in range(n)] + [Link((), (j,)) for j in range(m)]
        ratio = max(sum(tgt_lens), 1) / max(sum(src_lens), 1)
        variance = VARIANCE_PER_CHAR * ratio
        width = 20 + abs(n - m) + max(n, m) // 20

        def band(i: int) -> range:
            centre = i * m / n
            return range(max(0, int(centre) - width), min(m, int(math.ceil(centre)) + width) + 1)

        cost: dict[tuple[int, int], float] = {(0, 0): 0.0}
        back: dict[tuple[int, int], tuple[int, int, float]] = {}
        for i in progress(range(n + 1), "aligning by length", unit="segment", delay=2):
            for j in band(i):
                if i == j == 0:
                    continue
                best = math.inf
                for (di, dj), prior in BEAD_PRIORS.items():
                    prev = cost.get((i - di, j - dj))
                    if prev is None:
                        continue
                    p = _match_probability(sum(src_lens[i - di:i]), sum(tgt_lens[j - dj:j]), ratio, variance)
                    total = prev - math.log(prior) - math.log(p)
                    if total < best:
                        best, back[(i, j)] = total, (di, dj, p)
                if best < math.inf:
                    cost[(i, j)] = best
        links = []
        i, j = n, m
        while (i, j) != (0, 0):
            di, dj, p = back[(i, j)]
            links.append(Link(tuple(range(i - di, i)), tuple(range(j - dj, j)), score=p, confidence=p))
            i, j = i - di, j - dj
        return links[::-1]
