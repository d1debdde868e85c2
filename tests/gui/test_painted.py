"""Knowing when a screen is on the display, even when opaque content covers the page whole."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.views.pages.base import scroll_area
from kiosk.views.painted import AfterPaint
from kiosk.views.touch import set_content

pytestmark = pytest.mark.gui


def covered_page(qtbot: QtBot) -> tuple[QWidget, QScrollArea]:
    """A page whose whole area is a scroll area with opaque content: Qt sends the page no paint event."""
    page = QWidget()
    area = scroll_area(QLabel("Contenu"))
    column = QVBoxLayout(page)
    column.addWidget(area)
    column.setContentsMargins(0, 0, 0, 0)
    qtbot.addWidget(page)
    page.resize(800, 600)
    page.show()
    qtbot.waitExposed(page)
    return page, area


def test_a_page_covered_by_its_content_is_seen_painted(qtbot: QtBot) -> None:
    page, _area = covered_page(qtbot)
    called: list[bool] = []
    AfterPaint(page, lambda: called.append(True)).request()
    qtbot.waitUntil(lambda: called == [True], timeout=2000)


def test_content_replaced_after_the_watch_began_is_watched_and_the_old_one_forgotten(qtbot: QtBot) -> None:
    page, area = covered_page(qtbot)
    called: list[bool] = []
    watch = AfterPaint(page, lambda: called.append(True))
    set_content(area, QLabel("Autre contenu"), opaque=True)  # the scroll area deletes the old content
    watch.request()
    qtbot.waitUntil(lambda: called == [True], timeout=2000)  # no RuntimeError on the deleted content
