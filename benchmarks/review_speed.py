"""Speed of the review workbench: first render of the whole declaration, and save latency.

Starts `tilmash review` on a private copy of the set (gold alignments, so the
numbers do not include aligning) in a subprocess, then measures
- server start until it answers (embedding cache warm after the first run),
- the page request (server-side rendering of every row, 4 languages),
- first render in Chromium (Playwright, Debian's /usr/bin/chromium): navigation
  start to first contentful paint and to the load event,
- save latency (POST of an edited paragraph: glossary check, the reference-free
  checks that need no model, SQLite transaction, re-rendered row) under two
  clients saving 50 times each at the same time, on their own paragraphs;
- the similarity check that a save leaves to the background worker: how long
  after the last of those saves every check is stored, and, one save at a
  time, from sending a save to its check being stored (the page's
  "checking…" time);
- concordance lookup (tilmash.review.concordance: FTS5 candidates, fuzzy
  re-scoring) over a memory of `--memory-rows` pairs (default 100,000) made by
  recombining the set's Russian and Kazakh paragraphs with a row number: a
  synthetic memory, sized like a team's, not a real one; the queries are the
  set's Russian paragraphs.

    .venv/bin/python benchmarks/review_speed.py [--saves 50] [--memory-rows 100000] [--only concordance]
"""
from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from align.io import read_alignment
from tilmash.review.view import link_key

ROOT = Path(__file__).resolve().parent.parent
SET = ROOT / "corpus" / "astana-2025"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(set_dir: Path, state: Path, port: int) -> tuple[subprocess.Popen, float]:
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "tilmash.cli", "review", str(set_dir), "--state", str(state),
                                "--alignments", str(set_dir / "gold"), "--port", str(port)],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/session", timeout=2).status_code == 200:
                return process, time.perf_counter() - started
        except httpx.TransportError:
            if process.poll() is not None:
                raise SystemExit(f"tilmash review exited with {process.returncode}")
            time.sleep(0.1)


def _browser_render(url: str, runs: int = 3) -> list[dict]:
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(url, wait_until="load")
            for _ in range(100):  # Chromium reports the paint a moment after the load event
                if page.evaluate("() => performance.getEntriesByName('first-contentful-paint').length"):
                    break
                page.wait_for_timeout(50)
            out.append(page.evaluate("""() => {
                const nav = performance.getEntriesByType('navigation')[0];
                const fcp = performance.getEntriesByName('first-contentful-paint')[0];
                return {fcp: fcp ? fcp.startTime : null, load: nav.loadEventEnd, response: nav.responseEnd,
                        rows: document.querySelectorAll('#rows > .row').length};
            }"""))
            page.close()
        browser.close()
    return out


def _saves(url: str, paragraph: int, n: int, latencies: list[float]) -> None:
    client = httpx.Client(base_url=url, timeout=60)
    client.headers["X-CSRF-Token"] = client.get("/api/session").json()["token"]
    version = client.get(f"/api/paragraph/kk/{paragraph}").json()["version"]
    base = client.get(f"/api/paragraph/kk/{paragraph}").json()["text"]
    for k in range(n):
        started = time.perf_counter()
        reply = client.post(f"/api/paragraph/kk/{paragraph}", json={"text": f"{base} ({k})", "version": version})
        latencies.append(time.perf_counter() - started)
        reply.raise_for_status()
        version = reply.json()["version"]


def _checked(client: httpx.Client, paragraph: int, key: str) -> float:
    """Seconds from sending one save to its background check being stored."""
    got = client.get(f"/api/paragraph/kk/{paragraph}").json()
    started = time.perf_counter()
    client.post(f"/api/paragraph/kk/{paragraph}", json={"text": got["text"] + " .", "version": got["version"]}
                ).raise_for_status()
    while client.get(f"/api/pending/kk/{key}").json()["pending"]:
        time.sleep(0.005)
    return time.perf_counter() - started


def _p95(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(0.95 * len(values))) - 1)]


def _ms(values: list[float]) -> str:
    return f"{1000 * values[0]:.0f}" if len(values) == 1 else f"{1000 * statistics.median(values):.0f}"


