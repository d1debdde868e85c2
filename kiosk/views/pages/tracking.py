"""Suivre une demande: the visitor types a tracking code; "Suivi de la demande" shows the request, its status and
history (Historique, La demande, Le demandeur, Pièces jointes, Rendez-vous), and lets the visitor cancel it.

A wrong code says so and nothing more: whether a code is malformed or simply unknown, the same sentence. The
kiosk's TrackingGuard (one for the whole kiosk, outliving every session) blocks the field after too many tries.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.services.drafts import requester_step
from kiosk.views import icons
from kiosk.views.answers import address_lines, format_answer, format_datetime, format_slot, spaced_code
from kiosk.views.navigator import Route
from kiosk.views.pages.base import Page, page_layout, page_title, scroll_area
from kiosk.views.plural import count_text
from kiosk.views.touch import set_content
from kiosk.views.widgets.attachments import format_size
from kiosk.views.widgets.overlay import Overlay

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from kiosk.models.dto import DocumentInfo, RequestEvent, TrackedRequest
    from kiosk.services.tracking import TrackingGuard
    from kiosk.views.context import ViewContext
    from kiosk.views.theme import Theme
    from sync.catalogue import Procedure

CODE_MAX_CHARS = 9  # 8 letters and one optional space or dash between the two groups
CANCELLABLE = frozenset({"draft", "submitted", "in_progress", "awaiting_you"})
ICON_SIZE = 40


# --- Words for what the request holds ---------------------------------------------------------------------------


def status_text(request: TrackedRequest) -> str:
    """The status in words, as the badge shows it."""
    if request.status == "submitted":
        return (
            QCoreApplication.translate("FollowUpPage", "En attente d'envoi")
            if request.pending_send
            else QCoreApplication.translate("FollowUpPage", "Envoyée à la mairie")
        )
    words = {
        "draft": QCoreApplication.translate("FollowUpPage", "Brouillon"),
        "in_progress": QCoreApplication.translate("FollowUpPage", "En cours de traitement"),
        "awaiting_you": QCoreApplication.translate("FollowUpPage", "En attente de votre part"),
        "accepted": QCoreApplication.translate("FollowUpPage", "Acceptée"),
        "refused": QCoreApplication.translate("FollowUpPage", "Refusée"),
        "cancelled": QCoreApplication.translate("FollowUpPage", "Annulée"),
        "closed": QCoreApplication.translate("FollowUpPage", "Clôturée"),
    }
    return words.get(request.status, request.status)


KIND_ICONS = {"operation": "document", "document": "attachment", "exchange": "news", "appointment": "calendar"}


def kind_text(kind: str) -> str:
    return {
        "operation": QCoreApplication.translate("FollowUpPage", "Opération sur la demande"),
        "document": QCoreApplication.translate("FollowUpPage", "Pièce jointe"),
        "exchange": QCoreApplication.translate("FollowUpPage", "Échange"),
        "appointment": QCoreApplication.translate("FollowUpPage", "Rendez-vous"),
    }.get(kind, QCoreApplication.translate("FollowUpPage", "Opération sur la demande"))


def event_icon(event: RequestEvent) -> str:
    if event.kind == "operation" and event.code in {"submitted", "sent", "accepted"}:
        return "check"
    return KIND_ICONS.get(event.kind, "document")


def event_text(event: RequestEvent, language: str, zone: ZoneInfo, labels: Mapping[str, str]) -> str:
    """One sentence per event: "Demande enregistrée sur la borne", "Rendez-vous réservé le …"."""
    code = event.code
    if code == "document_added":
        field_id = event.detail.split(":", 1)[0]
        label = labels.get(field_id)
        return (
            QCoreApplication.translate("FollowUpPage", "Pièce jointe ajoutée : %1").replace("%1", label)
            if label
            else QCoreApplication.translate("FollowUpPage", "Pièce jointe ajoutée")
        )
    if code == "appointment_booked":
        try:
            starts = dt.datetime.fromisoformat(event.detail)
        except ValueError:
            return QCoreApplication.translate("FollowUpPage", "Rendez-vous réservé")
        when = format_datetime(starts, language, zone, weekday=True)
        return QCoreApplication.translate("FollowUpPage", "Rendez-vous réservé pour le %1").replace("%1", when)
    sentences = {
        "submitted": QCoreApplication.translate("FollowUpPage", "Demande enregistrée sur la borne"),
        "queued": QCoreApplication.translate("FollowUpPage", "En attente d'envoi à la mairie"),
        "sent": QCoreApplication.translate("FollowUpPage", "Demande envoyée à la mairie"),
        "received": QCoreApplication.translate("FollowUpPage", "Demande reçue par la mairie"),
        "in_progress": QCoreApplication.translate("FollowUpPage", "Demande en cours de traitement"),
        "awaiting_you": QCoreApplication.translate("FollowUpPage", "La mairie attend une réponse de votre part"),
        "accepted": QCoreApplication.translate("FollowUpPage", "Demande acceptée"),
        "refused": QCoreApplication.translate("FollowUpPage", "Demande refusée"),
        "closed": QCoreApplication.translate("FollowUpPage", "Demande clôturée"),
        "cancelled": QCoreApplication.translate("FollowUpPage", "Demande annulée"),
        "cancel_queued": QCoreApplication.translate("FollowUpPage", "Annulation en attente d'envoi"),
        "cancel_sent": QCoreApplication.translate("FollowUpPage", "Annulation transmise à la mairie"),
        "document_removed": QCoreApplication.translate("FollowUpPage", "Pièce jointe retirée"),
        "appointment_cancelled": QCoreApplication.translate("FollowUpPage", "Rendez-vous annulé"),
        "message": QCoreApplication.translate("FollowUpPage", "Message de la mairie"),
    }
    return sentences.get(code, kind_text(event.kind))


def short_name(name: str, limit: int = 44) -> str:
    """A long file name cut in the middle, so its start and its extension stay readable."""
    if len(name) <= limit:
        return name
    keep = (limit - 1) // 2
    return f"{name[:keep]}…{name[-keep:]}"


# --- Suivre une demande -----------------------------------------------------------------------------------------


class CodeValidator(QValidator):
    """Letters, digits, a space or a dash, up to 9 characters; letters become capitals as they are typed."""

    def validate(self, text: str, pos: int, /) -> object:
        upper = text.upper()
        allowed = all((c.isascii() and c.isalnum()) or c in " -" for c in upper)
        if len(upper) > CODE_MAX_CHARS or not allowed:
            return QValidator.State.Invalid, text, pos
        return QValidator.State.Acceptable, upper, pos


class FindRequestPage(Page):
    """ "Suivre une demande" (route TRACK): a code field and "Rechercher"; a found code opens TRACKING."""

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
        self.message = QLabel()
        self.message.setObjectName("errorText")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self._title)
        layout.addWidget(self._explanation)
        layout.addWidget(self._label)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.refresh_block)
        ctx.theme_changed.connect(self._on_theme)
        self.retranslate()

    def enter(self, params: Any) -> None:
        super().enter(params)
        self.message.hide()
        if not self.returning:
            # A code opens a request: never leave the last one in the field for whoever comes next.
            self.field.setText("")
        self.refresh_block()
        if self.field.isEnabled():
            self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def leave(self) -> None:
        self._timer.stop()
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
            self._say(self.tr("Saisissez les 8 lettres de votre code de suivi."))
            return
        self._busy = True
        self.search_button.setEnabled(False)
        self.tasks.spawn(self._search(text))

    async def _search(self, text: str) -> None:
        try:
            services = await self.ctx.services()
            found = await services.requests.find(text)  # None for a malformed code as for an unknown one
        finally:
            self._busy = False
            self.search_button.setEnabled(not self.blocked)
        if found is None:
            self.guard.failed()
            self._say(self.not_found_text())
            self.refresh_block()
            return
        self.guard.succeeded()
        self.message.hide()
        self.navigate_requested.emit(Route.FOLLOW_UP, found.tracking_code)

    def not_found_text(self) -> str:
        return self.tr("Aucune demande ne correspond à ce code. Vérifiez les 8 lettres de votre code de suivi.")

    def refresh_block(self) -> None:
        """Disable the field while the kiosk's guard blocks it, with the seconds left; enable it afterwards."""
        left = self.guard.blocked_for()
        if left > 0:
            seconds = max(1, math.ceil(left))
            self._say(
                count_text(
                    seconds,
                    self.tr("Trop d'essais. Réessayez dans %1 seconde."),
                    self.tr("Trop d'essais. Réessayez dans %1 secondes."),
                )
            )
            self.field.setEnabled(False)
            self.search_button.setEnabled(False)
            if not self._timer.isActive():
                self._timer.start()
            return
        was_blocked = not self.field.isEnabled()
        self._timer.stop()
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
        self.search_button.setIcon(icons.icon("search", self.ctx.theme.colors["on_primary"], 32))

    def title(self) -> str:
        return self.tr("Suivre une demande")

    def retranslate(self) -> None:
        self._title.setText(self.tr("Suivre une demande"))
        self._title.setAccessibleName(self._title.text())
        self._explanation.setText(
            self.tr(
                "Saisissez le code de suivi de 8 lettres qui vous a été donné à la fin de votre démarche. "
                "Il figure aussi sur le récapitulatif, à côté du QR code."
            )
        )
        self._label.setText(self.tr("Code de suivi"))
        self.field.setAccessibleName(self.tr("Code de suivi"))
        self.field.setAccessibleDescription(self.tr("8 lettres, par exemple BCDF GHJK"))
        self.field.setPlaceholderText(self.tr("Par exemple : BCDF GHJK"))
        self.search_button.setText(self.tr("Rechercher"))
        self.search_button.setAccessibleName(self.tr("Rechercher la demande"))
        self._on_theme(self.ctx.theme)
        if self.message.isVisible():
            if self.blocked:
                self.refresh_block()
            else:
                self._say(self.not_found_text())

    def help_text(self) -> str:
        return self.tr(
            "Tapez le code de suivi de votre demande : 8 lettres, avec ou sans espace. Vous le trouverez sur "
            "l'écran de fin de votre démarche et sur le récapitulatif. Touchez ensuite « Rechercher »."
        )


