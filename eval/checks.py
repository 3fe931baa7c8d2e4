"""Reference-free quality checks of a translation, one aligned link (paragraph group) at a time.

Each check gives a value and, past its threshold, a `Flag` with a reason a
reviewer can act on. Thresholds are not raw numbers: the expected length
ratio and cross-lingual similarity are learnt from the document itself (median
and MAD over its links, so a few bad links do not move the baseline), and a
link is judged by its robust z-score, because what a normal cosine or ratio is
depends on the language pair, the embedder and the text type.

Checks: similarity (embedding cosine, robust z), length (log length ratio,
robust z: much shorter or much longer), numbers (eval.numbers), untranslated
(Russian sentences left in the target, target identical to source),
wrong-language (a whole paragraph in another language), repetition (a sentence
or a long n-gram repeated), truncation (the target stops mid-sentence),
omission and addition (1-0 and 0-1 links, n-m links whose similarity drops,
and a dropped clause: a sentence whose clause lengths line up with its
source's only when one source clause is left out, eval.clauses, that also came
out short or lost a clause break), negation (negation cues counted on both sides,
eval.polarity; a warning, because lexical negation differs between
languages), terms (glossary findings, passed in).

A link's status is the worst severity among its flags (`ok` without flags).
The per-language score is the share of the document, weighted by characters
(source characters; target characters for an added paragraph), whose links
are ok, counting a warn link half: 100 means no flag, 0 means every link has
an error. It ranks documents and shows progress between versions; it is not
an estimate of BLEU or of human judgement.

eval never imports align or glossaries: the embedder (anything with
`encode(texts, lang) -> L2-normalised rows`) and the glossary findings (the
dicts of `CheckResult.as_dict()["findings"]`) are arguments.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

import numpy as np

from corpus.alignment import Alignment, Link
from corpus.languages import profile
from corpus.model import Document
from corpus.rows import row_text
from corpus.script import LANGUAGE_NAMES as _NAMES
from corpus.segmenter import split_sentences

from . import clauses, language, numbers, polarity

CHECKS = ("similarity", "length", "numbers", "untranslated", "wrong-language", "repetition", "truncation",
          "omission", "addition", "negation", "terms")
SEVERITIES = ("ok", "warn", "error")

SIMILARITY_WARN_Z = -3.5  # robust z of the link's cosine against the document's own links
SIMILARITY_ERROR_Z = -6.0
LENGTH_WARN_Z = 4.0  # robust z of log(target chars / source chars)
LENGTH_ERROR_Z = 6.0
LENGTH_MIN_CHARS = 40  # shorter sources vary too much in length to judge
# A dropped clause, in nats: what the clause alignment gains by leaving one source clause out (eval.clauses), plus
# half the sentence's robust length z below 0 (half, as that alignment already weighs the sentence's length) and one
# per clause break (comma, semicolon, 、) lost beyond the document's usual. Each alone is common in a good
# translation; a missing clause tends to bring all three.
CLAUSE_EVIDENCE = 6.5
CLAUSE_SHORT_WEIGHT = 0.5
CLAUSE_WARN_Z = -3.5  # or a sentence this short (robust length z, less one per clause break lost) on its own
CLAUSE_MIN_SPREAD = 0.25  # of the length difference per square root of a character (the clause length model)
NEGATION_MAX_DISAGREEMENT = 0.25  # above this share of links with differing cue counts, cue counting does not fit
# Floors of the robust standard deviation, so that a very uniform document does not flag noise: cosines of a
# good translation sit within a few hundredths, and a length ratio within 5 % is not an outlier of any pair.
SIMILARITY_MIN_SPREAD = 0.02
LENGTH_MIN_SPREAD = 0.05  # of log(target chars / source chars)
# A target that stops where no sentence ends and also came out short is cut off (an error); at its usual
# length it may merely lack the final full stop, as English list items often do (a warning to look at).
TRUNCATION_MAX_Z = -1.5
MAX_LISTED = 8  # numbers or cues quoted in one reason; a long paragraph can have hundreds
SPAN_NGRAM = {"zh": 6, "words": 4}  # n-gram size (characters for zh, words elsewhere) for finding repeats
REPEATED_SPAN = {"zh": 24, "words": 12}  # a repeated passage this long is duplicated output, not a set phrase
LOOP_NGRAM = {"zh": 12, "words": 6}
LOOP_REPEATS = 4  # a long n-gram this often in one paragraph is a generation loop, not style
# A sentence end, possibly inside closing quotes or brackets. Only a full stop, question or exclamation mark
# counts: a source paragraph that ends with a colon (introducing a list) or a semicolon (a list item) sets no
# expectation on how its translation ends.
_ENDS_SENTENCE = re.compile(r"[.!?…。！？][\"'”’»)）」』\]]*\s*$")
# Not “, which closes a quotation in Russian and Kazakh typography („…“).
_STOPS_MIDWAY = re.compile(r"[\w,，、(（«\-–—]\s*$")
_WORDS = re.compile(r"\w+")


class Embedder(Protocol):
    """What the similarity check needs of align.embedders, which eval may not import."""

    def encode(self, texts: list[str], lang: str) -> np.ndarray: ...


@dataclass(frozen=True)
class Flag:
    check: str
    severity: str  # "warn" | "error"
    reason: str

    def __post_init__(self) -> None:
        # a link's status is the worst severity of its flags: an "ok" flag would show as a clean link with a reason
        if self.severity not in SEVERITIES[1:]:
            raise ValueError(f"a flag is a warn or an error, not {self.severity!r}")

    def as_dict(self) -> dict:
        return {"check": self.check, "severity": self.severity, "reason": self.reason}


@dataclass
class LinkQuality:
    src: tuple[int, ...]
    tgt: tuple[int, ...]
    values: dict[str, float] = field(default_factory=dict)
    flags: list[Flag] = field(default_factory=list)

    @property
    def status(self) -> str:
        """Derived from the flags, never stored, so that a link's status and its reasons cannot disagree."""
        return max((f.severity for f in self.flags), key=SEVERITIES.index, default="ok")

    def as_dict(self) -> dict:
        return {"src": list(self.src), "tgt": list(self.tgt), "status": self.status,
                "values": {k: round(v, 4) for k, v in self.values.items()},
                "flags": [f.as_dict() for f in self.flags]}