def _concordance(rows: int) -> None:
    from corpus.docset import load_set
    from tilmash.review.concordance import Concordance

    docset = load_set(SET)
    ru = docset.source().texts()
    kk = docset.read(next(e for e in docset.translations() if e.lang == "kk")).texts()
    pairs = ((f"memory-{k}", "kk", f"{ru[k % len(ru)]} {ru[(7 * k) % len(ru)][:80]} ({k})", kk[k % len(kk)])
             for k in range(rows))
    phrases = [" ".join(q.split()[2:5]) for q in ru if len(q.split()) > 5]  # a phrase selected in the source
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        index = Concordance(Path(tmp) / "concordance.sqlite", pairs)
        built = time.perf_counter() - started
        times: dict[str, list[float]] = {"paragraph": [], "phrase": []}
        for kind, queries in (("paragraph", ru), ("phrase", phrases)):
            for query in queries * 2:
                started = time.perf_counter()
                index.lookup(query, "kk")
                times[kind].append(time.perf_counter() - started)
    print(f"concordance, {index.rows:,} memory rows (synthetic), lookups of the set's {len(ru)} paragraphs and"
          f" {len(phrases)} three-word phrases of them, twice each")
    print("| measure | value |")
    print("|---|---|")
    print(f"| index build | {built:.1f} s |")
    for kind, values in times.items():
        print(f"| lookup of a {kind}: median | {_ms(values)} ms |")
        print(f"| lookup of a {kind}: p95 | {1000 * _p95(values):.0f} ms |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--saves", type=int, default=50, help="saves per client (default 50)")
    parser.add_argument("--memory-rows", type=int, default=100_000, help="concordance memory size (default 100000)")
    parser.add_argument("--only", choices=("concordance",), help="measure only this")
    args = parser.parse_args()
    _concordance(args.memory_rows)
    if args.only:
        return
    with tempfile.TemporaryDirectory() as tmp:
        set_dir = Path(tmp) / "set"
        shutil.copytree(SET, set_dir)
        meta = set_dir / "meta.toml"
        meta.write_text(meta.read_text(encoding="utf-8").replace(
            '"../../glossaries/astana-2025.tsv"', f'"{ROOT / "glossaries" / "astana-2025.tsv"}"'), encoding="utf-8")
        port = _port()
        url = f"http://127.0.0.1:{port}"
        process, cold = _start(set_dir, Path(tmp) / "state", port)
        try:
            page_times = []
            for _ in range(5):
                started = time.perf_counter()
                html = httpx.get(url + "/", timeout=60).text
                page_times.append(time.perf_counter() - started)
            renders = _browser_render(url + "/")
            latencies: list[float] = []
            workers = [threading.Thread(target=_saves, args=(url, p, args.saves, latencies)) for p in (20, 60)]
            wall = time.perf_counter()
            for w in workers:
                w.start()
            for w in workers:
                w.join()
            wall_end = time.perf_counter()
            wall = wall_end - wall
            client = httpx.Client(base_url=url, timeout=60)
            client.headers["X-CSRF-Token"] = client.get("/api/session").json()["token"]
            links = read_alignment(set_dir / "gold" / "ru-kk.txt").links
            keys = [link_key(next(l for l in links if k in l.tgt)) for k in (20, 60)]
            while any(client.get(f"/api/pending/kk/{key}").json()["pending"] for key in keys):
                time.sleep(0.005)
            drained = time.perf_counter() - wall_end
            delivered = [_checked(client, 20, keys[0]) for _ in range(10)]
        finally:
            process.terminate()
            process.wait()
        process, warm = _start(set_dir, Path(tmp) / "state", port)
        process.terminate()
        process.wait()
    latencies.sort()
    p95 = _p95(latencies)
    fcp = [r["fcp"] / 1000 for r in renders if r["fcp"] is not None]
    load = [r["load"] / 1000 for r in renders]
    print(f"review workbench, {renders[0]['rows']} rows x 4 languages, page {len(html.encode()) / 1024:.0f} KiB,"
          f" {os.cpu_count()} CPU cores")
    print("| measure | value |")
    print("|---|---|")
    print(f"| server start, new state (gold alignments, checks of every link) | {cold:.1f} s |")
    print(f"| server start, existing state | {warm:.1f} s |")
    print(f"| page request, server render (median of 5) | {_ms(page_times)} ms |")
    print(f"| Chromium first contentful paint (median of {len(fcp)}) | {_ms(fcp)} ms |")
    print(f"| Chromium load event (median of {len(load)}) | {_ms(load)} ms |")
    print(f"| save latency, 2 clients x {args.saves} saves: median | {1000 * statistics.median(latencies):.0f} ms |")
    print(f"| save latency, 2 clients x {args.saves} saves: p95 | {1000 * p95:.0f} ms |")
    print(f"| save latency: max | {1000 * latencies[-1]:.0f} ms |")
    print(f"| saves per second, both clients | {len(latencies) / wall:.1f} |")
    print(f"| background similarity checks all stored, after the last save | {1000 * drained:.0f} ms |")
    print(f"| one save to its similarity check stored (10 saves): median | {_ms(delivered)} ms |")
    print(f"| one save to its similarity check stored: p95 | {1000 * _p95(delivered):.0f} ms |")


if __name__ == "__main__":
    main()
