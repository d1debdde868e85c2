"""An icon beside a wrapped line of text: one fact of a page ("Temps de saisie…", "En attente d'envoi…")."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from kiosk.views import icons


class IconLine(QWidget):
    """Shows ``label`` (plain text: it may quote catalogue data) after the icon ``icon_name``.

    Signals: none.
    """

    def __init__(self, icon_name: str, color: str) -> None:
        super().__init__()
        self._icon_name = icon_name
        self.icon = QLabel()
        self.icon.setFixedSize(44, 44)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.label, 1)
        self.set_color(color)

    def set_color(self, color: str) -> None:
        """The icon in ``color`` (on a theme switch)."""
        self.icon.setPixmap(icons.pixmap(self._icon_name, color, 40))
