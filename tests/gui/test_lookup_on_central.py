"""A code typed at this kiosk for a request made at another kiosk (issue 9, item 8): found through central while
online, read-only, kept in no cache; two requests sharing the code (an offline clash) make the page ask for the
requester's last name; offline, the page says why it cannot look further.

A real central on 127.0.0.1; the other kiosks' requests are pushed through its API with their own tokens; this
kiosk is built by the real composition root and opened in the test's body (its sync stops there too)."""

from __future__ import annotations

import asyncio
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from central.codes import draw_code
from kiosk.config import Settings, demo_settings
from kiosk.tools.drive import settle
from kiosk.views.navigator import Route
from kiosk.views.pages.find_request import FindRequestPage
from kiosk.views.pages.follow_up import FollowUpPage
from sync.protocol import OpAnswer
from tests.central.conftest import Central, add_kiosk, central_env, free_port, server
from tests.central.wire import ANSWER, push, submit_op
from tests.gui.conftest import open_kiosk
from tests.gui.driver import Visitor
from tests.gui.test_sync_journey import stop_sync, token_file, until_waiting
from tests.sqlite_central import database_url

__all__ = ["central_env", "database_url", "server"]

pytestmark = pytest.mark.gui

ONLINE_S = 30.0


def kiosk_settings(tmp_path: Path, central_env: dict[str, str], url: str) -> Settings:
    token = add_kiosk(central_env, f"borne-{uuid.uuid4().hex[:8]}")
    return demo_settings(
        data_dir=tmp_path / "data",
        fullscreen=False,
        central_url=url,
        central_token_file=token_file(tmp_path / "secrets", token),
        sync_idle_s=0.2,
        sync_pull_s=0.5,
    )


def made_elsewhere(server: Central, central_env: dict[str, str], code: str, last_name: str) -> str:
    """A request submitted at another kiosk (its own token), with ``code``: central's number for it."""
    other = add_kiosk(central_env, f"borne-{uuid.uuid4().hex[:8]}")
    pushed = push(server.url, other, submit_op(code=code, last_name=last_name, appointment=None, documents=[]))
    assert pushed.status_code == 201, pushed.text
    return OpAnswer.model_validate_json(pushed.content).request.number


# Every step that lets Qt process events runs inside the asyncio loop (``visitor.run``): the sync's runner is
# stepped by Qt's events too, and outside the loop its coroutines would find no running loop.


async def tap(visitor: Visitor, widget: QWidget) -> None:
    assert widget.isVisible(), widget
    assert widget.isEnabled(), widget
    visitor.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    await settle(visitor.window)


async def search(visitor: Visitor, code: str, last_name: str | None = None) -> FindRequestPage:
    """Type ``code`` on "Suivre une demande" (opened unless on show, the code kept then) and tap "Rechercher";
    with ``last_name``, type it in the name field first."""
    if not isinstance(visitor.page, FindRequestPage):
        visitor.window.navigator.go(Route.FIND_REQUEST)
        await settle(visitor.window)
        find = visitor.page
        assert isinstance(find, FindRequestPage)
        visitor.qtbot.keyClicks(find.field, code)
    find = visitor.page
    assert isinstance(find, FindRequestPage)
    if last_name is not None:
        find.name_field.setText("")
        visitor.qtbot.keyClicks(find.name_field, last_name)
    await tap(visitor, find.search_button)
    await find.tasks.idle()
    await settle(visitor.window)
    return find


async def shown_follow_up(visitor: Visitor) -> FollowUpPage:
    page = visitor.page
    assert isinstance(page, FollowUpPage)
    await page.tasks.idle()
    await settle(visitor.window)
    return page


@contextmanager
def syncing_kiosk(qtbot: QtBot, loop: asyncio.AbstractEventLoop, settings: Settings) -> Iterator[Visitor]:
    """The kiosk opened, and its sync stopped, within the test's body (see test_sync_journey)."""
    with open_kiosk(qtbot, loop, settings) as visitor:
        try:
            yield visitor
        finally:
            stop_sync(visitor)


