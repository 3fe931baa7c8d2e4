"""Negation: a sentence negated on one side and not on the other (eval.polarity), a warning to read.

Judged per sentence where both sides have as many sentences, else per link, and only on polarity, not on counts:
on professional news translations (benchmarks/qe_false_alarms.py) one side often writes two negations where the
other writes one (не ... ни, a negative verb and жоқ), so a count that differs is mostly style, while a sentence
with no negation at all against a negated one is what an added or dropped "not" leaves. A translation where that
still happens on more than `max_disagreement` of its units (a free rendering) is not checked, with a note. Nor is
one where it happens in both directions, source negated and translation not as well as the reverse, on more than
`max_two_way` of its units: an added or dropped "not" goes one way (an MT that negates what it should not, a
translation that loses them), while a translator who renders negation lexically (не ответил / failed to respond,
нечего раскапывать / there is no archaeology) leaves both, so this measure, unlike the first, is not raised by the
errors the check looks for."""
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
    # declaration (0.00; 0.09 with 12 injected negations per 115 links). The two-way share (twice the smaller of the
    # two directions' counts) refitted on X-WMT, TICO-19 and the Bleualign document (benchmarks/qe_false_alarms.py,
    # first 80 links per pair, confirmed on --offset 400): 0.03-0.12 where the one-way share is under 0.10 and the
    # remaining lexical renderings would flag 3-13 links per pair, against 0.00 on the declaration with and
    # without injected negations
    thresholds = {"max_disagreement": 0.10, "max_two_way": 0.02}
    order = 80

    def __init__(self, pair: PairContext) -> None:
        super().__init__(pair)
        polarities = [tuple(map(bool, self._cues(unit))) for k in pair.matched for unit in self.units(*pair.texts[k])]
        src_only = sum(src and not tgt for src, tgt in polarities)
        tgt_only = sum(tgt and not src for src, tgt in polarities)
        self.disagreement = (src_only + tgt_only) / len(polarities) if polarities else 0.0
        self.two_way = 2 * min(src_only, tgt_only) / len(polarities) if polarities else 0.0

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
        return self._known() and self.disagreement <= self.thresholds["max_disagreement"] \
            and self.two_way <= self.thresholds["max_two_way"]

    def notes(self) -> list[str]:
        if self.applies():
            return []
        if not self._known():
            unknown = sorted(lang for lang in {self.pair.src_lang, self.pair.tgt_lang} if not polarity.has_cues(lang))
            why = f"no negation cues are known for {', '.join(LANGUAGE_NAMES.get(lang, lang) for lang in unknown)}"
        elif self.disagreement > self.thresholds["max_disagreement"]:
            why = (f"one side only is negated on {self.disagreement:.0%} of this document's sentences, too many to"
                   " tell a reversed meaning from a free rendering")
        else:
            why = (f"negations are rendered without one on {self.two_way:.0%} of this document's sentences in both"
                   " directions, a free rendering where a reversed meaning cannot be told from a lexical one")
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
