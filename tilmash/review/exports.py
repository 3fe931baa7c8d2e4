"""Exports of the reviewed corpus, and the post-edited documents written back into the set.

An export is a directory `exports/<name>/` under the workbench's state
directory, staged and swapped in whole (`tilmash.staging`), so a kill at any
moment leaves the previous export or the new one, never half of one. Its name
is a plain file name: anything that could leave the exports directory is
refused. The post-edited documents go into the set as `post-edit/<lang>.txt`
with the reviewed alignment next to them, all written as one unit (a crash
leaves every document with the alignment made for it), and `meta.toml` records them with
role `post-edit` and `of` naming the machine translation they correct (after
the files exist, so it never names a missing one): `of` is what makes `tilmash
score` and `tilmash report` measure HTER against them rather than treat them
as an independent reference.
"""
from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

from align.io import format_text, write_alignment
from corpus.alignment import Alignment
from corpus.docset import DocumentSet, record_files
from corpus.export.jsonl import export_jsonl
from corpus.languages import short_tag
from corpus.export.tmx import export_tmx
from corpus.export.tsv import export_tsv
from corpus.model import Document
from corpus.reader import format_paragraphs
from corpus.rows import build_rows
from corpus.textio import atomic_write_text, remove_uncommitted, write_together

from ..staging import check_replaceable, staged_directory
from .view import build_view, link_key

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
MARKER = "export.json"
POST_EDIT_DIR = "post-edit"
COMMIT_JOURNAL = ".commit.json"  # see corpus.textio.write_together


class BadName(ValueError):
    pass


def export_dir(exports: Path, name: str) -> Path:
    """The directory for export `name`, refusing names that are not one plain path component."""
    if not isinstance(name, str) or not _NAME.fullmatch(name) or ".." in name:
        raise BadName(f"export name {name!r} must be letters, digits, '.', '_' or '-' (at most 64), one path component")
    target = (exports / name).resolve()
    if target.parent != exports.resolve():
        raise BadName(f"export name {name!r} leaves the exports directory")
    return target


def clean_leftovers(exports: Path, set_root: Path) -> None:
    """Remove what a killed export left: staging directories and temporary files (never finished exports)."""
    if exports.is_dir():
        for path in exports.iterdir():
            if path.name.startswith(".") and (".staging-" in path.name or ".old-" in path.name):
                shutil.rmtree(path, ignore_errors=True)
    post_edit = set_root / POST_EDIT_DIR
    if post_edit.is_dir():
        remove_uncommitted(post_edit, post_edit / COMMIT_JOURNAL)
        for path in post_edit.glob(".*.tmp"):
            path.unlink(missing_ok=True)


def write_export(target: Path, docset: DocumentSet, source: Document, targets: dict[str, Document],
                 alignments: dict[str, Alignment], statuses: dict[str, dict[str, str]], info: dict) -> list[str]:
    """The reviewed corpus: TMX, TSV per pair and JSONL with review statuses, and the alignments.

    `statuses` is language -> link key -> status. Returns the files written, relative to `target`.
    """
    check_replaceable(target, MARKER, [docset.root])
    rows = build_rows(len(source), alignments)
    view = build_view(source.texts(), {l: d.texts() for l, d in targets.items()}, alignments, reviews=statuses)
    by_row = {r.number: {lang: c.review for lang, c in r.cells.items() if c.links} for r in view}
    with staged_directory(target) as stage:
        for lang, doc in targets.items():
            stem = f"{source.name}-{lang}"
            alignment = alignments[lang]
            write_alignment(alignment, stage / "align" / f"{stem}.txt", "text")
            write_alignment(alignment, stage / "align" / f"{stem}.json", "json")
            link_status = [statuses.get(lang, {}).get(link_key(l), "pending") for l in alignment.links]
            export_tsv(stage / "corpus" / f"{stem}.tsv", alignment, source, doc, statuses=link_status)
        export_tmx(stage / "corpus" / f"{docset.id}.tmx", rows, source, targets, statuses=by_row)
        export_jsonl(stage / "corpus" / f"{docset.id}.jsonl", rows, source, targets, statuses=by_row)
        files = sorted(str(p.relative_to(stage)) for p in stage.rglob("*") if p.is_file())
        atomic_write_text(stage / MARKER, json.dumps({**info, "files": files}, ensure_ascii=False, indent=1) + "\n")
    return [*files, MARKER]


def write_post_edits(docset: DocumentSet, targets: dict[str, Document], alignments: dict[str, Alignment],
                     facts: dict[str, dict]) -> list[str]:
    """Write each reviewed language's document and alignment into the set and record them in meta.toml."""
    entries, files = [], {}
    mt = docset.systems()
    source = short_tag(docset.source_tag)
    for lang, fact in facts.items():
        path = f"{POST_EDIT_DIR}/{lang}.txt"
        alignment_path = f"{POST_EDIT_DIR}/{source}-{lang}.txt"
        files[docset.root / path] = format_paragraphs(targets[lang].texts())
        files[docset.root / alignment_path] = format_text(alignments[lang])
        reviewers = ", ".join(fact["reviewers"]) or "nobody"
        entries.append({
            "path": path, "lang": mt[lang].lang, "role": "post-edit",
            "of": mt[lang].path,
            "alignment": alignment_path,
            "provenance": f"{mt[lang].path} corrected in the tilmash review workbench by {reviewers}:"
                          f" {fact['edited']} of {len(targets[lang])} paragraphs edited, {fact['approved']} of"
                          f" {fact['rows']} rows approved. Paragraphing is that of {mt[lang].path}; {alignment_path}"
                          " is the reviewed alignment with the source.",
            "engine": "human post-edit (tilmash review)",
            "date": date.today(),
            "post_edited": True,
            "synthetic": False,
        })
    if entries:
        write_together(files, docset.root / POST_EDIT_DIR / COMMIT_JOURNAL)
        record_files(docset.root, entries)
    return [e["path"] for e in entries]
