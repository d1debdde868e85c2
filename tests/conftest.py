"""Shared fixtures. Qt runs offscreen; every test gets its own SQLite file and, when it asks, a qasync loop."""

from __future__ import annotations

import asyncio
import gc
import os
from collections.abc import Iterator
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication exists

import pytest

collect_ignore_glob: list[str] = []


@pytest.fixture(autouse=True)
def _fresh_application_style() -> None:
    """Each test starts with no application stylesheet and none of the previous test's widgets.

    The old widgets are deleted first (pytest-qt only asked for it), then the stylesheet reset: resetting it
    while widgets still live and deleting them afterwards leaves Qt's stylesheet caches pointing at freed
    widgets, and a later stylesheet change crashes. The kiosk itself never resets its stylesheet to nothing.
    """
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if isinstance(app, QApplication):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
        app.setStyleSheet("")


@pytest.fixture
def event_loop_qt(qapp: object) -> Iterator[asyncio.AbstractEventLoop]:
    """A fresh qasync loop per test. Drive coroutines with ``event_loop_qt.run_until_complete``.

    Inside a coroutine never use ``qtbot.waitSignal``/``qtbot.wait``: they nest a Qt loop and hang qasync.
    Await ``tests.helpers.signal_future`` instead.
    """
    loop = _held_loop_class()(qapp)
    asyncio.set_event_loop(loop)
    yield loop
    loop.let_go()
    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for task in pending:
        task.cancel()
    if pending:
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    loop.close()
    asyncio.set_event_loop(None)


def _held_loop_class() -> type[Any]:
    import qasync

    class HeldLoop(qasync.QEventLoop):  # type: ignore[misc]
        """A qasync loop that, once ``held``, stays the running loop between two runs.

        A kiosk with a sync has coroutines that wake on their own (the runner's timers, the network worker's
        answers). Qt's events processed between two ``run_until_complete`` (by qasync itself, "one last time", by a
        tap, a key, or pytest-qt) step them outside the loop, where ``asyncio.get_running_loop()`` fails and they
        die. In production the loop runs for the kiosk's whole life: holding it here gives the tests the same."""

        held = False

        def run_forever(self) -> None:
            try:
                super().run_forever()
            finally:
                if self.held:
                    asyncio._set_running_loop(self)

        def hold(self) -> None:
            self.held = True
            asyncio._set_running_loop(self)

        def let_go(self) -> None:
            if self.held:
                self.held = False
                asyncio._set_running_loop(None)

    return HeldLoop
