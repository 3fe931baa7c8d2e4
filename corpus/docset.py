"""Loading a document set from its `meta.toml`.

The manifest is the single place that says what each file is and where it
came from, so the loader is strict: a missing key, an unknown role or a file
that is not there stops the load with the manifest's line.
"""
from __future__ import annotations

import json
import os
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from .errors import InputError
from .languages import normalise_tag, short_tag, validate
from .model import Document
from .reader import read_document
from .textio import atomic_write_text, directory_lock, inside, line_containing, line_of_offset, read_text

ROLES = ("source", "mt", "human", "reference", "post-edit")
SYSTEM_ROLES = ("mt", "human")  # translations judged as systems: aligned, checked and scored against references
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_FILE_KEYS = ("path", "gold", "sentence_gold", "alignment")  # the keys of a [[files]] entry that name a file


@dataclass(frozen=True)
class FileEntry:
    path: str
    lang: str  # as the manifest writes it (zh, uz-Latn, kaz); `tag` is what it means
    role: str
    meta: dict = field(default_factory=dict)

    @property
    def tag(self) -> str:
        """The canonical language tag (corpus.languages.normalise_tag)."""
        return normalise_tag(self.lang)


@dataclass
class DocumentSet:
    root: Path
    id: str
    title: str
    source_lang: str  # as the manifest writes it; `source_tag` is the canonical tag
    files: list[FileEntry]
    glossary: Path | None = None  # the set's term base, when its manifest names one

    @property
    def source_tag(self) -> str:
        return normalise_tag(self.source_lang)

    @property
    def meta_path(self) -> Path:
        return self.root / "meta.toml"

    def _entry(self, role: str, lang: str | None = None) -> list[FileEntry]:
        return [f for f in self.files if f.role == role and (lang is None or f.tag == normalise_tag(lang))]

    def source(self) -> Document:
        (entry,) = self._entry("source")
        return self.read(entry)

    def translations(self) -> list[FileEntry]:
        """Machine and human translations (the systems a run judges), in manifest order."""
        return [f for f in self.files if f.role in SYSTEM_ROLES]

    def systems(self) -> dict[str, FileEntry]:
        """Machine and human translations by system name (see `system_name`), in manifest order."""
        mts = self.translations()
        return {system_name(entry, mts): entry for entry in mts}

    def read(self, entry: FileEntry) -> Document:
        """The entry's document, through the reader its `format` names or its extension implies, with the
        `reader_options` its manifest entry records (a set may list a DOCX or an XLIFF directly)."""
        return read_document(self.root / entry.path, entry.lang, self.id, role=entry.role,
                             format=entry.meta.get("format"), options=entry.meta.get("reader_options"))

    def gold_path(self, entry: FileEntry) -> Path | None:
        return self._linked(entry, "gold")

    def alignment_path(self, entry: FileEntry) -> Path | None:
        """A reviewed alignment of this file with the source (a review export records one beside each
        post-edit): the set's own alignment for it, used instead of aligning anew."""
        return self._linked(entry, "alignment")

    def _linked(self, entry: FileEntry, key: str) -> Path | None:
        value = entry.meta.get(key)
        return self.root / value if value else None


def system_name(entry: FileEntry, translations: list[FileEntry]) -> str:
    """What a machine translation is called in outputs (`align/ru-<name>.txt`) and reports.

    For the set's one translation into a language, the language as people
    write it (`corpus.languages.short_tag`: `zh` for zh-Hans, whether the
    manifest says zh or zh-Hans; `uz-Cyrl` for itself), so the usual set keeps
    its file names; the file name without its extension (`en-nllb` for
    `en-nllb.txt`) when several systems translate into one language.
    """
    if sum(1 for other in translations if other.tag == entry.tag) == 1:
        return short_tag(entry.tag)
    return Path(entry.path).stem


def load_set(root: str | Path) -> DocumentSet:
    """Read and validate `root/meta.toml`; documents are read lazily by `DocumentSet.read`."""
    return _load(Path(root), Path(root) / "meta.toml")


