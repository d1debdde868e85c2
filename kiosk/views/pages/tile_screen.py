"""The shape shared by the portal's tile screens (Mon accueil, Nouvelle démarche, a domain): a title, a line
of explanation, the "Votre recherche" bar, a status line and a grid of dalles that scrolls."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.views.navigator import Route
from kiosk.views.pages.base import Page, page_layout, page_title, scroll_area
from kiosk.views.widgets.search_launcher import SearchLauncher
from kiosk.views.widgets.tile import TileGrid

if TYPE_CHECKING:
    from kiosk.views.context import ViewContext
    from kiosk.views.theme import Theme


class TileScreen(Page):
    """A page of tiles. Subclasses fill ``grid`` and set the texts in ``retranslate``."""

    def __init__(self, ctx: ViewContext) -> None:
        super().__init__(ctx)
        content = QWidget()
        layout = page_layout(content)
        self._title = page_title()
        self._subtitle = QLabel()
        self._subtitle.setObjectName("pageSubtitle")
        self._subtitle.setWordWrap(True)
        self.search = SearchLauncher(ctx.theme)
        self.search.clicked.connect(self._open_search)
        self.status = QLabel()
        self.status.setObjectName("muted")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.hide()
        self.grid = TileGrid(ctx.theme)
        for widget in (self._title, self._subtitle, self.search, self.status):
            layout.addWidget(widget)
        layout.addWidget(self.grid, 1)
        page_layout(self, margin=0, spacing=0).addWidget(scroll_area(content))
        ctx.theme_changed.connect(self._on_theme)

    def _open_search(self) -> None:
        self.navigate_requested.emit(Route.SEARCH, None)

    def set_heading(self, title: str, subtitle: str) -> None:
        self._title.setText(title)
        self._title.setAccessibleName(title)
        self._subtitle.setText(subtitle)

    def set_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _on_theme(self, theme: Theme) -> None:
        self.grid.set_theme(theme)
        self.search.set_theme(theme)
