"""The workbench's HTTP face: a FastAPI app over a `Workbench`.

Protection, since the server edits files on the reviewer's disk:
- it binds to loopback only (`command`) and answers only to loopback host names
  (a DNS-rebinding page cannot reach it under its own name);
- every state-changing request needs the per-session token (an HMAC of the
  session cookie, which is SameSite=Strict) in the `X-CSRF-Token` header, and
  an `Origin`, when the browser sends one, of this very server: a cross-site
  form or fetch can supply neither. A session carries its start time and
  expires after `TOKEN_TTL` seconds, so a token that leaked stops working;
- with accounts (`accounts`, `tilmash users`), every route but the login page needs a
  logged-in session; the author of every change is that account (no header can name
  another), each role may do only what `accounts.PERMISSIONS` lets it, and no one
  approves a text they wrote (the four-eyes rule, checked inside the decision's
  transaction). Logging in always starts a new session (a cookie planted before the
  login never becomes one), and the cookie is Secure when the request came over HTTPS;
- pages carry a Content-Security-Policy whose scripts need this response's
  nonce, on top of escaping every piece of document text in `render`;
- every route checks its bounds and answers bad input with a 4xx whose message is
  short and never echoes the request (a 10 MB edit does not come back in the reply),
  and a body over `MAX_BODY` is refused before it is read.
"""
from __future__ import annotations

import csv
import hashlib
import hmac
import io
import secrets
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from urllib.parse import parse_qs, unquote, urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.middleware.trustedhost import TrustedHostMiddleware

from corpus.errors import InputError
from corpus.limits import PARAGRAPH_CHARS
from corpus.textrules import replace_forbidden

from .accounts import Account, AccountError, Accounts
from .exports import BadName
from .render import render_activity, render_login
from .store import ACTIVITY, Conflict
from .workbench import BadRequest, Workbench, clean_reviewer

SESSION_COOKIE = "tilmash_session"
TOKEN_HEADER = "x-csrf-token"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
LOOPBACK = ["127.0.0.1", "localhost", "::1", "[::1]"]
TOKEN_TTL = 12 * 3600  # a working day: after that the page asks for a reload, which starts a new session
PRESENT_SECONDS = 30  # a page polls /api/presence more often than this while open
MESSAGE_CHARS = 300  # the most an error message says; it quotes at most a bounded piece of the request


def max_body() -> int:
    """The largest request body read: an edit of the longest paragraph allowed, every character written
    as a JSON escape, plus room for the rest of the request."""
    return 12 * PARAGRAPH_CHARS.value() + 64 * 1024


class Edit(BaseModel):
    text: str
    version: int


class Decision(BaseModel):
    lang: str
    key: str
    status: str
    seen: str  # the decision the reviewer saw: another reviewer's decision since then is a conflict
    versions: dict[int, int] = {}


class Comment(BaseModel):
    lang: str
    key: str
    text: str = Field(max_length=4000)


class Restore(BaseModel):
    to_version: int
    version: int


class Merge(BaseModel):
    lang: str
    key: str
    version: int


class Split(Merge):
    src_at: int
    tgt_at: int


class Assign(BaseModel):
    lang: str
    keys: list[str] = Field(max_length=10_000)
    account: str | None  # None takes the links back


class Scan(BaseModel):
    lang: str
    text: str


class Presence(BaseModel):
    lang: str
    key: str
    editing: bool = False  # an editor is open on the link, not only the cell selected


class Export(BaseModel):
    name: str = Field(max_length=200)


def _cell(value: object) -> object:
    """A CSV cell a spreadsheet will not run as a formula (an account name may start with = + - @)."""
    return "'" + value if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") else value


def _token(secret: str, session: str) -> str:
    return hmac.new(secret.encode(), session.encode(), hashlib.sha256).hexdigest()


def _live(session: str, ttl: float) -> bool:
    """Whether a session (`<start time>.<random>`) is well formed and younger than `ttl` seconds."""
    start, _, rest = session.partition(".")
    return start.isdigit() and bool(rest) and -60 <= time.time() - int(start) <= ttl


def _error(message: str, status: int, **details) -> JSONResponse:
    """An error reply: the message cut short and stripped of what JSON or XML could not carry."""
    text = replace_forbidden(message)
    if len(text) > MESSAGE_CHARS:
        text = text[:MESSAGE_CHARS - 1] + "…"
    return JSONResponse({"error": text, **details}, status)


