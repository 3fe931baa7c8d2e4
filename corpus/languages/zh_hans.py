"""Simplified Chinese: sentences at their unambiguous final marks, no spaces, Chinese numerals, 万 and 亿."""
from __future__ import annotations

import re

from .profile import PROFILES, LanguageProfile, negation
from .segmentation import Terminals

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000}
# "百分之五十" is 50 per cent: the 百 of the percent sign is not a hundred.
NUMERAL = re.compile(r"(?:百分之|千分之)?([〇零一二两三四五六七八九十百千万亿]+)")
MAX_NUMERAL = 20  # characters; 一千二百三十四万五千六百七十八 has 15


def chinese_value(numeral: str) -> int | None:
    """Value of a Chinese numeral: positional (十三, 三百零五, 五万, 一亿五千万) or digit by digit (二〇二五)."""
    if not numeral:
        return None
    if all(c in _DIGITS for c in numeral):
        return int("".join(str(_DIGITS[c]) for c in numeral))  # a year read digit by digit
    total, section, digit = 0, 0, None
    for char in numeral:
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif char in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[char]
            digit = None
        else:  # 万 or 亿 scale everything before them that they have not scaled yet (五万亿 is 5 x 10^12)
            scale = _BIG[char]
            chunk = section + (digit or 0)
            total = (total + chunk) * scale if total < scale else total + chunk * scale
            section, digit = 0, None
    return total + section + (digit or 0)


class ChineseNumerals:
    """Spelled-out numbers of a Chinese text: every numeral run, read by `chinese_value`."""

    def read(self, text: str) -> set[str]:
        found = set()
        for match in NUMERAL.finditer(text):
            numeral = match.group(1)
            # a lone 万 or 亿 (万物, 亿万) counts nothing; a run longer than any written number is not one
            if numeral.strip("万亿") and len(numeral) <= MAX_NUMERAL:
                found.add(str(chinese_value(numeral)))
        return found


PROFILE = LanguageProfile(
    tag="zh-Hans",
    version=4,  # full-width punctuation; decades (20 世纪 30 年代); 是否, 是/否 and the prefix 非 are no negation
    name="Chinese",
    scripts=("Hani",),
    sentences=Terminals(),
    joiner="",
    decimal=".",
    group=",",
    quotes=(("“", "”"), ("「", "」"), ("《", "》")),
    full_width=True,
    dashes="—",
    clause_number=r"(?m)^\s*([一二三四五六七八九十百]+)、",
    clause_breaks=r"[,;，；、]",
    # "6月" is already digits; Chinese numerals are read as a whole text, not as words
    number_words=ChineseNumerals(),
    scale_words={"万": 10 ** 4, "亿": 10 ** 8, "万亿": 10 ** 12},  # not 千: 5千米 is five kilometres
    decade=r"(?P<century>\d{1,2}|[一二三四五六七八九十]{1,3})\s*世纪\s*(?P<tens>\d0|[一二三四五六七八九]十)\s*年代"
           r"|(?<![\d.,])(?P<year>\d{3}0)\s*年代",
    # set phrases with a negation character that negate nothing: 不断 "continuously", 不仅 "not only", 未来
    # "future", 非洲 "Africa"; and the lexical negations Russian writes with не-/без- (不平等, 不扩散, 无核, 无休止,
    # 百年未有, 前所未有). 否 in 是否, 能否, 与否, 可否 is "whether" and in 是/否 the "no" of a form's yes/no, and
    # 非 is grammatical negation only in 并非, 绝非 "is not"; elsewhere it is the prefix of 非药物 "non-pharmaceutical",
    # 非接触, 非必要 (Russian не-, без-), part of a name (南非, 非洲) or of 除非 "unless" (TICO-19).
    negation=negation(r"不(?!断|仅|但|可分割|同|少|平等|扩散)|没|无(?!人机|论|核|休止)|(?<!百年)(?<!前所)未(?!来)"
                      r"|(?<=[并绝])非|勿|(?<![是能与可])(?<!是/)否(?!则)", flags=0),
    nllb="zho_Hans",
    m2m100="zh",
    marian=("zh", "zho", "cmn", "cmn_Hans", "zho_Hans", "zh_cn"),
    bleu_tokenize="zh",
    ter_asian=True,
)
PROFILES.add(PROFILE.tag, PROFILE)
