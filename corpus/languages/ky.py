"""Kyrgyz: sentencex with Kyrgyz abbreviations, the Turkic suffix engine with four-way harmony."""
from __future__ import annotations

from . import turkic
from .profile import PROFILES, TOKENS_HYPHEN_JOINS, LanguageProfile, NumberWords, negation
from .ru import CYRILLIC, RUSSIAN_SCALES
from .segmentation import Abbreviations, Sentencex

LETTERS = frozenset("ңөү")

PROFILE = LanguageProfile(
    tag="ky",
    version=2,  # decades (1990 жылдар)
    name="Kyrgyz",
    scripts=("Cyrl",),
    # 2025-ж. (жылы), ж.б. (жана башкалар, "etc."), б.а. (башкача айтканда, "i.e.")
    sentences=Sentencex("ky", Abbreviations(words=frozenset({"ж.б.", "б.а.", "ж.", "ж.б.у.с."}),
                                            after_number=frozenset({"ж.", "жыл."}),
                                            number_before_capitals=True)),
    alphabet=CYRILLIC | LETTERS,
    marks=LETTERS,
    common_words=frozenset("жана менен боюнча бул ал деп жылы тууралуу тараптар кийин башка аркылуу мамлекеттер "
                           "жыйынтыгында катары".split()),
    decimal=",.",
    group="",
    quotes=(("«", "»"), ("„", "“")),
    dashes="—",
    # Kyrgyz uses the Russian month names, with Kyrgyz endings (июнда, майда)
    months=("январ", "феврал", "март", "апрел", r"май(?![^\W\d_])|майда|майын|майдагы", "июн", "июл", "август",
            "сентябр", "октябр", "ноябр", "декабр"),
    number_words=NumberWords({
        "бир": 1, "биринчи": 1, "эки": 2, "экинчи": 2, "үч": 3, "үчүнчү": 3, "төрт": 4, "төртүнчү": 4, "беш": 5,
        "бешинчи": 5, "алты": 6, "алтынчы": 6, "жети": 7, "жетинчи": 7, "сегиз": 8, "сегизинчи": 8, "тогуз": 9,
        "тогузунчу": 9, "он": 10, "онунчу": 10, "жыйырма": 20, "отуз": 30, "кырк": 40, "элүү": 50, "алтымыш": 60,
        "жетимиш": 70, "сексен": 80, "токсон": 90, "жүз": 100, "миң": 1000}),
    scale_words={"миң": 10 ** 3, **{k: v for k, v in RUSSIAN_SCALES.items() if v > 10 ** 3}},
    decade=r"(?<![\d.,])(?P<year>\d{3}0)\s?-?\s?жыл(?:дар|дары)\w*",
    # negative verb forms: -ба/-бе/-бо/-бө, -па..., -ма... before a tense or person ending (колдобойт, келбеди,
    # болбогон, бербейбиз); "гана эмес" is "not only"
    negation=negation(r"\b(?:эмес|жок|эч\s+качан|эч\s+бир|эч\s+ким)\b"
                      r"|\b\w+(?:ба|бе|бо|бө|па|пе|по|пө|ма|ме|мо|мө)(?:йт|йм|йб[ыиуү]з|йс[ыиуү]з|д[ыиуү]|г[аеоө]н)"
                      r"\w*\b",
                      r"\bгана\s+эмес\b"),
    morphology_factory=turkic.kyrgyz,
    tokens=TOKENS_HYPHEN_JOINS,
    capitalise_sentence_start=True,
    nllb="kir_Cyrl",
    m2m100=None,  # not among M2M100's languages
    marian=("ky", "kir", "kir_Cyrl"),
)
PROFILES.add(PROFILE.tag, PROFILE)
