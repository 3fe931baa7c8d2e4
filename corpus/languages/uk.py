"""Ukrainian: sentencex with Ukrainian abbreviations, pymorphy3 lemmas (its Ukrainian dictionary), decimal comma."""
from __future__ import annotations

from .morphology import Lemmas
from .profile import PROFILES, LanguageProfile, NumberWords, negation
from .segmentation import Abbreviations, Sentencex

LETTERS = frozenset("ґєії")
_CASES = r"(?:ень|ня|ні|нем)"

PROFILE = LanguageProfile(
    tag="uk",
    version=2,  # without/ohne/sans/без: prepositions, no negation cue
    name="Ukrainian",
    scripts=("Cyrl",),
    sentences=Sentencex("uk", Abbreviations(words=frozenset({"т.д.", "т.ч.", "т.п.", "ім.", "вул.", "ст.", "п.",
                                                             "див.", "напр.", "м.", "обл.", "р.", "рр."}),
                                            after_number=frozenset({"р.", "рр.", "ст."}))),
    alphabet=frozenset("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"),
    marks=LETTERS,
    common_words=frozenset("і й та в у на з до що як для від це його також які між".split()),
    decimal=",.",
    group="",
    quotes=(("«", "»"), ("„", "“")),
    dashes="—",
    months=(f"січ{_CASES}", r"лют(?:ий|ого|ому)", f"берез{_CASES}", f"квіт{_CASES}", f"трав{_CASES}", f"черв{_CASES}",
            f"лип{_CASES}", f"серп{_CASES}", f"верес{_CASES}", f"жовт{_CASES}", r"листопад(?:а|і|ом)?(?![^\W\d_])",
            f"груд{_CASES}"),
    number_words=NumberWords({
        "один": 1, "одна": 1, "одне": 1, "перший": 1, "першого": 1, "два": 2, "дві": 2, "двох": 2, "другий": 2,
        "три": 3, "трьох": 3, "третій": 3, "чотири": 4, "четвертий": 4, "п'ять": 5, "п’ять": 5, "пʼять": 5,
        "п'ятий": 5, "шість": 6, "шостий": 6, "сім": 7, "сьомий": 7, "вісім": 8, "восьмий": 8, "дев'ять": 9,
        "дев’ять": 9, "десять": 10, "десятий": 10, "двадцять": 20, "тридцять": 30, "сорок": 40, "п'ятдесят": 50,
        "сто": 100, "тисяча": 1000}),
    scale_words={"тис": 10 ** 3, "тисяч": 10 ** 3, "тисяча": 10 ** 3, "тисячі": 10 ** 3, "млн": 10 ** 6,
                 "мільйон": 10 ** 6, "мільйона": 10 ** 6, "мільйонів": 10 ** 6, "мільйони": 10 ** 6, "млрд": 10 ** 9,
                 "мільярд": 10 ** 9, "мільярда": 10 ** 9, "мільярдів": 10 ** 9, "мільярди": 10 ** 9,
                 "трлн": 10 ** 12, "трильйон": 10 ** 12},
    # "не лише/не тільки" is "not only"; the concessive не (хто б не прийшов, де б він не був) negates nothing
    negation=negation(r"\b(?:не(?!\s+лише)(?!\s+тільки)|ні|ніколи|нічого|немає|нема|жоден|жодна|жодне|жодних)\b",
                      r"\bб(?:и)?\s+(?:\w+\s+)?н[еі]\b"),
    morphology_factory=lambda: Lemmas("uk"),
    capitalise_sentence_start=True,
    nllb="ukr_Cyrl",
    m2m100="uk",
    marian=("uk", "ukr"),
)
PROFILES.add(PROFILE.tag, PROFILE)
