"""The alignment dynamic programme: one compact core, row by row inside a band.

Every candidate bead joins a run of up to `max_group` consecutive source
segments with a run of up to `max_group` target segments (plus 1-0 and 0-1).
A run is represented by the weighted mean of its members' embeddings, so
overlaps never cost an extra call to the embedder: the dot product of two runs
is the weighted sum of member dot products, and those come from one small
matrix product per chunk of rows. The band (a window of target indices per
source row) keeps time and memory linear in document length; `search.search`
finds it.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

NEG = -1e18
MAX_CHUNK_ROWS = 256  # rows whose bead scores are computed together: larger chunks fall out of cache


# Bead shapes up to 4-4, a shape and its mirror image sharing their weights (a merge is a split seen
# from the other side): (1, 1), (1, 2), (1, 3), (1, 4), (2, 2), (2, 3), (2, 4), (3, 3), (3, 4), (4, 4).
SHAPES = tuple((a, b) for a in range(1, 5) for b in range(a, 5))


def shape_index(a: int, b: int) -> int:
    return SHAPES.index((min(a, b), max(a, b)))


@dataclass(frozen=True)
class Params:
    """Weights of the bead cost, learnt on the development sets (`benchmarks/align_fit.py`).

    A bead's cost is linear in these weights (`bead_features` @ `cost_weights`),
    which is what lets them be learnt from gold paths: per shape a weight on the
    normalised distance and a fixed price, the price of leaving a segment
    unmatched, and weights on the number, length, clause and mark terms.
    """

    max_group: int = 4  # at most 4: SHAPES go no further
    shape_distance: tuple[float, ...] = tuple((a * b) ** 0.85 for a, b in SHAPES)
    shape_bias: tuple[float, ...] = tuple(0.2 * (a + b - 2) for a, b in SHAPES)
    skip_cost: float = 0.8  # for an unmatched segment of median length
    skip_exponent: float = 0.2  # shorter segments are cheaper to leave unmatched: cost * (len/median)**exp
    weight_exponent: float = 0.0  # a segment weighs length**exp in the mean vector of a run
    number_weight: float = 0.3
    length_weight: float = 0.03
    clause_weight: float = 0.5
    mark_weight: float = 0.3  # a run with more or fewer bracketed editorial marks than its partner
    length_cap: float = 25.0  # squared z of the length model counts at most this much
    damage_cap: float = 4.0  # ... and this much for a 1-1 pair whose translation looks damaged (`_damaged`)
    join_distance: float = 0.7  # an unmatched neighbour this close to a link's other side may join it
    pair_distance: float = 0.9  # a deletion and an insertion side by side this close become one link (0: never)
    # Joined-text vectors for doubtful runs, in characters per character of the documents (`overlaps`);
    # off: on the development sets it did not beat the member means (see README, "How the aligner works").
    joined_budget: float = 0.0


COST_TERMS = ("number", "length", "clause", "mark")  # the terms after distance, whatever the shape
FEATURE_COUNT = 2 * len(SHAPES) + 1 + len(COST_TERMS)  # per-shape distance and price, skip, then COST_TERMS


def cost_weights(p: Params) -> np.ndarray:
    """The weights a bead's features are multiplied by to give its cost (see `bead_features`)."""
    return np.array([*p.shape_distance, *p.shape_bias, p.skip_cost, p.number_weight, p.length_weight,
                     p.clause_weight, p.mark_weight])


def with_cost_weights(p: Params, w: np.ndarray) -> Params:
    """`p` with the weights of `cost_weights` replaced by `w`."""
    k = len(SHAPES)
    values = [float(v) for v in w]
    return replace(p, shape_distance=tuple(values[:k]), shape_bias=tuple(values[k:2 * k]), skip_cost=values[2 * k],
                   number_weight=values[2 * k + 1], length_weight=values[2 * k + 2], clause_weight=values[2 * k + 3],
                   mark_weight=values[2 * k + 4])


@dataclass(frozen=True)
class LengthModel:
    """Gale–Church: target length ~ ratio * source length, variance growing with length.

    Short lines (boilerplate, signatures) thus say little through their
    length, long paragraphs a lot; both numbers are learnt from the pair.
    """

    ratio: float
    variance: float  # per character of the (ratio-scaled) mean length

    def z_squared(self, src_len, tgt_len):
        mean = np.maximum((src_len + tgt_len / self.ratio) / 2, 1.0)
        return (tgt_len - self.ratio * src_len) ** 2 / (self.variance * mean)


