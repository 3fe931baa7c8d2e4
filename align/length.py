"""Gale–Church length-based alignment: the baseline every smarter aligner must beat.

Segments are matched by length alone: the target length of a bead should be
the source length times the document's own character ratio, with a variance
that grows with length. The ratio is learnt from the pair itself, because
ru→zh runs at about a quarter of ru→en.
"""
from __future__ import annotations

import math

import numpy as np

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


_erfc = np.frompyfunc(math.erfc, 1, 1)


def _neg_log_match(src_len: np.ndarray, tgt_len: np.ndarray, ratio: float, variance: float) -> np.ndarray:
    """-log of `_match_probability` for whole rows of beads at once."""
    mean_src = np.maximum((src_len + tgt_len / ratio) / 2, 1.0)
    delta = np.abs(tgt_len - src_len * ratio) / np.sqrt(mean_src * variance)
    p = np.maximum(np.asarray(_erfc(delta / math.sqrt(2)), dtype=float), 1e-300)
    return -np.log(np.where((src_len == 0) & (tgt_len == 0), 1.0, p))


class LengthAligner:
    """Gale–Church with 1-1, 1-0, 0-1, 2-1, 1-2 and 2-2 beads, searched in a band around the diagonal.

    A row of the band is computed at once for every bead that consumes a source segment; only the `0-1`
    bead, which extends a cell of the same row, is a short scan along it."""

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
        src_sum = np.concatenate([[0], np.cumsum(src_lens)]).astype(float)
        tgt_sum = np.concatenate([[0], np.cumsum(tgt_lens)]).astype(float)
        consuming = [(bead, -math.log(prior)) for bead, prior in BEAD_PRIORS.items() if bead[0] > 0]
        skip_tgt = -math.log(BEAD_PRIORS[(0, 1)])
        rows: list[tuple[int, np.ndarray]] = []  # per source position: band start and best cost per cell
        back: list[np.ndarray] = []  # index into `consuming` of the best bead, -1 for `0-1`, -2 for none
        for i in progress(range(n + 1), "aligning by length", unit="segment", delay=2):
            centre = i * m / n
            lo, hi = max(0, int(centre) - width), min(m, int(math.ceil(centre)) + width)
            js = np.arange(lo, hi + 1)
            best = np.full(len(js), math.inf)
            choice = np.full(len(js), -2, dtype=np.int8)
            for k, ((di, dj), price) in enumerate(consuming):
                if i - di < 0:
                    continue
                prev_lo, prev = rows[i - di]
                at = js - dj - prev_lo
                ok = (at >= 0) & (at < len(prev))
                prev_cost = np.where(ok, prev[np.clip(at, 0, len(prev) - 1)], math.inf)
                tgt_len = tgt_sum[js] - tgt_sum[np.maximum(js - dj, 0)]
                total = prev_cost + price + _neg_log_match(np.full(len(js), src_sum[i] - src_sum[i - di]),
                                                           tgt_len, ratio, variance)
                better = total < best
                best[better], choice[better] = total[better], k
            if i == 0 and lo == 0:
                best[0], choice[0] = 0.0, -3  # the start
            steps = skip_tgt + _neg_log_match(np.zeros(len(js)), tgt_sum[js] - tgt_sum[np.maximum(js - 1, 0)],
                                              ratio, variance)
            cost, chosen = best.tolist(), choice.tolist()
            for c in range(1, len(js)):  # 0-1 beads chain along the row
                extended = cost[c - 1] + steps[c]
                if extended < cost[c]:
                    cost[c], chosen[c] = extended, -1
            rows.append((lo, np.array(cost)))
            back.append(np.array(chosen, dtype=np.int8))
        links = []
        i, j = n, m
        while (i, j) != (0, 0):
            k = int(back[i][j - rows[i][0]])
            di, dj = consuming[k][0] if k >= 0 else (0, 1)
            p = _match_probability(sum(src_lens[i - di:i]), sum(tgt_lens[j - dj:j]), ratio, variance)
            links.append(Link(tuple(range(i - di, i)), tuple(range(j - dj, j)), score=p, confidence=p))
            i, j = i - di, j - dj
        return links[::-1]
