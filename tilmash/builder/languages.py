"""What the builder asks about languages, in one place: whether a text is in its declared language, how much
of it is in that language's script, and whether the embedder covers a language.

The language profiles (corpus/languages/, issue 13) will answer all three; until they land, the language
identification and script filters and the input check call only these functions, so pointing them at the
profiles is a change to this module alone.
"""
from __future__ import annotations

from corpus.docset import LANGS
from corpus.script import language_mismatch, script_counts

# What the bundled multilingual-e5 embedder covers that tilmash can also segment today: the set languages
# (corpus.docset.LANGS) and the two of the public dev data (bleualign-dev, German-French), which XLM-R,
# e5's base model, was trained on.
EMBEDDER_LANGUAGES = frozenset(LANGS) | {"de", "fr"}
SCRIPTS = {"ru": "cyrillic", "kk": "cyrillic", "en": "latin", "de": "latin", "fr": "latin", "zh": "han"}


def embedder_covers(tag: str) -> bool:
    """Whether the embedder was trained on the language `tag` (a document in another one aligns to noise)."""
    return tag in EMBEDDER_LANGUAGES


def wrong_language(text: str, tag: str) -> bool:
    """Whether `text` is recognisably in another language than `tag` (False when it is too short to tell)."""
    return language_mismatch(text, tag) is not None


def script_share(text: str, tag: str) -> float | None:
    """The share of the letters of `text` written in the script of `tag`; None without letters or without a
    known script for the language."""
    script = SCRIPTS.get(tag)
    counts = script_counts(text)
    letters = counts["latin"] + counts["cyrillic"] + counts["han"]
    if script is None or not letters:
        return None
    return counts[script] / letters
