"""Similarity: the cross-lingual cosine of a link judged by its robust z against the document's own links.

What a normal cosine is depends on the language pair, the embedder and the
text, so only a link far below the document's usual level is flagged; in an
n-m link a poor match more likely means part of it is added or missing.
"""
from __future__ import annotations

from .base import Baseline, Check, Flag, LinkInput, LinkQuality, PairContext, register


@register
class Similarity(Check):
    name = "similarity"
    detects = "a link whose meaning may differ from the source: cross-lingual similarity far below the document's"
    # A floor of the robust spread: cosines of a good translation sit within a few hundredths, so a very
    # uniform document would otherwise flag noise.
    thresholds = {"warn_z": -3.5, "error_z": -6.0, "min_spread": 0.02}
    order = 20

    def __init__(self, pair: PairContext) -> None:
        super().__init__(pair)
        self.baseline = Baseline.of([pair.similarities[k] for k in pair.one_to_one if k in pair.similarities],
                                    self.thresholds["min_spread"])

    def notes(self) -> list[str]:
        if self.pair.embedder is None:
            return ["similarity not checked: no embedder was given"]
        if self.baseline is None:
            return ["similarity not checked: too few aligned links to learn what is normal"]
        return []

    def check(self, item: LinkInput, quality: LinkQuality) -> None:
        similarity = item.similarity
        if similarity is None:
            return
        quality.values["similarity"] = similarity
        if self.baseline is None:
            return
        z = self.baseline.z(similarity)
        quality.values["similarity_z"] = z
        if z > self.thresholds["warn_z"]:
            return
        severity = "error" if z <= self.thresholds["error_z"] else "warn"
        link = item.link
        if len(link.src) > 1 or len(link.tgt) > 1:
            check = "addition" if (item.length_z or 0) > 0 else "omission"
            reason = (f"the {link.kind} link matches poorly (similarity {similarity:.3f}, z = {z:+.1f}):"
                      f" part of it may be {'added' if check == 'addition' else 'missing'} or misaligned")
        else:
            check = "similarity"
            reason = (f"meaning may differ from the source: cross-lingual similarity {similarity:.3f} is far below"
                      f" this document's usual {self.baseline.median:.3f} (z = {z:+.1f})")
        quality.flags.append(Flag(check, severity, reason))
