"""Touch scrolling for lists and pages that are longer than the screen."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QScroller, QWidget


def touch_scrolling(viewport: QWidget) -> None:
    """A finger drags the content. Touch gestures only: a mouse-button gesture would hold every click back
    to see whether it becomes a drag, and a tap on a choice would sometimes be lost.

    Attached on the next turn of the event loop: QScroller's first use costs the home screen's first paint
    about 10 ms. The viewport is the timer's context, so nothing runs if it is gone by then.
    """
    QTimer.singleShot(0, viewport, lambda: QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.TouchGesture))
