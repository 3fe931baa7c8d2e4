"""Numbers a paragraph states, normalised so that both sides of a translation compare.

A number is *hard* when it is written with digits (years, dates, percentages,
identifiers such as №78/266 split into 78 and 266, ranges such as 2023-2027 or
2023—2027 年 split into their ends, ordinals such as 30-летие / 30th / 30周年 /
30 жылдығы, which all carry the digits 30). A number is *soft* when it is
spelled out: Chinese numerals (二〇二五, 三十, 百分之五十, 第十三), month names
(июня, June, маусым, and the zh "6月" form is already digits) and a few number
words. A translator may turn a digit into a word and back, so soft numbers
only ever *vouch* for the other side's hard ones; they are never demanded,
because "второй саммит" need not come out as "2nd summit".
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_ZH_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG = {"万": 10_000, "亿": 100_000_000}
_ZH_NUMERAL = re.compile(r"[〇零一二两三四五六七八九十百千万亿]+")

# Digits, with thousands grouped by a space, thin space or comma (1 000, 1,000) and a decimal part.
_DIGITS = re.compile(r"\d{1,3}(?:[ \u00a0\u202f,]\d{3})+(?![\d])|\d+(?:[.,]\d+)?")

_MONTHS = {
    "ru": ["январ", "феврал", "март", "апрел", "ма[йяею]", "июн", "июл", "август", "сентябр", "октябр", "ноябр",
           "декабр"],
    "kk": ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан",
           "қараша", "желтоқсан"],
    "en": ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"],
}
_WORDS = {
    "en": {"one": 1, "first": 1, "two": 2, "second": 2, "three": 3, "third": 3, "four": 4, "fourth": 4, "five": 5,
           "fifth": 5, "six": 6, "sixth": 6, "seven": 7, "seventh": 7, "eight": 8, "eighth": 8, "nine": 9,
           "ninth": 9, "ten": 10, "tenth": 10, "twenty": 20, "thirty": 30, "hundred": 100, "thousand": 1000},
    "ru": {"один": 1, "одн": 1, "перв": 1, "два": 2, "две": 2, "двух": 2, "втор": 2, "три": 3, "трех": 3,
           "трёх": 3, "трет": 3, "четыр": 4, "четвер": 4, "пят": 5, "шест": 6, "сем": 7, "седьм": 7, "восем": 8,
           "восьм": 8, "девят": 9, "десят": 10, "тридцат": 30, "сто": 100, "тысяч": 1000},
    "kk": {"бір": 1, "бірінші": 1, "екі": 2, "екінші": 2, "үш": 3, "үшінші": 3, "төрт": 4, "бес": 5, "алты": 6,
           "жеті": 7, "сегіз": 8, "тоғыз": 9, "он": 10, "отыз": 30, "жүз": 100, "мың": 1000},
}
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Numbers:
    hard: frozenset[str]  # digits as written, normalised: "2025", "78", "1.5"
    soft: frozenset[str]  # spelled-out values that may stand for a digit of the other side


def _normalise_digits(text: str) -> str:
    grouped = re.fullmatch(r"\d{1,3}(?:[ \u00a0\u202f,]\d{3})+", text)
    if grouped:
        return re.sub(r"\D", "", text)
    return text.replace(",", ".").lstrip("0") or "0"


def chinese_value(numeral: str) -> int | None:
    """Value of a Chinese numeral: positional (十三, 三百零五, 五万) or digit by digit (二〇二五)."""
    if not numeral:
        return None
    if all(c in _ZH_DIGITS for c in numeral):
        if len(numeral) == 1:
            return _ZH_DIGITS[numeral]
        return int("".join(str(_ZH_DIGITS[c]) for c in numeral))  # a year read digit by digit
    total, section, digit = 0, 0, None
    for char in numeral:
        if char in _ZH_DIGITS:
            digit = _ZH_DIGITS[char]
        elif char in _ZH_UNITS:
            section += (1 if digit is None else digit) * _ZH_UNITS[char]
            digit = None
        elif char in _ZH_BIG:
            total += (section + (digit or 0)) * _ZH_BIG[char]
            section, digit = 0, None
    return total + section + (digit or 0)


def _soft(text: str, lang: str) -> set[str]:
    found: set[str] = set()
    if lang == "zh":
        for match in _ZH_NUMERAL.finditer(text):
            value = chinese_value(match.group())
            if value is not None:
                found.add(str(value))
        return found
    lowered = text.lower()
    for number, stem in enumerate(_MONTHS.get(lang, []), 1):
        if re.search(rf"(?<![^\W\d_]){stem}", lowered):
            found.add(str(number))
    words = _WORDS.get(lang, {})
    for word in _WORD.findall(lowered):
        for stem, value in words.items():
            if word == stem or (lang == "ru" and len(stem) >= 3 and word.startswith(stem)):
                found.add(str(value))
    return found


def extract(text: str, lang: str) -> Numbers:
    """The hard and soft numbers of `text` in language `lang`."""
    hard = {_normalise_digits(m.group()) for m in _DIGITS.finditer(text)}
    return Numbers(frozenset(hard), frozenset(_soft(text, lang)))


def compare(source: Numbers, target: Numbers) -> tuple[list[str], list[str]]:
    """(source digits the target lacks, target digits the source lacks); each side's soft numbers vouch."""
    missing = sorted(source.hard - target.hard - target.soft, key=_order)
    added = sorted(target.hard - source.hard - source.soft, key=_order)
    return missing, added


def _order(value: str) -> tuple[float, str]:
    try:
        return float(value), value
    except ValueError:
        return float("inf"), value