def _load(root: Path, meta_path: Path) -> DocumentSet:
    if not root.is_dir():
        raise InputError(root, "document set directory not found")
    if not meta_path.is_file():
        raise InputError(meta_path, "missing: a document set needs a meta.toml manifest")
    raw = meta_path.read_bytes()
    try:
        text = raw.decode("utf-8")
        meta = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        raise InputError(meta_path, "not UTF-8", line_of_offset(raw, exc.start)) from None
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise InputError(meta_path, f"malformed TOML: {message}", int(found.group(1)) if found else None) from None

    head = meta.get("set")
    if not isinstance(head, dict) or "id" not in head or "source_lang" not in head:
        raise InputError(meta_path, "needs a [set] table with `id` and `source_lang`", line_containing(text, "[set]"))
    set_id = head["id"]
    if not isinstance(set_id, str) or not _PLAIN.fullmatch(set_id) or ".." in set_id:
        raise InputError(meta_path, f"set id {set_id!r} must be a plain name (letters, digits, . _ -)",
                         line_containing(text, "id ="))
    if not isinstance(head["source_lang"], str):
        raise InputError(meta_path, "`source_lang` must be a language tag string", line_containing(text, "source_lang"))
    validate(head["source_lang"], meta_path, line_containing(text, "source_lang"))
    files = meta.get("files")
    if not isinstance(files, list) or not files or not all(isinstance(f, dict) for f in files):
        raise InputError(meta_path, "needs [[files]] tables, one per document")

    entries = []
    for item in files:
        missing = [k for k in ("path", "lang", "role") if k not in item]
        where = line_containing(text, f'"{item.get("path")}"') if isinstance(item.get("path"), str) else None
        if missing:
            raise InputError(meta_path, f"[[files]] entry lacks {', '.join(missing)}", where)
        wrong = [k for k in ("lang", "role", "of", "format", *_FILE_KEYS) if k in item and not isinstance(item[k], str)]
        if wrong:
            raise InputError(meta_path, f"[[files]] entry: `{wrong[0]}` must be a string", where)
        problem = _reader_problem(item)
        if problem:
            raise InputError(meta_path, f"[[files]] entry: {problem}", where)
        if item["role"] not in ROLES:
            raise InputError(meta_path, f"unknown role {item['role']!r} (expected one of {', '.join(ROLES)})", where)
        validate(item["lang"], meta_path, where)
        outside = next((k for k in _FILE_KEYS if k in item and not inside(root, root / item[k])), None)
        if outside is not None:  # checked before anything is read, so no outside content reaches an output
            raise InputError(meta_path, f"`{outside}` {item[outside]!r} resolves outside the set directory (links"
                                        " followed); every file a manifest names must be inside the set", where)
        if not (root / item["path"]).is_file():
            raise InputError(meta_path, f"names a file that does not exist: {item['path']}", where)
        meta_rest = {k: v for k, v in item.items() if k not in ("path", "lang", "role")}
        entries.append(FileEntry(item["path"], item["lang"], item["role"], meta_rest))

    paths = [e.path for e in entries]
    twice = next((path for path in paths if paths.count(path) > 1), None)
    if twice is not None:
        raise InputError(meta_path, f"names {twice} twice", line_containing(text, f'"{twice}"'))
    if not any(e.role != "source" for e in entries):
        raise InputError(meta_path, f"names no translation (role {', '.join(r for r in ROLES if r != 'source')}):"
                                    " nothing to align")
    mts = [e for e in entries if e.role in SYSTEM_ROLES]
    names = [system_name(e, mts) for e in mts]
    for k, (entry, name) in enumerate(zip(mts, names)):
        where = line_containing(text, f'"{entry.path}"')
        if name in names[:k]:
            raise InputError(meta_path, f"two translations would both be called {name!r} (a system is"
                                        " named by its language, or by its file name when a language has several):"
                                        " rename one file", where)
        if not _PLAIN.fullmatch(name):
            raise InputError(meta_path, f"system name {name!r} (from the file name) must be plain: letters, digits,"
                                        " . _ -", where)
    mt_paths = {e.path for e in mts}
    for e in entries:
        of = e.meta.get("of")
        if of is not None and (e.role != "post-edit" or of not in mt_paths):
            raise InputError(meta_path, f"{e.path}: `of` belongs to a post-edit and names the machine translation"
                                        f" it post-edits (one of {', '.join(sorted(mt_paths))})",
                             line_containing(text, f'"{e.path}"'))
    sources = [e for e in entries if e.role == "source"]
    if len(sources) != 1:
        raise InputError(meta_path, f"needs exactly one file with role 'source', found {len(sources)}")
    if sources[0].tag != normalise_tag(head["source_lang"]):
        raise InputError(meta_path, f"source_lang is {head['source_lang']} but the source file {sources[0].path} is"
                                    f" declared {sources[0].lang}", line_containing(text, f'"{sources[0].path}"'))
    if "glossary" in head and not isinstance(head["glossary"], str):
        raise InputError(meta_path, "`glossary` must be a path string", line_containing(text, "glossary"))
    glossary = Path(os.path.normpath(root / head["glossary"])) if head.get("glossary") else None
    if glossary is not None and not glossary.is_file():
        raise InputError(meta_path, f"names a glossary that does not exist: {head['glossary']}",
                         line_containing(text, "glossary"))
    return DocumentSet(root, set_id, str(head.get("title", set_id)), head["source_lang"], entries, glossary)


