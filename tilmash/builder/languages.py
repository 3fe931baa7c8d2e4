"""What the builder asks about languages, in one place: whether a text is in its declared language, how much
of it is in that language's script, and whether the embedder covers a language.

All three are answered by the language profiles (corpus.languages, corpus.script); the language identification
and script filters and the input check call only these functions.
"""
from __future__ import annotations

from corpus.languages import UnknownLanguage, profile
from corpus.languages import embedder_covers as _covers
from corpus.languages.coverage import script_members
from corpus.script import language_mismatch, script_counts


def embedder_covers(tag: str) -> bool:
    """Whether the embedder was trained on the language `tag` (a document in another one aligns to noise);
    False for what is not a language tag at all."""
    try:
        return _covers(profile(tag).tag)
    except UnknownLanguage:
        return False


def wrong_language(text: str, tag: str) -> bool:
    """Whether `text` is recognisably in another language than `tag` (False when it is too short to tell)."""
    return language_mismatch(text, tag) is not None


def script_share(text: str, tag: str) -> float | None:
    """The share of the letters of `text` written in the script(s) of `tag`; None without letters or without a
    known script for the language."""
    scripts = {member for script in profile(tag).scripts for member in script_members(script)}
    counts = script_counts(text)
    letters = sum(counts.values())
    if not scripts or not letters:
        return None
    return sum(n for script, n in counts.items() if script in scripts) / letters
