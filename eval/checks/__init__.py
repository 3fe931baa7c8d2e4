"""Reference-free quality checks of a translation, one aligned link (paragraph group) at a time.

The checks are a family (`CHECKS`, one module each in this package, the
`tilmash.checks` entry-point group for a user's own): omission and addition
(one-sided links), length, similarity, numbers, untranslated, wrong-language,
repetition, truncation, dropped-clause, negation and terms, and the mechanical checks of QA tools:
identifiers (URLs, e-mails, hashtags), placeholders (tags), end-punctuation, brackets (and quotes), spacing,
capitalisation and repeated-words, and consistency (the same source translated differently, one translation
for different sources). Each gives values
and, past its thresholds, a `Flag` with a reason a reviewer can act on; see
`eval.checks.base` for how a check learns what is normal from the document.

A link's status is the worst severity among its flags (`ok` without flags).
The per-language score is the share of the document, weighted by characters
(source characters; target characters for an added paragraph), whose links
are ok, counting a warn link half: 100 means no flag, 0 means every link has
an error. It ranks documents and shows progress between versions; it is not
an estimate of BLEU or of human judgement.

eval never imports align or glossaries: the embedder (anything with `id` and
`encode(texts, lang) -> L2-normalised rows`) and the glossary findings
(`corpus.findings.TermFinding`) are arguments.
"""
from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from corpus.alignment import Alignment, Link
from corpus.findings import TermFinding
from corpus.languages import profile
from corpus.model import Document
from corpus.registry import discover
from corpus.signature import Signature, short_hash

from .base import (CHECKS, SEVERITIES, Baseline, Check, Embedder, Flag, LinkInput, LinkQuality, PairContext,
                   PairQuality, register)

if TYPE_CHECKING:
    from ..qa_profile import QAProfile

discover(sys.modules[__name__])

# what Flag.check can say (a check may raise several)
FLAG_KINDS = ("similarity", "length", "numbers", "untranslated", "wrong-language", "repetition", "truncation",
              "omission", "addition", "negation", "terms", "identifiers", "placeholders", "punctuation", "brackets",
              "spacing", "capitalisation", "repeated-words", "inconsistent-translation",
              "shared-translation", "spelling")


def score_of(links: list[LinkQuality], weights: list[int]) -> float:
    """100 x the character-weighted share of ok links, a warn link counting half (see the module docstring)."""
    credit = {"ok": 1.0, "warn": 0.5, "error": 0.0}
    total = sum(weights)
    if not total:
        return 0.0 if links else 100.0
    return 100.0 * sum(w * credit[link.status] for link, w in zip(links, weights)) / total


def check_names(selection: Sequence[str] | None = None) -> list[str]:
    """The checks to run: the default ones (every registered check but those asked for by name only, such as
    spelling), or the selection, validated against the family."""
    if selection is None:
        return [name for name, cls in CHECKS.items() if cls.default]
    for name in selection:
        CHECKS.get(name)  # an unknown name raises, listing the known ones
    return list(dict.fromkeys(selection))


def quality_signature(checks: Sequence[type[Check]], embedder: Embedder | None, src_lang: str = "",
                      tgt_lang: str = "", qa: str | None = None) -> Signature:
    """`quality:checks|checks:a+b+..|thresholds:<hash>|embedder:..|profiles:ru-1+en-1|version:..`: the profiles
    hold the per-language knowledge checks use (number words, negation cues, sentence splitting)."""
    settings = {check.name: check.thresholds for check in checks}
    profiles = f"{profile(src_lang).signature_id}+{profile(tgt_lang).signature_id}" if src_lang and tgt_lang else None
    return Signature.make("quality", "checks", checks="+".join(check.name for check in checks),
                          thresholds=short_hash(settings), embedder=embedder.id if embedder is not None else "none",
                          profiles=profiles, qa=qa)


