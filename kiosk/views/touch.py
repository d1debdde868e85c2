"""Scroll areas for lists and pages longer than the screen: dragged by a finger, painted once."""

from __future__ import annotations

import weakref

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QScrollArea, QScroller, QWidget

# Scroll areas built before the window's first paint wait for it: QScroller's first use, and the first look
# at a viewport (a class Python does not know, which PySide resolves by initialising every widget class and
# its enums), cost the first paint of the home screen some 40 ms. None once the first screen is painted.
# Weak references: waiting keeps no area alive.
_waiting: list[weakref.ref[QAbstractScrollArea]] | None = []


def touch_scrolling(area: QAbstractScrollArea) -> None:
    """A finger drags the content. Touch gestures only: a mouse-button gesture would hold every click back
    to see whether it becomes a drag, and a tap on a choice would sometimes be lost."""
    if _waiting is not None:
        _waiting.append(weakref.ref(area))
    else:
        _grab(area)


def first_screen_painted() -> None:
    """Scroll areas built so far get their scrolling now; later ones at once."""
    global _waiting
    waiting, _waiting = _waiting or [], None
    for ref in waiting:
        area = ref()
        if area is not None and shiboken6.isValid(area):  # a page may have been destroyed meanwhile
            _grab(area)


# One flick gesture for every scroll area. QScroller.grabGesture registers a new recognizer at each call, which
# Qt does not free when the area goes, under a new gesture id, for which PySide makes a new enum member: a kiosk
# that rebuilds its pages for every visitor grew by some 24 KB a visitor. The recognizer holds no state of its
# own (the gesture finds the scroller of the widget it lands on), so one serves all; the widget that registered it
# lives as long as the kiosk, since destroying it would unregister the gesture.
_flick_owner: QWidget | None = None
_flick: Qt.GestureType | None = None


def _flick_gesture() -> Qt.GestureType:
    global _flick_owner, _flick
    if _flick is None:
        _flick_owner = QWidget()
        _flick = QScroller.grabGesture(_flick_owner, QScroller.ScrollerGestureType.TouchGesture)
    return _flick


def _grab(area: QAbstractScrollArea) -> None:
    viewport = area.viewport()
    QScroller.scroller(viewport)  # the gesture drives the scroller of the widget it lands on: make it now
    viewport.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
    viewport.grabGesture(_flick_gesture())


def see_through(area: QScrollArea, content: QWidget) -> None:
    """Put ``content`` in ``area`` with neither filling a background: for areas inside a card, whose colour
    shows through."""
    own_viewport(area)
    set_content(area, content, opaque=False)


def own_viewport(area: QScrollArea) -> None:
    """Give ``area`` a viewport made here, that fills nothing, before it holds any content (the content lives
    in the viewport). PySide meets Qt's own viewport as an object of unknown class, and its first such encounter
    sets up every widget class and its enums: some 15 ms of the home screen's first paint."""
    viewport = QWidget()
    area.setViewport(viewport)
    viewport.setAutoFillBackground(False)


def set_content(area: QScrollArea, content: QWidget, *, opaque: bool) -> None:
    """Put ``content`` in ``area``, in place of what it held.

    An opaque content fills its background with the window's colour (the palette's Window, which the theme
    sets): Qt then scrolls it by moving the pixels already drawn and paints only the strip uncovered, and
    paints nothing behind it. Each screen is filled once: the window, the stack of pages, a page and its
    scroll area fill nothing of their own."""
    area.setWidget(content)  # which turns the content's fill on
    content.setAutoFillBackground(opaque)
