"""Knowing when a screen has been painted: for the first paint of the kiosk, and for work that should wait
until the visitor sees the screen (preparing the next step, measuring)."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QScrollArea, QWidget


def surfaces(widget: QWidget) -> list[QWidget]:
    """What receives a paint event when ``widget`` is painted: the widget, and the content of its scroll
    areas. That content is opaque, and Qt sends no paint event to a widget its opaque children cover whole."""
    contents = [area.widget() for area in widget.findChildren(QScrollArea)]
    return [widget, *(content for content in contents if content is not None)]


class AfterPaint(QObject):
    """Calls ``callback`` once, on the turn of the event loop after a paint pass has reached ``widget``: the
    pass is over then, and what it drew is on the screen. Belongs to ``widget``: gone with it, never called.

    Signals: none; ``callback`` is the whole interface.
    """

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._callback = callback
        self._seen = False
        self._watched = surfaces(widget)
        for watched in self._watched:
            watched.installEventFilter(self)

    def request(self) -> None:
        """Ask for that paint now (Qt leaves out of a widget's update what its opaque children cover)."""
        self._watched = [w for w in self._watched if shiboken6.isValid(w)]
        for surface in surfaces(self._widget):  # a scroll area's content may have been replaced meanwhile
            if surface not in self._watched:
                surface.installEventFilter(self)
                self._watched.append(surface)
        for watched in self._watched:
            watched.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._seen and event.type() == QEvent.Type.Paint:
            self._seen = True
            QTimer.singleShot(0, self, self._finish)
        return False

    def _finish(self) -> None:
        for watched in self._watched:
            if shiboken6.isValid(watched):  # a replaced content is deleted by its scroll area
                watched.removeEventFilter(self)
        self.deleteLater()
        self._callback()
