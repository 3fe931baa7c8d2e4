"""The review workbench through its HTTP API (FastAPI TestClient), on the bundled set with gold alignments."""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import threading
import time
import xml.etree.ElementTree as ET

import httpx
import pytest
from fastapi.testclient import TestClient
from translate.storage import tmx

from align.io import read_alignment, read_fitting_alignment
from corpus.docset import load_set
from corpus.errors import InputError
from review_support import copy_set, forbidden_term_fix, review_server, session, token_of
from tilmash.cli import main
from tilmash.review.accounts import ARGON2_ENV
from tilmash.review.app import create_app
from tilmash.review.client import login, open_page
from tilmash.review.store import Conflict
from tilmash.review.view import link_key
from tilmash.review.workbench import open_workbench
from tilmash.score import score_set

XSS = '<script>alert("x")</script> "><img src=x onerror=alert(1)> &amp;'
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# one xdist worker runs this module, so its module-scoped fixtures are built once
pytestmark = pytest.mark.xdist_group("review_api")


@pytest.fixture(scope="module")
def first_state(set_dir, tmp_path_factory, embedder):
    """The review state of the bundled set with its gold alignments, as its first opening leaves it."""
    base = tmp_path_factory.mktemp("review-api")
    copy = copy_set(set_dir, base / "set")
    open_workbench(copy, base / "state", copy / "gold", embedder, reviewer="tester")
    return base / "state"


@pytest.fixture
def bench(set_copy, tmp_path, embedder, first_state):
    """A private copy of `first_state`, reopened: a new state checks every link of the set (two seconds a test
    here), a reopened one reads the stored flags, and both are the workbench users meet."""
    shutil.copytree(first_state, tmp_path / "state")
    return open_workbench(set_copy, tmp_path / "state", set_copy / "gold", embedder, reviewer="tester")


def _client(bench) -> TestClient:
    client = TestClient(create_app(bench), base_url="http://127.0.0.1")
    client.headers["X-CSRF-Token"] = token_of(client.get("/").text)
    return client


@pytest.fixture
def client(bench):
    return _client(bench)


def _flags(client, lang, src):
    html = client.get("/api/rows").json()["html"]
    row = re.search(rf'<section[^>]*id="row-{src}".*?</section>', html, re.S).group(0)
    cell = row.split(f'<div class="cell tgt" lang="{lang}"')[1].split('<div class="cell')[0]
    return re.findall(r'data-check="([^"]+)"', cell)


def test_page_shows_every_paragraph_row_clause_and_link_shape(client, set_copy):
    page = client.get("/")
    assert page.status_code == 200
    assert "nonce-" in page.headers["content-security-policy"]
    html = page.text
    n_src = len(load_set(set_copy).source())
    assert all(f'id="row-{i}"' in html for i in range(n_src))
    assert 'id="clause-1"' in html and 'id="clause-13"' in html
    for shape in ("2-1 merged", "1-2 split", "no counterpart", "no source"):  # badges, not the toolbar's words
        assert f'<span class="badge shape">{shape}</span>' in html
    assert 'data-concept="' in html and "<kbd>j / k</kbd>" in html


def test_save_rechecks_the_link_and_clears_the_term_flag(client, set_copy):
    src, idx, before, fixed = forbidden_term_fix(set_copy)
    assert "terms" in _flags(client, "kk", src)
    version = client.get(f"/api/paragraph/kk/{idx}").json()["version"]
    reply = client.post(f"/api/paragraph/kk/{idx}", json={"text": fixed, "version": version})
    assert reply.status_code == 200, reply.text
    assert reply.json()["version"] == version + 1
    assert reply.json()["pending"] == ["similarity"]  # the one check that embeds comes later
    assert not [f for f in reply.json()["flags"] if f["check"] == "terms"]
    assert "terms" not in _flags(client, "kk", src)
    assert client.get(f"/api/paragraph/kk/{idx}").json()["text"] == fixed


