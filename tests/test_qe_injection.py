"""The error-injection benchmark's machinery on a small fixed-seed sample: a floor for the types the
checks are built to catch (numbers, untranslated, wrong language, duplication, truncation, negation),
and lower ones for dropped clauses, which the clause check finds about three times in four."""
from __future__ import annotations

import pytest

from align.io import read_fitting_alignment
from eval.checks import QualityChecker, check_names
from eval.inject import DETECTED_BY, Detection, detection, inject


def _detect(docset, lang, foreign, kind, count=8, seed=7, checks=None):
    source = docset.source()
    entries = {e.lang: e for e in docset.translations()}
    doc, other = docset.read(entries[lang]), docset.read(entries[foreign])
    alignment = read_fitting_alignment(docset.gold_path(entries[lang]), len(source), len(doc))
    other_alignment = read_fitting_alignment(docset.gold_path(entries[foreign]), len(source), len(other))
    texts = {link.src[0]: other.paragraphs[link.tgt[0]].text for link in other_alignment.links if link.kind == "1-1"}
    copy = inject(source, doc, alignment, kind, count=count, seed=seed, foreign=texts)
    assert len(copy.injections) == count
    assert copy.document.meta["synthetic"] is True and copy.document.set_id.endswith("-synthetic")
    assert docset.read(entries[lang]).texts() == doc.texts()  # the corpus file is untouched
    untouched = QualityChecker(source, doc, alignment, checks=checks).assess()
    quality = QualityChecker(copy.source or source, copy.document, alignment, checks=checks).assess()
    return detection(quality, copy.injections, DETECTED_BY[kind], untouched)


@pytest.mark.parametrize("lang, foreign", [("en", "zh"), ("kk", "en")])
@pytest.mark.parametrize("kind", ["number", "untranslated", "wrong-language", "duplication", "truncation",
                                  "negation"])
def test_injected_errors_are_found_with_few_false_flags(docset, lang, foreign, kind):
    result = _detect(docset, lang, foreign, kind)
    assert result.recall >= 0.85 and result.precision >= 0.85, (result, kind, lang)


@pytest.mark.parametrize("lang, foreign", [("en", "zh"), ("kk", "en")])
def test_some_dropped_clauses_are_found_without_false_flags(docset, lang, foreign):
    result = _detect(docset, lang, foreign, "dropped-clause")
    assert result.recall >= 0.3 and result.precision >= 0.9, (result, lang)


def test_most_dropped_clauses_are_found_in_all_three_languages(docset):
    """Twelve clauses dropped from each translation: the clause alignment finds three in four (the sentence
    length check alone found half), with few false flags."""
    result = Detection()
    for lang, foreign in (("en", "zh"), ("zh", "kk"), ("kk", "en")):
        result.add(_detect(docset, lang, foreign, "dropped-clause", count=12, seed=2))
    assert result.recall >= 0.65 and result.precision >= 0.95, result


@pytest.mark.parametrize("lang, foreign", [("en", "zh"), ("zh", "kk"), ("kk", "en")])
@pytest.mark.parametrize("kind", ["inconsistent-translation", "shared-translation"])
def test_injected_inconsistencies_are_found_on_both_links(docset, lang, foreign, kind):
    """Four pairs of links per copy: a repeated source (its final stop dropped) with a reworded translation, or
    one translation given to two sources."""
    result = _detect(docset, lang, foreign, kind, checks=["consistency"])
    assert result.recall >= 0.95 and result.precision >= 0.95, (result, kind, lang)


def test_injected_misspellings_are_found_in_english(docset):
    result = _detect(docset, "en", "zh", "misspelling", checks=[*check_names(), "spelling"])
    assert result.recall >= 0.85 and result.precision >= 0.9, result
