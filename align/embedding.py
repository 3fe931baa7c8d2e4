"""The embedding aligner: cross-lingual similarity of runs of segments, searched by `dp`.

Each document is embedded once, one vector per segment; runs are scored
from those vectors (see `dp`). The length-ratio prior is learnt from the pair
itself in two passes: a first path with a loose prior, then the ratio's
length-weighted median and spread over that path's 1-1 links.
"""
from __future__ import annotations

from dataclasses import asdict

import numpy as np

from corpus.alignment import Link

from .dp import Bead, LengthModel, Params
from .search import make_side, search

LOOSE_VARIANCE = 6.8  # Gale & Church's variance per character, for the first pass
CHI2_MEDIAN = 0.455  # median of a chi-square with one degree of freedom: turns a median into a variance
# Logistic calibration of link confidence over the features of `link_evidence`, fitted by
# `benchmarks/align_quality.py --calibrate` on the perturbation suite of corpus/astana-2025
# (a link counts as right when it is exactly a gold link).
CALIBRATION = (2.654, 1.225, 6.134, -4.274, -0.359, 8.668)  # intercept, then one weight per feature
NEARBY = 3  # an unmatched segment is compared with this many positions either side
FEATURES = 5  # columns of link_evidence that calibration uses; the next one is the cosine


def weighted_median(values: np.ndarray, weights: np.ndarray) -> float:
    """The median when each value counts `weight` times: long paragraphs outvote short boilerplate."""
    order = np.argsort(values)
    cumulative = np.cumsum(weights[order])
    return float(values[order][np.searchsorted(cumulative, cumulative[-1] / 2)])


def link_evidence(links: list[Link], src_vecs: np.ndarray, tgt_vecs: np.ndarray) -> np.ndarray:
    """Per link, the features confidence is calibrated on, then its cosine (not a feature):

    0. the normalised distance of its runs (matched links);
    1. the distance to the closest other-side segment nearby (unmatched ones: a
       deletion next to a good partner looks doubtful);
    2. whether it is unmatched; 3. its segments beyond 1-1;
    4. its margin: how much closer its runs are than the same runs shifted by one
       position on either side (a link that barely beats its neighbours is doubtful).
    """
    src_back = 1 - src_vecs @ tgt_vecs.mean(axis=0)
    tgt_back = 1 - tgt_vecs @ src_vecs.mean(axis=0)

    def measure(src_ids: range, tgt_ids: range) -> tuple[float, float]:
        """(normalised distance, cosine) of two runs."""
        x, y = src_vecs[src_ids.start:src_ids.stop].mean(axis=0), tgt_vecs[tgt_ids.start:tgt_ids.stop].mean(axis=0)
        cos = float(x @ y / max(float(np.linalg.norm(x) * np.linalg.norm(y)), 1e-12))
        back = (float(src_back[src_ids.start:src_ids.stop].mean()) + float(tgt_back[tgt_ids.start:tgt_ids.stop].mean())) / 2
        return (1 - cos) / max(back, 1e-3), cos

    def shifted(ids: range, by: int, size: int) -> range | None:
        moved = range(ids.start + by, ids.stop + by)
        return moved if moved.start >= 0 and moved.stop <= size else None

    rows = []
    i = j = 0
    for link in links:
        src_ids = range(link.src[0], link.src[-1] + 1) if link.src else range(i, i)
        tgt_ids = range(link.tgt[0], link.tgt[-1] + 1) if link.tgt else range(j, j)
        if link.src and link.tgt:
            own, cos = measure(src_ids, tgt_ids)
            rivals = [measure(src_ids, t)[0] for by in (-1, 1) if (t := shifted(tgt_ids, by, len(tgt_vecs)))]
            rivals += [measure(s, tgt_ids)[0] for by in (-1, 1) if (s := shifted(src_ids, by, len(src_vecs)))]
            rows.append((own, 0.0, 0.0, len(link.src) + len(link.tgt) - 2, min(rivals, default=2.0) - own, cos))
        else:
            vec, others, back_own, back_other, at = (
                (src_vecs[link.src[0]], tgt_vecs, src_back[link.src[0]], tgt_back, j) if link.src
                else (tgt_vecs[link.tgt[0]], src_vecs, tgt_back[link.tgt[0]], src_back, i))
            lo, hi = max(at - NEARBY, 0), min(at + NEARBY + 1, len(others))
            near = [(1 - float(vec @ others[k])) / max((back_own + back_other[k]) / 2, 1e-3) for k in range(lo, hi)]
            rows.append((0.0, min(near) if near else 2.0, 1.0, 0, 0.0, 0.0))
        i += len(link.src)
        j += len(link.tgt)
    return np.array(rows).reshape(len(links), 6)


