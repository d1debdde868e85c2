"""Suivi de la demande: a request found by its tracking code, its status, and five tabs (Historique, La demande,
Le demandeur, Pièces jointes, Rendez-vous); "Annuler ma demande" while it may still be withdrawn; « Rattacher cette
demande à mon espace personnel » for a logged-in citizen while it is in no space (``kiosk.services.attach``: this
kiosk's request is queued; another kiosk's opens « Rattacher une demande », which asks for the requester's name)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.models.dto import TrackedRequest
from kiosk.services.attach_outcomes import citizen_of
from kiosk.services.drafts import requester_step
from kiosk.views import icons
from kiosk.views.answers import address_lines, format_answer, format_datetime, format_slot, spaced_code
from kiosk.views.navigator import Route
from kiosk.views.pages.base import Page, page_layout, page_title, scroll_area
from kiosk.views.plural import count_text
from kiosk.views.request_texts import history_lines, status_text
from kiosk.views.touch import set_content
from kiosk.views.widgets.documents.texts import format_size
from kiosk.views.widgets.overlay import Overlay
from kiosk.views.widgets.tab_bar import TabBar

if TYPE_CHECKING:
    from kiosk.models.dto import DocumentInfo
    from kiosk.services.attach_outcomes import Citizen
    from kiosk.views.context import ViewContext
    from kiosk.views.session import VisitorSession
    from kiosk.views.theme import Theme
    from kiosk.views.widgets.documents.viewer import DocumentViewer
    from sync.catalogue import Procedure

ICON_SIZE = 40


def short_name(name: str, limit: int = 44) -> str:
    """A long file name cut in the middle, so its start and its extension stay readable."""
    if len(name) <= limit:
        return name
    keep = (limit - 1) // 2
    return f"{name[:keep]}…{name[-keep:]}"


class FollowUpPage(Page):
    """ "Suivi de la demande" (route FOLLOW_UP, params: the tracking code).

    Signals:
        cancelled(object): the TrackedRequest after a cancellation, once the page shows it.
    """

    cancelled = Signal(object)

    TABS = ("history", "request", "requester", "documents", "appointment")

    def __init__(self, ctx: ViewContext, visitor: VisitorSession | None = None) -> None:
        super().__init__(ctx)
        self.visitor = visitor  # the logged-in citizen, if any: « Rattacher » is theirs
        self.request: TrackedRequest | None = None
        self.definition: Procedure | None = None
        self.code = ""
        self.confirm_overlay: Overlay | None = None
        self.viewer: DocumentViewer | None = None
        self.viewer_overlay: Overlay | None = None
        self._loaded = False
        layout = page_layout(self, spacing=16)
        self._title = page_title()
        self._procedure = QLabel()
        self._procedure.setObjectName("sectionTitle")
        self._procedure.setWordWrap(True)
        self._procedure.setTextFormat(Qt.TextFormat.PlainText)

        # What the request is and where it stands, as label / value rows; "Annuler ma demande" beside them.
        self.status_badge = QLabel()
        self.status_badge.setObjectName("statusBadge")
        self.archived_badge = QLabel()
        self.archived_badge.setObjectName("badge")
        self._pending = QLabel()
        self._pending.setObjectName("muted")
        self._pending.setWordWrap(True)
        for badge in (self.status_badge, self.archived_badge):
            badge.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)  # as wide as its words
        status = QHBoxLayout()
        status.setSpacing(12)
        status.addWidget(self.status_badge)
        status.addWidget(self.archived_badge)
        status.addWidget(self._pending, 1)
        status.addStretch(0)
        self._reference = self._text("")
        self._code = self._text("", "codeValue")
        self._date = self._text("")
        self._facts = QWidget()
        grid = QGridLayout(self._facts)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(20)
        grid.setVerticalSpacing(8)
        self._fact_names = [self._text("", "muted") for _ in range(4)]
        values: list[QWidget | QHBoxLayout] = [status, self._reference, self._code, self._date]
        for row, (name, value) in enumerate(zip(self._fact_names, values, strict=True)):
            grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignVCenter)
            if isinstance(value, QHBoxLayout):
                grid.addLayout(value, row, 1)
            else:
                grid.addWidget(value, row, 1)
        grid.setColumnStretch(1, 1)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.ask_cancel)
        self.cancel_button.setIconSize(QSize(32, 32))
        summary = QHBoxLayout()
        summary.setSpacing(24)
        summary.addWidget(self._facts, 1)
        summary.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignTop)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        self._attach_panel = self._build_attach_panel()
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.back_requested.emit)
        self.back_button.hide()

        self.tabs = TabBar()
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
        layout.addLayout(summary)
        layout.addWidget(self._attach_panel)
        layout.addWidget(self.message)
        back_row = QHBoxLayout()  # beside a stretch, not aligned: an aligned item loses its height-for-width
        back_row.addWidget(self.back_button)
        back_row.addStretch(1)
        layout.addLayout(back_row)
        layout.addWidget(self.tabs)
        layout.addWidget(self.stack, 1)
        layout.addStretch(0)  # takes the room only while the tabs are hidden: a message stays at the top
        ctx.theme_changed.connect(self._on_theme)
        if visitor is not None:
            visitor.citizen_changed.connect(self._on_citizen)  # bound: dropped with the page
        self._on_theme(ctx.theme)
        self.retranslate()

    # --- Page -----------------------------------------------------------------------------------------------

    def enter(self, params: Any) -> None:
        super().enter(params)
        if isinstance(params, TrackedRequest):
            # A request of another kiosk, found on central: shown as it came, never looked up in the cache.
            self.code = params.tracking_code
            self.request = params
            self.definition = None
            self._loaded = True
            self.message.hide()
            self.retranslate()
            return
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
            "documents": self.tr("Pièces jointes"),
            "appointment": self.tr("Rendez-vous"),
        }
        for key, name in names.items():
            self.tabs.set_label(key, name, self.tr("Onglet %1").replace("%1", name))
        # Central's number once it has the request (the one its agents and mails use), the local reference until.
        numbered = self.request is not None and self.request.number is not None
        reference = self.tr("Numéro") if numbered else self.tr("Référence")
        facts = (self.tr("État"), reference, self.tr("Code de suivi"), self.tr("Déposée le"))
        for label, text in zip(self._fact_names, facts, strict=True):
            label.setText(text)
        self.cancel_button.setText(self.tr("Annuler ma demande"))
        self.cancel_button.setAccessibleName(self.tr("Annuler ma demande"))
        self.back_button.setText(self.tr("Retour"))
        self.back_button.setAccessibleName(self.tr("Retour à la saisie du code"))
        self._retranslate_attach()
        request = self.request
        found = request is not None
        for widget in (self._procedure, self._facts, self.tabs, self.stack):
            widget.setVisible(found)
        self.back_button.setVisible(self._loaded and not found)
        if request is None:
            self.cancel_button.hide()
            self._attach_panel.hide()
            if self._loaded:
                self._show_message(self.tr("Aucune demande ne correspond à ce code."), error=True)
            else:
                self._procedure.setVisible(True)
                self._procedure.setText(self.tr("Chargement…"))
            return
        lang = self.ctx.language
        zone = self.ctx.settings.zone
        self._procedure.setText(request.procedure_title.get(lang))
        self._reference.setText(request.number or request.reference)
        self._code.setText(spaced_code(request.tracking_code))
        # A citizen's own request opened from their space comes without its code (central never gives it back).
        self._code.setVisible(bool(request.tracking_code))
        self._fact_names[2].setVisible(bool(request.tracking_code))
        self._date.setText(format_datetime(request.created_at, lang, zone))
        status = status_text(request)
        self.status_badge.setText(status)
        self.status_badge.setAccessibleName(self.tr("État de la demande : %1").replace("%1", status))
        self.archived_badge.setText(self.tr("Archivée"))
        self.archived_badge.setVisible(request.archived)
        pending = request.pending_send and request.status != "submitted"
        if request.send_refused and not request.pending_send:
            # Central refused it for good: only an agent can act on it; its reason is in the agents' log.
            self._pending.setText(
                self.tr("La mairie n'a pas pu l'enregistrer : adressez-vous à l'accueil avec votre code de suivi.")
            )
        else:
            self._pending.setText(self.tr("En attente d'envoi à la mairie"))
        self._pending.setVisible(pending or (request.send_refused and not request.pending_send))
        self.cancel_button.setVisible(request.cancellable)
        self.cancel_button.setEnabled(True)
        self._update_attach()
        self.tabs.set_tab_visible("appointment", request.appointment is not None)
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
            "documents": self._documents,
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
        zone = self.ctx.settings.zone
        for line in reversed(history_lines(request.events, lang, zone, self.labels())):  # newest first
            card = QFrame()
            card.setObjectName("card")
            row = QHBoxLayout(card)
            row.setContentsMargins(20, 12, 20, 12)
            row.setSpacing(16)
            row.addWidget(self._icon(line.icon, line.kind), 0, Qt.AlignmentFlag.AlignTop)
            text = QVBoxLayout()
            text.setSpacing(2)
            text.addWidget(self._text(line.text))
            text.addWidget(self._text(format_datetime(line.at, lang, zone), "muted"))
            row.addLayout(text, 1)
            column.addWidget(card)
        if not request.events:
            column.addWidget(self._text(self.tr("Aucun événement pour le moment.")))

    def _at_town_hall(self, request: TrackedRequest, column: QVBoxLayout) -> bool:
        """Once central has the request, the kiosk keeps none of its details: say where they are instead."""
        if not request.details_at_town_hall:
            return False
        column.addWidget(
            self._text(
                self.tr(
                    "Votre demande a été transmise à la mairie, qui en conserve le détail. Pour protéger vos "
                    "informations, la borne ne les garde plus. Pour les consulter, adressez-vous à l'accueil."
                )
            )
        )
        return True

    def _answers(self, request: TrackedRequest, column: QVBoxLayout) -> None:
        if self._at_town_hall(request, column):
            return
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
        if self._at_town_hall(request, column):
            return
        person = request.requester
        # Read with the labels of the form the visitor filled ("Mes informations"): the same words on both screens.
        form = {f.id: f for f in requester_step().fields}
        lang = self.ctx.language
        civility = format_answer(form["civility"], person.civility, lang) if person.civility else ""
        name = " ".join(p for p in (civility, person.first_name, person.last_name) if p)
        self._pair(column, self.tr("Nom"), name)
        self._pair(column, form["address"].label.get(lang), "\n".join(address_lines(person.address)))
        self._pair(column, form["email"].label.get(lang), person.email)
        self._pair(column, form["phone"].label.get(lang), person.phone)
        self._pair(column, form["notify_by"].label.get(lang), format_answer(form["notify_by"], person.notify_by, lang))

    def _documents(self, request: TrackedRequest, column: QVBoxLayout) -> None:
        if self._at_town_hall(request, column):
            return
        labels = self.labels()
        files = request.documents
        if not files:
            column.addWidget(self._text(self.tr("Aucune pièce jointe")))
            return
        column.addWidget(self._text(count_text(len(files), self.tr("%1 fichier joint"), self.tr("%1 fichiers joints"))))
        column.addWidget(self._text(self.tr("Touchez un fichier pour le voir."), "muted"))
        for field_id, group in _grouped(files):
            column.addWidget(self._text(labels.get(field_id, field_id), "sectionTitle"))
            for meta in group:
                caption = f"{short_name(meta.filename)} · {format_size(meta.size)}"
                button = QPushButton(caption)
                button.setIcon(icons.icon("attachment", self.ctx.theme.colors["primary"], 32))
                button.setIconSize(QSize(32, 32))
                button.setAccessibleName(self.tr("Ouvrir le document %1").replace("%1", meta.filename))
                button.clicked.connect(lambda _=False, m=meta: self.open_document(m))
                row = QHBoxLayout()  # beside a stretch, not aligned: see the README's notes
                row.addWidget(button)
                row.addStretch(1)
                column.addLayout(row)

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
        if request.status == "cancelled":
            # The slot went back to others with the cancellation: say so, lest the visitor come anyway.
            text.addWidget(self._text(self.tr("Ce rendez-vous est annulé avec la demande."), "errorText"))
        row.addLayout(text, 1)
        column.addLayout(row)

    # --- Documents ------------------------------------------------------------------------------------------

    def open_document(self, meta: DocumentInfo) -> None:
        self.tasks.spawn(self._open_document(meta))

    async def _open_document(self, meta: DocumentInfo) -> None:
        from kiosk.services.documents import AcceptedDocument
        from kiosk.views.widgets.documents.viewer import open_viewer

        if self.request is None:
            return
        services = await self.ctx.services()
        content = await services.requests.document_content(self.request.tracking_code, meta.field_id, meta.position)
        pages = await services.documents.page_count(content, meta.media_type) if content is not None else 0
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
        self.viewer, self.viewer_overlay = open_viewer(self.window(), document, services.documents, self.tasks)
        self.viewer_overlay.finished.connect(self._on_viewer_closed)

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
            # Decided meanwhile: show where it stands now (the button goes), and why nothing was cancelled.
            self.request = await services.requests.find(code) or self.request
            self.retranslate()
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

    # --- Attaching to the citizen's personal space -------------------------------------------------------------

    def _build_attach_panel(self) -> QWidget:
        panel = QWidget()
        row = QHBoxLayout(panel)
        row.setContentsMargins(0, 0, 0, 0)
        self.attach_button = QPushButton()
        self.attach_button.clicked.connect(self.attach)
        row.addWidget(self.attach_button)
        row.addStretch(1)
        self._attaching = False
        panel.hide()
        return panel

    def _retranslate_attach(self) -> None:
        self.attach_button.setText(self.tr("Rattacher cette demande à mon espace personnel"))
        self.attach_button.setAccessibleName(self.attach_button.text())

    def _citizen(self) -> Citizen | None:
        visitor = self.visitor
        return None if visitor is None else citizen_of(visitor.citizen_token(), visitor.citizen_attach_grant())

    def _update_attach(self) -> None:
        request = self.request
        self._attach_panel.setVisible(request is not None and not request.attached and self._citizen() is not None)

    def _on_citizen(self, _identity: object) -> None:
        if self.request is not None:
            self._update_attach()

    def attach(self) -> None:
        """« Rattacher cette demande à mon espace personnel ». This kiosk's request: its attach is queued at once,
        online or not (its follow-up was opened with its code). Another kiosk's: « Rattacher une demande » with its
        code, which asks for the requester's last name, the verification central checks."""
        request, citizen = self.request, self._citizen()
        if self._attaching or request is None or citizen is None:
            return
        if request.from_town_hall:
            self.navigate_requested.emit(Route.ATTACH, request.tracking_code)
            return
        self._attaching = True
        self.attach_button.setEnabled(False)
        self.tasks.spawn(self._attach(request, citizen))

    async def _attach(self, request: TrackedRequest, citizen: Citizen) -> None:
        try:
            services = await self.ctx.services()
            outcome = None if services.attach is None else await services.attach.attach_here(request, citizen)
        finally:
            self._attaching = False
            self.attach_button.setEnabled(True)
        if outcome is not None and outcome.result == "already":
            # Attached, or waiting to be, for whoever asked first: said neutrally, and « Rattacher » goes.
            self.request = outcome.request or request
            self._update_attach()
            self._show_message(self.tr("Cette demande est déjà rattachée à un espace personnel."))
            return
        if outcome is not None and outcome.result == "queued":
            self.request = outcome.request or request
            self.tabs.select("history")
            self.retranslate()
            self._show_message(
                self.tr(
                    "C'est fait : cette demande est rattachée à votre espace personnel. Elle y apparaîtra dès que "
                    "la mairie l'aura reçue."
                )
            )
            return
        self._show_message(
            self.tr("Le rattachement n'a pas pu être enregistré. Réessayez, ou adressez-vous à l'accueil."), error=True
        )


def _grouped(files: Iterable[DocumentInfo]) -> list[tuple[str, list[DocumentInfo]]]:
    groups: dict[str, list[DocumentInfo]] = {}
    for meta in files:
        groups.setdefault(meta.field_id, []).append(meta)
    return [(k, sorted(v, key=lambda m: m.position)) for k, v in groups.items()]
