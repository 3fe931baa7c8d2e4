"""The error-injection benchmark on professional translations (benchmarks/qe_devdata.py), for the error types
that need neither a term base nor an embedder: inconsistencies and misspellings by default.

qe_detection.py measures the bundled set, machine translations out of Russian only; here the injected copies
are of human translations in both directions (`--reverse`: Russian, German as targets), so the spelling
check's recall is measured in the languages it has a dictionary for. Precision counts only flags that the
injection itself caused on untouched links (flags of the untouched translation are left out, as in
qe_detection): the spelling check's false alarms on professional text are qe_false_alarms.py's to measure.

    TILMASH_DEV_DATA=DIR[:DIR] .venv/bin/python benchmarks/qe_detection_dev.py [--links 80] [--count 12]
        [--types misspelling,inconsistent-translation,shared-translation] [--reverse] [--seed 0]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus.alignment import Alignment, Link  # noqa: E402
from eval.checks import QualityChecker  # noqa: E402
from eval.inject import DETECTED_BY, Detection, detection, inject  # noqa: E402
from qe_devdata import SETS, load  # noqa: E402

CHECKS = {"misspelling": "spelling", "inconsistent-translation": "consistency", "shared-translation": "consistency"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--links", type=int, default=80, help="paragraph links per language pair")
    parser.add_argument("--count", type=int, default=12, help="errors injected per type and pair")
    parser.add_argument("--types", default=",".join(CHECKS))
    parser.add_argument("--reverse", action="store_true", help="each source judged as the translation of its target")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    kinds = args.types.split(",")
    if not set(kinds) <= set(CHECKS):
        parser.error(f"types are some of {', '.join(CHECKS)}")
    pairs = load(SETS, args.links, 0)
    if not pairs:
        sys.exit("no development data found: set TILMASH_DEV_DATA (see benchmarks/qe_devdata.py)")
    checks = sorted({CHECKS[kind] for kind in kinds})
    print(f"checks: {', '.join(checks)}; {args.links} links per pair, {args.count} errors per type and pair,"
          f" seed {args.seed}\n")
    print("| pair | error type | injected | found | false flags | precision | recall | not checked |")
    print("|---|---|---:|---:|---:|---:|---:|---|")
    for pair in pairs:
        source, target, alignment, name = pair.source, pair.target, pair.alignment, pair.name
        if args.reverse:
            source, target, name = target, source, f"{pair.set}/{'-'.join(reversed(pair.pair.split('-')))}"
            alignment = Alignment(source.lang, target.lang, [Link(link.tgt, link.src) for link in alignment.links])
        clean = QualityChecker(source, target, alignment, None, checks).assess()
        for kind in kinds:
            copy = inject(source, target, alignment, kind, args.count, args.seed)
            quality = QualityChecker(copy.source or source, copy.document, alignment, None, checks).assess()
            d: Detection = detection(quality, copy.injections, DETECTED_BY[kind], clean)
            notes = "; ".join(n for n in quality.notes if "not checked" in n)
            print(f"| {name} | {kind} | {d.found + d.missed} | {d.found} | {d.false_flags} | {d.precision:.3f}"
                  f" | {d.recall:.3f} | {notes} |")


if __name__ == "__main__":
    main()
