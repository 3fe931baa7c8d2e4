"""The term base: concepts, each with per-language preferred, admitted and forbidden terms.

This mirrors TBX-Basic's administrative statuses (preferred, admitted,
deprecated), so TSV and TBX carry exactly the same content. A term base may
hold any languages: they are kept by canonical BCP 47 tag (corpus.languages),
looked up by any alias (`terms["zh"]` is the zh-Hans entry), and the TSV
columns keep the spelling the file used, so a term base reads and writes back
byte for byte.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from corpus.languages import ByLanguage, LanguageTags
from corpus.textrules import forbidden_problem


@dataclass(frozen=True)
class Terms:
    preferred: str
    variants: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()

    def admitted(self) -> tuple[str, ...]:
        """Renderings that satisfy the glossary: the preferred term first."""
        return (self.preferred, *self.variants)


def term_problem(concept_id: str, lang: str, terms: Terms) -> str | None:
    """Why these terms cannot be stored in the TSV form people edit, or None.

    Both readers apply it, so a TBX that imports cleanly also exports cleanly.
    """
    if not terms.preferred.strip():
        return f"concept {concept_id!r} has an empty preferred {lang} term"
    for term in (*terms.admitted(), *terms.forbidden):
        bad = next((c for c in term if c in "\t\n\r|"), None)
        if bad is not None:
            return f"concept {concept_id!r}: {lang} term {term[:40]!r} contains {bad!r}"
        problem = forbidden_problem(term)
        if problem:
            return f"concept {concept_id!r}: a {lang} term contains a {problem}"
        if term.count('"') % 2:
            return f"concept {concept_id!r}: {lang} term {term[:40]!r} has a stray double quote"
    clash = set(terms.admitted()) & set(terms.forbidden)
    if clash:
        return f"concept {concept_id!r}: {sorted(clash)[0]!r} is both admitted and forbidden in {lang}"
    return None


@dataclass(frozen=True)
class Concept:
    id: str
    terms: dict[str, Terms]  # by canonical tag; any alias looks up
    note: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "terms", ByLanguage(self.terms))


@dataclass
class TermBase:
    concepts: list[Concept]
    # in column order, spelled as the file that was read spelled them (a TSV's `zh`, a TBX's `zh-Hans`);
    # `"zh-Hans" in languages` asks about the language, whatever the spelling
    languages: tuple[str, ...] = ()
    source: str = ""
    sha256: str = ""  # of the file it was read from, for signatures ("" when built in memory)
    _by_id: dict[str, Concept] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.languages = LanguageTags(self.languages or dict.fromkeys(t for c in self.concepts for t in c.terms))
        self._by_id = {c.id: c for c in self.concepts}

    def __len__(self) -> int:
        return len(self.concepts)

    def __getitem__(self, concept_id: str) -> Concept:
        return self._by_id[concept_id]
