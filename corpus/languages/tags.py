"""BCP 47 language tags: what users write (`kaz`, `zh`, `uz_Latn`, `en-GB`) turned into one canonical tag.

A canonical tag is the ISO 639-1 code where the language has one (ISO 639-3
otherwise), followed by a script subtag only where the language is written in
several scripts and the script changes how tilmash reads it: `zh-Hans`,
`uz-Latn`, `uz-Cyrl`, `sr-Latn`. A script subtag that names the language's
usual script is dropped (`kk-Cyrl` is `kk`), so two spellings of one
language never become two languages.

Region subtags are dropped (`en-GB` is `en`): no profile reads British and
American English differently, and a term base or a set that mixes them means
one language. Chinese regions are the exception that decides the script:
`zh-TW`, `zh-HK` and `zh-MO` are `zh-Hant`, other Chinese is `zh-Hans`.

Two defaults need a decision, and both follow the language's official,
majority usage today: a bare `zh` is Simplified Chinese (`zh-Hans`) and a
bare `uz` (or `uzb`, `uzn`) is Uzbek in Latin script (`uz-Latn`, official
in Uzbekistan since 1995). A Cyrillic Uzbek text must be declared `uz-Cyrl`;
declared `uz`, its script does not match and reading it is refused with a
message that says so, rather than guessed: two files of a set declared `uz`
in different scripts would otherwise silently become two languages.
"""
from __future__ import annotations

from functools import lru_cache

import pycountry

from .coverage import DEFAULT_SCRIPT

# Scripts that select a different profile or reading for these languages; every other script subtag of them
# is either their usual script (dropped) or kept as given, for the generic profile.
MULTI_SCRIPT = {"zh": "Hans", "uz": "Latn", "sr": "Cyrl", "az": "Latn", "pa": "Guru", "mn": "Cyrl"}
# Where a region implies another script than the language's usual one (Chinese of Taiwan, Hong Kong, Macao).
REGION_SCRIPT = {("zh", "TW"): "Hant", ("zh", "HK"): "Hant", ("zh", "MO"): "Hant"}
# ISO 639-3 codes of individual languages inside a macrolanguage that users and MT toolkits write for it.
_MEMBERS = {"cmn": "zh", "uzn": "uz", "uzs": "uz", "pes": "fa", "prs": "fa", "arb": "ar", "zsm": "ms",
            "nob": "no", "khk": "mn", "lvs": "lv", "ekk": "et", "azj": "az", "plt": "mg", "npi": "ne", "swh": "sw",
            "ydd": "yi", "gaz": "om", "ory": "or", "quy": "qu", "tgl": "tl", "fil": "tl"}


class UnknownLanguage(ValueError):
    """A tag that names no language: the message says what part of it is wrong."""


def _language_code(subtag: str, tag: str) -> str:
    code = subtag.lower()
    if code in _MEMBERS:
        return _MEMBERS[code]
    if len(code) == 2:
        found = pycountry.languages.get(alpha_2=code)
    elif len(code) == 3:
        found = pycountry.languages.get(alpha_3=code) or pycountry.languages.get(bibliographic=code)
    else:
        found = None
    if found is None:
        raise UnknownLanguage(f"unknown language tag {tag!r}: {subtag!r} is no ISO 639 language code")
    return getattr(found, "alpha_2", None) or found.alpha_3


def _script_code(subtag: str, tag: str) -> str:
    code = subtag.title()
    if pycountry.scripts.get(alpha_4=code) is None:
        raise UnknownLanguage(f"unknown language tag {tag!r}: {subtag!r} is no ISO 15924 script")
    return code


@lru_cache(maxsize=None)
def normalise_tag(tag: str) -> str:
    """The canonical tag of `tag` (see the module notes); raises `UnknownLanguage` for anything that is not one."""
    if not isinstance(tag, str) or not tag.strip():
        raise UnknownLanguage(f"empty language tag {tag!r}")
    parts = tag.strip().replace("_", "-").split("-")
    language = _language_code(parts[0], tag)
    script = region = None
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha() and script is None and region is None:
            script = _script_code(part, tag)
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            if region is not None:
                raise UnknownLanguage(f"unknown language tag {tag!r}: two region subtags")
            region = part.upper()
        else:
            raise UnknownLanguage(f"unknown language tag {tag!r}: cannot read the subtag {part!r}"
                                  " (expected language[-Script][-REGION], e.g. uz-Latn or zh-Hans)")
    if script is None:
        script = REGION_SCRIPT.get((language, region or ""), MULTI_SCRIPT.get(language))
    if script is not None and language not in MULTI_SCRIPT and script == DEFAULT_SCRIPT.get(language):
        script = None
    return f"{language}-{script}" if script else language


def language_subtag(tag: str) -> str:
    """The language part of a canonical tag: `uz` for `uz-Cyrl`."""
    return normalise_tag(tag).split("-")[0]


def script_subtag(tag: str) -> str | None:
    """The script a canonical tag names or implies (`Cyrl` for `kk`), None where nothing is known."""
    canonical = normalise_tag(tag)
    if "-" in canonical:
        return canonical.split("-")[1]
    return DEFAULT_SCRIPT.get(canonical)


def english_name(tag: str) -> str:
    """The language's English name from ISO 639 (`Kyrgyz`), with the script where the tag names one."""
    canonical = normalise_tag(tag)
    language = canonical.split("-")[0]
    found = pycountry.languages.get(alpha_2=language) if len(language) == 2 else \
        pycountry.languages.get(alpha_3=language)
    name = str(getattr(found, "common_name", None) or getattr(found, "name", canonical))
    name = name.split(";")[0].split(" (")[0]
    if "-" in canonical:
        script = pycountry.scripts.get(alpha_4=canonical.split("-")[1])
        name += f" ({getattr(script, 'name', canonical).split(' (')[0]})"
    return name


def short_tag(tag: str) -> str:
    """The shortest spelling of a canonical tag that reads back as it: `zh` for `zh-Hans`, `uz` for `uz-Latn`,
    `uz-Cyrl` for itself. Names derived from a language (a system's name, a file's) use it, so a set's output
    names read as people write the languages."""
    canonical = normalise_tag(tag)
    language = canonical.split("-")[0]
    return language if normalise_tag(language) == canonical else canonical


def names_language(word: str, tag: str) -> bool:
    """Whether `word` (a file stem, a label) is a spelling of the language `tag`."""
    try:
        return normalise_tag(word) == normalise_tag(tag)
    except UnknownLanguage:
        return False
