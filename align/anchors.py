"""Cheap structural anchors: clause numbers, the numbers a segment contains, editorial marks.

Numbers survive translation almost untouched (years, dates, `№78/266`,
`2023-2027`), and clause openings ("5. Стороны", "5. The Sides", "五、各方")
mark the skeleton of a legal or diplomatic text. A line wholly in brackets
("(Unofficial translation)", "（完）", "[Photo]") is an editorial mark, which
translators keep in brackets; it pairs with another such line or with nothing,
and short marks are exactly where a small embedder cannot tell one from another.
All are compared between candidate runs in the alignment score.
"""
from __future__ import annotations

import re
import zlib

import numpy as np

NUMBER_DIMS = 64
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_CLAUSE = re.compile(r"^\s*(?:(\d{1,3})\s*[.)]\s|([一二三四五六七八九十百]+)\s*、)")
_NUMBER = re.compile(r"\d+(?:[/.,]\d+)*")
_BRACKETS = {"(": ")", "（": "）", "[": "]", "【": "】", "〔": "〕"}


def chinese_numeral(text: str) -> int:
    """Value of a Chinese numeral up to 999 (五 = 5, 十二 = 12, 二十 = 20)."""
    total, current = 0, 0
    for char in text:
        if char == "百":
            total += (current or 1) * 100
            current = 0
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _CN_DIGITS[char]
    return total + current


def clause_number(text: str) -> int:
    """The clause number opening a paragraph, or 0."""
    match = _CLAUSE.match(text)
    if not match:
        return 0
    return int(match.group(1)) if match.group(1) else chinese_numeral(match.group(2))


def editorial_mark(text: str) -> bool:
    """Whether the whole line is one bracketed aside: "(Unofficial translation)", "（完）"."""
    text = text.strip()
    close = _BRACKETS.get(text[:1])
    if close is None:
        return False
    return len(text) > 2 and text.endswith(close) and close not in text[1:-1]


def number_tokens(text: str) -> list[str]:
    """Numbers as written with digits, without leading zeros; '78/266' also yields '78' and '266'."""
    tokens = []
    for match in _NUMBER.finditer(text):
        whole = match.group()
        parts = [p.lstrip("0") or "0" for p in re.split(r"[/.,]", whole)]
        tokens.extend(parts)
        if len(parts) > 1 and "/" in whole:
            tokens.append("/".join(parts))
    return tokens


def number_vectors(texts: list[str]) -> np.ndarray:
    """Hashed counts of number tokens, one row per text."""
    out = np.zeros((len(texts), NUMBER_DIMS), dtype=np.float32)
    for row, text in enumerate(texts):
        for token in number_tokens(text):
            out[row, zlib.crc32(token.encode()) % NUMBER_DIMS] += 1.0
    return out
