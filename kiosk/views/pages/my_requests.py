"""« Voir toutes mes demandes » (route MY_REQUESTS): the logged-in citizen's requests, one row each with a loupe
that opens its follow-up (« Suivi de la demande », fetched with the citizen's token from any kiosk).

The route's parameter is the filter: "latest" (the four latest, « Dernières demandes »), "all" (those going on),
"archived" (« Voir toutes mes demandes archivées »: cancelled, refused, closed), "unread" (with town messages not
read, « Échanges à lire ») or "appointments" (with an appointment to come, « Rendez-vous proches »). Opening a
request marks the messages it shows as read on central, before the follow-up shows: coming back, the counts have
gone down. The list comes from central each time the page is shown, and lives in this page only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.services.dashboard_outcomes import upcoming
from kiosk.views import icons
from kiosk.views.answers import format_datetime
from kiosk.views.navigator import Route
from kiosk.views.pages.base import Page, page_layout, page_title, scroll_area
from kiosk.views.pages.dashboard import LATEST
from kiosk.views.plural import count_text
from kiosk.views.request_texts import status_word
from kiosk.views.touch import set_content
from kiosk.views.widgets.wrapped_label import WrappedLabel
from sync.clock import utc_now

if TYPE_CHECKING:
    from kiosk.services.citizen import CitizenIdentity
    from kiosk.services.dashboard_outcomes import DashboardActions, DashboardOutcome
    from kiosk.views.context import ViewContext
    from kiosk.views.session import VisitorSession
    from sync.personal_space import MyRequest

FILTERS: Final = ("latest", "all", "archived", "unread", "appointments")
LOUPE_SIZE: Final = 40


class MyRequestsPage(Page):
    """The citizen's requests under ``filter``; ``rows`` maps each shown request's number to its loupe."""

    def __init__(self, ctx: ViewContext, visitor: VisitorSession) -> None:
        super().__init__(ctx)
        self.visitor = visitor
        self.filter = "all"
        self.outcome: DashboardOutcome | None = None
        self.opening: str | None = None  # the number being opened
        self.rows: dict[str, QPushButton] = {}
        self._said = ""  # what went wrong last (opening a request), said in the status line
        layout = page_layout(self, spacing=16)
        self._title = page_title()
        self.status = WrappedLabel()
        self.status.setObjectName("muted")
        self.switch_button = QPushButton()
        self.switch_button.setProperty("large", True)
        self.switch_button.clicked.connect(self._switch)
        self._list = QWidget()
        self._area = scroll_area(self._list)
        switch_row = QHBoxLayout()  # beside a stretch: an aligned button would lose its height-for-width
        switch_row.addWidget(self.switch_button)
        switch_row.addStretch(1)
        layout.addWidget(self._title)
        layout.addWidget(self.status)
        layout.addLayout(switch_row)
        layout.addWidget(self._area, 1)
        visitor.citizen_changed.connect(self._on_citizen)
        ctx.theme_changed.connect(lambda _theme: self._render())
        self.retranslate()

    # -- showing -------------------------------------------------------------------------------------------

    def enter(self, params: Any) -> None:
        super().enter(params)
        self.filter = str(params) if params in FILTERS else "all"
        self.opening = None
        self._said = ""
        if self.visitor.citizen is None:
            QTimer.singleShot(0, self, lambda: self.navigate_requested.emit(Route.ACCOUNT, None))
            return
        self.retranslate()
        self.tasks.spawn(self._load())

    def _dashboard(self) -> DashboardActions | None:
        services = self.ctx.services_if_up()
        return services.dashboard if services is not None else None

    async def _load(self) -> None:
        token, found = self.visitor.citizen_token(), self._dashboard()
        if token is None or found is None:
            self.outcome = None
            self.retranslate()
            return
        outcome = await found.dashboard(token)
        if outcome.result == "expired":
            self._expired()
            return
        self.show_outcome(outcome)

    def show_outcome(self, outcome: DashboardOutcome) -> None:
        """Central's answer, listed under the filter."""
        self.outcome = outcome
        self.retranslate()

    def _expired(self) -> None:
        self.outcome = None
        self.visitor.citizen_expired()
        self.navigate_requested.emit(Route.ACCOUNT, "expired")

    def _on_citizen(self, citizen: CitizenIdentity | None) -> None:
        if citizen is None:
            self.outcome = None  # nothing of theirs stays on screen, even before the wipe rebuilds the pages
            self.retranslate()

    def _switch(self) -> None:
        self.navigate_requested.emit(Route.MY_REQUESTS, "all" if self.filter == "archived" else "archived")

    def shown(self) -> list[MyRequest]:
        """The requests of the filter, as listed."""
        board = self.outcome.dashboard if self.outcome is not None else None
        if board is None:
            return []
        requests = list(board.requests)
        if self.filter == "latest":
            return requests[:LATEST]
        if self.filter == "archived":
            return [r for r in requests if r.archived]
        if self.filter == "unread":
            return [r for r in requests if r.unread]
        if self.filter == "appointments":
            order = upcoming(board, utc_now())
            by_number = {r.number: r for r in requests}
            return [by_number[n] for n in order]
        return [r for r in requests if not r.archived]

    # -- opening one ---------------------------------------------------------------------------------------

    def open_request(self, number: str) -> None:
        if self.opening is not None:
            return
        self.opening = number
        self._said = ""
        self.retranslate()
        self.tasks.spawn(self._open(number))

    async def _open(self, number: str) -> None:
        token, found = self.visitor.citizen_token(), self._dashboard()
        if token is None or found is None:
            self.opening = None
            return
        try:
            follow_up = await found.follow_up(token, number)
            if follow_up.result == "ok" and follow_up.request is not None:
                # Read once shown: the messages it holds no longer count (a failure here only leaves them unread).
                if await found.mark_read(token, number, follow_up.seen) == "expired":
                    self._expired()
                    return
                self.navigate_requested.emit(Route.FOLLOW_UP, follow_up.request)
                return
        finally:
            self.opening = None
        if follow_up.result == "expired":
            self._expired()
            return
        self._said = (
            self.tr("Cette demande n'est plus dans votre espace personnel.")
            if follow_up.result == "not_found"
            else self.tr("La borne n'est pas reliée à la mairie pour le moment : la demande ne peut pas être ouverte.")
        )
        self.retranslate()
        if follow_up.result == "not_found":
            self.tasks.spawn(self._load())

    # -- texts ---------------------------------------------------------------------------------------------

    def title(self) -> str:
        titles = {
            "latest": self.tr("Dernières demandes"),
            "all": self.tr("Mes demandes"),
            "archived": self.tr("Mes demandes archivées"),
            "unread": self.tr("Échanges à lire"),
            "appointments": self.tr("Rendez-vous proches"),
        }
        return titles.get(self.filter, self.tr("Mes demandes"))

    def _status(self) -> str:
        if self._said:
            return self._said
        if self.opening is not None:
            return self.tr("Ouverture de la demande…")
        if self.outcome is None:
            return self.tr("Chargement de vos demandes…")
        if self.outcome.result != "ok":
            return self.tr(
                "La borne n'est pas reliée à la mairie pour le moment : vos demandes ne peuvent pas être affichées."
            )
        count = len(self.shown())
        empty = {
            "archived": self.tr("Aucune demande archivée."),
            "unread": self.tr("Aucun message de la mairie à lire."),
            "appointments": self.tr("Aucun rendez-vous à venir."),
        }
        if not count:
            return empty.get(self.filter, self.tr("Aucune demande dans votre espace pour le moment."))
        return count_text(count, self.tr("%1 demande"), self.tr("%1 demandes")) + self.tr(
            ". Touchez la loupe d'une demande pour voir son suivi."
        )

    def retranslate(self) -> None:
        self._title.setText(self.title())
        self._title.setAccessibleName(self.title())
        status = self._status()
        self.status.setText(status)
        self.status.setAccessibleName(status)
        self.switch_button.setText(
            self.tr("Voir mes demandes en cours")
            if self.filter == "archived"
            else self.tr("Voir toutes mes demandes archivées")
        )
        self.switch_button.setVisible(self.filter in {"all", "archived"})
        self._render()

    def _render(self) -> None:
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 8, 24, 8)
        column.setSpacing(14)
        self.rows = {}
        for request in self.shown():
            column.addWidget(self._row(request))
        column.addStretch(1)
        set_content(self._area, content, opaque=True)

    def _row(self, request: MyRequest) -> QFrame:
        lang, zone = self.ctx.language, self.ctx.settings.zone
        card = QFrame()
        card.setObjectName("card")
        row = QHBoxLayout(card)
        row.setContentsMargins(20, 12, 20, 12)
        row.setSpacing(16)
        text = QVBoxLayout()
        text.setSpacing(2)
        title = self.outcome.title(request.procedure.slug, lang) if self.outcome is not None else ""
        text.addWidget(_label(title, "sectionTitle"))
        facts = self.tr("N° %1 · %2 · déposée le %3")
        facts = facts.replace("%1", request.number).replace("%2", status_word(request.status))
        text.addWidget(_label(facts.replace("%3", format_datetime(request.received_at, lang, zone)), "muted"))
        if request.unread:
            unread = count_text(request.unread, self.tr("%1 message non lu"), self.tr("%1 messages non lus"))
            text.addWidget(_label(unread, "errorText"))
        if request.appointment is not None and not request.archived:
            when = format_datetime(request.appointment.starts_at, lang, zone, weekday=True)
            text.addWidget(_label(self.tr("Rendez-vous le %1").replace("%1", when)))
        row.addLayout(text, 1)
        loupe = QPushButton()
        loupe.setIcon(icons.icon("search", self.ctx.theme.colors["primary"], LOUPE_SIZE))
        loupe.setIconSize(QSize(LOUPE_SIZE, LOUPE_SIZE))
        loupe.setAccessibleName(self.tr("Voir le suivi de la demande n° %1").replace("%1", request.number))
        loupe.setEnabled(self.opening is None)
        loupe.clicked.connect(lambda _=False, n=request.number: self.open_request(n))
        row.addWidget(loupe, 0, Qt.AlignmentFlag.AlignVCenter)
        self.rows[request.number] = loupe
        return card

    def help_text(self) -> str:
        return self.tr(
            "Vos demandes, les plus récentes en premier. Touchez la loupe d'une demande pour voir son suivi et les "
            "messages de la mairie. « Voir toutes mes demandes archivées » montre les demandes annulées, refusées "
            "ou clôturées."
        )


def _label(text: str, name: str = "") -> QLabel:
    label = WrappedLabel(text)
    if name:
        label.setObjectName(name)
    return label
