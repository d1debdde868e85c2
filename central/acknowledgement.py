"""The acknowledgement mail ("Un courriel d'accusé de réception vous est adressé avec un lien permettant de suivre
votre demande"): written in French, queued in the transaction that creates the request.

Queued, not sent: the mail row commits with the request or not at all (a rollback takes it away, a crash after
commit leaves it for the sender), and UNIQUE (request, kind) keeps it single whatever replays happen.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from central import mail_outbox
from central.models import ProcedureRevision, Request
from sync.protocol import SubmitBody

KIND = "acknowledgement"


@dataclass(frozen=True, slots=True)
class Acknowledgement:
    subject: str
    text: str
    html: str


def compose(number: str, procedure_title: str, code: str, link: str) -> Acknowledgement:
    """The mail in plain text and in simple HTML, saying the same: nothing about the requester but the code."""
    subject = f"Accusé de réception de votre demande n° {number}"
    text = (
        "Bonjour,\n\n"
        f"Votre demande « {procedure_title} » a bien été reçue par la mairie.\n\n"
        f"Numéro de la demande : {number}\n"
        f"Code de suivi : {code}\n\n"
        "Pour suivre votre demande, ouvrez ce lien :\n"
        f"{link}\n\n"
        "Vous pouvez aussi saisir le code de suivi sur une borne de la mairie.\n\n"
        "Ce courriel est envoyé automatiquement : merci de ne pas y répondre.\n"
    )
    e = html.escape
    body = (
        '<!DOCTYPE html>\n<html lang="fr">\n<head><meta charset="utf-8">'
        f"<title>{e(subject)}</title></head>\n<body>\n"
        "<p>Bonjour,</p>\n"
        f"<p>Votre demande « {e(procedure_title)} » a bien été reçue par la mairie.</p>\n"
        "<ul>\n"
        f"<li>Numéro de la demande : <strong>{e(number)}</strong></li>\n"
        f"<li>Code de suivi : <strong>{e(code)}</strong></li>\n"
        "</ul>\n"
        f'<p><a href="{e(link)}">Suivre ma demande</a></p>\n'
        f"<p>Adresse du suivi : {e(link)}</p>\n"
        "<p>Vous pouvez aussi saisir le code de suivi sur une borne de la mairie.</p>\n"
        "<p>Ce courriel est envoyé automatiquement : merci de ne pas y répondre.</p>\n"
        "</body>\n</html>\n"
    )
    return Acknowledgement(subject, text, body)


def procedure_title(session: Session, slug: str, revision: int) -> str:
    """The French title of the revision the request was made against; its slug if central does not hold it."""
    content = session.scalar(
        select(ProcedureRevision.content_json).where(
            ProcedureRevision.slug == slug, ProcedureRevision.revision == revision
        )
    )
    if content is None:
        return slug
    title = json.loads(content).get("title", {})
    found = title.get("fr") if isinstance(title, dict) else None
    return found if isinstance(found, str) and found else slug


@dataclass(frozen=True, slots=True)
class PendingAcknowledgement:
    """An acknowledgement waiting for its request's number: the rest is read before the transaction takes the
    number, and with it the counter's lock that it holds until commit."""

    recipient: str
    code: str
    link: str
    procedure_title: str
    message_id: str

    def queue(self, session: Session, request: Request, now: dt.datetime) -> None:
        """Add the mail to the outbox, in the caller's transaction (flushed with its next statement)."""
        message = compose(request.number, self.procedure_title, self.code, self.link)
        mail_outbox.queue(
            session,
            kind=KIND,
            message_id=self.message_id,
            recipient=self.recipient,
            subject=message.subject,
            text=message.text,
            html=message.html,
            now=now,
            request_id=request.id,
        )


class Acknowledger:
    """What the op service calls: ``prepare`` (then the pending mail's ``queue``) inside the transaction creating
    a request, ``wake`` after its commit (to send at once rather than at the sender's next round)."""

    def __init__(self, tracking_page: Callable[[str], str], mail_from: str, wake: Callable[[], None]) -> None:
        self._tracking_page = tracking_page
        self._mail_from = mail_from
        self.wake = wake

    def prepare(self, session: Session, request: Request, body: SubmitBody) -> PendingAcknowledgement | None:
        """The mail of ``request`` but its number, to ``queue`` once numbered; None when no address was given."""
        email = body.requester.email.strip()
        if not email:
            return None
        title = procedure_title(session, request.procedure_slug, request.procedure_revision)
        link = self._tracking_page(body.tracking_code)
        return PendingAcknowledgement(
            email, body.tracking_code, link, title, mail_outbox.new_message_id(self._mail_from)
        )
