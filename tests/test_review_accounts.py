"""Accounts of the review workbench (issue 17): `tilmash users`, login, roles, the four-eyes rule, sessions and
slowed guessing, through the real FastAPI app on a real SQLite state (argon2 at its test cost)."""
from __future__ import annotations

import json
import re
from html import escape, unescape

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from review_support import copy_set, forbidden_term_fix, token_of
from corpus.errors import InputError
from tilmash.cli import main
from tilmash.review.accounts import ACCOUNT_FAILURES, CLIENT_FAILURES, ARGON2_ENV, Accounts
from tilmash.review.app import SESSION_COOKIE, TOKEN_TTL, create_app
from tilmash.review.view import link_key
from tilmash.review.workbench import STATE_FILE, open_workbench

# one xdist worker runs this module, so its module-scoped fixtures are built once
pytestmark = pytest.mark.xdist_group("review_accounts")

PASSWORDS = {"tana": "translator-pass-1", "rita": "reviewer-pass-1", "rob": "reviewer-pass-2", "adam": "admin-pass-1"}
ROLES = {"tana": "translator", "rita": "reviewer", "rob": "reviewer", "adam": "admin"}


@pytest.fixture(scope="module", autouse=True)
def cheap_hashes():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ARGON2_ENV, "test")
        yield


def _bench(set_dir, base, embedder):
    return open_workbench(copy_set(set_dir, base / "set"), base / "state", base / "set" / "gold", embedder,
                          reviewer="nobody")


@pytest.fixture
def bench(set_dir, tmp_path, fake_embedder):
    """A workbench of its own, without accounts yet."""
    return _bench(set_dir, tmp_path, fake_embedder)


@pytest.fixture(scope="module")
def shared(set_dir, tmp_path_factory, fake_embedder):
    """One team workbench for the module (opening one costs seconds); each test works on its own link."""
    bench = _bench(set_dir, tmp_path_factory.mktemp("team"), fake_embedder)
    accounts = Accounts(bench.store, TOKEN_TTL)
    for name, role in ROLES.items():
        accounts.add(name, role, PASSWORDS[name])
    return bench, create_app(bench, accounts=accounts)


@pytest.fixture
def team(shared):
    with shared[0].store.write() as conn:  # the guessing test's failures must not lock the others out
        conn.execute("DELETE FROM login_failures")
    return shared[1]


@pytest.fixture
def team_bench(shared):
    return shared[0]


def _login_form(client: TestClient) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text).group(1)


def login(app, name: str, password: str | None = None, base: str = "http://127.0.0.1") -> TestClient:
    client = TestClient(app, base_url=base, follow_redirects=False)
    reply = client.post("/login", data={"csrf": _login_form(client), "name": name,
                                        "password": password or PASSWORDS[name]})
    assert reply.status_code == 303, reply.text
    client.headers["X-CSRF-Token"] = token_of(client.get("/").text)
    return client


def _kk_link(bench, n: int = 0):
    """The n-th 1-1 Kazakh link: (its key, its paragraph)."""
    link = [l for l in bench.store.snapshot().alignments["kk"].links if l.kind == "1-1"][n]
    return link_key(link), link.tgt[0]


def _save(client, idx: int, text: str, lang: str = "kk"):
    version = client.get(f"/api/paragraph/{lang}/{idx}").json()["version"]
    return client.post(f"/api/paragraph/{lang}/{idx}", json={"text": text, "version": version})


def _approve(client, key: str, idx: int, lang: str = "kk", **headers):
    version = client.get(f"/api/paragraph/{lang}/{idx}").json()["version"]
    return client.post("/api/decision", json={"lang": lang, "key": key, "status": "approved", "seen": "pending",
                                              "versions": {str(idx): version}}, headers=headers)


