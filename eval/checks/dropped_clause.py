"""Dropped clause: a clause left out inside a sentence, which barely moves a long paragraph's length or similarity.

Within its sentence a missing clause upsets the clause lengths, shortens the
sentence and takes a comma with it. The clauses of a sentence pair are aligned
by length twice (eval.clauses, Gale–Church style with the document's own ratio
and spread), once as they are and once with one source clause left out; the
gain of the second, plus half the sentence's shortness and one per clause break
lost beyond the document's usual, is the evidence (in nats). Each alone is
common in a good translation; a missing clause tends to bring all three.
A translator who re-punctuates freely (news: Russian commas before every
subordinate clause) loses breaks everywhere, so in such a free rendering lost
breaks are no evidence and the bounds are wider (`_bounds`). Sentences are judged one by one where both sides have as many, else the whole
link is (a Chinese ； or 。 often splits what Russian keeps as one sentence).
"""
from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from corpus.segmenter import split_sentences

from .. import clauses
from .base import (LENGTH_MIN_CHARS, LENGTH_MIN_SPREAD, Baseline, Check, Flag, LinkInput, LinkQuality, PairContext,
                   log_ratio, quote, register)


class DroppedClause(NamedTuple):
    """The check on one sentence pair: its evidence, the sentence's robust length z, the clause breaks it lost
    beyond the document's usual, and the source clause missing if one is named."""
    evidence: float
    z: float
    lost: float
    missing: str | None

    @property
    def shortfall(self) -> float:
        """The length z less the breaks lost: far below the warn z, a sentence lacks something even where its
        clauses do not tell which."""
        return self.z - self.lost


