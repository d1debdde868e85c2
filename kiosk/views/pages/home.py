"""Mon accueil: a welcome, the search bar and the service tiles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QWidget

from kiosk.views.navigator import Route
from kiosk.views.pages.base import Page, page_layout, page_title, scroll_area
from kiosk.views.pages.features import FEATURES, Feature
from kiosk.views.widgets.search_launcher import SearchLauncher
from kiosk.views.widgets.tile import Tile, TileGrid

if TYPE_CHECKING:
    from kiosk.views.context import ViewContext
    from kiosk.views.theme import Theme


class HomePage(Page):
    """The first screen. Each tile leads to a service; unfinished services say so plainly."""

    def __init__(self, ctx: ViewContext) -> None:
        super().__init__(ctx)
        content = QWidget()
        layout = page_layout(content)
        self._title = page_title()
        self._subtitle = QLabel()
        self._subtitle.setObjectName("pageSubtitle")
        self._subtitle.setWordWrap(True)
        self.search = SearchLauncher(ctx.theme)
        self.search.clicked.connect(lambda: self.navigate_requested.emit(Route.SEARCH, None))
        self.grid = TileGrid(ctx.theme)
        self._tiles: dict[str, Tile] = {}
        tiles = []
        for feature in FEATURES:
            tile = Tile(ctx.theme, feature.icon)
            tile.clicked.connect(lambda _=False, f=feature: self._open(f))
            self._tiles[feature.key] = tile
            tiles.append(tile)
        self.grid.set_tiles(tiles)
        layout.addWidget(self._title)
        layout.addWidget(self._subtitle)
        layout.addWidget(self.search)
        layout.addWidget(self.grid, 1)
        outer = page_layout(self, margin=0, spacing=0)
        outer.addWidget(scroll_area(content))
        ctx.theme_changed.connect(self._on_theme)
        self.retranslate()

    def tile(self, key: str) -> Tile:
        return self._tiles[key]

    def _open(self, feature: Feature) -> None:
        if feature.key == "new_procedure":
            self.navigate_requested.emit(Route.DOMAINS, None)
        else:
            self.navigate_requested.emit(Route.COMING_SOON, feature.key)

    def title(self) -> str:
        return self.tr("Mon accueil")

    def retranslate(self) -> None:
        self._title.setText(self.tr("Bonjour, que souhaitez-vous faire ?"))
        self._title.setAccessibleName(self._title.text())
        self._subtitle.setText(self.tr("Touchez une dalle, ou cherchez une démarche par un mot."))
        for feature in FEATURES:
            self._tiles[feature.key].set_texts(feature.title, feature.subtitle)

    def _on_theme(self, theme: Theme) -> None:
        self.grid.set_theme(theme)
        self.search.set_theme(theme)