@dataclass
class PairQuality:
    src_lang: str
    tgt_lang: str
    links: list[LinkQuality]
    score: float
    notes: list[str] = field(default_factory=list)  # what could not be checked, and why

    def status_counts(self) -> dict[str, int]:
        counts = {status: 0 for status in SEVERITIES}
        for link in self.links:
            counts[link.status] += 1
        return counts

    def as_dict(self) -> dict:
        return {"src_lang": self.src_lang, "tgt_lang": self.tgt_lang, "score": round(self.score, 1),
                "status_counts": self.status_counts(), "notes": list(self.notes),
                "links": [link.as_dict() for link in self.links]}


class DroppedClause(NamedTuple):
    """The dropped-clause check on one sentence pair: its evidence (CLAUSE_EVIDENCE), the sentence's robust length
    z, the clause breaks it lost beyond the document's usual, and the source clause missing if one is named."""
    evidence: float
    z: float
    lost: float
    missing: str | None

    @property
    def shortfall(self) -> float:
        """The length z less the breaks lost: far below CLAUSE_WARN_Z, a sentence lacks something even where its
        clauses do not tell which."""
        return self.z - self.lost

    @property
    def flagged(self) -> bool:
        return self.evidence >= CLAUSE_EVIDENCE or self.shortfall <= CLAUSE_WARN_Z


@dataclass(frozen=True)
class Baseline:
    """Median and robust spread of a value over the document's links.

    The spread is 1.4826 x MAD, which estimates the standard deviation without letting the few bad links
    widen it. When more than half the links share one value the MAD is 0 and every other link would be an
    outlier, so the spread falls back to 1.2533 x the mean absolute deviation (the same estimate for normal
    data, and never 0 unless all values are equal), and in any case to no less than `floor`."""
    median: float
    spread: float

    @classmethod
    def of(cls, values: list[float], floor: float) -> "Baseline | None":
        if len(values) < 5:
            return None  # too few links to say what is normal
        arr = np.asarray(values, dtype=np.float64)
        median = float(np.median(arr))
        deviations = np.abs(arr - median)
        spread = 1.4826 * float(np.median(deviations)) or 1.2533 * float(deviations.mean())
        return cls(median, max(spread, floor))

    def z(self, value: float) -> float:
        """How unusual `value` is for this document, in robust standard deviations (0 is typical)."""
        return (value - self.median) / self.spread


