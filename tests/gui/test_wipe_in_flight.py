"""« Terminer » while a page waits for central: the wiped pages are gone before the call's task resumes, and its end
touches none of them (no « Un problème est survenu », no second wipe). A real central behind a proxy that holds the
call (tests/sync/fault_proxy.py); the pages destroyed as Qt's loop may do before the task runs again."""

from __future__ import annotations

import asyncio

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from pytestqt.qtbot import QtBot

from kiosk.config import Settings
from kiosk.views.navigator import Route
from kiosk.views.pages.find_request import FindRequestPage
from kiosk.views.pages.home import HomePage
from tests.central.conftest import mail_central
from tests.gui.test_account_journey import account_settings, kiosk_online, proxied_settings, proxy
from tests.sqlite_central import database_url
from tests.sync.fault_proxy import FORWARD, Fault, FaultProxy, stall

__all__ = ["account_settings", "database_url", "mail_central", "proxied_settings", "proxy"]

pytestmark = pytest.mark.gui


async def until_held(proxy: FaultProxy, path: str) -> None:
    for _ in range(100):
        if any(call.path.endswith(path) and call.fault.kind == "stall" for call in list(proxy.calls)):
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"no call to {path} reached central")


def test_finishing_during_a_code_look_up_on_central_wipes_without_a_problem(
    qtbot: QtBot, event_loop_qt: asyncio.AbstractEventLoop, proxied_settings: Settings, proxy: FaultProxy
) -> None:
    def slow_look_up(method: str, path: str) -> Fault:
        return stall(2.0) if path.endswith("/requests/lookup") else FORWARD

    with kiosk_online(qtbot, event_loop_qt, proxied_settings) as visitor:
        visitor.window.navigator.go(Route.FIND_REQUEST)
        visitor.settle()
        page = visitor.page
        assert isinstance(page, FindRequestPage)
        qtbot.keyClicks(page.field, "BCDFGHJK")  # no request of this kiosk: asked of central
        proxy.route = slow_look_up
        ended: list[str] = []
        visitor.window.session_ended.connect(ended.append)
        page.search_button.click()  # not ``tap``: its settling would wait for the look-up
        visitor.run(until_held(proxy, "/requests/lookup"))
        assert page.tasks.busy
        visitor.window.header.finish_button.click()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert not shiboken6.isValid(page)
        visitor.run(visitor.window.session.tasks.idle())
        visitor.settle()
        visitor.run(asyncio.sleep(0.2))
        visitor.settle()
        assert ended == ["finished"]
        assert isinstance(visitor.page, HomePage)
        assert not visitor.sees("Un problème est survenu")
