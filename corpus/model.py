"""The document model shared by every package: documents made of segments with stable ids.

Ids are `<set>:<lang>:p<n>` for paragraphs and `<set>:<lang>:p<n>.s<m>` for the
sentences inside them, with 0-based n and m so they agree with the indices of
the alignment format.

A document read from a richer format than plain text (corpus/formats/) keeps
what is needed to trace every segment back: its `kind` (heading, table cell,
cue...), its `place` in the original (`p12`, `table1.r3.c2`, a unit id, a cue's
timing) and the inline placeholders in its text (`tags`, see
corpus/formats/placeholders.py); the document records its format and everything
the reader skipped, so no text is lost without a trace.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .languages import normalise_tag, short_tag
from .segmenter import split_sentences


@dataclass(frozen=True)
class Segment:
    id: str
    text: str
    line: int  # 1-based line of the file where the segment starts; 0 when not from a file
    kind: str = "paragraph"  # paragraph, heading, list-item, table-cell, footnote, cue, unit, line, sentence...
    place: str = ""  # where in the original it came from; empty for plain text (the line says it)
    tags: dict[int, str] = field(default_factory=dict, compare=False, hash=False)  # placeholder id -> what it is
    meta: dict = field(default_factory=dict, compare=False, hash=False)  # per-format facts: state, notes, timing


@dataclass
class Document:
    set_id: str
    lang: str
    paragraphs: list[Segment]
    path: Path | None = None
    encoding: str = "utf-8"
    role: str = "source"
    meta: dict = field(default_factory=dict)
    format: str = "txt"  # the reader that made it (corpus.formats names)
    skipped: dict[str, list[str]] = field(default_factory=dict)  # what was not taken: kind -> places
    warnings: list[str] = field(default_factory=list)  # "FILE[:LINE]: ..." doubts the reader had, said on stderr and
    # kept for summary.md
    origin: dict = field(default_factory=dict)  # how it was read (reader options, encodings): what a writer needs

    def __post_init__(self) -> None:
        """`lang` is held as its canonical tag whatever alias was given (zh -> zh-Hans), so languages compare."""
        self.lang = normalise_tag(self.lang)

    @property
    def name(self) -> str:
        """What outputs call the document's language (align/ru-<name>.txt, JSONL keys, Moses extensions): the
        language as people write it, `zh` for zh-Hans, `uz-Cyrl` for itself (corpus.languages.short_tag)."""
        return short_tag(self.lang)

    def __len__(self) -> int:
        return len(self.paragraphs)

    def texts(self) -> list[str]:
        return [p.text for p in self.paragraphs]

    @cached_property
    def sentences(self) -> list[list[Segment]]:
        """Sentences of each paragraph, in order; ids extend the paragraph id."""
        return [
            [Segment(f"{p.id}.s{m}", s, p.line, "sentence", p.place)
             for m, s in enumerate(split_sentences(p.text, self.lang))]
            for p in self.paragraphs
        ]

    def sentence_document(self) -> "Document":
        """The same document with one segment per sentence, for sentence-level exports."""
        flat = [s for para in self.sentences for s in para]
        return Document(self.set_id, self.lang, flat, self.path, self.encoding, self.role, self.meta,
                        self.format, self.skipped, self.warnings, self.origin)


def make_document(set_id: str, lang: str, texts: list[str], **kwargs) -> Document:
    """Build a document from paragraph texts held in memory (tests, generated data)."""
    segments = [Segment(f"{set_id}:{lang}:p{n}", t, 0) for n, t in enumerate(texts)]
    return Document(set_id, lang, segments, **kwargs)
