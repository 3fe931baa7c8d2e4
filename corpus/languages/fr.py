"""French: sentencex with French abbreviations, Snowball stems limited to inflectional endings, elided articles
as words of their own (l'Organisation), decimal comma.

Written French negates with ne/n' plus pas, plus, jamais..., so only ne/n' is
counted (once per negated clause, as English "not" is); the restrictive
ne ... que ("only") and the expletive ne (avant qu'il ne parte) are not
negations. Billion is 10^12 and milliard 10^9.
"""
from __future__ import annotations

import re

from .morphology import Stems
from .profile import PROFILES, PUNCT, LanguageProfile, NumberWords, negation
from .segmentation import Abbreviations, Sentencex

_NUMBERS = {
    "un": 1, "une": 1, "premier": 1, "première": 1, "deux": 2, "deuxième": 2, "second": 2, "seconde": 2, "trois": 3,
    "troisième": 3, "quatre": 4, "quatrième": 4, "cinq": 5, "cinquième": 5, "six": 6, "sixième": 6, "sept": 7,
    "septième": 7, "huit": 8, "huitième": 8, "neuf": 9, "neuvième": 9, "dix": 10, "dixième": 10, "onze": 11,
    "douze": 12, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100,
    "mille": 1000,
}
_ELIDED = r"(?i:\b(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’])"

PROFILE = LanguageProfile(
    tag="fr",
    version=4,  # & is "et" in terms
    name="French",
    scripts=("Latn",),
    sentences=Sentencex("fr", Abbreviations(words=frozenset({"m.", "mm.", "mme.", "mlle.", "dr.", "p.", "art.",
                                                             "etc.", "cf.", "n°", "no.", "av.", "bd.", "st.", "ste."}))),
    common_words=frozenset("le la les de des du et en un une est pour dans que qui sur au aux par".split()),
    decimal=",",
    group="",
    quotes=(("«", "»"), ("“", "”")),
    space_before=";:!?»",
    dashes="–—",
    months=("janvier", "février", "mars", "avril", r"mai(?![^\W\d_])", "juin", "juillet", "août", "septembre",
            "octobre", "novembre", "décembre"),
    number_words=NumberWords(_NUMBERS),
    scale_words={"mille": 10 ** 3, "million": 10 ** 6, "millions": 10 ** 6, "milliard": 10 ** 9,
                 "milliards": 10 ** 9, "billion": 10 ** 12, "billions": 10 ** 12},
    decade=r"\bann[ée]es\s+(?:(?P<year>\d{3}0)|(?P<tens>\d0))(?!\d)",
    # rien negates without ne (Rien de nouveau à signaler); jamais in a question is "ever" (combien ont jamais vu
    # un blaireau ?), and a question that negates has its ne
    negation=negation(r"\b(?:ne|n['’](?=\w)|non(?![\s-]+seulement)|jamais|aucun|aucune|rien)\b(?!['’])"
                      r"|\bn['’]",
                      r"\bn(?:e\s+|['’])(?:(?!pas\b|plus\b|jamais\b|rien\b|guère\b|point\b|aucun)\w+\s+){1,2}"
                      r"qu(?:e\b|['’])",
                      r"\b(?:avant|à\s+moins)\s+qu(?:e\s+|['’])\w+\s+ne\b",
                      r"\bjamais\b(?=[^.!?]*\?)"),
    morphology_factory=lambda: Stems("french", frozenset({"", "s", "x", "e", "es", "al", "aux", "ale", "ales"})),
    tokens=re.compile(_ELIDED + r"|\w+|-" + PUNCT),
    articles=("le", "la", "les", "l'", "l’", "un", "une", "des"),
    ampersand="et",
    capitalise_sentence_start=True,
    nllb="fra_Latn",
    m2m100="fr",
    marian=("fr", "fra", "fre"),
)
PROFILES.add(PROFILE.tag, PROFILE)
