"""What `tilmash corpus build` is given: document sets, directories of sets, and manifests of documents.

Everything becomes a list of `GroupSpec`s, one per source document with its translations, checked before any
work: a manifest row naming a missing file, a document named twice, a group whose rows disagree on their
source, or a language the embedder does not cover stops the command with the manifest's line, because a typo in
a 10,000-row manifest is cheaper to fix before a day of embedding than after. What can only be found by reading
a document (an unreadable or empty file) fails that group alone, later, with its error in manifest.json.

A manifest is TSV with a header row, or JSONL with one object per line, both with the columns `src`,
`src_lang`, `tgt`, `tgt_lang` and optionally `group` (rows sharing it, or sharing their `src`, form one group),
`src_format`, `tgt_format` and `layout` (`score` and `evidence`, which `tilmash corpus pair` writes, are
kept for the record only); a JSONL row may instead list a group's translations as
`"translations": [{"path", "lang", "format"}]`. Paths are relative to the manifest's directory.
"""
from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from corpus.docset import load_set, system_name
from corpus.errors import InputError
from corpus.formats import FORMATS
from corpus.formats.base import LAYOUTS
from corpus.textio import read_bytes, read_text

REQUIRED = ("src", "src_lang", "tgt", "tgt_lang")
OPTIONAL = ("group", "src_format", "tgt_format", "layout", "score", "evidence")  # the last two: what `pair` wrote
_PLAIN = re.compile(r"[^A-Za-z0-9._-]+")
_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")


@dataclass(frozen=True)
class DocSpec:
    """One document of a group, as the input named it."""
    path: Path
    lang: str
    role: str  # source, or the translation's role (mt, human, reference, post-edit; `mt` from a manifest)
    name: str  # what outputs call it within its group: the source's language, a translation's system name
    format: str | None = None
    options: tuple[tuple[str, object], ...] = ()  # reader options, as a set's manifest records them
    where: tuple[str, int | None] = ("", None)  # the file and line that named it, for errors

    def content_hash(self) -> str:
        return hashlib.sha256(read_bytes(self.path)).hexdigest()

    def reader_options(self) -> dict:
        return dict(self.options)


@dataclass(frozen=True)
class GroupSpec:
    """A source document and its translations: the unit the builder aligns, caches and reports."""
    id: str
    source: DocSpec
    translations: tuple[DocSpec, ...]
    origin: str  # the set directory or the manifest line it came from

    def documents(self) -> tuple[DocSpec, ...]:
        return (self.source, *self.translations)


@dataclass
class _Rows:
    """A manifest's rows grouped, remembering the line of each for errors."""
    path: Path
    groups: dict[str, list[tuple[int, dict]]] = field(default_factory=dict)


def read_inputs(inputs: list[str | Path], covers: Callable[[str], bool] | None = None) -> list[GroupSpec]:
    """Every group the inputs hold, in the order given; `covers(lang)` says which languages may be aligned
    (None: any). Raises `InputError` naming the file and line of the first problem."""
    groups: list[GroupSpec] = []
    for given in inputs:
        path = Path(given)
        if path.is_dir() and (path / "meta.toml").is_file():
            groups.append(_set_group(path))
        elif path.is_dir():
            sets = sorted(p for p in path.iterdir() if p.is_dir() and (p / "meta.toml").is_file())
            if not sets:
                raise InputError(path, "neither a document set (no meta.toml) nor a directory of sets")
            groups += [_set_group(p) for p in sets]
        elif path.is_file() and path.suffix.lower() in (".tsv", ".jsonl"):
            groups += _manifest_groups(path)
        elif path.exists():
            raise InputError(path, "not an input: give a document set, a directory of sets or a manifest"
                                   " (.tsv or .jsonl)")
        else:
            raise InputError(path, "no such file or directory")
    _check_unique(groups)
    if covers is not None:
        for group in groups:
            for doc in group.documents():
                if not covers(doc.lang):
                    raise InputError(doc.where[0], f"language {doc.lang!r} of {doc.path.name} is not one the"
                                                   " embedder covers: its alignment would be noise", doc.where[1])
    return groups


def _set_group(root: Path) -> GroupSpec:
    docset = load_set(root)
    others = [entry for entry in docset.files if entry.role != "source"]
    (source,) = [entry for entry in docset.files if entry.role == "source"]
    where = (str(docset.meta_path), None)

    def spec(entry, name: str) -> DocSpec:
        options = tuple(sorted(entry.meta.get("reader_options", {}).items()))
        return DocSpec((root / entry.path).resolve(), entry.lang, entry.role, name, entry.meta.get("format"),
                       options, where)

    return GroupSpec(docset.id, spec(source, source.lang),
                     tuple(spec(entry, system_name(entry, others)) for entry in others), str(root))