# --- Suivi de la demande ----------------------------------------------------------------------------------------


class _TabBar(QWidget):
    """Big toggle buttons, one per tab, on one row or two when the screen is narrow.

    Signals:
        current_changed(str): the key of the tab chosen.
    """

    current_changed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("trackingTabs")
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(12)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        self._columns = 0

    def add(self, key: str) -> QPushButton:
        button = QPushButton(self)
        button.setCheckable(True)
        button.setMinimumHeight(64)
        button.setProperty("tabKey", key)
        button.clicked.connect(lambda: self.select(key))
        self._group.addButton(button)
        self.buttons[key] = button
        self._grid.addWidget(button, 0, len(self.buttons) - 1)
        return button

    def select(self, key: str) -> None:
        button = self.buttons[key]
        button.setChecked(True)
        self.current_changed.emit(key)

    def current(self) -> str:
        checked = self._group.checkedButton()
        return str(checked.property("tabKey")) if checked is not None else ""

    def relayout(self) -> None:
        """One row when the tabs fit the width, else as many rows as needed."""
        shown = [b for b in self.buttons.values() if not b.isHidden()]
        if not shown:
            return
        spacing = self._grid.horizontalSpacing()
        width = max(self.width(), 1)
        widest = max(b.sizeHint().width() for b in shown)
        columns = len(shown)
        while columns > 1 and columns * widest + (columns - 1) * spacing > width:
            columns -= 1
        rows = math.ceil(len(shown) / columns)
        columns = math.ceil(len(shown) / rows)  # balanced rows: 3 + 2 rather than 4 + 1
        for button in shown + [b for b in self.buttons.values() if b.isHidden()]:
            self._grid.removeWidget(button)
        for index, button in enumerate(shown):
            self._grid.addWidget(button, index // columns, index % columns)
        for column in range(max(columns, self._columns)):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)
        self._columns = columns

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.relayout()


