"""Adding a mail to the outbox table (``central.mail_sender`` delivers it after commit), as every kind of mail does
it: the acknowledgement of a request, and the mails about a citizen's account. And the date and time they show."""

from __future__ import annotations

import datetime as dt
from email.utils import make_msgid
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from central.models import Mail


def new_message_id(mail_from: str) -> str:
    """A Message-ID in the domain of the sender's address (RFC 5322 §3.6.4), made once: a mail sent again keeps it."""
    return make_msgid(domain=mail_from.rpartition("@")[2] or "localhost")


def queue(
    session: Session,
    *,
    kind: str,
    message_id: str,
    recipient: str,
    subject: str,
    text: str,
    html: str,
    now: dt.datetime,
    request_id: int | None = None,
) -> None:
    """Add the mail to the outbox, in the caller's transaction (flushed with its next statement), due now."""
    session.add(
        Mail(
            request_id=request_id,
            kind=kind,
            message_id=message_id,
            recipient=recipient,
            subject=subject,
            body_text=text,
            body_html=html,
            created_at=now,
            attempts=0,
            next_attempt_at=now,
        )
    )


def local_time(moment: dt.datetime, zone: ZoneInfo) -> str:
    """A moment as the mails and the pages say it, in the town's zone: "30/11/2026 à 14:05"."""
    return moment.astimezone(zone).strftime("%d/%m/%Y à %H:%M")