def score_of(links: list[LinkQuality], weights: list[int]) -> float:
    """100 x the character-weighted share of ok links, a warn link counting half (see the module docstring)."""
    credit = {"ok": 1.0, "warn": 0.5, "error": 0.0}
    total = sum(weights)
    if not total:
        return 0.0 if links else 100.0
    return 100.0 * sum(w * credit[link.status] for link, w in zip(links, weights)) / total


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"“{text[:limit]}…”" if len(text) > limit else f"“{text}”"


def _log_ratio(src: str, tgt: str) -> float:
    return math.log((len(tgt) + 10) / (len(src) + 10))


def _ngram_counts(units: list[str], n: int) -> dict[tuple[str, ...], int]:
    counts: dict[tuple[str, ...], int] = {}
    for start in range(len(units) - n + 1):
        gram = tuple(units[start:start + n])
        counts[gram] = counts.get(gram, 0) + 1
    return counts


def _longest_repeat(units: list[str], n: int, counts: dict[tuple[str, ...], int]) -> tuple[int, int]:
    """(length in units, start) of the longest run of consecutive n-grams that each occur more than once:
    a passage written twice. Several short set phrases that recur in a long paragraph ("Central Asia",
    "the Sides") each make a short run of their own, so they do not add up to a long one."""
    best, start, run = 0, 0, 0
    for k in range(len(units) - n + 1):
        run = run + 1 if counts[tuple(units[k:k + n])] > 1 else 0
        if run > best:
            best, start = run, k - run + 1
    return (best + n - 1, start) if best else (0, 0)


def _enumerated(found: list[str]) -> str:
    """At most MAX_LISTED items, each cut to a readable length: a reason is read, not searched."""
    more = len(found) - MAX_LISTED
    shown = [item if len(item) <= 24 else f"{item[:23]}…" for item in found[:MAX_LISTED]]
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _listed(found: list[str]) -> str:
    return f" ({_enumerated(found)})" if found else ""


def _counted(found: list[str], noun: str) -> str:
    return f"{len(found)} {noun}{'' if len(found) == 1 else 's'}{_listed(found)}"


def _clause_model(sentences: list[tuple[str, str]]) -> clauses.LengthModel | None:
    """The document's own clause length model: the median length ratio of its sentence pairs and the robust
    spread of their length differences, scaled as Gale and Church scale them (by the square root of the length)."""
    pairs = [(len(s), len(t)) for s, t in sentences if s and t]
    ratio = float(np.median([t / s for s, t in pairs])) if pairs else 0.0
    if ratio <= 0:
        return None
    spread = Baseline.of([(t - ratio * s) / math.sqrt((s + t / ratio) / 2) for s, t in pairs], CLAUSE_MIN_SPREAD)
    return clauses.LengthModel(ratio, spread.spread ** 2) if spread else None


def _paragraphs(ids: tuple[int, ...]) -> str:
    return ", ".join(str(i) for i in ids)


