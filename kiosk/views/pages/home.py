"""Mon accueil: a welcome, the search bar and the service tiles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.views.navigator import Route
from kiosk.views.pages.features import FEATURES, Feature
from kiosk.views.pages.tile_screen import TileScreen
from kiosk.views.widgets.tile import Tile

if TYPE_CHECKING:
    from kiosk.views.context import ViewContext


class HomePage(TileScreen):
    """The first screen. Each tile leads to a service; unfinished services say so plainly."""

    def __init__(self, ctx: ViewContext) -> None:
        super().__init__(ctx)
        self._tiles: dict[str, Tile] = {}
        for feature in FEATURES:
            tile = Tile(ctx.theme, feature.icon)
            tile.clicked.connect(lambda _=False, f=feature: self._open(f))
            self._tiles[feature.key] = tile
        self.grid.set_tiles(list(self._tiles.values()))
        self.retranslate()

    def tile(self, key: str) -> Tile:
        return self._tiles[key]

    def _open(self, feature: Feature) -> None:
        if not feature.available:
            self.navigate_requested.emit(Route.COMING_SOON, feature.key)  # says so, and points to the counter
            return
        routes = {"new_procedure": Route.DOMAINS, "track": Route.FIND_REQUEST, "account": Route.ACCOUNT}
        self.navigate_requested.emit(routes[feature.key], None)

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
