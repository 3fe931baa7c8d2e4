"""Moses plain text: per pair, two line-parallel files (`ru-en.ru`, `ru-en.en`).

Only links with text on both sides are written, since a line-parallel corpus
cannot express a deletion; newlines inside a paragraph become spaces.
"""
from __future__ import annotations

from pathlib import Path

from ..alignment import Alignment
from .base import Corpus, Exporter, register
from ..model import Document
from ..rows import row_text
from ..textio import atomic_write_text


def export_moses(directory: str | Path, alignment: Alignment, src: Document, tgt: Document,
                 stem: str | None = None) -> int:
    """`stem` names the pair's files (`ru-en-nllb.en` when a language has several translations)."""
    directory = Path(directory)
    src_lines, tgt_lines = [], []
    for link in alignment.links:
        if link.src and link.tgt:
            src_lines.append(" ".join(row_text(src, link.src).split()))
            tgt_lines.append(" ".join(row_text(tgt, link.tgt).split()))
    stem = stem or f"{src.name}-{tgt.name}"
    atomic_write_text(directory / f"{stem}.{src.name}", "\n".join(src_lines) + "\n")
    atomic_write_text(directory / f"{stem}.{tgt.name}", "\n".join(tgt_lines) + "\n")
    return len(src_lines)


@register
class MosesExporter(Exporter):
    name = "moses"
    order = 40
    description = "Moses plain text: two line-parallel files per pair, links with text on both sides only"

    def write(self, corpus: Corpus, base: Path) -> list[Path]:
        paths = []
        for system, (doc, alignment) in corpus.pairs.items():
            stem = corpus.stem(system)
            export_moses(base / "corpus" / "moses", alignment, corpus.source, doc, stem)
            paths += [base / "corpus" / "moses" / f"{stem}.{name}" for name in (corpus.source.name, doc.name)]
        return paths
