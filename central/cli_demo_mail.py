"""The parsers of ``central seed`` and ``central mail``: light, so that ``central --help`` stays quick; each handler
imports its module when it runs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_mail_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    mail = sub.add_parser("mail", help="the acknowledgement mails")
    mail_sub = mail.add_subparsers(dest="mail_command", required=True)
    mail_sub.add_parser("send", help="send the mails waiting now, retries included").set_defaults(handler=_mail_send)
    mail_sub.add_parser("list", help="the mails in the outbox folder (no SMTP configured)").set_defaults(
        handler=_mail_list
    )
    show = mail_sub.add_parser("show", help="one mail of the outbox folder, as its recipient reads it")
    show.add_argument("id", type=int)
    show.set_defaults(handler=_mail_show)


def _mail_send(args: argparse.Namespace) -> int:
    from central.mail_commands import send_command

    return send_command(args)


def _mail_list(args: argparse.Namespace) -> int:
    from central.mail_commands import list_command

    return list_command(args)


def _mail_show(args: argparse.Namespace) -> int:
    from central.mail_commands import show_command

    return show_command(args)


def add_seed_command(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    seed = sub.add_parser("seed", help="fill central with demo data (running it again changes nothing)")
    seed.add_argument("--demo", action="store_true", required=True, help="the demo catalogue, slots, kiosk, requests")
    seed.add_argument("--resources", type=Path, help="the resources folder (default: the shipped one)")
    seed.add_argument(
        "--token-file", type=Path, help="write the demo kiosk's token there (0600) instead of printing it"
    )
    seed.set_defaults(handler=_seed)


def _seed(args: argparse.Namespace) -> int:
    from central.cli import _sessions, _settings
    from central.seed import DEMO_KIOSK, demo_resources, seed_demo, write_token_file

    with _sessions(args) as sessions:
        report = seed_demo(_settings(args), sessions, args.resources or demo_resources())
    for line in report.lines:
        print(line, file=sys.stderr)
    if report.token is not None:
        if args.token_file is not None:
            write_token_file(args.token_file, report.token)
            print(f"The token of {DEMO_KIOSK} is in {args.token_file}.", file=sys.stderr)
        else:
            # The token alone on stdout, as `central kiosk add` prints it: TOKEN=$(central seed --demo)
            print(report.token)
    return 0
