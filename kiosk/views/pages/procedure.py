"""La démarche: what a procedure is for, how long it takes, what to prepare, and the way in."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.views.navigator import Route
from kiosk.views.pages.base import Page, page_layout, page_title, scroll_area
from kiosk.views.pages.for_whom import procedure_params, procedure_slug, relative_of
from kiosk.views.pages.padlock import padlock_overlay, quota_reached_overlay, session_ended_overlay
from kiosk.views.plural import count_text
from kiosk.views.widgets.icon_line import IconLine
from kiosk.views.widgets.overlay import Overlay

if TYPE_CHECKING:
    from kiosk.models.dto import ProcedureDetail
    from kiosk.services.citizen import CitizenIdentity
    from kiosk.views.context import ViewContext
    from kiosk.views.pages.for_whom import ProcedureFor, Relative
    from kiosk.views.session import VisitorSession
    from kiosk.views.theme import Theme


def quota_text(count: int, period: str) -> str:
    """How often a person may make this request, e.g. "Au plus 3 demandes par mois et par personne"."""
    forms = {
        "day": (
            QCoreApplication.translate("Quota", "Au plus %1 demande par jour et par personne"),
            QCoreApplication.translate("Quota", "Au plus %1 demandes par jour et par personne"),
        ),
        "week": (
            QCoreApplication.translate("Quota", "Au plus %1 demande par semaine et par personne"),
            QCoreApplication.translate("Quota", "Au plus %1 demandes par semaine et par personne"),
        ),
        "month": (
            QCoreApplication.translate("Quota", "Au plus %1 demande par mois et par personne"),
            QCoreApplication.translate("Quota", "Au plus %1 demandes par mois et par personne"),
        ),
        "year": (
            QCoreApplication.translate("Quota", "Au plus %1 demande par an et par personne"),
            QCoreApplication.translate("Quota", "Au plus %1 demandes par an et par personne"),
        ),
    }
    one, many = forms[period]
    return count_text(count, one, many)


def procedure_help_overlay(host: QWidget, detail: ProcedureDetail, language: str) -> Overlay:
    """ "Aide à la saisie": the procedure's own help, in an overlay over ``host``."""
    definition = detail.definition
    text = (
        definition.help.get(language)
        if definition.help
        else QCoreApplication.translate("ProcedureHelp", "Cette démarche n'a pas d'aide particulière.")
    )
    overlay = Overlay(host, QCoreApplication.translate("ProcedureHelp", "Aide à la saisie"), text)
    overlay.add_button(QCoreApplication.translate("ProcedureHelp", "Fermer"), "close", primary=True)
    return overlay


