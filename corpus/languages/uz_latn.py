"""Uzbek in Latin script: sentencex with Uzbek initials (Sh., Ch.), the Turkic suffix engine, no harmony."""
from __future__ import annotations

from . import turkic
from .profile import PROFILES, TOKENS_UZ_LATIN, LanguageProfile, NumberWords, negation
from .segmentation import Abbreviations, Sentencex

_A = "[ʻ'‘’`ʼ]"  # the sign of oʻ and gʻ, as texts actually write it

# frequent words, in each way texts write the sign of oʻ and gʻ (news: edi, deb, dedi, esa, boʻlgan)
_SPELLINGS = frozenset(word.replace("ʻ", sign) for word in (
    "va bilan uchun bu ham boʻyicha haqida yil yili tomonlar davlatlar oʻrtasida hamda qilish edi deb dedi esa"
    " boʻlgan yoki uning".split()) for sign in "ʻ‘'’`ʼ")

_NUMBERS = {
    "bir": 1, "birinchi": 1, "ikki": 2, "ikkinchi": 2, "uch": 3, "uchinchi": 3, "toʻrt": 4, "toʻrtinchi": 4,
    "besh": 5, "beshinchi": 5, "olti": 6, "oltinchi": 6, "yetti": 7, "yettinchi": 7, "sakkiz": 8,
    "sakkizinchi": 8, "toʻqqiz": 9, "toʻqqizinchi": 9, "oʻn": 10, "oʻninchi": 10, "yigirma": 20, "oʻttiz": 30,
    "qirq": 40, "ellik": 50, "oltmish": 60, "yetmish": 70, "sakson": 80, "toʻqson": 90, "yuz": 100,
    "ming": 1000}

PROFILE = LanguageProfile(
    tag="uz-Latn",
    version=2,  # number words with any sign of oʻ and with the counter -ta
    name="Uzbek (Latin)",
    scripts=("Latn",),
    sentences=Sentencex("uz", Abbreviations(words=frozenset({"y.", "va h.k.", "h.k.", "sh.", "t.", "r.", "b."}),
                                            initials=frozenset({"sh", "ch", "oʻ", "gʻ", "o'", "g'"}),
                                            after_number=frozenset({"y.", "yil."}),
                                            number_before_capitals=True)),
    common_words=_SPELLINGS,
    # ‘ is the sign only after o and g; after another letter it is a quotation mark
    letter_sign=r"(?<=[oOgG])[‘ʻ`](?=[^\W\d_])|(?<=[^\W\d_])[’ʼ'](?=[^\W\d_])",
    decimal=",.",
    group="",
    quotes=(("“", "”"), ("«", "»")),
    dashes="—–",
    months=("yanvar", "fevral", "mart", "aprel", r"may(?![^\W\d_])|mayda|mayning", "iyun", "iyul", "avgust",
            "senty?abr", "okty?abr", "noyabr", "dekabr"),
    # each way texts write the sign of oʻ and gʻ, and with the counter -ta (yettita sahifa "seven pages")
    number_words=NumberWords({spelling: value for word, value in _NUMBERS.items() for sign in "ʻ‘'’`ʼ"
                              for spelling in (word.replace("ʻ", sign), word.replace("ʻ", sign) + "ta")},
                             word=rf"[^\W\d_]+(?:{_A}[^\W\d_]+)*"),
    scale_words={"ming": 10 ** 3, "mln": 10 ** 6, "million": 10 ** 6, "mlrd": 10 ** 9, "milliard": 10 ** 9,
                 "trln": 10 ** 12, "trillion": 10 ** 12},
    decade=r"(?<![\d.,])(?P<year>\d{3}0)\s?-?\s?yil(?:lar|larda|lardan|larning|larga|lari)\b",
    negation=negation(rf"\b(?:emas|yo{_A}q|hech\s+qachon|hech\s+bir|hech\s+kim)\b"
                      r"|\b\w+ma(?:ydi|yman|ymiz|ysiz|ydilar|di|dim|dik|gan|sin|slik)\b"),
    morphology_factory=turkic.uzbek_latin,
    tokens=TOKENS_UZ_LATIN,
    capitalise_sentence_start=True,
    nllb="uzn_Latn",
    m2m100="uz",
    marian=("uz", "uzb", "uzb_Latn", "uzn_Latn"),
)
PROFILES.add(PROFILE.tag, PROFILE)
