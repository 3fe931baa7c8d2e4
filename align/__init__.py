"""Sentence and paragraph alignment of a source document with a translation.

`align_documents` is the function behind `tilmash align`; aligners share one
interface (`align(src_texts, tgt_texts, src_lang, tgt_lang) -> list[Link]`)
so the pipeline can swap them.
"""
from __future__ import annotations

from corpus.alignment import Alignment
from corpus.model import Document

from .length import LengthAligner

ALIGNERS = {"length": LengthAligner}


def align_documents(src: Document, tgt: Document, method: str = "length", level: str = "paragraph") -> Alignment:
    """Align two documents at paragraph level, or at sentence level across whole documents."""
    if method not in ALIGNERS:
        raise ValueError(f"unknown alignment method {method!r}; choose from {', '.join(ALIGNERS)}")
    if level == "sentence":
        src_texts = [s.text for para in src.sentences for s in para]
        tgt_texts = [s.text for para in tgt.sentences for s in para]
    else:
        src_texts, tgt_texts = src.texts(), tgt.texts()
    aligner = ALIGNERS[method]()
    links = aligner.align(src_texts, tgt_texts, src.lang, tgt.lang)
    return Alignment(src.lang, tgt.lang, links, level=level, method=aligner.name)


__all__ = ["align_documents", "ALIGNERS"]
