"""The wizard's progress: the guide's step names in a row, done ones ticked, the current one highlighted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from kiosk.views.layouts import clear_layout
from kiosk.views.widgets.elided_label import ElidedLabel

COMPACT_BELOW = 1300


class StepProgress(QWidget):
    """Shows "1. ✓ La démarche  2. ✓ Mon rendez-vous  3. Mes informations …", the current step highlighted: the
    one place a step is named. A screen reader hears "Étape 3 sur 5 : Mes informations".

    Signals: none (it only shows where the visitor is).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepProgress")
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(8)
        self._labels: list[QLabel] = []
        self._names: list[str] = []
        self._current = 0
        self._summary = ""

    def set_steps(self, names: list[str], current: int) -> None:
        self._names, self._current = list(names), current
        clear_layout(self._row)
        self._labels = []
        # On a narrow (portrait) screen only the current step is named; the others show their number.
        compact = self.width() < COMPACT_BELOW
        for index, name in enumerate(names):
            mark = "✓ " if index < current else ""
            text = f"{index + 1}. {mark}{name}" if index == current or not compact else f"{mark}{index + 1}"
            label = ElidedLabel(text)
            label.setObjectName("stepCurrent" if index == current else ("stepDone" if index < current else "stepTodo"))
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self._labels.append(label)
            self._row.addWidget(label, 4 if compact and index == current else 1)
        text = self.tr("Étape %1 sur %2 : %3").replace("%1", str(current + 1)).replace("%2", str(len(names)))
        self._summary = text.replace("%3", names[current] if names else "")
        self.setAccessibleName(self._summary)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        compact = event.size().width() < COMPACT_BELOW
        if compact != (event.oldSize().width() < COMPACT_BELOW) and self._names:
            self.set_steps(self._names, self._current)

    def current_text(self) -> str:
        """ "Étape 3 sur 5 : Mes informations": what a screen reader says of it."""
        return self._summary
