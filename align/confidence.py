"""Link confidence: evidence per link, and its logistic calibration.

The features are chosen to mean the same on any document, language pair or
embedder, so that a calibration fitted on the development sets transfers: a
raw cosine does not (e5-small puts every pair of short lines close together),
but a link's distance measured against the document's own links, its margin over
the neighbouring alternatives, agreement of lengths and numbers with the rest of
the pair, and whether the two passes of the aligner agree, do.
"""
from __future__ import annotations

import numpy as np

from corpus.alignment import Link

from .anchors import number_tokens

# Logistic calibration over the FEATURES columns of `link_evidence`, fitted by
# `benchmarks/align_quality.py --calibrate` on the development sets (`align.devsets`) and the
# declaration's perturbation suite together; a link counts as right when it is exactly a gold link.
CALIBRATION = (1.345, 3.768, 4.039, -3.122, -0.230, 5.128, -0.504, -1.775, -0.364, -0.480)  # intercept, then one per feature
FEATURE_NAMES = ("distance", "unmatched distance", "unmatched", "extra segments", "margin", "length z",
                 "numbers differ", "distance z", "passes disagree")
FEATURES = len(FEATURE_NAMES)  # the next column of link_evidence is the cosine, not a feature
NEARBY = 3  # an unmatched segment is compared with this many positions either side


def _robust_z(values: np.ndarray, where: np.ndarray) -> np.ndarray:
    """(value - median) / (1.4826 MAD) over the rows in `where`; 0 where there is too little to judge."""
    if where.sum() < 5:
        return np.zeros_like(values)
    centre = float(np.median(values[where]))
    spread = 1.4826 * float(np.median(np.abs(values[where] - centre)))
    return np.where(where, (values - centre) / max(spread, 1e-6), 0.0)


def link_evidence(links: list[Link], src_vecs: np.ndarray, tgt_vecs: np.ndarray,
                  src_texts: list[str] | None = None, tgt_texts: list[str] | None = None,
                  earlier: set[tuple[tuple[int, ...], tuple[int, ...]]] | None = None) -> np.ndarray:
    """Per link, the FEATURES calibration uses, then its cosine (not a feature):

    0. the normalised distance of its runs (matched links);
    1. the distance to the closest other-side segment nearby (unmatched ones: a
       deletion next to a good partner looks doubtful);
    2. whether it is unmatched; 3. its segments beyond 1-1;
    4. its margin: how much closer its runs are than the same runs shifted by one
       position on either side (a link that barely beats its neighbours is doubtful);
    5. how far its length ratio is from the pair's (robust z of the log ratio);
    6. whether its numbers differ (1 when both sides have numbers and they differ,
       0.5 when only one side has any);
    7. its distance against the document's other links (robust z);
    8. whether the aligner's earlier pass (`earlier`, before joined-text vectors) had another link here.
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
            rows.append([own, 0.0, 0.0, len(link.src) + len(link.tgt) - 2, min(rivals, default=2.0) - own, cos])
        else:
            vec, others, back_own, back_other, at = (
                (src_vecs[link.src[0]], tgt_vecs, src_back[link.src[0]], tgt_back, j) if link.src
                else (tgt_vecs[link.tgt[0]], src_vecs, tgt_back[link.tgt[0]], src_back, i))
            lo, hi = max(at - NEARBY, 0), min(at + NEARBY + 1, len(others))
            near = [(1 - float(vec @ others[k])) / max((back_own + back_other[k]) / 2, 1e-3) for k in range(lo, hi)]
            rows.append([0.0, min(near) if near else 2.0, 1.0, 0, 0.0, 0.0])
        i += len(link.src)
        j += len(link.tgt)
    base = np.array(rows, dtype=np.float64).reshape(len(links), 6)
    matched = base[:, 2] == 0
    extra = np.zeros((len(links), 4))
    if src_texts is not None and tgt_texts is not None:
        joined = [(" ".join(src_texts[k] for k in l.src), " ".join(tgt_texts[k] for k in l.tgt)) for l in links]
        log_ratio = np.array([np.log(max(len(t), 1) / max(len(s), 1)) for s, t in joined])
        extra[:, 0] = np.abs(_robust_z(log_ratio, matched))
        for row, (src_text, tgt_text) in enumerate(joined):
            a, b = set(number_tokens(src_text)), set(number_tokens(tgt_text))
            extra[row, 1] = 0.0 if not matched[row] or a == b else (1.0 if a and b else 0.5)
    extra[:, 2] = _robust_z(base[:, 0], matched)
    if earlier is not None:
        extra[:, 3] = [(l.src, l.tgt) not in earlier for l in links]
    return np.hstack([base[:, :5], extra, base[:, 5:]])


def calibrated(evidence: np.ndarray, weights: tuple[float, ...] = CALIBRATION) -> np.ndarray:
    z = weights[0] + evidence[:, :FEATURES] @ np.asarray(weights[1:])
    return 1 / (1 + np.exp(-np.clip(z, -50, 50)))  # beyond ±50 the logistic is 0 or 1 in float64 anyway
