"""From embeddings to a path: features, neighbour normalisation and coarse-to-fine search.

Short documents are searched in full. Long ones are first aligned at a coarse
resolution (blocks of consecutive segments averaged), and the coarse path,
widened, becomes the band for the next finer level, as in Vecalign; so time
and memory grow linearly with length.
"""
from __future__ import annotations

import math

import numpy as np

from corpus.script import language_mismatch
from corpus.segmenter import ends_sentence, stops_midway

from .anchors import clause_number, editorial_mark, number_vectors
from .dp import Bead, LengthModel, Params, Side, align_band, band_around, full_band, skip_scale

FULL_SEARCH_CELLS = 300_000  # (n+1)*(m+1) above this goes coarse-to-fine
COARSE_FACTOR = 8


def make_side(vecs: np.ndarray, texts: list[str], params: Params, lang: str = "") -> Side:
    """One document's features for the search; with `lang`, segments whose letters say they are not in it are
    marked (a translation left untranslated or in the wrong language, see `dp._damaged`)."""
    lengths = np.array([max(len(t), 1) for t in texts], dtype=np.float64)
    relative = lengths / np.median(lengths) if len(lengths) else lengths
    weights = relative ** params.weight_exponent
    return Side(
        vecs=np.ascontiguousarray(vecs, dtype=np.float32),
        weights=weights,
        lengths=lengths,
        background=np.zeros(len(texts)),
        clause=np.array([clause_number(t) for t in texts], dtype=np.float64),
        marks=np.array([editorial_mark(t) for t in texts], dtype=np.float64),
        numbers=number_vectors(texts),
        skip=params.skip_cost * skip_scale(lengths, params.skip_exponent),
        ending=_endings(texts),
        foreign=np.array([bool(lang) and language_mismatch(t, lang) is not None for t in texts]),
    )


def _endings(texts: list[str]) -> np.ndarray:
    """1 for a segment that ends a sentence, -1 for one that stops inside one, 0 otherwise; all 0 in a
    document where most segments do not end a sentence (a transcript), whose stops say nothing."""
    ends = np.array([ends_sentence(t) for t in texts], dtype=bool)
    if 2 * ends.sum() <= len(texts):
        return np.zeros(len(texts), dtype=np.int8)
    return np.where(ends, 1, np.where([stops_midway(t) for t in texts], -1, 0)).astype(np.int8)


def set_background(src: Side, tgt: Side) -> None:
    """Each segment's similarity to the other document's mean vector.

    It stands for the average similarity to a random other-side segment,
    which is linear in the segment vector, so runs get theirs exactly.
    """
    src.background = src.vecs @ tgt.vecs.mean(axis=0) if len(tgt) else np.zeros(len(src))
    tgt.background = tgt.vecs @ src.vecs.mean(axis=0) if len(src) else np.zeros(len(tgt))
    src.other_mean = tgt.vecs.mean(axis=0) if len(tgt) else None
    tgt.other_mean = src.vecs.mean(axis=0) if len(src) else None


def _coarsen(side: Side, factor: int) -> Side:
    """Blocks of `factor` consecutive segments as single segments (weighted mean vectors, summed lengths)."""
    n = len(side)
    blocks = math.ceil(n / factor)
    idx = np.repeat(np.arange(blocks), factor)[:n]
    vecs = np.zeros((blocks, side.vecs.shape[1]))
    np.add.at(vecs, idx, side.vecs * side.weights[:, None])
    vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
    numbers = np.zeros((blocks, side.numbers.shape[1]), dtype=np.float32)
    np.add.at(numbers, idx, side.numbers)
    total = lambda values: np.bincount(idx, weights=values, minlength=blocks)
    # A block is one unit at this level: leaving it unmatched costs what one segment does, as matching it
    # costs one distance, or an inserted stretch gets smeared over the neighbouring blocks.
    mean_skip = total(side.skip) / np.bincount(idx, minlength=blocks)
    return Side(vecs.astype(np.float32), total(side.weights), total(side.lengths), np.zeros(blocks),
                np.zeros(blocks), np.zeros(blocks), numbers, mean_skip)


def _refine(coarse: list[Bead], factor: int, n: int, m: int) -> list[Bead]:
    """Map a path over blocks back to segment indices (each bead becomes a box)."""
    fine = []
    for bead in coarse:
        src = tuple(range(bead.src[0] * factor, min((bead.src[-1] + 1) * factor, n))) if bead.src else ()
        tgt = tuple(range(bead.tgt[0] * factor, min((bead.tgt[-1] + 1) * factor, m))) if bead.tgt else ()
        if src or tgt:
            fine.append(Bead(src, tgt, bead.score))
    return fine


def search(src: Side, tgt: Side, params: Params, length: LengthModel) -> list[Bead]:
    """Best path for two sides, searched in full when small and coarse-to-fine when not."""
    set_background(src, tgt)
    n, m = len(src), len(tgt)
    if (n + 1) * (m + 1) <= FULL_SEARCH_CELLS:
        band = full_band(n, m)
    else:
        coarse = search(_coarsen(src, COARSE_FACTOR), _coarsen(tgt, COARSE_FACTOR), params, length)
        band = band_around(_refine(coarse, COARSE_FACTOR, n, m), n, m, 2 * COARSE_FACTOR)
    return align_band(src, tgt, band, params, length)
