"""Turkish: sentencex with Turkish abbreviations, the Turkic suffix engine (apostrophe after names: BM'nin)."""
from __future__ import annotations

from . import turkic
from .profile import PROFILES, TOKENS_APOSTROPHE_JOINS, LanguageProfile, NumberWords, negation
from .segmentation import Abbreviations, Sentencex

PROFILE = LanguageProfile(
    tag="tr",
    version=2,  # frequent words without bu and bir
    name="Turkish",
    scripts=("Latn",),
    sentences=Sentencex("tr", Abbreviations(words=frozenset({"dr.", "prof.", "doç.", "vb.", "vs.", "örn.", "bkz.",
                                                             "sn.", "no.", "md.", "s."}))),
    # not bu and bir, which Uzbek and Turkmen share (an Uzbek news paragraph with three of them read as Turkish)
    common_words=frozenset("ve ile için olarak göre arasında taraflar ülkeler ayrıca daha gibi olan kadar sonra"
                           " tarafından".split()),
    decimal=",",
    group=".",
    quotes=(("“", "”"), ("‘", "’")),
    dashes="—–",
    months=("ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "ekim", "kasım",
            "aralık"),
    number_words=NumberWords({
        "bir": 1, "birinci": 1, "iki": 2, "ikinci": 2, "üç": 3, "üçüncü": 3, "dört": 4, "dördüncü": 4, "beş": 5,
        "beşinci": 5, "altı": 6, "altıncı": 6, "yedi": 7, "yedinci": 7, "sekiz": 8, "sekizinci": 8, "dokuz": 9,
        "dokuzuncu": 9, "on": 10, "onuncu": 10, "yirmi": 20, "otuz": 30, "kırk": 40, "elli": 50, "altmış": 60,
        "yetmiş": 70, "seksen": 80, "doksan": 90, "yüz": 100, "bin": 1000}),
    scale_words={"bin": 10 ** 3, "milyon": 10 ** 6, "mn": 10 ** 6, "milyar": 10 ** 9, "mlr": 10 ** 9,
                 "trilyon": 10 ** 12},
    # negative verbs (desteklemiyor, olmaz, gelmedi, olmamalı) and değil, yok, hiç; "sadece/yalnızca ... değil"
    # is "not only"; -sız/-siz ("without", nükleersiz) is lexical like the Russian без- prefix
    negation=negation(r"\b(?:değil|yok|hiç|hiçbir|asla|ne\s+de)\b"
                      r"|\b\w+(?:mıyor|miyor|muyor|müyor|maz|mez|madı|medi|mamış|memiş|mayacak|meyecek|mamalı"
                      r"|memeli|mayan|meyen|madan|meden)\w*\b",
                      r"\b(?:sadece|yalnızca|yalnız)\s+(?:\w+\s+){0,3}değil\b"),
    morphology_factory=turkic.turkish,
    tokens=TOKENS_APOSTROPHE_JOINS,
    capitalise_sentence_start=True,
    nllb="tur_Latn",
    m2m100="tr",
    marian=("tr", "tur"),
)
PROFILES.add(PROFILE.tag, PROFILE)
