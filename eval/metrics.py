"""Reference-based metrics through sacrebleu: BLEU, chrF++ and TER, HTER, paired bootstrap.

A translation and its reference rarely share their paragraphing, so both are
first aligned to the Russian source (tilmash does that with align) and
compared row by row: `pivot_rows` turns the two source-side alignments into
(hypothesis, reference) text pairs, one per multi-way row of corpus.rows. A
row the MT left empty scores against its reference; a row only the MT has
scores against an empty reference, so omissions and additions both cost.
Paragraphs without a Russian counterpart that sit between the same two source
rows (a disclaimer both the MT and its post-edit kept) are one row, scored
against each other rather than as an addition plus an omission.

Tokenisation follows sacrebleu's conventions: BLEU `tokenize="zh"` for
Chinese, `13a` otherwise; chrF++ is `CHRF(word_order=2)`; TER for Chinese
uses `asian_support=True, normalized=True` (otherwise a Chinese sentence is
one token). chrF++ has no tokeniser: its characters need none, and its word
n-grams, which in Chinese run from punctuation to punctuation, make it
stricter there than elsewhere. Every system-level score carries the
metric's `get_signature()` string, and its per-row scores the signature of
the sentence-level metric (BLEU with effective order, `eff:yes`), so a
number always says how it was computed.

HTER is TER of the MT against a post-edit of that same MT: the share of
words a post-editor changed (0 = nothing to fix).

`paired_bootstrap` compares two systems on the same rows and references with
sacrebleu's paired bootstrap resampling (`sacrebleu.significance.PairedTest`,
`test_type="bs"`): its p-value, and the difference with a 95% confidence
interval over the very resamples sacrebleu drew (replayed from its seed and
checked against the mean it reports), cut at the order statistics of
sacrebleu's own `estimate_ci`. Two identical systems get p = 1 (sacrebleu
would report its smallest p-value, as if they differed). `compare_on_pivot`
runs it on two translations into one language (two systems of the set, or
one before and after glossary enforcement) through the multi-way rows of the
source pivot, so all three documents may be paragraphed differently.
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np
import sacrebleu
from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.metrics.base import Metric
from sacrebleu.significance import PairedTest, Result

from corpus.alignment import Alignment
from corpus.languages import profile
from corpus.model import Document
from corpus.rows import build_rows, row_text

METRICS = ("BLEU", "chrF++", "TER")
BOOTSTRAP_SAMPLES = 1000
BOOTSTRAP_SEED = 12345  # sacrebleu's own default seed


_STATISTICS: dict[tuple, list] = {}  # (metric configuration, hypothesis, references) -> segment statistics
_STATISTICS_LIMIT = 1 << 17


class MemoStatistics(Metric):
    """A sacrebleu metric whose segment statistics are computed once per process per (configuration,
    hypothesis, references).

    One run asks for the same segments' statistics up to five times (the system score, the per-row scores,
    both systems of the paired bootstrap, the enforcement comparison), and a process that runs several
    reports asks again for each; TER's shift search and chrF++'s n-gram counts are the slowest steps of a
    warm run. Statistics are a pure function of the metric's settings and the two texts, so scores and
    signatures stay sacrebleu's own (tests/test_eval_metrics.py compares them)."""

    def _configuration(self) -> tuple:
        info = self.get_signature().info
        return (type(self).__name__, *sorted((k, str(v)) for k, v in info.items() if k != "nrefs"))

    def _extract_corpus_statistics(self, hypotheses: Sequence[str], references: Sequence[Sequence[str]] | None) -> Any:
        if not references:
            return super()._extract_corpus_statistics(hypotheses, references)
        segments = list(zip(*references))
        counts = {sum(r is not None for r in refs) for refs in segments}
        self.num_refs = counts.pop() if len(counts) == 1 else -1  # as sacrebleu's reference cache sets it
        config = self._configuration()
        keys = [(config, hyp, refs) for hyp, refs in zip(hypotheses, segments)]
        missing = list(dict.fromkeys(k for k in keys if k not in _STATISTICS))
        if missing:
            if len(_STATISTICS) + len(missing) > _STATISTICS_LIMIT:
                _STATISTICS.clear()
            found = super()._extract_corpus_statistics([k[1] for k in missing],
                                                       [list(stream) for stream in zip(*(k[2] for k in missing))])
            _STATISTICS.update(zip(missing, found))
        return [list(_STATISTICS[k]) for k in keys]


class MemoBLEU(MemoStatistics, BLEU):
    pass


class MemoCHRF(MemoStatistics, CHRF):
    pass


class MemoTER(MemoStatistics, TER):
    pass


