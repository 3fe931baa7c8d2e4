"""Moses plain text: per pair, two line-parallel files (`ru-en.ru`, `ru-en.en`).

Only links with text on both sides are written, since a line-parallel corpus
cannot express a deletion; newlines inside a paragraph become spaces.
"""
from __future__ import annotations

from pathlib import Path

from ..alignment import Alignment
from ..model import Document
from ..rows import row_text
from ..textio import atomic_write_text


def export_moses(directory: str | Path, alignment: Alignment, src: Document, tgt: Document,
                 system: str | None = None) -> int:
    """`system` names the pair's files when a language has several translations (`ru-en-nllb.en`)."""
    directory = Path(directory)
    src_lines, tgt_lines = [], []
    for link in alignment.links:
        if link.src and link.tgt:
            src_lines.append(" ".join(row_text(src, link.src).split()))
            tgt_lines.append(" ".join(row_text(tgt, link.tgt).split()))
    stem = f"{src.name}-{system or tgt.name}"
    atomic_write_text(directory / f"{stem}.{src.name}", "\n".join(src_lines) + "\n")
    atomic_write_text(directory / f"{stem}.{tgt.name}", "\n".join(tgt_lines) + "\n")
    return len(src_lines)
