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
and group with commas (1.5 and 1,000), German and Turkish a decimal comma
and group with points (1.000,5). A scale word after digits (1,5 млрд,
1.5 billion, 1,5 Milliarden, 15亿) is multiplied out, because Chinese counts
in 万 and 亿 and so writes other digits for the same amount, and a German or
French billion is 10^12. A dotted date (05.06.2025) is its day, month and
year, as a date with a month name would be. Separators, month names, number
words and scale words are each language's profile (corpus.languages).

Times, decades and year ranges are written differently on each side of a
professional translation, so each is read for what it states. A clock time
(22:08, 8 : 00, 1521 GMT) is its hour and minutes, ":00" stating no number, and
vouches for its other spellings: the twelve-hour hour (22:08 / 10:08 p.m.), the
four-digit form (12:00 / 1200 GMT) and the decimal one (8.30 / 8: 30, which a
Russian text may also mean as a time). An hour with its part of the day (1 pm,
в час ночи, два часа дня: the profile's `day_hours`) vouches for the hour and
for its 24-hour form, and a half hour named by the next (пол-третьего, `half_hours`)
for 2:30. A decade (the profile's `decade`: 90-х, девяностых, 1990s, 1990 жылдары)
vouches for the other way of writing it (1990 for 90-х, 90 for 1990s); the Chinese
century-and-decade form 20 世纪 30 年代 is the year 1930.
A year range with a two-digit end (1952/53, 1954-55) states both years, and a
vulgar fraction its value (1 ½ is 1.5). A Roman numeral of two or more letters
(Lager 4 / le camp IV, XX века / 20 世纪) is soft: a lone I or V is a word. A
measure the translator converted into other units (190 км / 120 miles) is the same number (eval.units).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from corpus.languages import LanguageProfile, profile
from corpus.languages.zh_hans import chinese_value

from .units import Measure, agree, measures

__all__ = ["Numbers", "chinese_value", "compare", "extract"]

_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_SPACES = " \u00a0\u202f\u2009"  # space, no-break space, narrow no-break space, thin space
_DATE = r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4}|\d{2})(?!\d)"
# an hour and its minutes: 22:08, 8 : 00 (tokenised news), 1521 GMT; a dotted 8.30 may be a time too
_ALONE = r"(?<!\d)(?<!\d[.,:])"  # not inside a longer number: 1.5, 12:30:00
_END = r"(?!\d|[.,:]\d)"
_CLOCK = re.compile(rf"{_ALONE}(?P<hour>[01]?\d|2[0-3])\s?:\s?(?P<minute>[0-5]\d){_END}"
                    rf"|{_ALONE}(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)\s?(?:GMT|UTC|по\s+Гринвичу)\b")
_DOTTED_TIME = re.compile(rf"{_ALONE}(?P<hour>[01]?\d|2[0-3])\.(?P<minute>[0-5]\d){_END}")
_YEAR_RANGE = re.compile(rf"{_ALONE}(?P<century>1[5-9]|20)(?P<first>\d\d)\s?[/–-]\s?(?P<second>\d\d){_END}")
_ROMAN = re.compile(r"\b(?=[IVXLC]{2,}\b)(?P<tens>XC|XL|L?X{0,3})(?P<units>IX|IV|V?I{0,3})\b")
_ROMAN_VALUES = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10,
                 "XX": 20, "XXX": 30, "XL": 40, "L": 50, "LX": 60, "LXX": 70, "LXXX": 80, "XC": 90, "": 0}
_FRACTIONS = {"½": Decimal("0.5"), "¼": Decimal("0.25"), "¾": Decimal("0.75")}
_FRACTION = re.compile(rf"(?:{_ALONE}(?P<whole>\d+)\s?)?(?P<fraction>[{''.join(_FRACTIONS)}])")


@dataclass(frozen=True)
class Numbers:
    hard: frozenset[str]  # digits as written, normalised: "2025", "78", "1.5", "1500000000"
    soft: frozenset[str]  # spelled-out values that may stand for a digit of the other side
    measures: tuple[Measure, ...] = ()  # numbers with a unit, which a translator may convert (eval.units)


@dataclass(frozen=True)
class _Reading:
    """How one language writes numbers in digits, compiled."""

    pattern: re.Pattern[str]
    decimal: str
    group: str
    scales: dict[str, int]
    months: tuple[re.Pattern[str], ...]
    decade: re.Pattern[str] | None
    day_hours: re.Pattern[str] | None
    half_hours: re.Pattern[str] | None


def _scale_pattern(words: dict[str, int]) -> str:
    # A scale character of an unspaced script ends no word (15亿美元); a Cyrillic or Latin one must (мыңжылдық is a
    # millennium), though an abbreviation may take its full stop (Mrd.).
    return "|".join(re.escape(w) if not w.isascii() and not any(c.isalpha() and c.lower() != c.upper() for c in w)
                    else rf"{re.escape(w)}(?![^\W\d_])" for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=None)
