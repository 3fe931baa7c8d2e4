"""Negation cues, counted on each side of a link so that a reversed meaning shows as a count that differs.

Cross-lingual polarity is judged without a model: a translation that adds or
drops a "not" usually adds or drops a negation word or suffix. What counts as
a cue is grammatical negation only (particles, negative verb forms), and set
phrases that carry a negation word without negating the clause ("не только",
"not only", 不断 "continuously", 不仅, 未来 "future", 非洲 "Africa", "ғана
емес") are left out. So are the lexical negations of diplomatic texts that
one side writes as a word and the other with a negation particle (не имеющие
выхода к морю / landlocked / теңізге шыға алмайтын, неравенство / 不平等, нераспространение / 不扩散,
безъядерный / 无核, бесконечный / 无休止, беспрецедентный / 百年未有 or
前所未有): Russian не- and без- prefixes are not cues, so their Chinese
renderings must not be either. Lexical negation outside these lists is where
the counts of a correct translation still differ, so the check reports a
difference as a warning to read, never as an error.

Kazakh marks negation with a verb suffix (-ма/-ме/-ба/-бе/-па/-пе before the
person ending: келмейді, қолдамаймыз, болмады); only those endings count,
because -ма/-сын and -бес/-мас also end nouns and adjectives (бастамасын,
дербес, ажырамас), and the negative verbal noun -мау/-меу (таратпау
"non-proliferation") is lexical like the Russian не- prefix.
"""
from __future__ import annotations

import re

_CUES = {
    "ru": re.compile(r"\b(?:не(?!\s+только)(?!\s+имеющ\w*\s+выхода\s+к\s+морю)|нет|ни|без|никогда|ничего|нельзя)\b",
                     re.IGNORECASE),
    "en": re.compile(r"\b(?:not(?!\s+only)|no(?!\.?\s*\d)|never|without|none|nothing|neither|nor|cannot)\b|n't\b",
                     re.IGNORECASE),
    "zh": re.compile(r"不(?!断|仅|但|可分割|同|少|平等|扩散)|没|无(?!人机|论|核|休止)|(?<!百年)(?<!前所)未(?!来)"
                     r"|非(?!洲|法|常|物质)|勿|否(?!则)"),
    "kk": re.compile(r"\b(?:емес|жоқ|ешқашан|ешбір)\b(?<!ғана емес)"
                     r"|\b(?<!теңізге шыға )\w+(?:ма|ме|ба|бе|па|пе)(?:йды|йді|ймыз|ймін|ймын|йсыз|йсіз|ды|ді|дық|дік|йтын|йтін)\b",
                     re.IGNORECASE),
}
LANGS = frozenset(_CUES)


def cues(text: str, lang: str) -> list[str]:
    """The negation cues of `text`, in order (empty for a language without a cue list)."""
    pattern = _CUES.get(lang)
    return [m.group().lower() for m in pattern.finditer(text)] if pattern else []
