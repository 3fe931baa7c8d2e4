"""Batches for a model under a padded-token budget, shared by the embedders and the translation engines."""
from __future__ import annotations

from collections.abc import Iterator


def length_batches(order: list[int], lengths: list[int], budget: int, weight: int = 1) -> Iterator[list[int]]:
    """Indices in `order` grouped so that rows x longest row x `weight` stays within `budget`.

    A batch is padded to its longest row, so padded tokens (times beams, the
    `weight`, when decoding) are what memory and time grow with; `order` is
    best sorted by length, so little of a batch is padding. A row longer than
    the budget still gets a batch of its own.
    """
    batch: list[int] = []
    longest = 0
    for k in order:
        if batch and (len(batch) + 1) * max(longest, lengths[k]) * weight > budget:
            yield batch
            batch, longest = [], 0
        batch.append(k)
        longest = max(longest, lengths[k])
    if batch:
        yield batch