class FollowUpPage(Page):
    """ "Suivi de la demande" (route TRACKING, params: the tracking code).

    Signals:
        cancelled(object): the TrackedRequest after a cancellation, once the page shows it.
    """

    cancelled = Signal(object)

    TABS = ("history", "request", "requester", "attachments", "appointment")

    def __init__(self, ctx: ViewContext) -> None:
        super().__init__(ctx)
        self.request: TrackedRequest | None = None
        self.definition: Procedure | None = None
        self.code = ""
        self.confirm_overlay: Overlay | None = None
        self.viewer: QWidget | None = None
        self.viewer_overlay: Overlay | None = None
        self._loaded = False
        layout = page_layout(self, spacing=16)
        self._title = page_title()
        self._procedure = QLabel()
        self._procedure.setObjectName("sectionTitle")
        self._procedure.setWordWrap(True)
        self._procedure.setTextFormat(Qt.TextFormat.PlainText)
        self._meta = QLabel()
        self._meta.setObjectName("muted")
        self._meta.setWordWrap(True)
        self.status_badge = QLabel()
        self.status_badge.setObjectName("badge")
        self.archived_badge = QLabel()
        self.archived_badge.setObjectName("badge")
        self._pending = QLabel()
        self._pending.setObjectName("muted")
        self._pending.setWordWrap(True)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.ask_cancel)
        self.cancel_button.setIconSize(QSize(32, 32))
        badges = QHBoxLayout()
        badges.setSpacing(12)
        badges.addWidget(self.status_badge, 0, Qt.AlignmentFlag.AlignVCenter)
        badges.addWidget(self.archived_badge, 0, Qt.AlignmentFlag.AlignVCenter)
        badges.addWidget(self._pending, 0, Qt.AlignmentFlag.AlignVCenter)
        badges.addStretch(1)
        badges.addWidget(self.cancel_button)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.back_requested.emit)
        self.back_button.hide()

        self.tabs = _TabBar()
        self.stack = QStackedWidget()
        self._areas: dict[str, QScrollArea] = {}
        for key in self.TABS:
            self.tabs.add(key)
            area = scroll_area(QWidget())
            self._areas[key] = area
            self.stack.addWidget(area)
        self.tabs.current_changed.connect(self._show_tab)

        layout.addWidget(self._title)
        layout.addWidget(self._procedure)
        layout.addWidget(self._meta)
        layout.addLayout(badges)
        layout.addWidget(self.message)
        layout.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.tabs)
        layout.addWidget(self.stack, 1)
        ctx.theme_changed.connect(self._on_theme)
        self._on_theme(ctx.theme)
        self.retranslate()

    # --- Page -----------------------------------------------------------------------------------------------

    def enter(self, params: Any) -> None:
        super().enter(params)
        code = str(params or "")
        if code != self.code or self.request is None:
            self.code = code
            self.request = None
            self.definition = None
            self._loaded = False
            self.message.hide()
            self.tabs.select("history")
            self.retranslate()
        self.tasks.spawn(self._load(code))

    def leave(self) -> None:
        if self.confirm_overlay is not None:
            self.confirm_overlay.dismiss()
        self._close_viewer()
        super().leave()

    async def _load(self, code: str) -> None:
        services = await self.ctx.services()
        request = await services.requests.find(code)
        definition: Procedure | None = None
        if request is not None:
            detail = await services.catalogue.procedure_revision(request.procedure_slug, request.procedure_revision)
            if detail is None:
                detail = await services.catalogue.procedure(request.procedure_slug)
            definition = detail.definition if detail is not None else None
        self.request = request
        self.definition = definition
        self._loaded = True
        self.retranslate()

    def title(self) -> str:
        return self.tr("Suivi de la demande")

    def help_text(self) -> str:
        return self.tr(
            "Cette page montre où en est votre demande. Touchez les onglets pour voir l'historique, vos réponses, "
            "le demandeur, les pièces jointes et le rendez-vous. « Annuler ma demande » la retire : la mairie en "
            "est informée."
        )

    # --- Rendering ------------------------------------------------------------------------------------------

    def _on_theme(self, theme: Theme) -> None:
        self.cancel_button.setIcon(icons.icon("close", theme.colors["primary"], 32))
        if self.request is not None:
            self._render_tabs()

    def retranslate(self) -> None:
        self._title.setText(self.tr("Suivi de la demande"))
        self._title.setAccessibleName(self._title.text())
        names = {
            "history": self.tr("Historique"),
            "request": self.tr("La demande"),
            "requester": self.tr("Le demandeur"),
            "attachments": self.tr("Pièces jointes"),
            "appointment": self.tr("Rendez-vous"),
        }
        for key, button in self.tabs.buttons.items():
            button.setText(names[key])
            button.setAccessibleName(self.tr("Onglet %1").replace("%1", names[key]))
        self.cancel_button.setText(self.tr("Annuler ma demande"))
        self.cancel_button.setAccessibleName(self.tr("Annuler ma demande"))
        self.back_button.setText(self.tr("Retour"))
        self.back_button.setAccessibleName(self.tr("Retour à la saisie du code"))
        request = self.request
        found = request is not None
        for widget in (self._procedure, self._meta, self.status_badge, self.tabs, self.stack):
            widget.setVisible(found)
        self.back_button.setVisible(self._loaded and not found)
        if request is None:
            self.archived_badge.hide()
            self._pending.hide()
            self.cancel_button.hide()
            if self._loaded:
                self._show_message(self.tr("Aucune demande ne correspond à ce code."), error=True)
            else:
                self._procedure.setVisible(True)
                self._procedure.setText(self.tr("Chargement…"))
            return
        lang = self.ctx.language
        self._procedure.setText(request.procedure_title.get(lang))
        self._meta.setText(
            self.tr("Référence : %1 · Code de suivi : %2 · Déposée le %3")
            .replace("%1", request.reference)
            .replace("%2", spaced_code(request.tracking_code))
            .replace("%3", format_datetime(request.created_at, lang, self.ctx.settings.zone))
        )
        status = status_text(request)
        self.status_badge.setText(status)
        self.status_badge.setAccessibleName(self.tr("État de la demande : %1").replace("%1", status))
        self.archived_badge.setText(self.tr("Archivée"))
        self.archived_badge.setVisible(request.archived)
        pending = request.pending_send and request.status != "submitted"
        self._pending.setText(self.tr("En attente d'envoi à la mairie"))
        self._pending.setVisible(pending)
        self.cancel_button.setVisible(request.status in CANCELLABLE)
        self.cancel_button.setEnabled(True)
        self.tabs.buttons["appointment"].setVisible(request.appointment is not None)
        if request.appointment is None and self.tabs.current() == "appointment":
            self.tabs.select("history")
        self.tabs.relayout()
        self._render_tabs()

    def _show_message(self, text: str, error: bool = False) -> None:
        self.message.setObjectName("errorText" if error else "sectionTitle")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.setAccessibleName(text)
        self.message.show()

    def _show_tab(self, key: str) -> None:
        self.stack.setCurrentWidget(self._areas[key])

    def current_tab(self) -> str:
        return self.tabs.current()

    def labels(self) -> dict[str, str]:
        """Field labels by id, in the current language, from the definition the request was filled against."""
        if self.definition is None:
            return {}
        lang = self.ctx.language
        return {f.id: f.label.get(lang) for f in self.definition.fields()}

    def _render_tabs(self) -> None:
        request = self.request
        if request is None:
            return
        builders = {
            "history": self._history,
            "request": self._answers,
            "requester": self._requester,
            "attachments": self._attachments,
            "appointment": self._appointment,
        }
        for key, build in builders.items():
            content = QWidget()
            column = QVBoxLayout(content)
            column.setContentsMargins(0, 8, 24, 8)
            column.setSpacing(14)
            build(request, column)
            column.addStretch(1)
            set_content(self._areas[key], content, opaque=True)
        self._show_tab(self.tabs.current() or "history")

    def _text(self, text: str, name: str = "", plain: bool = True) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        if plain:
            label.setTextFormat(Qt.TextFormat.PlainText)
        if name:
            label.setObjectName(name)
        return label

    def _icon(self, name: str, spoken: str) -> QLabel:
        icon = QLabel()
        icon.setPixmap(icons.pixmap(name, self.ctx.theme.colors["primary"], ICON_SIZE))
        icon.setFixedSize(ICON_SIZE + 4, ICON_SIZE + 4)
        icon.setAccessibleName(spoken)
        return icon

    def _pair(self, column: QVBoxLayout, label: str, value: str) -> None:
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(self._text(label, "muted"))
        box.addWidget(self._text(value or self.tr("Non renseigné")))
        column.addLayout(box)

    def _history(self, request: TrackedRequest, column: QVBoxLayout) -> None:
        lang = self.ctx.language
        labels = self.labels()
        for event in reversed(request.events):  # newest first
            card = QFrame()
            card.setObjectName("card")
            row = QHBoxLayout(card)
            row.setContentsMargins(20, 12, 20, 12)
            row.setSpacing(16)
            row.addWidget(self._icon(event_icon(event), kind_text(event.kind)), 0, Qt.AlignmentFlag.AlignTop)
            text = QVBoxLayout()
            text.setSpacing(2)
            text.addWidget(self._text(event_text(event, lang, self.ctx.settings.zone, labels)))
            text.addWidget(self._text(format_datetime(event.at, lang, self.ctx.settings.zone), "muted"))
            row.addLayout(text, 1)
            column.addWidget(card)
        if not request.events:
            column.addWidget(self._text(self.tr("Aucun événement pour le moment.")))

    def _answers(self, request: TrackedRequest, column: QVBoxLayout) -> None:
        lang = self.ctx.language
        shown: set[str] = set()
        if self.definition is not None:
            for step in self.definition.steps:
                fields = [f for f in step.fields if f.id in request.answers and f.type not in {"notice", "attachment"}]
                if not fields:
                    continue
                column.addWidget(self._text(step.title.get(lang), "sectionTitle"))
                for field in fields:
                    self._pair(column, field.label.get(lang), format_answer(field, request.answers[field.id], lang))
                    shown.add(field.id)
        extra = [(k, v) for k, v in request.answers.items() if k not in shown]
        if extra and shown:
            column.addWidget(self._text(self.tr("Autres réponses"), "sectionTitle"))
        for field_id, value in extra:
            self._pair(column, field_id, format_answer(None, value, lang))
        if not request.answers:
            column.addWidget(self._text(self.tr("Cette demande ne comporte aucune réponse.")))

    def _requester(self, request: TrackedRequest, column: QVBoxLayout) -> None:
        person = request.requester
        # Civility and notification are read with the labels of the form the visitor filled ("Mes informations").
        form = {f.id: f for f in requester_step().fields}
        lang = self.ctx.language
        civility = format_answer(form["civility"], person.civility, lang) if person.civility else ""
        name = " ".join(p for p in (civility, person.first_name, person.last_name) if p)
        column.addWidget(self._text(self.tr("Identité"), "sectionTitle"))
        self._pair(column, self.tr("Nom"), name)
        column.addWidget(self._text(self.tr("Adresse"), "sectionTitle"))
        self._pair(column, self.tr("Adresse postale"), "\n".join(address_lines(person.address)))
        column.addWidget(self._text(self.tr("Contact"), "sectionTitle"))
        self._pair(column, self.tr("Courriel"), person.email)
        self._pair(column, self.tr("Téléphone"), person.phone)
        self._pair(column, form["notify_by"].label.get(lang), format_answer(form["notify_by"], person.notify_by, lang))

    def _attachments(self, request: TrackedRequest, column: QVBoxLayout) -> None:
        labels = self.labels()
        files = request.documents
        column.addWidget(
            self._text(
                count_text(len(files), self.tr("%1 document joint"), self.tr("%1 documents joints"))
                if files
                else self.tr("Aucun document joint")
            )
        )
        for field_id, group in _grouped(files):
            column.addWidget(self._text(labels.get(field_id, field_id), "sectionTitle"))
            for meta in group:
                caption = f"{short_name(meta.filename)} · {format_size(meta.size)}"
                button = QPushButton(caption)
                button.setIcon(icons.icon("attachment", self.ctx.theme.colors["primary"], 32))
                button.setIconSize(QSize(32, 32))
                button.setAccessibleName(self.tr("Ouvrir le document %1").replace("%1", meta.filename))
                button.clicked.connect(lambda _=False, m=meta: self.open_attachment(m))
                column.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)

    def _appointment(self, request: TrackedRequest, column: QVBoxLayout) -> None:
        slot = request.appointment
        if slot is None:
            return
        lang = self.ctx.language
        row = QHBoxLayout()
        row.setSpacing(16)
        row.addWidget(self._icon("calendar", self.tr("Rendez-vous")), 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.addWidget(self._text(format_slot(slot, lang, self.ctx.settings.zone), "sectionTitle"))
        text.addWidget(self._text(slot.place))
        row.addLayout(text, 1)
        column.addLayout(row)

    # --- Attachments ----------------------------------------------------------------------------------------

    def open_attachment(self, meta: DocumentInfo) -> None:
        self.tasks.spawn(self._open_attachment(meta))

    async def _open_attachment(self, meta: DocumentInfo) -> None:
        from kiosk.services.documents import AcceptedDocument
        from kiosk.views.widgets.attachments import DocumentViewer

        if self.request is None:
            return
        services = await self.ctx.services()
        content = await services.requests.document_content(self.request.tracking_code, meta.field_id, meta.position)
        pages = await asyncio.to_thread(_page_count, content, meta.media_type) if content is not None else 0
        if content is None or pages < 1:
            self._show_message(self.tr("Ce document ne peut pas être affiché."), error=True)
            return
        self._close_viewer()
        document = AcceptedDocument(
            filename=meta.filename,
            media_type=meta.media_type,
            content=content,
            size=len(content),
            page_count=pages,
            thumbnail_png=b"",
        )
        host = self.window()
        viewer = DocumentViewer(document, self.ctx.theme, None, self.tasks)
        viewer.setMinimumSize(max(360, min(1000, host.width() - 240)), max(300, host.height() - 420))
        # A neutral title: a file name is the visitor's text, and a title label would read it as markup.
        overlay = Overlay(host, self.tr("Document joint"), body=viewer)
        viewer.closed.connect(overlay.dismiss)
        overlay.finished.connect(self._on_viewer_closed)
        self.viewer = viewer
        self.viewer_overlay = overlay
        overlay.open()
        viewer.close_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_viewer_closed(self, _role: str) -> None:
        self.viewer = None
        self.viewer_overlay = None

    def _close_viewer(self) -> None:
        overlay = self.viewer_overlay
        if overlay is not None:
            overlay.dismiss()

    # --- Cancelling -----------------------------------------------------------------------------------------

    def ask_cancel(self) -> Overlay:
        overlay = Overlay(
            self.window(),
            self.tr("Annuler cette demande ?"),
            self.tr("Elle sera archivée ; l'annulation sera transmise à la mairie."),
        )
        # The safe choice first: it takes the focus.
        keep = overlay.add_button(self.tr("Non, garder ma demande"), "keep", primary=True)
        keep.setAccessibleName(self.tr("Non, garder ma demande"))
        confirm = overlay.add_button(self.tr("Oui, annuler"), "cancel")
        confirm.setAccessibleName(self.tr("Oui, annuler ma demande"))
        overlay.finished.connect(self._on_confirm)
        self.confirm_overlay = overlay
        overlay.open()
        return overlay

    def _on_confirm(self, role: str) -> None:
        self.confirm_overlay = None
        if role == "cancel" and self.request is not None:
            self.cancel_button.setEnabled(False)
            self.tasks.spawn(self._cancel(self.request.tracking_code))

    async def _cancel(self, code: str) -> None:
        from kiosk.models.dto import CannotCancel, RequestNotFound, RequestStoreError

        services = await self.ctx.services()
        try:
            updated = await services.requests.cancel(code)
        except CannotCancel:
            self.cancel_button.setEnabled(True)
            self._show_message(
                self.tr("Cette demande ne peut plus être annulée : la mairie l'a déjà traitée."), error=True
            )
            return
        except RequestNotFound:
            self._show_message(self.tr("Aucune demande ne correspond à ce code."), error=True)
            return
        except RequestStoreError:
            self.cancel_button.setEnabled(True)
            self._show_message(
                self.tr("L'annulation n'a pas pu être enregistrée. Réessayez, ou adressez-vous à l'accueil."),
                error=True,
            )
            return
        self.request = updated
        self.tabs.select("history")
        self.retranslate()
        self._show_message(self.tr("Votre demande est annulée. La mairie en sera informée."))
        self.cancelled.emit(updated)


def _grouped(files: Iterable[DocumentInfo]) -> list[tuple[str, list[DocumentInfo]]]:
    groups: dict[str, list[DocumentInfo]] = {}
    for meta in files:
        groups.setdefault(meta.field_id, []).append(meta)
    return [(k, sorted(v, key=lambda m: m.position)) for k, v in groups.items()]


def _page_count(content: bytes, media_type: str) -> int:
    """How many pages the viewer may show (blocking: pypdf, pure Python, off the GUI thread); 0 if unreadable."""
    if media_type != "application/pdf":
        return 1
    import io

    import pypdf

    try:
        return len(pypdf.PdfReader(io.BytesIO(content)).pages)
    except (pypdf.errors.PyPdfError, ValueError, OSError):
        return 0
