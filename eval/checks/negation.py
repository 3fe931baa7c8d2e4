"""Negation: a sentence negated on one side and not on the other (eval.polarity), a warning to read.

Judged per sentence where both sides have as many sentences, else per link, and only on polarity, not on counts:
on professional news translations (benchmarks/qe_false_alarms.py) one side often writes two negations where the
other writes one (не ... ни, a negative verb and жоқ), so a count that differs is mostly style, while a sentence
with no negation at all against a negated one is what an added or dropped "not" leaves. A translation where that
still happens on more than `max_disagreement` of its units (a free rendering) is not checked, with a note."""
from __future__ import annotations

from corpus.script import LANGUAGE_NAMES
from corpus.segmenter import split_sentences

from .. import polarity
from .base import Check, Flag, LinkInput, LinkQuality, PairContext, listed, quote, register


@register
class Negation(Check):
    name = "negation"
    detects = "a sentence negated on one side only: the meaning may be reversed"
    # above this share of sentence units negated on one side only, polarity does not carry over in this
    # translation: fitted on X-WMT and TICO-19 (free renderings: 0.06-0.17 of sentences) against the
    # declaration (0.00; 0.09 with 12 injected negations per 115 links)
    thresholds = {"max_disagreement": 0.10}
    order = 80

    def __init__(self, pair: PairContext) -> None:
        super().__init__(pair)
        units = [unit for k in pair.matched for unit in self.units(*pair.texts[k])]
        self.disagreement = sum(bool(self._cues(unit)[0]) != bool(self._cues(unit)[1]) for unit in units) / len(units) \
            if units else 0.0

    def units(self, src: str, tgt: str) -> list[tuple[str, str]]:
        """The link's sentences paired in order where both sides have as many, else the whole link."""
        src_sentences = split_sentences(src, self.pair.src_lang)
        tgt_sentences = split_sentences(tgt, self.pair.tgt_lang)
        if len(src_sentences) == len(tgt_sentences) > 1:
            return list(zip(src_sentences, tgt_sentences))
        return [(src, tgt)]

    def _cues(self, unit: tuple[str, str]) -> tuple[list[str], list[str]]:
        return polarity.cues(unit[0], self.pair.src_lang), polarity.cues(unit[1], self.pair.tgt_lang)

    def _known(self) -> bool:
        return polarity.has_cues(self.pair.src_lang) and polarity.has_cues(self.pair.tgt_lang)

    def applies(self) -> bool:
        return self._known() and self.disagreement <= self.thresholds["max_disagreement"]

    def notes(self) -> list[str]:
        if self.applies():
            return []
        if not self._known():
            unknown = sorted(lang for lang in {self.pair.src_lang, self.pair.tgt_lang} if not polarity.has_cues(lang))
            why = f"no negation cues are known for {', '.join(LANGUAGE_NAMES.get(lang, lang) for lang in unknown)}"
        else:
            why = (f"one side only is negated on {self.disagreement:.0%} of this document's sentences, too many to"
                   " tell a reversed meaning from a free rendering")
        return [f"negation not checked: {why}"]

    def check(self, item: LinkInput, quality: LinkQuality) -> None:
        if not self.applies():
            return
        units = self.units(item.src, item.tgt)
        differing = 0
        for n, unit in enumerate(units, 1):
            src_cues, tgt_cues = self._cues(unit)
            if bool(src_cues) == bool(tgt_cues):
                continue
            differing += 1
            where = f"sentence {n}" if len(units) > 1 else "the link"
            negated, plain = ("source", "translation") if src_cues else ("translation", "source")
            quality.flags.append(Flag("negation", "warn", f"in {where} the {negated} is negated"
                                                          f"{listed(src_cues or tgt_cues)}, the {plain}"
                                                          f" {quote(unit[1] if src_cues else unit[0], 40)} is not:"
                                                          " the meaning may be reversed"))
        quality.values["negation_difference"] = float(differing)
