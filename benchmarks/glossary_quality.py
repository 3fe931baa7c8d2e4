"""Term matching quality: precision and recall per language on the hand-annotated set.

    .venv/bin/python benchmarks/glossary_quality.py [--glossary G] [--set tests/data/glossary-matching.tsv] [-v]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from glossaries import read_termbase  # noqa: E402
from glossaries.evaluation import matching_quality, read_annotated  # noqa: E402
from glossaries.matching import Matcher  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--glossary", default="glossaries/astana-2025.tsv")
    parser.add_argument("--set", default="tests/data/glossary-matching.tsv")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every wrong row")
    args = parser.parse_args()
    termbase = read_termbase(args.glossary)
    rows = read_annotated(args.set)
    counts = matching_quality(termbase, rows)
    print(f"{len(termbase)} concepts, {len(rows)} annotated rows\n")
    print("| lang | rows | near misses | TP | FP | FN | precision | recall |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for lang, c in counts.items():
        n = sum(1 for r in rows if r.lang == lang)
        near = sum(1 for r in rows if r.lang == lang and not r.concept)
        print(f"| {lang} | {n} | {near} | {c.tp} | {c.fp} | {c.fn} | {c.precision:.3f} | {c.recall:.3f} |")
    if args.verbose:
        for row in rows:
            found = Matcher(termbase, row.lang).find(row.text)
            print(row.lang, row.concept or "-", row.form, [(m.concept, m.text) for m in found])


if __name__ == "__main__":
    main()
