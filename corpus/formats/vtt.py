"""WebVTT subtitles: one segment per cue, its timing kept; notes, styles and regions skipped."""
from __future__ import annotations

import io
from pathlib import Path

from ..errors import InputError
from ..textio import read_text
from .base import FORMATS, FormatReader, Parsed, ReadOptions
from .cues import check_timings, cue_unit


@FORMATS.register("vtt")
class WebVtt(FormatReader):
    name = "vtt"
    extensions = (".vtt",)
    description = "WebVTT subtitles: one segment per cue, timing kept"

    def read(self, path: Path, options: ReadOptions) -> Parsed:
        import webvtt
        from webvtt.errors import MalformedFileError

        decoded = read_text(path)
        if not decoded.text.lstrip("\ufeff").startswith("WEBVTT"):
            raise InputError(path, "not WebVTT: the file must start with WEBVTT", 1)
        timings = check_timings(decoded.text, path)
        try:
            captions = webvtt.from_buffer(io.StringIO(decoded.text)).captions
        except MalformedFileError as exc:
            raise InputError(path, f"malformed WebVTT: {exc}") from None
        if len(captions) != len(timings):
            raise InputError(path, f"{len(timings)} timing lines but {len(captions)} readable cues")
        parsed = Parsed([], decoded.encoding)
        for caption, (line, start, end) in zip(captions, timings):
            parsed.units.append(cue_unit(caption.raw_text, line + 1, start, end, ".", caption.identifier))
        if "\nNOTE" in decoded.text:
            parsed.skip("note", "NOTE blocks")
        if "\nSTYLE" in decoded.text:
            parsed.skip("style", "STYLE blocks")
        return parsed
