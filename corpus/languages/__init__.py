"""Language profiles: what tilmash knows about each language, one module per language.

The API is small:

- `normalise_tag(tag)`: the canonical BCP 47 tag (`kaz` -> `kk`, `zh` -> `zh-Hans`,
  `uz` -> `uz-Latn`; see `corpus.languages.tags`); raises `UnknownLanguage`;
- `profile(tag)`: the language's `LanguageProfile`, the generic one for a language
  nobody profiled (`profile.generic`, `profile.signature_id == "generic"`);
- `embedder_covers(tag)`: whether the bundled embedder was trained on the language;
- `validate(tag, path, line)`: the profile, or an `InputError` naming the file for a tag
  that is unknown, or that no profile and no embedder language covers; a profiled
  language the embedder covers only weakly (Tajik, Turkmen) passes with a warning;
- `PROFILES`: the registry of profiled languages (`corpus.registry.Registry`).
"""
from __future__ import annotations

import sys
import warnings
from pathlib import Path

from ..errors import InputError
from ..registry import discover
from .coverage import XLMR_LANGUAGES
from .generic import generic_profile
from .profile import PROFILES, LanguageProfile
from .tags import UnknownLanguage, language_subtag, names_language, normalise_tag, short_tag

__all__ = ["ByLanguage", "LanguageProfile", "LanguageTags", "LanguageWarning", "PROFILES", "UnknownLanguage", "embedder_covers", "is_tag", "language_name",
           "names_language", "normalise_tag", "profile", "profiled_tags", "same_language", "short_tag", "validate"]


class LanguageWarning(UserWarning):
    """Something works for this language, but less well than for a profiled, embedder-covered one."""


_loaded = False


def _load() -> None:
    global _loaded
    if not _loaded:
        _loaded = True
        discover(sys.modules[__name__])


def profile(tag: str) -> LanguageProfile:
    """The profile of `tag` (any alias); the generic profile where no module profiles the language."""
    canonical = normalise_tag(tag)
    _load()
    return PROFILES.get(canonical) if canonical in PROFILES else generic_profile(canonical)


def profiled_tags() -> list[str]:
    """Canonical tags of the profiled languages, in the order their modules register."""
    _load()
    return PROFILES.names()


def embedder_covers(tag: str) -> bool:
    """Whether the bundled embedder (multilingual-e5, XLM-R's 100 languages) was trained on the language."""
    return language_subtag(tag) in XLMR_LANGUAGES


def is_tag(tag: str) -> bool:
    """Whether `tag` names a language at all (validate says whether tilmash can work with it)."""
    try:
        normalise_tag(tag)
    except UnknownLanguage:
        return False
    return True


def same_language(a: str, b: str) -> bool:
    return normalise_tag(a) == normalise_tag(b)


def language_name(tag: str) -> str:
    """The English name, for messages; the tag itself when it is not one."""
    try:
        return profile(tag).name
    except UnknownLanguage:
        return tag


def validate(tag: str, path: str | Path = "language", line: int | None = None) -> LanguageProfile:
    """The profile of a tag a user declared, or the one-line error they need."""
    try:
        found = profile(tag)
    except UnknownLanguage as exc:
        raise InputError(path, str(exc), line) from None
    if not embedder_covers(found.tag):
        if found.generic:
            raise InputError(path, f"{found.name} ({found.tag}) is not among the embedder's languages (XLM-R's 100)"
                                   " and has no profile: tilmash cannot align it", line)
        warnings.warn(f"{found.name} ({found.tag}) is not among the embedder's training languages: its alignment"
                      " rests more on length, numbers and names than on meaning; check the links", LanguageWarning,
                      stacklevel=2)
    return found


class LanguageTags(tuple):
    """Language tags as a file spelled them (a term base's columns: ru, zh), where membership asks about the
    language: `"zh-Hans" in tags` when the file has a `zh` column."""

    def __new__(cls, tags=()):
        return super().__new__(cls, tuple(tags))

    def __contains__(self, tag: object) -> bool:
        return isinstance(tag, str) and is_tag(tag) and normalise_tag(tag) in {normalise_tag(t) for t in self}

    def spelling(self, tag: str) -> str | None:
        """How this collection spells the language of `tag`, or None."""
        return next((t for t in self if normalise_tag(t) == normalise_tag(tag)), None)


class ByLanguage(dict):
    """A mapping keyed by canonical tag that any alias of a tag looks up (`terms["zh"]` finds zh-Hans)."""

    def __init__(self, items=()) -> None:
        super().__init__((normalise_tag(k), v) for k, v in dict(items).items())

    def __missing__(self, tag: str):
        canonical = normalise_tag(tag) if is_tag(tag) else tag
        if canonical == tag or not dict.__contains__(self, canonical):
            raise KeyError(tag)
        return dict.__getitem__(self, canonical)

    def __contains__(self, tag: object) -> bool:
        return isinstance(tag, str) and is_tag(tag) and dict.__contains__(self, normalise_tag(tag))

    def get(self, tag, default=None):
        return self[tag] if tag in self else default
