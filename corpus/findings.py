"""Terminology findings: what the glossary check says of one source term occurrence in one link.

In `corpus` because `glossaries` produces them and `eval` (the quality checks,
the report) reads them, and the two packages may not import each other.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

# the term base statuses (TBX) of renderings not to be used, worst first: forbidden is an error, the others warnings
REJECTED = ("forbidden", "superseded", "deprecated")
KINDS = ("ok", *REJECTED, "missing", "inconsistent")


@dataclass(frozen=True)
class TermFinding:
    src: tuple[int, ...]  # the link's source and target paragraph indices
    tgt: tuple[int, ...]
    concept: str
    kind: str  # one of KINDS; `inconsistent` is per concept, at the first link of one of its renderings
    source_text: str
    target_text: str
    expected: str  # the preferred target term

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["src"], data["tgt"] = list(self.src), list(self.tgt)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "TermFinding":
        """Read back what `as_dict` wrote (terms/<pair>.json, the review state)."""
        return cls(tuple(data["src"]), tuple(data["tgt"]), str(data["concept"]), str(data["kind"]),
                   str(data["source_text"]), str(data["target_text"]), str(data["expected"]))
