"""Sentence segmentation for ru, kk, en and zh.

razdel is built for Russian abbreviations and initials ("К.К.Токаева",
"г.Астана", "т.е."), and copes with English and Kazakh Cyrillic well enough
once Kazakh year abbreviations are glued back. Chinese needs no model: its
sentence-final marks are unambiguous.
"""
from __future__ import annotations

import re

import razdel

_ZH_SENTENCE = re.compile(r"[^。！？；!?]*(?:[。！？；!?]+[”’」』）)\"']*|$)")
# "2025 ж. 17 маусымда": the year abbreviation ж. never ends a sentence after a number.
_KK_YEAR_ABBR = re.compile(r"\d\s*ж\.$")
_KK_CONTINUES = re.compile(r"^[\d\(«\"a-zа-яәғқңөұүһі]")


def _razdel(text: str) -> list[str]:
    return [s.text for s in razdel.sentenize(text)]


def _kazakh(text: str) -> list[str]:
    merged: list[str] = []
    for sent in _razdel(text):
        if merged and _KK_YEAR_ABBR.search(merged[-1]) and _KK_CONTINUES.match(sent):
            merged[-1] = f"{merged[-1]} {sent}"
        else:
            merged.append(sent)
    return merged


def _chinese(text: str) -> list[str]:
    return [s.strip() for s in _ZH_SENTENCE.findall(text) if s.strip()]


def join_segments(texts, lang: str) -> str:
    """Join paragraphs or sentences back into running text: Chinese puts no space between them."""
    return ("" if lang == "zh" else " ").join(texts)


def split_sentences(text: str, lang: str) -> list[str]:
    """Sentences of one paragraph, whitespace-trimmed, never empty strings."""
    if not text.strip():
        return []
    if lang == "zh":
        return _chinese(text)
    if lang == "kk":
        return _kazakh(text)
    return _razdel(text)