@register
class DroppedClauseCheck(Check):
    name = "dropped-clause"
    detects = "a clause of the source missing inside a sentence of the translation (an omission warning)"
    # evidence in nats; the weight of the sentence's shortness (half: the clause alignment already weighs
    # length); a sentence this short on its own (robust length z less `lost_weight` per break lost); the floor of
    # the clause length model's spread, per square root of a character. A close translation (the declaration) is
    # judged at 6.5 nats / z -3.5 with every lost break counted; a free one, whose clause breaks differ from the
    # source's by more than `free_break_spread` on average (a translator who re-punctuates: Russian commas before
    # every subordinate clause against English that has none), at 19 nats / z -4 with lost breaks not counted,
    # since there they are the translator's punctuation. Fitted on professional news, TICO-19 and the Bleualign
    # document (benchmarks/qe_false_alarms.py, first 80 links of each pair; confirmed on --offset 400): their mean
    # break deviation is 0.96-1.60, the declaration's 0.47-0.76 and 0.55-0.76 with 12 injected dropped clauses
    # per language; the free bounds leave at most 2 (3 on the second sample) of 80 links per pair flagged and find
    # a third of the dropped clauses injected into them (the close bounds: 14 flagged links per pair)
    thresholds = {"evidence": 6.5, "max_evidence": 19.0, "short_weight": 0.5, "warn_z": -3.5, "min_warn_z": -4.0,
                  "min_spread": 0.25, "lost_weight": 1.0, "free_break_spread": 0.85}
    order = 70

    def __init__(self, pair: PairContext) -> None:
        super().__init__(pair)
        sentences = [s for k in pair.one_to_one for s in (self.sentence_pairs(*pair.texts[k]) or [pair.texts[k]])
                     if len(s[0]) >= LENGTH_MIN_CHARS]
        self._learn(sentences)

    def notes(self) -> list[str]:
        if self.sentence_baseline is None or self.clause_model is None:
            return ["dropped clauses not checked: too few sentence pairs to learn what is normal"]
        return []

    def sentence_pairs(self, src: str, tgt: str) -> list[tuple[str, str]]:
        """The link's sentences paired in order, when both sides have as many (a declaration mostly keeps
        its sentences); otherwise none, since pairing them would need a sentence alignment."""
        src_sentences = split_sentences(src, self.pair.src_lang)
        tgt_sentences = split_sentences(tgt, self.pair.tgt_lang)
        return list(zip(src_sentences, tgt_sentences)) if len(src_sentences) == len(tgt_sentences) else []

    def _learn(self, sentences: list[tuple[str, str]]) -> None:
        """Learnt twice: the second time without the sentences the first found a clause missing from, so that a
        document with many dropped clauses does not learn that short, clause-poor sentences are normal."""
        t = self.thresholds
        self.evidence_limit, self.z_limit, self.lost_weight = t["evidence"], t["warn_z"], t["lost_weight"]
        self._fit(sentences)
        if self.sentence_baseline is not None and self.clause_model is not None:
            kept = [(s, t) for s, t in sentences if not self._flagged(self._judge(s, t))]
            if len(sentences) > len(kept) >= len(sentences) / 2:
                self._fit(kept)
                if self.sentence_baseline is None or self.clause_model is None:
                    self._fit(sentences)  # too few left to learn from: a short document keeps its first fit
            self._bounds(sentences)

    def _fit(self, sentences: list[tuple[str, str]]) -> None:
        """The sentence length baseline, the clause breaks a translation usually loses and the clause length model."""
        src_lang, tgt_lang = self.pair.src_lang, self.pair.tgt_lang
        self.sentence_baseline = Baseline.of([log_ratio(s, t) for s, t in sentences], LENGTH_MIN_SPREAD)
        self.break_gap = float(np.median([clauses.breaks(s, src_lang) - clauses.breaks(t, tgt_lang)
                                          for s, t in sentences])) if sentences else 0.0
        self.clause_model = self._clause_model(sentences)

    def _clause_model(self, sentences: list[tuple[str, str]]) -> clauses.LengthModel | None:
        """The document's own clause length model: the median length ratio of its sentence pairs and the robust
        spread of their length differences, scaled as Gale and Church scale them (by the root of the length)."""
        pairs = [(len(s), len(t)) for s, t in sentences if s and t]
        ratio = float(np.median([t / s for s, t in pairs])) if pairs else 0.0
        if ratio <= 0:
            return None
        spread = Baseline.of([(t - ratio * s) / math.sqrt((s + t / ratio) / 2) for s, t in pairs],
                             self.thresholds["min_spread"])
        return clauses.LengthModel(ratio, spread.spread ** 2) if spread else None

    def _bounds(self, sentences: list[tuple[str, str]]) -> None:
        """A document whose clause breaks depart from the source's by more than `free_break_spread` on average is a
        free rendering, judged by the wider bounds. The spread is the mean absolute deviation of the break difference
        from its median: how freely the translator punctuates, which a missing clause (one break each) barely moves,
        so dense injected errors (a tenth of the links) leave a close translation close."""
        t = self.thresholds
        self.evidence_limit, self.z_limit, self.lost_weight = t["evidence"], t["warn_z"], t["lost_weight"]
        gaps = [clauses.breaks(s, self.pair.src_lang) - clauses.breaks(tgt, self.pair.tgt_lang) for s, tgt in sentences]
        self.break_spread = float(np.mean(np.abs(np.asarray(gaps) - np.median(gaps)))) if gaps else 0.0
        if len(gaps) >= 20 and self.break_spread > t["free_break_spread"]:
            self.evidence_limit, self.z_limit, self.lost_weight = t["max_evidence"], t["min_warn_z"], 0.0

    def _flagged(self, found: DroppedClause) -> bool:
        return found.evidence >= self.evidence_limit or found.shortfall <= self.z_limit

    def _judge(self, src: str, tgt: str) -> DroppedClause:
        assert self.sentence_baseline is not None and self.clause_model is not None
        src_lang, tgt_lang = self.pair.src_lang, self.pair.tgt_lang
        z = self.sentence_baseline.z(log_ratio(src, tgt))
        lost = self.lost_weight * max(0.0, clauses.breaks(src, src_lang) - clauses.breaks(tgt, tgt_lang)
                                      - self.break_gap)
        src_clauses = clauses.split(src, src_lang)
        gain, missing = self.clause_model.missing_clause(src_clauses, clauses.split(tgt, tgt_lang))
        return DroppedClause(gain + self.thresholds["short_weight"] * max(0.0, -z) + lost, z, lost,
                             None if missing is None else src_clauses[missing])

    def check(self, item: LinkInput, quality: LinkQuality) -> None:
        if self.sentence_baseline is None or self.clause_model is None:
            return
        paired = self.sentence_pairs(item.src, item.tgt)
        judged = [(self._judge(s, t), n, s) for n, (s, t) in enumerate(paired or [(item.src, item.tgt)], 1)
                  if len(s) >= LENGTH_MIN_CHARS]
        if not judged:
            return
        strongest = max(judged, key=lambda found: found[0].evidence)
        shortest = min(judged, key=lambda found: found[0].shortfall)
        quality.values["clause_evidence"] = strongest[0].evidence
        quality.values["clause_z"] = shortest[0].shortfall
        flagged = [found for found in (strongest, shortest) if self._flagged(found[0])]
        if not flagged:
            return
        found, n, sentence = flagged[0]
        z, lost, missing = found.z, found.lost, found.missing
        where = f"sentence {n} of the translation" if paired else "the translation"
        signs = [f"it is shorter than usual (z = {z:+.1f})"] if z < 0 else []
        if lost:
            signs.append(f"it has {lost:.0f} fewer clause break{'s' if lost != 1 else ''} than usual")
        if missing:
            reason = (f"{where} seems to lack a clause: its clause lengths line up with the source's only without"
                      f" one, best without {quote(missing)}{''.join(f'; {sign}' for sign in signs)}")
        else:
            reason = f"{where} may miss part of {quote(sentence)}: {' and '.join(signs)}"
        quality.flags.append(Flag("omission", "warn", reason))