def test_every_route_refuses_a_client_that_has_not_logged_in(team):
    client = TestClient(team, base_url="http://127.0.0.1", follow_redirects=False)
    client.headers["X-CSRF-Token"] = _login_form(client)  # a valid CSRF token of the anonymous session
    routes = [(method, r.path) for r in team.routes if isinstance(r, APIRoute) for method in r.methods]
    assert len(routes) > 15
    for method, path in routes:
        if path == "/login":
            continue
        url = re.sub(r"\{idx\}", "0", re.sub(r"\{lang\}", "kk", re.sub(r"\{key\}", "s0t0", path)))
        reply = client.request(method, url, json={})
        if method == "GET" and not path.startswith("/api/"):
            assert (reply.status_code, reply.headers["location"]) == (303, "/login"), (method, path)
        else:
            assert reply.status_code == 401, (method, path, reply.text)
            assert reply.json() == {"error": "log in first"}


def test_roles_and_authors_are_the_accounts(team, team_bench):
    bench = team_bench
    key, idx = _kk_link(bench, 1)
    tana = login(team, "tana")
    assert tana.get("/api/me").json() == {"name": "tana", "role": "translator"}
    page = tana.get("/").text
    assert 'id="account" data-role="translator">tana (translator)' in page
    reply = _save(tana, idx, bench.originals["kk"].texts()[idx] + " Түзету.")
    assert reply.status_code == 200
    # the X-Reviewer header cannot name someone else: the author is the logged-in account
    tana.post("/api/comment", json={"lang": "kk", "key": key, "text": "тексерілді"}, headers={"X-Reviewer": "rita"})
    assert bench.store.history("kk", idx)[-1]["author"] == "tana"
    assert [e["author"] for e in bench.store.events("kk", key)] == ["tana"]
    refused = _approve(tana, key, idx)
    assert refused.status_code == 403 and refused.json()["error"] == "a translator may not approve or reject"
    assert tana.post("/api/export", json={"name": "by-tana"}).status_code == 403

    rita = login(team, "rita")
    assert _approve(rita, key, idx).status_code == 200  # a reviewer approves the translator's text
    assert rita.post("/api/export", json={"name": "by-rita"}).status_code == 403
    adam = login(team, "adam")
    done = adam.post("/api/export", json={"name": "team"})
    assert done.status_code == 200, done.text
    assert json.loads((bench.exports / "team" / "export.json").read_text(encoding="utf-8"))["exported_by"] == "adam"
    assert not (bench.exports / "by-tana").exists() and not (bench.exports / "by-rita").exists()


def test_a_reviewer_never_approves_their_own_text_even_with_a_crafted_request(team, team_bench):
    bench = team_bench
    key, idx = _kk_link(bench, 2)
    rita = login(team, "rita")
    assert _save(rita, idx, bench.originals["kk"].texts()[idx] + " Ританың түзетуі.").status_code == 200
    for headers in ({}, {"X-Reviewer": "rob"}, {"X-Reviewer": "rob%20"}):
        refused = _approve(rita, key, idx, **headers)
        assert refused.status_code == 403, refused.text
        assert "four-eyes" in refused.json()["error"]
    assert bench.store.snapshot().reviews.get("kk", {}).get(key) in (None, "pending")
    # rejecting one's own text is no approval; another reviewer approves it
    rob = login(team, "rob")
    assert _approve(rob, key, idx).status_code == 200
    # the admin wrote nothing here and may approve; once the admin edits, the admin may not
    adam = login(team, "adam")
    assert _save(adam, idx, bench.originals["kk"].texts()[idx] + " Әкімші.").status_code == 200
    assert _approve(adam, key, idx).status_code == 403


