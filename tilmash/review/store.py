"""The workbench's state in SQLite (WAL): texts, alignments, flags, decisions, history.

Every change is one `BEGIN IMMEDIATE` transaction. In WAL mode with
`synchronous=NORMAL` a commit is in the log file (the operating system's
cache) before the request is answered, so a killed server loses nothing that
was acknowledged and never keeps half of a change; only a power cut can lose
the last few commits, and even then the database stays whole. Each target paragraph and each language's alignment carry a
version number; a write names the version it was based on and fails with
`Conflict` when someone else got there first (optimistic concurrency: two
reviewers never silently overwrite each other). Flags and decisions are
stored with the link shape (and, for decisions, the paragraph versions) they
were made for, so an alignment correction or a later edit voids them rather
than carrying them over to text nobody approved.

The similarity check needs the embedding model, too slow for a save, so a
save stores the other flags of the link and a `pending` row naming the link
shape and paragraph versions the check is owed for; a background worker
fills it in with `finish_checks`, which keeps a result only while that row
is unchanged (a newer edit makes an older result stale). Pending rows are
committed with the edit, so a crash in between only delays the check.
"""
from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from corpus.alignment import Alignment, Link
from corpus.sqlite import connect, create_private

from .view import link_key

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS paragraphs (lang TEXT NOT NULL, idx INTEGER NOT NULL, text TEXT NOT NULL,
  original TEXT NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (lang, idx));
CREATE TABLE IF NOT EXISTS history (id INTEGER PRIMARY KEY, lang TEXT NOT NULL, idx INTEGER NOT NULL,
  version INTEGER NOT NULL, text TEXT NOT NULL, author TEXT NOT NULL, at TEXT NOT NULL, action TEXT NOT NULL,
  UNIQUE (lang, idx, version));
