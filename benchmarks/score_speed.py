"""Time of `tilmash score` on a whole set, stage by stage and check by check, with a cold and then a warm
embedding cache, and of rendering the report.

    .venv/bin/python benchmarks/score_speed.py [--set corpus/astana-2025]

The cold run uses a fresh temporary cache directory; the warm run repeats it
with that cache filled, which is the case the 30 s goal is about. Each
reference-free check (a member of eval.checks.CHECKS) is timed inside the real
runs by wrapping its class's `__init__` (what it learns from the document;
for similarity, the embedding of the links) and `check` (one link). The report stage is timed on the warm cache: the
analysis `tilmash report SET_DIR` shares with `tilmash run`, then building the
report dict and rendering report.json, report.md and report.html.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import defaultdict
from functools import wraps
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eval.checks import CHECKS  # noqa: E402
from eval.report_html import render_html  # noqa: E402
from eval.report_md import render_markdown  # noqa: E402
from tilmash.report import report_from_run  # noqa: E402
from tilmash.score import score_set  # noqa: E402
from tilmash.session import Session, analyse  # noqa: E402

STAGES = ("load", "align", "terms", "embed", "checks", "metrics", "bootstrap")


def _instrument(seconds: dict[str, float]) -> None:
    """Wrap every check's learning and judging so that each call adds its time to its check."""
    def timed(check: str, method):
        @wraps(method)
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                seconds[check] += time.perf_counter() - start
        return wrapper

    for name, cls in CHECKS.items():
        for method in ("__init__", "check"):
            setattr(cls, method, timed(name, getattr(cls, method)))


def _report_stages(set_dir: str) -> dict[str, float]:
    times = {}
    start = time.perf_counter()
    result = analyse(Session.open(set_dir), show_progress=False)
    times["analysis (align, terms, checks, metrics, bootstrap)"] = time.perf_counter() - start
    start = time.perf_counter()
    report = report_from_run(result)
    times["report dict"] = time.perf_counter() - start
    for name, render in (("report.json", lambda r: json.dumps(r, ensure_ascii=False, indent=1)),
                         ("report.md", render_markdown), ("report.html (with charts)", render_html)):
        start = time.perf_counter()
        render(report)
        times[name] = time.perf_counter() - start
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", default="corpus/astana-2025")
    args = parser.parse_args()
    runs = {}
    checks: dict[str, dict[str, float]] = {}
    _instrument(current := defaultdict(float))
    with tempfile.TemporaryDirectory() as cache:
        os.environ["TILMASH_CACHE_DIR"] = cache
        for name in ("cold", "warm"):
            current.clear()
            start = time.perf_counter()
            result = score_set(args.set)
            runs[name] = (time.perf_counter() - start, result.timings)
            checks[name] = dict(current)
        report = _report_stages(args.set)
    references = sum(len(t.references) for t in result.translations)
    print(f"set {args.set}, {os.cpu_count()} CPUs; {len(result.translations)} translations, {references} scored"
          f" against a reference, {len(result.comparisons)} paired bootstrap comparisons\n")
    print("`tilmash score`, per stage:\n\n| stage | cold cache (s) | warm cache (s) |\n|---|---:|---:|")
    for stage in STAGES:
        print(f"| {stage} | {runs['cold'][1].get(stage, 0):.2f} | {runs['warm'][1].get(stage, 0):.2f} |")
    print(f"| **total** | {runs['cold'][0]:.2f} | {runs['warm'][0]:.2f} |")
    print("\nreference-free checks, all links of all translations (inside the stages above):\n\n"
          "| check | cold cache (s) | warm cache (s) |\n|---|---:|---:|")
    for check in CHECKS.names():
        print(f"| {check} | {checks['cold'].get(check, 0):.3f} | {checks['warm'].get(check, 0):.3f} |")
    print("\nreport (`tilmash report SET_DIR`), warm cache:\n\n| stage | s |\n|---|---:|")
    for stage, seconds in report.items():
        print(f"| {stage} | {seconds:.3f} |")
    print(f"| **total** | {sum(report.values()):.2f} |")


if __name__ == "__main__":
    main()