def test_login_starts_a_new_session_and_cookies_do_not_cross_accounts(team):
    planted = TestClient(team, base_url="http://127.0.0.1", follow_redirects=False)
    form = _login_form(planted)
    fixed = planted.cookies[SESSION_COOKIE]  # the session id an attacker would plant before the victim logs in
    reply = planted.post("/login", data={"csrf": form, "name": "tana", "password": PASSWORDS["tana"]})
    assert reply.status_code == 303
    cookie = reply.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Secure" not in cookie
    assert planted.cookies[SESSION_COOKIE] != fixed
    attacker = TestClient(team, base_url="http://127.0.0.1", cookies={SESSION_COOKIE: fixed})
    assert attacker.get("/api/rows").status_code == 401

    tana, rita = login(team, "tana"), login(team, "rita")
    stolen = TestClient(team, base_url="http://127.0.0.1", cookies={SESSION_COOKIE: tana.cookies[SESSION_COOKIE]})
    stolen.headers["X-CSRF-Token"] = rita.headers["X-CSRF-Token"]  # another account's token does not fit
    assert stolen.post("/api/comment", json={"lang": "kk", "key": "s0t0", "text": "x"}).status_code == 403
    # logging out ends the session on the server: the cookie, copied before, no longer works
    copy = tana.cookies[SESSION_COOKIE]
    out = tana.post("/logout", data={"csrf": tana.headers["X-CSRF-Token"]})
    assert (out.status_code, out.headers["location"]) == (303, "/login")
    assert TestClient(team, base_url="http://127.0.0.1", cookies={SESSION_COOKIE: copy}).get(
        "/api/rows").status_code == 401
    # over HTTPS the cookie is Secure
    secure = TestClient(team, base_url="https://127.0.0.1", follow_redirects=False)
    reply = secure.post("/login", data={"csrf": _login_form(secure), "name": "rob", "password": PASSWORDS["rob"]})
    assert reply.status_code == 303 and "Secure" in reply.headers["set-cookie"]


def test_guessing_is_slowed_per_account_and_per_client_and_passwords_never_show(team, team_bench):
    bench = team_bench
    client = TestClient(team, base_url="http://127.0.0.1", follow_redirects=False)
    for k in range(ACCOUNT_FAILURES):
        wrong = client.post("/login", data={"csrf": _login_form(client), "name": "rita", "password": f"guess-{k}"})
        assert wrong.status_code == 401 and "wrong account name or password" in wrong.text
        assert f"guess-{k}" not in wrong.text
    blocked = client.post("/login", data={"csrf": _login_form(client), "name": "rita", "password": PASSWORDS["rita"]})
    assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) > 0
    assert "too many failed logins for this account" in blocked.text
    # another account from the same client still works until the client's own limit
    login(team, "rob")
    for k in range(CLIENT_FAILURES - ACCOUNT_FAILURES):
        client.post("/login", data={"csrf": _login_form(client), "name": f"nobody-{k}", "password": "x" * 9})
    refused = client.post("/login", data={"csrf": _login_form(client), "name": "adam", "password": PASSWORDS["adam"]})
    assert refused.status_code == 429 and "this address" in refused.text
    stored = b"".join(p.read_bytes() for p in bench.state_dir.glob(STATE_FILE + "*"))
    assert b"$argon2id$" in stored
    assert not any(p.encode() in stored for p in PASSWORDS.values())


def test_sessions_expire(team, team_bench):
    accounts = Accounts(team_bench.store, ttl=-1.0)  # every session is already over when it starts
    app = create_app(team_bench, accounts=accounts)
    client = TestClient(app, base_url="http://127.0.0.1", follow_redirects=False)
    assert client.post("/login", data={"csrf": _login_form(client), "name": "tana",
                                       "password": PASSWORDS["tana"]}).status_code == 303
    assert client.get("/api/rows").status_code == 401
    assert client.get("/").headers["location"] == "/login"


