"""Alignment files: the Vecalign/Bertalign text format and our JSON.

Text: one link per line, `[src]:[tgt]` with 0-based indices, e.g. `[0]:[0, 1]`.
JSON: `{"src_lang", "tgt_lang", "level", "method", "embedder", "signature", "links": [{"src", "tgt", "score",
"confidence"}]}`; the signature says how the links were made (corpus.signature).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from corpus.alignment import Alignment, Link, coverage_problem
from corpus.errors import InputError
from corpus.textio import atomic_write_text, read_text

_LINE = re.compile(r"^\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]\s*$")


def _ids(field: str) -> tuple[int, ...]:
    return tuple(int(x) for x in field.replace(",", " ").split())


def parse_text(text: str, path: str | Path = "<text>") -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    pairs = []
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        match = _LINE.match(line)
        if not match:
            raise InputError(path, f"not an alignment line (expected e.g. [0]:[0, 1]): {line.strip()[:60]!r}", lineno)
        pairs.append((_ids(match.group(1)), _ids(match.group(2))))
    return pairs


def format_text(alignment: Alignment) -> str:
    return "".join(f"{list(link.src)}:{list(link.tgt)}\n" for link in alignment.links)


def to_json(alignment: Alignment) -> str:
    data = {
        "src_lang": alignment.src_lang,
        "tgt_lang": alignment.tgt_lang,
        "level": alignment.level,
        "method": alignment.method,
        "embedder": alignment.embedder,
        "signature": alignment.signature,
        "links": [
            {"src": list(l.src), "tgt": list(l.tgt), "score": round(l.score, 4), "confidence": round(l.confidence, 4)}
            for l in alignment.links
        ],
        **alignment.extra,
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _int_ids(ids: list) -> tuple[int, ...]:
    if not all(isinstance(i, int) and not isinstance(i, bool) and i >= 0 for i in ids):
        raise ValueError(f"segment indices must be non-negative integers, got {ids!r}")
    return tuple(ids)


def _from_json(text: str, path: Path) -> Alignment:
    try:
        data = json.loads(text)
        links = [Link(_int_ids(l["src"]), _int_ids(l["tgt"]), float(l.get("score", 0.0)),
                      float(l.get("confidence", 1.0))) for l in data["links"]]
        return Alignment(data.get("src_lang", ""), data.get("tgt_lang", ""), links,
                         data.get("level", "paragraph"), data.get("method", ""), data.get("embedder"),
                         signature=str(data.get("signature") or ""))
    except json.JSONDecodeError as exc:
        raise InputError(path, f"malformed JSON: {exc.msg}", exc.lineno) from None
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(path, f"not an alignment JSON file ({exc.__class__.__name__}: {exc})") from None


def read_alignment(path: str | Path) -> Alignment:
    """Read either format; JSON is recognised by its leading brace."""
    path = Path(path)
    text = read_text(path).text
    if text.lstrip().startswith("{"):
        return _from_json(text, path)
    return Alignment("", "", [Link(s, t) for s, t in parse_text(text, path)])


def read_fitting_alignment(path: str | Path, n_src: int, n_tgt: int, what: str = "") -> Alignment:
    """Read an alignment and make sure it covers documents of n_src and n_tgt segments exactly."""
    alignment = read_alignment(path)
    problem = coverage_problem(alignment.pairs(), n_src, n_tgt)
    if problem:
        raise InputError(path, f"{what + ' ' if what else ''}does not fit the documents: {problem}")
    return alignment


def write_alignment(alignment: Alignment, path: str | Path, fmt: str = "json") -> None:
    atomic_write_text(path, to_json(alignment) if fmt == "json" else format_text(alignment))
