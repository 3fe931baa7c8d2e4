"""Seeded documents with known gold made from sentence-aligned human translations.

Parallel test sets hold one sentence per line, line n of one file translating
line n of the other. Real documents are not like that: translators merge and
split paragraphs, carry a sentence over a paragraph boundary, leave a sentence
out, and pages add lines of their own. `reparagraph` builds such a document pair
from a run of aligned sentences, and because every target sentence still knows
which source sentence it translates, the gold paragraph alignment follows
exactly. `damage` then spoils one translated paragraph the way machine
translation fails (cut short, wrong language, left untranslated, a sentence
dropped) to measure whether the link survives.

Everything made here is synthetic and lives only in memory.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from corpus.languages import profile
from corpus.segmenter import join_segments

Pairs = list[tuple[tuple[int, ...], tuple[int, ...]]]
SIZES = (1, 2, 2, 3, 3, 4)  # sentences per source paragraph, drawn uniformly from this list
MAX_GROUP = 4  # no gold link joins more paragraphs than this on a side
EDITS = ("merge", "split", "move", "drop", "drop-paragraph", "insert")
DAMAGES = ("truncated", "wrong-language", "untranslated", "dropped-sentence")


@dataclass
class Paragraphs:
    """A document as sentence ids per paragraph; an id is an aligned sentence, a str an inserted line."""

    units: list[list[int | str]]

    def texts(self, sentences: list[str], lang: str) -> list[str]:
        return [join_segments([u if isinstance(u, str) else sentences[u] for u in para], lang)
                for para in self.units]


@dataclass
class DocumentPair:
    src: list[str]
    tgt: list[str]
    gold: Pairs
    edits: list[str] = field(default_factory=list)
    src_units: list[list[int]] = field(default_factory=list)
    tgt_units: list[list[int | str]] = field(default_factory=list)


def _paragraphs(ids: list[int], rng: random.Random) -> list[list[int]]:
    out, k = [], 0
    while k < len(ids):
        size = rng.choice(SIZES)
        out.append(ids[k:k + size])
        k += size
    return out


def gold_links(src_units: list[list[int]], tgt_units: list[list[int | str]]) -> Pairs:
    """Paragraph links from shared sentences: connected groups of paragraphs, in document order.

    A source paragraph whose sentences were all dropped is a deletion; a target
    paragraph of inserted lines only is an insertion, placed where it stands.
    """
    owner = {s: p for p, para in enumerate(src_units) for s in para}
    parent = list(range(len(src_units)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    tgt_src: list[set[int]] = []
    for para in tgt_units:
        sources = {owner[u] for u in para if isinstance(u, int)}
        tgt_src.append(sources)
        first = min(sources, default=None)
        for s in sources:
            parent[find(s)] = find(first)  # type: ignore[arg-type]
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for p in range(len(src_units)):
        groups.setdefault(find(p), ([], []))[0].append(p)
    links: Pairs = []
    emitted_src = 0
    for t, sources in enumerate(tgt_src):
        if not sources:
            links.append(((), (t,)))
            continue
        root = find(next(iter(sources)))
        src_ids, tgt_ids = groups[root]
        if not tgt_ids:  # first target paragraph of this group: emit deletions before it, then the link
            while emitted_src < src_ids[0]:
                links.append(((emitted_src,), ()))
                emitted_src += 1
            links.append((tuple(src_ids), (t,)))
            emitted_src = src_ids[-1] + 1
        tgt_ids.append(t)
    links += [((p,), ()) for p in range(emitted_src, len(src_units))]
    # Groups with several target paragraphs were emitted with their first one only: rebuild them whole.
    merged: Pairs = []
    for src_link, tgt_link in links:
        whole = tuple(groups[find(src_link[0])][1]) if src_link and tgt_link else tgt_link
        merged.append((src_link, whole))
    return merged


def _fits(src_units: list[list[int]], tgt_units: list[list[int | str]]) -> bool:
    """Every gold link stays within MAX_GROUP paragraphs a side and contiguous on both (no crossing)."""
    links = gold_links(src_units, tgt_units)
    seen_tgt = sorted(j for _, t in links for j in t)
    contiguous = lambda ids: not ids or ids[-1] - ids[0] + 1 == len(ids)
    return seen_tgt == list(range(len(tgt_units))) and all(
        len(s) <= MAX_GROUP and len(t) <= MAX_GROUP and contiguous(s) and contiguous(t) for s, t in links)


def _edit(kind: str, units: list[list[int | str]], rng: random.Random, inserts: list[str]) -> str | None:
    """Apply one edit to the target paragraphs in place; return its description, or None if it cannot apply."""
    n = len(units)
    if kind == "merge" and n >= 2:
        k = rng.randrange(n - 1)
        units[k:k + 2] = [units[k] + units[k + 1]]
        return f"merge {k}+{k + 1}"
    if kind == "split":
        long = [k for k, u in enumerate(units) if len(u) >= 2]
        if long:
            k = rng.choice(long)
            cut = rng.randrange(1, len(units[k]))
            units[k:k + 1] = [units[k][:cut], units[k][cut:]]
            return f"split {k} at {cut}"
    if kind == "move" and n >= 2:
        k = rng.randrange(n - 1)
        if rng.random() < 0.5 and len(units[k]) >= 2:
            units[k + 1].insert(0, units[k].pop())
            return f"move last of {k} down"
        if len(units[k + 1]) >= 2:
            units[k].append(units[k + 1].pop(0))
            return f"move first of {k + 1} up"
    if kind == "drop":
        long = [k for k, u in enumerate(units) if len(u) >= 2]
        if long:
            k = rng.choice(long)
            del units[k][rng.randrange(len(units[k]))]
            return f"drop a sentence of {k}"
    if kind == "drop-paragraph" and n >= 3:
        k = rng.randrange(n)
        del units[k]
        return f"drop paragraph {k}"
    if kind == "insert" and inserts:
        k = rng.randrange(n + 1)
        units.insert(k, [rng.choice(inserts)])
        return f"insert at {k}"
    return None


def reparagraph(src_sents: list[str], tgt_sents: list[str], src_lang: str, tgt_lang: str, seed: int,
                edit_rate: float = 0.35, inserts: list[str] | None = None,
                weights: tuple[float, ...] = (3, 2, 3, 1.5, 0.5, 1)) -> DocumentPair:
    """One document pair from aligned sentences: source paragraphs drawn at random, target edited.

    `edit_rate` edits per source paragraph are tried (merges, splits, a sentence
    moved across a boundary, a sentence or paragraph dropped, an unrelated line
    inserted; `weights` in the order of EDITS); an edit that would make a gold
    link wider than MAX_GROUP paragraphs is undone.
    """
    rng = random.Random(seed)
    src_units = _paragraphs(list(range(len(src_sents))), rng)
    tgt_units: list[list[int | str]] = [list(p) for p in src_units]
    done: list[str] = []
    for _ in range(round(edit_rate * len(src_units))):
        kind = rng.choices(EDITS, weights=weights)[0]
        before = [list(p) for p in tgt_units]
        what = _edit(kind, tgt_units, rng, inserts or [])
        if what is None or not _fits(src_units, tgt_units):
            tgt_units = before
            continue
        done.append(what)
    src = Paragraphs([list(p) for p in src_units]).texts(src_sents, src_lang)
    tgt = Paragraphs(tgt_units).texts(tgt_sents, tgt_lang)
    return DocumentPair(src, tgt, gold_links(src_units, tgt_units), done, src_units, tgt_units)


def damage(doc: DocumentPair, tgt_sents: list[str], src_sents: list[str], tgt_lang: str, src_lang: str,
           kind: str, seed: int, other: list[str] | None = None) -> tuple[list[str], tuple[tuple[int, ...], tuple[int, ...]]] | None:
    """The target texts with one paragraph of a 1-1 link spoilt, and that link; None when none qualifies.

    - truncated: the translation stops after about 40% of its characters;
    - wrong-language: the paragraph is the same content in another language (`other`, sentence-parallel);
    - untranslated: the source text stands in its place;
    - dropped-sentence: one of its sentences is missing (paragraphs of two or more sentences).
    """
    rng = random.Random(seed)
    candidates = [(s, t) for s, t in doc.gold if len(s) == 1 and len(t) == 1
                  and all(isinstance(u, int) for u in doc.tgt_units[t[0]])
                  and (kind != "dropped-sentence" or len(doc.tgt_units[t[0]]) >= 2)]
    if not candidates or (kind == "wrong-language" and other is None):
        return None
    link = rng.choice(candidates)
    j = link[1][0]
    ids = [u for u in doc.tgt_units[j] if isinstance(u, int)]
    texts = list(doc.tgt)
    if kind == "truncated":
        text = texts[j]
        cut = int(len(text) * 0.4) if profile(tgt_lang).unspaced else text.rfind(" ", 0, max(int(len(text) * 0.4), 1))
        texts[j] = text[:max(cut, 1)]
    elif kind == "wrong-language":
        assert other is not None
        texts[j] = join_segments([other[u] for u in ids], "en")
    elif kind == "untranslated":
        texts[j] = doc.src[link[0][0]]
    elif kind == "dropped-sentence":
        keep = list(ids)
        del keep[rng.randrange(len(keep))]
        texts[j] = join_segments([tgt_sents[u] for u in keep], tgt_lang)
    else:
        raise ValueError(f"unknown damage {kind!r}; choose from {', '.join(DAMAGES)}")
    return texts, link
