"""« Rattacher une demande » (route ATTACH, params: nothing, or a tracking code): the logged-in citizen types a
request's tracking code and the requester's last name, and the request joins their personal space
(``kiosk.services.attach``). From « Mon tableau de bord »; and from the follow-up of a request of another kiosk,
with its code filled in: only the name is left to type.

A wrong code and a wrong name get one message: neither is confirmed to someone guessing. Tries count against the
kiosk's TrackingGuard, as « Suivre une demande » does (one guard for the whole kiosk, outliving every session):
after too many, the fields wait, the seconds left counted down. Offline, only a request of this kiosk can be
attached (queued for central); for another kiosk's, the page says why not now.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from kiosk.services.attach_outcomes import citizen_of
from kiosk.views.answers import spaced_code
from kiosk.views.navigator import Route
from kiosk.views.pages.account_forms import MAX_NAME
from kiosk.views.pages.base import Page, page_layout, page_title, scroll_area
from kiosk.views.pages.code_wait import CodeWait, whole_seconds
from kiosk.views.pages.find_request import CODE_MAX_CHARS, CodeValidator
from kiosk.views.plural import count_text
from kiosk.views.widgets.fields import LabelledInput

if TYPE_CHECKING:
    from kiosk.models.dto import TrackedRequest
    from kiosk.services.attach_outcomes import AttachOutcome, Citizen
    from kiosk.services.tracking import TrackingGuard
    from kiosk.views.context import ViewContext
    from kiosk.views.session import VisitorSession


class AttachPage(Page):
    """A code, a last name, « Rattacher »; once attached, « Voir la demande » opens its follow-up."""

    def __init__(self, ctx: ViewContext, visitor: VisitorSession, guard: TrackingGuard | None = None) -> None:
        super().__init__(ctx)
        self.visitor = visitor
        self.guard = guard if guard is not None else ctx.tracking_guard
        self._busy = False
        self._said = ""  # what the message says, to say it again in another language
        self._blocked_seconds = 0
        self._attached: TrackedRequest | str | None = None  # what « Voir la demande » opens
        content = QWidget()
        # Scrolled: the on-screen keyboard takes the bottom of the screen while a field is typed in.
        page_layout(self, margin=0, spacing=0).addWidget(scroll_area(content))
        layout = page_layout(content)
        self._title = page_title()
        self._explanation = QLabel()
        self._explanation.setWordWrap(True)
        self.code = LabelledInput("code", "name", CODE_MAX_CHARS)
        self.code.edit.setValidator(CodeValidator(self.code.edit))
        self.code.edit.setMaximumWidth(520)
        self.last_name = LabelledInput("last_name", "name", MAX_NAME)
        self.code.edit.returnPressed.connect(lambda: self.last_name.edit.setFocus(Qt.FocusReason.OtherFocusReason))
        self.last_name.edit.setMaximumWidth(520)
        self.last_name.edit.returnPressed.connect(self.attach)
        self.attach_button = QPushButton()
        self.attach_button.setProperty("primary", True)
        self.attach_button.clicked.connect(self.attach)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self._open_request)
        self.open_button.hide()
        buttons = QHBoxLayout()
        buttons.setSpacing(16)
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout.addWidget(self._title)
        layout.addWidget(self._explanation)
        # Above the fields: below them, the on-screen keyboard would hide it.
        layout.addWidget(self.message)
        layout.addWidget(self.code)
        layout.addWidget(self.last_name)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.countdown = CodeWait(self, ctx.settings.second_ms, self._seconds_blocked, self._show_block)
        self.code.edit.textEdited.connect(self._edited)
        self.last_name.edit.textEdited.connect(self._edited)
        visitor.citizen_changed.connect(self._on_citizen)  # bound: dropped with the page
        self.retranslate()

    # --- Page -----------------------------------------------------------------------------------------------

    def enter(self, params: Any) -> None:
        super().enter(params)
        if not self.returning:
            # A code and a name open a request: never leave them for whoever comes next.
            self.code.clear()
            self.last_name.clear()
            self._attached = None
            self.open_button.hide()
            self.message.hide()
            if isinstance(params, str):  # from a request's follow-up: its code
                self.code.edit.setText(spaced_code(params))
        self._on_citizen(self.visitor.citizen)
        self.refresh_block()
        field = self.last_name if self.code.text() else self.code
        if field.edit.isEnabled():
            field.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def leave(self) -> None:
        self.countdown.stop()
        super().leave()

    def title(self) -> str:
        return self.tr("Rattacher une demande")

    def help_text(self) -> str:
        return self.tr(
            "Une demande faite sans être connecté peut rejoindre votre espace personnel : tapez son code de suivi "
            "(8 lettres, sur l'écran de fin de la démarche et sur le récapitulatif) et le nom du demandeur indiqué "
            "dans la demande, puis touchez « Rattacher »."
        )

    def retranslate(self) -> None:
        self._title.setText(self.tr("Rattacher une demande"))
        self._title.setAccessibleName(self._title.text())
        self._explanation.setText(
            self.tr(
                "Une demande faite sans être connecté peut rejoindre votre espace personnel : vous la retrouverez "
                "dans vos demandes. Pour vérifier qu'elle est la vôtre, indiquez son code de suivi et le nom du "
                "demandeur."
            )
        )
        self.code.set_texts(self.tr("Code de suivi"), self.tr("8 lettres, par exemple BCDF GHJK"))
        self.code.edit.setPlaceholderText(self.tr("Par exemple : BCDF GHJK"))
        self.last_name.set_texts(self.tr("Nom du demandeur"), self.tr("Le nom de famille indiqué dans la demande"))
        self.attach_button.setText(self.tr("Rattacher"))
        self.attach_button.setAccessibleName(self.tr("Rattacher la demande à mon espace personnel"))
        self.open_button.setText(self.tr("Voir la demande"))
        self.open_button.setAccessibleName(self.tr("Voir le suivi de la demande rattachée"))
        if self.message.isVisible():
            if self.blocked:
                self.refresh_block()
            else:
                self.say(self._said)

    # --- Attaching ------------------------------------------------------------------------------------------

    @property
    def blocked(self) -> bool:
        return self.guard.blocked_for() > 0

    def _citizen(self) -> Citizen | None:
        return citizen_of(self.visitor.citizen_token(), self.visitor.citizen_attach_grant())

    def attach(self) -> None:
        if self._busy:
            return
        if self.blocked:
            self.refresh_block()
            return
        citizen = self._citizen()
        if citizen is None:
            self.say("logged_out")
            return
        code, last_name = self.code.text(), self.last_name.text()
        if not code or not last_name:
            self.say("empty")
            return
        self._busy = True
        self.attach_button.setEnabled(False)
        self.tasks.spawn(self._attach(code, last_name, citizen))

    async def _attach(self, code: str, last_name: str, citizen: Citizen) -> None:
        outcome: AttachOutcome | None = None
        try:
            services = await self.ctx.services()
            if services.attach is not None:
                outcome = await services.attach.attach_by_code(code, last_name, citizen)
        finally:
            self._busy = False
            self.attach_button.setEnabled(not self.blocked)
        result = "offline" if outcome is None else outcome.result
        if result == "already":
            self.guard.succeeded()  # the code and the name were right
            self.code.clear()
            self.last_name.clear()
            self.say(result)
            return
        if result in {"queued", "attached"}:
            assert outcome is not None
            self.guard.succeeded()
            self._attached = outcome.request or code
            self.code.clear()
            self.last_name.clear()
            self.open_button.show()
            self.open_button.setFocus(Qt.FocusReason.OtherFocusReason)  # nothing left to type: the keyboard goes
            self.say(result)
            return
        if result == "not_found":
            self.guard.failed()
            self.say("not_found")
            self.refresh_block()
            return
        if result == "blocked":
            assert outcome is not None
            self._blocked_seconds = whole_seconds(outcome.retry_after)
        if result == "expired":
            self.visitor.citizen_expired()  # the header follows its signal; this page says why
        self.say(result)

    def _open_request(self) -> None:
        if self._attached is not None:
            # This kiosk's by its code (the follow-up reads the cache); another's as central gave it back.
            self.navigate_requested.emit(Route.FOLLOW_UP, self._attached)

    def _edited(self, _text: str) -> None:
        if not self.blocked and self.message.isVisible():
            self.message.hide()

    def _on_citizen(self, identity: object) -> None:
        logged_in = identity is not None
        for widget in (self.code, self.last_name, self.attach_button):
            widget.setEnabled(logged_in and not self.blocked)
        if not logged_in:
            self.say("logged_out")
        elif self._said == "logged_out":
            self.message.hide()

    # --- Messages -------------------------------------------------------------------------------------------

    def say(self, kind: str) -> None:
        """Show the message for ``kind`` (an outcome, or « empty », « logged_out »), kept to say again in another
        language."""
        self._said = kind
        done = kind in {"queued", "attached"}
        text = self._message_text(kind)
        self.message.setObjectName("sectionTitle" if done else "errorText")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.setAccessibleName(text)
        self.message.show()

    def _message_text(self, kind: str) -> str:
        texts = {
            "queued": self.tr(
                "C'est fait : la demande est rattachée à votre espace personnel. Elle y apparaîtra dès que la "
                "mairie l'aura reçue."
            ),
            "attached": self.tr("C'est fait : la demande est rattachée à votre espace personnel."),
            "empty": self.tr("Indiquez le code de suivi de la demande et le nom du demandeur."),
            "not_found": self.tr(
                "Aucune demande ne correspond à ce code et à ce nom. Vérifiez les 8 lettres du code de suivi et le "
                "nom du demandeur."
            ),
            "elsewhere": self.tr("Cette demande est déjà rattachée à un autre espace personnel."),
            "already": self.tr("Cette demande est déjà rattachée à un espace personnel."),
            "expired": self.tr("Votre session a expiré : reconnectez-vous à votre espace pour rattacher une demande."),
            "logged_out": self.tr("Connectez-vous à votre espace personnel pour rattacher une demande."),
            "failed": self.tr("Le rattachement n'a pas pu être enregistré. Réessayez, ou adressez-vous à l'accueil."),
            "offline": self.tr(
                "La borne est hors ligne : seule une demande faite à cette borne peut être rattachée pour le "
                "moment. Réessayez plus tard."
            ),
        }
        if kind == "blocked":
            return self._blocked_text(self._blocked_seconds)
        return texts.get(kind, texts["offline"])

    def _blocked_text(self, seconds: int) -> str:
        return count_text(
            seconds,
            self.tr("Trop d'essais. Réessayez dans %1 seconde."),
            self.tr("Trop d'essais. Réessayez dans %1 secondes."),
        )

    def refresh_block(self) -> None:
        """Disable the fields while the kiosk's guard blocks them, with the seconds left; enable them afterwards."""
        self.countdown.refresh()

    def _seconds_blocked(self) -> int:
        return whole_seconds(self.guard.blocked_for())

    def _show_block(self, seconds: int) -> None:
        logged_in = self.visitor.citizen is not None
        if seconds > 0:
            self._blocked_seconds = seconds
            self.say("blocked")
            for widget in (self.code, self.last_name, self.attach_button):
                widget.setEnabled(False)
            return
        was_blocked = not self.code.isEnabled() and logged_in
        for widget in (self.code, self.last_name):
            widget.setEnabled(logged_in)
        self.attach_button.setEnabled(logged_in and not self._busy)
        if was_blocked and self._said == "blocked":
            self.message.hide()
            if self.isVisible():
                self.code.edit.setFocus(Qt.FocusReason.OtherFocusReason)
