"""The longer texts of "Mon espace" (in ``AccountPage``'s translation context): what a form's outcome comes to, and
the guide's reasons to create a personal space ("Pourquoi se créer un espace personnel ?")."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication

from kiosk.views.plural import count_text


def outcome_message(kind: str, seconds: float = 0.0) -> str:
    """What the page says of a form's outcome: ``kind`` as ``AccountPage._say`` records it, ``seconds`` a wait."""
    if kind == "working":
        return QCoreApplication.translate("AccountPage", "Un instant…")
    if kind == "refused":
        return QCoreApplication.translate("AccountPage", "Adresse ou mot de passe incorrect.")
    if kind == "blocked":
        if seconds >= 60:
            return count_text(
                math.ceil(seconds / 60),
                QCoreApplication.translate("AccountPage", "Trop de tentatives de connexion. Réessayez dans %1 minute."),
                QCoreApplication.translate(
                    "AccountPage", "Trop de tentatives de connexion. Réessayez dans %1 minutes."
                ),
            )
        return count_text(
            math.ceil(seconds),
            QCoreApplication.translate("AccountPage", "Trop de tentatives de connexion. Réessayez dans %1 seconde."),
            QCoreApplication.translate("AccountPage", "Trop de tentatives de connexion. Réessayez dans %1 secondes."),
        )
    if kind == "invalid":
        return QCoreApplication.translate(
            "AccountPage", "La mairie n'a pas accepté ces informations. Vérifiez-les et réessayez."
        )
    return QCoreApplication.translate(
        "AccountPage",
        "La mairie ne répond pas pour le moment. Réessayez plus tard ; les démarches sans espace personnel "
        "restent possibles.",
    )


def reasons() -> tuple[str, ...]:
    """The guide's reasons, one line each."""
    return (
        QCoreApplication.translate(
            "AccountPage",
            "Les coordonnées saisies à la création de l'espace sont réutilisées lors de vos futures demandes.",
        ),
        QCoreApplication.translate(
            "AccountPage",
            "Un espace de stockage sécurisé garde vos pièces justificatives pour les utiliser dans plusieurs demandes.",
        ),
        QCoreApplication.translate(
            "AccountPage", "Vous suivez l'état de vos demandes et échangez avec la mairie au sujet d'une demande."
        ),
        QCoreApplication.translate(
            "AccountPage",
            "Certaines démarches, actualités, activités, informations pratiques ou sondages sont réservés aux "
            "titulaires d'un espace personnel.",
        ),
    )
