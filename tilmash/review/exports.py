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

from align.io import format_text, write_alignment
from corpus.alignment import Alignment
from corpus.docset import DocumentSet, record_files
from corpus.errors import InputError
from corpus.export import export_jsonl, export_tmx, export_tsv
from corpus.model import Document
from corpus.reader import format_paragraphs
from corpus.rows import build_rows
from corpus.textio import atomic_write_text, directory_lock, inside, remove_uncommitted

from .. import __version__
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
                  alignments: dict[str, Alignment], statuses: dict[str, dict[str, str]], info: dict) -> list[str]:
    """TMX, TSV per pair and JSONL with review statuses, and the alignments, into `stage`; returns the
    files written, relative to it."""
    rows = build_rows(len(source), alignments)
    view = build_view(source.texts(), {l: d.texts() for l, d in targets.items()}, alignments, reviews=statuses)
    by_row = {r.number: {lang: c.review for lang, c in r.cells.items() if c.links} for r in view}
    for lang, doc in targets.items():
        stem = f"{source.lang}-{lang}"
        alignment = alignments[lang]
        write_alignment(alignment, stage / "align" / f"{stem}.txt", "text")
        write_alignment(alignment, stage / "align" / f"{stem}.json", "json")
        link_status = [statuses.get(lang, {}).get(link_key(l), "pending") for l in alignment.links]
        export_tsv(stage / "corpus" / f"{stem}.tsv", alignment, source, doc, statuses=link_status)
    export_tmx(stage / "corpus" / f"{docset.id}.tmx", rows, source, targets, version=__version__, statuses=by_row)
    export_jsonl(stage / "corpus" / f"{docset.id}.jsonl", rows, source, targets, statuses=by_row)
    files = sorted(str(p.relative_to(stage)) for p in stage.rglob("*") if p.is_file())
    atomic_write_text(stage / MARKER, json.dumps({**info, "files": files}, ensure_ascii=False, indent=1) + "\n")
    return [*files, MARKER]


def _post_edits(docset: DocumentSet, targets: dict[str, Document], alignments: dict[str, Alignment],
                facts: dict[str, dict]) -> tuple[dict[Path, str], list[dict]]:
    """Each reviewed language's document and alignment (path -> text) and their manifest entries."""
    entries, files = [], {}
    mt = {e.lang: e for e in docset.translations()}
    for lang, fact in facts.items():
        path = f"{POST_EDIT_DIR}/{lang}.txt"
        alignment_path = f"{POST_EDIT_DIR}/{docset.source_lang}-{lang}.txt"
        files[docset.root / path] = format_paragraphs(targets[lang].texts())
        files[docset.root / alignment_path] = format_text(alignments[lang])
        reviewers = ", ".join(fact["reviewers"]) or "nobody"
        entries.append({
            "path": path, "lang": lang, "role": "post-edit",
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
                 facts: dict[str, dict]) -> tuple[list[str], list[str]]:
    """The reviewed corpus into `target` and the post-edits of the languages in `facts` into the set, as one
    unit. `statuses` is language -> link key -> status. Returns the files written, relative to `target`,
    and the post-edit paths recorded in the set."""
    post_edit = _post_edit_dir(docset.root)
    clean_leftovers(target.parent, docset.root)  # first: an interrupted export may own a staging directory
    check_replaceable(target, MARKER, [docset.root])
    files, entries = _post_edits(docset, targets, alignments, facts)
    with staging(target) as stage:
        written = _write_corpus(stage.path, docset, source, targets, alignments, statuses, info)
        stage.commit(post_edit / COMMIT_JOURNAL if files else None, files, entries, _record(docset.root))
    return written, [e["path"] for e in entries]
