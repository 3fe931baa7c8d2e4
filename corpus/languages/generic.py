"""The profile of a language nobody profiled: what Unicode alone can say about it.

Sentences end at Unicode sentence terminals (sentencex's rules, with its own
abbreviations where it knows the language); the script is the one the
language is usually written in; words are joined with a space unless the
script writes none; numbers are read with a decimal point; there is no
morphology (term matching compares surface forms only, and says so), no
negation cues and no number words. Everything that depends on none of these
(alignment, numbers in digits, the script check) works as for any profile.
"""
from __future__ import annotations

from functools import lru_cache

from .coverage import UNSPACED_SCRIPTS, script_members
from .profile import LanguageProfile
from .segmentation import Sentencex
from .tags import english_name, language_subtag, script_subtag


@lru_cache(maxsize=None)
def generic_profile(tag: str) -> LanguageProfile:
    """The generic profile for canonical tag `tag`."""
    script = script_subtag(tag)
    scripts = tuple(sorted(script_members(script))) if script else ()
    return LanguageProfile(
        tag=tag,
        name=english_name(tag),
        scripts=scripts,
        sentences=Sentencex(language_subtag(tag)),
        generic=True,
        joiner="" if script in UNSPACED_SCRIPTS else " ",
        clause_breaks=r"[,;，；、]" if script in UNSPACED_SCRIPTS else r"[,;]",
        nllb=None,
        m2m100=language_subtag(tag),
        marian=(language_subtag(tag),),
        ter_asian=script in UNSPACED_SCRIPTS,
    )
