"""Russian: razdel sentences, pymorphy3 lemmas, decimal comma, inflected numerals."""
from __future__ import annotations

from functools import lru_cache

from .morphology import Lemmas
from .profile import PROFILES, LanguageProfile, NumberWords, negation
from .segmentation import Abbreviations, Razdel

CYRILLIC = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
# Scale words of Russian, which the Cyrillic profiles of the region share in their abbreviated forms.
RUSSIAN_SCALES = {
    "тыс": 10 ** 3, "тысяч": 10 ** 3, "тысяча": 10 ** 3, "тысячи": 10 ** 3,
    "млн": 10 ** 6, "миллион": 10 ** 6, "миллиона": 10 ** 6, "миллионов": 10 ** 6,
    "млрд": 10 ** 9, "миллиард": 10 ** 9, "миллиарда": 10 ** 9, "миллиардов": 10 ** 9,
    "трлн": 10 ** 12, "триллион": 10 ** 12, "триллиона": 10 ** 12, "триллионов": 10 ** 12,
}
RUSSIAN_MONTHS = ("январ", "феврал", "март", "апрел", r"ма[йяею](?![^\W\d_])", "июн", "июл", "август", "сентябр",
                  "октябр", "ноябр", "декабр")

_ADJ = "(?:ый|ий|ой|ая|яя|ое|ее|ого|его|ому|ему|ым|им|ом|ем|ую|юю|ые|ие|ых|их|ыми|ими)"
_CARD = f"(?:ь|и|ью|{_ADJ}|и(?:лет|днев|месяч|кратн|этажн)\\w*)"  # пять, пяти, пятью, пятый..., пятилетие, пятидневный
# Numerals as whole inflected words: a bare stem would also match "Стороны" (сто), "семинар" (сем) or "однако" (одн).
# the genitive stem a numeral takes in a compound adjective: четырехлетнего мальчика / 4 жасар, 4-year-old (X-WMT)
_COMPOUND = r"(?:летн|месячн|недельн|дневн|часов|минутн|этажн|кратн|местн|тонн|метров|километров)\w*"
_COMPOUND_STEMS = {2: "двух", 3: "тр[её]х", 4: "четыр[её]х", 5: "пяти", 6: "шести", 7: "семи", 8: "восьми",
                   9: "девяти", 10: "десяти"}
_NUMERALS = {
    1: rf"од(?:ин|на|но|ного|ной|ному|ним|ном|ну)|перв{_ADJ}",
    2: rf"дв(?:а|е|ух|ум|умя)|втор{_ADJ}",
    3: r"тр(?:и|ех|ёх|ем|ём|емя)|трет(?:ий|ья|ье|ьего|ьей|ьему|ьим|ьем|ью|ьи|ьих|ьими)",
    4: rf"четыр(?:е|ех|ёх|ем|ём|ьмя)|четверт{_ADJ}",
    5: f"пят{_CARD}", 6: f"шест{_CARD}", 7: rf"сем(?:ь|и|ью)|седьм{_ADJ}",
    8: rf"вос(?:емь|ьми|емью|ьмью)|восьм{_ADJ}", 9: f"девят{_CARD}", 10: f"десят{_CARD}",
    11: f"одиннадцат{_CARD}", 12: f"двенадцат{_CARD}", 13: f"тринадцат{_CARD}", 14: f"четырнадцат{_CARD}",
    15: f"пятнадцат{_CARD}", 16: f"шестнадцат{_CARD}", 17: f"семнадцат{_CARD}", 18: f"восемнадцат{_CARD}",
    19: f"девятнадцат{_CARD}", 20: f"двадцат{_CARD}", 30: f"тридцат{_CARD}", 40: rf"сорок(?:а|ов{_ADJ})?",
    50: rf"пятьдесят|пятидесят{_CARD}", 60: rf"шестьдесят|шестидесят{_CARD}", 70: rf"семьдесят|семидесят{_CARD}",
    80: rf"восемьдесят|восьмидесят{_CARD}", 90: rf"девяност(?:о|а|{_ADJ})", 100: rf"сто|ста|сот{_ADJ}",
    1000: rf"тысяч(?:а|и|у|ей|ью|ам|ами|ах)?|тысячн{_ADJ}",
    # a scale word without digits (до миллиона человек / 100 万起病例), and half of one (полумиллиона / 50 万)
    10 ** 6: r"миллион(?:а|у|ом|е|ы|ов|ам|ами|ах)?", 500_000: r"полумиллион(?:а|у|ом|е)?",
    10 ** 9: r"миллиард(?:а|у|ом|е|ы|ов|ам|ами|ах)?",
}
_WORDS = {value: f"{pattern}|{_COMPOUND_STEMS[value]}{_COMPOUND}" if value in _COMPOUND_STEMS else pattern
          for value, pattern in _NUMERALS.items()}

