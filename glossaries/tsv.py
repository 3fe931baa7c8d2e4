"""Term bases as TSV, the format people edit: `id`, then per language `xx`, `xx_variants`,
`xx_forbidden`, then `note`; lists are `|`-separated; one concept per row.
`xx` is any language tag (`ru`, `zh`, `uz-Latn`, `kaz`); two columns that
name one language (`zh` and `zh-Hans`) are an error.

Cells are never quoted. A quote at the edge of a cell or an odd number of
quotes is almost always a spreadsheet's CSV quoting leaking in, so it is an
error rather than a term.
"""
from __future__ import annotations

from pathlib import Path

from corpus.errors import InputError
from corpus.languages import UnknownLanguage, normalise_tag
from corpus.limits import TERMBASE_CONCEPTS
from corpus.textio import atomic_write_text, line_of_offset, read_bytes
from corpus.textrules import describe, first_forbidden

from .model import Concept, TermBase, Terms, term_problem


def _split(cell: str) -> tuple[str, ...]:
    return tuple(t.strip() for t in cell.split("|") if t.strip())


def _header(fields: list[str], path: Path) -> tuple[str, ...]:
    if not fields or fields[0] != "id":
        raise InputError(path, "header must start with the column `id`", 1)
    if fields[-1] != "note":
        raise InputError(path, "header must end with the column `note`", 1)
    middle = fields[1:-1]
    langs = tuple(f for f in middle if "_" not in f)
    if not langs:
        raise InputError(path, "header names no language column (e.g. ru, en)", 1)
    expected = [c for lang in langs for c in (lang, f"{lang}_variants", f"{lang}_forbidden")]
    for column in expected:
        if column not in middle:
            raise InputError(path, f"missing column `{column}`", 1)
    if middle != expected:
        extra = [c for c in middle if c not in expected]
        raise InputError(path, f"unexpected column `{extra[0]}`" if extra else
                         "columns must come per language as xx, xx_variants, xx_forbidden", 1)
    seen: dict[str, str] = {}
    for lang in langs:
        try:
            tag = normalise_tag(lang)
        except UnknownLanguage as exc:
            raise InputError(path, f"column `{lang}`: {exc}", 1) from None
        if tag in seen:
            raise InputError(path, f"columns `{seen[tag]}` and `{lang}` are both {tag}", 1)
        seen[tag] = lang
    return langs


def read_tsv(path: str | Path) -> TermBase:
    path = Path(path)
    raw = read_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, "not UTF-8 (term bases must be UTF-8)", line_of_offset(raw, exc.start)) from None
    text = text.replace("\r\n", "\n")
    bad = first_forbidden(text)  # one search over the whole file (corpus.textrules), plus the stray CR
    if bad is None and "\r" in text:
        bad = text.index("\r")
    if bad is not None:
        raise InputError(path, f"{describe(text[bad])} in a cell", text.count("\n", 0, bad) + 1)
    lines = text.split("\n")
    header = lines[0].split("\t")
    langs = _header(header, path)
    TERMBASE_CONCEPTS.check(sum(1 for line in lines[1:] if line.strip()), path)
    concepts: list[Concept] = []
    seen: dict[str, int] = {}
    for lineno, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != len(header):
            raise InputError(path, f"expected {len(header)} tab-separated fields, found {len(cells)}"
                             " (a stray or missing tab?)", lineno)
        for cell in cells:
            if cell.count('"') % 2 or (cell.startswith('"') and cell.endswith('"') and len(cell) > 1):
                raise InputError(path, f"stray double quote in {cell[:40]!r} (cells are not quoted;"
                                 " write «» or “” inside terms)", lineno)
        concept_id = cells[0].strip()
        if not concept_id:
            raise InputError(path, "empty concept id", lineno)
        if concept_id in seen:
            raise InputError(path, f"duplicate concept id {concept_id!r} (first on line {seen[concept_id]})", lineno)
        seen[concept_id] = lineno
        terms = {}
        for k, lang in enumerate(langs):
            preferred, variants, forbidden = (cells[1 + 3 * k + j].strip() for j in range(3))
            entry = Terms(preferred, _split(variants), _split(forbidden))
            problem = term_problem(concept_id, lang, entry)
            if problem:
                raise InputError(path, problem, lineno)
            terms[lang] = entry
        concepts.append(Concept(concept_id, terms, cells[-1].strip()))
    if not concepts:
        raise InputError(path, "no concepts: the term base is empty")
    return TermBase(concepts, langs, str(path))


def format_tsv(termbase: TermBase) -> str:
    header = ["id", *(c for lang in termbase.languages for c in (lang, f"{lang}_variants", f"{lang}_forbidden")), "note"]
    rows = ["\t".join(header)]
    for concept in termbase.concepts:
        cells = [concept.id]
        for lang in termbase.languages:
            t = concept.terms[lang]
            cells += [t.preferred, "|".join(t.variants), "|".join(t.forbidden)]
        cells.append(concept.note)
        rows.append("\t".join(cells))
    return "\n".join(rows) + "\n"


def write_tsv(termbase: TermBase, path: str | Path) -> None:
    atomic_write_text(path, format_tsv(termbase))
