"""The document model shared by every package: documents made of segments with stable ids.

Ids are `<set>:<lang>:p<n>` for paragraphs and `<set>:<lang>:p<n>.s<m>` for the
sentences inside them, with 0-based n and m so they agree with the indices of
the alignment format.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .segmenter import split_sentences


@dataclass(frozen=True)
class Segment:
    id: str
    text: str
    line: int  # 1-based line of the file where the segment starts; 0 when not from a file


@dataclass
class Document:
    set_id: str
    lang: str
    paragraphs: list[Segment]
    path: Path | None = None
    encoding: str = "utf-8"
    role: str = "source"
    meta: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # "FILE[:LINE]: ..." doubts the reader had (see summary.md)

    def __len__(self) -> int:
        return len(self.paragraphs)

    def texts(self) -> list[str]:
        return [p.text for p in self.paragraphs]

    @cached_property
    def sentences(self) -> list[list[Segment]]:
        """Sentences of each paragraph, in order; ids extend the paragraph id."""
        return [
            [Segment(f"{p.id}.s{m}", s, p.line) for m, s in enumerate(split_sentences(p.text, self.lang))]
            for p in self.paragraphs
        ]

    def sentence_document(self) -> "Document":
        """The same document with one segment per sentence, for sentence-level exports."""
        flat = [s for para in self.sentences for s in para]
        return Document(self.set_id, self.lang, flat, self.path, self.encoding, self.role, self.meta, self.warnings)


def make_document(set_id: str, lang: str, texts: list[str], **kwargs) -> Document:
    """Build a document from paragraph texts held in memory (tests, generated data)."""
    segments = [Segment(f"{set_id}:{lang}:p{n}", t, 0) for n, t in enumerate(texts)]
    return Document(set_id, lang, segments, **kwargs)
