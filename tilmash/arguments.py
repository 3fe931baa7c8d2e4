"""Argument types shared by subcommands: argparse turns their errors into a usage message and exit 2."""
from __future__ import annotations

import argparse
from collections.abc import Callable


def comma_list(allowed: tuple[str, ...] | Callable[[str], bool]) -> Callable[[str], list[str]]:
    """A type for options like `--to en,zh,kk`: a comma-separated, non-empty list drawn from `allowed` (the
    names, or a test that a name passes)."""
    def parse(value: str) -> list[str]:
        chosen = [v.strip() for v in value.split(",") if v.strip()]
        wrong = [v for v in chosen if not (allowed(v) if callable(allowed) else v in allowed)]
        if wrong or not chosen:
            choices = "language tags" if callable(allowed) else ", ".join(allowed)
            raise argparse.ArgumentTypeError(f"{value!r}: choose from {choices}, comma-separated"
                                             + (f"; not {', '.join(wrong)}" if wrong else ""))
        return chosen
    return parse


def confidence(value: str) -> float:
    """A type for `--min-confidence P`: a number within 0..1."""
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"a confidence between 0 and 1, not {value!r}")
    return number
