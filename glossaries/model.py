"""The term base: concepts, each with per-language terms by TBX status, plus how each term matches.

Statuses are TBX's administrative statuses: `preferred` (one per language),
`admitted` (the `variants`), `deprecated` and `superseded` (not to be used:
a warning where they appear), and `forbidden` (an error). A term may be
case-sensitive (its capitals must be capitals in the text, so Kazakh
«Астана» matches «Астанада» and «АСТАНА» but not «астанасы», "its capital").
A concept may have a part of speech (a proper noun's terms are all
case-sensitive) and may be do-not-translate: its term is written the same in
every language and must appear unchanged. TSV and TBX carry exactly the
same content. A term base may hold any languages: they are kept by
canonical BCP 47 tag (corpus.languages), looked up by any alias
(`terms["zh"]` is the zh-Hans entry), and the TSV columns keep the spelling
the file used, so a term base reads and writes back byte for byte.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from corpus.findings import REJECTED
from corpus.languages import ByLanguage, LanguageTags
from corpus.textrules import forbidden_problem

# TBX-Basic partOfSpeech values; "" when the term base does not say
PARTS_OF_SPEECH = ("noun", "properNoun", "verb", "adjective", "adverb", "other")


@dataclass(frozen=True)
class Terms:
    preferred: str
    variants: tuple[str, ...] = ()  # admitted
    forbidden: tuple[str, ...] = ()
    deprecated: tuple[str, ...] = ()
    superseded: tuple[str, ...] = ()
    case: tuple[str, ...] = ()  # the terms above that match with their capitals

    def admitted(self) -> tuple[str, ...]:
        """Renderings that satisfy the glossary: the preferred term first."""
        return (self.preferred, *self.variants)

    def rejected(self) -> tuple[tuple[str, str], ...]:
        """(status, term) of every term that must not be used: deprecated, superseded, forbidden."""
        return tuple((status, term) for status in REJECTED for term in getattr(self, status))

    def all_terms(self) -> tuple[str, ...]:
        return (*self.admitted(), *(term for _, term in self.rejected()))


def term_problem(concept_id: str, lang: str, terms: Terms) -> str | None:
    """Why these terms cannot be stored in the TSV form people edit, or None.

    Both readers apply it, so a TBX that imports cleanly also exports cleanly.
    """
    if not terms.preferred.strip():
        return f"concept {concept_id!r} has an empty preferred {lang} term"
    everything = terms.all_terms()
    for term in everything:
        bad = next((c for c in term if c in "\t\n\r|"), None)
        if bad is not None:
            return f"concept {concept_id!r}: {lang} term {term[:40]!r} contains {bad!r}"
        problem = forbidden_problem(term)
        if problem:
            return f"concept {concept_id!r}: a {lang} term contains a {problem}"
        if term.count('"') % 2:
            return f"concept {concept_id!r}: {lang} term {term[:40]!r} has a stray double quote"
    status_of = dict.fromkeys(terms.admitted(), "admitted")
    for status, term in terms.rejected():
        if term in status_of:
            return f"concept {concept_id!r}: {term!r} is both {status_of[term]} and {status} in {lang}"
        status_of[term] = status
    stray = next((t for t in terms.case if t not in everything), None)
    if stray is not None:
        return f"concept {concept_id!r}: case-sensitive {lang} term {stray[:40]!r} is not one of the concept's terms"
    return None


def concept_problem(concept: Concept) -> str | None:
    """What is wrong with a concept's own fields (part of speech, do-not-translate), or None."""
    if concept.pos and concept.pos not in PARTS_OF_SPEECH:
        return (f"concept {concept.id!r}: part of speech {concept.pos!r} is not one of "
                + ", ".join(PARTS_OF_SPEECH))
    if concept.dnt:
        terms = list(concept.terms.values())
        differs = next((t for t in terms if t.preferred != terms[0].preferred), None)
        if differs is not None:
            return (f"concept {concept.id!r} is do-not-translate but its terms differ"
                    f" ({terms[0].preferred!r}, {differs.preferred!r})")
    return None


@dataclass(frozen=True)
class Concept:
    id: str
    terms: dict[str, Terms]  # by canonical tag; any alias looks up
    note: str = ""
    pos: str = ""  # one of PARTS_OF_SPEECH, or ""
    dnt: bool = False  # do not translate: the same term in every language, to appear unchanged

    def __post_init__(self) -> None:
        object.__setattr__(self, "terms", ByLanguage(self.terms))

    def case_sensitive(self, lang: str, term: str) -> bool:
        """Whether `term` (a term of `lang`) must match with its capitals."""
        return self.dnt or self.pos == "properNoun" or term in self.terms[lang].case


@dataclass
class TermBase:
    concepts: list[Concept]
    # in column order, spelled as the file that was read spelled them (a TSV's `zh`, a TBX's `zh-Hans`);
    # `"zh-Hans" in languages` asks about the language, whatever the spelling
    languages: tuple[str, ...] = ()
    source: str = ""
    sha256: str = ""  # of the file it was read from, for signatures ("" when built in memory)
    # optional TSV columns the file had (`ru_deprecated`, `kk_case`, `pos`, ...), written back even when empty
    columns: tuple[str, ...] = ()
    _by_id: dict[str, Concept] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.languages = LanguageTags(self.languages or dict.fromkeys(t for c in self.concepts for t in c.terms))
        self._by_id = {c.id: c for c in self.concepts}

    def __len__(self) -> int:
        return len(self.concepts)

    def __getitem__(self, concept_id: str) -> Concept:
        return self._by_id[concept_id]
