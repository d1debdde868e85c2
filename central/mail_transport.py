"""How a mail leaves central: SMTP (smtplib, with timeouts) when configured, else one ``.eml`` file per mail in
the outbox folder that ``central mail list|show`` reads.

A transport raises ``MailRefused`` for a mail the server will never take (a refused recipient: retrying is of no
use) and ``MailDeferred`` for anything that may pass later (server down, timeout, 4xx). Their messages are error
classes and SMTP codes only: never an address, for they are logged and stored.
"""

from __future__ import annotations

import datetime as dt
import re
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path
from typing import Protocol

from central.config import CentralSettings
from central.private_files import write_private

SMTP_TIMEOUT_S = 15
MAIL_FILE = re.compile(r"^mail-([0-9]{1,12})\.eml$")


class MailDeferred(Exception):  # noqa: N818  (an outcome, not a bug)
    """The mail could not be handed over now; retry later."""


class MailRefused(Exception):  # noqa: N818
    """The server refused the mail for good."""


@dataclass(frozen=True, slots=True)
class OutgoingMail:
    id: int
    message_id: str
    sender: str
    recipient: str
    subject: str
    text: str
    html: str
    created_at: dt.datetime

    def message(self) -> EmailMessage:
        message = EmailMessage(policy=SMTP)
        message["From"] = self.sender
        message["To"] = self.recipient
        message["Subject"] = self.subject
        message["Date"] = format_datetime(self.created_at)
        # The same Message-ID on every attempt: a mail handed over twice (a crash between the server's OK and our
        # record of it) is recognisable as one by the receiving side.
        message["Message-ID"] = self.message_id
        message["Auto-Submitted"] = "auto-generated"
        message.set_content(self.text)
        message.add_alternative(self.html, subtype="html")
        return message


class Transport(Protocol):
    def deliver(self, mail: OutgoingMail) -> None: ...


def transport_for(settings: CentralSettings) -> Transport:
    if settings.smtp_host:
        return SmtpTransport(settings)
    return FolderTransport(settings.mail_folder)


class SmtpTransport:
    def __init__(self, settings: CentralSettings) -> None:
        self._settings = settings

    def deliver(self, mail: OutgoingMail) -> None:
        s = self._settings
        try:
            client: smtplib.SMTP
            if s.smtp_security == "ssl":
                client = smtplib.SMTP_SSL(
                    s.smtp_host, s.smtp_port, timeout=SMTP_TIMEOUT_S, context=ssl.create_default_context()
                )
            else:
                client = smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=SMTP_TIMEOUT_S)
            with client:
                if s.smtp_security == "starttls":
                    client.starttls(context=ssl.create_default_context())
                if s.smtp_user:
                    client.login(s.smtp_user, s.smtp_password)
                client.send_message(mail.message(), from_addr=mail.sender, to_addrs=[mail.recipient])
        except smtplib.SMTPRecipientsRefused as exc:
            codes = sorted({code for code, _ in exc.recipients.values()})
            if all(code >= 500 for code in codes):
                raise MailRefused(f"SMTPRecipientsRefused {codes}") from None
            raise MailDeferred(f"SMTPRecipientsRefused {codes}") from None
        except smtplib.SMTPResponseException as exc:
            # 5xx on the message itself (too big, policy) is final; anything else may pass later.
            if 500 <= exc.smtp_code < 600 and not isinstance(exc, smtplib.SMTPAuthenticationError):
                raise MailRefused(f"{type(exc).__name__} {exc.smtp_code}") from None
            raise MailDeferred(f"{type(exc).__name__} {exc.smtp_code}") from None
        except (smtplib.SMTPException, OSError) as exc:  # timeouts are OSErrors
            raise MailDeferred(type(exc).__name__) from None


class FolderTransport:
    """Each mail as ``mail-ID.eml`` (0600, in a 0700 folder), written whole or not at all: a temporary file,
    fsync, rename. Written again after a crash, it replaces itself: one file per mail, always."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def deliver(self, mail: OutgoingMail) -> None:
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            write_private(self.folder / f"mail-{mail.id}.eml", mail.message().as_bytes())
        except OSError as exc:
            raise MailDeferred(f"{type(exc).__name__} {exc.errno}") from None


def folder_mails(folder: Path) -> list[tuple[int, Path]]:
    """The mails of the outbox folder, by id."""
    try:
        names = [(int(m.group(1)), folder / m.group(0)) for p in folder.iterdir() if (m := MAIL_FILE.match(p.name))]
    except FileNotFoundError:
        return []
    return sorted(names)
