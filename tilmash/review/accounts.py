"""Review accounts: who may do what on a shared workbench, and who did it.

Accounts live in the review state (`review.sqlite`, the same owner-only file
and transactions as the texts), so a decision's four-eyes check and its write
are one transaction. Passwords are kept only as argon2id hashes; a login
session is a random cookie whose SHA-256 alone is stored (a copy of the state
file does not hand out live sessions), it expires, and logging out deletes
it on the server, so a stolen cookie dies with the session.

Failed logins are counted per account and per client over a window; past the
limit a login is refused before any password is checked, whatever it is, so
guessing is slowed to a few tries per window.

`TILMASH_ARGON2=test` lowers the hash cost for the test suite (a hash made
with it still verifies under the production cost, and the reverse). Never
set it on a server.
"""
from __future__ import annotations

import hashlib
import os
import secrets
import sqlite3
import time
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from corpus.textrules import forbidden_problem

from .store import Store

ROLES = ("translator", "reviewer", "admin")
# what each role may do; the server checks it on every request
PERMISSIONS = {
    "edit": {"translator", "reviewer", "admin"},  # texts, alignment corrections, comments, restores
    "decide": {"reviewer", "admin"},  # approve, reject, reset a decision
    "export": {"admin"},
    "assign": {"admin"},
    "oversee": {"admin"},  # read every account's activity and the list of accounts; others read their own
}
ARGON2_ENV = "TILMASH_ARGON2"
NAME_CHARS = 60
FAILURE_WINDOW = 15 * 60.0  # seconds over which failed logins count
ACCOUNT_FAILURES = 5  # failed logins of one account per window before its logins are refused
CLIENT_FAILURES = 20  # failed logins from one client (any accounts) per window


