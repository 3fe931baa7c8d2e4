"""The review view: multi-way rows with what a reviewer needs in each cell.

A row is a `corpus.rows.Row` (the smallest run of Russian paragraphs no link
splits); each language's cell holds its paragraphs and the links behind
them. Quality flags and review decisions belong to links, not rows, because
rows regroup whenever any language's alignment changes while a link of one
language survives other languages' corrections. A link is named by its
first source paragraph (`s12`), or for an insertion by its first target
paragraph (`t4`), so the name survives edits of the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from corpus.alignment import Alignment, Link
from corpus.rows import build_rows, overall_status

SEVERITY = {"ok": 0, "warn": 1, "error": 2}
STATUS_OF = {v: k for k, v in SEVERITY.items()}
_CLAUSE = re.compile(r"^\s*(\d{1,3})\.\s")


def link_key(link: Link) -> str:
    return f"s{link.src[0]}" if link.src else f"t{link.tgt[0]}"


def link_label(link: Link) -> str:
    """What a reviewer calls the link's shape."""
    n, m = len(link.src), len(link.tgt)
    if m == 0:
        return "no counterpart"
    if n == 0:
        return "no source"
    if n > 1 and m > 1:
        return f"{n}-{m} merged and split"
    if n > 1:
        return f"{n}-{m} merged"
    if m > 1:
        return f"{n}-{m} split"
    return ""


@dataclass
class LinkView:
    key: str
    link: Link
    flags: list[dict] = field(default_factory=list)  # eval Flag.as_dict(): check, severity, reason
    review: str = "pending"  # pending | approved | rejected
    comments: int = 0
    checking: bool = False  # the similarity check of its current text is still running

    @property
    def status(self) -> str:
        return STATUS_OF[max((SEVERITY.get(f["severity"], 1) for f in self.flags), default=0)]


@dataclass
class CellView:
    lang: str
    paragraphs: list[tuple[int, str, int]]  # target index, text, version
    links: list[LinkView]
    align_version: int = 0  # of the language's alignment, for optimistic concurrency of corrections

    @property
    def status(self) -> str:
        return STATUS_OF[max((SEVERITY[l.status] for l in self.links), default=0)]

    @property
    def review(self) -> str:
        """approved only when every link is; one rejection marks the cell."""
        return overall_status(l.review for l in self.links)


@dataclass
class RowView:
    number: int
    src: tuple[int, ...]
    source: list[tuple[int, str]]
    cells: dict[str, CellView]
    clause: str | None = None

    @property
    def status(self) -> str:
        return STATUS_OF[max((SEVERITY[c.status] for c in self.cells.values()), default=0)]


def build_view(source: list[str], targets: dict[str, list[str]], alignments: dict[str, Alignment],
               flags: dict[str, dict[str, list[dict]]] | None = None,
               reviews: dict[str, dict[str, str]] | None = None,
               versions: dict[str, list[int]] | None = None,
               comments: dict[str, dict[str, int]] | None = None,
               alignment_versions: dict[str, int] | None = None,
               checking: dict[str, set[str]] | None = None) -> list[RowView]:
    """Rows for the page; `flags`, `reviews` and `comments` are keyed by language, then link key;
    `checking` holds the link keys whose similarity check is still running."""
    flags, reviews, comments, checking = flags or {}, reviews or {}, comments or {}, checking or {}
    rows = build_rows(len(source), alignments)
    # where each link is drawn: in the row of its first source paragraph, or for an insertion of its first target one
    by_first = {lang: {(bool(l.src), l.src[0] if l.src else l.tgt[0]): k for k, l in enumerate(a.links)}
                for lang, a in alignments.items()}
    out: list[RowView] = []
    seen_clauses: set[str] = set()
    for row in rows:
        cells: dict[str, CellView] = {}
        for lang, alignment in alignments.items():
            firsts = [(True, i) for i in row.src] + [(False, j) for j in row.tgt.get(lang, ())]
            links = [alignment.links[k] for k in sorted(by_first[lang][f] for f in firsts if f in by_first[lang])]
            if not links and not row.src:
                continue  # an insertion row of another language
            views = []
            for link in links:
                key = link_key(link)
                views.append(LinkView(key, link, flags.get(lang, {}).get(key, []),
                                      reviews.get(lang, {}).get(key, "pending"), comments.get(lang, {}).get(key, 0),
                                      key in checking.get(lang, ())))
            texts = targets[lang]
            vers = versions.get(lang) if versions else None
            paragraphs = [(j, texts[j], vers[j] if vers else 0) for l in links for j in l.tgt]
            cells[lang] = CellView(lang, paragraphs, views, (alignment_versions or {}).get(lang, 0))
        clause = None
        if row.src:
            found = _CLAUSE.match(source[row.src[0]])
            if found and found.group(1) not in seen_clauses:
                clause = found.group(1)
                seen_clauses.add(clause)
        out.append(RowView(row.number, row.src, [(i, source[i]) for i in row.src], cells, clause))
    return out


def progress_counts(rows: list[RowView], langs: list[str]) -> dict[str, dict[str, int]]:
    """Rows approved, rejected and in total per language (rows where the language has a link)."""
    counts = {lang: {"approved": 0, "rejected": 0, "rows": 0} for lang in langs}
    for row in rows:
        for lang, cell in row.cells.items():
            if not cell.links:
                continue
            counts[lang]["rows"] += 1
            if cell.review in ("approved", "rejected"):
                counts[lang][cell.review] += 1
    return counts