@dataclass
class Side:
    """Per-segment features of one document, with prefix sums over runs."""

    vecs: np.ndarray  # (n, d) unit vectors
    weights: np.ndarray  # (n,) weight of each segment in a run's mean
    lengths: np.ndarray  # (n,) characters
    background: np.ndarray  # (n,) similarity to the mean vector of the other document
    clause: np.ndarray  # (n,) clause number opening the segment, 0 if none
    marks: np.ndarray  # (n,) 1 for a line that is wholly a bracketed editorial mark
    numbers: np.ndarray  # (n, h) hashed counts of numbers in the segment
    skip: np.ndarray  # (n,) cost of leaving the segment unmatched
    # Unit vectors of the joined text of some runs, keyed (first segment, run length): where one is
    # known, a bead compares it instead of the mean of the members' vectors (see `overlaps`).
    exact: dict[tuple[int, int], np.ndarray] = field(default_factory=dict)
    other_mean: np.ndarray | None = None  # the other document's mean vector: joined-text runs' background
    # How each segment ends: 1 where a sentence ends, -1 inside a sentence, 0 neither (a colon, a bare title);
    # and whether it is not in its document's declared language. None: not known (coarse blocks).
    ending: np.ndarray | None = None
    foreign: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.weights)

    def prefix(self, values: np.ndarray) -> np.ndarray:
        return np.concatenate([[0.0], np.cumsum(values, dtype=np.float64)])


def _run_norms(vecs: np.ndarray, weights: np.ndarray, max_group: int) -> np.ndarray:
    """norms[e, k] = |weighted sum of the run of k segments ending before e| (k = 1..max_group).

    Built from dot products of each segment with its next max_group-1
    neighbours, so no run vector is ever materialised.
    """
    n = len(weights)
    norms = np.zeros((n + 1, max_group + 1))
    wv = vecs * weights[:, None]
    gram = np.zeros((n, max_group))  # gram[t, l] = wv[t] . wv[t + l]
    for lag in range(min(max_group, n)):
        gram[: n - lag, lag] = np.einsum("ij,ij->i", wv[: n - lag], wv[lag:])
    squared = np.zeros(n + 1)
    for k in range(1, max_group + 1):
        ends = np.arange(k, n + 1)
        new = ends - k  # the run of k ending at `end` is the run of k-1 plus segment end-k
        squared[ends] += gram[new, 0] + 2 * gram[new, 1:k].sum(axis=1)
        norms[ends, k] = np.sqrt(np.maximum(squared[ends], 1e-12))
    return norms


class _Runs:
    """Run-level quantities of one side: norms, background, length, clause, mark and number signatures."""

    def __init__(self, side: Side, max_group: int, run_vectors: bool = False) -> None:
        self.side = side
        self.norm = _run_norms(side.vecs, side.weights, max_group)
        self.num_norm = _run_norms(side.numbers, np.ones(len(side)), max_group)
        self.wback = side.prefix(side.weights * side.background)
        self.len = side.prefix(side.lengths)
        self.ccount = side.prefix(side.clause > 0)
        self.csum = side.prefix(side.clause)
        self.marks = side.prefix(side.marks)
        self.exact_index = np.full((max_group + 1, len(side) + 1), -1, dtype=np.int64)
        self.exact_vecs = np.zeros((len(side.exact), side.vecs.shape[1]), dtype=np.float32)
        for row, ((start, size), vec) in enumerate(side.exact.items()):
            if size <= max_group:
                self.exact_index[size, start + size] = row
                self.exact_vecs[row] = vec
        # A joined-text vector is judged against the other document by its own similarity, as its cosine is.
        self.exact_back = self.exact_vecs @ side.other_mean if side.other_mean is not None and len(side.exact) \
            else np.zeros(len(side.exact))
        self.wvec_prefix = np.concatenate([np.zeros((1, side.vecs.shape[1]), dtype=np.float64),
                                           np.cumsum(side.vecs * side.weights[:, None], axis=0)]) if run_vectors else None

    def run_vectors(self, size: int, ends: np.ndarray) -> np.ndarray:
        """Unit vectors of runs of `size` ending before `ends`: the joined text's where known, else the mean's."""
        assert self.wvec_prefix is not None
        mean = self.wvec_prefix[ends] - self.wvec_prefix[ends - size]
        vecs = mean / np.maximum(np.linalg.norm(mean, axis=1, keepdims=True), 1e-12)
        ids = self.exact_index[size, ends]
        known = ids >= 0
        vecs[known] = self.exact_vecs[ids[known]]
        return vecs

    def span(self, prefix: np.ndarray, end, k: int):
        return prefix[end] - prefix[end - k]