class AccountError(ValueError):
    """A refused account operation or login, with the HTTP status it answers with."""

    def __init__(self, message: str, status: int = 422, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


@dataclass(frozen=True)
class Account:
    name: str
    role: str

    def may(self, action: str) -> bool:
        return self.role in PERMISSIONS[action]


def hasher() -> PasswordHasher:
    """argon2id at argon2-cffi's defaults (RFC 9106 low-memory profile); cheap only when the test setting asks."""
    if os.environ.get(ARGON2_ENV) == "test":
        return PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    return PasswordHasher()


def clean_name(name: str) -> str:
    """An account name as stored with every change: whitespace collapsed, the document text rules, short."""
    problem = forbidden_problem(name)
    if problem:
        raise AccountError(f"an account name cannot hold a {problem}")
    name = " ".join(name.split())
    if not name:
        raise AccountError("an account name cannot be empty")
    if len(name) > NAME_CHARS:
        raise AccountError(f"an account name is at most {NAME_CHARS} characters")
    return name


def check_password(password: str) -> str:
    if len(password) < 8:
        raise AccountError("a password needs at least 8 characters")
    if len(password) > 1024:
        raise AccountError("a password is at most 1024 characters")
    return password


def _digest(cookie: str) -> str:
    return hashlib.sha256(cookie.encode("utf-8")).hexdigest()


class Accounts:
    def __init__(self, store: Store, ttl: float) -> None:
        self.store, self.ttl = store, ttl
        self._dummy = hasher().hash(secrets.token_hex(16))  # verified against for unknown names: same cost

    def exist(self) -> bool:
        """Whether the workbench runs with accounts (any account at all, even one still without a password)."""
        with self.store.read() as conn:
            return conn.execute("SELECT 1 FROM accounts LIMIT 1").fetchone() is not None

    def all(self) -> list[dict]:
        with self.store.read() as conn:
            rows = conn.execute("SELECT name, role, hash IS NOT NULL, created FROM accounts ORDER BY name").fetchall()
        return [{"name": n, "role": r, "can_log_in": bool(h), "created": c} for n, r, h, c in rows]

    def add(self, name: str, role: str, password: str | None) -> Account:
        name = clean_name(name)
        if role not in ROLES:
            raise AccountError(f"unknown role {role!r}; one of {', '.join(ROLES)}")
        digest = hasher().hash(check_password(password)) if password is not None else None
        try:
            with self.store.write() as conn:
                conn.execute("INSERT INTO accounts VALUES (?, ?, ?, ?)", (name, role, digest, _now()))
        except sqlite3.IntegrityError:
            raise AccountError(f"account {name!r} exists already") from None
        return Account(name, role)

    def remove(self, name: str) -> None:
        """The account and its sessions go; what it wrote keeps its name in the history."""
        with self.store.write() as conn:
            if not conn.execute("DELETE FROM accounts WHERE name = ?", (name,)).rowcount:
                raise AccountError(f"no account {name!r}", 404)
            conn.execute("DELETE FROM sessions WHERE name = ?", (name,))

    def set_password(self, name: str, password: str) -> None:
        """A new password ends every session of the account (a thief's included)."""
        digest = hasher().hash(check_password(password))
        with self.store.write() as conn:
            if not conn.execute("UPDATE accounts SET hash = ? WHERE name = ?", (digest, name)).rowcount:
                raise AccountError(f"no account {name!r}", 404)
            conn.execute("DELETE FROM sessions WHERE name = ?", (name,))

    def migrate(self) -> list[str]:
        """Make an account, translator and without a password, for every name the name-only state recorded,
        so the history keeps naming someone an admin can let in (`tilmash users passwd`)."""
        with self.store.write() as conn:
            names = [n for (n,) in conn.execute(
                "SELECT author FROM history WHERE version > 0 UNION SELECT author FROM events"
                " UNION SELECT author FROM reviews UNION SELECT author FROM alignment_log WHERE version > 0")]
            added = []
            for name in names:
                try:
                    name = clean_name(name)
                except AccountError:
                    continue
                if conn.execute("INSERT OR IGNORE INTO accounts VALUES (?, 'translator', NULL, ?)",
                                (name, _now())).rowcount:
                    added.append(name)
        return sorted(added)

    # logging in ---------------------------------------------------------------------------------------
    def _refused(self, conn: sqlite3.Connection, name: str, client: str) -> AccountError | None:
        since = time.time() - FAILURE_WINDOW
        conn.execute("DELETE FROM login_failures WHERE at < ?", (since,))
        for subject, limit, what in ((f"account:{name}", ACCOUNT_FAILURES, "this account"),
                                     (f"client:{client}", CLIENT_FAILURES, "this address")):
            count, first = conn.execute("SELECT count(*), min(at) FROM login_failures WHERE subject = ?",
                                        (subject,)).fetchone()
            if count >= limit:
                wait = int(first + FAILURE_WINDOW - time.time()) + 1
                return AccountError(f"too many failed logins for {what}; try again in {wait} s", 429, wait)
        return None

    def login(self, name: str, password: str, client: str) -> tuple[Account, str]:
        """(the account, a new session cookie); a cookie the browser held before is never reused."""
        name = " ".join(name.split())[:NAME_CHARS]
        with self.store.write() as conn:
            refused = self._refused(conn, name, client)
            row = conn.execute("SELECT role, hash FROM accounts WHERE name = ?", (name,)).fetchone()
        if refused:
            raise refused
        try:
            ok = hasher().verify(row[1] if row and row[1] else self._dummy, password) and bool(row and row[1])
        except (VerificationError, InvalidHashError):
            ok = False
        with self.store.write() as conn:
            if not ok:
                conn.executemany("INSERT INTO login_failures VALUES (?, ?)",
                                 [(f"account:{name}", time.time()), (f"client:{client}", time.time())])
            else:
                conn.execute("DELETE FROM login_failures WHERE subject = ?", (f"account:{name}",))
                cookie = f"{int(time.time())}.{secrets.token_urlsafe(32)}"
                conn.execute("INSERT INTO sessions VALUES (?, ?, ?)", (_digest(cookie), name, time.time() + self.ttl))
        if not ok:
            raise AccountError("wrong account name or password", 401)
        assert row is not None
        return Account(name, row[0]), cookie

    def session(self, cookie: str) -> Account | None:
        """The account a live session cookie belongs to (None: no session, expired, logged out, removed)."""
        if not cookie:
            return None
        with self.store.read() as conn:
            row = conn.execute("SELECT a.name, a.role FROM sessions s JOIN accounts a ON a.name = s.name"
                               " WHERE s.digest = ? AND s.expires > ?", (_digest(cookie), time.time())).fetchone()
        return Account(*row) if row else None

    def logout(self, cookie: str) -> None:
        with self.store.write() as conn:
            conn.execute("DELETE FROM sessions WHERE digest = ? OR expires < ?", (_digest(cookie), time.time()))


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
