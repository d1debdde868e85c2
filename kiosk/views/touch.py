"""Touch scrolling for lists and pages that are longer than the screen."""

from __future__ import annotations

from PySide6.QtWidgets import QScroller, QWidget


def touch_scrolling(viewport: QWidget) -> None:
    """A finger drags the content. Touch gestures only: a mouse-button gesture would hold every click back
    to see whether it becomes a drag, and a tap on a choice would sometimes be lost."""
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.TouchGesture)
