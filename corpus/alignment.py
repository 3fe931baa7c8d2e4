"""Alignments as data: links between runs of consecutive segments of two documents.

Kept in `corpus` because glossary checks, scoring and exports all consume
alignments while only `align` produces them.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Link:
    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float = 0.0
    confidence: float = 1.0

    @property
    def kind(self) -> str:
        """'1-1', '2-1', '1-0', ... as in the alignment literature."""
        return f"{len(self.src)}-{len(self.tgt)}"


@dataclass
class Alignment:
    src_lang: str
    tgt_lang: str
    links: list[Link]
    level: str = "paragraph"
    method: str = ""
    embedder: str | None = None
    extra: dict = field(default_factory=dict)
    signature: str = ""  # corpus.signature string: how the links were made ("" for a hand-made or gold file)

    def pairs(self) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
        return [(link.src, link.tgt) for link in self.links]

    def unlinked_below(self, confidence: float) -> Alignment:
        """The same alignment with every link less sure than `confidence` taken apart into unmatched
        segments: a corpus filtered this way still accounts for every segment, it just pairs fewer.
        The extras (which index links) are replaced by the threshold, so the file says it was filtered."""
        links: list[Link] = []
        for link in self.links:
            if link.src and link.tgt and link.confidence < confidence:
                links += [Link((i,), ()) for i in link.src] + [Link((), (j,)) for j in link.tgt]
            else:
                links.append(link)
        return Alignment(self.src_lang, self.tgt_lang, links, self.level, self.method, self.embedder,
                         {"unlinked_below": confidence}, self.signature)

    def kind_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for link in self.links:
            counts[link.kind] = counts.get(link.kind, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def coverage_problem(pairs: list[tuple[tuple[int, ...], tuple[int, ...]]], n_src: int, n_tgt: int) -> str | None:
    """Why `pairs` is not a valid alignment of n_src by n_tgt segments, or None.

    Valid means: links in document order, each side a run of consecutive
    indices, and every index of both sides used exactly once.
    """
    next_src = next_tgt = 0
    for number, (src, tgt) in enumerate(pairs, 1):
        if not src and not tgt:
            return f"link {number} is empty on both sides"
        for side, ids, expected in (("source", src, next_src), ("target", tgt, next_tgt)):
            if ids and list(ids) != list(range(expected, expected + len(ids))):
                return f"link {number}: {side} indices {list(ids)} should continue from {expected} consecutively"
        next_src += len(src)
        next_tgt += len(tgt)
    if next_src != n_src:
        return f"source indices cover 0..{next_src - 1}, the document has {n_src} segments"
    if next_tgt != n_tgt:
        return f"target indices cover 0..{next_tgt - 1}, the document has {n_tgt} segments"
    return None
