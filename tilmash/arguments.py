"""Argument types shared by subcommands: argparse turns their errors into a usage message and exit 2."""
from __future__ import annotations

import argparse
from collections.abc import Callable


def comma_list(allowed: tuple[str, ...]) -> Callable[[str], list[str]]:
    """A type for options like `--to en,zh,kk`: a comma-separated, non-empty list drawn from `allowed`."""
    def parse(value: str) -> list[str]:
        chosen = [v.strip() for v in value.split(",") if v.strip()]
        wrong = [v for v in chosen if v not in allowed]
        if wrong or not chosen:
            raise argparse.ArgumentTypeError(f"{value!r}: choose from {', '.join(allowed)}, comma-separated"
                                             + (f"; not {', '.join(wrong)}" if wrong else ""))
        return chosen
    return parse
