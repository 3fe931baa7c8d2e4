"""URLs, e-mail addresses, hashtags and @-handles: strings a translator must copy, never translate."""
from __future__ import annotations

import re

from .base import Check, Flag, LinkInput, LinkQuality, enumerated, register

IDENTIFIER = re.compile(r"https?://[^\s<>\"«»“”]+|www\.[^\s<>\"«»“”]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
                        r"|(?<![\w#])#\w*[^\W\d_]\w*|(?<![\w@])@[A-Za-z_]\w+")
TRAILING = ".,;:!?)]}»”’'"  # sentence punctuation after a URL is not part of it


def identifiers(text: str) -> list[str]:
    return [m.group().rstrip(TRAILING) for m in IDENTIFIER.finditer(text)]


@register
class Identifiers(Check):
    name = "identifiers"
    detects = "a URL, e-mail address, hashtag or @-handle of the source missing or changed in the translation"
    order = 31

    def check(self, item: LinkInput, quality: LinkQuality) -> None:
        target = " ".join(item.tgt.split())
        missing = [found for found in identifiers(item.src) if found not in target]
        if missing:
            quality.flags.append(Flag("identifiers", "error", f"{enumerated(missing)} of the source"
                                                              f" {'is' if len(missing) == 1 else 'are'} not in the"
                                                              " translation unchanged"))