def cached_requests(settings: Settings) -> int:
    with sqlite3.connect(settings.database_path) as raw:
        (count,) = raw.execute("SELECT count(*) FROM request").fetchone()
    raw.close()
    return int(count)


def test_a_request_made_at_another_kiosk_is_found_through_central_read_only(
    qtbot: QtBot,
    event_loop_qt: asyncio.AbstractEventLoop,
    server: Central,
    central_env: dict[str, str],
    tmp_path: Path,
) -> None:
    code = draw_code()
    number = made_elsewhere(server, central_env, code, "Lefèvre")
    settings = kiosk_settings(tmp_path, central_env, server.url + "/")
    with syncing_kiosk(qtbot, event_loop_qt, settings) as visitor:
        visitor.run(until_waiting(visitor, 0, online=True, timeout=ONLINE_S))
        visitor.run(search(visitor, f"{code[:4]} {code[4:].lower()}"))
        page = visitor.run(shown_follow_up(visitor))
        assert page.request is not None
        assert page.request.number == number
        assert visitor.sees(number)
        assert page.status_badge.text() == "Transmise à la mairie"
        assert visitor.sees("Demande reçue par la mairie")  # central's history, in Historique
        # Another kiosk's request: read-only here, and nothing personal came with it.
        assert not page.cancel_button.isVisible()
        visitor.run(tap(visitor, page.tabs.buttons["requester"]))
        assert visitor.sees("la borne ne les garde plus")
        assert not visitor.sees("Lefèvre")
        assert not visitor.sees(ANSWER)
        # Held by the page for this visit: never written to the cache.
        assert cached_requests(settings) == 0


def test_a_code_two_requests_share_asks_for_the_last_name(
    qtbot: QtBot,
    event_loop_qt: asyncio.AbstractEventLoop,
    server: Central,
    central_env: dict[str, str],
    tmp_path: Path,
) -> None:
    code = draw_code()
    first = made_elsewhere(server, central_env, code, "Lefèvre")
    second = made_elsewhere(server, central_env, code, "Martin")
    settings = kiosk_settings(tmp_path, central_env, server.url + "/")
    with syncing_kiosk(qtbot, event_loop_qt, settings) as visitor:
        visitor.run(until_waiting(visitor, 0, online=True, timeout=ONLINE_S))
        find = visitor.run(search(visitor, code))
        assert visitor.page is find
        assert find.message.text() == (
            "Deux demandes portent ce code. Pour trouver la vôtre, indiquez le nom du demandeur."
        )
        assert find.name_field.isVisible()
        assert find.name_field.accessibleName() == "Nom du demandeur"
        failures = len(visitor.ctx.tracking_guard.state().failures)
        visitor.run(search(visitor, code, "Dupont"))  # not the name of either request
        assert visitor.page is find
        assert len(visitor.ctx.tracking_guard.state().failures) == failures + 1  # names are guessed too
        visitor.run(search(visitor, code, "martin"))
        page = visitor.run(shown_follow_up(visitor))
        assert page.request is not None
        assert page.request.number == second != first


def test_offline_an_unknown_code_says_other_kiosks_cannot_be_searched(
    qtbot: QtBot, event_loop_qt: asyncio.AbstractEventLoop, central_env: dict[str, str], tmp_path: Path
) -> None:
    settings = kiosk_settings(tmp_path, central_env, f"http://127.0.0.1:{free_port()}/")  # nothing listens
    with syncing_kiosk(qtbot, event_loop_qt, settings) as visitor:
        failures = len(visitor.ctx.tracking_guard.state().failures)
        find = visitor.run(search(visitor, draw_code()))
        assert find.message.text() == (
            "Aucune demande ne correspond à ce code. Vérifiez les 8 lettres de votre code de suivi. "
            "La borne est hors ligne : une demande faite à une autre borne ne peut pas être retrouvée pour le "
            "moment."
        )
        assert len(visitor.ctx.tracking_guard.state().failures) == failures + 1
