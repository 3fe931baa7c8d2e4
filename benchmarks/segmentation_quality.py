"""Sentence segmentation accuracy per language profile on hand-checked sentences.

Reads tests/data/segmentation-gold.txt, joins each paragraph's sentences as the
language does, splits it again with the language's profile and, as a baseline,
with a naive rule (a sentence ends at . ! ? 。 ！ ？ ։ followed by a space or the
end), and prints boundary precision, recall and F1 and the share of paragraphs
split exactly right.

    .venv/bin/python benchmarks/segmentation_quality.py [-v]
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus.languages import profile  # noqa: E402
from corpus.languages.segmentation import boundaries, read_gold  # noqa: E402

GOLD = ROOT / "tests" / "data" / "segmentation-gold.txt"
_NAIVE = re.compile(r"(?<=[.!?。！？։])[\"”»」)]*\s*")


def naive(text: str) -> list[str]:
    return [s for s in (p.strip() for p in _NAIVE.split(text)) if s]


def score(pairs: list[tuple[set[int], set[int]]]) -> tuple[float, float, float]:
    tp = sum(len(g & t) for g, t in pairs)
    found = sum(len(t) for _, t in pairs)
    wanted = sum(len(g) for g, _ in pairs)
    p = tp / found if found else 1.0
    r = tp / wanted if wanted else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="print every paragraph split wrongly")
    args = parser.parse_args()
    gold = read_gold(GOLD.read_text(encoding="utf-8"))
    print(f"{'profile':<12} {'splitter':<10} {'para':>4} {'bounds':>6}  {'P':>5} {'R':>5} {'F1':>5} {'exact':>5}"
          f"   naive P     R    F1 exact")
    totals: dict[str, list] = {"profile": [], "naive": []}
    for lang, paragraphs in gold.items():
        prof = profile(lang)
        ours, base, exact, exact_naive = [], [], 0, 0
        for sentences in paragraphs:
            text = prof.join(sentences)
            split = prof.split_sentences(text)
            want = boundaries(sentences)
            ours.append((want, boundaries(split)))
            base.append((want, boundaries(naive(text))))
            exact += split == sentences
            exact_naive += naive(text) == sentences
            if args.verbose and split != sentences:
                print(f"  {lang}: {split!r}")
        totals["profile"] += ours
        totals["naive"] += base
        p, r, f = score(ours)
        np_, nr, nf = score(base)
        label = f"generic:{prof.tag}" if prof.generic else prof.signature_id
        print(f"{label:<12} {prof.sentences.name:<10} {len(paragraphs):>4} {sum(len(g) for g, _ in ours):>6}"
              f"  {p:5.2f} {r:5.2f} {f:5.2f} {exact / len(paragraphs):5.2f}   {np_:5.2f} {nr:5.2f} {nf:5.2f}"
              f" {exact_naive / len(paragraphs):5.2f}")
    p, r, f = score(totals["profile"])
    np_, nr, nf = score(totals["naive"])
    print(f"{'all':<12} {'':<10} {'':>4} {'':>6}  {p:5.2f} {r:5.2f} {f:5.2f} {'':>5}   {np_:5.2f} {nr:5.2f} {nf:5.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
