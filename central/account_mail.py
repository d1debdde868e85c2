"""The mails about a citizen's account, in French, queued in the outbox table (``central.mail_sender`` delivers
them: SMTP, or the outbox folder) in the transaction that decided them: "Finaliser l'inscription", "vous avez déjà
un espace", and the password-reset link. A link holds a token in clear: the sender empties the bodies once the
mail is handed over, so the database keeps the token's hash only."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from central import mail_outbox
from central.mail_outbox import local_time
from central.models import Account

FINALISE = "account_finalise"
EXISTS = "account_exists"
RESET = "password_reset"
_CLOSING = "Ce courriel est envoyé automatiquement : merci de ne pas y répondre."


@dataclass(frozen=True, slots=True)
class Message:
    subject: str
    paragraphs: tuple[str, ...]
    link: tuple[str, str] | None = None  # (the button's words, the address)

    @property
    def text(self) -> str:
        parts = ["Bonjour,", *self.paragraphs[:1]]
        if self.link is not None:
            parts.append(f"{self.link[0]} : ouvrez ce lien\n{self.link[1]}")
        parts.extend([*self.paragraphs[1:], _CLOSING])
        return "\n\n".join(parts) + "\n"

    @property
    def html(self) -> str:
        e = html.escape
        parts = ["<p>Bonjour,</p>", *(f"<p>{e(p)}</p>" for p in self.paragraphs[:1])]
        if self.link is not None:
            words, address = self.link
            parts.append(f'<p><a href="{e(address)}">{e(words)}</a></p>')
            parts.append(f"<p>Adresse du lien : {e(address)}</p>")
        parts.extend([*(f"<p>{e(p)}</p>" for p in self.paragraphs[1:]), f"<p>{e(_CLOSING)}</p>"])
        return (
            '<!DOCTYPE html>\n<html lang="fr">\n<head><meta charset="utf-8">'
            f"<title>{e(self.subject)}</title></head>\n<body>\n" + "\n".join(parts) + "\n</body>\n</html>\n"
        )


def finalise_message(link: str, expires_at: dt.datetime, zone: ZoneInfo) -> Message:
    return Message(
        subject="Finalisez l'inscription à votre espace personnel",
        paragraphs=(
            "Vous avez demandé la création d'un espace personnel à l'Espace Citoyens de la mairie. Pour la terminer, "
            "choisissez votre mot de passe et dites quelles données l'Espace Citoyens reçoit.",
            f"Ce lien est valable 2 jours, jusqu'au {local_time(expires_at, zone)}, et ne sert qu'une fois.",
            "Si vous n'avez rien demandé, ignorez ce courriel : aucun espace ne sera créé.",
        ),
        link=("Finaliser l'inscription", link),
    )


def exists_message() -> Message:
    return Message(
        subject="Vous avez déjà un espace personnel",
        paragraphs=(
            "Une création d'espace personnel a été demandée avec cette adresse, mais vous avez déjà un espace "
            "personnel à l'Espace Citoyens de la mairie : aucun autre n'a été créé.",
            "Mot de passe oublié ? À la borne, choisissez « Mon espace » puis « Mot de passe oublié ? » : vous "
            "recevrez un lien pour en choisir un nouveau.",
            "Si vous n'avez rien demandé, ignorez ce courriel : votre espace ne change pas.",
        ),
    )


def reset_message(link: str, expires_at: dt.datetime, zone: ZoneInfo) -> Message:
    return Message(
        subject="Choisissez un nouveau mot de passe",
        paragraphs=(
            "Vous avez demandé un nouveau mot de passe pour votre espace personnel de l'Espace Citoyens.",
            f"Ce lien est valable 30 minutes, jusqu'au {local_time(expires_at, zone)}, et ne sert qu'une fois. "
            "Une fois le mot de passe changé, toutes les connexions ouvertes à votre espace sont fermées.",
            "Si vous n'avez rien demandé, ignorez ce courriel : votre mot de passe reste le même.",
        ),
        link=("Choisir un nouveau mot de passe", link),
    )


def child_key_message(key: str) -> Message:
    return Message(
        subject="Votre clé enfance",
        paragraphs=(
            f"Votre dossier « Ma famille » a été accepté. Votre clé enfance est : {key}",
            "Elle est déjà reliée à votre espace personnel : à votre prochaine connexion à la borne, « Mon profil » "
            "montre votre famille. Gardez ce courriel : la clé sert aux démarches de l'Éducation et de la Petite "
            "enfance.",
            "La clé est personnelle : ne la communiquez à personne.",
        ),
    )


def queue(session: Session, account: Account, kind: str, message: Message, mail_from: str, now: dt.datetime) -> None:
    """Add the mail to the outbox, in the caller's transaction."""
    mail_outbox.queue(
        session,
        kind=kind,
        message_id=mail_outbox.new_message_id(mail_from),
        recipient=account.email,
        subject=message.subject,
        text=message.text,
        html=message.html,
        now=now,
    )
