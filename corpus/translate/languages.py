"""Language codes of the model families tilmash drives, and how each one is told the target.

NLLB-200 and M2M100 are many-to-many: the source language is set on the
tokenizer and the target is chosen by forcing the first decoder token to the
target's language token. Marian opus-mt models are mostly one pair each (the
pair is in the tokenizer config or the directory name, opus-mt-ru-en); the
multi-target ones read a `>>xxx<<` token at the start of the source text.
"""
from __future__ import annotations

import re

NLLB = {"ru": "rus_Cyrl", "en": "eng_Latn", "zh": "zho_Hans", "kk": "kaz_Cyrl"}
M2M100 = {"ru": "ru", "en": "en", "zh": "zh", "kk": "kk"}
# Names opus-mt uses for our languages, in its pair names and its >>xxx<< target tokens.
MARIAN = {
    "ru": ("ru", "rus"),
    "en": ("en", "eng"),
    "zh": ("zh", "zho", "cmn", "cmn_Hans", "zho_Hans", "zh_cn"),
    "kk": ("kk", "kaz", "kaz_Cyrl"),
}
_OPUS_PAIR = re.compile(r"opus-mt-(?:tc-(?:big-|base-)?)?([a-z]+(?:_[a-z]+)*)-([a-z]+(?:_[a-z]+)*)", re.I)


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
    for name in MARIAN[lang]:
        token = f">>{name}<<"
        if token in supported:
            return token
    return None
