"""Multi-way rows pivoted on the source: ru | en | zh | kk.

Each pairwise alignment groups Russian paragraphs its own way (English may
merge 7+8 while Chinese keeps them apart). A row is the smallest run of
Russian paragraphs that no link of any pair splits, with every translation's
paragraphs linked to it. Target paragraphs with no Russian counterpart
(insertions) become rows of their own, in their document position.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .alignment import Alignment
from .model import Document
from .segmenter import join_segments


@dataclass
class Row:
    number: int
    src: tuple[int, ...]
    tgt: dict[str, tuple[int, ...]] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)  # link shapes per language, "+"-joined
    scores: dict[str, float] = field(default_factory=dict)

    def flags(self) -> list[str]:
        flags = [f"no-{lang}" for lang, ids in self.tgt.items() if not ids and self.src]
        if not self.src:
            flags.append("no-source")
        flags += [f"{lang}:{kind}" for lang, kind in self.kinds.items() if set(kind.split("+")) != {"1-1"}]
        return flags


def _groups(n_src: int, alignments: dict[str, Alignment]) -> list[tuple[int, ...]]:
    joined = [False] * max(n_src - 1, 0)  # joined[i]: i and i+1 are in one row
    for alignment in alignments.values():
        for link in alignment.links:
            for i in link.src[:-1]:
                joined[i] = True
    groups, current = [], [0] if n_src else []
    for i in range(1, n_src):
        if joined[i - 1]:
            current.append(i)
        else:
            groups.append(tuple(current))
            current = [i]
    if current:
        groups.append(tuple(current))
    return groups


def build_rows(n_src: int, alignments: dict[str, Alignment]) -> list[Row]:
    """Rows in source order; an insertion follows the row of the link before it, or joins that row
    when the row goes on past it (another language merged the paragraphs around it)."""
    groups = _groups(n_src, alignments)
    group_of = {i: g for g, ids in enumerate(groups) for i in ids}
    rows = [Row(0, ids, {lang: () for lang in alignments}) for ids in groups]
    inserted: dict[int, list[Row]] = {}  # group index they follow (-1: before all) -> rows
    for lang, alignment in alignments.items():
        last_group = -1
        links = alignment.links
        for k, link in enumerate(links):
            if not link.src:
                following = next((l for l in links[k + 1:] if l.src), None)
                inside = following is not None and group_of[following.src[0]] == last_group
                if inside:  # another language merged the rows around it: keep it in that row, in order
                    rows[last_group].tgt[lang] += link.tgt
                    rows[last_group].kinds[lang] += f"+{link.kind}"
                else:
                    row = Row(0, (), {lang: link.tgt}, {lang: link.kind}, {lang: link.score})
                    inserted.setdefault(last_group, []).append(row)
                continue
            last_group = group_of[link.src[-1]]
            row = rows[group_of[link.src[0]]]
            row.tgt[lang] = row.tgt[lang] + link.tgt
            row.scores[lang] = min(row.scores.get(lang, link.score), link.score)
            row.kinds[lang] = f"{row.kinds[lang]}+{link.kind}" if lang in row.kinds else link.kind
    ordered = inserted.get(-1, [])
    for g, row in enumerate(rows):
        ordered.append(row)
        ordered.extend(inserted.get(g, []))
    for number, row in enumerate(ordered):
        row.number = number
    return ordered


def overall_status(states) -> str:
    """One review status for several decisions: approved only when all are, rejected when any is."""
    states = set(states)
    if not states:
        return "none"
    if "rejected" in states:
        return "rejected"
    return "approved" if states == {"approved"} else "pending"


def row_text(doc: Document, ids: tuple[int, ...]) -> str:
    return join_segments((doc.paragraphs[i].text for i in ids), doc.lang)
