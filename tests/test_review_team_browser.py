"""The review workbench for a team (issue 17) in Debian's Chromium: accounts made with `tilmash users`,
a translator and a reviewer in two browser contexts, an admin assigning rows and exporting; assertions on the
server's state.

One `tilmash review` server for the module, over a private copy of the set with its gold alignments and
an earlier translation memory (`--memory`) that holds the corrected Kazakh text of one paragraph.
"""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from playwright.sync_api import expect

from review_support import SCREENSHOTS, chromium, copy_set, forbidden_term_fix, review_server
from tilmash.cli import main
from tilmash.review.accounts import ARGON2_ENV
from tilmash.review.store import Store
from tilmash.review.view import link_key
from tilmash.review.workbench import STATE_FILE, open_workbench

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ROLES = {"tana": "translator", "rita": "reviewer", "adam": "admin"}
PASSWORDS = {"tana": "tana-pass-1234", "rita": "rita-pass-1234", "adam": "adam-pass-1234"}

# needs Debian's chromium, which .ci/run installs: no skip without it;
# the browser tests share one xdist worker, so module fixtures are built once and Chromium runs alone
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("review_browser")]


def _memory(path: Path, source: str, kazakh: str) -> Path:
    path.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ru" datatype="plaintext" segtype="paragraph" adminlang="en"
 creationtool="earlier-project" creationtoolversion="1" o-tmf="none"/><body>
<tu tuid="1"><tuv xml:lang="ru"><seg>{escape(source)}</seg></tuv><tuv xml:lang="kk"><seg>{escape(kazakh)}</seg></tuv></tu>
</body></tmx>
""", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def team(set_dir, tmp_path_factory, embedder):
    base = tmp_path_factory.mktemp("review-team")
    copy = copy_set(set_dir, base / "set")
    fix = forbidden_term_fix(copy)
    state = base / "state"
    bench = open_workbench(copy, state, copy / "gold", embedder)  # the state the server opens; embeddings cached
    memory = _memory(base / "earlier.tmx", bench.source_texts[fix[0]], fix[3])
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ARGON2_ENV, "test")
        for name, role in ROLES.items():
            secret = base / f"{name}.pw"
            secret.write_text(PASSWORDS[name] + "\n", encoding="utf-8")
            assert main(["users", "--state", str(state), "add", name, "--role", role, "--password-file", str(secret)]) == 0
        with review_server(copy, state, base / "server.log", ("--memory", str(memory))) as (url, _):
            yield url, state, fix


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


class User:
    """One person's browser context, logged in through the login page."""

    def __init__(self, browser, url: str, name: str, login_shot: Path | None = None) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 860})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.goto(url + "/")
        assert self.page.url == url + "/login"  # the workbench itself needs a login
        self.page.fill('input[name="name"]', name)
        if login_shot:
            login_shot.parent.mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(login_shot), clip={"x": 0, "y": 0, "width": 1280, "height": 420})
        self.page.fill('input[name="password"]', PASSWORDS[name])
        self.page.click("#login")
        self.page.wait_for_url(url + "/")
        assert self.page.locator("#account").inner_text() == f"{name} ({ROLES[name]})"
        expect(self.page.locator("#queue-progress")).to_contain_text("open")  # the queue has loaded

    def kk_cell(self, src: int):
        return self.page.locator(f"section.row:has(#row-{src}), section#row-{src}").locator('.cell.tgt[data-lang="kk"]')

    def close(self) -> None:
        self.context.close()
        assert not self.errors, self.errors


def _visible_rows(page) -> list[str]:
    return [r.get_attribute("id") for r in page.locator("#rows > .row:not(.hidden)").all()]


