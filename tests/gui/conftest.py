"""A real kiosk per test: the demo town and catalogue, a fresh SQLite file, a 1920×1080 window."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import build_window, start_backend
from kiosk.config import Settings, demo_settings
from tests.gui.driver import Visitor


@contextmanager
def open_kiosk(qtbot: QtBot, loop: asyncio.AbstractEventLoop, settings: Settings) -> Iterator[Visitor]:
    """A kiosk built by the real composition root, shown at 1920×1080, with its cache and catalogue loaded."""
    ctx, window = build_window(settings)
    qtbot.addWidget(window, before_close_func=lambda w: w.keyboard_controller.set_enabled(False))
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    person = Visitor(qtbot, loop, ctx, window, settings)
    backend = person.run(start_backend(ctx, settings))
    person.backend = backend
    person.settle()
    try:
        yield person
    finally:
        ctx.translations.set_language("fr")  # the translator is application-wide
        window.keyboard_controller.set_enabled(False)
        backend.close()
        person.let_go_of_loop()
        gc.collect()  # here, on the GUI thread (see kiosk.views.gc)


@pytest.fixture
def visitor(qtbot: QtBot, event_loop_qt: asyncio.AbstractEventLoop, tmp_path: Path) -> Iterator[Visitor]:
    with open_kiosk(qtbot, event_loop_qt, demo_settings(data_dir=tmp_path / "data", fullscreen=False)) as person:
        yield person
