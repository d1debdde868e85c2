"""Mon accueil: a welcome, the search bar and the service tiles; while a citizen is logged in, the procedures the
town pins for them first (central's configuration, from « Mon tableau de bord »'s answer, for this visit only)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kiosk.views.navigator import Route
from kiosk.views.pages.features import FEATURES, Feature
from kiosk.views.pages.tile_screen import TileScreen
from kiosk.views.widgets.tile import Tile

if TYPE_CHECKING:
    from kiosk.services.citizen import CitizenIdentity
    from kiosk.services.dashboard_outcomes import DashboardOutcome
    from kiosk.views.context import ViewContext
    from kiosk.views.session import VisitorSession


class HomePage(TileScreen):
    """The first screen. Each tile leads to a service; unfinished services say so plainly. ``pinned`` holds the
    tiles of the pinned procedures, by slug (none while nobody is logged in)."""

    def __init__(self, ctx: ViewContext, visitor: VisitorSession) -> None:
        super().__init__(ctx)
        self.visitor = visitor
        self._tiles: dict[str, Tile] = {}
        self.pinned: dict[str, Tile] = {}
        self._pinned_outcome: DashboardOutcome | None = None
        for feature in FEATURES:
            tile = Tile(ctx.theme, feature.icon)
            tile.clicked.connect(lambda _=False, f=feature: self._open(f))
            self._tiles[feature.key] = tile
        self.grid.set_tiles(list(self._tiles.values()))
        visitor.citizen_changed.connect(self._on_citizen)
        self.retranslate()

    def tile(self, key: str) -> Tile:
        return self._tiles[key]

    def enter(self, params: Any) -> None:
        super().enter(params)
        if self.visitor.citizen is not None:
            self.tasks.spawn(self._load_pinned())

    def _open(self, feature: Feature) -> None:
        if not feature.available:
            self.navigate_requested.emit(Route.COMING_SOON, feature.key)  # says so, and points to the counter
            return
        # Logged in, « Mon espace » is « Mon tableau de bord ».
        space = Route.DASHBOARD if self.visitor.citizen is not None else Route.ACCOUNT
        routes = {"new_procedure": Route.DOMAINS, "track": Route.FIND_REQUEST, "account": space}
        self.navigate_requested.emit(routes[feature.key], None)

    # -- the pinned procedures -----------------------------------------------------------------------------

    def _on_citizen(self, citizen: CitizenIdentity | None) -> None:
        if citizen is None:
            self.show_pinned(None)
        elif self.isVisible():
            self.tasks.spawn(self._load_pinned())

    async def _load_pinned(self) -> None:
        services = self.ctx.services_if_up()
        token = self.visitor.citizen_token()
        if services is None or services.dashboard is None or token is None:
            return
        outcome = await services.dashboard.dashboard(token)
        if outcome.result == "expired":
            # Their pinned procedures go; the session itself is ended by the space's pages, which say why.
            self.show_pinned(None)
        elif outcome.result == "ok" and self.visitor.citizen is not None:
            self.show_pinned(outcome)
        # Offline: the tiles shown stay (the town's choice of procedures, not the citizen's data).

    def show_pinned(self, outcome: DashboardOutcome | None) -> None:
        """The pinned procedures of central's answer first on the screen; None: none (nobody logged in)."""
        slugs = list(outcome.dashboard.pinned) if outcome is not None and outcome.dashboard is not None else []
        self._pinned_outcome = outcome if slugs else None
        if slugs == list(self.pinned):
            self._title_pinned()
            return
        for tile in self.pinned.values():
            tile.hide()
            tile.deleteLater()  # out of the grid's layout when deleted
        self.pinned = {}
        for slug in slugs:
            tile = Tile(self.ctx.theme, "new-procedure")
            tile.clicked.connect(lambda _=False, s=slug: self.navigate_requested.emit(Route.PROCEDURE, s))
            self.pinned[slug] = tile
        self._title_pinned()
        self.grid.reorder([*self.pinned.values(), *self._tiles.values()])

    def _title_pinned(self) -> None:
        outcome = self._pinned_outcome
        for slug, tile in self.pinned.items():
            title = outcome.title(slug, self.ctx.language) if outcome is not None else slug
            tile.set_texts(title, self.tr("Proposée par la mairie"))

    def title(self) -> str:
        return self.tr("Mon accueil")

    def retranslate(self) -> None:
        self.set_heading(
            self.tr("Bonjour, que souhaitez-vous faire ?"),
            self.tr("Touchez une dalle, ou cherchez une démarche par un mot."),
        )
        for feature in FEATURES:
            tile = self._tiles[feature.key]
            tile.set_texts(feature.title, feature.subtitle)
            tile.set_soon("" if feature.available else self.tr("Bientôt disponible"))
        self._title_pinned()
