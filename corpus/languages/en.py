"""English: razdel sentences, Snowball stems limited to plural and possessive endings, decimal point."""
from __future__ import annotations

from .morphology import Stems
from .profile import PROFILES, TOKENS_HYPHEN_SEPARATES, LanguageProfile, NumberWords, negation
from .segmentation import Abbreviations, Razdel

_NUMBERS = {
    "one": 1, "first": 1, "two": 2, "second": 2, "three": 3, "third": 3, "four": 4, "fourth": 4, "five": 5,
    "fifth": 5, "six": 6, "sixth": 6, "seven": 7, "seventh": 7, "eight": 8, "eighth": 8, "nine": 9,
    "ninth": 9, "ten": 10, "tenth": 10, "eleven": 11, "eleventh": 11, "twelve": 12, "twelfth": 12,
    "thirteen": 13, "thirteenth": 13, "fourteen": 14, "fourteenth": 14, "fifteen": 15, "fifteenth": 15,
    "sixteen": 16, "sixteenth": 16, "seventeen": 17, "seventeenth": 17, "eighteen": 18, "eighteenth": 18,
    "nineteen": 19, "nineteenth": 19, "twenty": 20, "twentieth": 20, "thirty": 30, "thirtieth": 30,
    "forty": 40, "fortieth": 40, "fifty": 50, "fiftieth": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "hundredth": 100, "thousand": 1000,
}

PROFILE = LanguageProfile(
    tag="en",
    version=5,  # & is "and" in terms (Belt & Road); frequent words we, will, our; n’t, fail to; "not least", ...
    name="English",
    scripts=("Latn",),
    # razdel's list lacks the references of legal texts (art. 5, para. 2)
    sentences=Razdel(Abbreviations(words=frozenset({"art.", "arts.", "para.", "paras.", "cf."}))),
    # with the pronouns and auxiliaries of reported plans (we will ... from our ...), which Turkmen's "we" (and)
    # once outweighed in a TICO-19 paragraph without any word of the shorter list
    # (not was, as, or: German and French words too)
    common_words=frozenset("the of and to in for on with by is are a an this that we will our from has have were"
                           " been its than not which".split()),
    decimal=".",
    group=",",
    quotes=(("“", "”"), ("‘", "’")),
    dashes="—–",
    # capitalised, so that the verbs "may" and "march" are not months
    months=("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December"),
    months_case_sensitive=True,
    number_words=NumberWords(_NUMBERS),
    scale_words={"thousand": 10 ** 3, "million": 10 ** 6, "billion": 10 ** 9, "trillion": 10 ** 12, "k": 10 ** 3,
                 "bn": 10 ** 9},  # $150K, $2bn (news)
    # "n't" with either apostrophe (news writes didn’t); "fail to" is how English writes a Russian не + verb (if they
    # fail to provide / если они не обеспечивают); "last but not least" and "including, but not limited to" negate
    # nothing
    decade=r"(?<![\d.,])(?P<year>\d{3}0)['’]?s\b|(?<![\w\d])['’](?P<tens>\d0)s\b",
    day_hours=r"(?<![\d.,:])(?P<hour>1[0-2]|0?[1-9])(?:\s?:\s?[0-5]\d)?\s?(?:a\.?m\.?|(?P<pm>p\.?m\.?))(?![^\W\d_])",
    negation=negation(r"\b(?:not(?!\s+only)|no(?!\.?\s*\d)|never|none|nothing|neither|nor|cannot)\b|n['’]t\b"
                      r"|\bfail(?:s|ed|ing)?\s+to\b",
                      r"\bnot\s+least\b", r"\bnot\s+limited\s+to\b"),
    # plural and possessive only: "developing" and "developed" countries are different terms
    morphology_factory=lambda: Stems("english", frozenset({"", "s", "es", "'s", "’s", "'", "’", "y", "ies"})),
    tokens=TOKENS_HYPHEN_SEPARATES,
    articles=("the", "a", "an"),
    ampersand="and",
    capitalise_sentence_start=True,
    nllb="eng_Latn",
    m2m100="en",
    marian=("en", "eng"),
)
PROFILES.add(PROFILE.tag, PROFILE)
