"""Decoding Russian documents that are not UTF-8: cp1251 or KOI8-R, and refusing what is neither.

Both codecs map every byte to some character, so any bytes "decode": a file that is half
UTF-8 and half cp1251 comes out as one long stretch of mojibake, and random bytes as a
65,536-letter "word". Three checks stand between such bytes and the aligner:

- mixed encodings: a line that is valid UTF-8 with Cyrillic in it cannot come from a cp1251
  or KOI8-R file (their Cyrillic bytes do not form UTF-8 sequences), so a file with such
  lines and lines that are not UTF-8 holds two encodings;
- letter statistics: the codec is the one under which the commonest Russian letters make up
  most of the text (the wrong one permutes the alphabet; random bytes fit neither), and
  every line must be made of Russian or Kazakh letters, ASCII and a little typographic
  punctuation (bytes that were never text give lines full of other Cyrillic letters,
  box-drawing and currency signs);
- a second opinion from charset-normalizer, a maintained detector, restricted to the two
  codecs: where it finds no plausible decoding at all the file is refused, and where it
  prefers the other codec the document is read as the letter statistics say, with a warning
  (on a short text the detector is the one more often wrong).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

from .errors import InputError
from .script import KAZAKH_LETTERS, sample

CODECS = ("cp1251", "koi8-r")
_LETTERS = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ") | KAZAKH_LETTERS
_TYPOGRAPHY = frozenset("\u00a0\u00ab\u00bb\u00b0\u00a7\u00b1\u00d7\u00b7\u2010\u2011\u2012\u2013\u2014\u2015"
                        "\u2018\u2019\u201a\u201c\u201d\u201e\u2022\u2026\u2116\u2030\u20ac\u2122\u00a9\u00ae")
_FOREIGN = re.compile(f"[^\\x00-\\x7f\\s{''.join(sorted(_LETTERS | _TYPOGRAPHY))}]")
_COMMON = frozenset("оеаинтсрвлкмдпу")
_RUSSIAN_FIT = 0.65  # between the wrong codec (~0.55) and the right one (0.8 and more)
_FIT_LETTERS = 20  # fewer letters than this cannot fail the fit (but still choose the codec)
_FOREIGN_SHARE = 0.2  # of a line's visible characters; real text has ~0, the wrong bytes 0.4-0.6
_FOREIGN_MIN = 8  # a few stray symbols (a Ukrainian name, a math sign) are not enough
_UTF8_MIN = 3  # non-ASCII characters a UTF-8 line needs to count as evidence of a second encoding


@dataclass(frozen=True)
class Legacy:
    text: str
    encoding: str
    warnings: tuple[str, ...] = field(default=())


def russian_fit(text: str) -> tuple[float, int]:
    """How much `text` reads like Russian, 0 to 1, and how many Cyrillic letters that judges: the share of
    them, either case, that are among the fifteen commonest Russian letters (0.8 or more in real text,
    in capitals too).

    cp1251 and KOI8-R hold the same alphabet in different byte orders, so the wrong codec permutes
    the letters and the share drops to about 0.5, which is also what random bytes give. Text that is
    mostly Latin (a Latin-1 file, say) is not Cyrillic whatever it holds.
    """
    text = sample(text)
    cyrillic = [c.lower() for c in text if "\u0400" <= c <= "\u04ff" and c.isalpha()]
    latin = sum(1 for c in text if c.isascii() and c.isalpha())
    if not cyrillic or len(cyrillic) < latin:
        return 0.0, len(cyrillic)
    return sum(c in _COMMON for c in cyrillic) / len(cyrillic), len(cyrillic)


def mixed_encoding(data: bytes, path: Path) -> InputError | None:
    """The error for bytes holding both UTF-8 lines and lines that are not UTF-8, else None."""
    utf8: list[int] = []
    other: list[int] = []
    for lineno, line in enumerate(data.split(b"\n"), 1):
        if line.isascii():
            continue
        try:
            decoded = line.decode("utf-8")
        except UnicodeDecodeError:
            other.append(lineno)
            continue
        if sum(not c.isascii() for c in decoded) >= _UTF8_MIN:
            utf8.append(lineno)
    if not utf8 or not other:
        return None
    minority, kind = (other, "is not UTF-8") if len(utf8) >= len(other) else (utf8, "is UTF-8")
    return InputError(path, f"mixed encodings: {len(utf8)} lines are UTF-8 and {len(other)} are not; this line"
                            f" {kind}. Convert the whole file to one encoding (UTF-8)", minority[0])


def foreign_characters(line: str) -> int:
    """Visible characters of `line` that running Russian or Kazakh text does not use."""
    return len(_FOREIGN.findall(line))


def implausible_line(text: str) -> tuple[int, int, int] | None:
    """(line number, foreign characters, visible characters) of the first line that does not read as
    Cyrillic text, or None."""
    for lineno, line in enumerate(text.split("\n"), 1):
        foreign = foreign_characters(line)
        if foreign >= _FOREIGN_MIN:
            visible = sum(1 for c in line if not c.isspace())
            if foreign > _FOREIGN_SHARE * visible:
                return lineno, foreign, visible
    return None


def decode_legacy(data: bytes, path: Path, utf8_error: UnicodeDecodeError, first_line: int) -> Legacy:
    """Decode bytes that are not UTF-8 as cp1251 or KOI8-R, or raise `InputError` saying why they are neither.

    `first_line` is the line of the first invalid UTF-8 byte, for the error when no codec fits at all.
    """
    mixed = mixed_encoding(data, path)
    if mixed is not None:
        raise mixed
    best: tuple[float, int, str, str] | None = None
    for codec in CODECS:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        fit, letters = russian_fit(text)
        if best is None or fit > best[0]:
            best = (fit, letters, codec, text)
    if best is None or best[0] == 0 or (best[0] < _RUSSIAN_FIT and best[1] >= _FIT_LETTERS):
        raise InputError(path, f"not UTF-8 (invalid byte 0x{data[utf8_error.start]:02x}) and not Cyrillic"
                               " cp1251/KOI8-R text", first_line)
    _, _, codec, text = best
    bad = implausible_line(text)
    if bad is not None:
        lineno, foreign, visible = bad
        raise InputError(path, f"not UTF-8, and as {codec} this line is not text: {foreign} of its {visible}"
                               " characters are neither Russian or Kazakh letters nor common punctuation"
                               " (binary data, or another encoding)", lineno)
    opinion = from_bytes(data, cp_isolation=list(CODECS)).best()
    if opinion is None:
        raise InputError(path, f"not UTF-8, and charset-normalizer finds no plausible cp1251 or KOI8-R reading"
                               " (binary data, or another encoding)", first_line)
    warnings: tuple[str, ...] = ()
    if opinion.encoding.replace("_", "-") != codec:
        warnings = (f"{path}: decoded as {codec} (its letters read as Russian), but charset-normalizer prefers"
                    f" {opinion.encoding.replace('_', '-')}: check the text",)
    return Legacy(text, codec, warnings)
