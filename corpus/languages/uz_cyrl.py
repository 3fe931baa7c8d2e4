"""Uzbek in Cyrillic script: sentencex with Uzbek abbreviations, the Turkic suffix engine, no harmony."""
from __future__ import annotations

from . import turkic
from .profile import PROFILES, TOKENS_HYPHEN_JOINS, LanguageProfile, NumberWords, negation
from .segmentation import Abbreviations, Sentencex

LETTERS = frozenset("ўқғҳ")

PROFILE = LanguageProfile(
    tag="uz-Cyrl",
    name="Uzbek (Cyrillic)",
    scripts=("Cyrl",),
    sentences=Sentencex("uz", Abbreviations(words=frozenset({"й.", "ва ҳ.к.", "ҳ.к.", "ш.", "т."}),
                                            initials=frozenset({"ш", "ч", "ў", "ғ"}),
                                            after_number=frozenset({"й.", "йил."}),
                                            number_before_capitals=True)),
    # the 1956 alphabet, without щ and ы
    alphabet=frozenset("абвгдеёжзийклмнопрстуфхцчшъьэюя") | LETTERS,
    marks=LETTERS,
    common_words=frozenset("ва билан учун бу ҳам бўйича ҳақида йил йили томонлар давлатлар ўртасида ҳамда".split()),
    decimal=",.",
    group="",
    quotes=(("«", "»"), ("„", "“")),
    dashes="—",
    months=("январ", "феврал", "март", "апрел", r"май(?![^\W\d_])|майда|майнинг", "июн", "июл", "август",
            "сентябр", "октябр", "ноябр", "декабр"),
    number_words=NumberWords({
        "бир": 1, "биринчи": 1, "икки": 2, "иккинчи": 2, "уч": 3, "учинчи": 3, "тўрт": 4, "тўртинчи": 4,
        "беш": 5, "бешинчи": 5, "олти": 6, "олтинчи": 6, "етти": 7, "еттинчи": 7, "саккиз": 8, "саккизинчи": 8,
        "тўққиз": 9, "тўққизинчи": 9, "ўн": 10, "ўнинчи": 10, "йигирма": 20, "ўттиз": 30, "қирқ": 40, "эллик": 50,
        "олтмиш": 60, "етмиш": 70, "саксон": 80, "тўқсон": 90, "юз": 100, "минг": 1000}),
    scale_words={"минг": 10 ** 3, "млн": 10 ** 6, "миллион": 10 ** 6, "млрд": 10 ** 9, "миллиард": 10 ** 9,
                 "трлн": 10 ** 12, "триллион": 10 ** 12},
    negation=negation(r"\b(?:эмас|йўқ|ҳеч\s+қачон|ҳеч\s+бир|ҳеч\s+ким)\b"
                      r"|\b\w+ма(?:йди|йман|ймиз|йсиз|йдилар|ди|дим|дик|ган|син|слик)\b"),
    morphology_factory=turkic.uzbek_cyrillic,
    tokens=TOKENS_HYPHEN_JOINS,
    capitalise_sentence_start=True,
    nllb=None,  # NLLB-200 has Uzbek in Latin script only
    m2m100=None,
    marian=("uz_Cyrl", "uzb_Cyrl"),
)
PROFILES.add(PROFILE.tag, PROFILE)
