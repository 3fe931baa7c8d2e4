"""Negation cues, counted on each side of a link so that a reversed meaning shows as a count that differs.

Cross-lingual polarity is judged without a model: a translation that adds or
drops a "not" usually adds or drops a negation word or suffix. What counts as
a cue, and which look-alike particles and set phrases do not ("не только",
"not only", 不断, "ғана емес", the concessive "где бы он ни находился"), is
each language's profile (corpus.languages: `profile.negation`): grammatical
negation only (particles, negative verb forms). So are the lexical negations
of diplomatic texts that one side writes as a word and the other with a
negation particle (не имеющие выхода к морю / landlocked / теңізге шыға
алмайтын, неравенство / 不平等, безъядерный / 无核): Russian не- and без-
prefixes are not cues, so their renderings must not be either. Lexical
negation outside the profiles' lists is where the counts of a correct
translation still differ, so the check reports a difference as a warning to
read, never as an error.
"""
from __future__ import annotations

from corpus.languages import profile


def has_cues(lang: str) -> bool:
    """Whether the language's profile knows its negation cues."""
    return profile(lang).negation is not None


def cues(text: str, lang: str) -> list[str]:
    """The negation cues of `text`, in order (empty for a language without a cue list)."""
    negation = profile(lang).negation
    return negation.find(text) if negation is not None else []
