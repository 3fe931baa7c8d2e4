"""Consistency within a document: the same source segment translated differently, and one translation given
to different source segments (Xbench's "inconsistency in source" and "in target").

Each link is compared with every other link of the document by the keys of eval.consistency (words and numbers,
case and punctuation ignored); both links of a disagreeing pair are flagged, each naming the other, since either
may be the one to fix. The comparison is made against the document as aligned, so a link re-checked after an
edit (the review workbench) is judged against the other links as they were. Differences the reviewers accept
are admitted in qa.toml (`[consistency] admit`, eval.qa_profile). Different systems of a set are never compared
with each other: two translators differ by design.
"""
from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from corpus.languages import profile

from ..consistency import MIN_SOURCE_WORDS, MIN_TARGET_WORDS, comparable, segment_key
from .base import Check, Flag, LinkInput, LinkQuality, PairContext, paragraphs, quote, register


@dataclass(frozen=True)
class _Seen:
    ids: tuple[int, ...]  # the link's source paragraphs
    key: str  # the other side's key
    text: str  # the other side's text


@register
class Consistency(Check):
    name = "consistency"
    detects = ("the same source segment translated differently elsewhere in the document, and one translation"
               " given to different source segments")
    thresholds = {"min_source_words": MIN_SOURCE_WORDS, "min_target_words": MIN_TARGET_WORDS}
    order = 46

    def __init__(self, pair: PairContext) -> None:
        super().__init__(pair)
        self.by_source: dict[str, list[_Seen]] = {}
        self.by_target: dict[str, list[_Seen]] = {}
        for k in pair.matched:
            link, (src, tgt) = pair.alignment.links[k], pair.texts[k]
            src_key, tgt_key = comparable(src, pair.src_lang, MIN_SOURCE_WORDS), segment_key(tgt)
            if src_key is not None:
                self.by_source.setdefault(src_key, []).append(_Seen(link.src, tgt_key, tgt))
            shared = comparable(tgt, pair.tgt_lang, MIN_TARGET_WORDS)
            if shared is not None and shared != segment_key(src):  # a name left as it is is no translation
                self.by_target.setdefault(shared, []).append(_Seen(link.src, segment_key(src), src))

    def check(self, item: LinkInput, quality: LinkQuality) -> None:
        src_key, tgt_key = segment_key(item.src), segment_key(item.tgt)
        own = tuple(item.link.src)
        others = [s for s in self.by_source.get(src_key, []) if s.ids != own and s.key != tgt_key]
        if others:
            where = _difference(tgt_key, others[0].key, self.pair.tgt_lang)
            quality.flags.append(Flag("inconsistent-translation", "warn",
                                      f"the same source as paragraph {_ids(others)} is translated differently"
                                      f" there: {quote(others[0].text)} ({where})"))
        others = [s for s in self.by_target.get(tgt_key, []) if s.ids != own and s.key != src_key]
        if others and tgt_key != src_key:
            where = _difference(src_key, others[0].key, self.pair.src_lang)
            quality.flags.append(Flag("shared-translation", "warn",
                                      f"the same translation is given to paragraph {_ids(others)}, whose source"
                                      f" differs: {quote(others[0].text)} ({where})"))


def _ids(seen: list[_Seen]) -> str:
    shown = [paragraphs(s.ids) for s in seen[:4]]
    return "; ".join(shown) + (f" and {len(seen) - 4} more" if len(seen) > 4 else "")


def _difference(here: str, there: str, lang: str) -> str:
    """The first stretch of words (characters in an unspaced script) where two keys part: what a reviewer needs
    to see when the quotes are cut short."""
    unspaced = profile(lang).unspaced
    mine, theirs = (list(k.replace(" ", "")) if unspaced else k.split() for k in (here, there))
    glue = "" if unspaced else " "
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, mine, theirs, autojunk=False).get_opcodes():
        if tag != "equal":
            return f"here “{glue.join(mine[i1:i2][:12]) or '-'}”, there “{glue.join(theirs[j1:j2][:12]) or '-'}”"
    return "they differ"
