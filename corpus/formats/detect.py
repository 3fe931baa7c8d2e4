"""Which language a document is in, when the user did not say.

A bilingual file (XLIFF, PO, TMX) declares its languages, and that wins. Any
other document is read once and judged by its script (corpus.script); the
language profiles will refine this guess, so it lives behind this one function.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..script import guess_language
from .base import ReadOptions, reader_for


def detect_language(path: Path, role: str, format: str | None = None, options: dict | None = None
                    ) -> tuple[str, str]:
    """(language tag, how it was found: "declared in the file" or "guessed from its script")."""
    reader = reader_for(path, format)
    provisional = ReadOptions(lang="und", role=role, **(options or {}))
    side = provisional.side or ("source" if role == "source" else "target")
    declared = reader.declared_languages(path).get(side)
    if declared:
        return declared.replace("_", "-").split("-")[0].lower(), "declared in the file"
    if reader.bilingual:
        raise InputError(path, f"declares no {side} language; give it (--lang, or FILE:TAG)")
    parsed = reader.read(path, provisional)
    guess = guess_language("\n".join(unit.text for unit in parsed.units))
    if guess is None:
        raise InputError(path, "too little text to tell its language; give it (--lang, or FILE:TAG)")
    return guess, "guessed from its script"