def join_stragglers(path: list[Bead], src_vecs: np.ndarray, tgt_vecs: np.ndarray, params: Params) -> list[Bead]:
    """Join an unmatched segment to the link beside it when it belongs there.

    The DP prices a merge by the distance of the whole run times its size, so
    a short line split off its paragraph (a name under a title in a signature
    block) is often cheaper to leave unmatched than to merge. It belongs to
    the neighbouring link when it is itself close to that link's other side
    (normalised distance under `params.join_distance`) and joining makes the
    link's runs more similar, not less; the size limit of the DP still holds.
    """
    src_back, tgt_back = 1 - src_vecs @ tgt_vecs.mean(axis=0), 1 - tgt_vecs @ src_vecs.mean(axis=0)

    def cosine(src_ids: tuple[int, ...], tgt_ids: tuple[int, ...]) -> float:
        x, y = src_vecs[list(src_ids)].mean(axis=0), tgt_vecs[list(tgt_ids)].mean(axis=0)
        return float(x @ y / max(float(np.linalg.norm(x) * np.linalg.norm(y)), 1e-12))

    def belongs(lone: Bead, link: Bead) -> bool:
        src, tgt = link.src + lone.src, link.tgt + lone.tgt
        if not link.src or not link.tgt or max(len(src), len(tgt)) > params.max_group:
            return False
        own = cosine(lone.src, link.tgt) if lone.src else cosine(link.src, lone.tgt)
        back = (src_back[list(lone.src or link.src)].mean() + tgt_back[list(lone.tgt or link.tgt)].mean()) / 2
        return (1 - own) / max(float(back), 1e-3) < params.join_distance and \
            cosine(tuple(sorted(src)), tuple(sorted(tgt))) > cosine(link.src, link.tgt)

    beads = list(path)
    k = 0
    while k < len(beads):
        lone = beads[k]
        home = None if lone.src and lone.tgt else next(
            (n for n in (k - 1, k + 1) if 0 <= n < len(beads) and belongs(lone, beads[n])), None)
        if home is None:
            k += 1
            continue
        link, first = beads[home], min(k, home)
        beads[first:first + 2] = [Bead(tuple(sorted(link.src + lone.src)), tuple(sorted(link.tgt + lone.tgt)),
                                       link.score + lone.score)]
        k = max(first - 1, 0)  # the grown link may take another straggler
    return beads


def calibrated(evidence: np.ndarray, weights=CALIBRATION) -> np.ndarray:
    z = weights[0] + evidence[:, :FEATURES] @ np.asarray(weights[1:])
    return 1 / (1 + np.exp(-z))


class EmbeddingAligner:
    name = "embedding"

    def __init__(self, embedder, params: Params | None = None) -> None:
        self.embedder = embedder
        self.params = params or Params()

    def settings(self) -> dict:
        """What decides the links, for the alignment's signature."""
        return {"embedder": self.embedder.id, "params": asdict(self.params), "calibration": list(CALIBRATION)}

    def align(self, src: list[str], tgt: list[str], src_lang: str = "", tgt_lang: str = "") -> list[Link]:
        return self.align_vectors(self.embedder.encode(src, src_lang), self.embedder.encode(tgt, tgt_lang), src, tgt)

    def align_vectors(self, src_vecs: np.ndarray, tgt_vecs: np.ndarray, src: list[str], tgt: list[str]) -> list[Link]:
        if not src or not tgt:
            return [Link((i,), (), 0.0, 1.0) for i in range(len(src))] + [Link((), (j,), 0.0, 1.0) for j in range(len(tgt))]
        path = join_stragglers(self._path(src_vecs, tgt_vecs, src, tgt), src_vecs, tgt_vecs, self.params)
        links = [Link(b.src, b.tgt) for b in path]
        evidence = link_evidence(links, src_vecs, tgt_vecs)
        confidence = calibrated(evidence)
        return [Link(l.src, l.tgt, round(float(e[FEATURES]), 4), round(float(c), 4))
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
