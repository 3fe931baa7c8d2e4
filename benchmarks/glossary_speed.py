"""Terminology checking throughput: aligned pairs per second on one core.

The declaration's gold-aligned link pairs (all three languages) are repeated
up to --pairs pairs and checked as one document per language, after a warm-up
so that lemmatisation is cached (as it is after the first pages of any real
document).

    .venv/bin/python benchmarks/glossary_speed.py [--pairs 100000]
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from align.io import parse_text  # noqa: E402
from corpus.alignment import Link  # noqa: E402
from corpus.docset import load_set  # noqa: E402
from glossaries import read_termbase  # noqa: E402
from glossaries.checking import check  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", default="corpus/astana-2025")
    parser.add_argument("--pairs", type=int, default=100_000)
    args = parser.parse_args()
    docset = load_set(args.set)
    termbase = read_termbase(docset.glossary)
    source = docset.source().texts()
    print("| pair | aligned pairs | seconds | pairs/s | findings |")
    print("|---|---:|---:|---:|---:|")
    for entry in docset.translations():
        target = docset.read(entry).texts()
        gold = [Link(s, t) for s, t in parse_text(docset.gold_path(entry).read_text(encoding="utf-8"))]
        check(termbase, source, target, gold, docset.source_lang, entry.lang)  # warm-up: caches lemmas
        repeats = -(-args.pairs // len(gold))
        src = source * repeats
        tgt = target * repeats
        links = [Link(tuple(i + r * len(source) for i in l.src), tuple(j + r * len(target) for j in l.tgt))
                 for r in range(repeats) for l in gold][: args.pairs]
        started = time.perf_counter()
        result = check(termbase, src, tgt, links, docset.source_lang, entry.lang)
        seconds = time.perf_counter() - started
        print(f"| ru-{entry.lang} | {len(links)} | {seconds:.1f} | {len(links) / seconds:.0f} | {len(result.findings)} |",
              flush=True)


if __name__ == "__main__":
    main()
