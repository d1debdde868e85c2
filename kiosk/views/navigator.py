"""Routes over a QStackedWidget: go, back, home. Pages are built on first visit and reused."""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from kiosk.views.pages.base import Page
from kiosk.views.painted import surfaces


class Route(enum.Enum):
    HOME = "home"
    DOMAINS = "domains"  # Nouvelle démarche
    PROCEDURES = "procedures"  # the procedures of one domain
    PROCEDURE = "procedure"  # La démarche
    SEARCH = "search"  # Votre recherche
    COMING_SOON = "coming_soon"  # a service a later version brings
    WIZARD = "wizard"  # filling a procedure: Mon rendez-vous, Mes informations, Ma demande, Le récapitulatif
    CONFIRMATION = "confirmation"  # "Votre demande a bien été prise en compte" (params: SubmittedRequest)
    FIND_REQUEST = "find_request"  # Suivre une demande: the visitor types a tracking code
    FOLLOW_UP = "follow_up"  # Suivi de la demande: the request's follow-up (params: the tracking code)
    AGENT = "agent"  # Espace agent: a counter agent's view of the sync, behind the agent code (a long press)
    ACCOUNT = "account"  # Mon espace: the ways into the personal space, or the citizen's (params: the view)
    DASHBOARD = "dashboard"  # Mon tableau de bord: the logged-in citizen's tiles and badges
    MY_REQUESTS = "my_requests"  # Voir toutes mes demandes (params: a filter: "all", "archived", "unread", ...)
    PROFILE = "profile"  # Mon profil / Je modifie mon espace: identity, address, contacts, clé enfance, family
    ATTACH = "attach"  # Rattacher une demande: a tracking code and the requester's last name


PageFactory = Callable[[], Page]
# Screens after which "Retour" must not lead back: home, and the confirmation of a stored request (going
# back would show the filled wizard again, inviting a second submission).
FRESH_START = frozenset({Route.HOME, Route.CONFIRMATION})
# Screens that "Retour" must not lead back to from a route, as they would only send the visitor forward again: once
# in « Mon tableau de bord », the log-in forms that led there; back at « Mon espace » (the session ended), the space.
LEFT_BEHIND = {
    Route.DASHBOARD: frozenset({Route.ACCOUNT}),
    Route.ACCOUNT: frozenset({Route.DASHBOARD, Route.MY_REQUESTS}),
}


class Navigator(QStackedWidget):
    """Shows one page at a time and remembers where the visitor came from.

    Signals:
        page_changed(object): the Route now shown, after its page's ``enter``.
        first_painted(object): once, the Route of the first page painted (the kiosk is on the screen).
    """

    page_changed = Signal(object)
    first_painted = Signal(object)

    def __init__(self, factories: dict[Route, PageFactory], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigator")
        self._factories = factories
        self._pages: dict[Route, Page] = {}
        self._history: list[tuple[Route, Any]] = []
        self._current: tuple[Route, Any] | None = None
        self._watched: list[QWidget] = []  # until the first paint: what paints when the current page does
        self.painted = False  # whether any page has been painted yet (the first paint of the kiosk)
        # Whether a visitor went anywhere since the last wipe: back at home, their traces are still in pages.
        self.visited = False

    @property
    def route(self) -> Route | None:
        return self._current[0] if self._current else None

    def page(self, route: Route) -> Page:
        page = self._pages.get(route)
        if page is None:
            page = self._factories[route]()
            page.navigate_requested.connect(self.go)
            page.back_requested.connect(self.back)
            page.resume_requested.connect(self.resume)
            self._pages[route] = page
            self.addWidget(page)
        return page

    def existing_page(self, route: Route) -> Page | None:
        """The page of ``route`` if it has been built (and not wiped since), without building it."""
        return self._pages.get(route)

    def current_page(self) -> Page | None:
        return self._pages.get(self._current[0]) if self._current else None

    def can_go_back(self) -> bool:
        return bool(self._history)

    def go(self, route: Route, params: Any = None) -> None:
        if self._current is not None:
            if route in FRESH_START:
                self._history.clear()
            else:
                self._history.append(self._current)
                behind = LEFT_BEHIND.get(route, frozenset())
                while self._history and self._history[-1][0] in behind:
                    self._history.pop()
        self._show(route, params)

    def resume(self, route: Route, params: Any = None) -> None:
        """Go on to ``route`` after the log-in the visitor was sent to on the way there (a padlock, « Me
        reconnecter »): the screens of « Mon espace » and the one they came from (the destination itself) leave the
        history, so « Retour » leads where the visitor was before."""
        self._history = [entry for entry in self._history if entry[0] is not Route.ACCOUNT]
        if self._history and self._history[-1] == (route, params):
            self._history.pop()
        self._show(route, params)  # « Mon espace », shown now, is not put in the history either

    def back(self) -> None:
        if self._history:
            self._show(*self._history.pop(), returning=True)

    def home(self) -> None:
        self.go(Route.HOME)

    def reset(self) -> None:
        """Destroy every page (a visitor's traces live in widgets) and show a fresh home."""
        current = self.current_page()
        if current is not None:
            current.leave()
        for page in self._pages.values():
            self.removeWidget(page)
            page.hide()
            page.tasks.cancel_all()  # a page left earlier may have started work since (nothing of it may go on)
            # After its cancelled tasks have ended (their ``finally`` blocks run on the loop's next turn and may
            # still touch the page), never under them: no page has to check whether it still exists.
            page.tasks.when_idle(page.deleteLater)
        self._pages.clear()
        self._history.clear()
        self._current = None
        self.visited = False
        self._show(Route.HOME, None)

    def _show(self, route: Route, params: Any, returning: bool = False) -> None:
        previous = self.current_page()
        page = self.page(route)
        if previous is not None and previous is not page:
            previous.leave()
        self._current = (route, params)
        if route is not Route.HOME:
            self.visited = True
        page.returning = returning
        page.enter(params)
        if not self.painted:
            self._watch_paint(page)
        self.setCurrentWidget(page)
        self.page_changed.emit(route)

    def _watch_paint(self, page: Page) -> None:
        """Watch ``page`` for the kiosk's first paint. Only until then: afterwards no event of any page goes
        through this filter."""
        self._unwatch()
        self._watched = surfaces(page)
        for surface in self._watched:
            surface.installEventFilter(self)

    def _unwatch(self) -> None:
        for surface in self._watched:
            if shiboken6.isValid(surface):  # a page wiped before it was painted
                surface.removeEventFilter(self)
        self._watched = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Paint at the start of the pass, as a bare window's first paint is timed (`kiosk bench`).
        if event.type() == QEvent.Type.Paint and not self.painted and self._current is not None:
            self.painted = True
            self._unwatch()
            self.first_painted.emit(self._current[0])
        return False
