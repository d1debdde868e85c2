"""Suivre une demande: the visitor types a tracking code and "Rechercher" opens "Suivi de la demande".

A wrong code says so and nothing more: whether a code is malformed or simply unknown, the same sentence. A code no
request of this kiosk holds is asked of central when the kiosk syncs (a request made at another kiosk): found
there, its follow-up opens read-only, held by the follow-up page for this visit only; two requests sharing the code
(an offline clash) make the page ask for the requester's last name; offline, the page says why it cannot look
further. The kiosk's TrackingGuard (one for the whole kiosk, outliving every session) blocks the field after too
many tries; the field counts the seconds left down, one tick per ``Settings.second_ms``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QValidator
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton

from kiosk.views import icons
from kiosk.views.navigator import Route
from kiosk.views.pages.base import Page, page_layout, page_title
from kiosk.views.pages.code_wait import CodeWait, whole_seconds
from kiosk.views.plural import count_text

if TYPE_CHECKING:
    from kiosk.services.lookup_outcomes import LookupOutcome
    from kiosk.services.tracking import TrackingGuard
    from kiosk.views.context import ViewContext
    from kiosk.views.theme import Theme

CODE_MAX_CHARS = 9  # 8 letters and one optional space or dash between the two groups


class CodeValidator(QValidator):
    """Letters, digits, a space or a dash, up to 9 characters; letters become capitals as they are typed."""

    def validate(self, text: str, pos: int, /) -> object:
        upper = text.upper()
        allowed = all((c.isascii() and c.isalnum()) or c in " -" for c in upper)
        if len(upper) > CODE_MAX_CHARS or not allowed:
            return QValidator.State.Invalid, text, pos
        return QValidator.State.Acceptable, upper, pos


class FindRequestPage(Page):
    """ "Suivre une demande" (route FIND_REQUEST): a code field and "Rechercher"; a found code opens FOLLOW_UP.

    ``countdown`` ticks once a (kiosk) second while the field is blocked, to say how many seconds are left.
    """

    def __init__(self, ctx: ViewContext, guard: TrackingGuard | None = None) -> None:
        super().__init__(ctx)
        # The kiosk's guard lives in the context, not in this page: a session wipe rebuilds pages, never it.
        self.guard = guard if guard is not None else ctx.tracking_guard
        self._busy = False
        layout = page_layout(self)
        self._title = page_title()
        self._explanation = QLabel()
        self._explanation.setWordWrap(True)
        self._label = QLabel()
        self._label.setObjectName("sectionTitle")
        self.field = QLineEdit()
        self.field.setProperty("keyboard", "text")
        self.field.setMaxLength(CODE_MAX_CHARS)
        self.field.setValidator(CodeValidator(self.field))
        self.field.setInputMethodHints(
            Qt.InputMethodHint.ImhNoPredictiveText
            | Qt.InputMethodHint.ImhPreferUppercase
            | Qt.InputMethodHint.ImhNoAutoUppercase
        )
        self.field.setMaximumWidth(520)
        self.field.returnPressed.connect(self.search)
        self._label.setBuddy(self.field)
        self.search_button = QPushButton()
        self.search_button.setProperty("primary", True)
        self.search_button.setIconSize(QSize(32, 32))
        self.search_button.clicked.connect(self.search)
        row = QHBoxLayout()
        row.setSpacing(16)
        row.addWidget(self.field, 1)
        row.addWidget(self.search_button)
        row.addStretch(1)
        # The requester's last name: asked only when two requests share the code (central's 409).
        self._name_label = QLabel()
        self._name_label.setObjectName("sectionTitle")
        self.name_field = QLineEdit()
        self.name_field.setProperty("keyboard", "text")
        self.name_field.setMaxLength(100)
        self.name_field.setMaximumWidth(520)
        self.name_field.returnPressed.connect(self.search)
        self._name_label.setBuddy(self.name_field)
        self.field.textEdited.connect(self._code_edited)
        self._said = ""  # what the message says, to say it again in another language: a key of _message_text
        self._blocked_seconds = 0
        self.message = QLabel()
        self.message.setObjectName("errorText")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self._title)
        layout.addWidget(self._explanation)
        layout.addWidget(self._label)
        layout.addLayout(row)
        layout.addWidget(self._name_label)
        layout.addWidget(self.name_field)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.countdown = CodeWait(self, ctx.settings.second_ms, self._seconds_blocked, self._show_block)
        ctx.theme_changed.connect(self._on_theme)
        self._ask_name(False)
        self.retranslate()

    def enter(self, params: Any) -> None:
        super().enter(params)
        self.message.hide()
        if not self.returning:
            # A code opens a request: never leave the last one in the field for whoever comes next.
            self.field.setText("")
            self._ask_name(False)
        self.refresh_block()
        if self.field.isEnabled():
            self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def leave(self) -> None:
        self.countdown.stop()
        super().leave()

    @property
    def blocked(self) -> bool:
        return self.guard.blocked_for() > 0

    def search(self) -> None:
        if self._busy:
            return
        if self.blocked:
            self.refresh_block()
            return
        text = self.field.text()
        if not text.strip():
            self._say_kind("empty")
            return
        last_name = self.name_field.text().strip() if self.name_field.isVisible() else None
        if last_name == "":
            self._say_kind("name")
            return
        self._busy = True
        self.search_button.setEnabled(False)
        self.tasks.spawn(self._search(text, last_name))

    async def _search(self, text: str, last_name: str | None) -> None:
        outcome: LookupOutcome | None = None
        try:
            services = await self.ctx.services()
            found = await services.requests.find(text)  # None for a malformed code as for an unknown one
            if found is None and services.lookup is not None and not self.blocked:
                outcome = await services.lookup.find(text, last_name)
        finally:
            self._busy = False
            self.search_button.setEnabled(not self.blocked)
        if found is not None:
            self.guard.succeeded()
            self.message.hide()
            self.navigate_requested.emit(Route.FOLLOW_UP, found.tracking_code)
            return
        if outcome is not None and outcome.result == "found" and outcome.request is not None:
            self.guard.succeeded()
            self.message.hide()
            self._ask_name(False)
            # The request itself, not its code: it is in no cache, only in the page that shows it.
            self.navigate_requested.emit(Route.FOLLOW_UP, outcome.request)
            return
        if outcome is not None and outcome.result == "blocked":
            self._blocked_seconds = whole_seconds(outcome.retry_after)
            self._say_kind("blocked")
            return
        if outcome is not None and outcome.result == "last_name_needed":
            if last_name is not None:
                self.guard.failed()  # a wrong name: names are guessed too
            self._ask_name(True)
            self._say_kind("name")
            self.refresh_block()
            return
        self.guard.failed()
        self._say_kind("offline" if outcome is not None and outcome.result == "offline" else "not_found")
        self.refresh_block()

    def _ask_name(self, shown: bool) -> None:
        self._name_label.setVisible(shown)
        self.name_field.setVisible(shown)
        if not shown:
            self.name_field.setText("")
        elif self.isVisible():
            self.name_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _code_edited(self, _text: str) -> None:
        # Another code: the name asked for the last one does not go with it.
        if self.name_field.isVisible():
            self._ask_name(False)
            self.message.hide()

    def _say_kind(self, kind: str) -> None:
        self._said = kind
        self._say(self._message_text(kind))

    def _message_text(self, kind: str) -> str:
        if kind == "empty":
            return self.tr("Saisissez les 8 lettres de votre code de suivi.")
        if kind == "name":
            return self.tr("Deux demandes portent ce code. Pour trouver la vôtre, indiquez le nom du demandeur.")
        if kind == "blocked":
            return self._blocked_text(self._blocked_seconds)
        if kind == "offline":
            return " ".join(
                (
                    self.not_found_text(),
                    self.tr(
                        "La borne est hors ligne : une demande faite à une autre borne ne peut pas être "
                        "retrouvée pour le moment."
                    ),
                )
            )
        return self.not_found_text()

    def _blocked_text(self, seconds: int) -> str:
        return count_text(
            seconds,
            self.tr("Trop d'essais. Réessayez dans %1 seconde."),
            self.tr("Trop d'essais. Réessayez dans %1 secondes."),
        )

    def not_found_text(self) -> str:
        return self.tr("Aucune demande ne correspond à ce code. Vérifiez les 8 lettres de votre code de suivi.")

    def refresh_block(self) -> None:
        """Disable the field while the kiosk's guard blocks it, with the seconds left; enable it afterwards."""
        self.countdown.refresh()

    def _seconds_blocked(self) -> int:
        return whole_seconds(self.guard.blocked_for())

    def _show_block(self, seconds: int) -> None:
        if seconds > 0:
            self._say(self._blocked_text(seconds))
            self.field.setEnabled(False)
            self.search_button.setEnabled(False)
            return
        was_blocked = not self.field.isEnabled()
        self.field.setEnabled(True)
        self.search_button.setEnabled(not self._busy)
        if was_blocked:
            self.message.hide()
            if self.isVisible():
                self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setAccessibleName(text)
        self.message.show()

    def _on_theme(self, _theme: Theme) -> None:
        colors = self.ctx.theme.colors
        search = icons.icon("search", colors["on_primary"], 32)
        # While the field is blocked the button is greyed: its icon too, or it vanishes into the grey.
        search.addPixmap(icons.pixmap("search", colors["text_muted"], 32), QIcon.Mode.Disabled)
        self.search_button.setIcon(search)

    def title(self) -> str:
        return self.tr("Suivre une demande")

    def retranslate(self) -> None:
        self._title.setText(self.tr("Suivre une demande"))
        self._title.setAccessibleName(self._title.text())
        self._explanation.setText(
            self.tr(
                "Saisissez le code de suivi de 8 lettres qui vous a été donné à la fin de votre démarche. "
                "Il figure aussi sur le récapitulatif, à côté du code QR."
            )
        )
        self._label.setText(self.tr("Code de suivi"))
        self.field.setAccessibleName(self.tr("Code de suivi"))
        self.field.setAccessibleDescription(self.tr("8 lettres, par exemple BCDF GHJK"))
        self.field.setPlaceholderText(self.tr("Par exemple : BCDF GHJK"))
        self.search_button.setText(self.tr("Rechercher"))
        self.search_button.setAccessibleName(self.tr("Rechercher la demande"))
        self._name_label.setText(self.tr("Nom du demandeur"))
        self.name_field.setAccessibleName(self.tr("Nom du demandeur"))
        self.name_field.setAccessibleDescription(self.tr("Le nom de famille indiqué dans la demande"))
        self._on_theme(self.ctx.theme)
        if self.message.isVisible():
            if self.blocked:
                self.refresh_block()
            else:
                self._say(self._message_text(self._said))

    def help_text(self) -> str:
        return self.tr(
            "Tapez le code de suivi de votre demande : 8 lettres, avec ou sans espace. Vous le trouverez sur "
            "l'écran de fin de votre démarche et sur le récapitulatif. Touchez ensuite « Rechercher »."
        )
