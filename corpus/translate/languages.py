"""Language codes of the model families tilmash drives, and how each one is told the target.

NLLB-200 and M2M100 are many-to-many: the source language is set on the
tokenizer and the target is chosen by forcing the first decoder token to the
target's language token. Marian opus-mt models are mostly one pair each (the
pair is in the tokenizer config or the directory name, opus-mt-ru-en); the
multi-target ones read a `>>xxx<<` token at the start of the source text.
Every code comes from the language's profile (corpus.languages): `NLLB`,
`M2M100` and `MARIAN` are read-only views of them by canonical tag, and any
alias of a tag looks up the same entry.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import TypeVar

from corpus.languages import LanguageProfile, UnknownLanguage, profile, profiled_tags

T = TypeVar("T")
_OPUS_PAIR = re.compile(r"opus-mt-(?:tc-(?:big-|base-)?)?([a-z]+(?:_[a-z]+)*)-([a-z]+(?:_[a-z]+)*)", re.I)


class _Codes(Mapping[str, T]):
    """One profile field by language tag; a language whose profile has no code for the family is not a key."""

    def __init__(self, field: Callable[[LanguageProfile], T | None]) -> None:
        self.field = field

    def __getitem__(self, lang: str) -> T:
        try:
            value = self.field(profile(lang))
        except UnknownLanguage:
            value = None
        if not value:
            raise KeyError(lang)
        return value

    def __iter__(self) -> Iterator[str]:
        return (tag for tag in profiled_tags() if self.field(profile(tag)))

    def __len__(self) -> int:
        return sum(1 for _ in self)


NLLB: Mapping[str, str] = _Codes(lambda p: p.nllb)
M2M100: Mapping[str, str] = _Codes(lambda p: p.m2m100)
# Names opus-mt uses for a language, in its pair names and its >>xxx<< target tokens.
MARIAN: Mapping[str, tuple[str, ...]] = _Codes(lambda p: p.marian)


def marian_lang(code: str | None) -> str | None:
    """Our language for a Marian language name (ru, rus, cmn_Hans, ...), or None."""
    if not code:
        return None
    code = code.strip("><").lower()
    for lang, names in MARIAN.items():
        if code in (n.lower() for n in names):
            return lang
    return None


def marian_pair_from_name(name: str) -> tuple[str | None, str | None]:
    """(source, target) of an opus-mt directory or model name such as `opus-mt-ru-en`; None where unknown."""
    found = _OPUS_PAIR.search(name)
    if not found:
        return None, None
    return marian_lang(found.group(1)), marian_lang(found.group(2))


def marian_target_token(lang: str, supported: list[str]) -> str | None:
    """The `>>xxx<<` token a multi-target Marian model uses for `lang`, if it has one."""
    for name in MARIAN.get(lang, ()):
        token = f">>{name}<<"
        if token in supported:
            return token
    return None
