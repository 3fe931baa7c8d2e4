"""What a piece of text may hold: the one rule shared by the document reader, the review workbench
and every XML writer.

A character that XML 1.0 cannot carry (C0 controls other than tab and line breaks, lone
surrogates, U+FFFE/U+FFFF) makes a TMX or TBX file that no parser reads back, so it must be
stopped where text enters (a file read, an edit saved) and, as a last line of defence, where
XML is written. The C1 controls and the other noncharacters (U+FDD0-U+FDEF, the last two code
points of every plane) are refused too: XML 1.0 discourages them, no real document holds them,
and a text that does is almost always mis-decoded bytes.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .errors import InputError

_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(f"{chr(p + 0xFFFE)}{chr(p + 0xFFFF)}" for p in range(0, 0x110000, 0x10000))
FORBIDDEN = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff{_NONCHARACTERS}]")


def describe(char: str) -> str:
    """What kind of character the rule refuses, with its code point: for error messages (never the raw char)."""
    code = ord(char)
    if unicodedata.category(char) == "Cc":
        kind = "control character"
    elif 0xD800 <= code <= 0xDFFF:
        kind = "lone surrogate"
    else:
        kind = "noncharacter"
    return f"{kind} U+{code:04X}"


def first_forbidden(text: str) -> int | None:
    """Offset of the first character the rule refuses, or None when the text is clean."""
    found = FORBIDDEN.search(text)
    return found.start() if found else None


def forbidden_problem(text: str) -> str | None:
    """Why `text` cannot be stored as text (naming the first bad character), or None."""
    at = first_forbidden(text)
    return None if at is None else describe(text[at])


def replace_forbidden(text: str) -> str:
    """`text` with every refused character replaced by U+FFFD: for echoing untrusted text in a message."""
    return FORBIDDEN.sub("\ufffd", text)


def checked_xml(xml: str, path: str | Path) -> str:
    """`xml` unchanged when XML 1.0 can hold every character of it; otherwise an `InputError` for `path`
    naming the character and the text before it. No escape helps: `&#xFFFE;` is not well-formed either,
    so a writer must refuse rather than write a file no parser reads back."""
    at = first_forbidden(xml)
    if at is None:
        return xml
    before = replace_forbidden(xml[max(0, at - 40):at]).rsplit(">", 1)[-1]
    raise InputError(path, f"cannot write a {describe(xml[at])} (XML 1.0 cannot hold it), after {before!r}")
