"""Term bases as TSV, the format people edit: `id`, then per language `xx` (preferred), `xx_variants`
(admitted), `xx_forbidden`, and optionally `xx_deprecated`, `xx_superseded` (TBX's statuses) and `xx_case`
(the terms that match with their capitals); then optionally `pos` (TBX-Basic part of speech: noun,
properNoun, ...) and `dnt` (`yes`: do not translate), then `note`. Lists are `|`-separated; one concept per
row. `xx` is any language tag (`ru`, `zh`, `uz-Latn`, `kaz`); two columns that name one language (`zh` and
`zh-Hans`) are an error. Optional columns are written back when the file had them or a concept needs them.

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

from .model import Concept, TermBase, Terms, concept_problem, term_problem

LANGUAGE_COLUMNS = ("variants", "forbidden")  # always there, after the preferred term's column
OPTIONAL_LANGUAGE_COLUMNS = ("deprecated", "superseded", "case")  # in this order where present
CONCEPT_COLUMNS = ("pos", "dnt")  # optional, in this order, before `note`
YES, NO = ("yes", "true", "1", "y"), ("", "no", "false", "0", "n")


def _split(cell: str) -> tuple[str, ...]:
    return tuple(t.strip() for t in cell.split("|") if t.strip())


def _layout(langs: tuple[str, ...], optional: set[str]) -> list[str]:
    """The header for these languages with those optional columns present."""
    columns = ["id"]
    for lang in langs:
        columns += [lang, *(f"{lang}_{c}" for c in LANGUAGE_COLUMNS)]
        columns += [f"{lang}_{c}" for c in OPTIONAL_LANGUAGE_COLUMNS if f"{lang}_{c}" in optional]
    return columns + [c for c in CONCEPT_COLUMNS if c in optional] + ["note"]


def _header(fields: list[str], path: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The language columns and the optional columns of a header."""
    if not fields or fields[0] != "id":
        raise InputError(path, "header must start with the column `id`", 1)
    if fields[-1] != "note":
        raise InputError(path, "header must end with the column `note`", 1)
    middle = fields[1:-1]
    langs = tuple(f for f in middle if "_" not in f and f not in CONCEPT_COLUMNS)
    if not langs:
        raise InputError(path, "header names no language column (e.g. ru, en)", 1)
    for column in (c for lang in langs for c in (lang, *(f"{lang}_{s}" for s in LANGUAGE_COLUMNS))):
        if column not in middle:
            raise InputError(path, f"missing column `{column}`", 1)
    optional = tuple(f for f in middle if f in CONCEPT_COLUMNS
                     or any(f == f"{lang}_{c}" for lang in langs for c in OPTIONAL_LANGUAGE_COLUMNS))
    if fields != _layout(langs, set(optional)):
        known = set(_layout(langs, set(optional)))
        extra = [c for c in fields if c not in known]
        raise InputError(path, f"unexpected column `{extra[0]}`" if extra else
                         "columns must come per language as xx, xx_variants, xx_forbidden[, xx_deprecated,"
                         " xx_superseded, xx_case], then [pos, dnt,] note", 1)
    seen: dict[str, str] = {}
    for lang in langs:
        try:
            tag = normalise_tag(lang)
        except UnknownLanguage as exc:
            raise InputError(path, f"column `{lang}`: {exc}", 1) from None
        if tag in seen:
            raise InputError(path, f"columns `{seen[tag]}` and `{lang}` are both {tag}", 1)
        seen[tag] = lang
    return langs, optional


def _flag(cell: str, path: Path, lineno: int) -> bool:
    value = cell.strip().lower()
    if value not in YES + NO:
        raise InputError(path, f"dnt must be yes or empty, not {cell[:20]!r}", lineno)
    return value in YES


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
    langs, optional = _header(header, path)
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
        row = dict(zip(header, (c.strip() for c in cells)))
        concept_id = row["id"]
        if not concept_id:
            raise InputError(path, "empty concept id", lineno)
        if concept_id in seen:
            raise InputError(path, f"duplicate concept id {concept_id!r} (first on line {seen[concept_id]})", lineno)
        seen[concept_id] = lineno
        terms = {}
        for lang in langs:
            entry = Terms(row[lang], *(_split(row.get(f"{lang}_{c}", ""))
                                       for c in ("variants", "forbidden", *OPTIONAL_LANGUAGE_COLUMNS)))
            problem = term_problem(concept_id, lang, entry)
            if problem:
                raise InputError(path, problem, lineno)
            terms[lang] = entry
        concept = Concept(concept_id, terms, row["note"], row.get("pos", ""), _flag(row.get("dnt", ""), path, lineno))
        problem = concept_problem(concept)
        if problem:
            raise InputError(path, problem, lineno)
        concepts.append(concept)
    if not concepts:
        raise InputError(path, "no concepts: the term base is empty")
    return TermBase(concepts, langs, str(path), columns=optional)


def format_tsv(termbase: TermBase) -> str:
    optional = set(termbase.columns)
    for concept in termbase.concepts:
        optional.update(c for c, used in (("pos", concept.pos), ("dnt", concept.dnt)) if used)
        for lang in termbase.languages:
            optional.update(f"{lang}_{c}" for c in OPTIONAL_LANGUAGE_COLUMNS if getattr(concept.terms[lang], c))
    header = _layout(tuple(termbase.languages), optional)
    rows = ["\t".join(header)]
    for concept in termbase.concepts:
        row = {"id": concept.id, "pos": concept.pos, "dnt": "yes" if concept.dnt else "", "note": concept.note}
        for lang in termbase.languages:
            terms = concept.terms[lang]
            row[lang] = terms.preferred
            row.update({f"{lang}_{c}": "|".join(getattr(terms, c)) for c in (*LANGUAGE_COLUMNS, *OPTIONAL_LANGUAGE_COLUMNS)})
        rows.append("\t".join(row[c] for c in header))
    return "\n".join(rows) + "\n"


def write_tsv(termbase: TermBase, path: str | Path) -> None:
    atomic_write_text(path, format_tsv(termbase))
