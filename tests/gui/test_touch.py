"""A finger drags screens longer than the window: the home screen (built before the first paint, its scrolling
attached just after it) and the screens built later."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QScrollArea
from pytestqt.qtbot import QtBot

from kiosk.config import demo_settings
from kiosk.views import touch
from kiosk.views.pages.base import Page
from tests.gui.conftest import open_kiosk
from tests.gui.driver import Visitor

pytestmark = pytest.mark.gui


@pytest.fixture
def first_start(
    qtbot: QtBot, event_loop_qt: asyncio.AbstractEventLoop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Visitor]:
    """A kiosk started as the first window of its process: nothing has been painted before it."""
    monkeypatch.setattr(touch, "_waiting", [])
    with open_kiosk(qtbot, event_loop_qt, demo_settings(data_dir=tmp_path / "data", fullscreen=False)) as person:
        yield person


def page_scroll_area(page: Page) -> QScrollArea:
    areas = [area for area in page.findChildren(QScrollArea) if area.isVisible()]
    assert len(areas) == 1
    return areas[0]


def test_the_home_screen_scrolls_under_a_finger(first_start: Visitor) -> None:
    visitor = first_start
    visitor.window.resize(1080, 600)  # a small screen: the tiles run past its bottom
    visitor.settle()
    bar = page_scroll_area(visitor.page).verticalScrollBar()
    assert bar.maximum() > 0
    assert bar.value() == 0

    visitor.drag(page_scroll_area(visitor.page), 300)

    assert bar.value() > 0


def test_a_screen_opened_later_scrolls_under_a_finger(first_start: Visitor) -> None:
    visitor = first_start
    visitor.window.resize(1080, 600)
    visitor.tap_text("Nouvelle démarche")
    bar = page_scroll_area(visitor.page).verticalScrollBar()
    assert bar.maximum() > 0

    visitor.drag(page_scroll_area(visitor.page), 300)

    assert bar.value() > 0


def test_scroll_areas_share_one_flick_gesture(qtbot: QtBot) -> None:
    """Pages are rebuilt for every visitor. QScroller.grabGesture would register a new recognizer for each of
    their scroll areas, which Qt never frees, under a new gesture id, for which PySide makes a new enum member:
    a kiosk grew by some 24 KB a visitor. Every area shares one gesture instead."""
    import gc

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    from kiosk.views.pages.base import scroll_area

    def gesture_enums() -> int:  # PySide makes a whole enum class for each gesture id it has not seen
        return sum(1 for o in gc.get_objects() if isinstance(o, type) and o.__name__ == "GestureType")

    touch.first_screen_painted()  # areas get their scrolling at once from here on
    qtbot.addWidget(scroll_area(QLabel("la première")))  # the one gesture is registered by now
    gestures_before = gesture_enums()
    for _ in range(30):
        area = scroll_area(QLabel("contenu"))
        qtbot.addWidget(area)
        assert area.viewport().testAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        area.deleteLater()
    assert gesture_enums() == gestures_before
