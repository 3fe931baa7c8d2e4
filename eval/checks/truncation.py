"""Truncation: the translation stops where no sentence ends while its source ends a sentence.

A title is not cut off for lacking a full stop its source does not have either: where the source's last dot is
that of an abbreviation after a number (2020 г., 5 p.), a translation of one short sentence, with no sentence mark
inside, whose words of four letters or more are mostly capitalised, is a heading written in title case
(Preliminary Estimates of the Prevalence of Selected Underlying Health Conditions ... 2020 for «...с 12 февраля по
28 марта 2020 г.», TICO-19). Both are needed: a sentence cut after a list of names (the Republic of Kazakhstan, the
Kyrgyz Republic) reads as title case too (benchmarks/qe_detection.py)."""
from __future__ import annotations

import re

from corpus.segmenter import ends_sentence, stops_midway

from .base import Check, Flag, LinkInput, LinkQuality, register

_ABBREVIATED_END = re.compile(r"\d\s?[^\W\d_]{1,3}\.\s*$")  # 2020 г.: the dot is the abbreviation's
_INNER_END = re.compile(r"[.!?…。！？]\s")
_LONG_WORD = re.compile(r"\b[^\W\d_]{4,}")
HEADING_WORDS = 30  # the longest TICO-19 article title has 24


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
        if _ABBREVIATED_END.search(item.src) and _title(item.tgt):
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


def _title(text: str) -> bool:
    """Whether `text` reads as a heading in title case: one short sentence, most long words capitalised."""
    words = _LONG_WORD.findall(text)
    if len(text.split()) > HEADING_WORDS or _INNER_END.search(text) or len(words) < 3:
        return False
    return sum(word[0].isupper() for word in words) * 2 > len(words)
