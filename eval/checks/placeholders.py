"""Tags and placeholders ({1}..{/1}, {2/}, as the DOCX, HTML and XLIFF readers write them): every one of the
source's in the translation, once, properly nested, none added; a changed order is a warning (word order may
move a span, but a reviewer should see it)."""
from __future__ import annotations

from corpus.formats.placeholders import TOKEN, placeholder_problems

from .base import Check, Flag, LinkInput, LinkQuality, enumerated, register


def tokens(text: str) -> list[str]:
    return [m.group() for m in TOKEN.finditer(text)]


@register
class Placeholders(Check):
    name = "placeholders"
    detects = "tags or placeholders of the source missing, repeated, added, unbalanced or reordered in the translation"
    order = 32

    def check(self, item: LinkInput, quality: LinkQuality) -> None:
        src, tgt = tokens(item.src), tokens(item.tgt)
        if not src and not tgt:
            return
        expected = {int(m.group(2)): m.group() for m in TOKEN.finditer(item.src)}
        problems = placeholder_problems(item.tgt, expected)
        added = sorted(set(tgt) - set(src))
        if added:
            problems.append(f"{enumerated(added)} {'is' if len(added) == 1 else 'are'} not in the source")
        if problems:
            quality.flags.append(Flag("placeholders", "error", "; ".join(problems)))
        elif src != tgt and sorted(src) == sorted(tgt):
            quality.flags.append(Flag("placeholders", "warn", f"the tags are in another order: {' '.join(tgt)}"))