class QualityChecker:
    """Built once per language pair: every selected check learns the pair's own distributions from the
    aligned document, so later single-link checks are judged against the same baseline."""

    def __init__(self, source: Document, target: Document, alignment: Alignment,
                 embedder: Embedder | None = None, checks: Sequence[str] | None = None,
                 qa: "QAProfile | None" = None, known_words: Iterable[str] = ()) -> None:
        """`checks` (a `--checks` selection) overrides the profile's; `qa` (eval.qa_profile, the set's qa.toml)
        sets severities and drops admitted flags on every link judged, in `assess` and `assess_link` alike;
        `known_words` (the term base's terms) and the profile's `[spelling] known` words are words the spelling
        check must not flag."""
        self.pair = PairContext(source, target, alignment, embedder,
                                (*known_words, *(qa.known if qa is not None else ())))
        self.qa = qa
        if checks is None and qa is not None:
            checks = qa.checks
        self.src_lang, self.tgt_lang = source.lang, target.lang
        self.alignment, self.embedder = alignment, embedder
        classes = sorted((CHECKS.get(name) for name in check_names(checks)), key=lambda cls: cls.order)
        self.checks = [cls(self.pair) for cls in classes]
        self._similarity = any(check.name == "similarity" for check in self.checks)
        self.signature = str(quality_signature(classes, embedder, source.lang, target.lang,
                                               qa.id if qa is not None else None))

    def member(self, name: str) -> Check:
        """The running instance of one selected check (what it learnt from this document)."""
        found = next((check for check in self.checks if check.name == name), None)
        if found is None:
            raise KeyError(f"the {name!r} check is not selected")
        return found

    @property
    def texts(self) -> list[tuple[str, str]]:
        """(source, target) text of every link of the alignment."""
        return self.pair.texts

    def notes(self) -> list[str]:
        """What the checks cannot judge in this document, for the report to say."""
        return [note for check in self.checks for note in check.notes()]

    def assess(self, term_findings: list[TermFinding] | None = None) -> PairQuality:
        """Every link of the document, its similarities embedded in one batch; the glossary findings are
        matched to links by their (src, tgt) ids, so findings of another alignment are not misplaced."""
        by_link: dict[tuple[tuple[int, ...], tuple[int, ...]], list[TermFinding]] = {}
        for finding in term_findings or []:
            by_link.setdefault((tuple(finding.src), tuple(finding.tgt)), []).append(finding)
        similarities = self.pair.similarities if self._similarity else {}
        links = [self._check(src, tgt, link, similarities.get(k), by_link.get((link.src, link.tgt), []))
                 for k, (link, (src, tgt)) in enumerate(zip(self.alignment.links, self.texts))]
        weights = [len(src) or len(tgt) for src, tgt in self.texts]
        return PairQuality(self.src_lang, self.tgt_lang, links, score_of(links, weights), self.notes(),
                           self.signature)

    def assess_link(self, src_text: str, tgt_text: str, link: Link, term_findings: list[TermFinding] | None = None,
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
        return self._similarity and self.pair.embeds(src_text, tgt_text)

    def cosines(self, pairs: list[tuple[str, str]]) -> list[float | None]:
        return self.pair.cosines(pairs)

    def _check(self, src: str, tgt: str, link: Link, similarity: float | None,
               findings: list[TermFinding]) -> LinkQuality:
        quality = LinkQuality(tuple(link.src), tuple(link.tgt))
        item = LinkInput(self.pair, src, tgt, link, similarity, findings)
        shape = item.shape
        for check in self.checks:
            if shape in check.shapes:
                check.check(item, quality)
        if self.qa is not None:
            self.qa.apply(quality, (src, tgt))
        return quality


__all__ = ["CHECKS", "FLAG_KINDS", "SEVERITIES", "Baseline", "Check", "Embedder", "Flag", "LinkInput", "LinkQuality",
           "PairContext", "PairQuality", "QualityChecker", "check_names", "quality_signature", "register", "score_of"]