def _author(request: Request, default: str) -> str:
    """The reviewer's name from `X-Reviewer`: percent-encoded UTF-8 (what the page sends, so any script
    travels in a header) or raw UTF-8 (curl); validated like any text the workbench stores."""
    raw = request.headers.get("x-reviewer", "")
    try:
        name = unquote(raw.encode("latin-1").decode("utf-8"), errors="strict")
    except UnicodeError:
        raise BadRequest("the X-Reviewer header must be UTF-8, percent-encoded as encodeURIComponent writes it",
                         400) from None
    return clean_reviewer(name) or default


PUBLIC = {"/login"}  # what a workbench with accounts serves before a login
FORM_POSTS = {"/login", "/logout"}  # plain forms: their CSRF token comes in the form, checked by the route
CSP = ("default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; img-src 'self' data:;"
       " connect-src 'self'; form-action {forms}; frame-ancestors 'none'; base-uri 'none'")


def create_app(bench: Workbench, hosts: list[str] | None = None, token_ttl: float = TOKEN_TTL,
               accounts: Accounts | None = None) -> FastAPI:
    """The app; `hosts` are the host names it answers to (loopback names by default, `["*"]` for a server with
    accounts on the network). With `accounts` that exist, the workbench is a team's (see the module text);
    without, it is one person's on this machine."""
    secret = bench.store.meta()["secret"]
    team = accounts is not None and accounts.exist()
    presence: dict[str, tuple[str, str, bool, float]] = {}

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        bench.worker.start()  # also completes the checks a crash left pending
        yield
        bench.worker.stop()

    app = FastAPI(title="tilmash review", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=hosts or LOOPBACK)

    @app.middleware("http")
    async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if request.method not in SAFE_METHODS:
            origin = request.headers.get("origin")
            if origin is not None and urlsplit(origin).netloc != request.headers.get("host"):
                return _error("cross-site request refused (Origin does not match)", 403)
            session = request.cookies.get(SESSION_COOKIE, "")
            token = request.headers.get(TOKEN_HEADER, "")
            if request.url.path not in FORM_POSTS and (
                    not session or not hmac.compare_digest(token.encode(), _token(secret, session).encode())):
                return _error("missing or wrong CSRF token; reload the page", 403)
            if not _live(session, token_ttl) and request.url.path != "/login":
                return _error("your session has expired; reload the page", 403)
            length = request.headers.get("content-length")
            if length is None or not length.isdigit():
                return _error("a request with a body needs a Content-Length", 411)
            if int(length) > max_body():
                return _error(f"request body of {int(length):,} bytes is over the limit of {max_body():,}", 413)
        if team and request.url.path not in PUBLIC:
            assert accounts is not None
            account = accounts.session(request.cookies.get(SESSION_COOKIE, ""))
            if account is None:
                if request.method == "GET" and not request.url.path.startswith("/api/"):
                    return RedirectResponse("/login", 303)
                return _error("log in first", 401)
            request.state.account = account
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        # same-origin, not no-referrer: under no-referrer Chromium sends `Origin: null` with a form's POST, which
        # the Origin check above refuses (the login page could not log anyone in); other sites still get nothing
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.exception_handler(BadRequest)
    async def bad_request(request: Request, exc: BadRequest) -> JSONResponse:
        return _error(str(exc), exc.status)

    @app.exception_handler(BadName)
    async def bad_name(request: Request, exc: BadName) -> JSONResponse:
        return _error(str(exc), 400)

    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError) -> JSONResponse:
        return _error(str(exc), 400)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        """Where and what, never the input (FastAPI's own reply echoes it, and a lone surrogate in it
        could not even be encoded)."""
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(part) for part in first.get("loc", ()) if part != "body")
        return _error(f"invalid request: {where or 'body'}: {first.get('msg', 'malformed')}", 422)

    @app.exception_handler(Conflict)
    async def conflict(request: Request, exc: Conflict) -> JSONResponse:
        return _error(str(exc), 409, conflict=True, **exc.details)

    def _cookie(request: Request, response: Response, session: str) -> None:
        response.set_cookie(SESSION_COOKIE, session, httponly=True, samesite="strict", max_age=int(token_ttl),
                            secure=request.url.scheme == "https")

    def _session(request: Request, response: Response) -> str:
        session = request.cookies.get(SESSION_COOKIE, "")
        if not _live(session, token_ttl):
            session = f"{int(time.time())}.{secrets.token_urlsafe(24)}"
        _cookie(request, response, session)
        return _token(secret, session)

    def _html(request: Request, render: Callable[[str, str], str], status: int = 200, forms: str = "'none'",
              headers: dict[str, str] | None = None) -> HTMLResponse:
        """A page with this response's script nonce and the session's CSRF token."""
        nonce = secrets.token_urlsafe(16)
        response = HTMLResponse("", status, headers)
        response.body = render(_session(request, response), nonce).encode("utf-8")
        response.headers["content-length"] = str(len(response.body))
        response.headers["Content-Security-Policy"] = CSP.format(nonce=nonce, forms=forms)
        return response

    def _account(request: Request) -> Account | None:
        return getattr(request.state, "account", None) if team else None

    def _who(request: Request) -> str:
        """The author of a change: the logged-in account, else the name the page gives."""
        account = _account(request)
        return account.name if account else _author(request, bench.reviewer)

    def _may(request: Request, action: str, what: str) -> str:
        account = _account(request)
        if account is not None and not account.may(action):
            raise BadRequest(f"a {account.role} may not {what}", 403)
        return _who(request)

    async def _form(request: Request) -> dict[str, str]:
        """A urlencoded form whose `csrf` field must be the token of the session cookie the browser sent."""
        fields = {k: v[0] for k, v in parse_qs((await request.body()).decode("utf-8", "replace")).items()}
        session = request.cookies.get(SESSION_COOKIE, "")
        if not session or not hmac.compare_digest(fields.get("csrf", "").encode(),
                                                  _token(secret, session).encode()):
            raise BadRequest("missing or wrong CSRF token; reload the page", 403)
        return fields

    @app.get("/login", response_class=HTMLResponse)
    def login_page(request: Request) -> HTMLResponse:
        return _html(request, lambda token, nonce: render_login(bench.docset.title, token, nonce), forms="'self'")

    @app.post("/login")
    async def login(request: Request) -> Response:
        if not team:
            raise BadRequest("this workbench has no accounts (single-user mode)", 404)
        assert accounts is not None
        fields = await _form(request)
        try:
            account, cookie = accounts.login(fields.get("name", ""), fields.get("password", ""),
                                             request.client.host if request.client else "")
        except AccountError as exc:
            headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after else None
            return _html(request, lambda token, nonce: render_login(bench.docset.title, token, nonce, str(exc)),
                         exc.status, "'self'", headers)
        response = RedirectResponse("/", 303)
        _cookie(request, response, cookie)  # a new session: a cookie planted before the login is dropped
        return response

    @app.post("/logout")
    async def logout(request: Request) -> Response:
        await _form(request)
        if accounts is not None:
            accounts.logout(request.cookies.get(SESSION_COOKIE, ""))
        response = RedirectResponse("/login" if team else "/", 303)
        response.delete_cookie(SESSION_COOKIE)
        return response

    @app.get("/api/me")
    def me(request: Request) -> dict:
        account = _account(request)
        return {"name": account.name, "role": account.role} if account else {"name": None, "role": None}

    @app.get("/", response_class=HTMLResponse)
    def page(request: Request) -> HTMLResponse:
        account = _account(request)
        who = (account.name, account.role) if account else None
        return _html(request, lambda token, nonce: bench.page(token, nonce, who), forms="'self'" if team else "'none'")

    @app.get("/api/session")
    def session(request: Request) -> JSONResponse:
        response = JSONResponse({})
        token = _session(request, response)
        response.body = response.render({"token": token})
        response.headers["content-length"] = str(len(response.body))
        return response

    @app.get("/api/rows")
    def rows() -> dict:
        return bench.rows_html()

    @app.get("/api/paragraph/{lang}/{idx}")
    def paragraph(lang: str, idx: int) -> dict:
        return bench.paragraph(lang, idx)

    @app.post("/api/paragraph/{lang}/{idx}")
    def save(lang: str, idx: int, edit: Edit, request: Request) -> dict:
        return bench.save(lang, idx, edit.text, edit.version, _may(request, "edit", "edit texts"))

    @app.get("/api/pending/{lang}/{key}")
    def pending(lang: str, key: str) -> dict:
        return bench.pending(lang, key)

    @app.get("/api/row/{lang}/{key}")
    def row(lang: str, key: str) -> dict:
        return bench.row(lang, key)

    @app.get("/api/history/{lang}/{idx}")
    def history(lang: str, idx: int, key: str | None = None) -> dict:
        return bench.history(lang, idx, key)

    @app.post("/api/restore/{lang}/{idx}")
    def restore(lang: str, idx: int, body: Restore, request: Request) -> dict:
        return bench.restore(lang, idx, body.to_version, body.version, _may(request, "edit", "restore texts"))

    @app.post("/api/decision")
    def decide(body: Decision, request: Request) -> dict:
        return bench.decide(body.lang, body.key, body.status, body.versions, body.seen,
                            _may(request, "decide", "approve or reject"), four_eyes=team)

    @app.post("/api/comment")
    def comment(body: Comment, request: Request) -> dict:
        return bench.comment(body.lang, body.key, body.text, _may(request, "edit", "comment"))

    @app.post("/api/align/merge")
    def merge(body: Merge, request: Request) -> dict:
        return bench.merge(body.lang, body.key, body.version, _may(request, "edit", "correct the alignment"))

    @app.post("/api/align/split")
    def split(body: Split, request: Request) -> dict:
        return bench.split(body.lang, body.key, body.src_at, body.tgt_at, body.version,
                           _may(request, "edit", "correct the alignment"))

    @app.get("/api/progress")
    def progress() -> dict:
        return bench.progress(bench.rows())

    @app.get("/api/concordance/{lang}")
    def concordance(lang: str, q: str, limit: int = 10) -> dict:
        return bench.lookup(lang, q, limit)

    @app.get("/api/terms/{lang}/{key}")
    def terms(lang: str, key: str) -> dict:
        return bench.terms(lang, key)

    @app.post("/api/terms/scan")
    def scan(body: Scan) -> dict:
        return bench.scan(body.lang, body.text)

    def _activity(request: Request, lang: str | None, account: str | None) -> list[dict]:
        """The activity rows the caller may read: an admin's (or the one user's of a workbench without
        accounts) every account's, anyone else's their own: what colleagues did is the admin's to see."""
        me = _account(request)
        if me is not None and not me.may("oversee"):
            if account not in (None, me.name):
                raise BadRequest(f"a {me.role} may see only their own activity", 403)
            account = me.name
        return bench.activity(lang, account)

    @app.get("/activity", response_class=HTMLResponse)
    def activity_page(request: Request, lang: str | None = None, account: str | None = None) -> HTMLResponse:
        """The activity table, filtered by the page's own form (a GET), with its CSV export a link away."""
        lang, account = lang or None, account or None  # the form's "all" choice sends an empty value
        rows = _activity(request, lang, account)
        me = _account(request)
        names = None
        if me is None or me.may("oversee"):  # a choice of accounts: the existing ones and every name in the history
            known = {a["name"] for a in accounts.all()} if team and accounts is not None else set()
            names = sorted(known | {r["account"] for r in bench.activity()})
        return _html(request, lambda token, nonce: render_activity(
            bench.docset.title, rows, bench.langs, names, lang, account, nonce), forms="'self'")

    @app.get("/api/activity")
    def activity(request: Request, lang: str | None = None, account: str | None = None) -> dict:
        return {"activity": _activity(request, lang, account)}

    @app.get("/activity.csv")
    def activity_csv(request: Request, lang: str | None = None, account: str | None = None) -> Response:
        rows = _activity(request, lang, account)
        out = io.StringIO()
        writer = csv.DictWriter(out, ["account", "lang", *ACTIVITY, "last"], lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: _cell(v) for k, v in row.items()} for row in rows)
        return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="activity.csv"'})

    @app.post("/api/presence")
    def here(body: Presence, request: Request) -> dict:
        """Where each person is working, by polling: who posted in the last `PRESENT_SECONDS` and at which link."""
        bench._lang(body.lang)
        now = time.monotonic()
        presence[_who(request)] = (body.lang, body.key[:40], body.editing, now)
        return {"present": [{"name": n, "lang": l, "key": k, "editing": e}
                            for n, (l, k, e, at) in sorted(presence.items()) if now - at < PRESENT_SECONDS]}

    @app.get("/api/accounts")
    def account_list(request: Request) -> dict:
        """The accounts work can be assigned to (admins only: the assignment panel lists them)."""
        if not team:
            raise BadRequest("this workbench has no accounts (single-user mode)", 404)
        _may(request, "oversee", "list the accounts")
        assert accounts is not None
        return {"accounts": [{"name": a["name"], "role": a["role"]} for a in accounts.all()]}

    @app.post("/api/assign")
    def assign(body: Assign, request: Request) -> dict:
        """Admins give links to accounts (a workbench with accounts only)."""
        if not team:
            raise BadRequest("assignments need accounts (`tilmash users add`)", 404)
        _may(request, "assign", "assign work")
        assert accounts is not None
        if body.account is not None and body.account not in {a["name"] for a in accounts.all()}:
            raise BadRequest(f"no account {body.account!r}", 422)
        return bench.assign(body.lang, body.keys, body.account)

    @app.get("/api/queue")
    def queue(request: Request, lang: str | None = None, status: str | None = None) -> dict:
        account = _account(request)
        if account is None:
            raise BadRequest("queues need accounts (`tilmash users add`)", 404)
        return bench.queue(account.name, account.may("decide"), lang, status)

    @app.post("/api/export")
    def export(body: Export, request: Request) -> dict:
        return bench.export(body.name, _may(request, "export", "export"))

    return app
