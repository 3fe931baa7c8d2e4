"""Translating a document: paragraph in, paragraph out, sentence by sentence, batched and cached.

Paragraphs are split into sentences (the corpus segmenter) and a sentence
still longer than the model's input window is cut at word boundaries, so no
text is ever truncated; the translations are joined back in order, which
keeps paragraph count and numbering. Sentences are sorted by length and
batched under a token budget; each finished batch goes to the cache at once.
"""
from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from tqdm import tqdm

from corpus.batching import length_batches
from corpus.errors import InputError
from corpus.model import Document
from corpus.reader import format_paragraphs
from corpus.segmenter import join_segments

from .cache import TranslationCache, segment_key
from .constraints import TermSpec
from .engine import DecodeSettings, Engine

_SPACE = re.compile(r"\s+")
_CLAUSE = re.compile(r"(?<=[,;:])\s+")


@dataclass
class TranslationStats:
    """Where each segment's translation came from, for the report line and the benchmark."""
    segments: int = 0  # sentence pieces in the document
    unique: int = 0  # distinct (text, constraints) among them
    cached: int = 0  # served from the cache
    translated: int = 0  # sent to the model
    batches: int = 0
    tokens: int = 0  # target tokens generated
    seconds: float = 0.0  # model time


@dataclass
class Translation:
    """One translated document, paragraphs aligned one to one with the source's."""
    lang: str
    paragraphs: list[str]
    stats: TranslationStats = field(default_factory=TranslationStats)

    def text(self) -> str:
        """The translated document in the set format: one paragraph per block."""
        return format_paragraphs(self.paragraphs)


def fit_window(text: str, tokens: int, engine: Engine, lang: str, limit: int,
               protected: tuple[tuple[int, int], ...] = ()) -> list[str]:
    """`text` cut into pieces of at most `limit` tokens, never inside a `protected` span (a term).

    The model would silently truncate anything longer, so nothing may be
    left over: cuts fall at whitespace (anywhere in text without spaces),
    preferably after a clause mark (, ; :) in the second half of a piece, and
    inside a word only when the word alone is longer than the window.
    """
    if tokens <= limit:
        return [text]

    def free(p: int) -> bool:
        return not any(a < p < b for a, b in protected)

    def fits(start: int, end: int) -> bool:
        return engine.count_tokens([text[start:end].strip()], lang)[0] <= limit

    spaced = len(text.split()) > 1
    marks = [p for p in ([m.end() for m in _SPACE.finditer(text)] if spaced else range(1, len(text))) if free(p)]
    clauses = {m.end() for m in _CLAUSE.finditer(text)}
    pieces: list[str] = []
    start = 0
    while not fits(start, len(text)):
        candidates = [p for p in marks if p > start]
        if not candidates or not fits(start, candidates[0]):  # one word longer than the window
            end = candidates[0] if candidates else len(text)
            candidates = [p for p in range(start + 1, end) if free(p)]
            if not candidates:
                break
        lo, hi, best = 0, len(candidates) - 1, 0
        while lo <= hi:  # the furthest cut that still fits
            mid = (lo + hi) // 2
            if fits(start, candidates[mid]):
                best, lo = mid, mid + 1
            else:
                hi = mid - 1
        cut = candidates[best]
        late_clauses = [p for p in candidates[:best + 1] if p in clauses and p - start >= (cut - start) // 2]
        cut = late_clauses[-1] if late_clauses else cut
        pieces.append(text[start:cut].strip())
        start = cut
    pieces.append(text[start:].strip())
    return [p for p in pieces if p]


def split_units(doc: Document, engine: Engine, terms: Callable[[str], TermSpec] | None = None) -> list[list[str]]:
    """The pieces each paragraph is translated in: its sentences, cut further where too long."""
    sentences = [[s.text for s in para] for para in doc.sentences]
    flat = [s for para in sentences for s in para]
    counts = iter(engine.count_tokens(flat, doc.lang)) if flat else iter(())
    limit = engine.max_source_tokens
    units = []
    for para in sentences:
        pieces = []
        for sentence in para:
            count = next(counts)
            spans = terms(sentence).spans if terms and count > limit else ()
            pieces.extend(fit_window(sentence, count, engine, doc.lang, limit, spans))
        units.append(pieces)
    return units


def translate_document(
    doc: Document,
    engine: Engine,
    tgt: str,
    *,
    settings: DecodeSettings = DecodeSettings(),
    cache: TranslationCache | None = None,
    terms: Callable[[str], TermSpec] | None = None,
    glossary_version: str = "",
    batch_tokens: int = 4096,
    progress: bool = True,
) -> Translation:
    """Translate every paragraph of `doc` into `tgt`.

    `terms` gives the constraints for one source sentence (None: decode
    freely); `glossary_version` names the glossary they come from, for the
    cache key. Segments already in `cache` are not translated again.
    """
    engine.check_pair(doc.lang, tgt)
    units = split_units(doc, engine, terms)
    stats = TranslationStats(segments=sum(map(len, units)))
    settings_key = json.dumps(settings.as_dict(), sort_keys=True)
    specs: dict[bytes, tuple[str, TermSpec | None]] = {}
    unit_keys: list[list[bytes]] = []
    for para in units:
        keys = []
        for text in para:
            spec = terms(text) if terms else None
            key = segment_key(engine.identity, doc.lang, tgt, settings_key, glossary_version,
                              spec.key() if spec else "-", text)
            specs.setdefault(key, (text, spec))
            keys.append(key)
        unit_keys.append(keys)
    stats.unique = len(specs)
    done = cache.get_many(list(specs)) if cache is not None else {}
    stats.cached = len(done)
    missing = [key for key in specs if key not in done]
    lengths = engine.count_tokens([specs[k][0] for k in missing], doc.lang) if missing else []
    order = sorted(range(len(missing)), key=lambda k: -lengths[k])
    pair = f"{doc.lang}-{tgt}"
    with tqdm(total=len(missing), desc=f"translating {pair}", unit="seg", file=sys.stderr,
              disable=None if progress else True, leave=False) as bar:
        for batch in length_batches(order, lengths, batch_tokens, settings.beams):
            keys = [missing[k] for k in batch]
            texts = [specs[k][0] for k in keys]
            batch_specs = [specs[k][1] or TermSpec() for k in keys] if terms else None
            started = time.perf_counter()
            outputs, tokens = engine.translate(texts, doc.lang, tgt, batch_specs, settings)
            stats.seconds += time.perf_counter() - started
            fresh = dict(zip(keys, outputs))
            if cache is not None:
                cache.put_many(engine.identity, pair, fresh)
            done.update(fresh)
            stats.translated += len(keys)
            stats.tokens += tokens
            stats.batches += 1
            bar.update(len(keys))
    paragraphs = [join_segments([done[k] for k in keys], tgt) for keys in unit_keys]
    for segment, text in zip(doc.paragraphs, paragraphs):
        if not text.strip():  # a blank paragraph would vanish from the file and shift every later one
            raise InputError(doc.path or doc.set_id, f"model {engine.name} produced no {tgt} text for paragraph"
                             f" {segment.id}; nothing was written", segment.line or None)
    return Translation(tgt, paragraphs, stats)
