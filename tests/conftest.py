"""Shared fixtures. Qt runs offscreen; every test gets its own SQLite file and, when it asks, a qasync loop."""

from __future__ import annotations

import asyncio
import gc
import os
from collections.abc import Iterator

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
    import qasync

    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    yield loop
    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for task in pending:
        task.cancel()
    if pending:
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    loop.close()
    asyncio.set_event_loop(None)
