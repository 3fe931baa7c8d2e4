"""The review workbench end to end in Debian's Chromium, driven by Playwright (no browser download).

One `tilmash review` server per module, on a free port, over a private copy of the set
with its gold alignments.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from review_support import SCREENSHOTS, chromium, copy_set, forbidden_term_fix, review_server, session

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XSS = '<script>window.pwned = 1</script> "><img src=x onerror="window.pwned = 2">'

# needs Debian's chromium, which .ci/run installs: no skip without it;
# one xdist worker runs this module, so its module-scoped fixtures are built once
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("review_browser")]


@pytest.fixture(scope="module")
def server(set_dir, tmp_path_factory, embedder):
    from tilmash.review.workbench import open_workbench

    base = tmp_path_factory.mktemp("review-browser")
    copy = copy_set(set_dir, base / "set")
    open_workbench(copy, base / "warm", copy / "gold", embedder)  # fills the session's embedding cache
    with review_server(copy, base / "state", base / "server.log") as (url, _):
        yield url, copy, base / "state"


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server[0] + "/")
    yield page
    context.close()
    assert not errors, errors


def _kk_cell(page, src: int):
    return page.locator(f'section.row:has(#row-{src}), section#row-{src}').locator('.cell.tgt[data-lang="kk"]')


def test_review_session_in_chromium(page, server, tmp_path):
    url, set_copy, state = server
    src, idx, before, fixed = forbidden_term_fix(set_copy)
    total = page.locator("#rows > .row").count()
    assert total > 100

    page.keyboard.press("j")  # next flagged row: its first flagged cell, Kazakh's when Kazakh is flagged there
    current = page.locator(".cell.tgt.current")
    assert current.get_attribute("data-status") != "ok"
    page.check("#f-flagged")
    page.select_option("#f-lang", "kk")
    shown = page.locator("#rows > .row:not(.hidden)")
    assert 0 < shown.count() < total
    assert all(r.locator('.cell.tgt[data-lang="kk"]').get_attribute("data-status") != "ok" for r in shown.all())
    first = shown.nth(0).get_attribute("data-row")
    page.keyboard.press("j")  # the shortcuts work right after a filter was chosen (the select gave up focus)
    page.keyboard.press("j")
    assert page.locator("#rows > .row.current").get_attribute("data-row") != first
    assert page.locator("#f-lang").input_value() == "kk"

    cell = _kk_cell(page, src)
    assert cell.locator('li[data-check="terms"]').count() >= 1
    assert cell.locator("mark.term.forbidden").count() >= 1
    cell.click()
    page.keyboard.press("e")
    editor = cell.locator("textarea.editor")
    editor.wait_for()
    assert editor.input_value() == before
    editor.fill(fixed)
    with page.expect_response(lambda r: r.request.method == "POST" and "/api/paragraph/kk/" in r.url) as saved:
        editor.press("Control+Enter")
    assert saved.value.json()["pending"] == ["similarity"]  # answered before the embedding check
    cell = _kk_cell(page, src)
    cell.locator(".para[data-version='1']").wait_for()
    assert cell.locator('li[data-check="terms"]').count() == 0  # the term flag cleared at once
    assert cell.locator("mark.term.forbidden").count() == 0
    cell.locator(".badge.checking").wait_for(state="detached")  # the page picks up the background check
    assert cell.get_attribute("data-checking") is None and cell.locator('li[data-check="similarity"]').count() == 0

    cell.click()
    page.keyboard.press("a")
    _kk_cell(page, src).locator(".badge.review.approved").wait_for()
    assert "kk 1/" in page.locator("#progress").inner_text()

    page.reload()
    cell = _kk_cell(page, src)
    assert cell.locator(".badge.review.approved").count() == 1
    assert cell.locator(".para").inner_text() == fixed

    # merge a plain 1-1 English link with the next, then split it back with the panel's defaults
    row = page.locator("#rows > .row").filter(has=page.locator('.cell.tgt[data-lang="en"] .badges:not(:has(.shape))'))
    target = row.nth(30)
    number = target.get_attribute("data-row")
    target.locator('.cell.tgt[data-lang="en"]').click()
    page.click('#toolbar button[data-act="merge"]')
    merged = page.locator(f'#rows > .row[data-row="{number}"] .cell.tgt[data-lang="en"] .badge.shape')
    merged.wait_for()
    assert "merged" in merged.inner_text()
    page.locator(f'#rows > .row[data-row="{number}"] .cell.tgt[data-lang="en"]').click()
    page.keyboard.press("s")
    page.locator("#panel #split-src").wait_for()
    page.locator("#panel button", has_text="Split").click()
    page.locator(f'#rows > .row[data-row="{number}"] .cell.tgt[data-lang="en"] .badge.shape').wait_for(state="detached")
    assert page.locator("#rows > .row").count() == total

    # the test run's screenshot for the README (docs/review.png is a committed copy of it); the
    # source tree itself is never written by a test
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "review.png"))

    page.click("#export-open")
    page.fill("#export-name", "browser")
    page.locator("#panel button", has_text="Export").click()
    page.locator("#panel .export-done").wait_for()
    tmx = ET.parse(state / "exports" / "browser" / "corpus" / "astana-2025.tmx").getroot()
    tu = next(tu for tu in tmx.iter("tu")
              if tu.find("prop[@type='x-source-ids']").text.split()[0] == f"astana-2025:ru:p{src}")
    kk = next(t for t in tu.findall("tuv") if t.get(XML_LANG) == "kk")
    assert kk.find("seg").text == fixed and kk.find("prop[@type='x-status']").text == "approved"


@pytest.mark.parametrize("name, idx", [("Әлия Серікқызы", 44), ("李娜", 45)])
def test_a_reviewer_name_outside_latin1_works_in_chromium(page, server, name, idx):
    """Typed in the Reviewer box, such a name once broke every request ("String contains non ISO-8859-1
    code point"), and stayed broken after a reload because the page keeps it in localStorage."""
    page.fill("#reviewer", name)
    page.locator("#reviewer").press("Tab")  # the box records the name when it loses focus
    page.reload()
    assert page.input_value("#reviewer") == name
    cell = page.locator(f'.cell.tgt[data-lang="en"]:has(.para[data-idx="{idx}"])')
    cell.click()
    page.keyboard.press("e")
    editor = page.locator("textarea.editor")  # it takes the paragraph's place
    editor.wait_for()
    editor.fill(f"Edited by {name}.")
    with page.expect_response(lambda r: r.request.method == "POST" and f"/api/paragraph/en/{idx}" in r.url) as saved:
        editor.press("Control+Enter")
    assert saved.value.status == 200
    page.locator(f'.para[data-idx="{idx}"][data-version="1"]').wait_for()
    page.locator(f'.cell.tgt[data-lang="en"]:has(.para[data-idx="{idx}"])').click()
    page.keyboard.press("h")
    page.locator("#panel .version .who").first.wait_for()
    assert name in page.locator("#panel .version .who").first.inner_text()
    assert session(server[0]).get(f"/api/history/en/{idx}").json()["versions"][0]["author"] == name


def test_hostile_text_renders_as_text(page, server):
    url = server[0]
    client = session(url)
    client.headers["X-Reviewer"] = XSS[:60]  # reviewer names, comments and the history's diff reach the page too
    version = client.get("/api/paragraph/zh/40").json()["version"]
    assert client.post("/api/paragraph/zh/40", json={"text": XSS, "version": version}).status_code == 200
    cell = page.locator('.cell.tgt[data-lang="zh"]:has(.para[data-idx="40"])')
    key = cell.get_attribute("data-keys").split()[0]
    assert client.post("/api/comment", json={"lang": "zh", "key": key, "text": XSS}).status_code == 200
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.reload()
    para = page.locator('.cell.tgt[data-lang="zh"] .para[data-idx="40"]')
    assert para.inner_text() == XSS
    assert para.locator("img, script").count() == 0
    cell.click()
    page.keyboard.press("h")
    page.locator("#panel .event").wait_for()
    panel = page.locator("#panel")
    assert panel.locator(".diff ins").count() >= 1 and XSS in panel.locator(".event").inner_text()
    # the name (cut to 60 characters) on the version and on the comment, and the comment itself, all as text
    assert panel.locator("img, script").count() == 0 and panel.inner_text().count(XSS[:60]) >= 3
    assert page.evaluate("window.pwned") is None and not dialogs


def test_static_page_from_run_is_self_contained(browser, server, tmp_path):
    """`tilmash run`'s review.html: the same view, filters working, no request leaves the file."""
    from corpus.docset import load_set
    from eval.checks import QualityChecker
    from align.io import read_fitting_alignment
    from glossaries import read_termbase
    from glossaries.checking import check
    from tilmash.review.static import write_review_page

    docset = load_set(server[1])
    source = docset.source()
    termbase = read_termbase(docset.glossary)
    pairs = {}
    for entry in docset.translations():
        doc = docset.read(entry)
        alignment = read_fitting_alignment(docset.gold_path(entry), len(source), len(doc))
        findings = check(termbase, source.texts(), doc.texts(), alignment.links, "ru", doc.lang).findings
        pairs[doc.name] = (doc, alignment, QualityChecker(source, doc, alignment).assess(findings))
    path = tmp_path / "review.html"
    write_review_page(path, docset.title, source, pairs, termbase)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri() + "#clause-5")
    top = page.evaluate("document.querySelector('#clause-5').getBoundingClientRect().top")
    assert page.evaluate("document.querySelector('header').offsetHeight") <= top < 400  # in view, not under the header
    total = page.locator("#rows > .row").count()
    page.select_option("#f-reason", "terms")
    assert 0 < page.locator("#rows > .row:not(.hidden)").count() < total
    page.select_option("#f-reason", "")
    page.select_option("#f-concept", page.locator("#f-concept option").nth(1).get_attribute("value"))
    concept_rows = page.locator("#rows > .row:not(.hidden)")
    assert 0 < concept_rows.count() < total
    assert page.locator("mark.term[title]").first.get_attribute("title")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280  # no sideways scrolling at 1280 px
    assert requests == [path.as_uri() + "#clause-5"] or all(r.startswith("file:") for r in requests)
    context.close()
