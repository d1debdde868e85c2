"""The personal space's gates on a procedure: the padlock (a procedure made from a personal space only), the
quota (« Vous avez atteint le quota de demandes pour cette démarche »), and a citizen's session that ended while
they filled one. Each is an overlay over the page that met it, and the padlock's and the session's offer the log-in
at once: « Mon espace » is opened with where to come back to once logged in (``AccountVisit``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from kiosk.views.answers import format_date
from kiosk.views.navigator import Route
from kiosk.views.widgets.overlay import Overlay

if TYPE_CHECKING:
    from collections.abc import Callable
    from zoneinfo import ZoneInfo

    from PySide6.QtWidgets import QWidget

    from sync.personal_space import QuotaState

__all__ = ["AccountVisit", "padlock_overlay", "quota_reached_overlay", "session_ended_overlay"]


@dataclass(frozen=True, slots=True)
class AccountVisit:
    """The parameter of « Mon espace » (Route.ACCOUNT) opened to log in on the way somewhere: its ``view`` (as the
    plain parameter names it) and the route and parameter to show once the citizen is logged in (``then``), e.g.
    the padlocked procedure, or the wizard whose draft waits."""

    view: str
    then: tuple[Route, Any]


def padlock_overlay(host: QWidget, then: tuple[Route, Any], navigate: Callable[[Route, Any], None]) -> Overlay:
    """A procedure of the personal space, for a visitor not logged in: « Me connecter » (the ways in: phone or
    e-mail) and « Créer mon espace », both leading back to ``then`` once logged in."""
    overlay = Overlay(
        host,
        QCoreApplication.translate("Padlock", "Cette démarche nécessite un espace personnel"),
        QCoreApplication.translate(
            "Padlock",
            "Connectez-vous à votre espace personnel pour faire cette démarche : vous reviendrez ici ensuite. Pas "
            "encore d'espace ? Créez-le en quelques minutes avec votre adresse de courriel.",
        ),
    )
    overlay.add_button(QCoreApplication.translate("Padlock", "Fermer"), "close")
    overlay.add_button(QCoreApplication.translate("Padlock", "Créer mon espace"), "create")
    overlay.add_button(QCoreApplication.translate("Padlock", "Me connecter"), "ways", primary=True)
    overlay.finished.connect(
        lambda role: navigate(Route.ACCOUNT, AccountVisit(role, then)) if role != "close" else None
    )
    return overlay


def _log_in_on(overlay: Overlay, then: tuple[Route, Any], navigate: Callable[[Route, Any], None]) -> None:
    """A button's role names the view of « Mon espace » it opens ("ways", "create"); « Fermer » stays here."""
    overlay.finished.connect(
        lambda role: None if role == "close" else navigate(Route.ACCOUNT, AccountVisit(role, then))
    )


def quota_reached_text(state: QuotaState, language: str, zone: ZoneInfo) -> str:
    """The guide's message, with the rule and the day the next period starts in the town."""
    from kiosk.views.pages.procedure import quota_text  # here: the procedure page opens these overlays

    return (
        QCoreApplication.translate(
            "Padlock",
            "Vous avez atteint le quota de demandes pour cette démarche (%1). Vous pourrez faire une nouvelle demande "
            "à partir du %2.",
        )
        .replace("%1", quota_text(state.count, state.period).lower())
        .replace("%2", format_date(state.renews_at.astimezone(zone).date(), language))
    )


def quota_reached_overlay(host: QWidget, state: QuotaState, language: str, zone: ZoneInfo) -> Overlay:
    overlay = Overlay(
        host,
        QCoreApplication.translate("Padlock", "Quota de demandes atteint"),
        quota_reached_text(state, language, zone),
    )
    overlay.add_button(QCoreApplication.translate("Padlock", "J'ai compris"), "close", primary=True)
    return overlay


def session_ended_overlay(
    host: QWidget, then: tuple[Route, Any], navigate: Callable[[Route, Any], None], draft: bool = True
) -> Overlay:
    """The citizen's session ended on central: « Me reconnecter » leads to the log-in and back to ``then``. With
    ``draft``, they were filling a procedure, and what they typed stays."""
    text = (
        QCoreApplication.translate(
            "Padlock",
            "Votre connexion à votre espace personnel a expiré. Ce que vous avez saisi est conservé : reconnectez-vous "
            "pour reprendre votre démarche là où vous l'avez laissée.",
        )
        if draft
        else QCoreApplication.translate(
            "Padlock",
            "Votre connexion à votre espace personnel a expiré. Reconnectez-vous pour faire cette démarche depuis "
            "votre espace.",
        )
    )
    overlay = Overlay(host, QCoreApplication.translate("Padlock", "Votre session a pris fin"), text)
    overlay.add_button(QCoreApplication.translate("Padlock", "Fermer"), "close")
    overlay.add_button(QCoreApplication.translate("Padlock", "Me reconnecter"), "ways", primary=True)
    _log_in_on(overlay, then, navigate)
    return overlay
