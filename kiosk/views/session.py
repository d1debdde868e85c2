"""Who is at the terminal now, and the end of their session: the idle watch and its warning, "Terminer", the
wipe that leaves nothing of them for the next person, and the way back to "Mon accueil" after an error.

The design puts ``session.py`` at the ``kiosk/`` level. It lives under ``kiosk/views`` because everything it
does is Qt: the idle watch is an application-wide event filter, the warning is an overlay, and the wipe
destroys widgets and empties the clipboard; below the views nothing may import Qt. The visitor is anonymous, or a
citizen logged in to their personal space: their access token is held in memory only, by the session's
``CitizenHolder``, and ``end`` forgets it and ends it on central (best effort, off the GUI thread). An agent
helping a visitor is a next issue's addition.
"""

from __future__ import annotations

import gc as python_gc
import logging
import shutil
import time
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.errors import CacheFault
from kiosk.services.citizen import CitizenHolder, CitizenIdentity, CitizenLogin
from kiosk.views.context import ViewContext
from kiosk.views.gc import give_back_freed_memory
from kiosk.views.plural import count_text
from kiosk.views.session_guard import IdleGuard
from kiosk.views.tasks import TaskOwner
from kiosk.views.widgets.overlay import Overlay

log = logging.getLogger(__name__)


def empty_directory(directory: Path) -> None:
    """Delete what a visitor left in ``directory`` (receipts, previews), keeping the directory."""
    if not directory.exists():
        return
    for entry in directory.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


class SessionScreens(Protocol):
    """What the window gives the session: where its overlays go, and the screens it wipes."""

    def overlay_host(self) -> QWidget:
        """The widget the session's overlays cover (the whole window)."""
        ...

    def screens_visited(self) -> bool:
        """Whether any screen was visited since the last wipe (back at home, a draft still lives in its page)."""
        ...

    def unsaved_draft(self) -> bool:
        """Whether a procedure is being filled and not yet submitted."""
        ...

    def rebuild_screens(self) -> None:
        """Destroy every widget that may hold the visitor's traces (pages, keyboard) and build them anew: a fresh
        "Mon accueil", with nothing focused and nothing locked."""
        ...


class IdleWarning(Overlay):
    """ "Êtes-vous toujours là ?" with a countdown and a large "Continuer".

    Signals:
        finished(str): inherited; "continue" when the visitor wants more time.
    """

    def __init__(self, host: QWidget, seconds: int) -> None:
        super().__init__(host, self.tr("Êtes-vous toujours là ?"), " ")
        self.add_button(self.tr("Continuer"), "continue", primary=True).setMinimumSize(360, 96)
        self.set_seconds(seconds)

    def set_seconds(self, seconds: int) -> None:
        self.text_label.setText(
            count_text(
                seconds,
                self.tr(
                    "Sans action de votre part, cette session se termine dans %1 seconde et tout ce que vous avez "
                    "saisi sera effacé. Touchez « Continuer » pour poursuivre."
                ),
                self.tr(
                    "Sans action de votre part, cette session se termine dans %1 secondes et tout ce que vous "
                    "avez saisi sera effacé. Touchez « Continuer » pour poursuivre."
                ),
            )
        )


class ErrorNotice(Overlay):
    """Said after an unforeseen error brought the visitor back to "Mon accueil".

    Signals:
        finished(str): inherited; "close" when the visitor starts again.
    """

    def __init__(self, host: QWidget) -> None:
        super().__init__(
            host,
            self.tr("Un problème est survenu"),
            self.tr(
                "Nous vous prions de nous excuser : la borne a rencontré une erreur et a dû tout effacer. Vous "
                "pouvez recommencer, ou demander de l'aide à l'accueil."
            ),
        )
        self.add_button(self.tr("Recommencer"), "close", primary=True)


class OutOfService(Overlay):
    """The kiosk cannot serve: nothing to tap that would fail. Stays until the kiosk is restarted.

    When the cause is known (``fault``: its cache cannot be opened), a line for the operator says what to do about
    it; the log names the path and the details.
    """

    def __init__(self, host: QWidget, fault: CacheFault | None = None) -> None:
        note = None if fault is None else QLabel()
        super().__init__(
            host,
            self.tr("Borne momentanément hors service"),
            self.tr("Cette borne ne peut pas enregistrer de démarche pour le moment. Adressez-vous à l'accueil."),
            note,
        )
        self.operator_note = note
        if note is not None and fault is not None:
            note.setObjectName("operatorNote")
            note.setWordWrap(True)
            note.setTextFormat(Qt.TextFormat.PlainText)
            note.setText(self._note(fault))

    def _note(self, fault: CacheFault) -> str:
        notes = {
            CacheFault.DISK_FULL: self.tr(
                "Pour l'exploitant : le disque de la borne est plein. Libérez de la place, puis redémarrez la "
                "borne. Les demandes en attente d'envoi sont conservées."
            ),
            CacheFault.READ_ONLY: self.tr(
                "Pour l'exploitant : le dossier de données de la borne est en lecture seule. Rendez-le accessible "
                "en écriture, puis redémarrez la borne. Les demandes en attente d'envoi sont conservées."
            ),
            CacheFault.IO_ERROR: self.tr(
                "Pour l'exploitant : le disque de la borne signale une erreur de lecture ou d'écriture. Vérifiez "
                "le disque, puis redémarrez la borne. Les demandes en attente d'envoi sont conservées."
            ),
            CacheFault.IN_USE: self.tr(
                "Pour l'exploitant : la base de données de la borne est ouverte par un autre programme (une "
                "deuxième borne ?). Arrêtez-le, puis redémarrez la borne. Les demandes en attente d'envoi sont "
                "conservées."
            ),
            CacheFault.CANNOT_OPEN: self.tr(
                "Pour l'exploitant : la base de données de la borne ne peut pas être ouverte ; le journal de la "
                "borne en donne la raison. Corrigez-la, puis redémarrez la borne."
            ),
        }
        return notes[fault]


