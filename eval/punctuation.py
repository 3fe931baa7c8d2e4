"""Punctuation as the typography checks compare it: what a mark means, whatever its width or script.

A Chinese 。 and an English . end a statement alike, ？ and ? a question: the checks compare these kinds, not the
characters, so a translation is held to its own language's marks and not to its source's.
"""
from __future__ import annotations

import re

KINDS = {".": "full stop", "。": "full stop", "．": "full stop", "?": "question mark", "？": "question mark",
         "!": "exclamation mark", "！": "exclamation mark", "…": "ellipsis", ":": "colon", "：": "colon",
         ";": "semicolon", "；": "semicolon", ",": "comma", "，": "comma", "、": "comma"}
CLOSERS = "\"'»”’“」』）)]】》›"  # what may follow the final mark: a closing quote or bracket
BRACKETS = (("(", ")"), ("[", "]"), ("{", "}"), ("（", "）"), ("【", "】"), ("〔", "〕"))
ASCII_IN_CJK = re.compile(r"(?<=[\u3400-\u9fff])[,;:?!]|(?<=[\u3400-\u9fff])\.(?!\d)")
ELLIPSIS = re.compile(r"\.{3}$")
# a) 1) ii): a closing bracket that opened nothing; inside an open bracket the ) is its partner: (SNOMED CT) system
LIST_MARKER = re.compile(r"(?:^|(?<=\s))\w{1,2}\)(?=\s)")


def end_mark(text: str) -> str:
    """The kind of mark that ends the text (`none` when it ends with a letter or digit)."""
    text = ELLIPSIS.sub("…", text.rstrip().rstrip(CLOSERS).rstrip())
    return KINDS.get(text[-1:], "none") if text else "none"


def unbalanced(text: str, pairs: tuple[tuple[str, str], ...]) -> list[str]:
    """The opening or closing marks of `pairs` left without their partner, in the order met."""
    problems: list[str] = []
    text = LIST_MARKER.sub(lambda m: "" if _open_parentheses(m.string[:m.start()]) <= 0 else m.group(), text)
    for opening, closing in pairs:
        if opening == closing:
            if text.count(opening) % 2:
                problems.append(opening)
            continue
        depth = 0
        for char in text:
            if char == opening:
                depth += 1
            elif char == closing:
                if depth == 0:
                    problems.append(closing)
                else:
                    depth -= 1
        problems += [opening] * depth
    return problems


def _open_parentheses(text: str) -> int:
    return text.count("(") - text.count(")")