def test_users_command_migrates_names_and_refuses_bad_input(bench, tmp_path, capsys):
    # a name-only state: "Old Name" edited before accounts existed
    single = TestClient(create_app(bench), base_url="http://127.0.0.1")
    single.headers["X-CSRF-Token"] = token_of(single.get("/").text)
    key, idx = _kk_link(bench)
    assert _save(single, idx, bench.originals["kk"].texts()[idx] + " Ескі.", ).status_code == 200
    single.post("/api/comment", json={"lang": "kk", "key": key, "text": "ескі"}, headers={"X-Reviewer": "Old%20Name"})
    state = str(bench.state_dir)
    secret = tmp_path / "pw"
    secret.write_text("a-very-secret-pw\n", encoding="utf-8")
    assert main(["users", "--state", state, "add", "adam", "--role", "admin", "--password-file", str(secret)]) == 0
    assert main(["users", "--state", state, "list"]) == 0
    out, err = capsys.readouterr()
    assert "a-very-secret-pw" not in out + err
    assert "adam\tadmin\n" in out
    assert "Old Name\ttranslator  (no password: cannot log in)" in out and "nobody\ttranslator" in out
    app = create_app(bench, accounts=Accounts(bench.store, TOKEN_TTL))
    client = TestClient(app, base_url="http://127.0.0.1", follow_redirects=False)
    for guess in ("", "anything-at-all"):
        assert client.post("/login", data={"csrf": _login_form(client), "name": "Old Name",
                                           "password": guess}).status_code == 401
    assert main(["users", "--state", state, "passwd", "Old Name", "--password-file", str(secret)]) == 0
    assert login(app, "Old Name", "a-very-secret-pw").get("/api/me").json()["role"] == "translator"

    short, empty = tmp_path / "short", tmp_path / "empty"
    short.write_text("short\n", encoding="utf-8")
    empty.write_text("\n", encoding="utf-8")
    capsys.readouterr()
    bad = [(["add", "adam", "--role", "admin", "--password-file", str(secret)], "account 'adam' exists already"),
           (["add", "eve", "--role", "translator", "--password-file", str(short)], "at least 8 characters"),
           (["add", "eve", "--role", "translator", "--password-file", str(empty)], "the first line (the password)"),
           (["add", "bad\x07name", "--role", "translator", "--password-file", str(secret)], "cannot hold"),
           (["remove", "nobody-here"], "no account 'nobody-here'"),
           (["passwd", "nobody-here", "--password-file", str(secret)], "no account 'nobody-here'")]
    for args, message in bad:
        assert main(["users", "--state", state, *args]) == 2, args
        err = capsys.readouterr().err
        assert err.startswith("tilmash: error: ") and message in err and err.count("\n") == 1, err
    with pytest.raises(SystemExit) as exc:
        main(["users", "--state", state, "add", "eve", "--role", "boss"])
    assert exc.value.code == 2
    assert main(["users", "--state", state, "remove", "Old Name"]) == 0
    assert "Old Name" not in [a["name"] for a in Accounts(bench.store, TOKEN_TTL).all()]


def test_review_refuses_a_network_address_without_accounts(set_copy, tmp_path, capsys):
    code = main(["review", str(set_copy), "--state", str(tmp_path / "s"), "--host", "0.0.0.0"])
    err = capsys.readouterr().err
    assert code == 2 and "without accounts the workbench serves this machine only" in err
    assert err.count("\n") == 1