def _reading(tag: str) -> _Reading:
    prof: LanguageProfile = profile(tag)
    decimal, group = re.escape(prof.decimal), re.escape(prof.group) + _SPACES
    scales = {w.lower(): v for w, v in prof.scale_words.items()}
    scale = f"(?:[{_SPACES}]?(?P<scale>(?i:{_scale_pattern(scales)})))?" if scales else ""
    # A dotted date, or digits with thousands grouped by `group` characters and a `decimal` fraction, optionally
    # followed by a scale word.
    pattern = re.compile(rf"(?<!\d){_DATE}|(?P<digits>\d{{1,3}}(?:[{group}]\d{{3}})+(?:[{decimal}]\d+)?(?![\d])"
                         rf"|\d+(?:[{decimal}]\d+)?){scale}")
    flags = 0 if prof.months_case_sensitive else re.IGNORECASE
    months = tuple(re.compile(rf"(?<![^\W\d_])(?:{stem})", flags) for stem in prof.months)
    return _Reading(pattern, prof.decimal, prof.group, scales, months,
                    re.compile(prof.decade, re.IGNORECASE) if prof.decade else None,
                    re.compile(prof.day_hours, re.IGNORECASE) if prof.day_hours else None,
                    re.compile(prof.half_hours, re.IGNORECASE) if prof.half_hours else None)


def _canonical(value: Decimal) -> str:
    """One spelling per value: no leading zeros, no trailing fractional zeros, no exponent."""
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _value(digits: str, reading: _Reading) -> Decimal:
    """Grouped digits are an integer, with any fraction after the decimal sign, unless their separator is also the
    language's decimal sign (1,500 in Russian is one and a half)."""
    if re.fullmatch(r"\d{1,3}(?:[,.]000)+", digits):
        return Decimal(re.sub(r"\D", "", digits))  # 395,000: nobody writes 395 with a fraction of zeros
    seps = re.escape(reading.group + ",.") + _SPACES
    grouped = re.fullmatch(rf"(\d{{1,3}}(?:([{seps}])\d{{3}})+)(?:([{re.escape(reading.decimal)}])(\d+))?", digits)
    if grouped and not (grouped.group(2) in reading.decimal and grouped.group(2) not in reading.group) \
            and grouped.group(3) != grouped.group(2):
        fraction = f".{grouped.group(4)}" if grouped.group(4) else ""
        return Decimal(re.sub(r"\D", "", grouped.group(1)) + fraction)
    for mark in reading.decimal:
        digits = digits.replace(mark, ".")
    return Decimal(digits)


def _soft(text: str, lang: str) -> set[str]:
    reading = _reading(profile(lang).tag)
    found: set[str] = set()
    if reading.half_hours is not None:  # read first: its ordinal (третьего) is not the hour it states
        text = reading.half_hours.sub(lambda match: _blank(match, _half_hour(match, lang), found), text)
    found.update(profile(lang).number_words.read(text))
    for number, month in enumerate(reading.months, 1):
        if month.search(text):
            found.add(str(number))
    text = text.translate(_FULLWIDTH)
    for match in _CLOCK.finditer(text):
        found.update(_clock_spellings(int(match.group("hour") or match.group("h")),
                                      int(match.group("minute") or match.group("m"))))
    for match in _DOTTED_TIME.finditer(text):
        hour, minute = int(match.group("hour")), int(match.group("minute"))
        found.update({str(hour), *([str(minute)] if minute else [])}, _clock_spellings(hour, minute))
    for match in _ROMAN.finditer(text):
        found.add(str(_ROMAN_VALUES[match.group("tens")] + _ROMAN_VALUES[match.group("units")]))
    if reading.day_hours is not None:
        for match in reading.day_hours.finditer(text):
            found.update(_day_hour(match, lang))
    if reading.decade is not None:
        for match in reading.decade.finditer(text):
            found.update(_decade(match, lang))
    return found


def _clock_spellings(hour: int, minute: int) -> set[str]:
    """The other ways of writing a clock time: its twelve-hour hour, its four-digit and its decimal form."""
    out = {str(hour * 100 + minute), _canonical(Decimal(hour) + Decimal(minute) / 100)}
    if hour > 12:
        out.add(str(hour - 12))
    return out


def _day_hour(match: re.Match[str], lang: str) -> set[str]:
    """An hour with its part of the day: the hour, and past noon its 24-hour form."""
    if match.group("hour"):
        hour = int(match.group("hour"))
    else:
        words = profile(lang).number_words.read(match.group("word") or "")
        hour = int(next(iter(words))) if len(words) == 1 else 1  # в час ночи: "час" alone is one o'clock
    return {str(hour), str(hour + 12)} if match.group("pm") and hour < 12 else {str(hour)}


