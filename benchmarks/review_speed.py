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

`--accounts N` measures a team instead: N accounts made with `tilmash users add` (argon2 at its
production cost), the server started with the synthetic memory as a `--memory` TMX, each client
logging in through `/login` (form token, session cookie, the page's CSRF token) and then saving
`--saves` times on mixed cells: every fourth save on one of three cells all clients share (a
conflict is answered 409 and retried on the version it names), the others on a cell of its own in
one of three languages, and a concordance lookup every tenth save. Afterwards the state is read
back: every acknowledged save must be in the history with its text and account (a lost update
otherwise), and Chromium logs in and renders the page.

    .venv/bin/python benchmarks/review_speed.py [--saves 50] [--memory-rows 100000] [--only concordance]
    .venv/bin/python benchmarks/review_speed.py --accounts 10 --saves 100
"""
from __future__ import annotations

import argparse
import itertools
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

import httpx

from align.io import read_alignment
from tilmash.cli import main as tilmash_main
from tilmash.review.client import login, open_page
from tilmash.review.store import Store
from tilmash.review.view import link_key
from tilmash.review.workbench import STATE_FILE

ROOT = Path(__file__).resolve().parent.parent
SET = ROOT / "corpus" / "astana-2025"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(set_dir: Path, state: Path, port: int, extra: tuple[str, ...] = ()) -> tuple[subprocess.Popen, float]:
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "tilmash.cli", "review", str(set_dir), "--state", str(state),
                                "--alignments", str(set_dir / "gold"), "--port", str(port), *extra],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        try:  # /login answers with or without accounts
            if httpx.get(f"http://127.0.0.1:{port}/login", timeout=2).status_code == 200:
                return process, time.perf_counter() - started
        except httpx.TransportError:
            if process.poll() is not None:
                raise SystemExit(f"tilmash review exited with {process.returncode}")
            time.sleep(0.1)


def _copy_set(tmp: Path) -> Path:
    set_dir = tmp / "set"
    shutil.copytree(SET, set_dir)
    meta = set_dir / "meta.toml"
    meta.write_text(meta.read_text(encoding="utf-8").replace(
        '"../../glossaries/astana-2025.tsv"', f'"{ROOT / "glossaries" / "astana-2025.tsv"}"'), encoding="utf-8")
    return set_dir


def _browser_render(url: str, runs: int = 3, account: tuple[str, str] | None = None) -> list[dict]:
    """Paint and load times of the page in Chromium; with an `account` (name, password) each run logs in
    through the login form first, then opens the page anew (the login's redirect is not timed)."""
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            if account:
                page.goto(url + "login")
                page.fill('input[name="name"]', account[0])
                page.fill('input[name="password"]', account[1])
                page.click("#login")
                page.wait_for_url(url)
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


def _set_texts() -> tuple[list[str], list[str]]:
    from corpus.docset import load_set

    docset = load_set(SET)
    return docset.source().texts(), docset.read(next(e for e in docset.translations() if e.lang == "kk")).texts()


def _memory(rows: int) -> Iterator[tuple[str, str]]:
    """The synthetic memory: (Russian, Kazakh) pairs recombining the set's paragraphs with a row number."""
    ru, kk = _set_texts()
    return ((f"{ru[k % len(ru)]} {ru[(7 * k) % len(ru)][:80]} ({k})", kk[k % len(kk)]) for k in range(rows))


MEMORY_FILE_ROWS = 10_000  # rows per memory TMX: a file stays under the readers' 32 MiB limit


def _memory_tmx(folder: Path, rows: int) -> list[Path]:
    """The synthetic memory as TMX files of `MEMORY_FILE_ROWS` rows each (a team's several memories)."""
    pairs, paths = enumerate(_memory(rows)), []
    for start in range(0, rows, MEMORY_FILE_ROWS):
        paths.append(folder / f"memory-{len(paths) + 1}.tmx")
        with paths[-1].open("w", encoding="utf-8") as out:
            out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="ru"'
                      ' datatype="plaintext" segtype="paragraph" adminlang="en" creationtool="review_speed"'
                      ' creationtoolversion="1" o-tmf="none"/><body>\n')
            for k, (ru, kk) in itertools.islice(pairs, min(MEMORY_FILE_ROWS, rows - start)):
                out.write(f'<tu tuid="{k}"><tuv xml:lang="ru"><seg>{escape(ru)}</seg></tuv>'
                          f'<tuv xml:lang="kk"><seg>{escape(kk)}</seg></tuv></tu>\n')
            out.write("</body></tmx>\n")
    return paths


def _concordance(rows: int) -> None:
    from tilmash.review.concordance import Concordance

    ru, _ = _set_texts()
    pairs = ((f"memory-{k}", "kk", src, tgt) for k, (src, tgt) in enumerate(_memory(rows)))
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


LANGS = ("kk", "en", "zh")
SHARED_EVERY = 4  # every fourth save of a client goes to a cell all clients share
LOOKUP_EVERY = 10  # and every tenth save is preceded by a concordance lookup, as an editor opening does


def _cells(set_dir: Path, clients: int) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """(each client's own cell, the three shared cells) as (language, paragraph), spread over 1-1 links."""
    targets = {lang: [l.tgt[0] for l in read_alignment(set_dir / "gold" / f"ru-{lang}.txt").links if l.kind == "1-1"]
               for lang in LANGS}
    own = [(LANGS[c % 3], targets[LANGS[c % 3]][4 + 3 * (c // 3)]) for c in range(clients)]
    shared = [(lang, targets[lang][-5]) for lang in LANGS]
    return own, shared


class Client(threading.Thread):
    """One logged-in account saving on its own cell and on the shared ones; records every acknowledged save."""

    def __init__(self, url: str, name: str, password: str, own: tuple[str, int], shared: list[tuple[str, int]],
                 saves: int, queries: list[str], start: threading.Barrier) -> None:
        super().__init__()
        self.url, self.name, self.password, self.own, self.shared = url, name, password, own, shared
        self.saves, self.queries, self.start_all = saves, queries, start
        self.times: dict[str, list[float]] = {"login": [], "page": [], "save": [], "conflict": [], "lookup": []}
        self.acked: list[tuple[str, int, int, str]] = []  # language, paragraph, version, text
        self.error: BaseException | None = None

    def timed(self, what: str, call):
        started = time.perf_counter()
        result = call()
        self.times[what].append(time.perf_counter() - started)
        return result

    def run(self) -> None:
        try:
            self.work()
        except BaseException as exc:  # reported by the main thread, which fails the benchmark
            self.error = exc
            self.start_all.abort()

    def work(self) -> None:
        client = self.timed("login", lambda: login(self.url, self.name, self.password))
        self.timed("page", lambda: open_page(client))
        rng = random.Random(self.name)
        self.start_all.wait()
        for k in range(self.saves):
            lang, idx = self.shared[rng.randrange(3)] if k % SHARED_EVERY == 0 else self.own
            if k % LOOKUP_EVERY == 0:
                query = self.queries[rng.randrange(len(self.queries))]
                self.timed("lookup", lambda: client.get(f"/api/concordance/{lang}", params={"q": query})
                           ).raise_for_status()
            got = client.get(f"/api/paragraph/{lang}/{idx}").json()
            text, version = f"{got['text'].split(' [')[0]} [{self.name} {k}]", got["version"]
            while True:
                started = time.perf_counter()
                reply = client.post(f"/api/paragraph/{lang}/{idx}", json={"text": text, "version": version})
                spent = time.perf_counter() - started
                if reply.status_code != 409:
                    break
                self.times["conflict"].append(spent)
                version = reply.json()["version"]  # someone saved meanwhile: save again on theirs, as "keep mine"
            reply.raise_for_status()
            self.times["save"].append(spent)
            self.acked.append((lang, idx, reply.json()["version"], text))


def _lost(state: Path, clients: list[Client]) -> tuple[int, int]:
    """(acknowledged saves, those the state does not hold with their text and account, or whose version
    another acknowledged save also got)."""
    store = Store(state / STATE_FILE)
    histories: dict[tuple[str, int], dict[int, dict]] = {}
    seen: set[tuple[str, int, int]] = set()
    lost = total = 0
    for client in clients:
        for lang, idx, version, text in client.acked:
            total += 1
            if (lang, idx) not in histories:
                histories[lang, idx] = {h["version"]: h for h in store.history(lang, idx)}
            entry = histories[lang, idx].get(version)
            if entry is None or (entry["text"], entry["author"]) != (text, client.name) or (lang, idx, version) in seen:
                lost += 1
            seen.add((lang, idx, version))
    return total, lost


def _team(args: argparse.Namespace) -> None:
    names = [f"user{n:02d}" for n in range(args.accounts)]
    roles = ["admin" if n == 0 else "reviewer" if n % 3 == 0 else "translator" for n in range(args.accounts)]
    passwords = {name: f"{name}-bench-password" for name in names}
    ru, _ = _set_texts()
    with tempfile.TemporaryDirectory() as tmp:
        set_dir, state = _copy_set(Path(tmp)), Path(tmp) / "state"
        started = time.perf_counter()
        memory = _memory_tmx(Path(tmp), args.memory_rows)
        written = time.perf_counter() - started
        started = time.perf_counter()
        for name, role in zip(names, roles):
            secret = Path(tmp) / f"{name}.pw"
            secret.write_text(passwords[name] + "\n", encoding="utf-8")
            if tilmash_main(["users", "--state", str(state), "add", name, "--role", role,
                             "--password-file", str(secret)]) != 0:
                raise SystemExit(f"tilmash users add {name} failed")
        made = time.perf_counter() - started
        port = _port()
        url = f"http://127.0.0.1:{port}"
        process, start = _start(set_dir, state, port, ("--memory", *map(str, memory)))
        try:
            own, shared = _cells(set_dir, args.accounts)
            barrier = threading.Barrier(args.accounts + 1)
            clients = [Client(url, name, passwords[name], own[n], shared, args.saves, ru, barrier)
                       for n, name in enumerate(names)]
            for c in clients:
                c.start()
            barrier.wait()
            wall = time.perf_counter()
            for c in clients:
                c.join()
            wall = time.perf_counter() - wall
            failed = [c for c in clients if c.error]
            if failed:
                raise SystemExit(f"client {failed[0].name} failed: {failed[0].error!r}")
            quiet = login(url, names[1], passwords[names[1]])
            open_page(quiet)
            idle = []
            for query in ru * 2:
                started = time.perf_counter()
                quiet.get("/api/concordance/kk", params={"q": query}).raise_for_status()
                idle.append(time.perf_counter() - started)
            renders = _browser_render(url + "/", account=(names[1], passwords[names[1]]))
        finally:
            process.terminate()
            process.wait()
        total, lost = _lost(state, clients)
    times = {what: sorted(t for c in clients for t in c.times[what]) for what in clients[0].times}
    times["lookup, idle server"] = sorted(idle)
    fcp = sorted(r["fcp"] / 1000 for r in renders if r["fcp"] is not None)
    load = sorted(r["load"] / 1000 for r in renders)
    print(f"review workbench with accounts: {args.accounts} logged-in clients x {args.saves} saves"
          f" ({len(shared)} shared cells get every {SHARED_EVERY}th save, {LOOKUP_EVERY}th: a lookup first),"
          f" concordance memory {args.memory_rows:,} rows (synthetic, {len(memory)} TMX files), {os.cpu_count()} CPU cores,"
          f" load average at the end {os.getloadavg()[0]:.1f}")
    print("| operation | n | p50 | p95 | max |")
    print("|---|---|---|---|---|")
    labels = {"login": "login (argon2id, production cost)", "page": "page request, logged in",
              "save": "save (acknowledged)", "conflict": "save answered 409 (conflict, then retried)",
              "lookup": "concordance lookup during the saves", "lookup, idle server": "concordance lookup, idle server"}
    for what, values in [*times.items(), ("Chromium first contentful paint", fcp), ("Chromium load event", load)]:
        if values:
            print(f"| {labels.get(what, what)} | {len(values)} | {1000 * statistics.median(values):.0f} ms"
                  f" | {1000 * _p95(values):.0f} ms | {1000 * values[-1]:.0f} ms |")
    print("| measure | value | | | |")
    print(f"| acknowledged saves / lost updates | {total} / {lost} | | | |")
    print(f"| saves per second, all clients | {total / wall:.1f} | | | |")
    print(f"| accounts made (`tilmash users add`) / memory TMX written | {made:.1f} s / {written:.1f} s | | | |")
    print(f"| server start, new state, {args.memory_rows:,}-row memory indexed | {start:.1f} s | | | |")
    if lost:
        raise SystemExit(f"{lost} acknowledged saves are not in the state")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--saves", type=int, default=50, help="saves per client (default 50)")
    parser.add_argument("--memory-rows", type=int, default=100_000, help="concordance memory size (default 100000)")
    parser.add_argument("--only", choices=("concordance",), help="measure only this")
    parser.add_argument("--accounts", type=int, metavar="N",
                        help="measure a team instead: N logged-in accounts saving at once (at least 2)")
    args = parser.parse_args()
    if args.accounts is not None:
        if args.accounts < 2:
            parser.error("--accounts needs at least 2 accounts")
        return _team(args)
    _concordance(args.memory_rows)
    if args.only:
        return
    with tempfile.TemporaryDirectory() as tmp:
        set_dir = _copy_set(Path(tmp))
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