def test_assignments_fill_queues_and_reviewers_see_others_edits(team, team_bench):
    bench = team_bench
    (key, idx), (other, other_idx) = _kk_link(bench, 3), _kk_link(bench, 4)
    adam, tana, rob = login(team, "adam"), login(team, "tana"), login(team, "rob")
    assigned = adam.post("/api/assign", json={"lang": "kk", "keys": [key, other], "account": "tana"})
    assert assigned.status_code == 200 and assigned.json()["keys"] == [key, other]
    queue = tana.get("/api/queue", params={"lang": "kk"}).json()
    mine = queue["items"]
    assert queue["assigned"] == {"approved": 0, "total": 2}
    assert {(i["key"], i["why"]) for i in mine} >= {(key, "assigned"), (other, "assigned")}
    assert all(i["lang"] == "kk" for i in mine)
    # the translator's edit lands in a reviewer's queue, never in the queue of its author as a review
    assert _save(tana, idx, bench.originals["kk"].texts()[idx] + " Аударма.").status_code == 200
    queued = {i["key"]: i for i in rob.get("/api/queue").json()["items"]}
    assert queued[key]["why"] == "to review" and queued[key]["written_by"] == ["tana"]
    assert all(i["why"] == "assigned" for i in tana.get("/api/queue").json()["items"])
    assert _approve(rob, key, idx).status_code == 200
    assert key not in {i["key"] for i in rob.get("/api/queue").json()["items"]}
    done = tana.get("/api/queue").json()
    assert key not in {i["key"] for i in done["items"]} and done["assigned"] == {"approved": 1, "total": 2}  # approved: done
    # taking an assignment back empties it from the queue
    assert adam.post("/api/assign", json={"lang": "kk", "keys": [other], "account": None}).status_code == 200
    assert other not in {i["key"] for i in tana.get("/api/queue").json()["items"]}
    # bad input, each with its own short answer
    for body, status, message in (
            ({"lang": "kk", "keys": [key], "account": "nobody-here"}, 422, "no account 'nobody-here'"),
            ({"lang": "kk", "keys": ["s99999"], "account": "tana"}, 409, "no kk link 's99999'"),
            ({"lang": "xx", "keys": [key], "account": "tana"}, 404, "unknown language 'xx'"),
            ({"lang": "kk", "keys": [], "account": "tana"}, 422, "at least one link")):
        reply = adam.post("/api/assign", json=body)
        assert reply.status_code == status and message in reply.json()["error"], reply.text
    assert tana.post("/api/assign", json={"lang": "kk", "keys": [key], "account": "tana"}).status_code == 403
    assert rob.get("/api/queue", params={"status": "bad"}).status_code == 422
    assert rob.get("/api/queue", params={"lang": "xx"}).status_code == 404


TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ru" datatype="plaintext" segtype="paragraph" adminlang="en" creationtool="test"
 creationtoolversion="1" o-tmf="none"/><body>
