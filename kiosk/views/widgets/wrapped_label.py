"""A plain-text label that always fits its width: it wraps, breaks a word too long for a line, and cuts with "…".

A word-wrapped QLabel never breaks inside a word: a title that is one long word (or a few) sets its minimum
width, and the page grows wider than the window. This label breaks such a word anywhere, and when the text needs
more lines than ``max_lines`` or than its height holds, it ends the last line shown with "…".
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

_LINE_SEPARATOR = "\u2028"  # QTextLayout's own line break
_ELLIPSIS = "…"


class WrappedLabel(QLabel):
    """Shows as much of its text as fits its width and height; ``text()`` and the accessible name keep it whole."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *, max_lines: int | None = None) -> None:
        super().__init__(text, parent)
        self._max_lines = max_lines
        self._cache: tuple[tuple[str, int, str], list[str]] | None = None
        self.setTextFormat(Qt.TextFormat.PlainText)  # catalogue texts are data, never markup
        self.setWordWrap(True)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAccessibleName(text)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setAccessibleName(text)
        self.updateGeometry()

    def wrapped_lines(self, width: int) -> list[str]:
        """Every line of the text at ``width`` pixels, before any is cut."""
        text = self.text().replace("\r\n", "\n").replace("\n", _LINE_SEPARATOR)
        key = (text, width, self.font().key())
        if self._cache is not None and self._cache[0] == key:
            return self._cache[1]
        layout = QTextLayout(text, QFont(self.font()))
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        lines: list[str] = []
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max(1, width))
            lines.append(text[line.textStart() : line.textStart() + line.textLength()])
        layout.endLayout()
        self._cache = (key, lines)
        return lines

    def shown_lines(self) -> list[str]:
        """The lines drawn now: as many as fit, the last one ending with "…" when some text is left out."""
        area = self.contentsRect()
        lines = self.wrapped_lines(area.width())
        if not lines:
            return []
        room = max(1, area.height() // self.fontMetrics().lineSpacing())
        count = min(len(lines), room, self._max_lines or len(lines))
        shown = [line.rstrip(_LINE_SEPARATOR + " ") for line in lines[:count]]
        if count < len(lines):
            rest = " ".join(part.strip() for part in lines[count - 1 :])
            elided = self.fontMetrics().elidedText(rest + _ELLIPSIS, Qt.TextElideMode.ElideRight, area.width())
            shown[-1] = elided if elided.endswith(_ELLIPSIS) else elided + _ELLIPSIS
        return shown

    def _lines_for(self, width: int) -> int:
        count = len(self.wrapped_lines(width)) or 1
        return min(count, self._max_lines) if self._max_lines else count

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        margins = self.contentsMargins()
        inner = width - margins.left() - margins.right()
        return self._lines_for(inner) * self.fontMetrics().lineSpacing() + margins.top() + margins.bottom()

    def minimumSizeHint(self) -> QSize:
        # Never wider than a few characters: the layout, not the text, decides the width.
        margins = self.contentsMargins()
        width = 4 * self.fontMetrics().averageCharWidth() + margins.left() + margins.right()
        return QSize(width, self.fontMetrics().lineSpacing() + margins.top() + margins.bottom())

    def sizeHint(self) -> QSize:
        margins = self.contentsMargins()
        natural = self.fontMetrics().horizontalAdvance(self.text()) + margins.left() + margins.right()
        width = min(natural, 40 * self.fontMetrics().averageCharWidth())
        return QSize(width, self.heightForWidth(width))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.drawFrame(painter)  # a border the stylesheet may give; the background is the style's own
        painter.setFont(self.font())
        painter.setPen(self.palette().color(self.foregroundRole()))
        area = self.contentsRect()
        lines = self.shown_lines()
        spacing = self.fontMetrics().lineSpacing()
        top = area.top()
        vertical = self.alignment() & Qt.AlignmentFlag.AlignVertical_Mask
        if vertical & Qt.AlignmentFlag.AlignVCenter:
            top += max(0, (area.height() - len(lines) * spacing) // 2)
        elif vertical & Qt.AlignmentFlag.AlignBottom:
            top += max(0, area.height() - len(lines) * spacing)
        horizontal = self.alignment() & Qt.AlignmentFlag.AlignHorizontal_Mask
        for index, line in enumerate(lines):
            rect = QRect(area.left(), top + index * spacing, area.width(), spacing)
            painter.drawText(rect, int(horizontal | Qt.AlignmentFlag.AlignVCenter), line)
