"""Translation quality: reference-free checks (a plug-in family), sacrebleu metrics with signatures, paired
bootstrap, error injection for benchmarks, and the evaluation report (JSON, Markdown, HTML).

    quality = eval.assess(source, translation, alignment, embedder, findings)   # a PairQuality
    print(quality.score, quality.status_counts(), quality.signature)
"""
from __future__ import annotations

from collections.abc import Sequence

from corpus.alignment import Alignment
from corpus.findings import TermFinding
from corpus.model import Document

from .checks import CHECKS, Check, Embedder, Flag, LinkQuality, PairQuality, QualityChecker, quality_signature
from .metrics import (METRICS, ReferenceScores, SystemComparison, compare_on_pivot, make_metric, paired_bootstrap,
                      pivot_rows, score_rows)
from .report_data import build_report, pair_section
from .report_html import render_html
from .report_md import render_markdown


def assess(source: Document, target: Document, alignment: Alignment, embedder: Embedder | None = None,
           term_findings: list[TermFinding] | None = None, checks: Sequence[str] | None = None) -> PairQuality:
    """Every link of an aligned translation through the selected checks (all by default)."""
    return QualityChecker(source, target, alignment, embedder, checks).assess(term_findings)


__all__ = ["CHECKS", "METRICS", "Check", "Flag", "LinkQuality", "PairQuality", "QualityChecker", "ReferenceScores",
           "SystemComparison", "assess", "build_report", "compare_on_pivot", "make_metric", "paired_bootstrap",
           "pair_section", "pivot_rows", "quality_signature", "render_html", "render_markdown", "score_rows"]
