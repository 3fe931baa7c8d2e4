"""Two systems into one language (`en.txt` and `en-nllb.txt`): two columns, term highlights in both, in the
workbench (FastAPI TestClient) and in the static `review.html` (Chromium)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import sync_playwright

from review_support import token_of
from tilmash.review.app import create_app
from tilmash.review.static import write_review_page
from tilmash.review.workbench import open_workbench
from tilmash.session import Session

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
SECOND = '''
[[files]]
path = "en-nllb.txt"
lang = "en"
role = "mt"
provenance = "A copy of en.pe.txt of this set, made by the test to stand for a second English system."
engine = "none (copy of en.pe.txt)"
date = 2026-11-25
post_edited = false
synthetic = true
gold = "gold/ru-en-nllb.txt"
'''


@pytest.fixture
def two_english(set_copy: Path) -> Path:
    """The bundled set with a second English system (its post-edit, so that its terms are the preferred ones
    where en.txt has the planted forbidden renderings), aligned as en.txt is."""
    shutil.copy(set_copy / "en.pe.txt", set_copy / "en-nllb.txt")
    shutil.copy(set_copy / "gold" / "ru-en.txt", set_copy / "gold" / "ru-en-nllb.txt")
    (set_copy / "meta.toml").write_text((set_copy / "meta.toml").read_text(encoding="utf-8") + SECOND,
                                        encoding="utf-8")
    return set_copy


def _cells(html: str, column: str) -> list[str]:
    return [c for c in html.split('<div class="cell ')[1:] if c.startswith(f'tgt" lang="en" data-lang="{column}"')]


def _concepts(cells: list[str], kind: str) -> set[str]:
    return {c for cell in cells for c in re.findall(rf'<mark class="term {kind}" data-concept="([^"]+)"', cell)}


def test_workbench_shows_both_english_systems_with_their_terms(two_english, tmp_path, fake_embedder):
    bench = open_workbench(two_english, tmp_path / "state", two_english / "gold", fake_embedder, reviewer="tester")
    assert bench.langs == ["en", "zh", "kk", "en-nllb"]  # manifest order
    client = TestClient(create_app(bench), base_url="http://127.0.0.1")
    page = client.get("/").text
    client.headers["X-CSRF-Token"] = token_of(page)
    assert '<div class="col" data-lang="en-nllb">' in page and '<div class="col" data-lang="en">' in page
    html = client.get("/api/rows").json()["html"]
    mt, second = _cells(html, "en"), _cells(html, "en-nllb")
    assert len(mt) == len(second) > 100
    forbidden = _concepts(mt, "forbidden")
    assert forbidden and not _concepts(second, "forbidden")  # the post-edit replaced every planted rendering
    assert forbidden <= _concepts(second, "preferred")  # ... by the preferred term, highlighted in its column

    # a save in the second column is checked against the English terms (it is keyed by language, not column)
    idx, text = next((j, t) for j, t in enumerate(bench.originals["en-nllb"].texts())
                     if "Belt and Road Initiative" in t)
    version = client.get(f"/api/paragraph/en-nllb/{idx}").json()["version"]
    reply = client.post(f"/api/paragraph/en-nllb/{idx}", json={
        "version": version, "text": text.replace("Belt and Road Initiative", "One Belt, One Road")})
    assert reply.status_code == 200, reply.text
    assert "terms" in {f["check"] for f in reply.json()["flags"]}
    assert 'class="term forbidden"' in reply.json()["row"].split('data-lang="en-nllb"')[1]


@pytest.mark.slow
def test_review_html_shows_both_columns_in_chromium(two_english, tmp_path, fake_embedder):
    session = Session.open(two_english, embedder=fake_embedder)
    systems = session.systems()
    page_path = tmp_path / "review.html"
    write_review_page(page_path, session.docset.title, session.source,
                      {name: (a.doc, a.alignment, a.quality) for name, a in systems.items()}, session.termbase)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page()
            page.goto(page_path.as_uri())
            for column in ("en", "en-nllb"):
                assert page.locator(f'.colheads .col[data-lang="{column}"]').is_visible()
                marks = page.locator(f'.cell.tgt[data-lang="{column}"] mark.term')
                assert marks.count() > 10 and marks.first.is_visible()
            assert page.locator('.cell.tgt[data-lang="en"] mark.term.forbidden').count() > 0
            assert page.locator('.cell.tgt[data-lang="en-nllb"] mark.term.forbidden').count() == 0
        finally:
            browser.close()
