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
    source_name: str = ""  # the source in file names (`ru` in ru-en.tsv); its language when empty
    link_status: dict[str, list[str]] | None = None  # review decisions: system -> one status per link
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

    def stem(self, system: str) -> str:
        """The file stem of one pair: `ru-en`, `ru-en-nllb`."""
        return f"{self.source_name or self.source.lang}-{system}"


class Exporter:
    name: ClassVar[str]
    description: ClassVar[str]
    order: ClassVar[int] = 100  # place in format lists (export --help, export.json)

    def write(self, corpus: Corpus, base: Path) -> list[Path]:
        """Write the format's files under `base`; returns their paths."""
        raise NotImplementedError


EXPORTERS: Registry[type[Exporter]] = Registry("export format", "tilmash.exporters")


def register(cls: type[Exporter]) -> type[Exporter]:
    EXPORTERS.add(cls.name, cls)
    return cls


def export_formats() -> list[str]:
    """Every registered format, in its canonical order."""
    return sorted(EXPORTERS.names(), key=lambda name: (EXPORTERS.get(name).order, name))


def write_corpus(corpus: Corpus, base: Path, formats: list[str] | tuple[str, ...] | None = None) -> list[Path]:
    """Every chosen format (all by default) of one corpus under `base`, in canonical order."""
    for name in formats or ():
        EXPORTERS.get(name)  # an unknown name raises, listing the known ones
    chosen = [name for name in export_formats() if formats is None or name in formats]
    return [path for name in chosen for path in EXPORTERS.get(name)().write(corpus, base)]
