"""The kinds of translation model the `hf` engine drives, one module each (adding a family is adding a file).

`detect` picks the family of a loaded model; a user's own family registers
through the `tilmash.mt_families` entry point group.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from corpus.errors import InputError
from corpus.registry import discover

from .base import FAMILIES, ManyToMany, ModelFamily

discover(sys.modules[__name__])


def detect(model_type: str, tokenizer: Any, path: Path, names: str) -> ModelFamily:
    """The one family that recognises this model, bound to its tokenizer."""
    found = [family for _, family in FAMILIES.items() if family.recognises(model_type, tokenizer)]
    if len(found) != 1:
        titles = [family.title for _, family in FAMILIES.items()]
        drives = ", ".join(titles[:-1]) + f" and {titles[-1]}" if len(titles) > 1 else "".join(titles)
        what = "unsupported" if not found else "ambiguous (" + ", ".join(f.name for f in found) + ")"
        raise InputError(path, f"{what} model family {model_type!r}: tilmash drives {drives} models")
    return found[0](tokenizer, path, names)


__all__ = ["FAMILIES", "ManyToMany", "ModelFamily", "detect"]