<tu tuid="1"><tuv xml:lang="ru"><seg>Стороны поддерживают инициативу «Один пояс и один путь» в регионе.</seg></tuv>
<tuv xml:lang="kk-KZ"><seg>Тараптар өңірдегі «Бір белдеу, бір жол» бастамасын қолдайды.</seg></tuv></tu>
<tu tuid="2"><tuv xml:lang="ru"><seg>Совершенно другой текст о погоде.</seg></tuv>
<tuv xml:lang="en"><seg>Quite another text about the weather.</seg></tuv></tu>
</body></tmx>
"""


def test_concordance_finds_the_set_and_memories_with_fuzzy_scores(set_dir, tmp_path, fake_embedder):
    memory = tmp_path / "memory.tmx"
    memory.write_text(TMX, encoding="utf-8")
    copy = copy_set(set_dir, tmp_path / "set")
    bench = open_workbench(copy, tmp_path / "state", copy / "gold", fake_embedder, memories=[memory])
    client = TestClient(create_app(bench), base_url="http://127.0.0.1")
    query = "Стороны поддерживают инициативу «Один пояс и один путь»."
    found = client.get("/api/concordance/kk", params={"q": query}).json()["matches"]
    best = next(m for m in found if m["origin"] == "memory.tmx")
    assert best["target"].startswith("Тараптар өңірдегі") and 60 < best["score"] < 100
    assert best["coverage"] == 100  # every word of the query is in it, in order
    ranks = [(m["coverage"], m["score"]) for m in found]
    assert ranks == sorted(ranks, reverse=True)
    # a selected phrase finds the segments holding it first, however long they are
    phrase = client.get("/api/concordance/kk", params={"q": "«Один пояс и один путь»"}).json()["matches"]
    assert phrase[0]["coverage"] == 100 and "один пояс и один путь" in phrase[0]["source"].lower()
    assert all(m["origin"] in ("memory.tmx", "astana-2025") for m in found)
    # a paragraph of the set finds its own link at 100, in the column's language
    source = bench.source_texts[5]
    own = client.get("/api/concordance/en", params={"q": source}).json()["matches"][0]
    assert own["score"] == 100 and own["origin"] == "astana-2025" and own["source"] == source
    assert not any(m["origin"] == "memory.tmx" for m in
                   client.get("/api/concordance/zh", params={"q": query}).json()["matches"])
    for params, url, status in (({"q": "  "}, "/api/concordance/kk", 422), ({"q": "x" * 2001}, "/api/concordance/kk", 422),
                                ({"q": "пояс"}, "/api/concordance/xx", 404),
                                ({"q": "пояс", "limit": 0}, "/api/concordance/kk", 422),
                                ({"q": "\x00пояс"}, "/api/concordance/kk", 422), ({}, "/api/concordance/kk", 422)):
        assert client.get(url, params=params).status_code == status, (params, url)
    broken = tmp_path / "broken.tmx"
    broken.write_text("<xliff/>", encoding="utf-8")
    with pytest.raises(InputError, match="not TMX"):
        open_workbench(copy, tmp_path / "state", None, fake_embedder, memories=[broken])


def test_term_panel_scan_activity_and_presence(team, team_bench):
    bench = team_bench
    src, idx, before, fixed = forbidden_term_fix(bench.docset.root)
    key = next(link_key(l) for l in bench.store.snapshot().alignments["kk"].links if idx in l.tgt)
    tana, rob = login(team, "tana"), login(team, "rob")
    panel = tana.get(f"/api/terms/kk/{key}").json()
    forbidden = {f["concept"] for f in panel["findings"] if f["kind"] == "forbidden"}
    assert forbidden and forbidden <= {e["concept"] for e in panel["entries"]}
    entry = next(e for e in panel["entries"] if e["concept"] in forbidden)
    assert entry["target"]["preferred"] and entry["target"]["forbidden"] and entry["source"]["preferred"]
    assert entry["note"] == bench.termbase[entry["concept"]].note
    # while typing: the forbidden rendering is marked, the fixed text has none
    marks = tana.post("/api/terms/scan", json={"lang": "kk", "text": before}).json()["marks"]
    assert {m["concept"] for m in marks if m["kind"] == "forbidden"} == forbidden
    assert all(before[m["start"]:m["end"]] for m in marks)
    assert not [m for m in tana.post("/api/terms/scan", json={"lang": "kk", "text": fixed}).json()["marks"]
                if m["kind"] == "forbidden"]
    assert _save(tana, idx, fixed).status_code == 200
    assert not [f for f in tana.get(f"/api/terms/kk/{key}").json()["findings"] if f["kind"] == "forbidden"]
    for url, body, status in (("/api/terms/scan", {"lang": "xx", "text": "a"}, 404),
                              ("/api/terms/scan", {"lang": "kk", "text": "\x00"}, 422),
                              ("/api/presence", {"lang": "xx", "key": key}, 404)):
        assert tana.post(url, json=body).status_code == status, url
    assert tana.get("/api/terms/kk/s99999").status_code == 409

    # activity per account and language, as JSON and as CSV: an admin's of every account, anyone else's their own
    tana.post("/api/comment", json={"lang": "kk", "key": key, "text": "термин түзетілді"})
    adam = login(team, "adam")
    rows = {(r["account"], r["lang"]): r for r in adam.get("/api/activity", params={"lang": "kk"}).json()["activity"]}
    assert rows[("tana", "kk")]["edits"] >= 1 and rows[("tana", "kk")]["comments"] >= 1
    assert all(lang == "kk" for _, lang in rows)
    csv_reply = adam.get("/activity.csv")
    assert csv_reply.headers["content-type"].startswith("text/csv")
    lines = csv_reply.text.splitlines()
    assert lines[0] == "account,lang,edits,corrections,comments,approved,rejected,pending,last"
    assert any(line.startswith("tana,kk,") for line in lines[1:])
    assert adam.get("/api/activity", params={"lang": "xx"}).status_code == 404
    own = tana.get("/api/activity").json()["activity"]
    assert own and {r["account"] for r in own} == {"tana"}
    assert [line.split(",")[0] for line in tana.get("/activity.csv").text.splitlines()[1:]] == ["tana"] * len(own)
    refused = rob.get("/api/activity", params={"account": "tana"})
    assert refused.status_code == 403 and refused.json()["error"] == "a reviewer may see only their own activity"
    assert rob.get("/activity.csv", params={"account": "tana"}).status_code == 403

    # presence: each sees who else is working where
    tana.post("/api/presence", json={"lang": "kk", "key": key, "editing": True})
    present = rob.post("/api/presence", json={"lang": "en", "key": "s3"}).json()["present"]
    assert {"name": "tana", "lang": "kk", "key": key, "editing": True} in present
    assert {"name": "rob", "lang": "en", "key": "s3", "editing": False} in present


def _activity_table(html: str) -> list[list[str]]:
    body = re.search(r'<table id="activity">.*?<tbody>(.*?)</tbody>', html, re.S).group(1)
    return [[unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)] for row in re.findall(r"<tr>(.*?)</tr>", body)]


def test_activity_page_per_account_and_language(team, team_bench):
    bench = team_bench
    odd = '<b>Ann & "Co"</b>'  # a name the page must show as text
    accounts = Accounts(bench.store, TOKEN_TTL)
    if odd not in [a["name"] for a in accounts.all()]:
        accounts.add(odd, "translator", "odd-pass-12345")
    key, idx = _kk_link(bench, 7)
    odd_client = login(team, odd, "odd-pass-12345")
    assert _save(odd_client, idx, bench.originals["kk"].texts()[idx] + " Өзгеріс.").status_code == 200
    tana = login(team, "tana")
    assert _save(tana, idx, bench.originals["kk"].texts()[idx] + " Тағы.").status_code == 200
    rob = login(team, "rob")
    assert _approve(rob, key, idx).status_code == 200

    adam = login(team, "adam")
    page = adam.get("/activity", params={"lang": "kk"})
    assert page.status_code == 200 and "script-src" in page.headers["content-security-policy"]
    html = page.text
    assert odd not in html and escape(odd) in html  # escaped in the table and in the account choice
    table = _activity_table(html)
    assert {r[0] for r in table} >= {odd, "tana", "rob"} and {r[1] for r in table} == {"kk"}
    expected = {(r["account"], r["lang"]): r for r in adam.get("/api/activity", params={"lang": "kk"}).json()["activity"]}
    assert len(table) == len(expected)
    for row in table:  # the page shows what the JSON says, column for column
        entry = expected[(row[0], row[1])]
        assert row[2:] == [str(entry[k]) for k in ("edits", "corrections", "comments", "approved", "rejected",
                                                      "pending", "last")]
    assert expected[("rob", "kk")]["approved"] >= 1 and expected[(odd, "kk")]["edits"] == 1
    assert '<a id="activity-csv" href="/activity.csv?lang=kk"' in html
    # one account's rows, chosen in the page's form, and the CSV link keeps the choice
    one = adam.get("/activity", params={"lang": "", "account": odd}).text
    assert [r[0] for r in _activity_table(one)] == [odd]
    csv_link = unescape(re.search(r'id="activity-csv" href="([^"]+)"', one).group(1))
    lines = adam.get(csv_link).text.splitlines()
    assert len(lines) == 2 and lines[1].startswith('"<b>Ann & ""Co""</b>",kk,1,')
    # the account itself sees its own rows, and no choice of accounts; nobody else's
    own = tana.get("/activity").text
    assert {r[0] for r in _activity_table(own)} == {"tana"} and 'name="account"' not in own
    assert tana.get("/activity", params={"account": "rob"}).status_code == 403
    assert 'id="activity-open" href="/activity"' in tana.get("/").text
    assert adam.get("/activity", params={"lang": "xx"}).status_code == 404


def test_account_list_for_assignments_is_the_admins(team):
    adam, tana = login(team, "adam"), login(team, "tana")
    names = {a["name"]: a["role"] for a in adam.get("/api/accounts").json()["accounts"]}
    assert {k: names[k] for k in ROLES} == ROLES
    refused = tana.get("/api/accounts")
    assert refused.status_code == 403 and refused.json()["error"] == "a translator may not list the accounts"