RUSSIAN_WORDS = frozenset(
    "и в во на с со по для что о об от к ко как а но или из за при это этот эта эти также который которая "
    "которые были был была будет будут его ее её их они она мы вы то так же только уже между всех всего "
    "стороны сторон года году области сотрудничества развития".split())

_ADJECTIVAL = frozenset({"PRTF", "GRND", "ADJF"})


@lru_cache(maxsize=50_000)
def _adjectival(word: str) -> bool:
    """Whether pymorphy3 reads the word first as a full participle, a gerund or a full adjective."""
    morphology = PROFILE.morphology
    return isinstance(morphology, Lemmas) and morphology.part_of_speech(word) in _ADJECTIVAL


PROFILE = LanguageProfile(
    tag="ru",
    version=4,  # numerals in compounds (четырехлетнего), пол-третьего
    name="Russian",
    scripts=("Cyrl",),
    # razdel knows Russian abbreviations but for the currency ones before a country (2,5 млрд долл. США)
    sentences=Razdel(Abbreviations(words=frozenset({"долл.", "руб."}))),
    alphabet=CYRILLIC,
    min_marks=0.0,
    # Frequent Russian words that are not Kazakh words (Kazakh has its own conjunctions and postpositions).
    # Not "не" (Kazakh "what") nor "он" (Kazakh "ten").
    common_words=RUSSIAN_WORDS,
    decimal=",.",
    group="",
    quotes=(("«", "»"), ("„", "“")),
    dashes="—",
    months=RUSSIAN_MONTHS,
    number_words=NumberWords(pattern="|".join(f"(?P<n{value}>{pattern})" for value, pattern in _WORDS.items())),
    scale_words=RUSSIAN_SCALES,
    decade=r"(?<![\d.,])(?:(?P<year>\d{3}0)|(?P<tens>\d0))\s?-?\s?(?:х|е|ые|ых)(?![^\W\d_])"
           r"|\b(?P<word>(?:двадцат|тридцат|сороков|пятидесят|шестидесят|семидесят|восьмидесят|девяност)(?:ых|ые|ым"
           r"|ыми))\b",
    day_hours=r"(?:(?<![\d.,])(?P<hour>\d{1,2})(?:\s?[:.]\s?\d\d)?\s+(?:час(?:а|ов)?\s+)?"
              r"|(?:\b(?P<word>[а-яё]+)\s+)?\bчас(?:а|у)?\s+)(?:утра|ночи|(?P<pm>дня|вечера))\b",
    half_hours=r"\bпол-?\s?(?P<word>[а-яё]+(?:ого|его))\b",  # в пол-третьего ночи / 02:30
    # не-/без- prefixes (неравенство, безъядерный) are lexical and not cues, and so is не before a full participle,
    # a gerund or a full adjective, which translations write with a prefix or a preposition (лиц, не обладающих
    # иммунитетом / non-immune individuals; не вызывая / without eliciting), though not before a short form, which is
    # a predicate (не установлено / it is not known; не должны / should not); the concessive ни
    # (где бы он ни находился, что бы ни) is no negation either, nor are тем не менее "nevertheless", the contrastive
    # а не "rather than" and пока не "until".
    # emphatic ни repeats a не of its clause (не связаны ни с какой, ни один из ... не): it adds no negation of
    # its own; без "without" is a preposition that translations render with a case ending (-сыз) as often.
    negation=negation(r"\b(?:не(?!\s+только)(?!\s+имеющ\w*\s+выхода\s+к\s+морю)|нет|ни|никогда|ничего|нельзя"
                      r"|никто|никого|никому|никем|ничто|ничем|нигде|никуда|нечего|некого|негде|некуда)\b",
                      r"\bбы\s+(?:\w+\s+)?ни\b", r"\bни\s+(?:один|одна|одно|одного|одной|одному|одним|одном|одну|"
                      r"разу|с\s+как\w+|в\s+как\w+|как\w+|чуть|малейш\w+)\b",
                      r"\bтем\s+не\s+менее\b", r"(?:,\s*|\b)а\s+не\b", r"\bпока\s+не\b",
                      lexical=lambda cue, word: cue == "не" and _adjectival(word)),
    morphology_factory=lambda: Lemmas("ru"),
    capitalise_sentence_start=True,
    nllb="rus_Cyrl",
    m2m100="ru",
    marian=("ru", "rus"),
)
PROFILES.add(PROFILE.tag, PROFILE)
