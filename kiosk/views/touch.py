"""Scroll areas for lists and pages longer than the screen: dragged by a finger, see-through."""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QAbstractScrollArea, QScrollArea, QScroller, QWidget

# Scroll areas built before the window's first paint wait for it: QScroller's first use, and the first look
# at a viewport (a class Python does not know, which PySide resolves by initialising every widget class and
# its enums), cost the first paint of the home screen some 40 ms. None once the first screen is painted.
_waiting: list[QAbstractScrollArea] | None = []


def touch_scrolling(area: QAbstractScrollArea) -> None:
    """A finger drags the content. Touch gestures only: a mouse-button gesture would hold every click back
    to see whether it becomes a drag, and a tap on a choice would sometimes be lost."""
    if _waiting is not None:
        _waiting.append(area)
    else:
        _grab(area)


def first_screen_painted() -> None:
    """Scroll areas built so far get their scrolling now; later ones at once."""
    global _waiting
    waiting, _waiting = _waiting or [], None
    for area in waiting:
        if shiboken6.isValid(area):  # a page may have been destroyed meanwhile
            _grab(area)


def _grab(area: QAbstractScrollArea) -> None:
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.TouchGesture)


def see_through(area: QScrollArea, content: QWidget) -> None:
    """Put ``content`` in ``area`` with neither filling a background: what is behind shows through.

    The window paints the screen's background, once. A scroll area fills its viewport, and the content it
    holds, by default: full-screen fills one over the other, which made every paint of a screen cost
    several times the pixels it shows. The viewport is made here rather than asked of Qt: PySide meets Qt's
    own viewport as an object of unknown class, and its first such encounter sets up every widget class and
    its enums (some 15 ms of the home screen's first paint)."""
    viewport = QWidget()
    area.setViewport(viewport)  # before setWidget: the content lives in the viewport
    viewport.setAutoFillBackground(False)
    show_content(area, content)


def show_content(area: QScrollArea, content: QWidget) -> None:
    """Put ``content`` in ``area``, in place of what it held, without a background of its own."""
    area.setWidget(content)  # which sets the content to fill its background
    content.setAutoFillBackground(False)
