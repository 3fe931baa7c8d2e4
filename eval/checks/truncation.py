"""Truncation: the translation stops where no sentence ends while its source ends a sentence."""
from __future__ import annotations

from corpus.segmenter import ends_sentence, stops_midway

from .base import Check, Flag, LinkInput, LinkQuality, register


@register
class Truncation(Check):
    name = "truncation"
    detects = "a translation that stops mid-sentence (an error when it also came out short)"
    # A target that stops where no sentence ends and also came out short is cut off (an error); at its usual
    # length it may merely lack the final full stop, as English list items often do (a warning to look at).
    thresholds = {"max_length_z": -1.5}
    order = 60

    def check(self, item: LinkInput, quality: LinkQuality) -> None:
        if not (ends_sentence(item.src) and stops_midway(item.tgt)):
            return
        quality.values["truncated"] = 1.0
        end = f"“…{' '.join(item.tgt.split())[-40:]}”"
        length_z = item.length_z
        if length_z is None or length_z <= self.thresholds["max_length_z"]:
            quality.flags.append(Flag("truncation", "error", f"the translation stops mid-sentence: {end}"))
        else:
            quality.flags.append(Flag("truncation", "warn", f"the translation ends where no sentence ends ({end}),"
                                                            " though its length is usual: check that nothing is"
                                                            " cut off"))