class VisitorSession(QObject):
    """The person at the terminal, from their first touch to the wipe that ends their session.

    Signals:
        ended(str): the visitor's traces were wiped ("idle", "finished", "logged_out", "error"); a fresh
            home screen shows.
        citizen_changed(object): the logged-in citizen's ``CitizenIdentity``, or None once nobody is.
    """

    ended = Signal(str)
    citizen_changed = Signal(object)

    # After this many unforeseen errors within ERROR_WINDOW_S, going back to "Mon accueil" is not helping (the
    # same fault again and again): the kiosk says it is out of service instead of looping.
    ERRORS_BEFORE_OUT_OF_SERVICE = 3
    ERROR_WINDOW_S = 60.0

    def __init__(self, ctx: ViewContext, screens: SessionScreens, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._screens = screens
        settings = ctx.settings
        self.idle = IdleGuard(settings.idle_timeout_s, settings.idle_warning_s, settings.second_ms, self)
        self.idle.warning_started.connect(self._on_idle_warning)
        self.idle.expired.connect(lambda: self.end("idle"))
        self._warning: IdleWarning | None = None
        self._notice: ErrorNotice | None = None
        self._out_of_service: OutOfService | None = None
        self._errors: list[float] = []  # monotonic times of the recent unforeseen errors
        self._recovery_pending = False
        self._recovering = False
        self._citizen = CitizenHolder()
        # The log-outs on central still running (the wipe does not wait for them): tests await ``tasks.idle()``.
        self.tasks = TaskOwner()

    def start(self) -> None:
        """Watch for the visitor's absence from now on (the window is on the screen)."""
        self.idle.start(self._screens.overlay_host().window())

    def stop(self) -> None:
        self.idle.stop()

    def in_progress(self) -> bool:
        """Whether anything of a visitor may be here: any screen visited since the last wipe (back at home, a
        draft or a tracking code still lives in its page), or changed preferences."""
        ctx = self._ctx
        return (
            self._screens.screens_visited()
            or ctx.language != ctx.translations.default
            or ctx.theme.high_contrast != ctx.settings.high_contrast
        )

    # -- idle ----------------------------------------------------------------------------------------------

    def _on_idle_warning(self, seconds: int) -> None:
        if not self.in_progress():
            # Nobody's traces to protect: no need to ask the empty room. What was said to the one who left
            # (the error notice) goes with them.
            if self._notice is not None:
                self._notice.dismiss()
            self.idle.extend()
            return
        self._warning = IdleWarning(self._screens.overlay_host(), seconds)
        self.idle.countdown.connect(self._warning.set_seconds)
        self._warning.finished.connect(self._on_idle_answer)
        self._warning.open()

    def _on_idle_answer(self, _role: str) -> None:
        self._warning = None
        self.idle.extend()

    # -- the logged-in citizen ----------------------------------------------------------------------------

    @property
    def citizen(self) -> CitizenIdentity | None:
        return self._citizen.identity

    def citizen_token(self) -> str | None:
        """The citizen's access token, for a call to central on their behalf; None when nobody is logged in."""
        return self._citizen.token()

    def citizen_attach_grant(self) -> str | None:
        """The attach grant of the citizen's log-in, for the ``request.attach`` ops of this visit; None when nobody
        is logged in."""
        return self._citizen.attach_grant()

    def sign_in(self, login: CitizenLogin) -> None:
        """A citizen logged in at this terminal (``AccountActions.log_in``): theirs until the session ends."""
        previous = self._citizen.forget()
        if previous is not None:
            self._end_on_central(previous)
        self._citizen.sign_in(login)
        self.citizen_changed.emit(login.identity)

    def forget_citizen(self) -> None:
        """Log the citizen out, if one is logged in: their token forgotten, their session ended on central (the
        log-out runs in ``tasks``). Part of every wipe; alone when the kiosk stops."""
        token = self._citizen.forget()
        if token is not None:
            self._end_on_central(token)
            self.citizen_changed.emit(None)

    def citizen_expired(self) -> None:
        """Central no longer takes the citizen's token (expired, ended elsewhere): back to anonymous, with nothing
        of their space left on the screens; the page that found out says so."""
        if self._citizen.forget() is not None:
            self.citizen_changed.emit(None)

    def _end_on_central(self, token: str) -> None:
        services = self._ctx.services_if_up()
        account = services.account if services is not None else None
        if account is not None:
            self.tasks.spawn(account.log_out(token))

    # -- the end of the session --------------------------------------------------------------------------

    def request_finish(self, reason: str = "finished") -> None:
        """The visitor tapped "Terminer" (or "Se déconnecter": ``reason`` "logged_out"): end now, or ask first when
        a procedure is being filled."""
        if not self._screens.unsaved_draft():
            self.end(reason)
            return
        overlay = Overlay(
            self._screens.overlay_host(),
            self.tr("Terminer et tout effacer ?"),
            self.tr("La démarche en cours n'a pas été validée : ce que vous avez saisi sera effacé."),
        )
        overlay.add_button(self.tr("Oui, terminer"), "finish")
        overlay.add_button(self.tr("Non, continuer"), "continue", primary=True)
        overlay.finished.connect(lambda role: self.end(reason) if role == "finish" else None)
        overlay.open()

    def end(self, reason: str) -> None:
        """Wipe everything of the visitor: pages and drafts are destroyed and built anew (never just cleared:
        a cleared field can be undone), the clipboard emptied, temporary files deleted, language and display
        back to the kiosk's defaults, the citizen's token forgotten and their session ended on central. Requests
        already submitted stay in the outbox until sent."""
        self.forget_citizen()
        host = self._screens.overlay_host()
        for overlay in host.findChildren(Overlay):
            if not isinstance(overlay, OutOfService):
                overlay.dismiss()
        self._warning = self._notice = None
        self._screens.rebuild_screens()
        if self._out_of_service is not None:
            self._out_of_service.raise_()  # above the rebuilt screens: it stays until the kiosk restarts
        clipboard = QGuiApplication.clipboard()
        clipboard.clear(QClipboard.Mode.Clipboard)
        if clipboard.supportsSelection():
            clipboard.clear(QClipboard.Mode.Selection)
        empty_directory(self._ctx.settings.session_dir)
        self._ctx.reset_preferences()
        python_gc.collect()  # what the destroyed pages held goes now, on this thread
        # The screens are destroyed when the event loop next runs: then their memory goes back to the system.
        QTimer.singleShot(self.RELEASE_AFTER_MS, self, self._release_memory)
        log.info("session ended (%s)", reason)
        self.idle.extend()
        self.ended.emit(reason)

    RELEASE_AFTER_MS = 200

    def _release_memory(self) -> None:
        python_gc.collect()
        give_back_freed_memory()

    # -- unforeseen errors ---------------------------------------------------------------------------------

    def recover_from_error(self) -> None:
        """An error nobody caught (called from ``sys.excepthook``, once the error is logged): wipe the visitor's
        screen (keeping their language and display) and say so plainly, on the next turn of the event loop (the
        failed call may have left things half done under the caller). An error during that recovery, or too many
        in a short time, show the out-of-service notice instead, so that a fault cannot loop."""
        now = time.monotonic()
        self._errors = [t for t in self._errors if now - t < self.ERROR_WINDOW_S]
        self._errors.append(now)
        if self._recovering or len(self._errors) >= self.ERRORS_BEFORE_OUT_OF_SERVICE:
            log.error("unforeseen errors keep coming; the kiosk shows that it is out of service")
            self.show_out_of_service()
            return
        if not self._recovery_pending:
            self._recovery_pending = True
            QTimer.singleShot(0, self, self._recover)

    def _recover(self) -> None:
        self._recovery_pending = False
        if self._out_of_service is not None:
            return
        self._recovering = True
        ctx = self._ctx
        language, contrast = ctx.language, ctx.theme.high_contrast
        try:
            self.end("error")
            # The visitor is still there: the apology, and what they do next, in the language and display they
            # chose (the idle wipe gives the kiosk's defaults back once they have gone).
            ctx.translations.set_language(language)
            ctx.set_high_contrast(contrast)
            self._notice = ErrorNotice(self._screens.overlay_host())
            self._notice.finished.connect(self._on_notice_closed)
            self._notice.open()
        except Exception as exc:  # the recovery itself fails: stop trying (type and place only, as the hook)
            import traceback

            log.error(
                "going back to the home screen failed: %s\n%s",
                type(exc).__name__,
                "".join(traceback.format_tb(exc.__traceback__)),
            )
            self.show_out_of_service()
        finally:
            self._recovering = False

    def _on_notice_closed(self, _role: str) -> None:
        self._notice = None

    def show_out_of_service(self, fault: CacheFault | None = None) -> OutOfService:
        """Say that the kiosk cannot serve (the services did not start, or errors keep coming); ``fault``: why its
        cache cannot be opened, for the operator."""
        if self._out_of_service is None:
            self._out_of_service = OutOfService(self._screens.overlay_host(), fault)
            self._out_of_service.open()
        return self._out_of_service
