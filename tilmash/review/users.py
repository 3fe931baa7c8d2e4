"""`tilmash users add|list|remove|passwd`: the accounts of a review workbench.

Accounts live in the review state (STATE/review.sqlite). The first account
turns the workbench into a team's: every name the name-only state recorded
becomes an account too (translator, no password: it cannot log in until an
admin runs `passwd`). A password comes from the terminal (asked twice) or
from the first line of `--password-file`, never from the command line, and
is never printed.
"""
from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from corpus.errors import InputError

from .accounts import ROLES, AccountError, Accounts


def add_parser(sub: argparse._SubParsersAction, default_set: Path) -> None:
    p = sub.add_parser("users", help="manage the accounts of a review workbench (translator, reviewer, admin)",
                       description="Accounts of `tilmash review`, kept in STATE/review.sqlite. With any account the"
                                   " workbench asks for a login and enforces roles and the four-eyes rule.")
    p.add_argument("--state", metavar="DIR", help="review state directory (default out/<set-id>.review of --set)")
    p.add_argument("--set", dest="set_dir", default=str(default_set), metavar="SET_DIR",
                   help=f"the set whose default state to use (default {default_set})")
    actions = p.add_subparsers(dest="action", required=True, metavar="add|list|remove|passwd")
    add = actions.add_parser("add", help="add an account")
    add.add_argument("name")
    add.add_argument("--role", choices=ROLES, required=True)
    add.add_argument("--password-file", metavar="FILE", help="read the password from the first line of FILE")
    actions.add_parser("list", help="list the accounts and whether each can log in")
    remove = actions.add_parser("remove", help="remove an account (its history keeps the name)")
    remove.add_argument("name")
    passwd = actions.add_parser("passwd", help="set an account's password (ends its sessions)")
    passwd.add_argument("name")
    passwd.add_argument("--password-file", metavar="FILE")
    p.set_defaults(func=cmd_users)


def _password(path: str | None) -> str:
    if path:
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError:
            raise InputError(path, "a password file must be UTF-8 text") from None
        if not lines or not lines[0]:
            raise InputError(path, "the first line (the password) is empty", 1)
        return lines[0]
    first = getpass.getpass("password: ")
    if getpass.getpass("again: ") != first:
        raise InputError("password", "the two passwords differ")
    return first


def cmd_users(args: argparse.Namespace) -> int:
    from corpus.docset import load_set

    from .app import TOKEN_TTL
    from .store import Store
    from .workbench import STATE_FILE, default_state_dir

    state = Path(args.state) if args.state else default_state_dir(load_set(args.set_dir))
    accounts = Accounts(Store(state / STATE_FILE), TOKEN_TTL)
    try:
        if args.action == "list":
            for account in accounts.all():
                login = "" if account["can_log_in"] else "  (no password: cannot log in)"
                print(f"{account['name']}\t{account['role']}{login}")
        elif args.action == "add":
            password = _password(args.password_file)
            migrated = accounts.migrate() if not accounts.exist() else []
            accounts.add(args.name, args.role, password)
            print(f"added {args.role} {args.name}", file=sys.stderr)
            if migrated:
                print(f"the earlier names became accounts without a password: {', '.join(migrated)}"
                      " (`tilmash users passwd NAME` lets one in)", file=sys.stderr)
        elif args.action == "remove":
            accounts.remove(args.name)
            print(f"removed {args.name}", file=sys.stderr)
        else:
            accounts.set_password(args.name, _password(args.password_file))
            print(f"password of {args.name} set; its sessions ended", file=sys.stderr)
    except AccountError as exc:
        raise InputError(getattr(args, "name", "users"), str(exc)) from None
    return 0
