"""The exporter family: one class per parallel-corpus format, all writing from one `Corpus`.

`tilmash run`, `tilmash export` and the review workbench's export loop over
the same registry, so a format added here (a module in this package, or an
entry point in `tilmash.exporters`) appears in all three and in
`export --format` at once.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import ClassVar

from corpus.registry import Registry
from corpus.signature import Signature, short_hash

from ..alignment import Alignment
from ..model import Document
from ..rows import Row, build_rows


def corpus_signature(pairs: dict[str, tuple[Document, Alignment]], level: str, **settings: object) -> Signature:
    """`export:corpus|level:..|systems:N|alignments:<hash of every alignment's signature>|..`: two corpora with
    equal signatures were aligned the same way."""
    made = sorted(f"{name}={alignment.signature or alignment.method or 'given'}"
                  for name, (_, alignment) in pairs.items())
    return Signature.make("export", "corpus", level=level, systems=len(pairs), alignments=short_hash(made),
                          **settings)


@dataclass
class Corpus:
    """One level (paragraphs or sentences) of a set's alignments, as every exporter reads it."""
    set_id: str
    source: Document
    pairs: dict[str, tuple[Document, Alignment]]  # system name -> its document and alignment with the source
    level: str = "paragraph"
    signature: str = ""  # how the corpus was made, for the formats that carry it (TMX header, manifests)
    source_name: str = ""  # the source in file names (`ru` in ru-en.tsv); its language's short tag when empty
    link_status: dict[str, list[str]] | None = None  # review decisions: system -> one status per link
    link_flags: dict[str, list[list[str]]] | None = None  # quality flags: system -> one list of reasons per link
    row_status: dict[int, dict[str, str]] | None = None  # review decisions: row number -> system -> status

    def __post_init__(self) -> None:
        if not self.signature:
            self.signature = str(corpus_signature(self.pairs, self.level))

    @cached_property
    def rows(self) -> list[Row]:
        """The multi-way rows pivoted on the source (corpus.rows)."""
        return build_rows(len(self.source), {name: alignment for name, (_, alignment) in self.pairs.items()})

    @property
    def targets(self) -> dict[str, Document]:
        return {name: doc for name, (doc, _) in self.pairs.items()}

    def statuses(self, system: str) -> list[str] | None:
        return self.link_status.get(system) if self.link_status is not None else None

    def flags(self, system: str) -> list[list[str]] | None:
        return self.link_flags.get(system) if self.link_flags is not None else None

    def stem(self, system: str) -> str:
        """The file stem of one pair: `ru-en`, `ru-en-nllb`."""
        return f"{self.source_name or self.source.name}-{system}"


class Exporter:
    name: ClassVar[str]
    description: ClassVar[str]
    order: ClassVar[int] = 100  # place in format lists (export --help, export.json)
    default: ClassVar[bool] = True  # written when no format is chosen (the reviewers' formats are asked for)
    shows_flags: ClassVar[bool] = False  # it shows quality flags, so an export computes them when it is chosen

    def write(self, corpus: Corpus, base: Path) -> list[Path]:
        """Write the format's files under `base`; returns their paths."""
        raise NotImplementedError


class PairExporter(Exporter):
    """A format with one file per pair, `corpus/<src>-<system><suffix>`."""
    suffix: ClassVar[str]

    def write(self, corpus: Corpus, base: Path) -> list[Path]:
        paths = []
        for system, (doc, alignment) in corpus.pairs.items():
            path = base / "corpus" / f"{corpus.stem(system)}{self.suffix}"
            self.write_pair(path, corpus, system, doc, alignment)
            paths.append(path)
        return paths

    def write_pair(self, path: Path, corpus: Corpus, system: str, doc: Document, alignment: Alignment) -> None:
        raise NotImplementedError


EXPORTERS: Registry[type[Exporter]] = Registry("export format", "tilmash.exporters")


def register(cls: type[Exporter]) -> type[Exporter]:
    EXPORTERS.add(cls.name, cls)
    return cls


def export_formats(defaults_only: bool = False) -> list[str]:
    """Every registered format (or those written by default), in canonical order."""
    names = sorted(EXPORTERS.names(), key=lambda name: (EXPORTERS.get(name).order, name))
    return [name for name in names if EXPORTERS.get(name).default or not defaults_only]


def write_corpus(corpus: Corpus, base: Path, formats: list[str] | tuple[str, ...] | None = None) -> list[Path]:
    """The chosen formats (by default those marked `default`) of one corpus under `base`, in canonical order."""
    for name in formats or ():
        EXPORTERS.get(name)  # an unknown name raises, listing the known ones
    chosen = [name for name in export_formats(defaults_only=formats is None) if formats is None or name in formats]
    return [path for name in chosen for path in EXPORTERS.get(name)().write(corpus, base)]
