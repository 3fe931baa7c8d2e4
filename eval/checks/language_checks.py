"""Language: a translation (or part of it) left in the source language, or written in a third language."""
from __future__ import annotations

import re

from corpus.script import LANGUAGE_NAMES

from .. import language
from .base import Check, Flag, LinkInput, LinkQuality, quote, register

_WORDS = re.compile(r"\w+")
_TARGET_SIDES = frozenset({"both", "target-only"})  # an added paragraph can be untranslated too


def _name(lang: str) -> str:
    return LANGUAGE_NAMES.get(lang, lang)


@register
class Untranslated(Check):
    name = "untranslated"
    detects = "a paragraph or sentences left in the source language, or a target identical to the source"
    thresholds = {"identical_min_chars": 20}  # shorter identical lines are names, numbers, codes
    shapes = _TARGET_SIDES
    order = 40

    def check(self, item: LinkInput, quality: LinkQuality) -> None:
        src_lang, tgt_lang = self.pair.src_lang, self.pair.tgt_lang
        if item.target_language == src_lang:
            quality.values["untranslated"] = 1.0
            quality.flags.append(Flag("untranslated", "error", f"the whole paragraph is still in"
                                                               f" {_name(src_lang)}: {quote(item.tgt)}"))
            return
        if item.target_language is not None:
            return  # another language altogether: the wrong-language check's finding
        src, tgt = item.src, item.tgt
        if src and " ".join(src.split()).casefold() == " ".join(tgt.split()).casefold() and _WORDS.search(tgt) \
                and len(tgt) >= self.thresholds["identical_min_chars"] and src_lang != tgt_lang:
            quality.values["untranslated"] = 1.0
            quality.flags.append(Flag("untranslated", "error", "the translation is identical to the source"))
            return
        left = language.untranslated_sentences(tgt, tgt_lang, src_lang)
        quality.values["untranslated"] = float(len(left))
        if left:
            quality.flags.append(Flag("untranslated", "error", f"{len(left)} sentence{'s' if len(left) > 1 else ''}"
                                                               f" left in {_name(src_lang)}: {quote(left[0])}"))


@register
class WrongLanguage(Check):
    name = "wrong-language"
    detects = "a whole paragraph in a language that is neither the target nor the source"
    shapes = _TARGET_SIDES
    order = 41

    def check(self, item: LinkInput, quality: LinkQuality) -> None:
        other = item.target_language
        if other is None or other == self.pair.src_lang:
            return
        quality.values["wrong_language"] = 1.0
        quality.flags.append(Flag("wrong-language", "error", f"the translation is in {_name(other)},"
                                                             f" not {_name(self.pair.tgt_lang)}"))
