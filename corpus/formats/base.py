"""The reader interface every file format implements, and the registry that finds one.

A reader turns a file into `Unit`s (text with placeholders, kind, place) and
says what it skipped; `corpus.reader.read_document` turns those into the one
`Document` model with stable ids, so aligners, checks and exporters never see
a format. Readers import their parsing library inside `read`, so starting the
command line costs nothing for formats a run does not use.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from ..errors import InputError
from ..registry import Registry

LAYOUTS = ("paragraphs", "lines")
TRACKED = ("accept", "reject")
SIDES = ("source", "target")


@dataclass(frozen=True)
class ReadOptions:
    """What the caller asks of a reader; each reader uses the options that concern its format."""
    lang: str
    role: str = "source"
    layout: str = "paragraphs"  # plain text: blank-line paragraphs, or one segment per line
    tracked: str | None = None  # DOCX: tracked changes accepted or rejected; a document with some needs a choice
    main_text: bool = False  # HTML: only the main text, boilerplate (menus, footers) removed by trafilatura
    side: str | None = None  # bilingual files (XLIFF, PO): source or target; None: the side in `lang`, else by role

    def as_dict(self, names: tuple[str, ...] = ("layout", "tracked", "main_text", "side")) -> dict:
        """The options among `names` that are set, as recorded in a set's manifest."""
        values = {"layout": self.layout, "tracked": self.tracked, "main_text": self.main_text, "side": self.side}
        return {name: values[name] for name in names if values[name] is not None}


@dataclass
class Unit:
    """One segment as a reader found it, before it gets its id."""
    text: str
    kind: str = "paragraph"
    place: str = ""
    line: int = 0
    tags: dict[int, str] = field(default_factory=dict)
    meta: dict = field(default_factory=dict)


def readable(unit: Unit) -> bool:
    """A unit that becomes a segment: it has text besides placeholders (an image-only paragraph does
    not). Readers' `write_back` use the same test, so segment k is always unit k of the same walk."""
    from .placeholders import strip_placeholders

    return bool(strip_placeholders(unit.text, unit.tags))


@dataclass
class Parsed:
    units: list[Unit]
    encoding: str = "utf-8"
    skipped: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    details: dict = field(default_factory=dict)  # format facts worth recording: version, languages, encodings

    def skip(self, kind: str, place: str) -> None:
        self.skipped.setdefault(kind, []).append(place)


class FormatReader(ABC):
    """One file format. Subclasses set `name`, `extensions` and `description` and implement `read`."""
    name: ClassVar[str]
    extensions: ClassVar[tuple[str, ...]]
    description: ClassVar[str]
    version: ClassVar[int] = 1  # bump when the same file would give other segments
    bilingual: ClassVar[bool] = False  # holds source and target (XLIFF, PO, TMX)

    @abstractmethod
    def read(self, path: Path, options: ReadOptions) -> Parsed:
        """Parse `path`; raise `InputError` (file, line or unit, what is wrong) for anything a user must fix."""

    def signature(self, options: ReadOptions) -> str:
        """How a document was read, for provenance: `docx/1|tracked:accept`."""
        facts = options.as_dict(self.option_names())
        return "|".join([f"{self.name}/{self.version}"] + [f"{k}:{v}" for k, v in facts.items()])

    def option_names(self) -> tuple[str, ...]:
        """The `ReadOptions` fields this format reads; only those are recorded in provenance."""
        return ()

    def declared_languages(self, path: Path) -> dict[str, str | None]:
        """The languages a file declares for its sides (`{"source": "ru", "target": "en"}`); formats
        that declare none return nothing, and the language is then guessed from the text."""
        return {}

    def write_back(self, original: Path, options: ReadOptions, texts: list[str]) -> bytes:
        """The original file with segment k's text replaced by `texts[k]`, structure and placeholders
        restored; formats that keep no structure worth restoring refuse."""
        writable = ", ".join(name for name, cls in FORMATS.items() if cls.write_back is not FormatReader.write_back)
        raise InputError(original, f"{self.name} files cannot be written back (these can: {writable})")


FORMATS: Registry[type[FormatReader]] = Registry("document format", "tilmash.formats")


def reader_for(path: str | Path, name: str | None = None) -> FormatReader:
    """The reader named, else the one whose extensions end the file name, else plain text."""
    if name:
        try:
            return FORMATS.get(name)()
        except ValueError as exc:
            raise InputError(path, str(exc)) from None
    lower = Path(path).name.lower()
    matches = [(ext, cls) for _, cls in FORMATS.items() for ext in cls.extensions if lower.endswith(ext)]
    if not matches:
        return FORMATS.get("txt")()
    return max(matches, key=lambda m: len(m[0]))[1]()
