"""XLIFF 1.2 and 2.x: the source or the target of every translation unit, with its state and notes.

translate-toolkit parses the file (the same library CAT-tool pipelines use);
inline codes become placeholders. A file is bilingual: the side read is the
one asked for (`side`), else the source for a set's source and the target for
a translation, and the file's declared language for that side must be the one
the caller declared (a mismatch names the `<file>` or root element's line).
Units marked `translate="no"` and, on the target side, units with no target
are skipped and listed. Places are unit ids (`f1/u3` with the file id when
the file has several), so a file's source and target pair by place.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..textio import read_bytes
from .base import FORMATS, FormatReader, Parsed, ReadOptions, Unit, readable
from .safety import refuse_entities
from .xmlinline import local_name, parse_xml, read_inline, write_inline

XLIFF2 = "urn:oasis:names:tc:xliff:document:2.0"
SPANS_1 = frozenset({"g", "mrk", "sub"})
SPANS_2 = frozenset({"pc", "mrk"})
_VERSION = re.compile(rb"""<xliff[^>]*\bversion\s*=\s*["']([0-9.]+)""")


def same_language(declared: str | None, wanted: str) -> bool:
    """`ru-RU` is `ru`, `zh-Hans-CN` is `zh`: compare primary subtags, case-insensitively; an undeclared
    language matches anything."""
    if not declared:
        return True
    return declared.replace("_", "-").split("-")[0].lower() == wanted.replace("_", "-").split("-")[0].lower()


def side_for(options: ReadOptions) -> str:
    return options.side or ("source" if options.role == "source" else "target")


@FORMATS.register("xliff")
class Xliff(FormatReader):
    name = "xliff"
    extensions = (".xlf", ".xliff", ".sdlxliff", ".mxliff")
    description = "XLIFF 1.2 or 2.x: unit sources (a set's source) or targets (a translation), --side to choose"
    bilingual = True

    def option_names(self) -> tuple[str, ...]:
        return ("side",)

    def read(self, path: Path, options: ReadOptions) -> Parsed:
        store, version = self._load(path)
        parsed = Parsed([], "utf-8", details={"xliff_version": version, "side": side_for(options)})
        parsed.units = [unit for unit, _ in self._walk(path, store, version, options, parsed)]
        langs = _files(store, version)
        parsed.details["languages"] = {"source": langs[0][1][0], "target": langs[0][1][1]} if langs else {}
        return parsed

    def declared_languages(self, path: Path) -> dict[str, str | None]:
        store, version = self._load(path)
        langs = _files(store, version)
        return {"source": langs[0][1][0], "target": langs[0][1][1]} if langs else {}

    def _load(self, path: Path):
        data = read_bytes(path)
        refuse_entities(data, path)
        root = parse_xml(data, path, "XLIFF")
        namespace = root.nsmap.get(None, "") if local_name(root) == "xliff" else ""
        if local_name(root) != "xliff":
            raise InputError(path, f"not XLIFF: the root element is <{local_name(root)}>", root.sourceline)
        found = _VERSION.search(data[:4096])
        version = found.group(1).decode() if found else ("2.0" if namespace.startswith(XLIFF2[:-4] + "2") else "1.2")
        try:
            if version.startswith("2"):
                from translate.storage.xliff2 import Xliff2File

                store = Xliff2File.parsestring(data)
            else:
                from translate.storage.xliff import xlifffile

                store = xlifffile.parsestring(data)
        except Exception as exc:  # translate-toolkit raises ValueError, AssertionError, lxml errors
            raise InputError(path, f"cannot read XLIFF {version}: {exc}") from None
        return store, version

    def _walk(self, path: Path, store, version: str, options: ReadOptions, parsed: Parsed
              ) -> Iterator[tuple[Unit, Any]]:
        side = side_for(options)
        for element, (source_lang, target_lang) in _files(store, version):
            declared = source_lang if side == "source" else target_lang
            if not same_language(declared, options.lang):
                attribute = ("source-language" if version.startswith("1") else "srcLang") if side == "source" \
                    else ("target-language" if version.startswith("1") else "trgLang")
                raise InputError(path, f"{attribute} is {declared!r} but the {side} was declared {options.lang!r}"
                                       " (read the other side with --side, or fix --lang)", element.sourceline)
        several = len(_files(store, version)) > 1
        spans = SPANS_2 if version.startswith("2") else SPANS_1
        for tu in store.units:
            if tu.isheader():
                continue
            place = _place(tu, several)
            if not tu.istranslatable():
                parsed.skip("untranslatable unit", place)
                continue
            dom = tu.source_dom if side == "source" else tu.target_dom
            if dom is None:
                parsed.skip("unit without target", place)
                continue
            text, tags, restore = read_inline(dom, spans)
            if not text:
                parsed.skip("empty unit", place)
                continue
            meta = {"xml": restore, "state": _state(tu, version), "approved": bool(tu.isapproved())}
            notes = tu.getnotes() or _unit_notes(tu, version)
            if notes:
                meta["notes"] = notes
            yield Unit(text, "unit", place, tu.xmlelement.sourceline or 0, tags, meta), tu

    def write_back(self, original: Path, options: ReadOptions, texts: list[str]) -> bytes:
        """The original file with the targets of the units read replaced by `texts` (placeholders back
        as the unit's own inline codes); a unit whose text changed is marked translated, not final."""
        store, version = self._load(original)
        if side_for(options) != "target":
            raise InputError(original, "only a file's targets can be written back (it was read for its sources)")
        pairs = [(unit, tu) for unit, tu in self._walk(original, store, version, options, Parsed([]))
                 if readable(unit)]
        if len(pairs) != len(texts):
            raise InputError(original, f"has {len(pairs)} units, the translation to write back has {len(texts)}")
        for (unit, tu), text in zip(pairs, texts):
            if text == unit.text:
                continue
            write_inline(tu.target_dom, text, unit.tags, unit.meta["xml"])
            target = tu.target_dom
            if version.startswith("1"):
                target.set("state", "translated")
                tu.xmlelement.attrib.pop("approved", None)
            else:
                tu.xmlelement.set("state", "translated")
        return bytes(store)


def _files(store, version: str) -> list[tuple[Any, tuple[str | None, str | None]]]:
    """(element, (source language, target language)) of every <file> (1.2) or of the root (2.x)."""
    root = store.document.getroot()
    if version.startswith("2"):
        return [(root, (root.get("srcLang"), root.get("trgLang")))]
    return [(f, (f.get("source-language"), f.get("target-language")))
            for f in root.iterchildren() if local_name(f) == "file"]  # 1.0, 1.1 and 1.2 namespaces alike


def _place(tu, several: bool) -> str:
    """The unit's id; with several <file>s, prefixed by the file's name (translate-toolkit joins them
    with U+0004, which no manifest or export should carry)."""
    parts = (tu.getid() or "").split("\x04")
    return "/".join(parts) if several else parts[-1]


def _unit_notes(tu, version: str) -> str:
    """XLIFF 2 keeps notes on the <unit>, above the segment translate-toolkit calls a unit."""
    unit = tu.xmlelement.getparent() if version.startswith("2") else None
    if unit is None:
        return ""
    return "\n".join((note.text or "").strip() for note in unit.iter() if local_name(note) == "note")


def _state(tu, version: str) -> str:
    if version.startswith("2"):
        return tu.xmlelement.get("state") or ""
    target = tu.target_dom
    return (target.get("state") if target is not None else None) or ""