class QualityChecker:
    """Built once per language pair: learns the pair's own length-ratio and similarity
    distributions from the aligned document, so later single-link checks are judged
    against the same baseline."""

    def __init__(self, source: Document, target: Document, alignment: Alignment,
                 embedder: Embedder | None = None) -> None:
        self.source, self.target, self.alignment, self.embedder = source, target, alignment, embedder
        self.src_lang, self.tgt_lang = source.lang, target.lang
        self.texts = [(row_text(source, link.src), row_text(target, link.tgt)) for link in alignment.links]
        both = [k for k, link in enumerate(alignment.links) if link.src and link.tgt]
        self.similarities = {k: value for k, value in zip(both, self.cosines([self.texts[k] for k in both]))
                             if value is not None}
        one_to_one = [k for k in both if alignment.links[k].kind == "1-1"] or both
        self.length_baseline = Baseline.of([_log_ratio(*self.texts[k]) for k in one_to_one
                                            if len(self.texts[k][0]) >= LENGTH_MIN_CHARS], LENGTH_MIN_SPREAD)
        self.similarity_baseline = Baseline.of([self.similarities[k] for k in one_to_one
                                                if k in self.similarities], SIMILARITY_MIN_SPREAD)
        self._learn_clause_norms([pair for k in one_to_one for pair in (self._sentence_pairs(*self.texts[k])
                                                                        or [self.texts[k]])
                                  if len(pair[0]) >= LENGTH_MIN_CHARS])
        differ = [len(polarity.cues(self.texts[k][0], self.src_lang)) != len(polarity.cues(self.texts[k][1],
                                                                                             self.tgt_lang))
                  for k in both]
        self.negation_disagreement = sum(differ) / len(differ) if differ else 0.0

    def notes(self) -> list[str]:
        """What this checker cannot judge, for the report to say."""
        notes = []
        if self.embedder is None:
            notes.append("similarity not checked: no embedder was given")
        elif self.similarity_baseline is None:
            notes.append("similarity not checked: too few aligned links to learn what is normal")
        if self.length_baseline is None:
            notes.append("length ratio not checked: too few aligned links to learn what is normal")
        if self.sentence_baseline is None or self.clause_model is None:
            notes.append("dropped clauses not checked: too few sentence pairs to learn what is normal")
        if not self._negation_applies():
            unknown = sorted(lang for lang in {self.src_lang, self.tgt_lang} if not polarity.has_cues(lang))
            why = (f"no negation cues are known for {', '.join(_NAMES.get(lang, lang) for lang in unknown)}"
                   if unknown else
                   f"cue counts differ on {self.negation_disagreement:.0%} of this document's links, too many to"
                   " tell a reversed meaning from lexical negation")
            notes.append(f"negation not checked: {why}")
        return notes

    def _negation_applies(self) -> bool:
        return polarity.has_cues(self.src_lang) and polarity.has_cues(self.tgt_lang) \
            and self.negation_disagreement <= NEGATION_MAX_DISAGREEMENT

    def _sentence_pairs(self, src: str, tgt: str) -> list[tuple[str, str]]:
        """The link's sentences paired in order, when both sides have as many (a declaration mostly keeps
        its sentences); otherwise none, since pairing them would need a sentence alignment."""
        src_sentences, tgt_sentences = split_sentences(src, self.src_lang), split_sentences(tgt, self.tgt_lang)
        return list(zip(src_sentences, tgt_sentences)) if len(src_sentences) == len(tgt_sentences) else []

    def _learn_clause_norms(self, sentences: list[tuple[str, str]]) -> None:
        """Learnt twice: the second time without the sentences the first found a clause missing from, so that a
        document with many dropped clauses does not learn that short, clause-poor sentences are normal."""
        self._fit_clause_norms(sentences)
        if self.sentence_baseline is not None and self.clause_model is not None:
            kept = [(s, t) for s, t in sentences if not self._dropped_clause(s, t).flagged]
            if len(sentences) > len(kept) >= len(sentences) / 2:
                self._fit_clause_norms(kept)

    def _fit_clause_norms(self, sentences: list[tuple[str, str]]) -> None:
        """The sentence length baseline, the clause breaks a translation usually loses and the clause length model."""
        self.sentence_baseline = Baseline.of([_log_ratio(s, t) for s, t in sentences], LENGTH_MIN_SPREAD)
        self.break_gap = float(np.median([clauses.breaks(s, self.src_lang) - clauses.breaks(t, self.tgt_lang)
                                          for s, t in sentences])) if sentences else 0.0
        self.clause_model = _clause_model(sentences)

    def _dropped_clause(self, src: str, tgt: str) -> DroppedClause:
        z = self.sentence_baseline.z(_log_ratio(src, tgt))
        lost = max(0.0, clauses.breaks(src, self.src_lang) - clauses.breaks(tgt, self.tgt_lang) - self.break_gap)
        src_clauses = clauses.split(src, self.src_lang)
        gain, missing = self.clause_model.missing_clause(src_clauses, clauses.split(tgt, self.tgt_lang))
        return DroppedClause(gain + CLAUSE_SHORT_WEIGHT * max(0.0, -z) + lost, z, lost,
                             None if missing is None else src_clauses[missing])

    def assess(self, term_findings: list[dict] | None = None) -> PairQuality:
        """Every link of the document, its similarities embedded in one batch; the glossary findings are
        matched to links by their (src, tgt) ids, so findings of another alignment are not misplaced."""
        by_link: dict[tuple[tuple[int, ...], tuple[int, ...]], list[dict]] = {}
        for finding in term_findings or []:
            by_link.setdefault((tuple(finding["src"]), tuple(finding["tgt"])), []).append(finding)
        links = [self._check(src, tgt, link, self.similarities.get(k), by_link.get((link.src, link.tgt), []))
                 for k, (link, (src, tgt)) in enumerate(zip(self.alignment.links, self.texts))]
        weights = [len(src) or len(tgt) for src, tgt in self.texts]
        return PairQuality(self.src_lang, self.tgt_lang, links, score_of(links, weights), self.notes())

    def assess_link(self, src_text: str, tgt_text: str, link: Link, term_findings: list[dict] | None = None,
                    *, embed: bool = True, similarity: float | None = None) -> LinkQuality:
        """Re-check one link after its text changed (the review workbench calls this on every save).

        Embedding is the only slow part, so a caller can take it off its hot path: `embed=False`
        leaves the similarity check out, and `similarity` passes in a cosine computed already
        (by `cosines`, which embeds many links at once)."""
        if similarity is None and embed and self.embeds(src_text, tgt_text):
            similarity = self.cosines([(src_text, tgt_text)])[0]
        return self._check(src_text, tgt_text, link, similarity, list(term_findings or []))

    def embeds(self, src_text: str, tgt_text: str) -> bool:
        """Whether judging this link needs the embedder (the similarity check applies to it)."""
        return self.embedder is not None and bool(src_text.strip()) and bool(tgt_text.strip())

    def cosines(self, pairs: list[tuple[str, str]]) -> list[float | None]:
        """The cross-lingual cosine of each (source, target) text pair, all sources embedded in one
        call and all targets in another; None where the similarity check does not apply."""
        todo = [k for k, (src, tgt) in enumerate(pairs) if self.embeds(src, tgt)]
        out: list[float | None] = [None] * len(pairs)
        if todo:
            src_vecs = self.embedder.encode([pairs[k][0] for k in todo], self.src_lang)
            tgt_vecs = self.embedder.encode([pairs[k][1] for k in todo], self.tgt_lang)
            for k, value in zip(todo, (src_vecs * tgt_vecs).sum(axis=1).astype(float).tolist()):
                out[k] = value
        return out

    def _check(self, src: str, tgt: str, link: Link, similarity: float | None,
               findings: list[dict]) -> LinkQuality:
        quality = LinkQuality(tuple(link.src), tuple(link.tgt))
        has_src, has_tgt = bool(src.strip()), bool(tgt.strip())
        if has_src and not has_tgt:
            where = f"source paragraph {_paragraphs(link.src)}" if link.src else "the source"
            severity = "error" if len(src) >= LENGTH_MIN_CHARS else "warn"
            quality.flags.append(Flag("omission", severity, f"{where} has no translation: {_quote(src)}"))
            return quality
        if has_tgt and not has_src:
            quality.flags.append(Flag("addition", "warn", f"translation paragraph {_paragraphs(link.tgt)} has no"
                                                          f" source counterpart: {_quote(tgt)}"))
            self._language(tgt, src, quality)
            return quality
        if not has_src:
            return quality
        length_z = self._length(src, tgt, quality)
        self._similarity(similarity, link, length_z, quality)
        self._numbers(src, tgt, quality)
        self._language(tgt, src, quality)
        self._repetition(tgt, quality)
        self._truncation(src, tgt, length_z, quality)
        self._clauses(src, tgt, quality)
        self._negation(src, tgt, quality)
        self._terms(findings, quality)
        return quality

    def _length(self, src: str, tgt: str, quality: LinkQuality) -> float | None:
        ratio = _log_ratio(src, tgt)
        quality.values["length_ratio"] = math.exp(ratio)
        if self.length_baseline is None or len(src) < LENGTH_MIN_CHARS:
            return None
        z = self.length_baseline.z(ratio)
        quality.values["length_z"] = z
        if abs(z) >= LENGTH_WARN_Z:
            expected = math.exp(self.length_baseline.median) * (len(src) + 10) - 10
            if z < 0:
                what = "much shorter than the source: content may be missing or cut off"
            else:
                what = "much longer than the source: possible addition, repetition or hallucination"
            quality.flags.append(Flag("length", "error" if abs(z) >= LENGTH_ERROR_Z else "warn",
                                      f"translation is {what} ({len(tgt)} characters, about {expected:.0f}"
                                      f" expected; z = {z:+.1f})"))
        return z

    def _similarity(self, similarity: float | None, link: Link, length_z: float | None,
                    quality: LinkQuality) -> None:
        if similarity is None:
            return
        quality.values["similarity"] = similarity
        if self.similarity_baseline is None:
            return
        z = self.similarity_baseline.z(similarity)
        quality.values["similarity_z"] = z
        if z > SIMILARITY_WARN_Z:
            return
        severity = "error" if z <= SIMILARITY_ERROR_Z else "warn"
        if len(link.src) > 1 or len(link.tgt) > 1:
            check = "addition" if (length_z or 0) > 0 else "omission"
            reason = (f"the {link.kind} link matches poorly (similarity {similarity:.3f}, z = {z:+.1f}):"
                      f" part of it may be {'added' if check == 'addition' else 'missing'} or misaligned")
        else:
            check = "similarity"
            reason = (f"meaning may differ from the source: cross-lingual similarity {similarity:.3f} is far below"
                      f" this document's usual {self.similarity_baseline.median:.3f} (z = {z:+.1f})")
        quality.flags.append(Flag(check, severity, reason))

    def _numbers(self, src: str, tgt: str, quality: LinkQuality) -> None:
        missing, added = numbers.compare(numbers.extract(src, self.src_lang), numbers.extract(tgt, self.tgt_lang))
        quality.values["numbers_missing"] = float(len(missing))
        quality.values["numbers_added"] = float(len(added))
        if missing:
            quality.flags.append(Flag("numbers", "error", f"{_enumerated(missing)} in the source"
                                                          f" {'is' if len(missing) == 1 else 'are'} missing in the"
                                                          " translation"))
        if added:
            quality.flags.append(Flag("numbers", "warn", f"{_enumerated(added)} in the translation"
                                                         f" {'is' if len(added) == 1 else 'are'} not in the source"))

    def _language(self, tgt: str, src: str, quality: LinkQuality) -> None:
        other = language.paragraph_language(tgt, self.tgt_lang, self.src_lang)
        if other == self.src_lang:
            quality.values["untranslated"] = 1.0
            quality.flags.append(Flag("untranslated", "error", f"the whole paragraph is still in"
                                                               f" {_NAMES.get(other, other)}: {_quote(tgt)}"))
            return
        if other is not None:
            quality.values["wrong_language"] = 1.0
            quality.flags.append(Flag("wrong-language", "error", f"the translation is in {_NAMES.get(other, other)},"
                                                                 f" not {_NAMES.get(self.tgt_lang, self.tgt_lang)}"))
            return
        if src and " ".join(src.split()).casefold() == " ".join(tgt.split()).casefold() and _WORDS.search(tgt) \
                and len(tgt) >= 20 and self.src_lang != self.tgt_lang:
            quality.values["untranslated"] = 1.0
            quality.flags.append(Flag("untranslated", "error", "the translation is identical to the source"))
            return
        left = language.untranslated_sentences(tgt, self.tgt_lang, self.src_lang)
        quality.values["untranslated"] = float(len(left))
        if left:
            quality.flags.append(Flag("untranslated", "error", f"{len(left)} sentence{'s' if len(left) > 1 else ''}"
                                                               f" left in {_NAMES[self.src_lang]}:"
                                                               f" {_quote(left[0])}"))

    def _repetition(self, tgt: str, quality: LinkQuality) -> None:
        quality.values["repeated"] = 0.0
        seen: set[str] = set()
        for sentence in split_sentences(tgt, self.tgt_lang):
            key = " ".join(_WORDS.findall(sentence.casefold()))
            if len(key) >= 15 and key in seen:
                quality.values["repeated"] = 1.0
                quality.flags.append(Flag("repetition", "error", f"sentence repeated: {_quote(sentence)}"))
                return
            seen.add(key)
        zh = profile(self.tgt_lang).unspaced  # written without spaces (Chinese): count characters, not words
        units = [c for c in tgt if c.isalnum()] if zh else _WORDS.findall(tgt.casefold())
        glue = "" if zh else " "
        n = SPAN_NGRAM["zh" if zh else "words"]
        span, start = _longest_repeat(units, n, _ngram_counts(units, n))
        # a long passage twice, or a short paragraph (a title) that is mostly one passage written twice
        if span >= REPEATED_SPAN["zh" if zh else "words"] or (span >= 2 * n and 2 * span >= 0.8 * len(units)):
            quality.values["repeated"] = 1.0
            quality.flags.append(Flag("repetition", "error", f"a passage of about {span}"
                                                             f" {'characters' if zh else 'words'} occurs twice:"
                                                             f" “{glue.join(units[start:start + n])}…”"))
            return
        loops = _ngram_counts(units, LOOP_NGRAM["zh" if zh else "words"])
        gram, count = max(loops.items(), key=lambda kv: kv[1], default=((), 0))
        if count >= LOOP_REPEATS:
            quality.values["repeated"] = 1.0
            quality.flags.append(Flag("repetition", "warn", f"“{glue.join(gram)}” occurs {count} times"))

    def _truncation(self, src: str, tgt: str, length_z: float | None, quality: LinkQuality) -> None:
        if not (_ENDS_SENTENCE.search(src) and _STOPS_MIDWAY.search(tgt)):
            return
        quality.values["truncated"] = 1.0
        end = f"“…{' '.join(tgt.split())[-40:]}”"
        if length_z is None or length_z <= TRUNCATION_MAX_Z:
            quality.flags.append(Flag("truncation", "error", f"the translation stops mid-sentence: {end}"))
        else:
            quality.flags.append(Flag("truncation", "warn", f"the translation ends where no sentence ends ({end}),"
                                                            " though its length is usual: check that nothing is"
                                                            " cut off"))

    def _clauses(self, src: str, tgt: str, quality: LinkQuality) -> None:
        """A clause dropped inside a long paragraph barely moves its length or similarity; within its
        sentence it upsets the clause lengths, shortens the sentence and takes a comma with it. Sentences are
        judged one by one where both sides have as many, else the whole link is (a Chinese ； or 。 often splits
        what Russian keeps as one sentence)."""
        if self.sentence_baseline is None or self.clause_model is None:
            return
        paired = self._sentence_pairs(src, tgt)
        judged = [(self._dropped_clause(s, t), n, s) for n, (s, t) in enumerate(paired or [(src, tgt)], 1)
                  if len(s) >= LENGTH_MIN_CHARS]
        if not judged:
            return
        strongest = max(judged, key=lambda item: item[0].evidence)
        shortest = min(judged, key=lambda item: item[0].shortfall)
        quality.values["clause_evidence"] = strongest[0].evidence
        quality.values["clause_z"] = shortest[0].shortfall
        flagged = [item for item in (strongest, shortest) if item[0].flagged]
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
                      f" one, best without {_quote(missing)}{''.join(f'; {sign}' for sign in signs)}")
        else:
            reason = f"{where} may miss part of {_quote(sentence)}: {' and '.join(signs)}"
        quality.flags.append(Flag("omission", "warn", reason))

    def _negation(self, src: str, tgt: str, quality: LinkQuality) -> None:
        if not self._negation_applies():
            return
        src_cues, tgt_cues = polarity.cues(src, self.src_lang), polarity.cues(tgt, self.tgt_lang)
        quality.values["negation_difference"] = float(len(tgt_cues) - len(src_cues))
        if len(src_cues) != len(tgt_cues):
            quality.flags.append(Flag("negation", "warn", f"the source has {_counted(src_cues, 'negation')},"
                                                          f" the translation {len(tgt_cues)}{_listed(tgt_cues)}:"
                                                          " the meaning may be reversed"))

    def _terms(self, findings: list[dict], quality: LinkQuality) -> None:
        problems = [f for f in findings if f.get("kind") != "ok"]
        quality.values["term_problems"] = float(len(problems))
        for f in problems:
            if f["kind"] == "forbidden":
                reason, severity = (f"term “{f['source_text']}” is rendered with the forbidden"
                                    f" “{f['target_text']}”; use “{f['expected']}”"), "error"
            elif f["kind"] == "missing":
                reason, severity = f"term “{f['source_text']}” is not rendered as “{f['expected']}”", "warn"
            else:
                reason, severity = (f"concept {f['concept']} is rendered inconsistently ({f['target_text']});"
                                    f" use “{f['expected']}”"), "warn"
            quality.flags.append(Flag("terms", severity, reason))
