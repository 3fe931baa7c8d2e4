"""The term base: concepts, each with per-language preferred, admitted and forbidden terms.

This mirrors TBX-Basic's administrative statuses (preferred, admitted,
deprecated), so TSV and TBX carry exactly the same content.
"""
from __future__ import annotations

from dataclasses import dataclass, field

LANGS = ("ru", "en", "zh", "kk")


@dataclass(frozen=True)
class Terms:
    preferred: str
    variants: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()

    def admitted(self) -> tuple[str, ...]:
        """Renderings that satisfy the glossary: the preferred term first."""
        return (self.preferred, *self.variants)


@dataclass(frozen=True)
class Concept:
    id: str
    terms: dict[str, Terms]
    note: str = ""


@dataclass
class TermBase:
    concepts: list[Concept]
    languages: tuple[str, ...] = LANGS
    source: str = ""
    _by_id: dict[str, Concept] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {c.id: c for c in self.concepts}

    def __len__(self) -> int:
        return len(self.concepts)

    def __getitem__(self, concept_id: str) -> Concept:
        return self._by_id[concept_id]
