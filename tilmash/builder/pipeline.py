"""The per-group work, the same in every engine: read, embed in batches, align, make pair rows, measure them.

A `GroupWorker` lives as long as its process (a pool worker, a Ray actor), so the model loads once; it is given
batches of groups. Embedding is batched across the batch's documents: every paragraph of every document is
embedded in one call per language before any pair is aligned, then every sentence the sentence alignment will
need, so a thousand short press releases cost a few model calls, not a thousand; vectors go through the
shared SQLite cache. The aligner then finds every vector in memory.

A document that cannot be read fails alone (its group keeps its other translations); a group whose source
cannot be read fails whole. Only `InputError`s are outcomes: anything else is a fault of the machine, not of
the input, and stops the run.
"""
from __future__ import annotations

import os
import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from align import align_paragraphs, align_sentences, make_aligner
from align.embedders import CachedEmbedder, make_embedder
from corpus.alignment import Alignment
from corpus.errors import InputError
from corpus.model import Document
from corpus.reader import read_document
from corpus.rows import row_text

from .filters import FilterSet, Row
from .inputs import DocSpec, GroupSpec

LEVELS = ("paragraph", "sentence")


@dataclass(frozen=True)
class GroupTask:
    index: int  # the group's place in the input order
    key: str  # its checkpoint key (content and settings)
    spec: GroupSpec

    def chars(self) -> int:
        """Bytes on disk: what a batch is sized by before anything is read."""
        return sum(doc.path.stat().st_size for doc in self.spec.documents())


@dataclass
class GroupOutcome:
    index: int
    key: str
    status: str  # done or failed
    header: dict[str, Any] = field(default_factory=dict)  # documents, pairs and counts (see `GroupWorker.run`)
    rows: list[Row] = field(default_factory=list)
    error: str = ""
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage, this group's share of its batch
    peak_rss_kib: int = 0  # the worker's peak resident memory when its batch was done (memory flat in corpus size)


class BatchEmbedder:
    """The aligner's embedder during one batch: vectors fetched for the whole batch at once, served from memory.

    `prefetch` embeds every text of every document of the batch through the cache, one call per language;
    `encode`, what the aligner calls per document pair, then finds them all. A text it was not given (there
    should be none) is embedded on the spot."""

    def __init__(self, inner: CachedEmbedder) -> None:
        self.inner = inner
        self.id = inner.id
        self.calls = 0  # model calls through this embedder (what batching keeps low)
        self.seconds = 0.0  # spent embedding
        self._vectors: dict[str, np.ndarray] = {}

    def prefetch(self, texts: dict[str, list[str]]) -> None:
        for lang, items in texts.items():
            missing = list(dict.fromkeys(t for t in items if t not in self._vectors))
            if missing:
                self._vectors.update(zip(missing, self._encode(missing, lang)))

    def encode(self, texts: list[str], lang: str) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        if missing:
            self._vectors.update(zip(missing, self._encode(missing, lang)))
        if not texts:  # no model call: the embedder only says its vectors' width
            return self.inner.encode([], lang)
        return np.stack([self._vectors[t] for t in texts])

    def _encode(self, texts: list[str], lang: str) -> np.ndarray:
        start = time.perf_counter()
        self.calls += 1
        try:
            return self.inner.encode(texts, lang)
        finally:
            self.seconds += time.perf_counter() - start

    def clear(self) -> None:
        self._vectors = {}


def set_threads(threads: int | None) -> None:
    """Give a worker its share of the cores before its model starts (OpenMP reads the variable once)."""
    if threads:
        for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
            os.environ[name] = str(threads)
        import sys
        if "torch" in sys.modules:
            sys.modules["torch"].set_num_threads(threads)


@dataclass
class _Loaded:
    task: GroupTask
    source: Document
    translations: list[tuple[DocSpec, Document]]
    documents: list[dict[str, Any]]  # per document: name, lang, role, segments, chars, error
    alignments: dict[tuple[str, str], Alignment] = field(default_factory=dict)  # (name, level) -> alignment


def _read(doc: DocSpec, group: GroupSpec) -> Document:
    return read_document(doc.path, doc.lang, group.id, role=doc.role, format=doc.format,
                         options=doc.reader_options(), warn=False)


def _record(doc: DocSpec, document: Document | None, error: str = "") -> dict[str, Any]:
    record: dict[str, Any] = {"name": doc.name, "path": str(doc.path), "lang": doc.lang, "role": doc.role}
    if document is not None:
        record |= {"segments": len(document), "chars": sum(len(t) for t in document.texts())}
    if error:
        record["error"] = error
    return record


