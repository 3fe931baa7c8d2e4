"""The review workbench against hostile or careless requests (issue 18): names in any script, bounds,
short error replies, owner-only state, expiring sessions, loopback only."""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import stat
import time
import xml.etree.ElementTree as ET
from urllib.parse import quote

import httpx
import pytest
from fastapi.testclient import TestClient

from corpus.reader import read_document
from review_support import copy_set, review_server, session, token_of
from tilmash.cli import main
from tilmash.review.app import SESSION_COOKIE, create_app
from tilmash.review.workbench import open_workbench

# one xdist worker runs this module, so its module-scoped fixtures are built once
pytestmark = pytest.mark.xdist_group("review_hardening")

NAMES = ["Әлия Серікқызы", "李娜", "Ольга Петрова-Водкина", "José Núñez"]
HUGE = "9223372036854775808"  # 2**63: no SQLite integer holds it


@pytest.fixture(scope="module")
def bench(set_dir, tmp_path_factory, embedder):
    base = tmp_path_factory.mktemp("review-hardening")
    copy = copy_set(set_dir, base / "set")
    return open_workbench(copy, base / "state", copy / "gold", embedder, reviewer="tester")


@pytest.fixture
def client(bench):
    client = TestClient(create_app(bench), base_url="http://127.0.0.1")
    client.headers["X-CSRF-Token"] = token_of(client.get("/").text)
    return client


def _save(client, idx: int, text: str, **headers) -> httpx.Response:
    version = client.get(f"/api/paragraph/en/{idx}").json()["version"]
    return client.post(f"/api/paragraph/en/{idx}", json={"text": text, "version": version}, headers=headers)


@pytest.mark.parametrize("name", NAMES)
def test_a_reviewer_name_in_any_script_is_recorded_as_typed(client, name):
    """The page sends the name percent-encoded (a header carries only Latin-1); curl may send raw UTF-8."""
    assert _save(client, 21, f"Saved by {name}.", **{"X-Reviewer": quote(name)}).status_code == 200
    raw = _save(client, 21, f"Saved again by {name}.", **{"X-Reviewer": name.encode("utf-8")})
    assert raw.status_code == 200
    authors = [v["author"] for v in client.get("/api/history/en/21").json()["versions"][:2]]
    assert authors == [name, name]


@pytest.mark.parametrize("header, status, message", [
    ("%FF%FE", 400, "must be UTF-8, percent-encoded"),
    ("a%07b", 422, "control character U+0007"),
    ("%EF%BF%BE", 422, "noncharacter U+FFFE"),
    (quote("Ә" * 61), 422, "longer than 60 characters"),
])
def test_a_reviewer_name_that_is_not_text_is_refused(client, bench, header, status, message):
    before = bench.store.paragraph("en", 22)
    reply = _save(client, 22, "Not saved.", **{"X-Reviewer": header})
    assert reply.status_code == status and message in reply.json()["error"]
    assert bench.store.paragraph("en", 22) == before


@pytest.mark.parametrize("method, url", [
    ("GET", f"/api/paragraph/en/{HUGE}"), ("GET", f"/api/history/en/{HUGE}"), ("GET", "/api/paragraph/en/-1"),
    ("POST", f"/api/paragraph/en/{HUGE}"), ("POST", f"/api/restore/en/{HUGE}"),
])
def test_indices_out_of_bounds_are_404_not_500(client, method, url):
    body = {"text": "x", "version": 0, "to_version": 0}
    reply = client.get(url) if method == "GET" else client.post(url, json=body)
    assert reply.status_code == 404 and "no en paragraph" in reply.json()["error"]


@pytest.mark.parametrize("body", [
    b'{"text": "lone \\ud800 surrogate", "version": 0}',  # valid JSON, not valid text
    b'{"text": "CESU-8 \xed\xa0\x80\xed\xb0\x80", "version": 0}',  # a surrogate pair as raw CESU-8: not UTF-8
    b'{"text": "cut in the mid',
])
def test_an_edit_that_is_not_text_is_a_short_422(client, bench, body):
    before = bench.store.paragraph("en", 23)
    reply = client.post("/api/paragraph/en/23", content=body, headers={"Content-Type": "application/json"})
    assert reply.status_code == 422 and len(reply.content) < 400
    assert "surrogate" not in reply.text or "U+D800" in reply.text
    assert bench.store.paragraph("en", 23) == before


def test_noncharacters_never_reach_the_tmx(client, bench):
    """A U+FFFE in an edit was saved, and the export then wrote a TMX no parser reads and a post-edit the
    reader refuses: now the edit is refused, and what is exported reads back."""
    refused = _save(client, 24, "The Parties \ufffe welcome it.")
    assert refused.status_code == 422 and "noncharacter U+FFFE" in refused.json()["error"]
    assert _save(client, 24, "The Parties welcome it.").status_code == 200
    export = client.post("/api/export", json={"name": "clean"}).json()
    ET.parse(bench.exports / "clean" / "corpus" / "astana-2025.tmx")
    assert "post-edit/en.txt" in export["post_edits"]
    assert "The Parties welcome it." in read_document(bench.docset.root / "post-edit" / "en.txt", "en").texts()


