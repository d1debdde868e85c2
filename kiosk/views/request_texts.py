"""Words for what a request holds: its status, the kinds of events in its history, one sentence per event.

"Suivi de la demande" reads them; so may any other screen that speaks of a request. Their English lives under
the translation context "RequestTexts".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from kiosk.views.answers import format_datetime
from kiosk.views.plural import count_text

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from kiosk.models.dto import RequestEvent, TrackedRequest

KIND_ICONS = {"operation": "document", "document": "attachment", "exchange": "news", "appointment": "calendar"}


def status_text(request: TrackedRequest) -> str:
    """The status in words, as the badge shows it."""
    if request.status == "submitted":
        if request.pending_send:
            return QCoreApplication.translate("RequestTexts", "En attente d'envoi")
        if request.send_refused:
            # Refused for good (a dead letter): "en attente" would be a promise nobody keeps.
            return QCoreApplication.translate("RequestTexts", "Envoi refusé")
        return QCoreApplication.translate("RequestTexts", "Transmise à la mairie")
    return status_word(request.status)


def status_word(status: str) -> str:
    """A status of central in words (a request central has: none waits to be sent)."""
    if status == "submitted":
        return QCoreApplication.translate("RequestTexts", "Transmise à la mairie")
    words = {
        "draft": QCoreApplication.translate("RequestTexts", "Brouillon"),
        "in_progress": QCoreApplication.translate("RequestTexts", "En cours de traitement"),
        "awaiting_you": QCoreApplication.translate("RequestTexts", "En attente de votre part"),
        "accepted": QCoreApplication.translate("RequestTexts", "Acceptée"),
        "refused": QCoreApplication.translate("RequestTexts", "Refusée"),
        "cancelled": QCoreApplication.translate("RequestTexts", "Annulée"),
        "closed": QCoreApplication.translate("RequestTexts", "Clôturée"),
    }
    return words.get(status, status)


def kind_text(kind: str) -> str:
    """What kind of event a history line is, as a screen reader says its icon."""
    return {
        "operation": QCoreApplication.translate("RequestTexts", "Opération sur la demande"),
        "document": QCoreApplication.translate("RequestTexts", "Pièce jointe"),
        "exchange": QCoreApplication.translate("RequestTexts", "Échange"),
        "appointment": QCoreApplication.translate("RequestTexts", "Rendez-vous"),
    }.get(kind, QCoreApplication.translate("RequestTexts", "Opération sur la demande"))


def event_icon(event: RequestEvent) -> str:
    if event.kind == "operation" and event.code in {"submitted", "sent", "accepted"}:
        return "check"
    return KIND_ICONS.get(event.kind, "document")


def event_text(event: RequestEvent, language: str, zone: ZoneInfo, labels: Mapping[str, str], files: int = 1) -> str:
    """One sentence per event: "Demande enregistrée sur la borne", "Rendez-vous réservé pour le …".

    ``labels`` are the field labels by id (a document is named by its field); ``files`` is how many files of
    that document the line stands for.
    """
    code = event.code
    if code == "document_added":
        return _document_added(labels.get(event.detail.split(":", 1)[0], ""), files)
    if code == "message" and event.detail:  # the text comes only to the citizen whose request it is
        return QCoreApplication.translate("RequestTexts", "Message de la mairie : %1").replace("%1", event.detail)
    if code == "appointment_booked":
        try:
            starts = dt.datetime.fromisoformat(event.detail)
        except ValueError:
            return QCoreApplication.translate("RequestTexts", "Rendez-vous réservé")
        when = format_datetime(starts, language, zone, weekday=True)
        return QCoreApplication.translate("RequestTexts", "Rendez-vous réservé pour le %1").replace("%1", when)
    sentences = {
        "submitted": QCoreApplication.translate("RequestTexts", "Demande enregistrée sur la borne"),
        "queued": QCoreApplication.translate("RequestTexts", "En attente d'envoi à la mairie"),
        "sent": QCoreApplication.translate("RequestTexts", "Demande envoyée à la mairie"),
        "received": QCoreApplication.translate("RequestTexts", "Demande reçue par la mairie"),
        "in_progress": QCoreApplication.translate("RequestTexts", "Demande en cours de traitement"),
        "awaiting_you": QCoreApplication.translate("RequestTexts", "La mairie attend une réponse de votre part"),
        "accepted": QCoreApplication.translate("RequestTexts", "Demande acceptée"),
        "refused": QCoreApplication.translate("RequestTexts", "Demande refusée"),
        "closed": QCoreApplication.translate("RequestTexts", "Demande clôturée"),
        "cancelled": QCoreApplication.translate("RequestTexts", "Demande annulée"),
        "cancel_queued": QCoreApplication.translate("RequestTexts", "Annulation en attente d'envoi"),
        "cancel_sent": QCoreApplication.translate("RequestTexts", "Annulation transmise à la mairie"),
        "attach_queued": QCoreApplication.translate(
            "RequestTexts", "Rattachement à un espace personnel en attente d'envoi"
        ),
        "attached": QCoreApplication.translate("RequestTexts", "Demande rattachée à un espace personnel"),
        # Made while central could not be asked (offline), over the procedure's quota: refused on arrival.
        "quota_reached": QCoreApplication.translate(
            "RequestTexts", "Demande refusée : le quota de demandes de cette démarche était déjà atteint"
        ),
        "document_removed": QCoreApplication.translate("RequestTexts", "Pièce jointe retirée"),
        "appointment_cancelled": QCoreApplication.translate("RequestTexts", "Rendez-vous annulé"),
        "appointment_set": QCoreApplication.translate("RequestTexts", "Rendez-vous fixé par la mairie"),
        "appointment_moved": QCoreApplication.translate("RequestTexts", "Rendez-vous déplacé par la mairie"),
        # Another kiosk booked the slot first while both were offline: central kept its booking.
        "appointment_to_reschedule": QCoreApplication.translate(
            "RequestTexts", "Rendez-vous à reprogrammer : la mairie vous recontactera"
        ),
        "message": QCoreApplication.translate("RequestTexts", "Message de la mairie"),
    }
    return sentences.get(code, kind_text(event.kind))


def _document_added(label: str, files: int) -> str:
    if files <= 1:
        return (
            QCoreApplication.translate("RequestTexts", "Pièce jointe ajoutée : %1").replace("%1", label)
            if label
            else QCoreApplication.translate("RequestTexts", "Pièce jointe ajoutée")
        )
    count = count_text(
        files,
        QCoreApplication.translate("RequestTexts", "%1 fichier"),
        QCoreApplication.translate("RequestTexts", "%1 fichiers"),
    )
    if not label:
        return QCoreApplication.translate("RequestTexts", "Pièce jointe ajoutée (%1)").replace("%1", count)
    # %2 first: the count holds digits only, whereas a label (catalogue data) could hold "%2" itself.
    return (
        QCoreApplication.translate("RequestTexts", "Pièce jointe ajoutée : %1 (%2)")
        .replace("%2", count)
        .replace("%1", label)
    )


@dataclass(frozen=True, slots=True)
class HistoryLine:
    """One line of "Historique": its icon, what a screen reader says of the icon, the sentence and the time."""

    icon: str
    kind: str
    text: str
    at: dt.datetime


def history_lines(
    events: Sequence[RequestEvent], language: str, zone: ZoneInfo, labels: Mapping[str, str]
) -> list[HistoryLine]:
    """The history in sentences, oldest first. The files of one document added together (the recto and the verso
    of a card) make one line, "Pièce jointe ajoutée : … (2 fichiers)", not two identical ones."""
    groups: list[tuple[RequestEvent, int]] = []
    for event in events:
        if groups and _same_document(groups[-1][0], event):
            groups[-1] = (groups[-1][0], groups[-1][1] + 1)
        else:
            groups.append((event, 1))
    return [
        HistoryLine(
            icon=event_icon(event),
            kind=kind_text(event.kind),
            text=event_text(event, language, zone, labels, files),
            at=event.at,
        )
        for event, files in groups
    ]


def _same_document(first: RequestEvent, event: RequestEvent) -> bool:
    return (
        first.code == event.code == "document_added"
        and first.at == event.at
        and first.detail.split(":", 1)[0] == event.detail.split(":", 1)[0]
    )