class ProcedurePage(Page):
    """ "La démarche", the first step of every procedure.

    Signals:
        start_requested(str): the visitor wants to fill the procedure with this slug.
    """

    start_requested = Signal(str)

    def __init__(self, ctx: ViewContext, visitor: VisitorSession) -> None:
        super().__init__(ctx)
        self.visitor = visitor
        self.detail: ProcedureDetail | None = None
        self._missing = False
        self._checking = False  # asking central for the citizen's quota: « Commencer » waits
        self._relative: Relative | None = None  # made for a member of the citizen's family (the route parameter)
        content = QWidget()
        layout = page_layout(content)
        self._step = QLabel()
        self._step.setObjectName("muted")
        self._title = page_title()
        self._description = QLabel()
        self._description.setWordWrap(True)
        self._description.setTextFormat(Qt.TextFormat.PlainText)

        card = QFrame()
        card.setObjectName("card")
        facts = QVBoxLayout(card)
        facts.setContentsMargins(28, 24, 28, 24)
        facts.setSpacing(16)
        color = ctx.theme.colors["primary"]
        self._duration = IconLine("clock", color)
        self._processing = IconLine("hourglass", color)
        self._access = IconLine("padlock", color)
        self._quota = IconLine("quota", color)
        self._appointment = IconLine("calendar", color)
        self._rows = (self._duration, self._processing, self._access, self._quota, self._appointment)
        for row in self._rows:
            facts.addWidget(row)
        ctx.theme_changed.connect(self._on_theme)
        visitor.citizen_changed.connect(self._on_citizen)  # bound methods: dropped with the page

        self._documents_title = QLabel()
        self._documents_title.setObjectName("sectionTitle")
        self._documents = QLabel()
        self._documents.setWordWrap(True)
        self._documents.setTextFormat(Qt.TextFormat.PlainText)

        self.help_button = QPushButton()
        self.help_button.clicked.connect(self.show_procedure_help)
        self.start_button = QPushButton()
        self.start_button.setProperty("primary", True)
        self.start_button.clicked.connect(self._start)
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        buttons.addWidget(self.help_button)
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)

        layout.addWidget(self._step)
        layout.addWidget(self._title)
        layout.addWidget(self._description)
        layout.addWidget(card)
        layout.addWidget(self._documents_title)
        layout.addWidget(self._documents)
        layout.addStretch(1)
        layout.addLayout(buttons)
        page_layout(self, margin=0, spacing=0).addWidget(scroll_area(content))
        self.retranslate()

    def _on_theme(self, theme: Theme) -> None:
        for row in self._rows:
            row.set_color(theme.colors["primary"])

    def enter(self, params: Any) -> None:
        super().enter(params)
        slug, self._relative = procedure_slug(params), relative_of(params)
        if self.detail is None or self.detail.summary.slug != slug:
            self.detail = None
            self._missing = False
        self.retranslate()
        self.tasks.spawn(self._load(slug))

    async def _load(self, slug: str) -> None:
        catalogue = await self.ctx.catalogue()
        self.detail = await catalogue.procedure(slug)
        self._missing = self.detail is None
        self.retranslate()

    def _on_citizen(self, _citizen: CitizenIdentity | None) -> None:
        self.retranslate()

    def _start(self) -> None:
        if self.detail is None or self._checking:
            return
        slug = self.detail.summary.slug
        if self.detail.definition.access == "personal_space" and self.visitor.citizen is None:
            padlock_overlay(self.window(), (Route.PROCEDURE, self._params(slug)), self.navigate_requested.emit).open()
            return
        token = self.visitor.citizen_token()
        if token is not None and self.detail.definition.quota is not None:
            self._checking = True
            self.start_button.setEnabled(False)
            self.tasks.spawn(self._check_quota(token, slug))
            return
        self._open_wizard(slug)

    async def _check_quota(self, token: str, slug: str) -> None:
        """Before the wizard starts: central's count of the citizen's requests. Reached: the guide's message and
        no wizard; central not answering: on, as for anyone (central counts again when the request arrives)."""
        try:
            services = await self.ctx.services()
            check = None if services.quotas is None else await services.quotas.check(token, slug)
        finally:
            self._checking = False
            self.start_button.setEnabled(self.detail is not None)
        if self.detail is None or self.detail.summary.slug != slug:
            return  # another procedure is on show now
        if check is not None and check.result == "reached" and check.state is not None:
            quota_reached_overlay(self.window(), check.state, self.ctx.language, self.ctx.settings.zone).open()
        elif check is not None and check.result == "expired":
            # Said, not silently dropped: « Me reconnecter » comes back here; « Fermer » leaves a visitor who may
            # start a procedure open to anyone as anyone does (the padlocked ones offer the log-in again).
            self.visitor.citizen_expired()
            then = (Route.PROCEDURE, self._params(slug))
            session_ended_overlay(self.window(), then, self.navigate_requested.emit, draft=False).open()
        else:
            self._open_wizard(slug)

    def _params(self, slug: str) -> str | ProcedureFor:
        """The route parameter of this procedure for the same person (for the wizard, or to come back here)."""
        return procedure_params(slug, self._relative)

    def _open_wizard(self, slug: str) -> None:
        self.start_requested.emit(slug)
        self.navigate_requested.emit(Route.WIZARD, self._params(slug))

    def show_procedure_help(self) -> None:
        if self.detail is not None:
            procedure_help_overlay(self.window(), self.detail, self.ctx.language).open()

    def title(self) -> str:
        return self.tr("La démarche")

    def retranslate(self) -> None:
        relative = self._relative
        self._step.setText(
            self.tr("Étape 1 · La démarche")
            if relative is None
            else self.tr("Étape 1 · La démarche, pour %1").replace("%1", relative.name())
        )
        self.help_button.setText(self.tr("Aide à la saisie"))
        locked = (
            self.detail is not None
            and self.detail.definition.access == "personal_space"
            and self.visitor.citizen is None
        )
        # Not "Commencer" where the visitor must log in first: the button says what comes.
        self.start_button.setText(
            self.tr("Me connecter pour commencer") if locked else self.tr("Commencer la démarche")
        )
        self._documents_title.setText(self.tr("Documents à préparer"))
        detail = self.detail
        rows = (self._duration, self._processing, self._access, self._quota, self._appointment)
        if detail is None:
            self._title.setText(
                self.tr("Cette démarche n'est plus proposée. Touchez « Retour » pour en choisir une autre.")
                if self._missing
                else self.tr("Chargement…")
            )
            self._description.clear()
            for row in rows:
                row.hide()
            self._documents_title.hide()
            self._documents.hide()
            self.start_button.setEnabled(False)
            self.help_button.setEnabled(False)
            return
        lang = self.ctx.language
        definition = detail.definition
        self._title.setText(definition.title.get(lang))
        self._title.setAccessibleName(self._title.text())
        self._description.setText(definition.description.get(lang))
        self._duration.label.setText(
            count_text(
                definition.estimated_minutes,
                self.tr("Temps de saisie : environ %1 minute"),
                self.tr("Temps de saisie : environ %1 minutes"),
            )
        )
        self._duration.show()
        if definition.processing_time:
            self._processing.label.setText(
                self.tr("Délai de traitement : %1").replace("%1", definition.processing_time.get(lang))
            )
        self._processing.setVisible(definition.processing_time is not None)
        self._access.label.setText(
            self.tr("Espace personnel requis : vous êtes connecté à votre espace personnel.")
            if self.visitor.citizen is not None
            else self.tr(
                "Espace personnel requis : connectez-vous à votre espace personnel, ou créez-le, pour faire cette "
                "démarche."
            )
        )
        self._access.setVisible(definition.access == "personal_space")
        if definition.quota:
            self._quota.label.setText(quota_text(definition.quota.count, definition.quota.period))
        self._quota.setVisible(definition.quota is not None)
        appointment = {
            "required": self.tr("Un rendez-vous en mairie est obligatoire : vous le choisirez pendant la démarche."),
            "optional": self.tr("Vous pourrez prendre un rendez-vous en mairie si vous le souhaitez."),
        }.get(definition.appointment, "")
        self._appointment.label.setText(appointment)
        self._appointment.setVisible(bool(appointment))
        documents = [d.get(lang) for d in definition.documents]
        self._documents.setText("\n".join(f"•  {d}" for d in documents))
        self._documents_title.setVisible(bool(documents))
        self._documents.setVisible(bool(documents))
        self.start_button.setEnabled(not self._checking)
        self.help_button.setEnabled(definition.help is not None)

    def help_text(self) -> str:
        return self.tr(
            "Cette page présente la démarche : à quoi elle sert, le temps qu'elle prend et les documents à "
            "préparer. Touchez « Commencer la démarche » pour la remplir, ou « Aide à la saisie » pour en savoir plus."
        )
