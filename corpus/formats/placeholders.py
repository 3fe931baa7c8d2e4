"""Inline placeholders: formatting, links, line breaks and CAT-tool tags inside a segment's text.

Notation: `{n}` opens and `{/n}` closes a span (bold, a link, an XLIFF `<g>`),
`{n/}` stands alone (a line break, an image, an XLIFF `<x/>`); n is a positive
integer. The tokens are plain ASCII, so they survive alignment, TMX/TSV export,
the review editor and a translator's keyboard, and a check can verify that a
translation kept every one of its source's placeholders, balanced and nested.

Plain text can contain the same shapes (`{0}` in a format string), so a token
is a placeholder only when its segment's `tags` declares its id; the builder
numbers a segment's placeholders above every number its literal text already
uses in that shape, so a literal `{1}` is never mistaken for one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

TOKEN = re.compile(r"\{(/?)([1-9][0-9]*)(/?)\}")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Piece:
    """One token of a segment: literal text, or a placeholder (`kind` open, close or standalone)."""
    text: str = ""
    kind: str = "text"
    id: int = 0


class Built(NamedTuple):
    text: str
    tags: dict[int, str]  # placeholder id -> what it stands for
    ids: dict[int, int]  # the id `open`/`standalone` returned -> the id in the text (dropped spans absent)


def token(kind: str, tag_id: int) -> str:
    return {"open": f"{{{tag_id}}}", "close": f"{{/{tag_id}}}", "standalone": f"{{{tag_id}/}}"}[kind]


@dataclass
class TaggedText:
    """Builds one segment's text from literal runs and inline elements, as readers walk a format.

    Whitespace is collapsed to single spaces (a segment is one line of the set's text files);
    a span left empty (an empty bold run) is dropped rather than emitted as `{1}{/1}`.
    """
    _events: list[tuple[str, str, int]] = field(default_factory=list)  # (kind, text or description, local id)
    _count: int = 0

    def text(self, text: str) -> None:
        if text:
            self._events.append(("text", text, 0))

    def open(self, what: str) -> int:
        self._count += 1
        self._events.append(("open", what, self._count))
        return self._count

    def close(self, local: int) -> None:
        self._events.append(("close", "", local))

    def standalone(self, what: str) -> int:
        self._count += 1
        self._events.append(("standalone", what, self._count))
        return self._count

    def has_text(self) -> bool:
        return any(kind == "text" and value.strip() for kind, value, _ in self._events)

    def build(self) -> Built:
        """The segment text, its placeholders, and how the builder's ids were renumbered."""
        events = _drop_empty_spans(self._events)
        literal = "".join(value for kind, value, _ in events if kind == "text")
        offset = max((int(m.group(2)) for m in TOKEN.finditer(literal)), default=0)
        used = sorted({local for kind, _, local in events if kind in ("open", "standalone")})
        number = {local: offset + k for k, local in enumerate(used, 1)}
        tags: dict[int, str] = {}
        parts: list[str] = []
        for kind, value, local in events:
            if kind == "text":
                parts.append(value)
                continue
            if kind != "close":
                tags[number[local]] = value
            parts.append(token(kind, number[local]))
        return Built(_SPACE.sub(" ", "".join(parts)).strip(), tags, number)


def _drop_empty_spans(events: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """Remove `open` immediately followed by its `close` (only whitespace between), repeatedly."""
    out: list[tuple[str, str, int]] = []
    for event in events:
        if event[0] == "close":
            back = len(out) - 1
            while back >= 0 and out[back][0] == "text" and not out[back][1].strip():
                back -= 1
            if back >= 0 and out[back][0] == "open" and out[back][2] == event[2]:
                between = out[back + 1:]
                del out[back:]
                out.extend(between)
                continue
        out.append(event)
    return out


def pieces(text: str, ids: set[int] | dict[int, str]) -> list[Piece]:
    """Split a segment's text into literal text and the placeholders its `tags` declares."""
    declared = set(ids)
    result: list[Piece] = []
    at = 0
    for match in TOKEN.finditer(text):
        tag_id = int(match.group(2))
        if tag_id not in declared or (match.group(1) and match.group(3)):
            continue
        if match.start() > at:
            result.append(Piece(text[at:match.start()]))
        kind = "close" if match.group(1) else "standalone" if match.group(3) else "open"
        result.append(Piece(kind=kind, id=tag_id))
        at = match.end()
    if at < len(text):
        result.append(Piece(text[at:]))
    return result


def strip_placeholders(text: str, ids: set[int] | dict[int, str]) -> str:
    """The text a reader sees: placeholders removed, spacing tidied."""
    return _SPACE.sub(" ", "".join(p.text for p in pieces(text, ids))).strip()


def placeholder_problems(text: str, expected: dict[int, str]) -> list[str]:
    """What is wrong with the placeholders of `text` (a translation or an edit) against the ones its
    original declared: missing, repeated, unbalanced or crossed spans. Empty when all is well."""
    problems: list[str] = []
    seen: dict[int, int] = {}
    stack: list[int] = []
    for piece in pieces(text, expected):
        if piece.kind == "text":
            continue
        seen[piece.id] = seen.get(piece.id, 0) + (piece.kind != "close")
        if piece.kind == "open":
            stack.append(piece.id)
        elif piece.kind == "close":
            if not stack or stack[-1] != piece.id:
                problems.append(f"{token('close', piece.id)} does not close the innermost open span")
            else:
                stack.pop()
    problems += [f"{token('open', i)} is never closed" for i in stack]
    problems += [f"placeholder {i} is missing" for i in sorted(expected) if i not in seen]
    problems += [f"placeholder {i} appears {n} times" for i, n in sorted(seen.items()) if n > 1]
    return problems