def _kk_text_of(bench, src: int) -> str:
    """The Kazakh translation of source paragraph `src` (pasted elsewhere, it no longer means the same)."""
    snap = bench.store.snapshot()
    return snap.texts["kk"][next(l for l in snap.alignments["kk"].links if l.src[:1] == (src,)).tgt[0]]


def _stored_checks(bench, key: str) -> list[str]:
    return [f["check"] for f in bench.store.snapshot().flags["kk"][key]]


def _until_checked(client, key: str) -> None:
    deadline = time.monotonic() + 120
    while client.get(f"/api/pending/kk/{key}").json()["pending"]:
        assert time.monotonic() < deadline, "the background check never finished"
        time.sleep(0.05)


def test_save_answers_at_once_and_the_similarity_check_follows(client, bench, set_copy):
    src, idx, _, _ = forbidden_term_fix(set_copy)
    key, wrong = f"s{src}", _kk_text_of(bench, 5)  # clause 5's translation: its numbers and meaning differ
    reply = client.post(f"/api/paragraph/kk/{idx}", json={"text": wrong, "version": 0}).json()
    assert reply["pending"] == ["similarity"] and "numbers" in [f["check"] for f in reply["flags"]]
    assert "similarity" not in [f["check"] for f in reply["flags"]] and "checking…" in reply["row"]
    assert client.get(f"/api/pending/kk/{key}").json()["pending"]
    assert _stored_checks(bench, key) == [f["check"] for f in reply["flags"]]
    with TestClient(create_app(bench), base_url="http://127.0.0.1") as served:  # starts the app's worker
        _until_checked(served, key)
        row = served.get(f"/api/row/kk/{key}").json()
    assert "similarity" in _stored_checks(bench, key) and "numbers" in _stored_checks(bench, key)
    assert 'data-check="similarity"' in row["row"] and "checking…" not in row["row"]
    assert bench.store.paragraph("kk", idx) == (wrong, 1)


def test_a_stale_background_result_is_discarded(client, bench, set_copy):
    src, idx, _, fixed = forbidden_term_fix(set_copy)
    key = f"s{src}"
    client.post(f"/api/paragraph/kk/{idx}", json={"text": _kk_text_of(bench, 5), "version": 0})
    late = bench.compute_checks(bench.store.pending_checks())  # the check of version 1 ...
    assert "similarity" in [f["check"] for _, flags in late for f in flags]
    client.post(f"/api/paragraph/kk/{idx}", json={"text": fixed, "version": 1})  # ... ends after version 2 is saved
    assert bench.store.finish_checks(late) == 0
    assert "similarity" not in _stored_checks(bench, key) and bench.store.is_pending("kk", key)
    assert bench.recheck() == 1 and not bench.store.is_pending("kk", key)
    assert not {"similarity", "numbers", "terms"} & set(_stored_checks(bench, key))  # version 2 is right


def test_checks_left_pending_by_a_crash_are_done_on_restart(client, bench, set_copy, embedder):
    src, idx, _, _ = forbidden_term_fix(set_copy)
    key = f"s{src}"
    client.post(f"/api/paragraph/kk/{idx}", json={"text": _kk_text_of(bench, 5), "version": 0})
    assert bench.store.is_pending("kk", key)  # saved, and the process gone before its worker ran
    restarted = open_workbench(set_copy, bench.state_dir, None, embedder)
    with TestClient(create_app(restarted), base_url="http://127.0.0.1") as served:
        _until_checked(served, key)
    assert "similarity" in _stored_checks(restarted, key) and not restarted.store.pending_checks()


