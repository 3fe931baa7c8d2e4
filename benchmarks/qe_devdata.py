"""Professional human translations as documents, for the quality benchmarks (false alarms, refitting).

Read in place from the development data folders (never copied into the repository): each folder is
looked up in `$TILMASH_DEV_DATA` (path-separated), then `shared/data` in the repository, then
`../shared/data` beside it, as align's development sets are.

- `xwmt`: X-WMT news (WMT 2020 test sentences with human translations; `xwmt-ru/`, MIT), Russian
  against English, Kazakh, Kyrgyz and Uzbek;
- `tico19`: TICO-19 (`tico19/`, CC0), professional translations of one English text into Russian and
  Chinese: Russian against Chinese and English;
- `bleualign-dev`: the German–French Bleualign development document (GPL-2.0).

Consecutive sentences become paragraphs of one to four sentences (seeded by the pair's name), linked
1-1 as the files pair them, so every flag is on a correct translation with a correct alignment. The
published files are tokenised (spaces around punctuation); `detokenise` undoes it, since a spacing
check would otherwise judge the tokeniser. None of these is a held-out set (FLORES devtest, UDHR,
Bleualign test, Text+Berg test).
"""
from __future__ import annotations

import os
import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from corpus.alignment import Alignment, Link
from corpus.languages import profile
from corpus.model import Document, make_document

ROOT = Path(__file__).resolve().parent.parent
SETS = ("xwmt", "tico19", "bleualign-dev")
_CLOSING = ",.;:!?%)]}»”…"
_OPENING = "([{«“„"
_CONTRACTIONS = r"|n't\b|'s\b|'re\b|'ve\b|'ll\b|'d\b|'m\b"
_SPACED_MARK = re.compile(r"(?<=[^\W\d_]) ([^\w\s]) (?=[^\W\d_])")  # a tokeniser's split of a word at a mark
_ELISION = re.compile(r"(\b[cdjlmnst]|\bqu|\bjusqu|\blorsqu|\bpuisqu|\baujourd)' ", re.IGNORECASE)


@dataclass
class DevPair:
    set: str
    pair: str
    source: Document
    target: Document
    alignment: Alignment

    @property
    def name(self) -> str:
        return f"{self.set}/{self.pair}"


def data_dir(name: str) -> Path | None:
    roots = [Path(r) for r in os.environ.get("TILMASH_DEV_DATA", "").split(os.pathsep) if r]
    for root in (*roots, ROOT / "shared" / "data", ROOT.parent / "shared" / "data"):
        if (root / name).is_dir():
            return root / name
    return None


def detokenise(line: str, lang: str = "") -> str:
    """Undo Moses-style tokenisation: no space before closing punctuation, after opening brackets, inside
    ASCII quotes (paired in order), after a French elision, or around a letter sign split off its word (Uzbek oʻ);
    the language profile says which marks keep a space (French ; : ! ? » and the « they close)."""
    before, after, sign = _spacing(lang)
    text = after.sub(r"\1", before.sub(r"\1", " ".join(line.split())))
    text = _ELISION.sub(r"\1'", text)
    if sign is not None:
        text = _SPACED_MARK.sub(lambda m: _rejoined(text, m, sign), text)
    if text.count('"') % 2 == 0:
        text = _fix_quote_spacing(text)
    return text.strip()


@lru_cache(maxsize=None)
def _spacing(lang: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str] | None]:
    """The language's spacing rules as patterns: the marks that lose the space before them, those that lose the
    space after them, and its letter sign."""
    typography = profile(lang) if lang else None
    keep = typography.space_before if typography else ""
    kept_openings = {o for o, c in typography.quotes if c in keep} if typography else set()
    closing = "".join(c for c in _CLOSING if c not in keep)
    opening = "".join(c for c in _OPENING if c not in kept_openings)
    sign = re.compile(typography.letter_sign) if typography and typography.letter_sign else None
    return (re.compile(f" ([{re.escape(closing)}]{_CONTRACTIONS})"), re.compile(f"([{re.escape(opening)}]) "), sign)


def _rejoined(text: str, spaced: re.Match[str], sign: re.Pattern[str]) -> str:
    """The mark without its spaces where, joined to its letters, it is the language's letter sign."""
    joined = text[:spaced.start()] + spaced.group(1) + text[spaced.end():]
    return spaced.group(1) if sign.match(joined, spaced.start()) else spaced.group()


