"""TMX 1.4 as input: an existing translation memory read as pre-aligned rows.

Each `<tu>` is a row; the document for one language is the `<seg>` of the
row's `<tuv>` in that language (`en` matches `en-GB`), placed by the unit's
`tuid` (or `tu<n>`, 1-based), so two languages of one memory pair up by place
into an alignment that can be re-checked, scored and reviewed. Rows without
that language are skipped and listed; inline codes (`<bpt>`, `<ph>`, `<hi>`...)
become placeholders.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..textio import read_bytes
from .base import FORMATS, FormatReader, Parsed, ReadOptions, Unit
from .safety import refuse_entities
from .xliff import same_language
from .xmlinline import local_name, parse_xml, read_inline

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SPANS = frozenset({"hi", "sub"})


@FORMATS.register("tmx")
class Tmx(FormatReader):
    name = "tmx"
    extensions = (".tmx",)
    description = "TMX translation memory: one language's segments, placed by tuid (pre-aligned rows)"
    bilingual = True

    def declared_languages(self, path: Path) -> dict[str, str | None]:
        header = _load(path).find("header")
        srclang = header.get("srclang") if header is not None else None
        return {"source": srclang if srclang and srclang != "*all*" else None}

    def read(self, path: Path, options: ReadOptions) -> Parsed:
        root = _load(path)
        body = root.find("body")
        if body is None:
            raise InputError(path, "TMX without a <body>", root.sourceline)
        header = root.find("header")
        parsed = Parsed([], "utf-8", details={"srclang": header.get("srclang") if header is not None else None})
        seen: set[str] = set()
        for number, tu in enumerate(body.iter("tu"), 1):
            place = tu.get("tuid") or f"tu{number}"
            found = None
            for tuv in tu.iter("tuv"):
                lang = tuv.get(XML_LANG) or tuv.get("lang") or ""
                seen.add(lang)
                if found is None and same_language(lang, options.lang):
                    found = tuv
            seg = found.find("seg") if found is not None else None
            if seg is None:
                parsed.skip(f"row without {options.lang}", place)
                continue
            text, tags, restore = read_inline(seg, SPANS)
            if not text:
                parsed.skip(f"row with empty {options.lang}", place)
                continue
            parsed.units.append(Unit(text, "unit", place, seg.sourceline or 0, tags, {"xml": restore}))
        if not parsed.units:
            raise InputError(path, f"has no {options.lang} segments (languages in it: {', '.join(sorted(seen))})")
        parsed.details["languages"] = sorted(seen)
        return parsed


def _load(path: Path):
    data = read_bytes(path)
    refuse_entities(data, path)
    root = parse_xml(data, path, "TMX")
    if local_name(root) != "tmx":
        raise InputError(path, f"not TMX: the root element is <{local_name(root)}>", root.sourceline)
    return root
