"""Negation: negation cues counted on both sides (eval.polarity); a warning, since lexical negation differs
between languages, and off for a document where the counts differ on too many links to mean anything."""
from __future__ import annotations

from corpus.script import LANGUAGE_NAMES

from .. import polarity
from .base import Check, Flag, LinkInput, LinkQuality, PairContext, counted, listed, register


@register
class Negation(Check):
    name = "negation"
    detects = "a sentence whose negations differ in number from the source's: the meaning may be reversed"
    thresholds = {"max_disagreement": 0.25}  # above this share of links with differing counts, counting does not fit
    order = 80

    def __init__(self, pair: PairContext) -> None:
        super().__init__(pair)
        differ = [len(polarity.cues(pair.texts[k][0], pair.src_lang)) != len(polarity.cues(pair.texts[k][1],
                                                                                          pair.tgt_lang))
                  for k in pair.matched]
        self.disagreement = sum(differ) / len(differ) if differ else 0.0

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
            why = (f"cue counts differ on {self.disagreement:.0%} of this document's links, too many to tell a"
                   " reversed meaning from lexical negation")
        return [f"negation not checked: {why}"]

    def check(self, item: LinkInput, quality: LinkQuality) -> None:
        if not self.applies():
            return
        src_cues, tgt_cues = polarity.cues(item.src, self.pair.src_lang), polarity.cues(item.tgt, self.pair.tgt_lang)
        quality.values["negation_difference"] = float(len(tgt_cues) - len(src_cues))
        if len(src_cues) != len(tgt_cues):
            quality.flags.append(Flag("negation", "warn", f"the source has {counted(src_cues, 'negation')},"
                                                          f" the translation {len(tgt_cues)}{listed(tgt_cues)}:"
                                                          " the meaning may be reversed"))
