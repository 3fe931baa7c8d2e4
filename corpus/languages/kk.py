"""Kazakh: razdel sentences with year abbreviations glued back, the Turkic suffix engine, decimal comma."""
from __future__ import annotations

from . import turkic
from .profile import PROFILES, TOKENS_HYPHEN_JOINS, LanguageProfile, NumberWords, negation
from .ru import CYRILLIC
from .segmentation import Abbreviations, Razdel

LETTERS = frozenset("әғқңөұүһі")

PROFILE = LanguageProfile(
    tag="kk",
    version=3,  # decades (1990 жылдары); negative verbal noun and conditional; look-alikes (немесе)
    name="Kazakh",
    scripts=("Cyrl",),
    # "2025 ж. 17 маусымда": the year abbreviation ж. never ends a sentence after a number
    sentences=Razdel(Abbreviations(after_number=frozenset({"ж."}))),
    alphabet=CYRILLIC | LETTERS,
    marks=LETTERS,
    # Frequent Kazakh words spelled without a Kazakh letter.
    common_words=frozenset("мен бен пен жыл жылы жылдар туралы бойынша осы сол ол деп кейін тараптар тараптары "
                           "мемлекеттер декларациясы".split()),
    decimal=",.",
    group="",
    quotes=(("«", "»"), ("„", "“")),
    dashes="—",
    months=("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан", "қараша",
            "желтоқсан"),
    number_words=NumberWords({
        "бір": 1, "бірінші": 1, "екі": 2, "екінші": 2, "үш": 3, "үшінші": 3, "төрт": 4, "төртінші": 4, "бес": 5,
        "бесінші": 5, "алты": 6, "алтыншы": 6, "жеті": 7, "жетінші": 7, "сегіз": 8, "сегізінші": 8, "тоғыз": 9,
        "тоғызыншы": 9, "он": 10, "оныншы": 10, "жиырма": 20, "отыз": 30, "қырық": 40, "елу": 50, "алпыс": 60,
        "жетпіс": 70, "сексен": 80, "тоқсан": 90, "жүз": 100, "мың": 1000}),
    scale_words={"мың": 10 ** 3, "млн": 10 ** 6, "миллион": 10 ** 6, "млрд": 10 ** 9, "миллиард": 10 ** 9,
                 "трлн": 10 ** 12, "триллион": 10 ** 12},
    decade=r"(?<![\d.,])(?P<year>\d{3}0)\s?-?\s?жыл(?:дар|дары)\w*",
    # Negation is a verb suffix (-ма/-ме/-ба/-бе/-па/-пе before the person ending: келмейді, қолдамаймыз,
    # болмады); only those endings count, because -ма/-сын and -бес/-мас also end nouns and adjectives
    # (бастамасын, дербес, ажырамас), and the negative verbal noun -мау/-меу (таратпау "non-proliferation") is
    # lexical like the Russian не- prefix, but with a possessive it is someone's not doing (ССС ... босатпауына / на
    # то, что ССС не выпустила), a negated purpose or duty (Ұлыбританияның ЕО-дан ресми келісімсіз шықпауы үшін /
    # чтобы Британия не покинула Евросоюз; мен туылмауым керек / лучше бы я не рождалась) and counts, as does the
    # negative conditional (қамтамасыз ете алмаса / если они не обеспечивают). "ғана емес" is "not only"; теңізге
    # шыға алмайтын is "landlocked". Not negation either, though they end as if: the conjunctions немесе "or" and
    # әйтпесе "otherwise" (old negative conditionals), verbs whose root ends in б (жабады "covers", from жап-;
    # табады "finds"; шабады "gallops"), the noun қамау "custody" (қамауында / под стражей) and the term
    # жылжымайтын мүлік "real estate" (X-WMT).
    negation=negation(r"\b(?:емес|жоқ|ешқашан|ешбір)\b(?<!ғана емес)"
                      r"|\b(?<!теңізге шыға )\w+(?:ма|ме|ба|бе|па|пе)(?:йды|йді|ймыз|ймін|ймын|йсыз|йсіз|ды|ді|дық"
                      r"|дік|йтын|йтін)\b"
                      r"|\b\w+(?:ма|ме|ба|бе|па|пе)(?:са|се|сам|сем|саң|сең|сақ|сек|саңыз|сеңіз|саңдар|сеңдер)\b"
                      r"|\b\w+(?:ма|ме|ба|бе|па|пе)у(?:ым|ім|ың|ің|ы|і|ымыз|іміз|ыңыз|іңіз)(?:на|не|н|нда|нде|нан|нен)?"
                      r"(?:\s+(?:үшін|керек|тиіс))?\b",
                      r"\b(?:немесе|әйтпесе|жабады|табады|шабады|қамау\w*|жылжымайтын\s+мүлі\w*)\b"),
    morphology_factory=turkic.kazakh,
    tokens=TOKENS_HYPHEN_JOINS,
    capitalise_sentence_start=True,
    nllb="kaz_Cyrl",
    m2m100="kk",
    marian=("kk", "kaz", "kaz_Cyrl"),
)
PROFILES.add(PROFILE.tag, PROFILE)
