"""Tabs a visitor can hit: one row of big toggle buttons, whatever the screen's width or the language."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QWidget

TAB_MIN_HEIGHT = 64


class TabBar(QWidget):
    """Big toggle buttons, one per tab, always on one row.

    Each tab takes the width its label needs and the row shares what is left. When the labels do not fit on one
    line side by side (portrait, English, high contrast's larger font), the longest labels are set on two lines,
    at the space nearest their middle: every label stays whole and the tabs stay one row, never a second row
    that reads as a second group. Tabs are named by keys; ``set_label`` gives each its words.

    Signals:
        current_changed(str): the key of the tab now chosen, by a tap or by ``select``.
    """

    current_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None, spacing: int = 8) -> None:
        super().__init__(parent)
        self.setObjectName("tabBar")
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(spacing)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        self._labels: dict[str, str] = {}

    def add(self, key: str) -> QPushButton:
        """A new tab at the end of the row, named ``key``; give it words with ``set_label``."""
        button = QPushButton(self)
        button.setCheckable(True)
        button.setMinimumHeight(TAB_MIN_HEIGHT)  # relayout raises it to the tallest label's height
        # The row, not the style's minimum, decides how narrow a tab may get: a label goes on two lines first.
        button.setMinimumWidth(TAB_MIN_HEIGHT)
        button.setProperty("tabKey", key)
        button.clicked.connect(lambda: self.select(key))
        self._group.addButton(button)
        self.buttons[key] = button
        self._labels[key] = ""
        self._row.addWidget(button)  # no stretch factor: each tab its label's width, then an equal share
        return button

    def set_label(self, key: str, label: str, spoken: str = "") -> None:
        """The words of tab ``key``, and what a screen reader says of it (the words by default)."""
        self._labels[key] = label
        self.buttons[key].setAccessibleName(spoken or label)
        self.relayout()

    def label(self, key: str) -> str:
        """The words of tab ``key`` on one line, however they are set on screen."""
        return self._labels[key]

    def set_tab_visible(self, key: str, visible: bool) -> None:
        """Show or hide a tab; hiding the current one chooses the first tab still shown."""
        self.buttons[key].setVisible(visible)
        if not visible and self.current() == key:
            shown = [k for k, b in self.buttons.items() if not b.isHidden()]
            if shown:
                self.select(shown[0])
        self.relayout()

    def select(self, key: str) -> None:
        self.buttons[key].setChecked(True)
        self.current_changed.emit(key)

    def current(self) -> str:
        checked = self._group.checkedButton()
        return str(checked.property("tabKey")) if checked is not None else ""

    def relayout(self) -> None:
        """Every label on one line if the row holds them so; else the longest on two lines until it does."""
        shown = [(key, b) for key, b in self.buttons.items() if not b.isHidden()]
        for key, button in shown:
            _set_text(button, self._labels[key])
        if not shown or self.width() <= 1:
            return
        widths = {key: button.sizeHint().width() for key, button in shown}
        room = self.width() - self._row.spacing() * (len(shown) - 1)
        for key, button in sorted(shown, key=lambda item: widths[item[0]], reverse=True):
            if sum(widths.values()) <= room:
                break
            _set_text(button, two_lines(self._labels[key]))
            widths[key] = button.sizeHint().width()
        # One height for the row, the tallest label's: a minimum, so that the page's content never squeezes it.
        height = max(TAB_MIN_HEIGHT, *(button.sizeHint().height() for _key, button in shown))
        for _key, button in shown:
            if button.minimumHeight() != height:
                button.setMinimumHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.relayout()


def two_lines(label: str) -> str:
    """``label`` broken at the space nearest its middle; unchanged when it has no space."""
    spaces = [i for i, c in enumerate(label) if c == " "]
    if not spaces:
        return label
    middle = len(label) / 2
    cut = min(spaces, key=lambda i: abs(i - middle))
    return f"{label[:cut]}\n{label[cut + 1 :]}"


def _set_text(button: QPushButton, text: str) -> None:
    if button.text() != text:  # a new text re-lays the row out: only when it changes
        button.setText(text)
