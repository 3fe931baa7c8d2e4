"""Term matching quality: precision and recall per language on the hand-annotated sets.

Three sets by default: the declaration's (tests/data/glossary-matching.tsv against
glossaries/astana-2025.tsv: ru, en, zh, kk), the glacier statement's (tests/data/glaciers-matching.tsv
against glossaries/glaciers-2026.tsv: ky, uz-Latn, en) and the language profiles' (tests/data/
languages-matching.tsv against tests/data/languages-terms.tsv: every profiled
language, with inflected forms, abbreviations with endings, case and near misses).

    .venv/bin/python benchmarks/glossary_quality.py [--glossary G --set S] [-v]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus.languages import profile  # noqa: E402
from glossaries import read_termbase  # noqa: E402
from glossaries.evaluation import matching_quality, read_annotated  # noqa: E402
from glossaries.matching import Matcher  # noqa: E402


DEFAULT_SETS = [("glossaries/astana-2025.tsv", "tests/data/glossary-matching.tsv"),
                ("glossaries/glaciers-2026.tsv", "tests/data/glaciers-matching.tsv"),
                ("tests/data/languages-terms.tsv", "tests/data/languages-matching.tsv")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--glossary", help="a term base (with --set; default: both bundled pairs)")
    parser.add_argument("--set", help="an annotated set (with --glossary)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every wrong row")
    args = parser.parse_args()
    pairs = [(args.glossary, args.set)] if args.glossary and args.set else DEFAULT_SETS
    for glossary, annotated in pairs:
        report(glossary, annotated, args.verbose)


def report(glossary: str, annotated: str, verbose: bool) -> None:
    termbase = read_termbase(ROOT / glossary)
    rows = read_annotated(ROOT / annotated)
    counts = matching_quality(termbase, rows)
    print(f"\n{annotated} against {glossary}: {len(termbase)} concepts, {len(rows)} annotated rows\n")
    print("| lang | profile | rows | near misses | TP | FP | FN | precision | recall |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for lang, c in counts.items():
        n = sum(1 for r in rows if r.lang == lang)
        near = sum(1 for r in rows if r.lang == lang and not r.concept)
        print(f"| {lang} | {profile(lang).morphology.name} | {n} | {near} | {c.tp} | {c.fp} | {c.fn} |"
              f" {c.precision:.3f} | {c.recall:.3f} |")
    if verbose:
        matchers: dict[str, Matcher] = {}
        for row in rows:
            found = matchers.setdefault(row.lang, Matcher(termbase, row.lang)).find(row.text)
            print(row.lang, row.concept or "-", row.form, [(m.concept, m.text) for m in found])


if __name__ == "__main__":
    main()
