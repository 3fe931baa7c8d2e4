"""Numbers a paragraph states, normalised so that both sides of a translation compare.

A number is *hard* when it is written with digits (years, dates, percentages,
identifiers such as №78/266 split into 78 and 266, ranges such as 2023-2027 or
2023—2027 年 split into their ends, ordinals such as 30-летие / 30th / 30周年 /
30 жылдығы, which all carry the digits 30). A number is *soft* when it is
spelled out: Chinese numerals (二〇二五, 三十, 百分之五十, 第十三), month names
(июня, June, маусым, and the zh "6月" form is already digits) and number
words. A translator may turn a digit into a word and back, so soft numbers
only ever *vouch* for the other side's hard ones; they are never demanded,
because "второй саммит" need not come out as "2nd summit".

Digits are read the way each language writes them, since the same string
means different numbers: Russian and Kazakh put a decimal comma and group
thousands with spaces (1,5 and 1 000), English and Chinese a decimal point
and group with commas (1.5 and 1,000). A scale word after digits (1,5 млрд,
1.5 billion, 15亿) is multiplied out, because Chinese counts in 万 and 亿 and
so writes other digits for the same amount. A dotted date (05.06.2025) is
its day, month and year, as a date with a month name would be.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_ZH_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG = {"万": 10_000, "亿": 100_000_000}
# "百分之五十" is 50 per cent: the 百 of the percent sign is not a hundred.
_ZH_NUMERAL = re.compile(r"(?:百分之|千分之)?([〇零一二两三四五六七八九十百千万亿]+)")
_ZH_MAX_NUMERAL = 20  # characters; 一千二百三十四万五千六百七十八 has 15
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")

_SPACES = " \u00a0\u202f\u2009"  # space, no-break space, narrow no-break space, thin space
_DECIMAL_COMMA = frozenset({"ru", "kk"})
_SCALE_WORDS = {
    "тыс": 10 ** 3, "тысяч": 10 ** 3, "тысяча": 10 ** 3, "тысячи": 10 ** 3, "мың": 10 ** 3, "thousand": 10 ** 3,
    "млн": 10 ** 6, "миллион": 10 ** 6, "миллиона": 10 ** 6, "миллионов": 10 ** 6, "million": 10 ** 6,
    "млрд": 10 ** 9, "миллиард": 10 ** 9, "миллиарда": 10 ** 9, "миллиардов": 10 ** 9, "billion": 10 ** 9,
    "трлн": 10 ** 12, "триллион": 10 ** 12, "триллиона": 10 ** 12, "триллионов": 10 ** 12, "trillion": 10 ** 12,
    "万": 10 ** 4, "亿": 10 ** 8, "万亿": 10 ** 12,  # not 千: 5千米 is five kilometres
}
# A Chinese scale character ends no word (15亿美元); a Cyrillic or Latin one must (мыңжылдық is a millennium).
_SCALE = "|".join(word if _ZH_NUMERAL.fullmatch(word) else rf"{word}(?![^\W\d_])"
                  for word in sorted(_SCALE_WORDS, key=len, reverse=True))
_DATE = r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4}|\d{2})(?!\d)"


def _number_pattern(decimal: str, group: str) -> re.Pattern[str]:
    """A dotted date, or digits with thousands grouped by `group` characters and a `decimal` fraction,
    optionally followed by a scale word."""
    return re.compile(rf"(?<!\d){_DATE}|(?P<digits>\d{{1,3}}(?:[{group}]\d{{3}})+(?![\d])"
                      rf"|\d+(?:[{decimal}]\d+)?)(?:[{_SPACES}]?(?P<scale>{_SCALE}))?")


_NUMBER = {"comma": _number_pattern(",.", _SPACES), "point": _number_pattern(".", _SPACES + ",")}

_MONTHS = {
    "ru": ["январ", "феврал", "март", "апрел", r"ма[йяею](?![^\W\d_])", "июн", "июл", "август", "сентябр",
           "октябр", "ноябр", "декабр"],
    "kk": ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан",
           "қараша", "желтоқсан"],
    # capitalised, so that the verbs "may" and "march" are not months
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
}

_ADJ = "(?:ый|ий|ой|ая|яя|ое|ее|ого|его|ому|ему|ым|им|ом|ем|ую|юю|ые|ие|ых|их|ыми|ими)"
_CARD = f"(?:ь|и|ью|{_ADJ}|илет\\w*)"  # пять, пяти, пятью, пятый..., пятилетие
# Russian numerals as whole inflected words: a bare stem would also match "Стороны" (сто), "семинар" (сем)
# or "однако" (одн).
_RU_WORDS = {
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
}
_WORDS = {
    "en": {"one": 1, "first": 1, "two": 2, "second": 2, "three": 3, "third": 3, "four": 4, "fourth": 4, "five": 5,
           "fifth": 5, "six": 6, "sixth": 6, "seven": 7, "seventh": 7, "eight": 8, "eighth": 8, "nine": 9,
           "ninth": 9, "ten": 10, "tenth": 10, "eleven": 11, "eleventh": 11, "twelve": 12, "twelfth": 12,
           "thirteen": 13, "thirteenth": 13, "fourteen": 14, "fourteenth": 14, "fifteen": 15, "fifteenth": 15,
           "sixteen": 16, "sixteenth": 16, "seventeen": 17, "seventeenth": 17, "eighteen": 18, "eighteenth": 18,
           "nineteen": 19, "nineteenth": 19, "twenty": 20, "twentieth": 20, "thirty": 30, "thirtieth": 30,
           "forty": 40, "fortieth": 40, "fifty": 50, "fiftieth": 50, "sixty": 60, "seventy": 70, "eighty": 80,
           "ninety": 90, "hundred": 100, "hundredth": 100, "thousand": 1000},
    "kk": {"бір": 1, "бірінші": 1, "екі": 2, "екінші": 2, "үш": 3, "үшінші": 3, "төрт": 4, "төртінші": 4,
           "бес": 5, "бесінші": 5, "алты": 6, "алтыншы": 6, "жеті": 7, "жетінші": 7, "сегіз": 8, "сегізінші": 8,
           "тоғыз": 9, "тоғызыншы": 9, "он": 10, "оныншы": 10, "жиырма": 20, "отыз": 30, "қырық": 40, "елу": 50,
           "алпыс": 60, "жетпіс": 70, "сексен": 80, "тоқсан": 90, "жүз": 100, "мың": 1000},
}
_RU_NUMERAL = re.compile("|".join(f"(?P<n{value}>{pattern})" for value, pattern in _RU_WORDS.items()))
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Numbers:
    hard: frozenset[str]  # digits as written, normalised: "2025", "78", "1.5", "1500000000"
    soft: frozenset[str]  # spelled-out values that may stand for a digit of the other side


def _canonical(value: Decimal) -> str:
    """One spelling per value: no leading zeros, no trailing fractional zeros, no exponent."""
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _value(digits: str, decimal_comma: bool) -> Decimal:
    if re.fullmatch(rf"\d{{1,3}}(?:[{_SPACES},]\d{{3}})+", digits) and not (decimal_comma and "," in digits):
        return Decimal(re.sub(r"\D", "", digits))
    return Decimal(digits.replace(",", "."))


def chinese_value(numeral: str) -> int | None:
    """Value of a Chinese numeral: positional (十三, 三百零五, 五万, 一亿五千万) or digit by digit (二〇二五)."""
    if not numeral:
        return None
    if all(c in _ZH_DIGITS for c in numeral):
        return int("".join(str(_ZH_DIGITS[c]) for c in numeral))  # a year read digit by digit
    total, section, digit = 0, 0, None
    for char in numeral:
        if char in _ZH_DIGITS:
            digit = _ZH_DIGITS[char]
        elif char in _ZH_UNITS:
            section += (1 if digit is None else digit) * _ZH_UNITS[char]
            digit = None
        else:  # 万 or 亿 scale everything before them that they have not scaled yet (五万亿 is 5 x 10^12)
            scale = _ZH_BIG[char]
            chunk = section + (digit or 0)
            total = (total + chunk) * scale if total < scale else total + chunk * scale
            section, digit = 0, None
    return total + section + (digit or 0)


def _soft(text: str, lang: str) -> set[str]:
    found: set[str] = set()
    if lang == "zh":
        for match in _ZH_NUMERAL.finditer(text):
            numeral = match.group(1)
            # a lone 万 or 亿 (万物, 亿万) counts nothing; a run longer than any written number is not one
            if numeral.strip("万亿") and len(numeral) <= _ZH_MAX_NUMERAL:
                found.add(str(chinese_value(numeral)))
        return found
    lowered = text if lang == "en" else text.lower()
    for number, stem in enumerate(_MONTHS.get(lang, []), 1):
        if re.search(rf"(?<![^\W\d_]){stem}", lowered):
            found.add(str(number))
    words = _WORDS.get(lang, {})
    for word in _WORD.findall(text.lower()):
        if lang == "ru":
            match = _RU_NUMERAL.fullmatch(word)
            if match:
                found.add(match.lastgroup[1:])
        elif word in words:
            found.add(str(words[word]))
    return found


def _hard(text: str, lang: str) -> set[str]:
    decimal_comma = lang in _DECIMAL_COMMA
    found: set[str] = set()
    for match in _NUMBER["comma" if decimal_comma else "point"].finditer(text.translate(_FULLWIDTH)):
        if match.group("digits") is None:
            found.update(str(int(match.group(part))) for part in ("day", "month", "year"))
            continue
        value = _value(match.group("digits"), decimal_comma)
        scale = match.group("scale")
        found.add(_canonical(value * _SCALE_WORDS[scale] if scale else value))
    return found


def extract(text: str, lang: str) -> Numbers:
    """The hard and soft numbers of `text` in language `lang`."""
    return Numbers(frozenset(_hard(text, lang)), frozenset(_soft(text, lang)))


def compare(source: Numbers, target: Numbers) -> tuple[list[str], list[str]]:
    """(source digits the target lacks, target digits the source lacks); each side's soft numbers vouch."""
    missing = sorted(source.hard - target.hard - target.soft, key=_order)
    added = sorted(target.hard - source.hard - source.soft, key=_order)
    return missing, added


def _order(value: str) -> tuple[float, str]:
    return float(value), value
