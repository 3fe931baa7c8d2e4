"""Tajik: sentencex with Tajik abbreviations, Persian nominal suffixes, decimal comma.

Snowball, the usual stemmer family, has Persian but no Tajik (PyStemmer
3.1's algorithms), and Persian in Arabic script does not read Tajik Cyrillic,
so Tajik words match through the suffix engine: plural -ҳо/-он, the ezafe
-и/-йи, the object marker -ро, the indefinite -е and the possessive
endings, chained (кишварҳои, Созмони Милали Муттаҳидро). Tajik is outside
the embedder's training languages (see corpus.languages.coverage).
"""
from __future__ import annotations

from .profile import PROFILES, TOKENS_HYPHEN_JOINS, LanguageProfile, NumberWords, negation
from .segmentation import Abbreviations, Sentencex
from .suffixes import Suffixes

LETTERS = frozenset("ғӣқӯҳҷ")


def _morphology() -> Suffixes:
    endings = frozenset({"ҳо", "он", "ён", "гон", "вон", "и", "йи", "ро", "е", "ие", "ам", "ат", "аш", "амон", "атон",
                         "ашон", "ям", "ят", "яш", "ямон", "ятон", "яшон", "ӣ"})
    return Suffixes("suffixes-tg", endings)


PROFILE = LanguageProfile(
    tag="tg",
    name="Tajik",
    scripts=("Cyrl",),
    # 2025 с. (сол, "year"), ш. (шаҳр, "city"), ва ғ. ("etc.")
    sentences=Sentencex("tg", Abbreviations(words=frozenset({"ш.", "ва ғ.", "ғ.", "н.", "в."}),
                                            after_number=frozenset({"с.", "сол."}),
                                            number_before_capitals=True)),
    alphabet=frozenset("абвгдеёжзийклмнопрстуфхчшъэюя") | LETTERS,
    marks=LETTERS,
    common_words=frozenset("ва бо дар аз ба ки барои ин он мебошад шуд низ байни тарафҳо оид".split()),
    decimal=",.",
    group="",
    quotes=(("«", "»"), ("„", "“")),
    dashes="—",
    months=("январ", "феврал", "март", "апрел", r"май(?![^\W\d_])", "июн", "июл", "август", "сентябр", "октябр",
            "ноябр", "декабр"),
    number_words=NumberWords({
        "як": 1, "якум": 1, "аввал": 1, "ду": 2, "дуюм": 2, "се": 3, "сеюм": 3, "чор": 4, "чорум": 4, "панҷ": 5,
        "панҷум": 5, "шаш": 6, "шашум": 6, "ҳафт": 7, "ҳафтум": 7, "ҳашт": 8, "ҳаштум": 8, "нӯҳ": 9, "нӯҳум": 9,
        "даҳ": 10, "даҳум": 10, "бист": 20, "сӣ": 30, "чил": 40, "панҷоҳ": 50, "шаст": 60, "ҳафтод": 70,
        "ҳаштод": 80, "навад": 90, "сад": 100, "ҳазор": 1000}),
    scale_words={"ҳазор": 10 ** 3, "млн": 10 ** 6, "миллион": 10 ** 6, "млрд": 10 ** 9, "миллиард": 10 ** 9,
                 "трлн": 10 ** 12, "триллион": 10 ** 12},
    # the verb prefixes на-/наме- (намекунад, надорад, нашуд) and нест, ҳеҷ, ҳаргиз; a bare на- would also match
    # nouns (натиҷа, намоянда, наздик), so only the negative continuous наме- and common negated verbs count.
    # "на танҳо" is "not only".
    negation=negation(r"\b(?:нест|ҳеҷ|ҳаргиз|бе)\b|\bнаме\w{2,}|\bна(?:дорад|доранд|шуд|шаванд|шавад|буд|бояд|кард|кунад"
                      r"|кунанд|гардид|метавонад|метавонанд)\b",
                      r"\bна\s+танҳо\b"),
    morphology_factory=_morphology,
    tokens=TOKENS_HYPHEN_JOINS,
    capitalise_sentence_start=True,
    nllb="tgk_Cyrl",
    m2m100=None,
    marian=("tg", "tgk", "tgk_Cyrl"),
    weak_embedding=True,
)
PROFILES.add(PROFILE.tag, PROFILE)
