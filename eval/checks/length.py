"""Length: the log length ratio of a link judged by its robust z against the document's own 1-1 links."""
from __future__ import annotations

import math

from .base import Check, Flag, LinkInput, LinkQuality, log_ratio, register


@register
class Length(Check):
    name = "length"
    detects = "a translation much shorter or much longer than this document's usual ratio"
    thresholds = {"warn_z": 4.0, "error_z": 6.0}
    order = 10

    def notes(self) -> list[str]:
        if self.pair.length_baseline is None:
            return ["length ratio not checked: too few aligned links to learn what is normal"]
        return []

    def check(self, item: LinkInput, quality: LinkQuality) -> None:
        quality.values["length_ratio"] = math.exp(log_ratio(item.src, item.tgt))
        z = item.length_z
        if z is None or self.pair.length_baseline is None:
            return
        quality.values["length_z"] = z
        if abs(z) < self.thresholds["warn_z"]:
            return
        expected = math.exp(self.pair.length_baseline.median) * (len(item.src) + 10) - 10
        if z < 0:
            what = "much shorter than the source: content may be missing or cut off"
        else:
            what = "much longer than the source: possible addition, repetition or hallucination"
        quality.flags.append(Flag("length", "error" if abs(z) >= self.thresholds["error_z"] else "warn",
                                  f"translation is {what} ({len(item.tgt)} characters, about {expected:.0f}"
                                  f" expected; z = {z:+.1f})"))
