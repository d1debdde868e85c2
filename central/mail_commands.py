"""``central mail send|list|show``: flush the mail outbox by hand, and read the mails written to the outbox folder
(when no SMTP server is configured, that folder is where the acknowledgements go)."""

from __future__ import annotations

import argparse
import sys
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from central.config import CentralSettings
from central.mail_sender import MailSender, waiting_count
from central.mail_transport import folder_mails, transport_for


def send(settings: CentralSettings, sessions: sessionmaker[Session]) -> str:
    sender = MailSender(sessions, transport_for(settings), settings.mail_from, settings.mail_retry_s)
    report = sender.send_due(waiting_too=True)
    return (
        f"{report.sent} mail(s) sent, {report.deferred} to retry later, {report.failed} refused for good; "
        f"{waiting_count(sessions)} waiting."
    )


def send_command(args: argparse.Namespace) -> int:
    from central.cli import _sessions, _settings

    with _sessions(args) as sessions:
        print(send(_settings(args), sessions))
    return 0


def _read(path: Path) -> EmailMessage:
    with path.open("rb") as fh:
        message = BytesParser(policy=policy.default).parse(fh)
    assert isinstance(message, EmailMessage)
    return message


def list_command(args: argparse.Namespace) -> int:
    from central.cli import _settings

    settings = _settings(args)
    folder = settings.mail_folder
    mails = folder_mails(folder)
    if settings.smtp_host:
        print(f"Mails go through the SMTP server {settings.smtp_host}:{settings.smtp_port} (central mail send).")
    if not mails:
        print(f"No mail in {folder}.")
        return 0
    table = [("ID", "DATE", "TO", "SUBJECT")]
    for mail_id, path in mails:
        message = _read(path)
        table.append((str(mail_id), str(message["Date"]), str(message["To"]), str(message["Subject"])))
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]) - 1)]
    for line in table:
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=False)) + "  " + line[-1])
    return 0


def show_command(args: argparse.Namespace) -> int:
    from central.cli import _settings

    folder = _settings(args).mail_folder
    path = dict(folder_mails(folder)).get(args.id)
    if path is None:
        print(f"central: no mail {args.id} in {folder}", file=sys.stderr)
        return 1
    message = _read(path)
    for header in ("From", "To", "Date", "Subject", "Message-ID"):
        print(f"{header}: {message[header]}")
    body = message.get_body(preferencelist=("plain",))
    print()
    print(body.get_content() if isinstance(body, EmailMessage) else "")
    return 0
