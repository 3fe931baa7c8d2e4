"""Links with one side only: a source paragraph nobody translated (omission), a paragraph the translation
added (addition)."""
from __future__ import annotations

from .base import LENGTH_MIN_CHARS, Check, Flag, LinkInput, LinkQuality, paragraphs, quote, register


@register
class Omission(Check):
    name = "omission"
    detects = "a source paragraph with no translation (a 1-0 link)"
    thresholds = {"error_min_chars": LENGTH_MIN_CHARS}  # shorter untranslated lines (boilerplate) only warn
    shapes = frozenset({"source-only"})
    order = 0

    def check(self, item: LinkInput, quality: LinkQuality) -> None:
        where = f"source paragraph {paragraphs(item.link.src)}" if item.link.src else "the source"
        severity = "error" if len(item.src) >= self.thresholds["error_min_chars"] else "warn"
        quality.flags.append(Flag("omission", severity, f"{where} has no translation: {quote(item.src)}"))


@register
class Addition(Check):
    name = "addition"
    detects = "a translation paragraph with no source counterpart (a 0-1 link)"
    shapes = frozenset({"target-only"})
    order = 0

    def check(self, item: LinkInput, quality: LinkQuality) -> None:
        quality.flags.append(Flag("addition", "warn", f"translation paragraph {paragraphs(item.link.tgt)} has no"
                                                      f" source counterpart: {quote(item.tgt)}"))