def _reader_problem(item: dict) -> str | None:
    """Why an entry's `format` / `reader_options` cannot be used to read it, or None."""
    from .formats import FORMATS
    from .formats.base import LAYOUTS, SIDES, TRACKED

    if "format" in item and item["format"] not in FORMATS:
        return f"unknown format {item['format']!r} (one of {', '.join(FORMATS.names())})"
    options = item.get("reader_options", {})
    if not isinstance(options, dict):
        return "`reader_options` must be a table"
    allowed = {"layout": LAYOUTS, "tracked": TRACKED, "side": SIDES, "main_text": (True, False)}
    for key, value in options.items():
        if key not in allowed or value not in allowed[key]:
            return f"reader option {key} = {value!r} is not one of {', '.join(f'{k}: {v}' for k, v in allowed.items())}"
    return None


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {type(value).__name__} to meta.toml")


def _files_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """Line ranges [start, end) of each `[[files]]` table with its `[[files.*]]` sub-tables."""
    blocks: list[tuple[int, int]] = []
    start = None
    for number, line in enumerate(lines):
        head = line.strip()
        if head.startswith("[") and not head.startswith("[[files."):
            if start is not None:
                blocks.append((start, number))
                start = None
            if head.startswith("[[files]]"):
                start = number
    if start is not None:
        blocks.append((start, len(lines)))
    return blocks


def record_files(root: str | Path, entries: list[dict], head: dict | None = None) -> None:
    """Record new or regenerated files in `root/meta.toml`, replacing entries with the same path.

    Provenance must follow a file wherever a tool writes one into a set, so
    this is the one writer of manifests. Of an existing manifest everything
    else (comments, other entries) is kept byte for byte; `head`, the `[set]`
    table, is needed only to start a new one. The result is validated by the
    loader before it replaces the old manifest, atomically.
    """
    root = Path(root)
    for entry in entries:
        missing = [k for k in ("path", "lang", "role") if k not in entry]
        if missing:
            raise ValueError(f"file entry lacks {', '.join(missing)}")
    # A lock on the set directory, whose inode survives the manifest's atomic replace: a translation run and
    # a review export may record files at once.
    with directory_lock(root):
        _rewrite_manifest(root, entries, head)


def _rewrite_manifest(root: Path, entries: list[dict], head: dict | None) -> None:
    meta_path = root / "meta.toml"
    if meta_path.exists():
        text = read_text(meta_path).text
    elif head is not None:
        text = "[set]\n" + "".join(f"{key} = {_toml_value(value)}\n" for key, value in head.items())
    else:
        raise InputError(meta_path, "missing: a document set needs a meta.toml manifest")
    lines = text.splitlines(keepends=True)
    tables = tomllib.loads(text).get("files", [])  # one table per `[[files]]` header, in order
    paths = {entry["path"] for entry in entries}
    for table, (start, end) in reversed(list(zip(tables, _files_blocks(lines)))):
        if table.get("path") in paths:
            del lines[start:end]
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    while lines and not lines[-1].strip():
        lines.pop()
    for entry in entries:
        lines += ["\n", "[[files]]\n"] + [f"{key} = {_toml_value(value)}\n" for key, value in entry.items()]
    staged = meta_path.with_name(f".{meta_path.name}.{os.getpid()}.new")
    try:
        atomic_write_text(staged, "".join(lines))
        _load(root, staged)
        os.replace(staged, meta_path)
    finally:
        staged.unlink(missing_ok=True)
