"""`review.html` for `tilmash run`: the review view of a run's results as one self-contained file."""
from __future__ import annotations

from pathlib import Path

from corpus.alignment import Alignment
from corpus.model import Document
from corpus.textio import atomic_write_text
from eval.checks import PairQuality
from glossaries.model import TermBase

from .render import Highlighter, render_page
from .view import build_view, link_key


def write_review_page(path: str | Path, title: str, source: Document,
                      pairs: dict[str, tuple[Document, Alignment, PairQuality | None]],
                      termbase: TermBase | None) -> None:
    """`pairs`: system -> its document, alignment and quality (links in alignment order; None where the pair was
    not scored)."""
    alignments = {name: alignment for name, (_, alignment, _) in pairs.items()}
    flags = {name: {link_key(link): [f.as_dict() for f in q.flags] for link, q in zip(alignment.links, q_all.links)}
             for name, (_, alignment, q_all) in pairs.items() if q_all is not None}
    rows = build_view(source.texts(), {name: doc.texts() for name, (doc, _, _) in pairs.items()}, alignments, flags)
    atomic_write_text(path, render_page(rows, list(pairs), Highlighter(termbase, {name: doc.lang for name, (doc, _, _) in pairs.items()}), title, source=source.name))
