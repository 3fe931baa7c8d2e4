"""The development sets the aligner is tuned and calibrated on, read in place from the shared data folder.

None of them is the bundled declaration, and none is a held-out set (Text+Berg
test, Bleualign test0-6, the UDHR, FLORES devtest):

- `bleualign-dev`: the German–French Bleualign development document, one
  sentence per line with its published gold (sentence level, real merges and
  omissions);
- `xwmt`: X-WMT news sentences, Russian with human translations into English,
  Kazakh, Kyrgyz and Uzbek, cut into documents and re-paragraphed by
  `reparagraph` (paragraph level);
- `tico19`: TICO-19 sentences, Russian with Chinese and English, likewise.

Each set is looked up in the folders of `$TILMASH_DEV_DATA` (path-separated), then
`shared/data` in the repository, then `../shared/data` beside it.
"""
from __future__ import annotations

import os
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

from corpus.errors import InputError

from .io import parse_text
from .reparagraph import DocumentPair, reparagraph

ROOT = Path(__file__).resolve().parent.parent
SETS = ("bleualign-dev", "xwmt", "tico19")
XWMT_PAIRS = ("ru-en", "ru-kk", "ru-ky", "ru-uz")
TICO_PAIRS = ("ru-zh", "ru-en")
_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]»”])")
_SPACE_AFTER = re.compile(r"([(\[«“]) ")


@dataclass
class DevDoc:
    """One document pair with gold: `sentences`/`other` keep what `damage` needs for re-paragraphed sets."""

    set: str
    pair: str
    doc: int
    src_lang: str
    tgt_lang: str
    src: list[str]
    tgt: list[str]
    gold: list[tuple[tuple[int, ...], tuple[int, ...]]]
    level: str
    built: DocumentPair | None = None
    src_sents: list[str] | None = None
    tgt_sents: list[str] | None = None
    other: list[str] | None = None  # the same sentences in a third language, for wrong-language damage

    @property
    def name(self) -> str:
        return f"{self.set}/{self.pair}/{self.doc}"


def data_dir(name: str) -> Path:
    """The folder of one data set: the first data root that has it."""
    roots = [Path(r) for r in os.environ.get("TILMASH_DEV_DATA", "").split(os.pathsep) if r]
    for root in (*roots, ROOT / "shared" / "data", ROOT.parent / "shared" / "data"):
        if (root / name).is_dir():
            return root / name
    raise InputError(ROOT.parent / "shared" / "data" / name, "development data set not found (set TILMASH_DEV_DATA)")


def _lines(path: Path) -> list[str]:
    if not path.is_file():
        raise InputError(path, "development data file is missing")
    return path.read_text(encoding="utf-8").rstrip("\n").split("\n")


def detokenise(line: str) -> str:
    """Undo the spaces around punctuation of tokenised test sets, so paragraphs read like running text."""
    return _SPACE_AFTER.sub(r"\1", _SPACE_BEFORE.sub(r"\1", line.strip()))


def bleualign_dev() -> list[DevDoc]:
    base = data_dir("bleualign-dev")
    gold = parse_text((base / "dev.defr").read_text(encoding="utf-8"), base / "dev.defr")
    return [DevDoc("bleualign-dev", "de-fr", 0, "de", "fr", _lines(base / "dev.de"), _lines(base / "dev.fr"),
                   gold, "sentence")]


def _documents(set_id: str, pair: str, src: list[str], tgt: list[str], other: list[str] | None,
               docs: int, size: int, first: int = 0) -> list[DevDoc]:
    """`docs` documents of `size` consecutive sentences each from document `first` on, re-paragraphed with a
    seed fixed by name."""
    src_lang, tgt_lang = pair.split("-")
    out = []
    for d in range(first, min(first + docs, len(src) // size)):
        span = slice(d * size, (d + 1) * size)
        outside = tgt[:span.start] + tgt[span.stop:]
        seed = zlib.crc32(f"{set_id}/{pair}/{d}".encode())
        inserts = [outside[(seed + k * 7919) % len(outside)] for k in range(8)]
        built = reparagraph(src[span], tgt[span], src_lang, tgt_lang, seed, inserts=inserts)
        out.append(DevDoc(set_id, pair, d, src_lang, tgt_lang, built.src, built.tgt, built.gold, "paragraph",
                          built, src[span], tgt[span], other[span] if other else None))
    return out


def xwmt(docs: int = 4, size: int = 30, first: int = 0) -> list[DevDoc]:
    base = data_dir("xwmt-ru")
    out = []
    for pair in XWMT_PAIRS:
        lang = pair.split("-")[1]
        src = [detokenise(s) for s in _lines(base / f"{pair}.ru")]
        tgt = [detokenise(s) for s in _lines(base / f"{pair}.{lang}")]
        # ru-kk and ru-ky share their first 500 Russian sentences: Kyrgyz is Kazakh's wrong language and back.
        third = {"ru-kk": "ru-ky", "ru-ky": "ru-kk"}.get(pair)
        other = None
        if third:
            other_ru, other_lang = _lines(base / f"{third}.ru"), third.split("-")[1]
            other_tgt = [detokenise(s) for s in _lines(base / f"{third}.{other_lang}")]
            shared = min(len(other_ru), len(src))
            if [detokenise(s) for s in other_ru[:shared]] == src[:shared]:
                src, tgt, other = src[:shared], tgt[:shared], other_tgt[:shared]
        out += _documents("xwmt", pair, src, tgt, other, docs, size, first)
    return out


def tico19(docs: int = 6, size: int = 30, first: int = 0) -> list[DevDoc]:
    base = data_dir("tico19")
    text = {lang: _lines(base / f"test.{lang}") for lang in ("ru", "en", "zh")}
    out = []
    for pair in TICO_PAIRS:
        lang = pair.split("-")[1]
        other = text[next(p.split("-")[1] for p in TICO_PAIRS if p != pair)]  # the set's other translation
        out += _documents("tico19", pair, text["ru"], text[lang], other, docs, size, first)
    return out


def load(sets: tuple[str, ...] = SETS, docs: int | None = None, first: int = 0) -> list[DevDoc]:
    """The documents of the named sets in a fixed order; `docs` caps the re-paragraphed ones per pair, which
    start at document `first` (the bead weights are learnt from documents after those the benchmarks score)."""
    cap: dict[str, int] = {"first": first} if docs is None else {"docs": docs, "first": first}
    makers = {"bleualign-dev": bleualign_dev, "xwmt": lambda: xwmt(**cap), "tico19": lambda: tico19(**cap)}
    unknown = [s for s in sets if s not in makers]
    if unknown:
        raise ValueError(f"unknown development set {unknown[0]!r}; choose from {', '.join(SETS)}")
    return [doc for s in sets for doc in makers[s]()]
