"""German: sentencex with German abbreviations, Snowball stems limited to inflectional endings, decimal comma.

German Billion is 10^12 and Milliarde 10^9: a translation that renders
"1,5 Milliarden" as "1.5 billion" is right, one with "1.5 Billion" is not.
"""
from __future__ import annotations

from .morphology import Stems
from .profile import PROFILES, TOKENS_HYPHEN_SEPARATES, LanguageProfile, NumberWords, negation
from .segmentation import Abbreviations, Sentencex

_NUMBERS = {
    "eins": 1, "ein": 1, "eine": 1, "erste": 1, "ersten": 1, "erster": 1, "zwei": 2, "zweite": 2, "zweiten": 2,
    "drei": 3, "dritte": 3, "dritten": 3, "vier": 4, "vierte": 4, "vierten": 4, "fünf": 5, "fünfte": 5,
    "fünften": 5, "sechs": 6, "sechste": 6, "sieben": 7, "siebte": 7, "acht": 8, "achte": 8, "neun": 9,
    "neunte": 9, "zehn": 10, "zehnte": 10, "elf": 11, "zwölf": 12, "zwanzig": 20, "dreißig": 30, "vierzig": 40,
    "fünfzig": 50, "sechzig": 60, "siebzig": 70, "achtzig": 80, "neunzig": 90, "hundert": 100, "tausend": 1000,
}
# a mountain by its height class: die vier pakistanischen Achttausender / les quatre « 8000 » pakistanais
_NUMBERS |= {f"{unit}tausender{ending}": value * 1000 for unit, value in _NUMBERS.items() if 5 <= value <= 8
             and not unit.endswith(("te", "ten")) for ending in ("", "n", "s")}

PROFILE = LanguageProfile(
    tag="de",
    version=4,  # & is "und" in terms
    name="German",
    scripts=("Latn",),
    sentences=Sentencex("de", Abbreviations(words=frozenset({
        "z.b.", "b.", "d.h.", "bzw.", "usw.", "vgl.", "nr.", "dr.", "prof.", "abs.", "art.", "ca.", "mio.", "mrd.",
        "s.", "u.a.", "z.", "h.", "i.", "st.", "str."}))),
    common_words=frozenset("der die das und in zu den von mit für ist auf dem des nicht sich eine einer".split()),
    decimal=",",
    group=".",
    quotes=(("„", "“"), ("»", "«")),
    dashes="–",
    months=("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
            "November", "Dezember"),
    months_case_sensitive=True,
    number_words=NumberWords(_NUMBERS),
    scale_words={"tausend": 10 ** 3, "mio": 10 ** 6, "million": 10 ** 6, "millionen": 10 ** 6, "mrd": 10 ** 9,
                 "milliarde": 10 ** 9, "milliarden": 10 ** 9, "billion": 10 ** 12, "billionen": 10 ** 12},
    decade=r"(?<![\d.,])(?P<year>\d{3}0)er\b",
    negation=negation(r"\b(?:nicht(?!\s+nur)|kein|keine|keinen|keinem|keiner|keines|nie|niemals|nichts|weder"
                      r"|niemand|nirgends)\b",
                      r"\bnicht\s+zuletzt\b"),
    morphology_factory=lambda: Stems("german", frozenset({"", "e", "en", "n", "s", "es", "er", "em", "ern", "ns",
                                                          "ens"})),
    tokens=TOKENS_HYPHEN_SEPARATES,
    articles=("der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines"),
    ampersand="und",
    capitalise_sentence_start=True,
    capitalises_nouns=True,
    nllb="deu_Latn",
    m2m100="de",
    marian=("de", "deu", "ger"),
)
PROFILES.add(PROFILE.tag, PROFILE)
