"""Drives a real kiosk window the way a visitor does: taps, on-screen keys, and reading what is shown."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import TypeVar

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QLabel, QListView, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Backend
from kiosk.config import Settings
from kiosk.tools.drive import settle
from kiosk.views.context import ViewContext
from kiosk.views.main_window import MainWindow
from kiosk.views.pages.base import Page
from kiosk.views.widgets.tile import Tile

T = TypeVar("T")
LEFT = Qt.MouseButton.LeftButton


class Visitor:
    """A person at the kiosk. Every action waits until the screen has settled."""

    def __init__(
        self, qtbot: QtBot, loop: asyncio.AbstractEventLoop, ctx: ViewContext, window: MainWindow, settings: Settings
    ) -> None:
        self.qtbot = qtbot
        self.loop = loop
        self.ctx = ctx
        self.window = window
        self.settings = settings
        self.backend: Backend | None = None  # the cache and services, for tests that break them on purpose
        if settings.syncs:  # its coroutines wake on their own: see tests/conftest.py's HeldLoop
            loop.hold()  # type: ignore[attr-defined]

    def run(self, coro: Awaitable[T]) -> T:
        return self.loop.run_until_complete(coro)

    def let_go_of_loop(self) -> None:
        """The end of the kiosk: no loop is running any more."""
        self.loop.let_go()  # type: ignore[attr-defined]

    def settle(self) -> None:
        self.run(settle(self.window))

    @property
    def page(self) -> Page:
        page = self.window.navigator.current_page()
        assert page is not None
        return page

    def tap(self, widget: QWidget) -> None:
        assert widget.isVisible(), f"cannot tap a hidden widget: {widget!r}"
        assert widget.isEnabled(), f"cannot tap a disabled widget: {widget!r}"
        self.qtbot.mouseClick(widget, LEFT)
        self.settle()

    def tap_text(self, text: str) -> None:
        """Tap the visible button or tile showing ``text``."""
        self.tap(self.find(text))

    def find(self, text: str) -> QWidget:
        matches: list[QWidget] = []
        for tile in self.window.findChildren(Tile):
            if tile.isVisible() and tile.title_text() == text:
                matches.append(tile)
        for button in self.window.findChildren(QPushButton):
            if button.isVisible() and button.text() == text and button.objectName() != "tile":
                matches.append(button)
        assert matches, f"nothing to tap shows {text!r}; on screen: {self.screen_texts()}"
        assert len(matches) == 1, f"{len(matches)} widgets show {text!r}"
        return matches[0]

    def tap_row(self, view: QListView, row: int) -> None:
        rect = view.visualRect(view.model().index(row, 0))
        self.qtbot.mouseClick(view.viewport(), LEFT, pos=QPoint(rect.center()))
        self.settle()

    def drag(self, area: QAbstractScrollArea, distance: int) -> None:
        """Slide one finger up by ``distance`` pixels over ``area``, as a person scrolls a long screen."""
        viewport = area.viewport()
        device = QTest.createTouchDevice()
        start = QPoint(viewport.width() // 2, viewport.height() - 20)
        steps = 10
        QTest.touchEvent(viewport, device).press(0, start, viewport).commit()
        for step in range(1, steps + 1):
            QTest.qWait(16)  # a finger moves at screen rate, not all at once
            QTest.touchEvent(viewport, device).move(0, start - QPoint(0, distance * step // steps), viewport).commit()
        QTest.touchEvent(viewport, device).release(0, start - QPoint(0, distance), viewport).commit()
        self.settle()

    def type_on_keyboard(self, text: str) -> None:
        """Type lower-case letters, digits and spaces by tapping the on-screen keys."""
        keyboard = self.window.keyboard
        assert keyboard.isVisible(), "the on-screen keyboard is not shown"
        for char in text:
            names = {"Espace", "Space"} if char == " " else {char}
            keys = [k for k in keyboard.findChildren(QPushButton) if k.isVisible() and k.text() in names]
            assert keys, f"no visible key {char!r}"
            self.qtbot.mouseClick(keys[0], LEFT)
        self.settle()

    def widget(self, name: str) -> QWidget:
        """The visible widget named ``name`` (field inputs are named after their field id, options
        ``<field>.<value>``, address parts ``<field>.line``…)."""
        found = [w for w in self.window.findChildren(QWidget, name) if w.isVisible()]
        assert len(found) == 1, f"{len(found)} visible widgets named {name!r}"
        return found[0]

    def fill(self, name: str, text: str) -> None:
        """Tap the input ``name`` and type ``text`` on a hardware keyboard (ASCII only: see QTest)."""
        widget = self.widget(name)
        self.tap(widget)
        self.qtbot.keyClicks(widget, text)
        self.settle()

    def choose(self, field_id: str, value: str) -> None:
        self.tap(self.widget(f"{field_id}.{value}"))

    def screen_texts(self) -> list[str]:
        """Every text a visitor can read now: labels, buttons, tiles (not what is hidden)."""
        texts: list[str] = []
        for widget in self.window.findChildren(QWidget):
            if not widget.isVisible():
                continue
            if isinstance(widget, QLabel | QAbstractButton) and widget.text():
                texts.append(widget.text())
        return texts

    def sees(self, text: str) -> bool:
        return any(text in shown for shown in self.screen_texts())