def _manifest_rows(path: Path) -> Iterator[tuple[int, dict]]:
    text = read_text(path).text
    if path.suffix.lower() == ".jsonl":
        for number, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as exc:
                raise InputError(path, f"not a JSON object: {exc}", number) from None
            if not isinstance(row, dict):
                raise InputError(path, "each line must be a JSON object", number)
            yield number, row
        return
    lines = text.split("\n")
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader, None)
    if not header or any(column not in header for column in REQUIRED):
        raise InputError(path, f"needs a header row with the columns {', '.join(REQUIRED)}", 1)
    unknown = [column for column in header if column not in REQUIRED + OPTIONAL]
    if unknown:
        raise InputError(path, f"unknown column {unknown[0]!r} (columns: {', '.join(REQUIRED + OPTIONAL)})", 1)
    for number, cells in enumerate(reader, 2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            raise InputError(path, f"{len(cells)} cells, the header has {len(header)}", number)
        yield number, {column: cell for column, cell in zip(header, cells) if cell != ""}


def _text(row: dict, key: str, path: Path, number: int) -> str:
    value = row.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InputError(path, f"`{key}` must be a non-empty string", number)
    return value


def _document(manifest: Path, number: int, file: str, lang: str, role: str, format: str | None,
              layout: str | None) -> tuple[Path, str, str, str | None, tuple]:
    if not _TAG.fullmatch(lang):
        raise InputError(manifest, f"{lang!r} is not a language tag", number)
    if format is not None and format not in FORMATS:
        raise InputError(manifest, f"unknown format {format!r} (one of {', '.join(FORMATS.names())})", number)
    if layout is not None and layout not in LAYOUTS:
        raise InputError(manifest, f"layout {layout!r} is not one of {', '.join(LAYOUTS)}", number)
    path = (manifest.parent / file).resolve()
    if not path.is_file():
        raise InputError(manifest, f"names a file that does not exist: {file}", number)
    return path, lang, role, format, (("layout", layout),) if layout else ()


def _manifest_groups(path: Path) -> list[GroupSpec]:
    grouped: dict[str, list[tuple[int, dict]]] = {}
    for number, row in _manifest_rows(path):
        unknown = [k for k in row if k not in REQUIRED + OPTIONAL + ("translations",)]
        if unknown:
            raise InputError(path, f"unknown key {unknown[0]!r}", number)
        src = _text(row, "src", path, number)
        key = _text(row, "group", path, number) if "group" in row else str((path.parent / src).resolve())
        grouped.setdefault(key, []).append((number, row))
    groups = []
    for key, rows in grouped.items():
        first_line, first = rows[0]
        layout = first.get("layout")
        source = _document(path, first_line, _text(first, "src", path, first_line), _text(first, "src_lang", path,
                           first_line), "source", first.get("src_format"), layout)
        translations = []
        for number, row in rows:
            if _document(path, number, _text(row, "src", path, number), _text(row, "src_lang", path, number),
                         "source", row.get("src_format"), row.get("layout"))[:2] != source[:2]:
                raise InputError(path, f"group {row.get('group')!r} has another source on line {first_line}",
                                 number)
            listed = row.get("translations")
            if listed is None:
                listed = [{"path": _text(row, "tgt", path, number), "lang": _text(row, "tgt_lang", path, number),
                           "format": row.get("tgt_format")}]
            elif not isinstance(listed, list) or not all(isinstance(t, dict) for t in listed) or not listed:
                raise InputError(path, "`translations` must be a list of {\"path\", \"lang\"} objects", number)
            for item in listed:
                translations.append((number, _document(path, number, _text(item, "path", path, number),
                                                       _text(item, "lang", path, number), "mt",
                                                       item.get("format"), row.get("layout"))))
        group_id = key if first.get("group") else _plain_id(source[0], path.parent)
        src_spec = DocSpec(source[0], source[1], "source", source[1], source[3], source[4], (str(path), first_line))
        names = _names([(doc[0], doc[1]) for _, doc in translations])
        groups.append(GroupSpec(group_id, src_spec, tuple(
            DocSpec(doc[0], doc[1], doc[2], name, doc[3], doc[4], (str(path), number))
            for (number, doc), name in zip(translations, names)), f"{path}:{first_line}"))
    return groups


def _plain_id(source: Path, base: Path) -> str:
    """A group id from its source's path: relative to the manifest, extension dropped, made plain."""
    try:
        relative = source.relative_to(base.resolve())
    except ValueError:
        relative = Path(source.name)
    return _PLAIN.sub("-", str(relative.with_suffix(""))).strip("-") or "group"


def _names(translations: list[tuple[Path, str]]) -> list[str]:
    """System names within a group: the language when it has one translation into it, else the file stem."""
    langs = [lang for _, lang in translations]
    return [lang if langs.count(lang) == 1 else _PLAIN.sub("-", path.stem) for path, lang in translations]


def _check_unique(groups: list[GroupSpec]) -> None:
    """No document named twice, no two groups with one id, no two translations of a group with one name."""
    seen: dict[Path, DocSpec] = {}
    ids: dict[str, GroupSpec] = {}
    for group in groups:
        if group.id in ids:
            raise InputError(group.source.where[0], f"two groups are called {group.id!r} ({ids[group.id].origin}"
                                                    f" and {group.origin}): give one a `group` name",
                             group.source.where[1])
        ids[group.id] = group
        names = [doc.name for doc in group.translations]
        for doc in group.documents():
            earlier = seen.get(doc.path)
            if earlier is not None and not (doc.role == "source" and earlier is group.source):
                line = f" line {earlier.where[1]}" if earlier.where[1] else ""
                raise InputError(doc.where[0], f"names {doc.path.name} a second time (first at {earlier.where[0]}"
                                               f"{line}): one row per document", doc.where[1])
            seen[doc.path] = doc
        twice = next((name for name in names if names.count(name) > 1), None)
        if twice is not None:
            raise InputError(group.source.where[0], f"group {group.id!r} has two translations called {twice!r}",
                             group.source.where[1])