def _run_background(R: _Runs, size: int, ends: np.ndarray, norm: np.ndarray) -> np.ndarray:
    """Similarity of runs to the other document's mean: the joined text's where known, else the member mean's."""
    back = R.span(R.wback, ends, size) / norm
    if size > 1 and len(R.exact_back):
        ids = R.exact_index[size][ends]
        back = np.where(ids >= 0, R.exact_back[np.maximum(ids, 0)], back)
    return back


def _damaged(x: Side, y: Side, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Whether translation segment j looks damaged against source segment i, taken as one 1-1 link: it stops
    inside a sentence where the source ends one (cut short), or it is in another language than its document
    (left untranslated, or the wrong language). Such a pair's lengths say little about whether it is a link,
    so its length term counts at most `Params.damage_cap` (a z of 2): otherwise the damaged paragraph is
    priced as a length misfit, and a neighbour is merged into it or it is left unmatched. Not nothing: a
    headline translated without its full stop looks cut short too, and where it ends a moved sentence's 2-2
    the lengths must still count. Only the translation is judged: the source is the original, and a source
    line that stops midway (a title, a quirk of the data) is no damage.
    """
    out = np.zeros(np.broadcast_shapes(np.shape(i), np.shape(j)), dtype=bool)
    if x.ending is not None and y.ending is not None:
        out |= (x.ending[i] == 1) & (y.ending[j] == -1)
    if y.foreign is not None:
        out |= y.foreign[j]
    return out


def _bead_terms(p: Params, a: int, b: int, dot, ndot, X: _Runs, Y: _Runs, i: np.ndarray, js: np.ndarray,
                length: LengthModel) -> tuple[np.ndarray, ...]:
    """The distance and COST_TERMS of beads: a source segments ending before each i, b target segments before each j.

    The distance 1 - cos is divided by how far each run is from the other
    document on average (Vecalign's normalisation: a short boilerplate line
    close to everything gains nothing from being close to its partner).
    """
    xnorm, ynorm = X.norm[i, a], Y.norm[js, b]
    cos = dot / (xnorm * ynorm)
    background = (2 - _run_background(X, a, i, xnorm) - _run_background(Y, b, js, ynorm)) / 2
    distance = (1 - cos) / np.maximum(background, 1e-3)

    xnum, ynum = X.num_norm[i, a], Y.num_norm[js, b]
    has_x, has_y = xnum > 1e-6, ynum > 1e-6
    numsim = ndot / np.maximum(xnum * ynum, 1e-12)
    numbers = np.where(has_x & has_y, 1 - 2 * numsim, np.where(has_x | has_y, 0.5, 0.0))

    lengths = np.minimum(length.z_squared(X.span(X.len, i, a), Y.span(Y.len, js, b)), p.length_cap)
    if a == b == 1:
        lengths = np.where(_damaged(X.side, Y.side, i - 1, js - 1), np.minimum(lengths, p.damage_cap), lengths)

    xc, yc = X.span(X.ccount, i, a), Y.span(Y.ccount, js, b)
    agree = (xc == yc) & (X.span(X.csum, i, a) == Y.span(Y.csum, js, b))
    clauses = np.where(xc + yc == 0, 0.0, np.where(agree, -1.0, 1.0))
    marks = (X.span(X.marks, i, a) != Y.span(Y.marks, js, b)).astype(np.float64)
    return distance, numbers, lengths, clauses, marks


def _bead_scores(p: Params, a: int, b: int, dot, ndot, X: _Runs, Y: _Runs, i: np.ndarray, js: np.ndarray,
                 length: LengthModel) -> np.ndarray:
    """Score (minus cost) of beads, the weights of `p` applied to `_bead_terms`."""
    distance, numbers, lengths, clauses, marks = _bead_terms(p, a, b, dot, ndot, X, Y, i, js, length)
    k = shape_index(a, b)
    return -(p.shape_distance[k] * distance + p.shape_bias[k] + p.number_weight * numbers
             + p.length_weight * lengths + p.clause_weight * clauses + p.mark_weight * marks)


def _exact_dots(X: _Runs, Y: _Runs, a: int, b: int, i: np.ndarray, j: np.ndarray, ok: np.ndarray,
                dot: np.ndarray) -> np.ndarray:
    """Dot products for beads with a joined-text vector on either side, scaled so that the bead's
    cosine is that of the joined text (the member-mean norms divide it again in `_bead_scores`)."""
    mask = ok & ((X.exact_index[a][i] >= 0) | (Y.exact_index[b][j] >= 0))
    if not mask.any():
        return dot
    r, c = np.nonzero(mask)
    ii, jj = i[r, c], j[r, c]
    xv, yv = X.run_vectors(a, ii), Y.run_vectors(b, jj)
    out = dot.copy()
    out[r, c] = np.einsum("ij,ij->i", xv, yv) * X.norm[ii, a] * Y.norm[jj, b]
    return out


@dataclass
class Bead:
    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float


def _chunk_scores(p: Params, X: _Runs, Y: _Runs, I: np.ndarray, J: np.ndarray, valid: np.ndarray,
                  length: LengthModel) -> np.ndarray:
    """scores[a-1, b, r, w] of every bead ending at row I[r] and column J[r, w] of a chunk of rows.

    Run-to-run dot products come from a summed-area table over one tile of
    segment-to-segment dot products, so each bead costs four lookups.
    """
    src, tgt, M = X.side, Y.side, p.max_group
    rows, width = J.shape
    out = np.full((M, M + 1, rows, width), NEG)
    s0, s1 = max(int(I[0, 0]) - M, 0), int(I[-1, 0])
    t1 = int(J[valid].max()) if valid.any() else 0
    t0 = max(int(J[valid].min()) - M, 0) if valid.any() else 0
    tables = []
    for left, right in ((src.vecs[s0:s1] * src.weights[s0:s1, None], tgt.vecs[t0:t1] * tgt.weights[t0:t1, None]),
                        (src.numbers[s0:s1], tgt.numbers[t0:t1])):
        sat = np.zeros((s1 - s0 + 1, t1 - t0 + 1))
        sat[1:, 1:] = (left @ right.T).cumsum(axis=0).cumsum(axis=1)
        tables.append(sat)
    for a in range(1, min(M, len(src)) + 1):
        rows_ok = valid & (I - a >= 0)
        Ic = np.maximum(I, a)
        if a == 1:
            out[0, 0] = np.where(rows_ok, -src.skip[Ic - 1], NEG)
        for b in range(1, min(M, len(tgt)) + 1):
            ok = rows_ok & (J - b >= 0)
            jb = np.clip(J, b, len(tgt))
            u1, u0 = np.clip(Ic - s0, 0, s1 - s0), np.clip(Ic - a - s0, 0, s1 - s0)
            v1, v0 = np.clip(jb - t0, 0, t1 - t0), np.clip(jb - b - t0, 0, t1 - t0)
            dot, ndot = (t[u1, v1] - t[u0, v1] - t[u1, v0] + t[u0, v0] for t in tables)
            if X.side.exact or Y.side.exact:
                dot = _exact_dots(X, Y, a, b, np.broadcast_to(Ic, jb.shape), jb, ok, dot)
            out[a - 1, b] = np.where(ok, _bead_scores(p, a, b, dot, ndot, X, Y, Ic, jb, length), NEG)
    return out


def _chunks(spans: np.ndarray, budget: int, minimum: int):
    """Consecutive row ranges whose padded score arrays (rows x widest row) stay within `budget` cells."""
    start, widest = 0, 0
    for row, span in enumerate(spans):
        widest = max(widest, int(span))
        rows = row - start + 1
        if rows > minimum and (rows * widest > budget or rows > MAX_CHUNK_ROWS):
            yield start, row
            start, widest = row, int(span)
    yield start, len(spans)


def align_band(src: Side, tgt: Side, band: list[tuple[int, int]], p: Params, length: LengthModel) -> list[Bead]:
    """Best path through the band; band[i] = (lo, hi) is the inclusive range of j for row i (0..n).

    Bead scores are computed for a chunk of rows at once; the recurrence then
    runs row by row, one vector operation per source run length. Each row keeps
    only its own window, so memory follows the band's area, not its widest row.
    """
    n, M = len(src), p.max_group
    joined = bool(src.exact or tgt.exact)
    X, Y = _Runs(src, M, joined), _Runs(tgt, M, joined)
    lo = np.array([b[0] for b in band])
    hi = np.array([b[1] for b in band])
    spans = hi - lo + 1
    D: list[np.ndarray] = [np.empty(0)] * (n + 1)
    code: list[np.ndarray] = [np.empty(0, dtype=np.int16)] * (n + 1)
    inserted: list[np.ndarray] = [np.empty(0, dtype=bool)] * (n + 1)
    bs = np.arange(M + 1)[:, None]
    for r0, r1 in _chunks(spans, 2 ** 21 // (M * (M + 1)), M + 1):
        I = np.arange(r0, r1)[:, None]
        J = lo[I] + np.arange(int(spans[r0:r1].max()))[None, :]
        scores = _chunk_scores(p, X, Y, I, J, J <= hi[I], length)
        for c, i in enumerate(I[:, 0]):
            span = int(spans[i])
            js = J[c, :span]
            best = np.where(js == 0, 0.0, NEG) if i == 0 else np.full(span, NEG)
            move = np.full(span, -1, dtype=np.int16)
            for a in range(1, min(M, i) + 1):
                prev = D[i - a]
                idx = js[None, :] - bs - lo[i - a]
                ok = (idx >= 0) & (idx < len(prev))
                cand = np.where(ok, prev[np.clip(idx, 0, len(prev) - 1)], NEG) + scores[a - 1, :, c, :span]
                pick = cand.argmax(axis=0)
                top = cand[pick, np.arange(span)]
                better = top > best
                best[better] = top[better]
                move[better] = a * (M + 1) + pick[better]
            # 0-1 insertions run along the row: best[j] = max over k <= j of best[k] - skips of targets k..j-1
            offset = np.concatenate([[0.0], np.cumsum(tgt.skip[lo[i]:hi[i]])])
            scan = np.maximum.accumulate(best + offset) - offset
            inserted[i] = scan > best + 1e-9
            D[i] = np.maximum(scan, best)
            code[i] = move

    beads: list[Bead] = []
    i, j = n, int(hi[n])
    while i > 0 or j > 0:
        w = j - lo[i]
        if inserted[i][w] or code[i][w] < 0:
            a, b = 0, 1
        else:
            a, b = divmod(int(code[i][w]), M + 1)
        before = D[i - a][j - b - lo[i - a]]
        beads.append(Bead(tuple(range(i - a, i)), tuple(range(j - b, j)), float(D[i][w] - before)))
        i, j = i - a, j - b
    return beads[::-1]


def skip_scale(lengths: np.ndarray, exponent: float) -> np.ndarray:
    """Per segment, the share of `skip_cost` leaving it unmatched costs: less for lines shorter than the median."""
    relative = lengths / np.median(lengths) if len(lengths) else lengths
    return np.minimum(relative, 1.0) ** exponent


def bead_features(p: Params, src: Side, tgt: Side, beads: list[Bead], length: LengthModel) -> np.ndarray:
    """Per bead, the features whose dot product with `cost_weights(p)` is its cost in `align_band`.

    Both sides need their backgrounds set (`search.set_background`), as for a search.
    """
    M, k = p.max_group, len(SHAPES)
    X, Y = _Runs(src, M, True), _Runs(tgt, M, True)
    out = np.zeros((len(beads), FEATURE_COUNT))
    src_skip, tgt_skip = skip_scale(src.lengths, p.skip_exponent), skip_scale(tgt.lengths, p.skip_exponent)
    for row, bead in enumerate(beads):
        a, b = len(bead.src), len(bead.tgt)
        if not a or not b:
            out[row, 2 * k] = src_skip[list(bead.src)].sum() if a else tgt_skip[list(bead.tgt)].sum()
            continue
        i, j = np.array([bead.src[-1] + 1]), np.array([bead.tgt[-1] + 1])
        xnorm, ynorm = X.norm[i, a], Y.norm[j, b]
        dot = np.einsum("ij,ij->i", X.run_vectors(a, i), Y.run_vectors(b, j)) * xnorm * ynorm
        ndot = np.array([float(src.numbers[list(bead.src)].sum(axis=0) @ tgt.numbers[list(bead.tgt)].sum(axis=0))])
        distance, *terms = _bead_terms(p, a, b, dot, ndot, X, Y, i, j, length)
        shape = shape_index(a, b)
        out[row, shape], out[row, k + shape] = float(distance[0]), 1.0
        out[row, 2 * k + 1:] = [float(t[0]) for t in terms]
    return out


def full_band(n: int, m: int) -> list[tuple[int, int]]:
    return [(0, m)] * (n + 1)


def band_around(path: list[Bead], n: int, m: int, width: int) -> list[tuple[int, int]]:
    """Rows' j-windows covering a path (in fine indices) widened by `width`, monotone in both ends."""
    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    i = j = 0
    points = [(0, 0)]
    for bead in path:
        i += len(bead.src)
        j += len(bead.tgt)
        points.append((i, j))
    for (i0, j0), (i1, j1) in zip(points, points[1:]):
        for r in range(i0, i1 + 1):
            lo[r] = min(lo[r], j0)
            hi[r] = max(hi[r], j1)
    lo = np.maximum(lo - width, 0)
    hi = np.minimum(hi + width, m)
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    return list(zip(lo.tolist(), hi.tolist()))