CREATE TABLE IF NOT EXISTS alignments (lang TEXT PRIMARY KEY, links TEXT NOT NULL, version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS alignment_log (id INTEGER PRIMARY KEY, lang TEXT NOT NULL, version INTEGER NOT NULL,
  links TEXT NOT NULL, author TEXT NOT NULL, at TEXT NOT NULL, action TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS flags (lang TEXT NOT NULL, key TEXT NOT NULL, shape TEXT NOT NULL, flags TEXT NOT NULL,
  PRIMARY KEY (lang, key));
CREATE TABLE IF NOT EXISTS reviews (lang TEXT NOT NULL, key TEXT NOT NULL, shape TEXT NOT NULL,
  versions TEXT NOT NULL, status TEXT NOT NULL, author TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (lang, key));
CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, lang TEXT NOT NULL, key TEXT NOT NULL, kind TEXT NOT NULL,
  author TEXT NOT NULL, at TEXT NOT NULL, text TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pending (lang TEXT NOT NULL, key TEXT NOT NULL, shape TEXT NOT NULL, versions TEXT NOT NULL,
  PRIMARY KEY (lang, key));
CREATE TABLE IF NOT EXISTS accounts (name TEXT PRIMARY KEY, role TEXT NOT NULL, hash TEXT, created TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (digest TEXT PRIMARY KEY, name TEXT NOT NULL, expires REAL NOT NULL);
CREATE TABLE IF NOT EXISTS login_failures (subject TEXT NOT NULL, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS assignments (lang TEXT NOT NULL, key TEXT NOT NULL, account TEXT NOT NULL,
  PRIMARY KEY (lang, key));
"""


ACTIVITY = ("edits", "corrections", "comments", "approved", "rejected", "pending")  # the columns of `activity`


class OwnText(Exception):
    """An approval of one's own text, refused by the four-eyes rule."""


class Conflict(Exception):
    """A write based on a stale version; carries what the writer needs to resolve it."""

    def __init__(self, message: str, **details) -> None:
        super().__init__(message)
        self.details = details


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def link_shape(link: Link) -> str:
    """The link's paragraphs as JSON text (`str` of int lists writes the same text as json.dumps, faster:
    a snapshot shapes every link)."""
    return str([list(link.src), list(link.tgt)])


def _links(data: str) -> list[Link]:
    return [Link(tuple(s), tuple(t), score, conf) for s, t, score, conf in json.loads(data)]


def _dump_links(links: list[Link]) -> str:
    return json.dumps([[list(l.src), list(l.tgt), round(l.score, 4), round(l.confidence, 4)] for l in links])


@dataclass(frozen=True)
class LinkFlags:
    """A link's flags as stored; `pending`: its embedding check is still owed (see the module docstring)."""
    link: Link
    flags: list[dict]
    pending: bool = False


FlagsFor = Callable[[list[str], list[Link]], list[LinkFlags]]  # target texts, links -> their flags


@dataclass(frozen=True)
class PendingCheck:
    """The embedding check owed for a link of this shape with these paragraph versions."""
    lang: str
    key: str
    shape: str
    versions: str

    @property
    def link(self) -> Link:
        src, tgt = json.loads(self.shape)
        return Link(tuple(src), tuple(tgt))


@dataclass
class Snapshot:
    """Everything the page shows, read in one transaction so it is consistent."""
    texts: dict[str, list[str]]
    versions: dict[str, list[int]]
    alignments: dict[str, Alignment]
    alignment_versions: dict[str, int]
    flags: dict[str, dict[str, list[dict]]]
    reviews: dict[str, dict[str, str]]
    comments: dict[str, dict[str, int]]
    pending: dict[str, set[str]]


class Store:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._local = threading.local()

    def _private(self) -> None:
        """Make the state owner-only: it holds the session secret (anyone who reads it can forge a
        token) and every reviewer's text. A new state directory is 0700 (an existing one too when it
        is ours: empty, or holding this database), the database 0600 before SQLite first opens it;
        SQLite gives its -wal and -shm files the database's mode."""
        directory = self.path.parent
        if not directory.exists():
            directory.mkdir(mode=0o700, parents=True)
        elif self.path.exists() or not any(directory.iterdir()):
            directory.chmod(0o700)
        create_private(self.path)
        for path in (self.path.with_name(self.path.name + "-wal"), self.path.with_name(self.path.name + "-shm")):
            if path.exists():
                path.chmod(0o600)  # a state made by an earlier tilmash was readable by everyone

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            self._private()
            conn = connect(self.path, isolation_level=None)
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.executescript(SCHEMA)  # a state file from an older tilmash gains the tables added since
            self._local.conn = conn
        return conn

    @contextmanager
    def _transaction(self, begin: str) -> Iterator[sqlite3.Connection]:
        conn = self._conn()
        conn.execute(begin)
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def write(self) -> AbstractContextManager[sqlite3.Connection]:
        """A write transaction: takes the write lock at once, so version checks and writes are atomic."""
        return self._transaction("BEGIN IMMEDIATE")

    def read(self) -> AbstractContextManager[sqlite3.Connection]:
        """A read transaction: one consistent snapshot (WAL readers never wait for writers)."""
        return self._transaction("BEGIN")

    # creation ---------------------------------------------------------------
    def initialised(self) -> bool:
        if not self.path.exists():
            return False
        with self.read() as conn:
            if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone():
                return False
            return conn.execute("SELECT 1 FROM meta WHERE key = 'ready'").fetchone() is not None

    def create(self, meta: dict[str, str], targets: dict[str, list[str]], alignments: dict[str, Alignment],
               flags: dict[str, list[LinkFlags]]) -> None:
        """Fill a new store in one transaction: a crash while initialising leaves nothing half made."""
        at = now()
        with self.write() as conn:
            for table in ("meta", "paragraphs", "history", "alignments", "alignment_log", "flags", "reviews", "events",
                          "pending"):
                conn.execute(f"DELETE FROM {table}")
            conn.executemany("INSERT INTO meta VALUES (?, ?)", [*meta.items(), ("created", at), ("ready", "1")])
            for lang, texts in targets.items():
                conn.executemany("INSERT INTO paragraphs VALUES (?, ?, ?, ?, 0)",
                                 [(lang, j, t, t) for j, t in enumerate(texts)])
                conn.executemany("INSERT INTO history (lang, idx, version, text, author, at, action)"
                                 " VALUES (?, ?, 0, ?, 'machine translation', ?, 'original')",
                                 [(lang, j, t, at) for j, t in enumerate(texts)])
            for lang, alignment in alignments.items():
                conn.execute("INSERT INTO alignments VALUES (?, ?, 0)", (lang, _dump_links(alignment.links)))
                conn.execute("INSERT INTO alignment_log (lang, version, links, author, at, action)"
                             " VALUES (?, 0, ?, 'aligner', ?, ?)",
                             (lang, _dump_links(alignment.links), at, alignment.method or "initial"))
            for lang, entries in flags.items():
                self._put_flags(conn, lang, entries)

    def meta(self) -> dict[str, str]:
        with self.read() as conn:
            return dict(conn.execute("SELECT key, value FROM meta"))

    # reading ----------------------------------------------------------------
    def snapshot(self) -> Snapshot:
        with self.read() as conn:
            texts: dict[str, list[str]] = {}
            versions: dict[str, list[int]] = {}
            for lang, text, version in conn.execute("SELECT lang, text, version FROM paragraphs ORDER BY lang, idx"):
                texts.setdefault(lang, []).append(text)
                versions.setdefault(lang, []).append(version)
            alignments, alignment_versions = {}, {}
            # a state made before sets had other sources than Russian does not record its source language
            source_lang = dict(conn.execute("SELECT key, value FROM meta")).get("source_lang", "ru")
            for lang, links, version in conn.execute("SELECT lang, links, version FROM alignments"):
                alignments[lang] = Alignment(source_lang, lang, _links(links), method="review")
                alignment_versions[lang] = version
            shapes = {lang: {link_shape(l) for l in a.links} for lang, a in alignments.items()}
            flags: dict[str, dict[str, list[dict]]] = {}
            for lang, key, shp, data in conn.execute("SELECT lang, key, shape, flags FROM flags"):
                if shp in shapes.get(lang, ()):
                    flags.setdefault(lang, {})[key] = json.loads(data)
            reviews: dict[str, dict[str, str]] = {}
            for lang, key, shp, vers, status in conn.execute("SELECT lang, key, shape, versions, status FROM reviews"):
                current = {str(j): versions[lang][j] for j in json.loads(shp)[1]}
                if shp in shapes.get(lang, ()) and json.loads(vers) == current:
                    reviews.setdefault(lang, {})[key] = status
            comments: dict[str, dict[str, int]] = {}
            for lang, key, count in conn.execute(
                    "SELECT lang, key, COUNT(*) FROM events WHERE kind = 'comment' GROUP BY lang, key"):
                comments.setdefault(lang, {})[key] = count
            pending: dict[str, set[str]] = {}
            for lang, key, shp in conn.execute("SELECT lang, key, shape FROM pending"):
                if shp in shapes.get(lang, ()):
                    pending.setdefault(lang, set()).add(key)
        return Snapshot(texts, versions, alignments, alignment_versions, flags, reviews, comments, pending)

    def paragraph(self, lang: str, idx: int) -> tuple[str, int]:
        with self.read() as conn:
            row = conn.execute("SELECT text, version FROM paragraphs WHERE lang = ? AND idx = ?", (lang, idx)).fetchone()
        if row is None:
            raise KeyError(f"{lang} paragraph {idx}")
        return row

    def history(self, lang: str, idx: int) -> list[dict]:
        with self.read() as conn:
            rows = conn.execute("SELECT version, text, author, at, action FROM history WHERE lang = ? AND idx = ?"
                                " ORDER BY version", (lang, idx)).fetchall()
        return [{"version": v, "text": t, "author": a, "at": at, "action": act} for v, t, a, at, act in rows]

    def events(self, lang: str, key: str) -> list[dict]:
        with self.read() as conn:
            rows = conn.execute("SELECT kind, author, at, text FROM events WHERE lang = ? AND key = ? ORDER BY id",
                                (lang, key)).fetchall()
        return [{"kind": k, "author": a, "at": at, "text": t} for k, a, at, t in rows]

    def authors(self, lang: str) -> list[str]:
        """Who changed or decided anything in a language, in order of first appearance."""
        with self.read() as conn:
            rows = conn.execute("SELECT author FROM (SELECT author, at FROM history WHERE lang = ? AND version > 0"
                                " UNION ALL SELECT author, at FROM events WHERE lang = ?) ORDER BY at",
                                (lang, lang)).fetchall()
        return list(dict.fromkeys(a for (a,) in rows))

    def edited(self) -> dict[str, int]:
        """Paragraphs whose text differs from the machine translation, per language."""
        with self.read() as conn:
            return dict(conn.execute("SELECT lang, COUNT(*) FROM paragraphs WHERE text != original GROUP BY lang"))

    def current_authors(self) -> dict[str, dict[int, str]]:
        """Who wrote the current text of each edited paragraph, per language (the four-eyes rule's question)."""
        out: dict[str, dict[int, str]] = {}
        with self.read() as conn:
            for lang, idx, author in conn.execute(
                    "SELECT h.lang, h.idx, h.author FROM history h JOIN paragraphs p ON p.lang = h.lang"
                    " AND p.idx = h.idx AND p.version = h.version WHERE h.version > 0"):
                out.setdefault(lang, {})[idx] = author
        return out

    def activity(self) -> list[dict]:
        """What each author did per language: edits (restores included), alignment corrections, comments and
        decisions, with the time of the last one."""
        with self.read() as conn:
            rows = conn.execute(
                "SELECT author, lang, kind, count(*), max(at) FROM ("
                " SELECT author, lang, 'edits' AS kind, at FROM history WHERE version > 0"
                " UNION ALL SELECT author, lang, 'corrections', at FROM alignment_log WHERE version > 0"
                " UNION ALL SELECT author, lang, CASE kind WHEN 'comment' THEN 'comments' ELSE kind END, at"
                " FROM events) GROUP BY author, lang, kind ORDER BY author, lang").fetchall()
        out: dict[tuple[str, str], dict] = {}
        for author, lang, kind, count, last in rows:
            entry = out.setdefault((author, lang), {"account": author, "lang": lang, **dict.fromkeys(ACTIVITY, 0),
                                                    "last": ""})
            entry[kind] = count
            entry["last"] = max(entry["last"], last)
        return list(out.values())

    def assignments(self) -> dict[tuple[str, str], str]:
        """(language, link key) -> the account it is assigned to."""
        with self.read() as conn:
            return {(lang, key): account for lang, key, account in conn.execute("SELECT * FROM assignments")}

    def assign(self, lang: str, links: list[Link], account: str | None) -> None:
        """Assign links to an account (None: take the assignment back); every link must still be current."""
        with self.write() as conn:
            for link in links:
                self._check_link(conn, lang, link)
                if account is None:
                    conn.execute("DELETE FROM assignments WHERE lang = ? AND key = ?", (lang, link_key(link)))
                else:
                    conn.execute("INSERT OR REPLACE INTO assignments VALUES (?, ?, ?)", (lang, link_key(link), account))

    # writing ----------------------------------------------------------------
    def save(self, lang: str, idx: int, text: str, base_version: int, author: str, flags_for: FlagsFor,
             action: str = "edit") -> tuple[int, LinkFlags]:
        """Store a new version of a paragraph with the flags of its link; returns the new version and those flags.

        `flags_for(texts, links)` runs inside the write transaction on the language's texts (this edit
        applied) and alignment as they are now, so the flags stored are those of the text and link shape
        stored, even when another reviewer edits a neighbour or corrects the alignment at the same moment.
        """
        with self.write() as conn:
            row = conn.execute("SELECT text, version FROM paragraphs WHERE lang = ? AND idx = ?", (lang, idx)).fetchone()
            if row is None:
                raise KeyError(f"{lang} paragraph {idx}")
            current, version = row
            if version != base_version:
                who = conn.execute("SELECT author, at FROM history WHERE lang = ? AND idx = ? AND version = ?",
                                   (lang, idx, version)).fetchone()
                raise Conflict(f"{lang} paragraph {idx} was changed by {who[0]} at {who[1]} (version {version}, "
                               f"you edited version {base_version})", theirs=current, version=version,
                               author=who[0], at=who[1])
            texts = self._texts(conn, lang)
            texts[idx] = text
            (flags,) = flags_for(texts, [l for l in self._alignment(conn, lang) if idx in l.tgt])
            version += 1
            conn.execute("UPDATE paragraphs SET text = ?, version = ? WHERE lang = ? AND idx = ?",
                         (text, version, lang, idx))
            conn.execute("INSERT INTO history (lang, idx, version, text, author, at, action) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (lang, idx, version, text, author, now(), action))
            self._put_flags(conn, lang, [flags])
        return version, flags

    def decide(self, lang: str, key: str, link: Link, status: str, versions: dict[int, int], seen: str,
               author: str, four_eyes: bool = False) -> None:
        """Approve, reject or reset (`pending`) a link, for the paragraph versions and the decision the reviewer
        saw: a decision another reviewer made meanwhile is a conflict, not something to overwrite unseen.

        `four_eyes`: an approval by the author of any current text of the link is refused (`OwnText`), checked
        in the very transaction that writes the decision, so no save can slip in between."""
        with self.write() as conn:
            current = dict(conn.execute(
                f"SELECT idx, version FROM paragraphs WHERE lang = ? AND idx IN ({','.join('?' * len(link.tgt))})",
                (lang, *link.tgt))) if link.tgt else {}
            stale = {j: v for j, v in current.items() if versions.get(j) != v}
            if stale:
                j = next(iter(stale))
                raise Conflict(f"{lang} paragraph {j} changed since you saw it (now version {stale[j]});"
                               " reload it before deciding", versions={str(k): v for k, v in current.items()})
            if four_eyes and status == "approved":
                own = [j for j, v in current.items() if conn.execute(
                    "SELECT 1 FROM history WHERE lang = ? AND idx = ? AND version = ? AND version > 0 AND author = ?",
                    (lang, j, v, author)).fetchone()]
                if own:
                    raise OwnText(f"you wrote the current text of {lang} paragraph {own[0]}; another reviewer must"
                                  " approve it (four-eyes rule)")
            self._check_link(conn, lang, link)
            shape, stamp = link_shape(link), json.dumps({str(j): v for j, v in current.items()})
            decided = conn.execute("SELECT status, author, at FROM reviews WHERE lang = ? AND key = ? AND shape = ?"
                                   " AND versions = ?", (lang, key, shape, stamp)).fetchone()
            if (decided[0] if decided else "pending") != seen:
                raise Conflict(f"{lang} {key} was set to {decided[0] if decided else 'pending'} by"
                               f" {decided[1] if decided else 'someone'} meanwhile (you saw {seen}); reload the page",
                               review=decided[0] if decided else "pending")
            at = now()
            if status == "pending":
                conn.execute("DELETE FROM reviews WHERE lang = ? AND key = ?", (lang, key))
            else:
                conn.execute("INSERT OR REPLACE INTO reviews VALUES (?, ?, ?, ?, ?, ?, ?)",
                             (lang, key, shape, stamp, status, author, at))
            conn.execute("INSERT INTO events (lang, key, kind, author, at, text) VALUES (?, ?, ?, ?, ?, '')",
                         (lang, key, status, author, at))

    def comment(self, lang: str, key: str, link: Link, text: str, author: str) -> None:
        """Comments only accumulate, but one on a link that a correction just replaced would be about text the
        reviewer no longer sees, so the link must still be there."""
        with self.write() as conn:
            self._check_link(conn, lang, link)
            conn.execute("INSERT INTO events (lang, key, kind, author, at, text) VALUES (?, ?, 'comment', ?, ?, ?)",
                         (lang, key, author, now(), text))

    def set_alignment(self, lang: str, links: list[Link], base_version: int, author: str, action: str,
                      changed: list[Link], flags_for: FlagsFor) -> int:
        """Replace a language's alignment; `flags_for` runs on the `changed` links inside the transaction, with the
        texts as they are then (see `save`)."""
        with self.write() as conn:
            (version,) = conn.execute("SELECT version FROM alignments WHERE lang = ?", (lang,)).fetchone()
            if version != base_version:
                raise Conflict(f"the {lang} alignment was corrected by someone else (version {version}, you saw"
                               f" {base_version}); reload the page", version=version)
            flags = flags_for(self._texts(conn, lang), changed)
            version += 1
            at = now()
            conn.execute("UPDATE alignments SET links = ?, version = ? WHERE lang = ?", (_dump_links(links), version, lang))
            conn.execute("INSERT INTO alignment_log (lang, version, links, author, at, action) VALUES (?, ?, ?, ?, ?, ?)",
                         (lang, version, _dump_links(links), author, at, action))
            self._put_flags(conn, lang, flags)
        return version

    @staticmethod
    def _texts(conn: sqlite3.Connection, lang: str) -> list[str]:
        return [t for (t,) in conn.execute("SELECT text FROM paragraphs WHERE lang = ? ORDER BY idx", (lang,))]

    @staticmethod
    def _alignment(conn: sqlite3.Connection, lang: str) -> list[Link]:
        (links,) = conn.execute("SELECT links FROM alignments WHERE lang = ?", (lang,)).fetchone()
        return _links(links)

    @classmethod
    def _check_link(cls, conn: sqlite3.Connection, lang: str, link: Link) -> None:
        if link_shape(link) not in {link_shape(l) for l in cls._alignment(conn, lang)}:
            raise Conflict(f"the {lang} alignment changed under this link; reload the page")

    @staticmethod
    def _put_flags(conn: sqlite3.Connection, lang: str, entries: list[LinkFlags]) -> None:
        conn.executemany("INSERT OR REPLACE INTO flags VALUES (?, ?, ?, ?)",
                         [(lang, link_key(e.link), link_shape(e.link), json.dumps(e.flags)) for e in entries])
        for e in entries:
            if not e.pending:
                conn.execute("DELETE FROM pending WHERE lang = ? AND key = ?", (lang, link_key(e.link)))
                continue
            tgt = list(e.link.tgt)
            versions = dict(conn.execute(f"SELECT idx, version FROM paragraphs WHERE lang = ? AND idx IN"
                                         f" ({','.join('?' * len(tgt))})", (lang, *tgt))) if tgt else {}
            conn.execute("INSERT OR REPLACE INTO pending VALUES (?, ?, ?, ?)",
                         (lang, link_key(e.link), link_shape(e.link), json.dumps({str(j): versions[j] for j in tgt})))

    # the background checks --------------------------------------------------
    def pending_checks(self, limit: int = 64) -> list[PendingCheck]:
        """Owed embedding checks, oldest first (also those a crash left behind)."""
        with self.read() as conn:
            rows = conn.execute("SELECT lang, key, shape, versions FROM pending ORDER BY rowid LIMIT ?",
                                (limit,)).fetchall()
        return [PendingCheck(*row) for row in rows]

    def is_pending(self, lang: str, key: str) -> bool:
        with self.read() as conn:
            return conn.execute("SELECT 1 FROM pending WHERE lang = ? AND key = ?", (lang, key)).fetchone() is not None

    def finish_checks(self, results: list[tuple[PendingCheck, list[dict] | None]]) -> int:
        """Store the full flags computed for pending checks, in one transaction; a result whose check
        was replaced meanwhile (a newer edit or alignment) is stale and dropped, and None drops a check
        that no longer applies. Returns how many results were stored."""
        stored = 0
        with self.write() as conn:
            for job, flags in results:
                now_owed = conn.execute("SELECT shape, versions FROM pending WHERE lang = ? AND key = ?",
                                        (job.lang, job.key)).fetchone()
                if now_owed != (job.shape, job.versions):
                    continue
                conn.execute("DELETE FROM pending WHERE lang = ? AND key = ?", (job.lang, job.key))
                if flags is not None:
                    conn.execute("INSERT OR REPLACE INTO flags VALUES (?, ?, ?, ?)",
                                 (job.lang, job.key, job.shape, json.dumps(flags)))
                    stored += 1
        return stored