def _half_hour(match: re.Match[str], lang: str) -> set[str] | None:
    """Half past the hour before the one named: пол-третьего is 2:30."""
    following = _spelled(match.group("word"), lang)
    if following is None or not 0 < following <= 24:
        return None
    return {str(following - 1), "30", *_clock_spellings(following - 1, 30)}


def _decade(match: re.Match[str], lang: str) -> set[str]:
    """The other spellings of a decade: 90 for 1990s, and for 90-х (whose century is not written) 1990 and 2090;
    the year of a Chinese century and decade written in numerals."""
    groups = match.groupdict()
    if groups.get("year"):
        return {str(int(groups["year"][2:]))} if groups["year"][2:] != "00" else set()
    tens = _spelled(groups.get("tens") or groups.get("word") or "", lang)
    if tens is None:
        return set()
    if groups.get("century"):
        century = _spelled(groups["century"], lang)
        return {str((century - 1) * 100 + tens)} if century else set()
    return {str(1900 + tens), str(2000 + tens)}


def _spelled(text: str, lang: str) -> int | None:
    """The value of digits or of one number word."""
    if text.isdigit():
        return int(text)
    words = profile(lang).number_words.read(text)
    return int(max(words, key=int)) if words else None


def _hard(text: str, lang: str) -> set[str]:
    reading = _reading(profile(lang).tag)
    found: set[str] = set()
    text = text.translate(_FULLWIDTH)
    # read and blank out first what the digit pattern would misread: clock times, year ranges with a two-digit
    # end, vulgar fractions and the Chinese century-and-decade form
    readers: tuple[tuple[re.Pattern[str] | None, Callable[[re.Match[str]], set[str] | None]], ...] = (
        (_CLOCK, _clock), (_YEAR_RANGE, _year_range), (_FRACTION, _fraction), (reading.decade, _century_decade))
    for pattern, read in readers:
        if pattern is not None:
            text = pattern.sub(lambda match: _blank(match, read(match), found), text)
    for match in reading.pattern.finditer(text):
        if match.group("digits") is None:
            found.update(str(int(match.group(part))) for part in ("day", "month", "year"))
            continue
        value = _value(match.group("digits"), reading)
        scale = match.groupdict().get("scale")
        found.add(_canonical(value * reading.scales[scale.lower()] if scale else value))
    return found


def _blank(match: re.Match[str], values: set[str] | None, found: set[str]) -> str:
    """`match` read as `values` (None: not ours, left for the digit pattern), blanked so it is not read twice."""
    if values is None:
        return match.group()
    found.update(values)
    return " " * len(match.group())


def _clock(match: re.Match[str]) -> set[str]:
    minute = int(match.group("minute") or match.group("m"))
    return {str(int(match.group("hour") or match.group("h"))), *([str(minute)] if minute else [])}


def _year_range(match: re.Match[str]) -> set[str] | None:
    century, first, second = match.group("century"), match.group("first"), match.group("second")
    return {century + first, century + second} if second > first else None


def _fraction(match: re.Match[str]) -> set[str]:
    return {_canonical(Decimal(match.group("whole") or 0) + _FRACTIONS[match.group("fraction")])}


def _century_decade(match: re.Match[str]) -> set[str] | None:
    century, tens = match.groupdict().get("century"), match.groupdict().get("tens")
    if not (century and tens and century.isdigit() and tens.isdigit()):
        return None  # the other decade forms are read as written; spelled-out ones are soft (_decade)
    return {str((int(century) - 1) * 100 + int(tens))}


def extract(text: str, lang: str) -> Numbers:
    """The hard and soft numbers of `text` in language `lang`."""
    return Numbers(frozenset(_hard(text, lang)), frozenset(_soft(text, lang)),
                   tuple(measures(text.translate(_FULLWIDTH), profile(lang).decimal)))


def compare(source: Numbers, target: Numbers) -> tuple[list[str], list[str]]:
    """(source digits the target lacks, target digits the source lacks); each side's soft numbers vouch, and a
    measure the translator converted (190 km / 120 miles) is the same number."""
    missing = sorted(source.hard - target.hard - target.soft, key=_order)
    added = sorted(target.hard - source.hard - source.soft, key=_order)
    for src in source.measures:
        for tgt in target.measures:
            s, t = _canonical(src.value), _canonical(tgt.value)
            if s in missing and t in added and agree(src, tgt):
                missing.remove(s)
                added.remove(t)
    return missing, added


def _order(value: str) -> tuple[float, str]:
    return float(value), value
