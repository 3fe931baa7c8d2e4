"""Exports of the reviewed corpus, and the post-edited documents written back into the set.

An export is a directory `exports/<name>/` under the workbench's state directory; its name is
a plain file name, and anything that could leave the exports directory is refused. The
post-edited documents go into the set as `post-edit/<lang>.txt` with the reviewed alignment
next to them, and `meta.toml` records them with role `post-edit` and `of` naming the machine
translation they correct: `of` is what makes `tilmash score` and `tilmash report` measure HTER
against them rather than treat them as an independent reference.

The whole export has one commit point: the export directory is staged in full
(`tilmash.staging`) and the post-edits are written under pending names, then one journal in
`post-edit/` lists every move and the manifest entries to record. After a kill at any moment
the set and the export are both old or both new: before the journal nothing changed, after
it `clean_leftovers` (run when the workbench starts and before every export) finishes the
moves and records the entries (after the files exist, so the manifest never names a missing
one). Nothing is written through a link that leaves the set.
"""
from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from align.io import format_text
from corpus.alignment import Alignment
from corpus.docset import DocumentSet, record_files
from corpus.errors import InputError
from corpus.export import export_formats
from corpus.languages import short_tag
from corpus.model import Document
from corpus.reader import format_paragraphs
from corpus.textio import atomic_write_text, directory_lock, inside, remove_uncommitted

from ..corpora import write_corpora
from ..staging import check_replaceable, clean_interrupted, staging
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


def _record(root: Path) -> Callable[[list[dict]], None]:
    """What finishes an export's journal: record its post-edits in the manifest (dates travel as text)."""
    def record(entries: list[dict]) -> None:
        if entries:
            record_files(root, [{**e, "date": date.fromisoformat(e["date"])} for e in entries])
    return record


def _post_edit_dir(root: Path) -> Path:
    """The set's post-edit directory, refused when it (or a link on the way) leads out of the set."""
    directory = root / POST_EDIT_DIR
    if not inside(root, directory):
        raise InputError(directory, "leads out of the document set (a link?); refusing to write post-edits"
                                    " through it: replace it with a plain directory")
    return directory


def clean_leftovers(exports: Path, set_root: Path) -> None:
    """Finish an export a kill cut short after its commit point, then remove what killed exports left
    before it: staging directories and pending files (never a finished export)."""
    post_edit = _post_edit_dir(set_root)
    if post_edit.is_dir():
        if remove_uncommitted(post_edit, post_edit / COMMIT_JOURNAL, _record(set_root)):
            print(f"tilmash: finished an export into {set_root} that a killed workbench had left half done",
                  file=sys.stderr)
        for path in post_edit.glob(".*.tmp"):
            path.unlink(missing_ok=True)
    if exports.is_dir():
        with directory_lock(exports):
            clean_interrupted(exports)


def _write_corpus(stage: Path, docset: DocumentSet, source: Document, targets: dict[str, Document],
                  alignments: dict[str, Alignment], statuses: dict[str, dict[str, str]], info: dict,
                  flags: dict[str, dict[str, list[str]]]) -> list[str]:
    """Every export format (corpus.export, the same loop as `tilmash export`: CAT tools' XLIFF and the reviewers'
    XLSX/DOCX included) with review statuses, and the alignments, into `stage`; returns the files written,
    relative to it. `flags` is system -> link key -> the link's quality reasons."""
    view = build_view(source.texts(), {l: d.texts() for l, d in targets.items()}, alignments, reviews=statuses)
    by_row = {r.number: {lang: c.review for lang, c in r.cells.items() if c.links} for r in view}
    link_status = {lang: [statuses.get(lang, {}).get(link_key(l), "pending") for l in alignments[lang].links]
                   for lang in targets}
    link_flags = {lang: [flags.get(lang, {}).get(link_key(l), []) for l in alignments[lang].links] for lang in targets}
    write_corpora(stage, docset.id, source, {lang: (doc, alignments[lang]) for lang, doc in targets.items()},
                  "paragraph", export_formats(), link_status=link_status, row_status=by_row, link_flags=link_flags)
    files = sorted(str(p.relative_to(stage)) for p in stage.rglob("*") if p.is_file())
    atomic_write_text(stage / MARKER, json.dumps({**info, "files": files}, ensure_ascii=False, indent=1) + "\n")
    return [*files, MARKER]


def _post_edits(docset: DocumentSet, targets: dict[str, Document], alignments: dict[str, Alignment],
                facts: dict[str, dict]) -> tuple[dict[Path, str], list[dict]]:
    """Each reviewed language's document and alignment (path -> text) and their manifest entries."""
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
            "date": date.today().isoformat(),
            "post_edited": True,
            "synthetic": False,
        })
    return files, entries


def write_export(target: Path, docset: DocumentSet, source: Document, targets: dict[str, Document],
                 alignments: dict[str, Alignment], statuses: dict[str, dict[str, str]], info: dict,
                 facts: dict[str, dict], flags: dict[str, dict[str, list[str]]] | None = None
                 ) -> tuple[list[str], list[str]]:
    """The reviewed corpus into `target` and the post-edits of the languages in `facts` into the set, as one
    unit. `statuses` is language -> link key -> status, `flags` language -> link key -> quality reasons.
    Returns the files written, relative to `target`, and the post-edit paths recorded in the set."""
    post_edit = _post_edit_dir(docset.root)
    clean_leftovers(target.parent, docset.root)  # first: an interrupted export may own a staging directory
    check_replaceable(target, MARKER, [docset.root])
    files, entries = _post_edits(docset, targets, alignments, facts)
    with staging(target) as stage:
        written = _write_corpus(stage.path, docset, source, targets, alignments, statuses, info, flags or {})
        stage.commit(post_edit / COMMIT_JOURNAL if files else None, files, entries, _record(docset.root))
    return written, [e["path"] for e in entries]
