"""Concordance: earlier translations of text like the one under the cursor, with how alike they are.

An SQLite FTS5 index (STATE/concordance.sqlite, rebuilt when the workbench
opens: it holds nothing that is not elsewhere) over source -> target pairs:
this set's links as the review stood when the workbench opened, the TMX files of earlier exports in
STATE/exports/, and translation memories given with `--memory`.

A lookup asks FTS5 for segments holding the query's rarest words (their
document frequencies come from an fts5vocab table): a word found in most
segments (и, в, the) adds nothing to the ranking but makes bm25 score nearly
every row, which over 100,000 rows cost seconds. Each candidate is then scored
on words and punctuation marks, as translation tools count fuzzy matches: `score`
is the match of the whole segment (difflib's ratio over the token sequences,
0-100, 100 only for the same tokens in the same order), `coverage` how much of the query
occurs in it in order (100: a selected phrase is all there). Matches come
best covered first, then by score, so a selected phrase finds the segments
that hold it, and a whole paragraph finds its closest neighbours.
"""
from __future__ import annotations

import difflib
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from corpus.errors import InputError
from corpus.formats.base import ReadOptions
from corpus.formats.tmx import Tmx
from corpus.sqlite import create_private

QUERY_CHARS = 2000
CANDIDATES = 50  # FTS5 hits re-scored per lookup
RARE_WORDS = 8  # the most query words FTS5 looks for: the rarest in the memory
RANKED_ROWS = 5000  # the most segments bm25 ranks in one lookup (the sum of the chosen words' frequencies)
_TOKEN = re.compile(r"\w+|[^\w\s]")  # words and punctuation marks: a match differing in a dash is no 100
Pair = tuple[str, str, str, str]  # origin, target language, source text, target text


def memory_pairs(path: Path, source_lang: str, target_langs: Iterable[str]) -> Iterator[Pair]:
    """The rows of a TMX with the source and a target language, paired by their place, through the corpus
    TMX reader (entities refused, inline codes as placeholders); a TMX holding no source segment is an
    InputError."""
    reader = Tmx()
    sources = {u.place: u.text for u in reader.read(path, ReadOptions(lang=source_lang)).units}
    for lang in target_langs:
        try:
            units = reader.read(path, ReadOptions(lang=lang)).units
        except InputError:
            continue  # the memory has no such language
        for unit in units:
            if unit.place in sources:
                yield path.name, lang, sources[unit.place], unit.text


def tokens(text: str) -> list[str]:
    """Words and punctuation marks, folded as the index folds words (case folded, diacritics kept)."""
    return [t.lower() for t in _TOKEN.findall(text)]


def fuzzy(query: list[str], segment: list[str]) -> tuple[int, int]:
    """(score, coverage) of a segment's tokens against the query's, 0-100 each (see the module text)."""
    if not query or not segment:
        return 0, 0
    same = sum(b.size for b in difflib.SequenceMatcher(None, query, segment, autojunk=False).get_matching_blocks())
    return round(200 * same / (len(query) + len(segment))), round(100 * same / len(query))


class Concordance:
    def __init__(self, path: Path, pairs: Iterable[Pair]) -> None:
        self.path = path
        self._local = threading.local()  # one read-only connection per server thread
        path.unlink(missing_ok=True)
        create_private(path)  # the texts are the reviewers': owner-only
        conn = sqlite3.connect(path)
        conn.execute("CREATE VIRTUAL TABLE tm USING fts5(source, target, lang UNINDEXED, origin UNINDEXED,"
                     " tokenize='unicode61 remove_diacritics 0')")
        conn.execute("CREATE VIRTUAL TABLE tm_vocab USING fts5vocab(tm, 'col')")
        conn.executemany("INSERT INTO tm (origin, lang, source, target) VALUES (?, ?, ?, ?)", pairs)
        # fts5vocab answers a term lookup by scanning the whole vocabulary: a table of its own is indexed
        conn.execute("CREATE TABLE df (term TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID")
        conn.execute("INSERT INTO df SELECT term, doc FROM tm_vocab WHERE col = 'source'")
        conn.commit()
        self.rows = conn.execute("SELECT count(*) FROM tm").fetchone()[0]
        conn.close()

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        return conn

    def rare(self, query: list[str]) -> list[tuple[str, int]]:
        """The query's words the memory holds with their segment counts, rarest first, at most `RARE_WORDS`."""
        unique = list(dict.fromkeys(t for t in query if t[0].isalnum() or t[0] == "_"))[:64]
        found = self._conn().execute(f"SELECT term, n FROM df WHERE term IN ({','.join('?' * len(unique))})",
                                     unique).fetchall() if unique else []
        return sorted(found, key=lambda found: found[1])[:RARE_WORDS]

    def candidates(self, query: list[str], lang: str) -> list[tuple[str, str, str]]:
        """Segments worth scoring: those bm25 ranks best among the ones holding the rarest words, as many
        words as keep the ranked rows under `RANKED_ROWS`; when even the rarest word is commoner than that,
        the first segments holding every word (ranking them all would cost seconds and tell little)."""
        rare = self.rare(query)
        if not rare:
            return []
        quoted = ['"' + w.replace('"', '""') + '"' for w, _ in rare]
        if rare[0][1] > RANKED_ROWS:
            return self._conn().execute("SELECT source, target, origin FROM tm WHERE tm MATCH ? AND lang = ? LIMIT ?",
                                        (f"source: ({' AND '.join(quoted)})", lang, CANDIDATES)).fetchall()
        chosen: list[str] = []
        rows = 0
        for word, (_, n) in zip(quoted, rare):
            if chosen and rows + n > RANKED_ROWS:
                break
            chosen.append(word)
            rows += n
        return self._conn().execute("SELECT source, target, origin FROM tm WHERE tm MATCH ? AND lang = ?"
                                    " ORDER BY bm25(tm) LIMIT ?",
                                    (f"source: ({' OR '.join(chosen)})", lang, CANDIDATES)).fetchall()

    def lookup(self, text: str, lang: str, limit: int = 10) -> list[dict]:
        """The best earlier translations into `lang` of source text like `text`, best first."""
        query = tokens(text)
        scored = sorted(((fuzzy(query, tokens(source)), source, target, origin)
                         for source, target, origin in self.candidates(query, lang)),
                        key=lambda hit: (-hit[0][1], -hit[0][0]))
        return [{"source": source, "target": target, "origin": origin, "score": score, "coverage": coverage}
                for (score, coverage), source, target, origin in scored[:limit]]
