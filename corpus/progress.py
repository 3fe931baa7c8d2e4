"""Progress bars on stderr, so stdout stays clean for machine-readable output; shared by every package
(align, glossaries and tilmash all have work that can run for minutes on a large input)."""
from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TypeVar

from tqdm import tqdm

T = TypeVar("T")


def progress(items: Iterable[T], desc: str, total: int | None = None, enabled: bool = True, unit: str = "step",
             delay: float = 0) -> Iterable[T]:
    """Wrap `items` in a bar on stderr; tqdm hides it when stderr is not a terminal. With `delay` the bar
    appears only once the work has run that many seconds, so quick runs of usually quick work stay quiet."""
    return tqdm(items, desc=desc, total=total, file=sys.stderr, disable=None if enabled else True,
                leave=False, unit=unit, delay=delay)
