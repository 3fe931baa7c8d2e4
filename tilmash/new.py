"""`tilmash new`: a document set from the files people have (DOCX, HTML, PDF, XLIFF, PO, subtitles...).

Every file is read with its format's reader and written into the set format
(UTF-8 paragraphs, placeholders kept); the original is kept under `originals/`
with its SHA-256, and `meta.toml` says for each document which reader made it
from which original with what options, what the reader skipped, and whether
its language was given, declared by the file or guessed. A translation that
comes from the same bilingual file as the source (an XLIFF's targets, a TMX's
other language) is already aligned unit by unit: that alignment is written
beside it and recorded, so exports and reviews start from it. The set appears
whole or not at all, and an existing set is never overwritten.
"""
from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from align.io import write_alignment
from corpus.alignment import Alignment, Link
from corpus.docset import ROLES, load_set, record_files
from corpus.languages import is_tag, validate
from corpus.errors import InputError
from corpus.formats import FORMATS, reader_for
from corpus.formats.base import LAYOUTS, TRACKED
from corpus.formats.detect import detect_language
from corpus.model import Document
from corpus.reader import format_paragraphs, read_document
from corpus.textio import atomic_write_text, read_bytes
from glossaries import read_termbase

from .staging import staged_directory

TRANSLATION_ROLES = tuple(role for role in ROLES if role != "source")
_PLAIN = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_LISTED = 20  # skipped places listed per kind in meta.toml (all are counted)


@dataclass(frozen=True)
class FileSpec:
    """One input file as the command line gave it: `FILE[:TAG[:ROLE]]`."""
    path: Path
    lang: str | None
    role: str


@dataclass
class NewSetResult:
    root: Path
    entries: list[dict] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


def parse_translation(value: str) -> FileSpec:
    """`en.docx`, `en.docx:en`, `en.docx:en:human`, `memory.tmx:kk:reference` (split from the right, so a
    path may hold colons)."""
    parts = value.rsplit(":", 2)
    role = "mt"
    if len(parts) > 1 and parts[-1] in ROLES:
        role = parts.pop()
    lang = None
    if len(parts) > 1 and is_tag(parts[-1]):
        lang = parts.pop()
    elif len(parts) > 1 and re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]+)*", parts[-1]):
        raise argparse.ArgumentTypeError(f"{value!r}: unknown language tag {parts[-1]!r}")
    if role == "source":
        raise argparse.ArgumentTypeError(f"{value!r}: a translation's role is one of {', '.join(TRANSLATION_ROLES)}")
    return FileSpec(Path(":".join(parts)), lang, role)


def _key(kind: str) -> str:
    return _PLAIN.sub("-", kind).strip("-") or "other"


def _name(lang: str, spec: FileSpec, taken: set[str]) -> str:
    """`en.txt` for the first file of a language, then `en-<original stem>.txt` (made plain and unique)."""
    candidates = [f"{lang}.txt"] + [f"{lang}-{_PLAIN.sub('-', spec.path.stem).strip('-.') or 'doc'}{n}.txt"
                                    for n in ("", *range(2, 1000))]
    name = next(c for c in candidates if c not in taken)
    taken.add(name)
    return name


def paired_by_place(src: Document, tgt: Document) -> Alignment | None:
    """The alignment two documents read from one bilingual file already imply: segment i of the source
    with the target segment of the same place (unit id, tuid), in document order; None when places do
    not pair monotonically (then the documents must be aligned like any other)."""
    places = [seg.place for seg in tgt.paragraphs]
    if not all(places) or len(set(places)) != len(places):
        return None
    index = {place: j for j, place in enumerate(places)}
    links: list[Link] = []
    next_j = 0
    for i, seg in enumerate(src.paragraphs):
        j = index.get(seg.place)
        if j is None:
            links.append(Link((i,), ()))
            continue
        if j < next_j:
            return None
        links += [Link((), (k,)) for k in range(next_j, j)]
        links.append(Link((i,), (j,), 1.0, 1.0))
        next_j = j + 1
    links += [Link((), (k,)) for k in range(next_j, len(tgt))]
    return Alignment(src.lang, tgt.lang, links, method="pre-aligned")