def make_metric(name: str, lang: str, sentence: bool = False) -> Metric:
    """A sacrebleu metric object configured for target language `lang`.

    `sentence=True` gives the variant for single segments (BLEU with effective
    order, so a short paragraph without 4-gram matches does not score 0).
    """
    if name == "BLEU":
        return MemoBLEU(tokenize=profile(lang).bleu_tokenize, effective_order=sentence)
    if name == "chrF++":
        return MemoCHRF(word_order=2)
    if name == "TER":
        return MemoTER(asian_support=True, normalized=True) if profile(lang).ter_asian else MemoTER()
    raise ValueError(f"unknown metric {name!r}; choose from {', '.join(METRICS)}")


@dataclass
class Row:
    """One comparable unit: the source paragraphs it covers and both texts (either may be empty)."""
    src: tuple[int, ...]
    hypothesis: str
    reference: str


@dataclass
class MetricScore:
    """A system-level score with sacrebleu's signature, and one score per row (None where a side is empty) with
    the signature of the sentence-level metric that computed them (it differs for BLEU: effective order)."""
    metric: str
    score: float
    signature: str
    rows: list[float | None] = field(default_factory=list)
    row_signature: str = ""

    def as_dict(self) -> dict:
        return {"metric": self.metric, "score": round(self.score, 2), "signature": self.signature,
                "rows": [None if r is None else round(r, 2) for r in self.rows], "row_signature": self.row_signature}


@dataclass
class ReferenceScores:
    """All metrics of one translation against one reference (or post-edit)."""
    lang: str
    reference: str  # the reference document's file or name
    role: str  # "reference" or "post-edit"
    rows: list[Row]
    scores: dict[str, MetricScore]

    @property
    def hter(self) -> float | None:
        """TER against a post-edit of this MT (post-editing effort), None against an independent reference."""
        return self.scores["TER"].score if self.role == "post-edit" else None

    def as_dict(self) -> dict:
        return {"lang": self.lang, "reference": self.reference, "role": self.role, "hter": self.hter,
                "rows": [{"src": list(r.src)} for r in self.rows],
                "scores": {name: s.as_dict() for name, s in self.scores.items()}}


@dataclass
class Comparison:
    """Paired bootstrap of system B against baseline A on one metric; delta = B - A (for TER lower is better)."""
    metric: str
    baseline: str
    system: str
    baseline_score: float
    system_score: float
    delta: float
    ci_low: float
    ci_high: float
    p_value: float
    signature: str

    def as_dict(self) -> dict:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


def pivot_texts(n_src: int, docs: dict[str, tuple[Document, Alignment]]) -> list[dict[str, Any]]:
    """The text of every document per multi-way row of their alignments to the same source ("" where a
    document has nothing in the row); rows empty in every document are left out. Key "src" holds the row's
    source indices."""
    rows: list[dict] = []
    inserted: dict[str, tuple[int, ...]] = {}  # the current run of rows without source, per document
    for row in build_rows(n_src, {name: alignment for name, (_, alignment) in docs.items()}):
        if not row.src:
            # corpus.rows gives each document's insertion a row of its own; between the same two source rows
            # they are one passage, which an MT and its reference may both have
            for name, ids in row.tgt.items():
                inserted[name] = inserted.get(name, ()) + ids
            continue
        if inserted:
            rows.append(_row_texts((), docs, inserted))
            inserted = {}
        rows.append(_row_texts(row.src, docs, row.tgt))
    if inserted:
        rows.append(_row_texts((), docs, inserted))
    return [r for r in rows if any(r[name] for name in docs)]


def _row_texts(src: tuple[int, ...], docs: dict[str, tuple[Document, Alignment]],
               tgt: dict[str, tuple[int, ...]]) -> dict[str, Any]:
    return {"src": src, **{name: row_text(doc, tgt.get(name, ())) for name, (doc, _) in docs.items()}}


def pivot_rows(n_src: int, mt: Document, mt_alignment: Alignment, ref: Document, ref_alignment: Alignment) -> list[Row]:
    """(MT, reference) text pairs per multi-way row of the two alignments to the same source."""
    return [Row(r["src"], r["mt"], r["ref"])
            for r in pivot_texts(n_src, {"mt": (mt, mt_alignment), "ref": (ref, ref_alignment)})]


@dataclass
class SystemComparison:
    """Two translations into one language, paired-bootstrapped against one reference through the source pivot.

    `kind` is "systems" (two machine translations of the set) or "enforcement"
    (a translation before and after glossary enforcement)."""
    kind: str
    lang: str
    reference: str
    role: str
    rows: int
    metrics: list[Comparison]

    def as_dict(self) -> dict:
        first = self.metrics[0]
        return {"kind": self.kind, "lang": self.lang, "baseline": first.baseline, "system": first.system,
                "reference": self.reference, "role": self.role, "rows": self.rows,
                "metrics": [m.as_dict() for m in self.metrics]}


