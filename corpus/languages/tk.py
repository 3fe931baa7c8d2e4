"""Turkmen (Latin script): sentencex with Turkmen abbreviations, the Turkic suffix engine.

Turkmen is outside the embedder's training languages (see corpus.languages.coverage).
"""
from __future__ import annotations

from . import turkic
from .profile import PROFILES, TOKENS_APOSTROPHE_JOINS, LanguageProfile, NumberWords, negation
from .segmentation import Abbreviations, Sentencex

PROFILE = LanguageProfile(
    tag="tk",
    name="Turkmen",
    scripts=("Latn",),
    # 2025 ý. (ýyl, "year"), ş. (şäher, "city"), we ş.m. ("etc.")
    sentences=Sentencex("tk", Abbreviations(words=frozenset({"ş.", "ş.m.", "we ş.m.", "b."}),
                                            after_number=frozenset({"ý.", "ýyl."}),
                                            number_before_capitals=True)),
    common_words=frozenset("we bilen üçin boýunça bu şu hem ýyl ýylyň taraplar döwletler arasynda".split()),
    decimal=",.",
    group="",
    quotes=(("“", "”"), ("«", "»")),
    dashes="—–",
    months=("ýanwar", "fewral", "mart", "aprel", r"maý", "iýun", "iýul", "awgust", "sentýabr", "oktýabr", "noýabr",
            "dekabr"),
    number_words=NumberWords({
        "bir": 1, "birinji": 1, "iki": 2, "ikinji": 2, "üç": 3, "üçünji": 3, "dört": 4, "dördünji": 4, "bäş": 5,
        "bäşinji": 5, "alty": 6, "altynjy": 6, "ýedi": 7, "ýedinji": 7, "sekiz": 8, "sekizinji": 8, "dokuz": 9,
        "dokuzynjy": 9, "on": 10, "onunjy": 10, "ýigrimi": 20, "otuz": 30, "kyrk": 40, "elli": 50, "altmyş": 60,
        "ýetmiş": 70, "segsen": 80, "togsan": 90, "ýüz": 100, "müň": 1000}),
    scale_words={"müň": 10 ** 3, "mln": 10 ** 6, "million": 10 ** 6, "mlrd": 10 ** 9, "milliard": 10 ** 9,
                 "trln": 10 ** 12, "trillion": 10 ** 12},
    # negative verbs: -ma/-me before a tense or person ending (goldamaýar, gelmedi, bolmajak); "diňe ... däl"
    # is "not only"
    negation=negation(r"\b(?:däl|ýok|hiç\s+haçan|hiç\s+bir|hiç\s+kim)\b"
                      r"|\b\w+(?:ma|me)(?:ýar|ýär|ýas|ýäs|dy|di|ly|li|jak|jek|ýan|ýän)\w*\b",
                      r"\bdiňe\s+(?:\w+\s+){0,3}däl\b"),
    morphology_factory=turkic.turkmen,
    tokens=TOKENS_APOSTROPHE_JOINS,
    capitalise_sentence_start=True,
    nllb="tuk_Latn",
    m2m100=None,
    marian=("tk", "tuk", "tuk_Latn"),
    weak_embedding=True,
)
PROFILES.add(PROFILE.tag, PROFILE)