def _fix_quote_spacing(text: str) -> str:
    """Closing ASCII quotes attach to the word before them, opening ones to the word after."""
    out, opening = [], True
    pieces = text.split('"')
    for k, piece in enumerate(pieces):
        if k == 0:
            out.append(piece)
            continue
        if opening:
            out[-1] = out[-1] if not out[-1] or out[-1].endswith((" ", "(", "«")) else out[-1] + " "
            out.append('"' + piece.lstrip())
        else:
            out[-1] = out[-1].rstrip()
            out.append('"' + piece)
        opening = not opening
    return re.sub(r" {2,}", " ", "".join(out))


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").rstrip("\n").split("\n")


def paragraphs(src: list[str], tgt: list[str], seed: str, links: int, src_lang: str, tgt_lang: str,
               set_id: str) -> tuple[Document, Document, Alignment]:
    """Consecutive sentence pairs grouped into paragraphs of 1-4 sentences, `links` of them, linked 1-1."""
    from corpus.segmenter import join_segments

    rng = random.Random(seed)
    src_paras: list[str] = []
    tgt_paras: list[str] = []
    at = 0
    while len(src_paras) < links and at < len(src):
        size = rng.choice((1, 1, 2, 2, 3, 4))
        chunk = slice(at, min(at + size, len(src)))
        at = chunk.stop
        s = [detokenise(x, src_lang) for x in src[chunk] if x.strip()]
        t = [detokenise(x, tgt_lang) for x in tgt[chunk] if x.strip()]
        if s and t:
            src_paras.append(join_segments(s, src_lang))
            tgt_paras.append(join_segments(t, tgt_lang))
    source = make_document(f"{set_id}-{src_lang}", src_lang, src_paras)
    target = make_document(f"{set_id}-{tgt_lang}", tgt_lang, tgt_paras, role="human")
    alignment = Alignment(src_lang, tgt_lang, [Link((k,), (k,)) for k in range(len(src_paras))])
    return source, target, alignment


def load(sets: tuple[str, ...] = SETS, links: int = 80, offset: int = 0) -> list[DevPair]:
    """Every available pair of the named sets, `links` paragraphs each, starting `offset` sentences in
    (a second, disjoint sample for checking what was fitted on the first). A pair whose files end before the
    offset is left out: it has nothing to judge."""
    out: list[DevPair] = []
    for name in sets:
        base = data_dir({"xwmt": "xwmt-ru"}.get(name, name))
        if base is None:
            continue
        if name == "xwmt":
            for lang in ("en", "kk", "ky", "uz"):
                ru, tgt = _lines(base / f"ru-{lang}.ru"), _lines(base / f"ru-{lang}.{lang}")
                out.append(DevPair(name, f"ru-{lang}", *paragraphs(ru[offset:], tgt[offset:], f"{name}/{lang}",
                                                                   links, "ru", lang, name)))
        elif name == "tico19":
            text = {lang: _lines(base / f"test.{lang}") for lang in ("ru", "en", "zh")}
            for lang in ("zh", "en"):
                # the first hundred lines are conversational fragments; the articles follow
                start = 300 + offset
                out.append(DevPair(name, f"ru-{lang}", *paragraphs(text["ru"][start:], text[lang][start:],
                                                                   f"{name}/{lang}", links, "ru", lang, name)))
        elif name == "bleualign-dev":
            out.append(DevPair(name, "de-fr", *_bleualign(base, links, offset)))
    return [pair for pair in out if pair.alignment.links]


def _bleualign(base: Path, links: int, offset: int) -> tuple[Document, Document, Alignment]:
    """The German–French document by its gold links (1-1 and n-m alike), grouped into paragraphs. The document is
    short (422 gold links, of which 80 paragraphs take about 175), so it skips half the offset in gold links: the
    second sample (offset 400) starts after the first one ends."""
    from align.io import parse_text

    src, tgt = _lines(base / "dev.de"), _lines(base / "dev.fr")
    gold = [(s, t) for s, t in parse_text((base / "dev.defr").read_text(encoding="utf-8"), base / "dev.defr")
            if s and t]
    gold = gold[offset // 2:]
    return paragraphs([" ".join(src[i] for i in s) for s, _ in gold], [" ".join(tgt[j] for j in t) for _, t in gold],
                      "bleualign-dev", links, "de", "fr", "bleualign-dev")