def _sha256(path: Path) -> str:
    return hashlib.sha256(read_bytes(path)).hexdigest()


def new_set(set_dir: str | Path, source: FileSpec, translations: list[FileSpec], glossary: str | Path | None = None,
            title: str | None = None, format: str | None = None, options: dict | None = None) -> NewSetResult:
    """Convert the files into a new document set at `set_dir`; `options` are reader options (layout,
    tracked, main_text) applied to every file whose format reads them."""
    root = Path(set_dir)
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise InputError(root, "exists and is not empty: refusing to overwrite a set (choose a new directory)")
    set_id = _PLAIN.sub("-", root.resolve().name).strip("-.") or "set"
    specs = [source, *translations]
    seen: set[Path] = set()
    for spec in specs:  # one file twice makes sense only for the two sides of a bilingual file
        if spec.path.resolve() in seen and not reader_for(spec.path, format).bilingual:
            raise InputError(spec.path, "the same file is given twice (only a bilingual file, XLIFF, PO or TMX,"
                                        " can be both the source and a translation)")
        seen.add(spec.path.resolve())
    result = NewSetResult(root)
    options = options or {}
    documents: list[tuple[FileSpec, Document, str]] = []
    for spec in specs:
        role = "source" if spec is source else spec.role
        lang, how = (spec.lang, "given") if spec.lang else detect_language(spec.path, role, format, options)
        validate(lang, spec.path)  # an unknown tag, or one tilmash cannot align, is the user's to fix
        doc = read_document(spec.path, lang, set_id, role=role, format=format, options=options, warn=False)
        documents.append((spec, doc, how))
    termbase = read_termbase(glossary) if glossary else None
    source_doc = documents[0][1]

    with staged_directory(root) as stage:
        (stage / "originals").mkdir()
        taken: set[str] = set()
        copied: dict[Path, str] = {}
        for spec, doc, how in documents:
            name = _name(doc.lang, spec, taken)
            atomic_write_text(stage / name, format_paragraphs(seg.text for seg in doc.paragraphs))
            original = copied.get(spec.path.resolve())
            if original is None:
                original = _unique(spec.path.name, set(copied.values()))
                shutil.copyfile(spec.path, stage / original)
                copied[spec.path.resolve()] = original
            entry = _entry(name, doc, spec, original, how)
            if doc is not source_doc and doc.format == source_doc.format and reader_for(spec.path, format).bilingual:
                alignment = paired_by_place(source_doc, doc)
                if alignment is not None:
                    align_path = f"align/{source_doc.lang}-{Path(name).stem}.txt"
                    write_alignment(alignment, stage / align_path, "text")
                    entry["alignment"] = align_path
            result.entries.append(entry)
            result.messages.append(_message(name, doc, spec, how, entry))
        head = {"id": set_id, "title": title or f"{source.path.name} and its translations",
                "source_lang": source_doc.lang}
        if glossary and termbase is not None:
            glossary = Path(glossary)
            shutil.copyfile(glossary, stage / f"glossary{glossary.suffix}")
            head |= {"glossary": f"glossary{glossary.suffix}", "glossary_original": str(glossary.resolve()),
                     "glossary_sha256": _sha256(glossary)}
        record_files(stage, result.entries, head=head)
    load_set(root)  # the set as later commands will see it
    return result


def _unique(name: str, taken: set[str]) -> str:
    """`originals/<name>`, numbered when two inputs share a file name."""
    stem, suffix = Path(name).stem, Path(name).suffix
    candidates = [f"originals/{name}"] + [f"originals/{stem}-{n}{suffix}" for n in range(2, 1000)]
    return next(c for c in candidates if c not in taken)


