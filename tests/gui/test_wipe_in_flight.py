"""« Terminer » while a page waits for central: the navigator destroys the wiped pages only once their cancelled tasks
have ended, so the end of the call touches a page that is still whole (no « Un problème est survenu », no second
wipe), and then the page goes. A real central behind a proxy that holds the call (tests/sync/fault_proxy.py)."""

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
from tests.sync.fault_proxy import FORWARD, Fault, FaultProxy, stall, until_held

__all__ = ["account_settings", "database_url", "mail_central", "proxied_settings", "proxy"]

pytestmark = pytest.mark.gui


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
        owner = page.tasks
        visitor.window.header.finish_button.click()
        # Qt's loop may delete what is marked for deletion before the look-up's task runs again: the wiped page is
        # not marked until that task has ended, so its end finds it whole.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert shiboken6.isValid(page)
        assert not page.isVisible()
        visitor.run(owner.idle())
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert not shiboken6.isValid(page)  # then it goes, with what the visitor typed
        visitor.run(visitor.window.session.tasks.idle())
        visitor.settle()
        assert ended == ["finished"]
        assert isinstance(visitor.page, HomePage)
        assert not visitor.sees("Un problème est survenu")
