"""In-window overlays instead of modal dialogs: a scrim over the window and a card in the middle.

A kiosk never runs a nested event loop (no ``exec()``): an overlay is shown, and says what was chosen
with a signal.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from kiosk.views.touch import see_through

LONG_TEXT = 700  # characters; longer texts scroll inside the card


class Overlay(QWidget):
    """Covers its host and shows a card with a title, a text or a widget, and buttons.

    Signals:
        finished(str): the role of the button pressed ("close" for the close button or Escape).
    """

    finished = Signal(str)

    def __init__(self, host: QWidget, title: str, text: str = "", body: QWidget | None = None) -> None:
        super().__init__(host)
        self.setObjectName("overlayScrim")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._host = host
        host.installEventFilter(self)

        card = QFrame(self)
        card.setObjectName("overlayCard")
        card.setMaximumWidth(1100)
        self._card = card
        self._title = QLabel(title)
        self._title.setObjectName("pageTitle")
        self._title.setWordWrap(True)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(40, 32, 40, 32)
        inner.setSpacing(24)
        inner.addWidget(self._title)
        if text:
            label = QLabel(text)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            if len(text) > LONG_TEXT:
                # A long help text scrolls inside the card rather than pushing its buttons off the screen.
                area = QScrollArea()
                area.setWidgetResizable(True)
                area.setFrameShape(QFrame.Shape.NoFrame)
                see_through(area, label)
                area.setMinimumHeight(420)
                inner.addWidget(area, 1)
            else:
                inner.addWidget(label, 1)
            self.text_label = label
        if body is not None:
            inner.addWidget(body, 1)
        self._buttons = QHBoxLayout()
        self._buttons.setSpacing(24)
        self._buttons.addStretch(1)
        inner.addLayout(self._buttons)

        # Centred between stretches: an alignment flag would make Qt ignore the card's height-for-width and
        # cut its wrapped text.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 100)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(60, 60, 60, 60)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self.setAccessibleName(title)

    def add_button(self, text: str, role: str, primary: bool = False) -> QPushButton:
        button = QPushButton(text)
        button.setProperty("primary", primary)
        button.setMinimumHeight(64)
        button.setMinimumWidth(200)
        button.clicked.connect(lambda: self._finish(role))
        self._buttons.addWidget(button)
        return button

    def open(self) -> None:
        self.setGeometry(self._host.rect())
        self.show()
        self.raise_()
        first = self.findChild(QPushButton)
        if first is not None:
            first.setFocus(Qt.FocusReason.PopupFocusReason)

    def dismiss(self) -> None:
        """Close as the close button would (the visitor left, or the session ends)."""
        self._finish("close")

    def _finish(self, role: str) -> None:
        self.hide()
        self._host.removeEventFilter(self)
        self.finished.emit(role)
        self.deleteLater()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self._finish("close")
        else:
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._host and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._host.rect())
        return False
