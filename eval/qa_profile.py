"""A set's QA profile (SET_DIR/qa.toml): which checks run, what severity each kind of flag has, what to ignore.

    checks = ["numbers", "identifiers", "spacing"]   # the selection; absent: every check (`--checks` overrides)
    [severity]                                       # per flag kind (Flag.check): "warn", "error" or "off"
    spacing = "off"
    capitalisation = "error"
    [ignore]
    reasons = ["#RevolutionNow"]                     # regular expressions: a flag whose reason matches is dropped
    links = [12, 40]                                 # source paragraph ids whose flags are admitted differences
    [consistency]
    admit = ["Общие положения"]                      # segments (source or translation) whose different renderings
                                                     # are admitted: no consistency flag on a link holding one
    [spelling]
    known = ["glyphosate", "киберспорт"]             # the project's words: known to the spelling check

A profile is the reviewers' decision about a corpus, not a threshold: it changes what is reported, never what a
check measures, and its hash goes into the quality signature, so a result says which profile it was read with.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from corpus.errors import InputError
from corpus.signature import short_hash

from .checks.base import CHECKS, SEVERITIES, Flag, LinkQuality
from .consistency import segment_key

FILENAME = "qa.toml"
_KEYS = {"checks", "severity", "ignore", "consistency", "spelling"}
CONSISTENCY_FLAGS = ("inconsistent-translation", "shared-translation")


@dataclass(frozen=True)
class QAProfile:
    checks: tuple[str, ...] | None = None
    severity: dict[str, str] = field(default_factory=dict)
    reasons: tuple[re.Pattern[str], ...] = ()
    links: frozenset[int] = frozenset()
    admit: frozenset[str] = frozenset()  # eval.consistency keys of segments whose renderings may differ
    known: frozenset[str] = frozenset()  # words the spelling check must know (with the term base's)

    @property
    def id(self) -> str:
        """A short hash of what the profile changes (part of the quality signature)."""
        return short_hash({"checks": self.checks, "severity": self.severity, "links": sorted(self.links),
                           "reasons": [p.pattern for p in self.reasons], "admit": sorted(self.admit),
                           "known": sorted(self.known)})

    def apply(self, quality: LinkQuality, texts: tuple[str, str] = ("", "")) -> None:
        """Drop the ignored and switched-off flags of a link, and give the rest their profile severity;
        `texts` (the link's source and target) tell whether its consistency flags are admitted."""
        if self.links.intersection(quality.src):
            quality.flags.clear()
            return
        admitted = bool(self.admit) and any(segment_key(text) in self.admit for text in texts)
        kept = []
        for flag in quality.flags:
            severity = self.severity.get(flag.check, flag.severity)
            if severity == "off" or any(p.search(flag.reason) for p in self.reasons) or \
                    (admitted and flag.check in CONSISTENCY_FLAGS):
                continue
            kept.append(flag if severity == flag.severity else Flag(flag.check, severity, flag.reason))
        quality.flags[:] = kept


def _line_of(error: tomllib.TOMLDecodeError, text: str) -> int | None:
    found = re.search(r"at line (\d+)", str(error))
    if found:
        return int(found.group(1))
    return max(1, len(text.splitlines())) if "end of document" in str(error) else None


def _key_line(text: str, key: str) -> int | None:
    found = re.search(rf"(?m)^[ \t]*\"?{re.escape(key)}\"?[ \t]*=", text)
    return text.count("\n", 0, found.start()) + 1 if found else None


def load(path: str | Path) -> QAProfile:
    """The profile of `path`; bad content raises InputError naming the line."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(path, f"not valid TOML: {str(error).split(' (at')[0]}", _line_of(error, text)) from None
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise InputError(path, f"unknown key {unknown[0]!r} (known: {', '.join(sorted(_KEYS))})",
                         _key_line(text, unknown[0]))
    checks = data.get("checks")
    if checks is not None:
        if not isinstance(checks, list) or not all(isinstance(c, str) for c in checks):
            raise InputError(path, "checks must be a list of check names", _key_line(text, "checks"))
        for name in checks:
            if name not in CHECKS.names():
                raise InputError(path, f"unknown check {name!r} (known: {', '.join(CHECKS.names())})",
                                 _key_line(text, "checks"))
    severity = data.get("severity", {})
    for kind, value in severity.items():
        if value not in (*SEVERITIES[1:], "off"):
            raise InputError(path, f"severity of {kind!r} must be warn, error or off, not {value!r}",
                             _key_line(text, kind))
    ignore = data.get("ignore", {})
    reasons = []
    for pattern in ignore.get("reasons", []):
        try:
            reasons.append(re.compile(str(pattern)))
        except re.error as error:
            raise InputError(path, f"ignore.reasons: {pattern!r} is not a regular expression ({error})",
                             _key_line(text, "reasons")) from None
    links = ignore.get("links", [])
    if not all(isinstance(k, int) and not isinstance(k, bool) for k in links):
        raise InputError(path, "ignore.links must be a list of paragraph ids (integers)", _key_line(text, "links"))
    admit = _strings(data, "consistency", "admit", "segments", path, text)
    known = _strings(data, "spelling", "known", "words", path, text)
    return QAProfile(tuple(checks) if checks is not None else None, dict(severity), tuple(reasons), frozenset(links),
                     frozenset(segment_key(a) for a in admit), frozenset(known))


def _strings(data: dict, section: str, key: str, what: str, path: Path, text: str) -> list[str]:
    """The list of `[section] key`, every item a string with a word in it; the table may have no other key."""
    table = data.get(section, {})
    if not isinstance(table, dict):
        raise InputError(path, f"{section} must be a table ([{section}])", _key_line(text, section))
    unknown = sorted(set(table) - {key})
    if unknown:
        raise InputError(path, f"unknown key {section}.{unknown[0]} (known: {key})", _key_line(text, unknown[0]))
    items = table.get(key, [])
    if not isinstance(items, list) or not all(isinstance(item, str) and segment_key(item) for item in items):
        raise InputError(path, f"{section}.{key} must be a list of {what} (strings with words)", _key_line(text, key))
    return items


def find(set_dir: str | Path) -> QAProfile | None:
    """The set's profile, None where it has no qa.toml."""
    path = Path(set_dir) / FILENAME
    return load(path) if path.is_file() else None
