"""The one exception type for input a user can fix.

Every reader and loader raises `InputError` with the file and, where it
applies, the 1-based line, so the command line can print one actionable line
instead of a traceback.
"""
from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad input: names the file, the line when known, and what is wrong."""

    def __init__(self, path: str | Path, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.path = str(path)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"