@pytest.mark.parametrize("size", [30_000, 10 * 1024 * 1024])
def test_an_oversized_edit_gets_a_short_reply_not_its_own_echo(client, size):
    reply = client.post("/api/paragraph/en/25", json={"text": "x" * size, "version": 0})
    assert reply.status_code == (422 if size < 100_000 else 413)
    assert len(reply.content) < 400 and "xxxxxxxxxx" not in reply.text
    assert "over the" in reply.json()["error"]


def test_invalid_requests_are_described_without_the_input(client):
    reply = client.post("/api/decision", json={"lang": "en", "key": "s1", "status": "approved", "seen": "pending",
                                               "versions": {"x" * 5000: "y" * 5000}})
    assert reply.status_code == 422 and len(reply.content) < 400 and reply.json()["error"].startswith("invalid")


def test_state_is_owner_only_and_an_old_state_is_tightened(bench, set_dir, tmp_path, embedder):
    old = os.umask(0o022)
    try:
        copy = copy_set(set_dir, tmp_path / "set")
        state = tmp_path / "state"
        fresh = open_workbench(copy, state, copy / "gold", embedder)
        client = TestClient(create_app(fresh), base_url="http://127.0.0.1")
        client.headers["X-CSRF-Token"] = token_of(client.get("/").text)
        assert client.post("/api/paragraph/en/20", json={"text": "Owner only.", "version": 0}).status_code == 200
        mode = {p.name: stat.S_IMODE(p.stat().st_mode) for p in [state, *state.iterdir()] if p.name != "exports"}
        assert mode == {"state": 0o700, "review.sqlite": 0o600, "review.sqlite-wal": 0o600,
                        "review.sqlite-shm": 0o600, "concordance.sqlite": 0o600}
        for path in [state, *state.iterdir()]:  # as an earlier tilmash left it
            path.chmod(0o755 if path.is_dir() else 0o644)
        open_workbench(copy, state, None, embedder).store.meta()
        assert stat.S_IMODE(state.stat().st_mode) == 0o700
        assert stat.S_IMODE((state / "review.sqlite").stat().st_mode) == 0o600
    finally:
        os.umask(old)


def test_a_session_token_expires(bench):
    secret = bench.store.meta()["secret"]
    stale = f"{int(time.time()) - 13 * 3600}.leaked-session"  # started 13 hours ago, token forged with the secret
    client = TestClient(create_app(bench), base_url="http://127.0.0.1", cookies={SESSION_COOKIE: stale})
    token = hmac.new(secret.encode(), stale.encode(), hashlib.sha256).hexdigest()
    body = {"text": "Too late.", "version": 0}
    refused = client.post("/api/paragraph/en/26", json=body, headers={"X-CSRF-Token": token})
    assert refused.status_code == 403 and "expired" in refused.json()["error"]
    reload = client.get("/")  # reloading the page starts a new session
    fresh, started = token_of(reload.text), reload.cookies[SESSION_COOKIE]
    assert fresh != token and started != stale
    client.cookies.clear()
    client.cookies.set(SESSION_COOKIE, started)
    assert client.post("/api/paragraph/en/26", json=body, headers={"X-CSRF-Token": fresh}).status_code == 200
    short = TestClient(create_app(bench, token_ttl=1), base_url="http://127.0.0.1")
    short_token = token_of(short.get("/").text)
    time.sleep(2.1)
    assert short.post("/api/paragraph/en/26", json={"text": "Later.", "version": 1},
                      headers={"X-CSRF-Token": short_token}).status_code == 403


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "example.org"])
def test_serving_beyond_this_machine_is_refused_until_accounts_exist(set_dir, capsys, host):
    assert main(["review", str(set_dir), "--host", host]) == 2
    err = capsys.readouterr().err
    assert err.startswith("tilmash: error: --host:") and "not a loopback address" in err


@pytest.mark.slow
def test_a_real_server_answers_hostile_requests_and_keeps_the_connection(set_dir, tmp_path):
    """uvicorn itself: a surrogate in an edit failed inside the error reply, and the next request on the
    connection was reset; a 10 MB edit came back whole in the reply."""
    copy = copy_set(set_dir, tmp_path / "set")
    with review_server(copy, tmp_path / "state", tmp_path / "server.log") as (url, _):
        client = session(url)
        for body in (b'{"text": "\\ud800", "version": 0}', b'{"text": "\xed\xa0\x80", "version": 0}',
                     json.dumps({"text": "x" * (10 * 1024 * 1024), "version": 0}).encode()):
            reply = client.post("/api/paragraph/en/20", content=body, headers={"Content-Type": "application/json"})
            assert reply.status_code in (413, 422) and len(reply.content) < 400
            assert client.get("/api/paragraph/en/20").status_code == 200  # the same connection still works
        assert client.get(f"/api/paragraph/en/{HUGE}").status_code == 404
        name = quote("Әлия Серікқызы")
        saved = client.post("/api/paragraph/en/20", json={"text": "Saved.", "version": 0}, headers={"X-Reviewer": name})
        assert saved.status_code == 200
        assert client.get("/api/history/en/20").json()["versions"][0]["author"] == "Әлия Серікқызы"
        assert httpx.get(url + "/", headers={"Host": "attacker.example"}).status_code == 400
