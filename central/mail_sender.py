"""Delivers the mails of the outbox table after their transaction committed: in the serve process (a thread,
woken when a request queues a mail and every few seconds for the retries) and by ``central mail send``.

One sender at a time per mail, across workers: a mail is claimed by an UPDATE that only succeeds while nobody
holds it (``claimed_until`` past); the claim outlives any SMTP timeout. Once handed over, the mail is marked sent
and its bodies are emptied (they hold the tracking code in clear). A crash between the server's OK and that mark
hands the mail over once more when the claim expires, with the same Message-ID: SMTP gives no better; the
folder transport rewrites the same file, so there it is exactly once.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, or_, select, true, update
from sqlalchemy.orm import Session, sessionmaker

from central.mail_transport import MailDeferred, MailRefused, OutgoingMail, Transport
from central.models import Mail
from sync.clock import utc_now

log = logging.getLogger(__name__)

CLAIM = dt.timedelta(minutes=5)
MAX_ATTEMPTS = 12
MAX_RETRY = dt.timedelta(hours=1)
POLL_S = 5.0


@dataclass(frozen=True, slots=True)
class SendReport:
    sent: int = 0
    deferred: int = 0
    failed: int = 0


def retry_delay(attempts: int, first_s: int) -> dt.timedelta:
    """Doubling from ``first_s``, capped at an hour, less up to a quarter at random so workers do not align."""
    delay = min(MAX_RETRY.total_seconds(), first_s * 2 ** max(0, attempts - 1))
    return dt.timedelta(seconds=delay * (1 - random.random() / 4))  # spacing, not secrecy


class MailSender:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        transport: Transport,
        sender: str,
        retry_first_s: int,
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self._sessions = sessions
        self._transport = transport
        self._sender = sender
        self._retry_first_s = retry_first_s
        self._clock = clock

    def send_due(self, *, waiting_too: bool = False) -> SendReport:
        """Hand over every mail that is due now (``waiting_too``: also those waiting for a retry, as ``central mail
        send`` does once the server is back); each outcome is committed before the next mail."""
        sent = deferred = failed = 0
        tried: set[int] = set()
        while (mail := self._claim_next(tried, waiting_too)) is not None:
            tried.add(mail.id)
            outcome = self._deliver(mail)
            sent += outcome == "sent"
            deferred += outcome == "deferred"
            failed += outcome == "failed"
        return SendReport(sent, deferred, failed)

    def _claim_next(self, tried: set[int], waiting_too: bool) -> OutgoingMail | None:
        now = self._clock()
        free = or_(Mail.claimed_until.is_(None), Mail.claimed_until < now)
        due = true() if waiting_too else Mail.next_attempt_at <= now
        with self._sessions.begin() as session:
            candidates = session.scalars(
                select(Mail.id)
                .where(Mail.sent_at.is_(None), Mail.failed_at.is_(None), due, free)
                .order_by(Mail.id)
                .limit(len(tried) + 1)
            ).all()
            for mail_id in candidates:
                if mail_id in tried:
                    continue
                claimed = session.scalar(
                    update(Mail)
                    .where(Mail.id == mail_id, Mail.sent_at.is_(None), Mail.failed_at.is_(None), free)
                    .values(claimed_until=now + CLAIM, attempts=Mail.attempts + 1)
                    .returning(Mail.id)
                )
                if claimed is None:  # another sender took it between our read and our update
                    continue
                row = session.get_one(Mail, mail_id)
                return OutgoingMail(
                    id=row.id,
                    message_id=row.message_id,
                    sender=self._sender,
                    recipient=row.recipient,
                    subject=row.subject,
                    text=row.body_text,
                    html=row.body_html,
                    created_at=row.created_at,
                )
        return None

    def _deliver(self, mail: OutgoingMail) -> str:
        try:
            self._transport.deliver(mail)
        except MailRefused as refused:
            self._finish(mail.id, failed=str(refused))
            log.warning("mail_refused", extra={"mail": mail.id, "error": str(refused)})
            return "failed"
        except MailDeferred as deferred:
            return self._defer(mail.id, str(deferred))
        self._finish(mail.id)
        log.info("mail_sent", extra={"mail": mail.id})
        return "sent"

    def _finish(self, mail_id: int, failed: str | None = None) -> None:
        now = self._clock()
        with self._sessions.begin() as session:
            row = session.get_one(Mail, mail_id)
            row.claimed_until = None
            row.body_text = row.body_html = ""  # the tracking code in clear leaves the database
            if failed is None:
                row.sent_at = now
            else:
                row.failed_at, row.last_error = now, failed[:200]

    def _defer(self, mail_id: int, error: str) -> str:
        now = self._clock()
        with self._sessions.begin() as session:
            row = session.get_one(Mail, mail_id)
            if row.attempts >= MAX_ATTEMPTS:
                row.claimed_until, row.failed_at, row.last_error = None, now, error[:200]
                row.body_text = row.body_html = ""
                log.warning("mail_given_up", extra={"mail": mail_id, "attempts": row.attempts, "error": error})
                return "failed"
            row.claimed_until, row.last_error = None, error[:200]
            row.next_attempt_at = now + retry_delay(row.attempts, self._retry_first_s)
            log.info("mail_deferred", extra={"mail": mail_id, "attempts": row.attempts, "error": error})
        return "deferred"


class SenderThread:
    """The serve process's sender: runs ``send_due`` when woken (a mail was queued) and every ``POLL_S``."""

    def __init__(self, sender: MailSender, poll_s: float = POLL_S) -> None:
        self._sender = sender
        self._poll_s = poll_s
        self._wake = threading.Event()
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="mail-sender", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stopping = True
        self._wake.set()
        self._thread.join(timeout=30)

    def _run(self) -> None:
        while not self._stopping:
            self._wake.clear()  # before the round: a mail queued during it wakes the next one at once
            try:
                self._sender.send_due()
            except Exception:  # a database hiccup must not end the thread: the next round tries again
                log.exception("mail_sender_failed")
            self._wake.wait(self._poll_s)


def waiting_count(sessions: sessionmaker[Session]) -> int:
    """Mails not sent yet and not given up."""
    with sessions.begin() as session:
        return (
            session.scalar(
                select(func.count()).select_from(Mail).where(Mail.sent_at.is_(None), Mail.failed_at.is_(None))
            )
            or 0
        )
