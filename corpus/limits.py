"""Size limits on input, each with an environment variable that raises (or lowers) it.

Without them a 300,000-character paragraph, a 50 MB file or a term base of 150,000
concepts is accepted and every command then works for minutes on it with no sign of
why. The defaults sit far above any real document or project term base (the bundled
declaration is 60 KB, its longest paragraph 1,028 characters, its term base 73
concepts), so a limit that trips is almost always a mistake (a wrong file, a corpus
concatenated into one line); a user who means it sets the variable. Every limit is read
where the input is read, so the error names the file and the line.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError


@dataclass(frozen=True)
class Limit:
    what: str  # e.g. "file size", for messages
    env: str  # the environment variable that overrides the default
    default: int
    unit: str

    def value(self) -> int:
        """The limit in force: read from the environment on every call, so a test or a caller can change it."""
        raw = os.environ.get(self.env)
        if raw is None or not raw.strip():
            return self.default
        try:
            value = int(raw.strip().replace("_", ""))
        except ValueError:
            value = 0
        if value <= 0:
            raise InputError(self.env, f"must be a positive whole number of {self.unit}, not {raw[:40]!r}")
        return value

    def check(self, amount: int, path: str | Path, line: int | None = None, subject: str = "") -> None:
        """Refuse `amount` over the limit with an error naming `path` (and `line`) and how to raise it."""
        limit = self.value()
        if amount > limit:
            raise InputError(path, f"{subject or self.what} of {amount:,} {self.unit} is over the limit of"
                                   f" {limit:,} (set {self.env} to raise it)", line)


FILE_BYTES = Limit("file size", "TILMASH_MAX_FILE_BYTES", 32 * 1024 * 1024, "bytes")
PARAGRAPH_CHARS = Limit("paragraph length", "TILMASH_MAX_PARAGRAPH_CHARS", 20_000, "characters")
TERMBASE_CONCEPTS = Limit("term base size", "TILMASH_MAX_CONCEPTS", 100_000, "concepts")
ALL = (FILE_BYTES, PARAGRAPH_CHARS, TERMBASE_CONCEPTS)
