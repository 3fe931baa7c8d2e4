"""What every per-link exporter of a pair writes for one link: both texts, shape, score, confidence,
review status and quality flags. XLIFF, XLSX and bilingual DOCX share it, so their columns agree."""
from __future__ import annotations

from dataclasses import dataclass

from ..alignment import Alignment
from ..model import Document
from ..rows import row_text


@dataclass(frozen=True)
class LinkRecord:
    number: int  # 1-based, as CAT tools and spreadsheets count
    src_ids: tuple[int, ...]
    tgt_ids: tuple[int, ...]
    source: str
    target: str
    kind: str
    score: float
    confidence: float
    status: str | None  # approved, rejected, pending; None without review decisions
    flags: tuple[str, ...]


def link_records(alignment: Alignment, src: Document, tgt: Document, statuses: list[str] | None = None,
                 flags: list[list[str]] | None = None) -> list[LinkRecord]:
    """One record per link, in order; `statuses` and `flags`, when given, hold one entry per link."""
    for name, given in (("statuses", statuses), ("flags", flags)):
        if given is not None and len(given) != len(alignment.links):
            raise ValueError(f"{name}: {len(given)} entries for {len(alignment.links)} links")
    return [LinkRecord(k, link.src, link.tgt, row_text(src, link.src), row_text(tgt, link.tgt), link.kind,
                       link.score, link.confidence, statuses[k - 1] if statuses is not None else None,
                       tuple(flags[k - 1]) if flags is not None else ())
            for k, link in enumerate(alignment.links, 1)]


def ids_text(ids: tuple[int, ...]) -> str:
    return " ".join(str(i) for i in ids)
