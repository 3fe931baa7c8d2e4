"""Progress bars on stderr, so stdout stays clean for machine-readable output."""
from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TypeVar

from tqdm import tqdm

T = TypeVar("T")


def progress(items: Iterable[T], desc: str, total: int | None = None, enabled: bool = True) -> Iterable[T]:
    """Wrap `items` in a bar on stderr; tqdm hides it when stderr is not a terminal."""
    return tqdm(items, desc=desc, total=total, file=sys.stderr, disable=None if enabled else True,
                leave=False, unit="step")
