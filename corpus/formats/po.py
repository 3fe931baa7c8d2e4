"""Gettext PO: message ids (a set's source) or translations (a translation), read by translate-toolkit.

The header, obsolete (`#~`) messages and, on the translation side, messages
with no translation are skipped and listed; of a plural message the singular
forms are read and the plural forms listed as skipped. Fuzzy flags and
translator comments are kept in each segment's meta. Places are the message's
context and id as gettext identifies it. A PO file names only its target
language (the `Language` header), which must agree with the one declared.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError
from ..textio import read_bytes
from .base import FORMATS, FormatReader, Parsed, ReadOptions, Unit
from .xliff import same_language, side_for

_LINE = re.compile(r"line (\d+)")


@FORMATS.register("po")
class Po(FormatReader):
    name = "po"
    extensions = (".po", ".pot")
    description = "gettext PO: msgids (a set's source) or msgstrs (a translation), --side to choose"
    bilingual = True

    def option_names(self) -> tuple[str, ...]:
        return ("side",)

    def declared_languages(self, path: Path) -> dict[str, str | None]:
        return {"target": _load(path).gettargetlanguage()}

    def read(self, path: Path, options: ReadOptions) -> Parsed:
        store = _load(path)
        side = side_for(options)
        language = store.gettargetlanguage()
        if side == "target" and not same_language(language, options.lang):
            raise InputError(path, f"the Language header says {language!r} but the translation was declared"
                                   f" {options.lang!r}")
        parsed = Parsed([], getattr(store, "encoding", "utf-8") or "utf-8",
                        details={"side": side, "languages": {"target": language}})
        for unit in store.units:
            place = str(unit.getid()).replace("\x04", " | ")  # gettext joins context and id with U+0004
            if unit.isheader():
                continue
            if unit.isobsolete():
                parsed.skip("obsolete message", place)
                continue
            text = unit.source if side == "source" else unit.target
            if unit.hasplural():
                parsed.skip("plural forms", place)
                text = text.strings[0] if hasattr(text, "strings") else str(text)
            if not str(text or "").strip():
                parsed.skip("untranslated message" if side == "target" else "empty message", place)
                continue
            meta = {"fuzzy": bool(unit.isfuzzy())}
            notes = unit.getnotes()
            if notes:
                meta["notes"] = notes
            if unit.getlocations():
                meta["locations"] = unit.getlocations()
            parsed.units.append(Unit(" ".join(str(text).split()), "unit", place, 0, {}, meta))
        return parsed


def _load(path: Path):
    from translate.storage.pypo import pofile

    data = read_bytes(path)
    try:
        return pofile.parsestring(data)
    except Exception as exc:  # PoParseError, UnicodeDecodeError, ValueError
        found = _LINE.search(str(exc))
        raise InputError(path, f"not a readable PO file: {str(exc).splitlines()[0]}",
                         int(found.group(1)) if found else None) from None
