"""What SRT and WebVTT share: strict timing lines, cue text markup as placeholders.

The parsers we use are lenient (srt reads `00:00:0X,500` as a zero end time,
webvtt-py drops a cue whose timing it cannot read), and a subtitle file whose
timings are broken would be aligned and exported with the wrong times, so
every timing line is checked here first, with its line number.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError
from .base import Unit
from .placeholders import TaggedText

_TIME = r"(?:(\d{1,3}):)?([0-5]\d):([0-5]\d)[,.](\d{3})"
TIMING = re.compile(rf"^\s*{_TIME}\s+-->\s+{_TIME}(?:\s+.*)?$")
_MARKUP = re.compile(r"<(/?)([a-zA-Z][\w.-]*)?([^<>]*)>|<(\d{1,3}:)?\d{2}:\d{2}\.\d{3}>|\{\\[^{}]*\}")


def seconds(hours: str | None, minutes: str, secs: str, millis: str) -> float:
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(secs) + int(millis) / 1000


def check_timings(text: str, path: Path) -> list[tuple[int, float, float]]:
    """(line, start, end) of every timing line; a line with `-->` that is not a valid timing, or a cue
    that ends before it starts, is an `InputError` with its line."""
    timings = []
    for number, line in enumerate(text.split("\n"), 1):
        if "-->" not in line:
            continue
        found = TIMING.match(line)
        if not found:
            raise InputError(path, f"broken cue timing {line.strip()!r} (expected HH:MM:SS,mmm --> HH:MM:SS,mmm)",
                             number)
        start, end = seconds(*found.groups()[:4]), seconds(*found.groups()[4:8])
        if end < start:
            raise InputError(path, f"cue ends before it starts ({line.strip()})", number)
        timings.append((number, start, end))
    return timings


def stamp(value: float, separator: str) -> str:
    millis = round(value * 1000)
    return f"{millis // 3600000:02d}:{millis // 60000 % 60:02d}:{millis // 1000 % 60:02d}{separator}{millis % 1000:03d}"


def cue_unit(raw: str, line: int, start: float, end: float, separator: str, identifier: str | None) -> Unit:
    """A cue as a segment: its lines joined, `<i>`, `<b>`, `<c.x>`, `<v Name>` as spans, inline
    timestamps and SSA overrides as standalone placeholders; the place is its timing."""
    out = TaggedText()
    stack: list[tuple[str, int]] = []
    at = 0
    for match in _MARKUP.finditer(raw):
        out.text(raw[at:match.start()])
        at = match.end()
        closing, name = match.group(1), match.group(2)
        if name is None:
            out.standalone(match.group(0))
        elif not closing:
            stack.append((name.split(".")[0], out.open(match.group(0))))
        else:
            base = name.split(".")[0]
            while stack:
                open_name, local = stack.pop()
                out.close(local)
                if open_name == base:
                    break
    out.text(raw[at:])
    for _, local in reversed(stack):  # WebVTT lets a cue end with spans open (`<v Anna>Bye`)
        out.close(local)
    built = out.build()
    place = f"{stamp(start, separator)} --> {stamp(end, separator)}"
    meta = {"start": start, "end": end, **({"cue": identifier} if identifier else {})}
    return Unit(built.text, "cue", place, line, built.tags, meta)