def test_translator_fixes_a_term_reviewer_approves_admin_exports(browser, team):
    url, state, (src, idx, before, fixed) = team
    key = f"s{src}"
    store = Store(state / STATE_FILE)
    # three rows for the reviewer to translate, the first of which the reviewer will write
    given = [l for l in store.snapshot().alignments["kk"].links if l.kind == "1-1" and l.src[0] > src + 3][:3]
    own_link = given[0]
    own_src, own_idx = own_link.src[0], own_link.tgt[0]

    # the admin assigns rows in the page: a row selected, the assignment panel, an account chosen
    admin = User(browser, url, "adam")
    for row, account in [(src, "tana"), *((l.src[0], "rita") for l in given)]:
        admin.kk_cell(row).click()
        admin.page.click("#assign-open")
        assert admin.page.locator("#assign-lang").input_value() == "kk"
        assert admin.page.locator("#assign-scope").input_value() == "row"
        admin.page.select_option("#assign-account", account)
        admin.page.click("#assign-go")
        expect(admin.page.locator("#panel .assign-done")).to_have_text(f"assigned 1 kk link to {account}")
        admin.page.keyboard.press("Escape")

    # the translator: the queue holds the assigned row; its editor brings the terms and the concordance
    tana = User(browser, url, "tana", SCREENSHOTS / "review-login.png")
    page = tana.page
    assert "assigned 0/1 approved" in page.locator("#queue-progress").inner_text()
    # a translator has no assignment control, and the server's refusal of one shows in the banner
    assert page.locator("#assign-open").count() == 0
    assert page.evaluate("([key]) => G.assign('kk', [key], 'tana').then(r => r.status)", [key]) == 403
    expect(page.locator("#notice")).to_contain_text("a translator may not assign work")
    page.locator("#notice button").click()
    page.select_option("#f-queue", "mine")
    assert _visible_rows(page) == [f"row-{src}"]
    page.keyboard.press("q")
    entries = page.locator("#panel ol.queue li button")
    assert entries.count() == 1 and "assigned" in entries.inner_text()
    entries.click()
    assert page.locator("#panel").is_hidden()
    cell = tana.kk_cell(src)
    assert "current" in cell.get_attribute("class")
    page.keyboard.press("e")
    editor = cell.locator("textarea.editor")
    editor.wait_for()
    assert editor.input_value() == before
    live = cell.locator(".live-terms")
    live.locator("mark.term.forbidden").first.wait_for()  # the forbidden rendering, marked as it stands
    terms = page.locator("#assist #terms")
    terms.locator(".entry .rejected").first.wait_for()
    assert terms.locator(".findings li.forbidden").count() >= 1
    matches = page.locator("#assist #concordance .match")
    matches.locator(".origin", has_text="earlier.tmx").wait_for()
    origins = [m.locator(".origin").inner_text() for m in matches.all()]
    n = origins.index("earlier.tmx") + 1
    assert matches.nth(n - 1).locator(".score").inner_text() == "100%"
    assert before not in [m.locator(".tgt").inner_text() for m in matches.all()]  # the text being edited is no match
    page.screenshot(path=str(SCREENSHOTS / "review-concordance.png"))
    editor.press(f"Alt+{n}")  # takes the earlier translation in place of the whole text
    assert editor.input_value() == fixed
    live.locator(".clean").wait_for()  # typed text rechecked: no forbidden term left
    assert "forbidden" not in editor.get_attribute("class")
    # a phrase selected in the source column is looked up instead of the whole paragraph
    cell.locator("xpath=..").locator(".cell.src .para").first.dblclick(position={"x": 6, "y": 8})  # its first word
    query = page.locator("#conc-q")
    expect(query).to_have_value(re.compile(r"^\S+$"))
    phrase = query.input_value()
    expect(matches.first.locator(".src")).to_contain_text(phrase, ignore_case=True)
    assert all(phrase.lower() in m.locator(".src").inner_text().lower() for m in matches.all())
    with page.expect_response(lambda r: r.request.method == "POST" and f"/api/paragraph/kk/{idx}" in r.url) as saved:
        editor.press("Control+Enter")
    assert saved.value.status == 200
    tana.kk_cell(src).locator(".para[data-version='1']").wait_for()
    assert page.locator("#assist").is_hidden()

    # the reviewer: the translator's row waits for review, also as changed since the last visit (a first one)
    rita = User(browser, url, "rita")
    page = rita.page
    assert "4 open, 1 to review · assigned 0/3 approved" in page.locator("#queue-progress").inner_text()
    page.select_option("#f-queue", "review")
    assert _visible_rows(page) == [f"row-{src}"]
    assert rita.kk_cell(src).locator(".badge.queue").inner_text() == "to review"
    page.select_option("#f-queue", "changed")
    assert _visible_rows(page) == [f"row-{src}"]
    page.select_option("#f-queue", "mine")
    assert _visible_rows(page) == [f"row-{l.src[0]}" for l in given]
    page.select_option("#f-queue", "queue")
    assert sorted(_visible_rows(page)) == sorted(f"row-{i}" for i in [src] + [l.src[0] for l in given])
    page.keyboard.press("q")
    items = page.locator("#panel ol.queue li button")
    items.filter(has_text="written by tana").wait_for()
    assert items.count() == 4 and items.filter(has_text="assigned").count() == 3
    page.screenshot(path=str(SCREENSHOTS / "review-queue.png"))
    page.keyboard.press("Escape")

    # the reviewer writes another row, and may not approve it: the refusal is shown
    page.select_option("#f-queue", "")
    own = rita.kk_cell(own_src)
    own.click()
    page.keyboard.press("e")
    own.locator("textarea.editor").fill(store.paragraph("kk", own_idx)[0] + " Түзету.")
    own.locator("textarea.editor").press("Control+Enter")
    own = rita.kk_cell(own_src)
    own.locator(".para[data-version='1']").wait_for()
    own.click()
    page.keyboard.press("a")
    notice = page.locator("#notice")
    notice.wait_for()
    assert "another reviewer must approve it (four-eyes rule)" in notice.inner_text()
    notice.locator("button").click()
    assert notice.is_hidden()

    # the translator is still on their row: the reviewer sees it there, then approves the translator's text
    cell = rita.kk_cell(src)
    cell.click()
    cell.locator(".badge.presence", has_text="tana").wait_for(timeout=20_000)
    assert "tana" in page.locator("#presence").inner_text()
    page.keyboard.press("a")
    rita.kk_cell(src).locator(".badge.review.approved").wait_for()
    assert rita.kk_cell(own_src).locator(".badge.review").count() == 0
    # the next visit: what this one showed (the translator's row, the reviewer's own edit) is no longer new
    page.reload()
    expect(page.locator("#queue-progress")).to_contain_text("assigned 0/3 approved")
    page.select_option("#f-queue", "changed")
    assert _visible_rows(page) == []
    tana.page.reload()
    expect(tana.page.locator("#queue-progress")).to_contain_text("assigned 1/1 approved")
    tana.page.click("form.logout button")  # the logout form, like the login form, passes the Origin check
    tana.page.wait_for_url(url + "/login")
    assert tana.context.request.get(url + "/api/me").status == 401

    # the admin exports
    page = admin.page
    page.click("#export-open")
    page.fill("#export-name", "team")
    page.locator("#panel button", has_text="Export").click()
    page.locator("#panel .export-done").wait_for()
    # the admin's activity page: every account's work in Kazakh, its CSV a link away
    page.keyboard.press("Escape")
    page.click("#activity-open")
    page.select_option("#a-lang", "kk")
    page.click("main.activity button[type=submit]")
    page.wait_for_url(re.compile(r"/activity\?lang=kk"))
    table = {r.locator("td").first.inner_text(): [c.inner_text() for c in r.locator("td").all()]
             for r in page.locator("#activity tbody tr").all()}
    assert table["tana"][1:4] == ["kk", "1", "0"] and table["rita"][1:3] == ["kk", "1"]
    assert table["rita"][5] == "1"  # one approval
    assert page.locator("#activity-csv").get_attribute("href") == "/activity.csv?lang=kk"
    for user in (admin, tana, rita):
        user.close()

    # the server's state names the accounts
    history = store.history("kk", idx)
    assert (history[-1]["author"], history[-1]["text"]) == ("tana", fixed)
    assert store.history("kk", own_idx)[-1]["author"] == "rita"
    assert [(e["kind"], e["author"]) for e in store.events("kk", key)] == [("approved", "rita")]
    snap = store.snapshot()
    assert snap.reviews["kk"][key] == "approved" and link_key(own_link) not in snap.reviews.get("kk", {})
    export = state / "exports" / "team"
    assert json.loads((export / "export.json").read_text(encoding="utf-8"))["exported_by"] == "adam"
    tmx = ET.parse(export / "corpus" / "astana-2025.tmx").getroot()
    tu = next(tu for tu in tmx.iter("tu")
              if tu.find("prop[@type='x-source-ids']").text.split()[0] == f"astana-2025:ru:p{src}")
    kk = next(t for t in tu.findall("tuv") if t.get(XML_LANG) == "kk")
    assert kk.find("seg").text == fixed and kk.find("prop[@type='x-status']").text == "approved"
