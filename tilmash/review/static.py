"""`review.html` for `tilmash run`: the review view of a run's results as one self-contained file."""
from __future__ import annotations

from pathlib import Path

from corpus.model import Document
from corpus.textio import atomic_write_text
from glossaries.model import TermBase

from .render import Highlighter, render_page
from .view import build_view, link_key


def write_review_page(path: str | Path, title: str, source: Document, pairs: dict,
                      termbase: TermBase | None) -> None:
    """`pairs`: language -> the run's pair result (`doc`, `alignment`, and `quality`, eval's PairQuality
    with links in alignment order, or None where the pair was not scored)."""
    alignments = {lang: pair.alignment for lang, pair in pairs.items()}
    flags = {lang: {link_key(link): [f.as_dict() for f in q.flags]
                    for link, q in zip(pair.alignment.links, pair.quality.links)}
             for lang, pair in pairs.items() if pair.quality is not None}
    rows = build_view(source.texts(), {lang: pair.doc.texts() for lang, pair in pairs.items()}, alignments, flags)
    atomic_write_text(path, render_page(rows, list(pairs), Highlighter(termbase), title, source=source.name))
