"""The parallel corpora of one level of a set, as `tilmash run`, `tilmash export` and the review export write them.

Per pair the alignment (`align/<src>-<name>.json|txt`), then every chosen
format of the exporter family (corpus.export) in one loop, so the three
commands write the same files the same way.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from align.io import write_alignment
from corpus.alignment import Alignment
from corpus.export import Corpus, write_corpus
from corpus.model import Document
from corpus.rows import Row


def write_corpora(base: Path, set_id: str, source: Document, pairs: dict[str, tuple[Document, Alignment]],
                  level: str, formats: Sequence[str] | None = None, signature: str = "",
                  link_status: dict[str, list[str]] | None = None,
                  row_status: dict[int, dict[str, str]] | None = None,
                  link_flags: dict[str, list[list[str]]] | None = None) -> list[Row]:
    """The alignments and chosen corpora of one level under `base`; returns the multi-way rows."""
    corpus = Corpus(set_id, source, pairs, level, signature, link_status=link_status, row_status=row_status,
                    link_flags=link_flags)
    for name, (_, alignment) in pairs.items():
        stem = corpus.stem(name)
        write_alignment(alignment, base / "align" / f"{stem}.json", "json")
        write_alignment(alignment, base / "align" / f"{stem}.txt", "text")
    write_corpus(corpus, base, list(formats) if formats is not None else None)
    return corpus.rows
