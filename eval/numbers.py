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
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from corpus.languages import LanguageProfile, profile
from corpus.languages.zh_hans import chinese_value

__all__ = ["Numbers", "chinese_value", "compare", "extract"]

_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_SPACES = " \u00a0\u202f\u2009"  # space, no-break space, narrow no-break space, thin space
_DATE = r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4}|\d{2})(?!\d)"


@dataclass(frozen=True)
class Numbers:
    hard: frozenset[str]  # digits as written, normalised: "2025", "78", "1.5", "1500000000"
    soft: frozenset[str]  # spelled-out values that may stand for a digit of the other side


@dataclass(frozen=True)
class _Reading:
    """How one language writes numbers in digits, compiled."""

    pattern: re.Pattern[str]
    decimal: str
    group: str
    scales: dict[str, int]
    months: tuple[re.Pattern[str], ...]


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
    return _Reading(pattern, prof.decimal, prof.group, scales, months)


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
    found = set(profile(lang).number_words.read(text))
    for number, month in enumerate(_reading(profile(lang).tag).months, 1):
        if month.search(text):
            found.add(str(number))
    return found


def _hard(text: str, lang: str) -> set[str]:
    reading = _reading(profile(lang).tag)
    found: set[str] = set()
    for match in reading.pattern.finditer(text.translate(_FULLWIDTH)):
        if match.group("digits") is None:
            found.update(str(int(match.group(part))) for part in ("day", "month", "year"))
            continue
        value = _value(match.group("digits"), reading)
        scale = match.groupdict().get("scale")
        found.add(_canonical(value * reading.scales[scale.lower()] if scale else value))
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
