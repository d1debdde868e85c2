"""A dalle: the big square button of the portal's screens, and the grid that reflows them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.views import icons
from kiosk.views.theme import Theme
from kiosk.views.widgets.wrapped_label import WrappedLabel


class Tile(QPushButton):
    """A tile with an icon, a title, an optional subtitle, a badge (a count), a padlock, and a "Bientôt disponible"
    tag for a service still to come.

    Signals:
        clicked(): inherited from QPushButton; the only thing a tile does.
    """

    def __init__(self, theme: Theme, icon_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._theme = theme
        self._icon_name = icon_name
        self._locked = False
        self._locked_text = ""
        self._soon_text = ""
        # Its size comes from the stylesheet (the theme's tile_width/tile_height), the one place it is set.
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

        self._icon = QLabel()
        self._lock = QLabel()
        self._badge = QLabel()
        self._badge.setObjectName("badge")
        self._soon = QLabel()
        self._soon.setObjectName("soonBadge")
        # A tile keeps its size whatever its title: a long one is cut with "…" after three lines.
        self._title = WrappedLabel(max_lines=3)
        self._title.setObjectName("tileTitle")
        self._subtitle = QLabel()
        self._subtitle.setObjectName("tileSubtitle")
        self._lock_caption = QLabel()
        self._lock_caption.setObjectName("tileSubtitle")
        for label in (self._title, self._subtitle):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        for label in (self._icon, self._lock, self._lock_caption, self._badge, self._soon, self._title, self._subtitle):
            # The button takes every tap; the labels are only paint.
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)

        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addStretch(1)
        top.addWidget(self._badge, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self._soon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self._lock_caption, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self._lock, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self._title, 1)
        layout.addWidget(self._subtitle)
        self._badge.hide()
        self._soon.hide()
        self._subtitle.hide()
        self._paint_icons()

    def set_texts(self, title: str, subtitle: str = "", badge: str = "") -> None:
        self._title.setText(title)
        self._subtitle.setText(subtitle)
        self._subtitle.setVisible(bool(subtitle))
        self._badge.setText(badge)
        self._badge.setVisible(bool(badge))
        self._update_accessible()

    def set_locked(self, locked: bool, explanation: str) -> None:
        """Show a padlock: the procedure needs a personal space. ``explanation`` is read by screen readers."""
        self._locked = locked
        self._locked_text = explanation
        # The padlock alone reads as "unavailable"; its caption says what it means.
        self._lock_caption.setText(explanation)
        self._lock_caption.setVisible(locked)
        self._lock.setVisible(locked)
        self._update_accessible()

    def set_soon(self, text: str) -> None:
        """Mark a service still to come with ``text`` ("Bientôt disponible"); "" removes the mark. The tile stays
        tappable: its page explains, and points to the counter."""
        self._soon_text = text
        self._soon.setText(text)
        self._soon.setVisible(bool(text))
        self._update_accessible()

    @property
    def soon(self) -> str:
        return self._soon_text

    @property
    def locked(self) -> bool:
        return self._locked

    def title_text(self) -> str:
        return self._title.text()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._paint_icons()

    def _paint_icons(self) -> None:
        color = self._theme.colors["tile_text"]
        self._icon.setPixmap(icons.pixmap(self._icon_name, color, 56, self.devicePixelRatioF()))
        self._lock.setPixmap(icons.pixmap("padlock", self._theme.colors["text"], 36, self.devicePixelRatioF()))
        self._lock.setVisible(self._locked)
        self._lock_caption.setVisible(self._locked)

    def _update_accessible(self) -> None:
        parts = [self._title.text(), self._soon_text, self._subtitle.text(), self._badge.text()]
        if self._locked:
            parts.append(self._locked_text)
        self.setAccessibleName(". ".join(p for p in parts if p))


class TileGrid(QWidget):
    """Lays tiles out in as many columns as the width allows (landscape or portrait kiosks)."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._tiles: list[Tile] = []
        self._columns = 0
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        spacing = theme.size("spacing") + 8
        self._grid.setHorizontalSpacing(spacing)
        self._grid.setVerticalSpacing(spacing)
        self._grid.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)

    def tiles(self) -> list[Tile]:
        return list(self._tiles)

    def reorder(self, tiles: list[Tile]) -> None:
        """Show the same tiles in another order (e.g. sorted in the new language)."""
        self._tiles = list(tiles)
        self._columns = 0
        self._reflow()

    def set_tiles(self, tiles: list[Tile]) -> None:
        for tile in self._tiles:
            self._grid.removeWidget(tile)
            tile.deleteLater()
        self._tiles = list(tiles)
        for tile in self._tiles:
            tile.setParent(self)
        self._columns = 0
        self._reflow()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        for tile in self._tiles:
            tile.set_theme(theme)
        self._columns = 0
        self._reflow()

    def _column_count(self) -> int:
        step = self._theme.size("tile_width") + self._grid.horizontalSpacing()
        return max(1, (self.width() + self._grid.horizontalSpacing()) // step)

    def _reflow(self) -> None:
        columns = self._column_count()
        if columns == self._columns:
            return
        self._columns = columns
        for tile in self._tiles:
            self._grid.removeWidget(tile)
        for index, tile in enumerate(self._tiles):
            self._grid.addWidget(tile, index // columns, index % columns)
            tile.show()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        step = self._theme.size("tile_width") + self._grid.horizontalSpacing()
        columns = max(1, (width + self._grid.horizontalSpacing()) // step)
        rows = -(-len(self._tiles) // columns)
        return max(0, rows * (self._theme.size("tile_height") + self._grid.verticalSpacing()))
