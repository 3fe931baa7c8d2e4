"""Terminology check of a translation against the term base, link by link.

For every source term occurrence in an aligned link the target side is
`ok` (an admitted rendering of the concept is there), `forbidden`,
`superseded` or `deprecated` (only a rendering with that status is there;
the worst one found is reported) or `missing` (none). A do-not-translate
concept is `ok` only where its term stands in the target unchanged. Across the document a
source term rendered in more than one way is `inconsistent` (different
source terms, such as Казахстан and Республика Казахстан, may differ). `term_accuracy` is
the share of source occurrences whose aligned target holds an admitted
rendering: the exact-match terminology measure of the WMT shared task.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from corpus.alignment import Link
from corpus.findings import REJECTED, TermFinding
from corpus.languages import profile, short_tag
from corpus.progress import progress
from corpus.segmenter import join_segments
from corpus.signature import Signature

from .matching import MATCHER_VERSION, Match, Matcher, canonical
from .model import TermBase


def terms_signature(termbase: TermBase, src_lang: str, tgt_lang: str) -> Signature:
    """`terms:glossary|termbase:<sha256>|concepts:N|matcher:<version>|profiles:ru-1+kk-1|version:..`: which base,
    matched how, with which languages' morphology (a generic profile matches surface forms only)."""
    return Signature.make("terms", "glossary", termbase=termbase.sha256 or None, concepts=len(termbase),
                          matcher=MATCHER_VERSION,
                          profiles=f"{profile(src_lang).signature_id}+{profile(tgt_lang).signature_id}")


@dataclass
class CheckResult:
    src_lang: str
    tgt_lang: str
    findings: list[TermFinding] = field(default_factory=list)
    signature: str = ""

    @property
    def occurrences(self) -> int:
        return sum(1 for f in self.findings if f.kind != "inconsistent")

    @property
    def term_accuracy(self) -> float:
        """Share of source term occurrences rendered admissibly; 1.0 when the source has none."""
        total = self.occurrences
        return sum(1 for f in self.findings if f.kind == "ok") / total if total else 1.0

    def problems(self) -> list[TermFinding]:
        return [f for f in self.findings if f.kind != "ok"]

    def as_dict(self) -> dict:
        return {"src_lang": self.src_lang, "tgt_lang": self.tgt_lang, "term_accuracy": round(self.term_accuracy, 4),
                "occurrences": self.occurrences, "signature": self.signature,
                "findings": [f.as_dict() for f in self.findings]}


def joined(texts: list[str], ids: tuple[int, ...], lang: str) -> str:
    """The text of one side of a link."""
    return join_segments((texts[i] for i in ids), lang)


def check(termbase: TermBase, src_texts: list[str], tgt_texts: list[str], links: list[Link],
          src_lang: str, tgt_lang: str, matchers: tuple[Matcher, Matcher] | None = None) -> CheckResult:
    """Check every link; `links` come from any aligner (or a gold file). A caller that checks one
    link at a time (the review workbench, on every save) passes the (source, target) `matchers`
    it keeps, since compiling the term base costs more than checking a paragraph."""
    source, target = matchers or (Matcher(termbase, src_lang), Matcher(termbase, tgt_lang))
    result = CheckResult(short_tag(src_lang), short_tag(tgt_lang),  # as people write them: zh, not zh-Hans
                         signature=str(terms_signature(termbase, src_lang, tgt_lang)))
    # concept -> source term (normalised) -> target term (normalised) -> first link where it was seen
    renderings: dict[str, dict[str, dict[str, tuple[tuple[int, ...], tuple[int, ...]]]]] = {}
    for link in progress(links, f"checking {src_lang}-{tgt_lang} terms", unit="link", delay=2):
        if not link.src:
            continue
        found_src = source.find(joined(src_texts, link.src, src_lang))
        found_tgt: list[Match] = target.find(joined(tgt_texts, link.tgt, tgt_lang)) if link.tgt else []
        for occurrence in found_src:
            concept = termbase[occurrence.concept]
            expected = concept.terms[tgt_lang].preferred
            same = [m for m in found_tgt if m.concept == occurrence.concept]
            admitted = [m for m in same if m.kind not in REJECTED]
            rejected = sorted((m for m in same if m.kind in REJECTED), key=lambda m: REJECTED.index(m.kind))
            if admitted:
                kind, shown = "ok", admitted[0]
            elif rejected:
                kind, shown = rejected[0].kind, rejected[0]
            else:
                kind, shown = "missing", None
            result.findings.append(TermFinding(link.src, link.tgt, occurrence.concept, kind,
                                           occurrence.text, shown.text if shown else "", expected))
            if shown is not None:
                seen = renderings.setdefault(occurrence.concept, {}).setdefault(canonical(occurrence.term), {})
                seen.setdefault(canonical(shown.term), (link.src, link.tgt))
    for concept_id, by_source in renderings.items():
        for forms in by_source.values():
            if len(forms) > 1:
                src, tgt = next(iter(forms.values()))
                result.findings.append(TermFinding(src, tgt, concept_id, "inconsistent", "", " | ".join(sorted(forms)),
                                               termbase[concept_id].terms[tgt_lang].preferred))
    return result