def _entry(name: str, doc: Document, spec: FileSpec, original: str, how: str) -> dict:
    kinds: dict[str, int] = {}
    for seg in doc.paragraphs:
        kinds[seg.kind] = kinds.get(seg.kind, 0) + 1
    entry: dict = {
        "path": name, "lang": doc.lang, "role": doc.role,
        "provenance": f"converted from {spec.path.name} ({doc.format}) by tilmash new on {date.today().isoformat()}",
        "original": original, "original_sha256": _sha256(spec.path), "original_format": doc.format,
        "original_reader": doc.origin.get("reader", doc.format), "date": date.today(),
        "language": how, "segments": {_key(k): n for k, n in kinds.items()},
    }
    if doc.origin.get("options"):
        entry["original_options"] = doc.origin["options"]
    facts = {k: v for k, v in doc.origin.items() if k not in ("reader", "options") and isinstance(v, (str, int))}
    if doc.encoding != "utf-8":
        facts["encoding"] = doc.encoding
    if facts:
        entry["original_facts"] = facts
    if doc.skipped:
        entry["skipped"] = {_key(kind): len(places) for kind, places in doc.skipped.items()}
        entry["skipped_at"] = {_key(kind): [str(p) for p in places[:_MAX_LISTED]] for kind, places in doc.skipped.items()}
    if doc.warnings:
        entry["warnings"] = list(doc.warnings)
    entry |= {"post_edited": doc.role == "post-edit", "synthetic": False}
    return entry


def _message(name: str, doc: Document, spec: FileSpec, how: str, entry: dict) -> str:
    skipped = ", ".join(f"{len(places)} {kind}" for kind, places in doc.skipped.items())
    facts = [f"{doc.format}", f"{doc.lang} {how}", f"role {doc.role}", f"{len(doc)} segments"]
    if skipped:
        facts.append(f"skipped: {skipped}")
    if "alignment" in entry:
        facts.append(f"pre-aligned by the file ({entry['alignment']})")
    return f"{spec.path} -> {name} ({'; '.join(facts)})"


def cmd_new(args: argparse.Namespace) -> int:
    options = {k: v for k, v in (("layout", args.layout), ("tracked", args.tracked),
                                 ("main_text", args.main_text or None)) if v is not None}
    result = new_set(args.set_dir, FileSpec(Path(args.source), args.lang, "source"), args.translation or [],
                     args.glossary, args.title, args.format, options)
    for message in result.messages:
        print(message, file=sys.stderr)
    print(result.root)
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register `tilmash new`."""
    formats = ", ".join(f"{name} ({', '.join(cls.extensions)})" for name, cls in FORMATS.items())
    p = sub.add_parser("new", help="make a document set from files in any supported format",
                       description="Convert a source and its translations into a new document set: each file read"
                                   " by its format's reader, written as set text, the original kept under"
                                   " originals/ with its SHA-256, provenance (reader, options, what was skipped,"
                                   f" how the language was found) in meta.toml. Formats: {formats}.")
    p.add_argument("set_dir", metavar="SET_DIR", help="the new set's directory (must not exist or be empty)")
    p.add_argument("--source", required=True, metavar="FILE", help="the source document")
    p.add_argument("--lang", metavar="TAG", help="the source's language, a BCP 47 tag (default: declared by the file,"
                   " or guessed)")
    p.add_argument("--translation", action="append", type=parse_translation, metavar="FILE[:TAG[:ROLE]]",
                   help=f"a translation (repeatable); ROLE one of {', '.join(TRANSLATION_ROLES)} (default mt);"
                        " the same bilingual file as the source (XLIFF, PO, TMX) gives its other side")
    p.add_argument("--glossary", metavar="FILE", help="term base (TSV or TBX), copied into the set")
    p.add_argument("--title", help="the set's title")
    p.add_argument("--format", choices=FORMATS.names(), help="read every file as this format (default: by extension)")
    p.add_argument("--layout", choices=LAYOUTS, help="plain text: blank-line paragraphs (default) or one segment per line")
    p.add_argument("--tracked", choices=TRACKED, help="DOCX tracked changes: read them accepted or rejected")
    p.add_argument("--main-text", action="store_true", help="HTML: only the main text, boilerplate removed")
    p.set_defaults(func=cmd_new)