class GroupWorker:
    """Aligns batches of groups; made once per worker process or actor."""

    def __init__(self, method: str, embedder: str, levels: tuple[str, ...], threads: int | None = None) -> None:
        set_threads(threads)
        self.levels = levels
        self.embedder = BatchEmbedder(make_embedder(embedder)) if method == "embedding" else None
        self.aligner = make_aligner(method, self.embedder)  # type: ignore[arg-type]  # it embeds like one
        self.filters = FilterSet()

    def run(self, tasks: list[GroupTask]) -> list[GroupOutcome]:
        timings: dict[str, float] = {}

        @contextmanager
        def stage(name: str) -> Iterator[None]:
            start, embedded = time.perf_counter(), self.embedder.seconds if self.embedder else 0.0
            try:
                yield
            finally:
                inside = (self.embedder.seconds if self.embedder else 0.0) - embedded
                timings[name] = timings.get(name, 0.0) + time.perf_counter() - start - inside
                timings["embed"] = timings.get("embed", 0.0) + inside

        outcomes: dict[int, GroupOutcome] = {}
        loaded: list[_Loaded] = []
        with stage("read"):
            for task in tasks:
                item = self._load(task)
                if isinstance(item, GroupOutcome):
                    outcomes[task.index] = item
                else:
                    loaded.append(item)
        with stage("embed"):
            segments: dict[str, list[str]] = {}
            for item in loaded:
                for doc in (item.source, *(d for _, d in item.translations)):
                    segments.setdefault(doc.lang, []).extend(doc.texts())
            self._prefetch(segments)
        with stage("align"):
            for item in loaded:
                for spec, doc in item.translations:
                    item.alignments[(spec.name, "paragraph")] = align_paragraphs(self.aligner, item.source, doc)
        if "sentence" in self.levels:
            with stage("embed"):
                self._prefetch(self._sentences_needed(loaded))
            with stage("align"):
                for item in loaded:
                    for spec, doc in item.translations:
                        paragraphs = item.alignments[(spec.name, "paragraph")]
                        item.alignments[(spec.name, "sentence")] = align_sentences(self.aligner, item.source, doc,
                                                                                   paragraphs)
        with stage("rows"):
            for item in loaded:
                outcomes[item.task.index] = self._outcome(item)
        if self.embedder:
            self.embedder.clear()
        total = sum(o.header.get("chars", 0) for o in outcomes.values()) or 1
        for outcome in outcomes.values():
            share = outcome.header.get("chars", 0) / total if total > 1 else 1 / len(outcomes)
            outcome.timings = {name: seconds * share for name, seconds in timings.items()}
            outcome.peak_rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return [outcomes[task.index] for task in tasks]

    def _load(self, task: GroupTask) -> _Loaded | GroupOutcome:
        group = task.spec
        try:
            source = _read(group.source, group)
        except InputError as exc:
            return GroupOutcome(task.index, task.key, "failed", {"documents": [_record(group.source, None, str(exc))]},
                                error=str(exc))
        documents = [_record(group.source, source)]
        translations = []
        for spec in group.translations:
            try:
                doc = _read(spec, group)
            except InputError as exc:
                documents.append(_record(spec, None, str(exc)))
                continue
            documents.append(_record(spec, doc))
            translations.append((spec, doc))
        if not translations:
            errors = "; ".join(d["error"] for d in documents if "error" in d)
            return GroupOutcome(task.index, task.key, "failed", {"documents": documents},
                                error=f"no translation could be read: {errors}")
        return _Loaded(task, source, translations, documents)

    def _prefetch(self, texts: dict[str, list[str]]) -> None:
        if self.embedder is not None:
            self.embedder.prefetch(texts)

    def _sentences_needed(self, loaded: list[_Loaded]) -> dict[str, list[str]]:
        """The sentences align_sentences will embed: all but those of links with one sentence on a side."""
        needed: dict[str, list[str]] = {}
        for item in loaded:
            for spec, doc in item.translations:
                for link in item.alignments[(spec.name, "paragraph")].links:
                    src = [s.text for i in link.src for s in item.source.sentences[i]]
                    tgt = [s.text for j in link.tgt for s in doc.sentences[j]]
                    if not (src and tgt and min(len(src), len(tgt)) == 1):  # what align_sentences skips
                        needed.setdefault(item.source.lang, []).extend(src)
                        needed.setdefault(doc.lang, []).extend(tgt)
        return needed

    def _outcome(self, item: _Loaded) -> GroupOutcome:
        rows: list[Row] = []
        pairs = []
        for spec, doc in item.translations:
            for level in self.levels:
                alignment = item.alignments[(spec.name, level)]
                src_doc, tgt_doc = (item.source, doc) if level == "paragraph" else \
                    (item.source.sentence_document(), doc.sentence_document())
                pair_rows: list[Row] = [
                    {"sys": spec.name, "lv": level, "n": k, "src": row_text(src_doc, link.src),
                     "tgt": row_text(tgt_doc, link.tgt), "si": list(link.src), "ti": list(link.tgt),
                     "score": link.score, "conf": link.confidence}
                    for k, link in enumerate(alignment.links) if link.src and link.tgt]
                self.filters.measure(pair_rows, item.source.lang, doc.lang)
                rows += pair_rows
                pairs.append({"name": spec.name, "src_lang": item.source.lang, "tgt_lang": doc.lang, "level": level,
                              "links": len(alignment.links), "rows": len(pair_rows),
                              "unpaired_src": sum(len(l.src) for l in alignment.links if not l.tgt),
                              "unpaired_tgt": sum(len(l.tgt) for l in alignment.links if not l.src),
                              "signature": alignment.signature})
        chars = sum(d.get("chars", 0) for d in item.documents)
        return GroupOutcome(item.task.index, item.task.key, "done",
                            {"documents": item.documents, "pairs": pairs, "chars": chars}, rows)
