"""The wizard's progress: the guide's step names in a row, done ones ticked, the current one highlighted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from kiosk.views.widgets.elided_label import ElidedLabel


class StepProgress(QWidget):
    """Shows "La démarche ✓ › Mon rendez-vous › Mes informations …"; a screen reader hears "Étape 3 sur 5 : …".

    Signals: none (it only shows where the visitor is).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepProgress")
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(8)
        self._labels: list[QLabel] = []
        self.summary = QLabel()
        self.summary.setObjectName("muted")

    def set_steps(self, names: list[str], current: int) -> None:
        while self._row.count():
            item = self._row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget is not self.summary:
                widget.deleteLater()
        self._labels = []
        for index, name in enumerate(names):
            mark = "✓ " if index < current else ""
            label = ElidedLabel(f"{index + 1}. {mark}{name}")
            label.setObjectName("stepCurrent" if index == current else ("stepDone" if index < current else "stepTodo"))
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self._labels.append(label)
            self._row.addWidget(label, 1)
        text = self.tr("Étape %1 sur %2 : %3").replace("%1", str(current + 1)).replace("%2", str(len(names)))
        self.summary.setText(text.replace("%3", names[current] if names else ""))
        self.setAccessibleName(self.summary.text())

    def current_text(self) -> str:
        return self.summary.text()
