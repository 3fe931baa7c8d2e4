"""The embedding aligner: cross-lingual similarity of runs of segments, searched by `dp`.

Each document is embedded once, one vector per segment; runs are scored
from those vectors (see `dp`). The length-ratio prior is learnt from the pair
itself in two passes: a first path with a loose prior, then the ratio's
length-weighted median and spread over that path's 1-1 links.
"""
from __future__ import annotations

import numpy as np

from corpus.alignment import Link

from .dp import Bead, LengthModel, Params
from .search import make_side, search

LOOSE_VARIANCE = 6.8  # Gale & Church's variance per character, for the first pass
CHI2_MEDIAN = 0.455  # median of a chi-square with one degree of freedom: turns a median into a variance
# Logistic calibration of link confidence over the features of `link_evidence`, fitted by
# `benchmarks/align_quality.py --calibrate` on the perturbation suite of corpus/astana-2025
# (a link counts as right when it is exactly a gold link).
CALIBRATION = (5.970, -2.809, 16.951, -17.746, -0.818)  # intercept, then the four features of link_evidence
NEARBY = 3  # an unmatched segment is compared with this many positions either side


def weighted_median(values: np.ndarray, weights: np.ndarray) -> float:
    """The median when each value counts `weight` times: long paragraphs outvote short boilerplate."""
    order = np.argsort(values)
    cumulative = np.cumsum(weights[order])
    return float(values[order][np.searchsorted(cumulative, cumulative[-1] / 2)])


def link_evidence(links: list[Link], src_vecs: np.ndarray, tgt_vecs: np.ndarray) -> np.ndarray:
    """Per link: the normalised distance of its runs (matched links), the distance to the closest
    other-side segment nearby (unmatched ones: a deletion next to a good partner looks doubtful),
    whether it is unmatched, its segments beyond 1-1, and finally its cosine (not a feature).
    """
    src_back = 1 - src_vecs @ tgt_vecs.mean(axis=0)
    tgt_back = 1 - tgt_vecs @ src_vecs.mean(axis=0)
    rows = []
    i = j = 0
    for link in links:
        if link.src and link.tgt:
            x = src_vecs[list(link.src)].mean(axis=0)
            y = tgt_vecs[list(link.tgt)].mean(axis=0)
            cos = float(x @ y / max(float(np.linalg.norm(x) * np.linalg.norm(y)), 1e-12))
            back = (float(src_back[list(link.src)].mean()) + float(tgt_back[list(link.tgt)].mean())) / 2
            distance = (1 - cos) / max(back, 1e-3)
        else:
            cos = 0.0
            own, others, back_own, back_other, at = (
                (src_vecs[link.src[0]], tgt_vecs, src_back[link.src[0]], tgt_back, j) if link.src
                else (tgt_vecs[link.tgt[0]], src_vecs, tgt_back[link.tgt[0]], src_back, i))
            lo, hi = max(at - NEARBY, 0), min(at + NEARBY + 1, len(others))
            near = [(1 - float(own @ others[k])) / max((back_own + back_other[k]) / 2, 1e-3) for k in range(lo, hi)]
            distance = min(near) if near else 2.0
        unmatched = not (link.src and link.tgt)
        rows.append((0.0 if unmatched else distance, distance if unmatched else 0.0, float(unmatched),
                     len(link.src) + len(link.tgt) - 2, cos))
        i += len(link.src)
        j += len(link.tgt)
    return np.array(rows).reshape(len(links), 5)


def calibrated(evidence: np.ndarray, weights=CALIBRATION) -> np.ndarray:
    z = weights[0] + evidence[:, :4] @ np.asarray(weights[1:])
    return 1 / (1 + np.exp(-z))


class EmbeddingAligner:
    name = "embedding"

    def __init__(self, embedder, params: Params | None = None) -> None:
        self.embedder = embedder
        self.params = params or Params()

    def align(self, src: list[str], tgt: list[str], src_lang: str = "", tgt_lang: str = "") -> list[Link]:
        return self.align_vectors(self.embedder.encode(src, src_lang), self.embedder.encode(tgt, tgt_lang), src, tgt)

    def align_vectors(self, src_vecs: np.ndarray, tgt_vecs: np.ndarray, src: list[str], tgt: list[str]) -> list[Link]:
        if not src or not tgt:
            return [Link((i,), (), 0.0, 1.0) for i in range(len(src))] + [Link((), (j,), 0.0, 1.0) for j in range(len(tgt))]
        path = self._path(src_vecs, tgt_vecs, src, tgt)
        links = [Link(b.src, b.tgt) for b in path]
        evidence = link_evidence(links, src_vecs, tgt_vecs)
        confidence = calibrated(evidence)
        return [Link(l.src, l.tgt, round(float(e[4]), 4), round(float(c), 4))
                for l, e, c in zip(links, evidence, confidence)]

    def _path(self, src_vecs: np.ndarray, tgt_vecs: np.ndarray, src: list[str], tgt: list[str]) -> list[Bead]:
        a, b = make_side(src_vecs, src, self.params), make_side(tgt_vecs, tgt, self.params)
        ratio = float(b.lengths.sum() / a.lengths.sum())
        path = search(a, b, self.params, LengthModel(ratio, LOOSE_VARIANCE * ratio))
        ones = [(a.lengths[p.src[0]], b.lengths[p.tgt[0]]) for p in path if len(p.src) == len(p.tgt) == 1]
        if len(ones) >= 10:
            lx, ly = np.array(ones).T
            ratio = float(np.exp(weighted_median(np.log(ly / lx), lx + ly)))
            spread = (ly - ratio * lx) ** 2 / np.maximum((lx + ly / ratio) / 2, 1.0)
            variance = max(float(np.median(spread)) / CHI2_MEDIAN, 0.01 * ratio)
            path = search(a, b, self.params, LengthModel(ratio, variance))
        return path
