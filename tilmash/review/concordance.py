"""Concordance: earlier translations of text like the one under the cursor, with how alike they are.

An SQLite FTS5 index (STATE/concordance.sqlite, rebuilt when the workbench
opens: it holds nothing that is not elsewhere) over source -> target pairs:
this set's links as the review stood when the workbench opened, the TMX files of earlier exports in
STATE/exports/, and translation memories given with `--memory`. FTS5 finds
candidates sharing words with the query (bm25, fast over 100,000s of rows);
each is then scored by how much of the query's text it shares
(difflib's ratio, 0-100), the fuzzy-match score translators know.
"""
from __future__ import annotations

import difflib
import re
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from corpus.errors import InputError
from corpus.formats.base import ReadOptions
from corpus.formats.tmx import Tmx
from corpus.sqlite import create_private

QUERY_CHARS = 2000
CANDIDATES = 50  # FTS5 hits re-scored per lookup
_WORD = re.compile(r"\w{2,}")
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


class Concordance:
    def __init__(self, path: Path, pairs: Iterable[Pair]) -> None:
        self.path = path
        path.unlink(missing_ok=True)
        create_private(path)  # the texts are the reviewers': owner-only
        conn = sqlite3.connect(path)
        conn.execute("CREATE VIRTUAL TABLE tm USING fts5(source, target, lang UNINDEXED, origin UNINDEXED,"
                     " tokenize='unicode61 remove_diacritics 0')")
        conn.executemany("INSERT INTO tm (origin, lang, source, target) VALUES (?, ?, ?, ?)", pairs)
        conn.commit()
        self.rows = conn.execute("SELECT count(*) FROM tm").fetchone()[0]
        conn.close()

    def lookup(self, text: str, lang: str, limit: int = 10) -> list[dict]:
        """The best earlier translations into `lang` of source text like `text`, best first."""
        words = list(dict.fromkeys(w.lower() for w in _WORD.findall(text)))[:64]
        if not words:
            return []
        query = " OR ".join('"' + w.replace('"', '""') + '"' for w in words)
        conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        try:
            hits = conn.execute("SELECT source, target, origin FROM tm WHERE tm MATCH ? AND lang = ?"
                                " ORDER BY bm25(tm) LIMIT ?", (f"source: ({query})", lang, CANDIDATES)).fetchall()
        finally:
            conn.close()
        scored = [{"source": s, "target": t, "origin": o,
                   "score": round(100 * difflib.SequenceMatcher(None, text.lower(), s.lower(), autojunk=False)
                                  .ratio())} for s, t, o in hits]
        scored.sort(key=lambda m: -m["score"])
        return scored[:limit]