def test_a_state_file_from_before_the_pending_table_still_opens(bench, set_copy, embedder):
    """Review state made by a tilmash that checked similarity inside the save has no `pending` table."""
    with sqlite3.connect(bench.store.path) as db:
        db.execute("DROP TABLE pending")
    reopened = open_workbench(set_copy, bench.state_dir, None, embedder)
    client = _client(reopened)
    saved = client.post("/api/paragraph/en/20", json={"text": "The Sides reaffirmed their support.", "version": 0})
    assert saved.status_code == 200
    assert client.get("/api/paragraph/en/20").json()["text"] == "The Sides reaffirmed their support."


def test_stale_version_is_a_conflict_with_both_texts(client, bench):
    first = client.post("/api/paragraph/en/20", json={"text": "First reviewer's text.", "version": 0})
    assert first.status_code == 200
    second = client.post("/api/paragraph/en/20", json={"text": "Second reviewer's text.", "version": 0})
    assert second.status_code == 409
    body = second.json()
    assert body["theirs"] == "First reviewer's text." and body["yours"] == "Second reviewer's text."
    assert body["version"] == 1 and "version 1" in body["error"]
    assert bench.store.paragraph("en", 20) == ("First reviewer's text.", 1)


def test_fifty_concurrent_saves_from_two_clients_lose_no_update(bench):
    clients = [_client(bench), _client(bench)]
    acked: list[tuple[int, str]] = []
    conflicts = []
    lock = threading.Lock()

    def work(n: int, client: TestClient) -> None:
        for k in range(50):
            text = f"Client {n} save {k}."
            while True:
                version = client.get("/api/paragraph/zh/30").json()["version"]
                reply = client.post("/api/paragraph/zh/30", json={"text": text, "version": version})
                if reply.status_code == 200:
                    with lock:
                        acked.append((reply.json()["version"], text))
                    break
                assert reply.status_code == 409, reply.text
                conflicts.append(1)

    threads = [threading.Thread(target=work, args=(n, c)) for n, c in enumerate(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    history = {v["version"]: v["text"] for v in bench.store.history("zh", 30)}
    assert len(acked) == 100
    assert sorted(v for v, _ in acked) == list(range(1, 101))  # every save got its own version
    assert all(history[v] == text for v, text in acked)  # and is in the history as written
    assert bench.store.paragraph("zh", 30) == (history[100], 100)


def test_decisions_comments_history_and_restore(client, bench):
    link = next(l for l in bench.store.snapshot().alignments["kk"].links if l.kind == "1-1" and l.src[0] >= 40)
    key, idx = f"s{link.src[0]}", link.tgt[0]
    cell = client.get(f"/api/paragraph/kk/{idx}").json()
    ok = client.post("/api/decision", json={"lang": "kk", "key": key, "status": "approved", "seen": "pending",
                                             "versions": {str(idx): cell["version"]}})
    assert ok.status_code == 200, ok.text
    assert ok.json()["progress"]["kk"]["approved"] == 1 and 'review approved' in ok.json()["row"]
    stale = client.post("/api/decision", json={"lang": "kk", "key": key, "status": "approved", "seen": "pending",
                                                "versions": {str(idx): 7}})
    assert stale.status_code == 409
    client.post("/api/comment", json={"lang": "kk", "key": key, "text": "Check the verb."})
    edited = client.post(f"/api/paragraph/kk/{idx}", json={"text": cell["text"] + " Қосымша.",
                                                            "version": cell["version"]})
    assert edited.json()["progress"]["kk"]["approved"] == 0  # an edit voids the approval of the old text
    history = client.get(f"/api/history/kk/{idx}?key={key}").json()
    assert [v["version"] for v in history["versions"]] == [1, 0]
    assert history["versions"][0]["diff"][-1] == ["+", " Қосымша."]
    assert [e["kind"] for e in history["events"]] == ["comment", "approved"]
    restored = client.post(f"/api/restore/kk/{idx}", json={"to_version": 0, "version": 1})
    assert restored.status_code == 200 and restored.json()["version"] == 2
    assert bench.store.paragraph("kk", idx) == (cell["text"], 2)
    assert bench.store.history("kk", idx)[-1]["action"] == "restore of version 0"


def test_second_reviewer_deciding_on_a_stale_view_gets_a_conflict(bench):
    first, second = _client(bench), _client(bench)
    body = {"lang": "zh", "key": "s40", "versions": {str(j): 0 for j in _link_of(bench, "zh", "s40").tgt}}
    assert first.post("/api/decision", json={**body, "status": "approved", "seen": "pending"}).status_code == 200
    late = second.post("/api/decision", json={**body, "status": "rejected", "seen": "pending"})
    assert late.status_code == 409 and late.json()["review"] == "approved"
    assert bench.store.snapshot().reviews["zh"]["s40"] == "approved"  # the first decision stands
    assert second.post("/api/decision", json={**body, "status": "rejected", "seen": "approved"}).status_code == 200
    assert bench.store.snapshot().reviews["zh"]["s40"] == "rejected"


def test_comment_on_a_link_a_correction_replaced_is_refused(client, bench):
    link = _link_of(bench, "en", "s20")
    assert client.post("/api/align/merge", json={"lang": "en", "key": "s20", "version": 0}).status_code == 200
    with pytest.raises(Conflict):  # the page's view of the link is gone: the comment would be about other text
        bench.store.comment("en", "s20", link, "About the old link.", "tester")
    assert not bench.store.events("en", "s20")


def _link_of(bench, lang, key):
    return next(l for l in bench.store.snapshot().alignments[lang].links if link_key(l) == key)


def _alignment_version(client, lang):
    html = client.get("/api/rows").json()["html"]
    return int(re.search(rf'data-lang="{lang}"[^>]*data-align-version="(\d+)"', html).group(1))


def test_merge_split_and_no_counterpart_become_the_alignment(client, bench):
    links = bench.store.snapshot().alignments["en"].links
    k = next(k for k, l in enumerate(links) if l.kind == "1-1" and links[k + 1].kind == "1-1")
    a, b = links[k], links[k + 1]
    merged = client.post("/api/align/merge", json={"lang": "en", "key": f"s{a.src[0]}", "version": 0})
    assert merged.status_code == 200, merged.text
    now = bench.store.snapshot().alignments["en"].links
    assert now[k].src == a.src + b.src and now[k].tgt == a.tgt + b.tgt and len(now) == len(links) - 1
    assert "2-2 merged and split" in merged.json()["html"]
    stale = client.post("/api/align/merge", json={"lang": "en", "key": f"s{a.src[0]}", "version": 0})
    assert stale.status_code == 409
    split = client.post("/api/align/split", json={"lang": "en", "key": f"s{a.src[0]}", "src_at": 1, "tgt_at": 1,
                                                   "version": 1})
    assert split.status_code == 200, split.text
    assert [(l.src, l.tgt) for l in bench.store.snapshot().alignments["en"].links] == [(l.src, l.tgt) for l in links]
    none = client.post("/api/align/split", json={"lang": "en", "key": f"s{a.src[0]}", "src_at": 1, "tgt_at": 0,
                                                  "version": 2})
    assert none.status_code == 200
    after = bench.store.snapshot().alignments["en"].links
    assert (after[k].src, after[k].tgt, after[k + 1].src, after[k + 1].tgt) == (a.src, (), (), a.tgt)
    flags = bench.store.snapshot().flags["en"]
    assert [f["check"] for f in flags[f"s{a.src[0]}"]] == ["omission"]
    bad = client.post("/api/align/split", json={"lang": "en", "key": f"s{a.src[0]}", "src_at": 0, "tgt_at": 0,
                                                 "version": 3})
    assert bad.status_code == 422


def test_export_writes_statuses_and_post_edits_recorded_in_meta(client, bench, set_copy):
    src, idx, _, fixed = forbidden_term_fix(set_copy)
    assert client.post(f"/api/paragraph/kk/{idx}", json={"text": fixed, "version": 0}).status_code == 200
    for lang, key, status, versions in (("kk", f"s{src}", "approved", {str(idx): 1}), ("en", "s5", "rejected", {"3": 0})):
        reply = client.post("/api/decision", json={"lang": lang, "key": key, "status": status, "seen": "pending",
                                                    "versions": versions})
        assert reply.status_code == 200, reply.text
    reply = client.post("/api/export", json={"name": "round-1"})
    assert reply.status_code == 200, reply.text
    out = bench.exports / "round-1"
    tus = {int(tu.get("tuid")): tu for tu in ET.parse(out / "corpus" / "astana-2025.tmx").getroot().iter("tu")}
    row = next(tu for tu in tus.values() if any(p.text == f"astana-2025:ru:p{src}"
                                                for p in tu.findall("prop[@type='x-source-ids']")))
    kk = next(t for t in row.findall("tuv") if t.get(XML_LANG) == "kk")
    assert kk.find("seg").text == fixed and kk.find("prop[@type='x-status']").text == "approved"
    assert row.find("prop[@type='x-status']").text == "pending"  # en and zh not approved
    store = tmx.tmxfile.parsefile(str(out / "corpus" / "astana-2025.tmx"))  # an independent reader agrees
    assert len(store.units) == len(tus) and store.units[0].source
    tsv = (out / "corpus" / "ru-en.tsv").read_text(encoding="utf-8").splitlines()
    assert tsv[0].endswith("\tstatus") and any(line.startswith("5\t3\t") and line.endswith("\trejected") for line in tsv)
    records = [json.loads(l) for l in (out / "corpus" / "astana-2025.jsonl").read_text(encoding="utf-8").splitlines()]
    assert any(r["status"].get("kk") == "approved" and r["kk"] == fixed for r in records)
    docset = load_set(set_copy)
    post = {e.lang: e for e in docset.files if e.role == "post-edit"}
    assert set(post) == {"kk", "en"}  # zh was not touched
    assert docset.read(post["kk"]).texts()[idx] == fixed
    assert post["kk"].meta["of"] == "kk.txt" and "tester" in post["kk"].meta["provenance"]
    kk = next(t for t in score_set(set_copy, method="length").translations if t.lang == "kk")
    hter = [r for r in kk.references if r.reference == "post-edit/kk.txt"]
    assert hter and hter[0].role == "post-edit" and 0 < hter[0].hter < 5  # one paragraph of 114 edited
    read_fitting_alignment(set_copy / post["kk"].meta["alignment"], len(docset.source()), len(docset.read(post["kk"])))
    assert json.loads((out / "export.json").read_text())["progress"]["kk"]["approved"] == 1


@pytest.mark.parametrize("name", ["../escape", "..", "/tmp/abs", "a/b", ".hidden", "", "x" * 65, "a\\b", "nul\x00"])
def test_export_names_cannot_leave_the_exports_directory(client, bench, name, tmp_path, set_copy):
    reply = client.post("/api/export", json={"name": name})
    assert reply.status_code in (400, 422) and ("error" in reply.json() or "detail" in reply.json())
    assert not (bench.exports.exists() and any(bench.exports.iterdir()))
    assert not (tmp_path / "escape").exists() and not (bench.state_dir / "escape").exists()
    assert not (load_set(set_copy).root / "post-edit").exists()  # a refused export writes nothing into the set


def test_state_changes_need_the_session_token_and_same_origin(bench):
    client = TestClient(create_app(bench), base_url="http://127.0.0.1")
    token = token_of(client.get("/").text)
    body = {"text": "Changed.", "version": 0}
    assert client.post("/api/paragraph/en/20", json=body).status_code == 403  # no token
    assert client.post("/api/paragraph/en/20", json=body, headers={"X-CSRF-Token": "0" * 64}).status_code == 403
    assert client.post("/api/paragraph/en/20", json=body, headers={"X-CSRF-Token": token,
                                                                   "Origin": "http://evil.example"}).status_code == 403
    other = TestClient(create_app(bench), base_url="http://127.0.0.1")  # another session: the token is not its own
    other.get("/")
    assert other.post("/api/paragraph/en/20", json=body, headers={"X-CSRF-Token": token}).status_code == 403
    assert TestClient(create_app(bench), base_url="http://evil.example").get("/").status_code == 400  # DNS rebinding
    assert bench.store.paragraph("en", 20)[1] == 0
    ok = client.post("/api/paragraph/en/20", json=body, headers={"X-CSRF-Token": token, "Origin": "http://127.0.0.1"})
    assert ok.status_code == 200


def test_document_text_is_escaped_everywhere(client):
    assert client.post("/api/paragraph/kk/50", json={"text": XSS, "version": 0}).status_code == 200
    html = client.get("/").text
    assert "<img src=x" not in html and '<script>alert("x")' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt; &amp;amp;" in html
    assert client.get("/api/paragraph/kk/50").json()["text"] == XSS


def test_bad_edits_and_bad_state_are_clear_errors(client, bench, set_copy, tmp_path, embedder):
    assert client.post("/api/paragraph/kk/3", json={"text": " \n \n", "version": 0}).status_code == 422
    assert client.post("/api/paragraph/kk/3", json={"text": "a\x07b", "version": 0}).status_code == 422
    assert client.post("/api/paragraph/xx/3", json={"text": "a", "version": 0}).status_code == 404
    assert client.post("/api/paragraph/kk/9999", json={"text": "a", "version": 0}).status_code == 404
    two = client.post("/api/paragraph/kk/3", json={"text": "Бірінші жол\n\nекінші жол", "version": 0})
    assert two.json()["text"] == "Бірінші жол екінші жол"  # one paragraph stays one paragraph
    kk = set_copy / "kk.txt"
    kk.write_text(kk.read_text(encoding="utf-8").replace("Тараптар", "Тарап", 1), encoding="utf-8")
    with pytest.raises(InputError, match="another version of the kk document"):
        open_workbench(set_copy, bench.state_dir, None, embedder)
    (set_copy / "gold" / "ru-zh.txt").unlink()
    with pytest.raises(InputError, match="no alignment for ru-zh"):
        open_workbench(set_copy, tmp_path / "fresh", set_copy / "gold", embedder)


def test_cli_review_bad_set_exits_2(tmp_path, capsys):
    assert main(["review", str(tmp_path / "missing")]) == 2
    assert "document set directory not found" in capsys.readouterr().err


def _pending_in(state) -> int:
    with sqlite3.connect(state / "review.sqlite") as db:
        return db.execute("SELECT COUNT(*) FROM pending").fetchone()[0]


def _kill_test_accounts(set_dir, state, tmp_path, n: int) -> dict[str, str]:
    """`n` accounts made with `tilmash users add` (the first an admin, who exports): name -> password."""
    passwords = {f"k{i}": f"k{i}-password-1234" for i in range(n)}
    for i, (name, password) in enumerate(passwords.items()):
        secret = tmp_path / f"{name}.pw"
        secret.write_text(password + "\n", encoding="utf-8")
        assert main(["users", "--state", str(state), "add", name, "--role", "admin" if i == 0 else "translator",
                     "--password-file", str(secret)]) == 0
    return passwords


@pytest.mark.slow
@pytest.mark.parametrize("accounts", [0, 10], ids=["single-user", "ten-accounts"])
def test_killed_mid_save_loses_no_saved_edit_and_leaves_no_half_export(set_copy, tmp_path, monkeypatch, accounts):
    """SIGKILL while saves (one client, or ten logged-in accounts on a cell each and one they share) and
    exports run: after a restart every acknowledged save is there, under the account that made it."""
    state = tmp_path / "state"
    monkeypatch.setenv(ARGON2_ENV, "test")
    passwords = _kill_test_accounts(set_copy, state, tmp_path, accounts) if accounts else {}
    own = [l.tgt[0] for l in read_alignment(set_copy / "gold" / "ru-kk.txt").links if l.kind == "1-1" and 60 not in l.tgt]

    def connect(url: str, name: str) -> httpx.Client:
        if not passwords:
            return session(url)
        client = login(url, name, passwords[name])
        open_page(client)
        return client

    writers = {name: [own[3 * n], 60] for n, name in enumerate(passwords)} or {"tester": [60]}
    acked: dict[tuple[int, int], tuple[str, str]] = {}  # (paragraph, version) -> (text, author)
    stop = threading.Event()
    with review_server(set_copy, state, tmp_path / "server.log") as (url, process):
        def saves(name: str, paragraphs: list[int]) -> None:
            client = connect(url, name)
            k = 0
            while not stop.is_set():
                idx, text = paragraphs[k % len(paragraphs)], f"Сақталған нұсқа {name} {k}."
                try:
                    version = client.get(f"/api/paragraph/kk/{idx}").json()["version"]
                    reply = client.post(f"/api/paragraph/kk/{idx}", json={"text": text, "version": version})
                except httpx.TransportError:
                    return
                if reply.status_code == 200:
                    acked[idx, reply.json()["version"]] = (text, name)
                k += 1

        def exports() -> None:
            client = connect(url, next(iter(passwords), ""))
            for n in range(1000):
                try:
                    client.post("/api/export", json={"name": f"run-{n % 3}"})
                except httpx.TransportError:
                    return

        workers = [threading.Thread(target=saves, args=item) for item in writers.items()]
        workers.append(threading.Thread(target=exports))
        for w in workers:
            w.start()
        deadline = time.monotonic() + 120
        while ((len(acked) < 5 or {a for _, a in acked.values()} != set(writers)) and time.monotonic() < deadline):
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)  # mid-save and mid-export
        process.wait()
        stop.set()
        for w in workers:
            w.join()
    assert len(acked) >= 5 and {a for _, a in acked.values()} == set(writers)  # every account got saves in
    with review_server(set_copy, state, tmp_path / "server.log") as (url, _):
        client = connect(url, next(iter(writers)))
        for idx in {i for i, _ in acked}:
            versions = client.get(f"/api/history/kk/{idx}").json()["versions"]
            history = {v["version"]: (v["text"], v["author"]) for v in versions}
            mine = {v: entry for (i, v), entry in acked.items() if i == idx}
            assert all(history[v] == entry for v, entry in mine.items())  # no acknowledged save lost, nor its author
            assert {a for v, (_, a) in history.items() if v > 0} <= set(writers)  # every change names an account
            assert client.get(f"/api/paragraph/kk/{idx}").json()["version"] >= max(mine)
        deadline = time.monotonic() + 600  # liveness only: on a machine shared with other jobs it can take minutes
        while _pending_in(state):  # the checks the kill left owed are done by the restarted server
            assert time.monotonic() < deadline, "pending checks were not completed after the restart"
            time.sleep(0.1)
    with sqlite3.connect(state / "review.sqlite") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    leftovers = [p for p in (state / "exports").rglob("*") if p.name.startswith(".") or p.suffix == ".tmp"]
    assert not leftovers
    for export in (state / "exports").iterdir():
        manifest = json.loads((export / "export.json").read_text(encoding="utf-8"))
        for name in manifest["files"]:
            assert (export / name).is_file()
        ET.parse(export / "corpus" / "astana-2025.tmx")
    docset = load_set(set_copy)  # meta.toml still valid, whatever the kill interrupted
    assert not [p.name for p in (set_copy / "post-edit").glob(".*")]  # no pending file or journal left
    for entry in docset.files:  # every recorded post-edit still fits its reviewed alignment
        if docset.alignment_path(entry):
            read_fitting_alignment(docset.alignment_path(entry), len(docset.source()), len(docset.read(entry)),
                                   "reviewed alignment")
