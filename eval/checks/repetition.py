"""Repetition: a sentence or a long passage written twice, or one n-gram looping (degenerate MT output)."""
from __future__ import annotations

import re

from corpus.languages import profile
from corpus.segmenter import split_sentences

from .base import Check, Flag, LinkInput, LinkQuality, quote, register

_WORDS = re.compile(r"\w+")


def ngram_counts(units: list[str], n: int) -> dict[tuple[str, ...], int]:
    counts: dict[tuple[str, ...], int] = {}
    for start in range(len(units) - n + 1):
        gram = tuple(units[start:start + n])
        counts[gram] = counts.get(gram, 0) + 1
    return counts


def longest_repeat(units: list[str], n: int, counts: dict[tuple[str, ...], int]) -> tuple[int, int]:
    """(length in units, start) of the longest run of consecutive n-grams that each occur more than once:
    a passage written twice. Several short set phrases that recur in a long paragraph ("Central Asia",
    "the Sides") each make a short run of their own, so they do not add up to a long one."""
    best, start, run = 0, 0, 0
    for k in range(len(units) - n + 1):
        run = run + 1 if counts[tuple(units[k:k + n])] > 1 else 0
        if run > best:
            best, start = run, k - run + 1
    return (best + n - 1, start) if best else (0, 0)


@register
class Repetition(Check):
    name = "repetition"
    detects = "a sentence or a long passage repeated, or a generation loop"
    # n-gram sizes in characters where the language writes no spaces, in words elsewhere
    thresholds = {"sentence_min_chars": 15, "ngram_chars": 6, "ngram_words": 4, "repeated_span_chars": 24,
                  "repeated_span_words": 12, "loop_ngram_chars": 12, "loop_ngram_words": 6, "loop_repeats": 4}
    order = 50

    def check(self, item: LinkInput, quality: LinkQuality) -> None:
        tgt, lang, t = item.tgt, self.pair.tgt_lang, self.thresholds
        quality.values["repeated"] = 0.0
        seen: set[str] = set()
        for sentence in split_sentences(tgt, lang):
            key = " ".join(_WORDS.findall(sentence.casefold()))
            if len(key) >= t["sentence_min_chars"] and key in seen:
                quality.values["repeated"] = 1.0
                quality.flags.append(Flag("repetition", "error", f"sentence repeated: {quote(sentence)}"))
                return
            seen.add(key)
        chars = profile(lang).unspaced  # written without spaces (Chinese): count characters, not words
        unit = "chars" if chars else "words"
        units = [c for c in tgt if c.isalnum()] if chars else _WORDS.findall(tgt.casefold())
        glue = "" if chars else " "
        n = int(t[f"ngram_{unit}"])
        span, start = longest_repeat(units, n, ngram_counts(units, n))
        # a long passage twice, or a short paragraph (a title) that is mostly one passage written twice
        if span >= t[f"repeated_span_{unit}"] or (span >= 2 * n and 2 * span >= 0.8 * len(units)):
            quality.values["repeated"] = 1.0
            quality.flags.append(Flag("repetition", "error", f"a passage of about {span}"
                                                             f" {'characters' if chars else 'words'} occurs twice:"
                                                             f" “{glue.join(units[start:start + n])}…”"))
            return
        loops = ngram_counts(units, int(t[f"loop_ngram_{unit}"]))
        gram, count = max(loops.items(), key=lambda kv: kv[1], default=((), 0))
        if count >= t["loop_repeats"]:
            quality.values["repeated"] = 1.0
            quality.flags.append(Flag("repetition", "warn", f"“{glue.join(gram)}” occurs {count} times"))
