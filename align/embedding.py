"""The embedding aligner: cross-lingual similarity of runs of segments, searched by `dp`.

Each document is embedded once, one vector per segment; runs are scored
from those vectors (see `dp`). The length-ratio prior is learnt from the pair
itself in two passes: a first path with a loose prior, then the ratio's
length-weighted median and spread over that path's 1-1 links.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict

import numpy as np

from corpus.alignment import Link
from corpus.segmenter import join_segments

from .anchors import editorial_mark
from .confidence import CALIBRATION, FEATURES, calibrated, link_evidence
from .dp import Bead, LengthModel, Params, Side
from .overlaps import Run, candidates, within_budget
from .search import make_side, search

LOOSE_VARIANCE = 6.8  # Gale & Church's variance per character, for the first pass
CHI2_MEDIAN = 0.455  # median of a chi-square with one degree of freedom: turns a median into a variance


def weighted_median(values: np.ndarray, weights: np.ndarray) -> float:
    """The median when each value counts `weight` times: long paragraphs outvote short boilerplate."""
    order = np.argsort(values)
    cumulative = np.cumsum(weights[order])
    return float(values[order][np.searchsorted(cumulative, cumulative[-1] / 2)])


def pair_orphans(path: list[Bead], src_vecs: np.ndarray, tgt_vecs: np.ndarray, src: list[str], tgt: list[str],
                 params: Params) -> list[Bead]:
    """A deletion next to an insertion, between the same two links, is one damaged translation.

    A paragraph cut short, left untranslated or put in the wrong language is far
    from its source, so the DP may price it as a deletion plus an insertion; but
    when the two sit side by side and both neighbours hold it in place, the
    translation is damaged, not missing, and a report should say "truncated"
    rather than "no translation" and "no source". They are paired when their
    normalised distance is under `params.pair_distance` (unrelated text stays apart)
    and neither is a bracketed editorial mark the other is not (as in the DP).
    """
    if params.pair_distance <= 0:
        return path
    src_back, tgt_back = 1 - src_vecs @ tgt_vecs.mean(axis=0), 1 - tgt_vecs @ src_vecs.mean(axis=0)
    beads = list(path)
    k = 0
    while k + 1 < len(beads):
        one, two = beads[k], beads[k + 1]
        lone_src = one.src if one.src and not one.tgt else two.src if two.src and not two.tgt else ()
        lone_tgt = one.tgt if one.tgt and not one.src else two.tgt if two.tgt and not two.src else ()
        if lone_src and lone_tgt and editorial_mark(src[lone_src[0]]) == editorial_mark(tgt[lone_tgt[0]]):
            i, j = lone_src[0], lone_tgt[0]
            distance = (1 - float(src_vecs[i] @ tgt_vecs[j])) / max(float(src_back[i] + tgt_back[j]) / 2, 1e-3)
            if distance < params.pair_distance:
                beads[k:k + 2] = [Bead((i,), (j,), one.score + two.score)]
        k += 1
    return beads


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


class EmbeddingAligner:
    name = "embedding"

    def __init__(self, embedder, params: Params | None = None) -> None:
        self.embedder = embedder
        self.params = params or Params()

    def settings(self) -> dict:
        """What decides the links, for the alignment's signature."""
        return {"embedder": self.embedder.id, "params": asdict(self.params), "calibration": list(CALIBRATION)}

    def align(self, src: list[str], tgt: list[str], src_lang: str = "", tgt_lang: str = "") -> list[Link]:
        return self.align_vectors(self.embedder.encode(src, src_lang), self.embedder.encode(tgt, tgt_lang), src, tgt,
                                  self.joined_embedder(src, tgt, src_lang, tgt_lang), (src_lang, tgt_lang))

    def joined_embedder(self, src: list[str], tgt: list[str], src_lang: str,
                        tgt_lang: str) -> Callable[[list[Run]], list[np.ndarray]]:
        """A function from runs (side, first segment, size) to the vectors of their joined text."""
        langs, texts = (src_lang, tgt_lang), (src, tgt)

        def embed(runs: list[Run]) -> list[np.ndarray]:
            out: list[np.ndarray] = [np.empty(0)] * len(runs)
            for side in (0, 1):
                chosen = [k for k, r in enumerate(runs) if r[0] == side]
                joined = [join_segments(texts[side][runs[k][1]:runs[k][1] + runs[k][2]], langs[side]) for k in chosen]
                for k, vec in zip(chosen, self.embedder.encode(joined, langs[side]) if joined else []):
                    out[k] = vec
            return out

        return embed

    def align_vectors(self, src_vecs: np.ndarray, tgt_vecs: np.ndarray, src: list[str], tgt: list[str],
                      embed_runs: Callable[[list[Run]], list[np.ndarray]] | None = None,
                      langs: tuple[str, str] = ("", "")) -> list[Link]:
        """Links from per-segment vectors; with `embed_runs`, a last pass also compares joined-text vectors."""
        return self.align_with_evidence(src_vecs, tgt_vecs, src, tgt, embed_runs, langs)[0]

    def align_with_evidence(self, src_vecs: np.ndarray, tgt_vecs: np.ndarray, src: list[str], tgt: list[str],
                            embed_runs: Callable[[list[Run]], list[np.ndarray]] | None = None,
                            langs: tuple[str, str] = ("", "")) -> tuple[list[Link], np.ndarray]:
        """The links and the evidence their confidence was computed from (for calibrating it); given `langs`,
        a translated paragraph that is not in its declared language counts as damaged (see `dp._damaged`)."""
        if not src or not tgt:
            lone = [Link((i,), (), 0.0, 1.0) for i in range(len(src))] + [Link((), (j,), 0.0, 1.0) for j in range(len(tgt))]
            return lone, np.zeros((len(lone), FEATURES + 1))
        path, earlier = self._path(src_vecs, tgt_vecs, src, tgt, embed_runs, langs)
        path = pair_orphans(join_stragglers(path, src_vecs, tgt_vecs, self.params), src_vecs, tgt_vecs, src, tgt,
                            self.params)
        links = [Link(b.src, b.tgt) for b in path]
        evidence = link_evidence(links, src_vecs, tgt_vecs, src, tgt, {(b.src, b.tgt) for b in earlier})
        confidence = calibrated(evidence)
        return [Link(l.src, l.tgt, round(float(e[FEATURES]), 4), round(float(c), 4))
                for l, e, c in zip(links, evidence, confidence)], evidence

    def length_model(self, a: Side, b: Side) -> LengthModel:
        """The pair's own length model: ratio and spread over the 1-1 links of a first path with a loose prior.

        Too few 1-1 links (a short document) say little, and the loose prior stays.
        """
        ratio = float(b.lengths.sum() / a.lengths.sum())
        length = LengthModel(ratio, LOOSE_VARIANCE * ratio)
        path = search(a, b, self.params, length)
        ones = [(a.lengths[p.src[0]], b.lengths[p.tgt[0]]) for p in path if len(p.src) == len(p.tgt) == 1]
        if len(ones) < 10:
            return length
        lx, ly = np.array(ones).T
        ratio = float(np.exp(weighted_median(np.log(ly / lx), lx + ly)))
        spread = (ly - ratio * lx) ** 2 / np.maximum((lx + ly / ratio) / 2, 1.0)
        variance = max(float(np.median(spread)) / CHI2_MEDIAN, 0.01 * ratio)
        return LengthModel(ratio, variance)

    def _path(self, src_vecs: np.ndarray, tgt_vecs: np.ndarray, src: list[str], tgt: list[str],
              embed_runs: Callable[[list[Run]], list[np.ndarray]] | None,
              langs: tuple[str, str]) -> tuple[list[Bead], list[Bead]]:
        """The final path and the one before joined-text vectors (the same when there are none)."""
        a, b = make_side(src_vecs, src, self.params, langs[0]), make_side(tgt_vecs, tgt, self.params, langs[1])
        length = self.length_model(a, b)
        path = search(a, b, self.params, length)
        earlier = path
        if embed_runs is not None and self.params.joined_budget > 0:
            runs = within_budget(candidates(path, _cosines(path, src_vecs, tgt_vecs), len(a), len(b),
                                            self.params.max_group), (a.lengths, b.lengths), self.params.joined_budget)
            if runs:
                sides: tuple[Side, Side] = (a, b)
                for (side, start, size), vec in zip(runs, embed_runs(runs)):
                    sides[side].exact[(start, size)] = np.asarray(vec, dtype=np.float32)
                path = search(a, b, self.params, length)
        return path, earlier


def _cosines(path: list[Bead], src_vecs: np.ndarray, tgt_vecs: np.ndarray) -> list[float]:
    """Cosine of each bead's mean vectors (0 for unmatched beads)."""
    out = []
    for bead in path:
        if bead.src and bead.tgt:
            x, y = src_vecs[list(bead.src)].mean(axis=0), tgt_vecs[list(bead.tgt)].mean(axis=0)
            out.append(float(x @ y / max(float(np.linalg.norm(x) * np.linalg.norm(y)), 1e-12)))
        else:
            out.append(0.0)
    return out
