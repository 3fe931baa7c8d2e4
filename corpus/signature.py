"""Signatures: a compact string on every result saying exactly how it was made.

Modelled on sacrebleu's metric signatures (`nrefs:1|case:mixed|tok:13a|version:2.4.0`):
`kind:value|key:value|...|version:X`, where the first pair names what was made and
how (`align:embedding`, `quality:checks`, `terms:glossary`), the other keys what
decides the numbers (model ids, parameter hashes, profiles, thresholds), and the
last the tilmash version. The same facts are kept in structured form
(`as_dict`) so a program never has to parse the string; `parse` reads it back.
Two results with equal signatures were computed the same way.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version as package_version
from typing import Any

_SEPARATOR = "|"


@cache
def tilmash_version() -> str:
    """The version from the installed package metadata: pyproject.toml is the one place it is written."""
    try:
        return package_version("tilmash")
    except PackageNotFoundError:  # a source tree that was never installed
        return "0+unknown"


def short_hash(value: Any, length: int = 8) -> str:
    """A stable short hash of JSON-able settings (key order does not matter), for parameter sets."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def file_hash(data: bytes, length: int = 16) -> str:
    return hashlib.sha256(data).hexdigest()[:length]


def _clean(value: object) -> str:
    text = str(value)
    # the separators and line breaks would make the string ambiguous or span lines
    return text.replace("|", "/").replace("\n", " ").replace("\r", " ")


@dataclass(frozen=True)
class Signature:
    kind: str  # what was made: align, quality, terms, metrics, export, report, corpus, ...
    method: str  # how: embedding, length, checks, glossary, ...
    fields: tuple[tuple[str, str], ...] = ()
    version: str = ""

    @classmethod
    def make(cls, kind: str, method: str, **fields: object) -> "Signature":
        """Fields with a None value are left out (a setting that does not apply)."""
        pairs = tuple((key.replace("_", "-"), _clean(value)) for key, value in fields.items() if value is not None)
        return cls(kind, _clean(method), pairs, tilmash_version())

    def __str__(self) -> str:
        parts = [f"{self.kind}:{self.method}", *(f"{k}:{v}" for k, v in self.fields), f"version:{self.version}"]
        return _SEPARATOR.join(parts)

    def get(self, key: str) -> str | None:
        return dict(self.fields).get(key)

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "method": self.method, **dict(self.fields), "version": self.version}

    @classmethod
    def parse(cls, text: str) -> "Signature":
        parts = text.split(_SEPARATOR)
        pairs = [part.split(":", 1) for part in parts]
        if len(pairs) < 2 or any(len(p) != 2 for p in pairs) or pairs[-1][0] != "version":
            raise ValueError(f"not a tilmash signature: {text!r}")
        (kind, method), *middle, (_, version) = pairs
        return cls(kind, method, tuple((k, v) for k, v in middle), version)
