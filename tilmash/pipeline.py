"""`tilmash run`: the main job on one document set.

Loads the set, aligns the source with every translation, scores each
alignment against gold where the set has one, exports the parallel corpora
and writes `summary.md`. All reading and checking happens before anything is
written, and the output directory is swapped in whole at the end.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from align import align_documents
from align.io import parse_text, write_alignment
from align.score import AlignmentScore, score_alignment
from corpus.alignment import Alignment, coverage_problem
from corpus.docset import DocumentSet, load_set
from corpus.errors import InputError
from corpus.export import export_jsonl, export_moses, export_tmx, export_tsv
from corpus.model import Document
from corpus.rows import build_rows
from corpus.textio import read_text

from . import __version__
from .progress import progress
from .staging import staged_directory
from .summary import write_summary

DEFAULT_SET = Path("corpus/astana-2025")


@dataclass
class PairResult:
    doc: Document
    alignment: Alignment
    gold: list | None = None
    score: AlignmentScore | None = None


@dataclass
class RunResult:
    docset: DocumentSet
    source: Document
    pairs: dict[str, PairResult] = field(default_factory=dict)
    out_dir: Path | None = None
    files: list[str] = field(default_factory=list)


def read_gold(path: Path, n_src: int, n_tgt: int) -> list:
    pairs = parse_text(read_text(path).text, path)
    problem = coverage_problem(pairs, n_src, n_tgt)
    if problem:
        raise InputError(path, f"gold alignment does not fit the documents: {problem}")
    return pairs


def run(set_dir: str | Path = DEFAULT_SET, out_dir: str | Path | None = None,
        method: str = "length", show_progress: bool = True) -> RunResult:
    docset = load_set(set_dir)
    out_dir = Path(out_dir) if out_dir else Path("out") / docset.id
    source = docset.source()
    result = RunResult(docset, source)
    entries = docset.translations()
    for entry in progress(entries, "aligning", enabled=show_progress):
        doc = docset.read(entry)
        alignment = align_documents(source, doc, method=method)
        pair = PairResult(doc, alignment)
        gold_path = docset.gold_path(entry)
        if gold_path is not None:
            if not gold_path.is_file():
                raise InputError(docset.meta_path, f"names a gold file that does not exist: {gold_path.name}")
            pair.gold = read_gold(gold_path, len(source), len(doc))
            pair.score = score_alignment(pair.gold, alignment.pairs())
        result.pairs[doc.lang] = pair

    with staged_directory(out_dir) as stage:
        targets = {lang: p.doc for lang, p in result.pairs.items()}
        rows = build_rows(len(source), {lang: p.alignment for lang, p in result.pairs.items()})
        for lang, pair in result.pairs.items():
            stem = f"{source.lang}-{lang}"
            write_alignment(pair.alignment, stage / "align" / f"{stem}.json", "json")
            write_alignment(pair.alignment, stage / "align" / f"{stem}.txt", "text")
            export_tsv(stage / "corpus" / f"{stem}.tsv", pair.alignment, source, pair.doc)
            export_moses(stage / "corpus" / "moses", pair.alignment, source, pair.doc)
        export_tmx(stage / "corpus" / f"{docset.id}.tmx", rows, source, targets, version=__version__)
        export_jsonl(stage / "corpus" / f"{docset.id}.jsonl", rows, source, targets)
        write_summary(stage / "summary.md", result, rows, method)
        result.files = sorted(str(p.relative_to(stage)) for p in stage.rglob("*") if p.is_file())
    result.out_dir = out_dir
    return result
