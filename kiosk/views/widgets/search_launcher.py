"""The "Votre recherche" bar of the home screens: one large target that opens the search screen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QPushButton, QWidget

from kiosk.views import icons
from kiosk.views.theme import Theme


class SearchLauncher(QPushButton):
    """Looks like a search field; tapping it opens "Votre recherche" with the keyboard up.

    Signals:
        clicked(): inherited; the page navigates to the search screen.
    """

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchLauncher")
        self.setMinimumHeight(72)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setIconSize(QSize(36, 36))
        self.set_theme(theme)
        self.retranslate()

    def set_theme(self, theme: Theme) -> None:
        self.setIcon(icons.icon("search", theme.colors["primary"], 36))

    def retranslate(self) -> None:
        self.setText(self.tr("Votre recherche : tapez un mot, par exemple « naissance »"))
        self.setAccessibleName(self.tr("Votre recherche"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
