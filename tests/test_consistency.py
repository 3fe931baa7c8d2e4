"""The consistency check (the same source translated differently; one translation for different sources) on real
sentences in several languages, and its admission list in qa.toml (a bad [consistency] table: test_qa_checks)."""
from __future__ import annotations

import pytest

from corpus.alignment import Alignment, Link
from corpus.model import make_document
from eval.checks import QualityChecker
from test_qa_checks import _profile

RU = "Стороны подтвердили приверженность принципам взаимного уважения и добрососедства."
OTHER_RU = "Стороны высоко оценили итоги первого саммита в Сиане."
# (target language, a translation of RU, the same in other case, spacing and punctuation, a different wording,
#  a translation of OTHER_RU)
CASES = [
    ("en", "The parties reaffirmed their commitment to mutual respect and good-neighbourliness.",
     "the parties reaffirmed their commitment to mutual respect and good neighbourliness",
     "The sides reaffirmed their commitment to mutual respect and good-neighbourliness.",
     "The parties praised the results of the first summit in Xi'an."),
    ("kk", "Тараптар өзара құрмет және тату көршілік қағидаттарына адалдығын растады.",
     "Тараптар өзара құрмет және тату көршілік қағидаттарына адалдығын растады",
     "Тараптар өзара құрмет және тату көршілік қағидаттарына берік екенін растады.",
     "Тараптар Сиандағы бірінші саммиттің қорытындысын жоғары бағалады."),
    ("zh", "各方重申恪守相互尊重、睦邻友好原则。", "各方重申恪守相互尊重 睦邻友好原则",
     "各方重申坚持相互尊重、睦邻友好原则。", "各方高度评价在西安举行的首届峰会成果。"),
]


def _assess(src_lang, tgt_lang, pairs, qa=None):
    source = make_document("s", src_lang, [s for s, _ in pairs])
    target = make_document("t", tgt_lang, [t for _, t in pairs], role="human")
    alignment = Alignment(src_lang, tgt_lang, [Link((k,), (k,)) for k in range(len(pairs))])
    return QualityChecker(source, target, alignment, None, ["consistency"], qa).assess().links


def _kinds(links):
    return [[f.check for f in link.flags] for link in links]


@pytest.mark.parametrize("lang, good, same, reworded, other", CASES)
def test_the_same_source_translated_differently_is_flagged_on_both_links(lang, good, same, reworded, other):
    assert _kinds(_assess("ru", lang, [(RU, good), (OTHER_RU, other), (RU, same)])) == [[], [], []]
    links = _assess("ru", lang, [(RU, good), (OTHER_RU, other), (RU, reworded)])
    assert _kinds(links) == [["inconsistent-translation"], [], ["inconsistent-translation"]]
    assert "paragraph 2" in links[0].flags[0].reason and "paragraph 0" in links[2].flags[0].reason


@pytest.mark.parametrize("lang, good, same, reworded, other", CASES)
def test_one_translation_for_different_sources_is_flagged(lang, good, same, reworded, other):
    links = _assess("ru", lang, [(RU, good), (OTHER_RU, other), (OTHER_RU.replace("первого", "второго"), other)])
    assert _kinds(links) == [[], ["shared-translation"], ["shared-translation"]]
    assert "«первого»" not in links[1].flags[0].reason and "первого" in links[2].flags[0].reason


def test_an_english_source_into_russian_and_the_difference_is_named():
    src = "The Parties support the development of the China–Central Asia mechanism."
    links = _assess("en", "ru", [(src, "Стороны поддерживают развитие механизма «Китай – Центральная Азия»."),
                                 (src, "Стороны поддерживают развитие формата «Китай – Центральная Азия».")])
    assert "here “механизма”, there “формата”" in links[0].flags[0].reason


def test_short_segments_numbers_and_names_left_as_they_are():
    links = _assess("ru", "en", [
        ("Да", "Yes"), ("Да", "Right"),  # one-word segments differ by chance
        ("Статья 1", "Article 1"), ("Статья 2", "Article 2"),  # numbers keep two sources apart
        ("Глава 3", "Chapter 3"), ("Раздел 3", "Chapter 3"),  # a two-word translation is shared by chance
        ("Shanghai Cooperation Organisation", "Shanghai Cooperation Organisation"),
        ("Шанхайская организация сотрудничества", "Shanghai Cooperation Organisation"),
        ("* * *", "—"), ("* * *", "***"),
    ])
    assert all(kinds == [] for kinds in _kinds(links))


def test_a_link_rechecked_after_an_edit_is_compared_with_the_other_links():
    pairs = [(RU, CASES[0][1]), (OTHER_RU, CASES[0][4]), (RU, CASES[0][1])]
    source = make_document("s", "ru", [s for s, _ in pairs])
    target = make_document("t", "en", [t for _, t in pairs], role="human")
    alignment = Alignment("ru", "en", [Link((k,), (k,)) for k in range(3)])
    checker = QualityChecker(source, target, alignment, None, ["consistency"])
    assert checker.assess_link(RU, CASES[0][1], alignment.links[2]).flags == []
    edited = checker.assess_link(RU, CASES[0][3], alignment.links[2])
    assert [f.check for f in edited.flags] == ["inconsistent-translation"]
    assert "paragraph 0" in edited.flags[0].reason


def test_qa_toml_admits_differences_by_source_or_translation(tmp_path):
    lang, good, _, reworded, other = CASES[0]
    pairs = [(RU, good), (OTHER_RU, other), (RU, reworded), (OTHER_RU + " Это важно.", other)]
    assert _kinds(_assess("ru", lang, pairs)) == [["inconsistent-translation"], ["shared-translation"],
                                                  ["inconsistent-translation"], ["shared-translation"]]
    # the source as written in the set (other case, no final stop) admits its renderings; a translation admits
    # the sources it is given to; other checks' flags on those links stay
    qa = _profile(tmp_path, '[consistency]\nadmit = [\n  "стороны подтвердили приверженность принципам взаимного'
                            ' уважения и добрососедства",\n  "The parties praised the results of the first summit'
                            ' in Xi\'an!",\n]\n')
    assert _kinds(_assess("ru", lang, pairs, qa)) == [[], [], [], []]
    assert qa.id != _profile(tmp_path, '[consistency]\nadmit = ["Общие положения"]\n').id
