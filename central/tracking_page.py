"""The public follow-up page ("Suivi de la demande") that the acknowledgement mail and the kiosk's QR code link
to: a request found by its tracking code, shown with nothing personal (no name, no address, no answers, no
message text): its number, procedure, status and the dates of its history, in the town's time zone.

Plain French HTML, no script, no external resource, one inline style allowed by its hash in the CSP.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from central import html_page
from central.acknowledgement import procedure_title
from central.credentials import tracking_code_digest
from central.mail_outbox import local_time
from central.models import Request, RequestEvent

CODE_LETTERS = frozenset("BCDFGHJKLMNPQRSTVWXZ")
CODE_LENGTH = 8

STATUS_WORDS = {
    "draft": "Brouillon",
    "submitted": "Reçue par la mairie",
    "in_progress": "En cours de traitement",
    "awaiting_you": "En attente de votre part",
    "accepted": "Acceptée",
    "refused": "Refusée",
    "cancelled": "Annulée",
    "closed": "Clôturée",
}
_STATUS_EVENTS = {
    "submitted": "Demande reçue par la mairie",
    "in_progress": "Demande en cours de traitement",
    "awaiting_you": "La mairie attend une réponse de votre part",
    "accepted": "Demande acceptée",
    "refused": "Demande refusée",
    "cancelled": "Demande annulée",
    "closed": "Demande clôturée",
}
_KIND_WORDS = {
    "operation": "Opération sur la demande",
    "document": "Pièce jointe",
    "exchange": "Message de la mairie",
    "appointment": "Rendez-vous",
}


@dataclass(frozen=True, slots=True)
class TrackedRequest:
    number: str
    procedure: str
    status: str
    received_at: dt.datetime
    history: list[tuple[dt.datetime, str]]  # oldest first


def normalize_code(typed: str) -> str | None:
    """The code as printed ("BCDF GHJK", "bcdf-ghjk" are the same), or None if it cannot be one."""
    code = "".join(c for c in typed.upper() if c not in " -")
    return code if len(code) == CODE_LENGTH and set(code) <= CODE_LETTERS else None


def event_text(kind: str, code: str, status: str | None) -> str:
    if status is not None and code in {"submitted", "status_changed", "cancelled", "quota_reached"}:
        return _STATUS_EVENTS.get(status, _KIND_WORDS["operation"])
    return _KIND_WORDS.get(kind, _KIND_WORDS["operation"])


class TrackingLookup:
    def __init__(self, sessions: sessionmaker[Session], secret: bytes) -> None:
        self._sessions = sessions
        self._secret = secret

    def find(self, code: str | None) -> list[TrackedRequest]:
        """The requests with this code (normally one; two kiosks offline may rarely draw the same). A code that
        cannot be one is still digested and looked up, so that it answers in the same time as an unknown one."""
        digest = tracking_code_digest(self._secret, code or "-")
        with self._sessions.begin() as session:
            found = session.scalars(
                select(Request).where(Request.tracking_code_digest == digest).order_by(Request.id)
            ).all()
            if code is None:
                return []
            return [self._tracked(session, request) for request in found]

    @staticmethod
    def _tracked(session: Session, request: Request) -> TrackedRequest:
        events = session.execute(
            select(RequestEvent.created_at, RequestEvent.kind, RequestEvent.code, RequestEvent.status)
            .where(RequestEvent.request_id == request.id)
            .order_by(RequestEvent.id)
        )
        return TrackedRequest(
            number=request.number,
            procedure=procedure_title(session, request.procedure_slug, request.procedure_revision),
            status=STATUS_WORDS.get(request.status, request.status),
            received_at=request.created_at,
            history=[(at, event_text(kind, code, status)) for at, kind, code, status in events],
        )


STYLE = (
    "body{font-family:sans-serif;max-width:40rem;margin:1rem auto;padding:0 1rem;line-height:1.5;color:#111;"
    "background:#fff}"
    "dt{font-weight:bold}dd{margin:0 0 .5rem 0}"
    "table{border-collapse:collapse;width:100%}th,td{border:1px solid #666;padding:.3rem .5rem;text-align:left}"
    "label{display:block;font-weight:bold}input{font-size:1.2rem;padding:.3rem;letter-spacing:.1rem}"
    "button{font-size:1.1rem;padding:.3rem 1rem;margin-left:.5rem}"
    ":focus{outline:3px solid #0050b3;outline-offset:2px}"
)
HEADERS = html_page.headers_for(STYLE)


def _form(typed: str = "") -> str:
    return (
        '<form method="get" action="/suivi">\n'
        '<label for="code">Code de suivi (8 lettres)</label>\n'
        f'<input id="code" name="code" type="text" value="{html.escape(typed)}" autocomplete="off" '
        'autocapitalize="characters" spellcheck="false" maxlength="20" aria-describedby="code-aide" required>'
        '<button type="submit">Suivre</button>\n'
        '<p id="code-aide">Le code figure sur le reçu de la borne et dans le courriel d\'accusé de réception.</p>\n'
        "</form>\n"
    )


def _document(title: str, main: str) -> str:
    return html_page.document(title, main, STYLE, "Suivi de la demande")


def form_page() -> str:
    return _document("Suivre une demande", "<h1>Suivre une demande</h1>\n" + _form())


def not_found_page(typed: str) -> str:
    return _document(
        "Aucune demande",
        "<h1>Suivi de la demande</h1>\n"
        '<p role="status">Aucune demande ne correspond à ce code de suivi. Vérifiez les 8 lettres du code.</p>\n'
        + _form(typed),
    )


def too_many_page() -> str:
    return _document(
        "Trop de consultations",
        "<h1>Suivi de la demande</h1>\n"
        '<p role="status">Trop de consultations en peu de temps. Réessayez dans quelques minutes.</p>\n',
    )


def found_page(requests: Sequence[TrackedRequest], zone: ZoneInfo) -> str:
    parts = ["<h1>Suivi de la demande</h1>\n"]
    for tracked in requests:
        e = html.escape
        rows = "".join(
            f"<tr><td>{e(local_time(at, zone))}</td><td>{e(text)}</td></tr>\n" for at, text in tracked.history
        )
        parts.append(
            f'<section aria-labelledby="demande-{e(tracked.number)}">\n'
            f'<h2 id="demande-{e(tracked.number)}">Demande n° {e(tracked.number)}</h2>\n'
            "<dl>\n"
            f"<dt>Numéro</dt><dd>{e(tracked.number)}</dd>\n"
            f"<dt>Démarche</dt><dd>{e(tracked.procedure)}</dd>\n"
            f"<dt>État</dt><dd>{e(tracked.status)}</dd>\n"
            f"<dt>Reçue le</dt><dd>{e(local_time(tracked.received_at, zone))}</dd>\n"
            "</dl>\n"
            "<table>\n<caption>Historique de la demande</caption>\n"
            '<thead><tr><th scope="col">Date</th><th scope="col">Événement</th></tr></thead>\n'
            f"<tbody>\n{rows}</tbody>\n</table>\n</section>\n"
        )
    parts.append("<h2>Suivre une autre demande</h2>\n" + _form())
    return _document(", ".join(f"Demande n° {tracked.number}" for tracked in requests), "".join(parts))
