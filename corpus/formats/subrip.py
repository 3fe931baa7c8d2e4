"""SubRip (.srt) subtitles: one segment per cue, its timing kept as its place."""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..textio import read_text
from .base import FORMATS, FormatReader, Parsed, ReadOptions
from .cues import check_timings, cue_unit


@FORMATS.register("srt")
class SubRip(FormatReader):
    name = "srt"
    extensions = (".srt",)
    description = "SubRip subtitles: one segment per cue, timing kept"

    def read(self, path: Path, options: ReadOptions) -> Parsed:
        import srt

        decoded = read_text(path)
        timings = check_timings(decoded.text, path)
        try:
            subtitles = list(srt.parse(decoded.text))
        except srt.SRTParseError as exc:
            raise InputError(path, "not SubRip: a cue lacks its number or timing line",
                             decoded.text.count("\n", 0, exc.expected_start) + 1) from None
        parsed = Parsed([], decoded.encoding)
        for subtitle, (line, _, _) in zip(subtitles, timings):
            start, end = subtitle.start.total_seconds(), subtitle.end.total_seconds()
            parsed.units.append(cue_unit(subtitle.content, line + 1, start, end, ",", str(subtitle.index)))
        return parsed
