"""Shared by the review workbench tests: a real server in a subprocess, and a real term to fix."""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

from align.io import read_alignment
from corpus.docset import load_set
from glossaries import read_termbase
from glossaries.checking import check

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")  # Debian's: Playwright never downloads a browser
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
SCREENSHOTS = ROOT / "out" / "screenshots"  # the browser tests' views for the README (scripts/review-screenshots)


def copy_set(source: Path, target: Path) -> Path:
    """A private copy of the set with its glossary path made absolute (as the set_copy fixture does)."""
    shutil.copytree(source, target)
    meta = target / "meta.toml"
    glossary = (source / "../../glossaries/astana-2025.tsv").resolve()
    meta.write_text(meta.read_text(encoding="utf-8").replace(
        '"../../glossaries/astana-2025.tsv"', f'"{glossary}"'), encoding="utf-8")
    return target


def forbidden_term_fix(set_dir: Path, lang: str = "kk") -> tuple[int, int, str, str]:
    """A 1-1 gold link whose translation uses only forbidden renderings among its term problems:
    (source index, target index, the text as it is, the text with each forbidden form replaced
    by the preferred term)."""
    docset = load_set(set_dir)
    termbase = read_termbase(docset.glossary)
    source = docset.source()
    entry = next(e for e in docset.translations() if e.lang == lang)
    doc = docset.read(entry)
    links = read_alignment(set_dir / "gold" / f"ru-{lang}.txt").links
    result = check(termbase, source.texts(), doc.texts(), links, "ru", lang)
    for link in links:
        if link.kind != "1-1":
            continue
        problems = [f for f in result.findings if tuple(f.src) == link.src and f.kind != "ok"]
        if problems and all(f.kind == "forbidden" for f in problems):
            text = fixed = doc.texts()[link.tgt[0]]
            for f in problems:
                fixed = fixed.replace(f.target_text, f.expected)
            if fixed != text:
                return link.src[0], link.tgt[0], text, fixed
    raise AssertionError(f"the set has no {lang} paragraph with a forbidden term to fix")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def token_of(page_html: str) -> str:
    return re.search(r'<meta name="csrf-token" content="([^"]+)"', page_html).group(1)


@contextmanager
def review_server(set_dir: Path, state: Path, log: Path, extra: tuple[str, ...] = ()):
    """`tilmash review` in a subprocess on a free port, alignments from the set's gold files, `extra`
    arguments after those; yields (base url, process)."""
    port = free_port()
    handle = open(log, "ab")
    process = subprocess.Popen(
        [sys.executable, "-m", "tilmash.cli", "review", str(set_dir), "--state", str(state), "--alignments",
         str(set_dir / "gold"), "--port", str(port), "--reviewer", "tester", *extra],
        cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 600  # a cold embedding cache embeds the whole set first
        while True:
            if process.poll() is not None:
                raise AssertionError(f"server exited with {process.returncode}: {log.read_text(errors='replace')}")
            try:
                if httpx.get(url + "/login", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError("server did not start in time")
            time.sleep(0.2)
        yield url, process
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        handle.close()


def session(url: str) -> httpx.Client:
    """A client holding a session cookie and its CSRF token, as the page's script does."""
    client = httpx.Client(base_url=url, timeout=60)
    token = client.get("/api/session").json()["token"]
    client.headers["X-CSRF-Token"] = token
    return client


@contextmanager
def chromium():
    """Debian's Chromium under Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