def compare_on_pivot(n_src: int, lang: str, baseline: tuple[str, Document, Alignment],
                     system: tuple[str, Document, Alignment], reference: tuple[str, str, Document, Alignment],
                     kind: str = "systems") -> SystemComparison:
    """Paired bootstrap of `system` against `baseline` (each: name, document, its alignment to the source)
    on the rows the two share with `reference` (file, role, document, alignment): paragraphing may differ
    between all three, so they are compared per multi-way row of the source pivot."""
    ref_name, role, ref_doc, ref_alignment = reference
    rows = pivot_texts(n_src, {"a": baseline[1:], "b": system[1:], "ref": (ref_doc, ref_alignment)})
    metrics = paired_bootstrap([r["a"] for r in rows], [r["b"] for r in rows], [r["ref"] for r in rows], lang,
                               (baseline[0], system[0]))
    return SystemComparison(kind, lang, ref_name, role, len(rows), metrics)


def score_rows(rows: list[Row], lang: str, reference: str = "reference", role: str = "reference") -> ReferenceScores:
    """System-level and per-row BLEU, chrF++ and TER of the rows' hypotheses against their references."""
    hyps, refs = [r.hypothesis for r in rows], [r.reference for r in rows]
    scores = {}
    for name in METRICS:
        corpus_metric = make_metric(name, lang)
        system = corpus_metric.corpus_score(hyps, [refs])
        sentence_metric = make_metric(name, lang, sentence=True)
        per_row = [sentence_metric.sentence_score(h, [r]).score if h and r else None for h, r in zip(hyps, refs)]
        scores[name] = MetricScore(name, system.score, str(corpus_metric.get_signature()), per_row,
                                   str(sentence_metric.get_signature()))
    return ReferenceScores(lang, reference, role, rows, scores)


def paired_bootstrap(baseline: list[str], system: list[str], references: list[str], lang: str,
                     names: tuple[str, str] = ("A", "B"), samples: int = BOOTSTRAP_SAMPLES,
                     seed: int = BOOTSTRAP_SEED) -> list[Comparison]:
    """Paired bootstrap resampling of two systems' row texts against the same references, per metric.

    `seed` must be positive: sacrebleu takes 0 for "unseeded", and resamples it drew at random cannot be
    replayed for the interval (a RuntimeError says so)."""
    if not (len(baseline) == len(system) == len(references)) or not references:
        raise ValueError("paired bootstrap needs the same non-empty rows for both systems and the references")
    metrics = {name: make_metric(name, lang) for name in METRICS}
    previous = os.environ.get("SACREBLEU_SEED")
    os.environ["SACREBLEU_SEED"] = str(seed)
    try:
        signatures, results = PairedTest([(names[0], baseline), (names[1], system)], metrics, [references],
                                         test_type="bs", n_samples=samples)()
    finally:
        if previous is None:
            os.environ.pop("SACREBLEU_SEED", None)
        else:
            os.environ["SACREBLEU_SEED"] = previous
    # sacrebleu gives a p-value but no interval for the difference: replay the resamples its _paired_bs_test
    # drew (numpy's default_rng(seed), one choice() call) and take the difference on each of them
    idxs = np.random.default_rng(seed).choice(len(references), size=(samples, len(references)), replace=True)
    comparisons = []
    for (name, metric), key in zip(metrics.items(), [k for k in results if k != "System"]):
        base_result, sys_result = (cast(Result, r) for r in results[key])  # per system, not names
        stats_a = np.array(metric._extract_corpus_statistics(baseline, [references]), dtype="float32")
        stats_b = np.array(metric._extract_corpus_statistics(system, [references]), dtype="float32")
        scores_a = np.array([metric._compute_score_from_stats(s.sum(0)).score for s in stats_a[idxs]])
        scores_b = np.array([metric._compute_score_from_stats(s.sum(0)).score for s in stats_b[idxs]])
        # float32 statistics: the same resamples agree to ~1e-5, other resamples differ by ~1e-2
        if sys_result.mean is None or sys_result.p_value is None \
                or not np.isclose(scores_b.mean(), sys_result.mean, rtol=0, atol=1e-4):
            raise RuntimeError(f"sacrebleu {sacrebleu.__version__} did not draw the paired bootstrap resamples"
                               f" eval.metrics replays (seed {seed}): the interval would not belong to the p-value")
        deltas = np.sort(scores_b - scores_a)
        cut = len(deltas) // 40  # the order statistics sacrebleu's estimate_ci takes for its 95% interval
        # identical systems: sacrebleu's count of resampled differences beyond the observed 0 is 0, which it
        # turns into its smallest p-value, 1/(samples+1); nothing can be told apart, so p is 1
        p_value = 1.0 if baseline == system else float(sys_result.p_value)
        comparisons.append(Comparison(name, names[0], names[1], base_result.score, sys_result.score,
                                      sys_result.score - base_result.score, float(deltas[cut]),
                                      float(deltas[-cut - 1]), p_value, str(signatures[key])))
    return comparisons
