"""The sync seen at the kiosk (issue 9, items 8 and 9): a request submitted while central is down waits, the header
says so; central comes up, and with no tap the kiosk sends it, the header's count falls to 0, and "Suivi de la
demande" shows the town's number and keeps none of the visitor's details; an agent then changes its status with
central's command line, and the kiosk shows it after its next pull.

A real central (``central serve`` as typed) on a port where, at first, nothing listens; the kiosk is built by the
real composition root, configured with that URL and a device token file as an operator would."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.config import Settings, demo_settings
from kiosk.models.db import make_session_factory
from kiosk.models.outbox_repository import OutboxRepository
from kiosk.tools.demo_visit import fill_demo_request, go_to
from kiosk.views.navigator import Route
from kiosk.views.pages.confirmation import ConfirmationPage
from kiosk.views.pages.find_request import FindRequestPage
from kiosk.views.pages.follow_up import FollowUpPage
from tests.central.conftest import (
    Central,
    add_kiosk,
    central,
    central_env,
    free_port,
    start_central,
)
from tests.gui.conftest import open_kiosk
from tests.gui.driver import Visitor
from tests.helpers import wait_signal
from tests.sqlite_central import database_url

__all__ = ["central_env", "database_url"]

pytestmark = pytest.mark.gui

DRAIN_S = 60.0  # central's start, then the runner's backoff after the failures while it was down


def token_file(folder: Path, token: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "device-token"
    path.write_text(token + "\n", encoding="utf-8")
    path.chmod(0o600)
    return path


@pytest.fixture
def port() -> int:
    return free_port()


@pytest.fixture
def settings(tmp_path: Path, central_env: dict[str, str], port: int) -> Settings:
    token = add_kiosk(central_env, f"borne-{uuid.uuid4().hex[:8]}")
    return demo_settings(
        data_dir=tmp_path / "data",
        fullscreen=False,
        central_url=f"http://127.0.0.1:{port}/",
        central_token_file=token_file(tmp_path / "secrets", token),
        sync_idle_s=0.2,
        sync_pull_s=0.5,
    )


def stop_sync(visitor: Visitor) -> None:
    """As on SIGTERM (``Backend.shutdown``): the sync stops before the workers close. In the test's body: once the
    test is over, pytest-qt has closed the window, and running the loop then would delete it under open_kiosk."""
    assert visitor.backend is not None
    assert visitor.backend.sync is not None
    visitor.run(visitor.backend.sync.stop())


def submit_demo_request(visitor: Visitor) -> str:
    """Fill and submit the demo request through the wizard; the tracking code read off the confirmation."""
    page = visitor.run(fill_demo_request(visitor.window))
    visitor.run(go_to(visitor.window, page, "summary"))
    visitor.tap(page.next_button)  # "Valider"
    visitor.run(page.tasks.idle())
    visitor.settle()
    confirmation = visitor.page
    assert isinstance(confirmation, ConfirmationPage)
    assert confirmation.request is not None
    return confirmation.request.tracking_code


def header_says(visitor: Visitor) -> tuple[str, str | None]:
    header = visitor.window.header
    return header.connection.text(), header.waiting.text() if header.waiting.isVisible() else None


async def until_waiting(visitor: Visitor, count: int, online: bool, timeout: float) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while (visitor.ctx.waiting, visitor.ctx.online) != (count, online):
        await wait_signal(visitor.ctx.sync_changed, timeout=max(0.1, deadline - loop.time()))


def open_follow_up(visitor: Visitor, code: str) -> FollowUpPage:
    visitor.window.navigator.go(Route.FIND_REQUEST)
    visitor.settle()
    find = visitor.page
    assert isinstance(find, FindRequestPage)
    visitor.qtbot.keyClicks(find.field, code)
    visitor.tap(find.search_button)
    page = visitor.page
    assert isinstance(page, FollowUpPage)
    visitor.run(page.tasks.idle())
    visitor.settle()
    return page


def test_submitted_offline_sent_when_central_comes_up_without_a_tap(
    qtbot: QtBot,
    event_loop_qt: asyncio.AbstractEventLoop,
    settings: Settings,
    central_env: dict[str, str],
    port: int,
    tmp_path: Path,
) -> None:
    # The kiosk opens and its sync stops within the test's body: pytest-qt processes Qt's events between a test's
    # phases, outside the asyncio loop, and the sync's timers would then step its coroutines with no running loop.
    with open_kiosk(qtbot, event_loop_qt, settings) as visitor:
        try:
            journey(visitor, central_env, port, tmp_path)
        finally:
            stop_sync(visitor)


def journey(visitor: Visitor, central_env: dict[str, str], port: int, tmp_path: Path) -> None:
    code = submit_demo_request(visitor)
    visitor.run(until_waiting(visitor, 1, online=False, timeout=10))
    assert header_says(visitor) == ("Hors ligne", "1 demande en attente d'envoi")
    # On a portrait kiosk the count wraps onto two lines rather than widen the window past the screen.
    visitor.window.resize(1080, 1920)
    visitor.settle()
    assert visitor.window.width() == 1080
    assert visitor.window.header.waiting.isVisible()
    visitor.window.resize(1920, 1080)
    visitor.settle()
    visitor.window.header.home_clicked.emit()
    visitor.settle()

    page = open_follow_up(visitor, code)
    assert page.status_badge.text() == "En attente d'envoi"
    assert visitor.sees(page.request.reference if page.request else "?")

    server: Central = start_central(central_env, tmp_path / "central.log", port)
    try:
        # No tap: the runner's timer finds central back.
        visitor.run(until_waiting(visitor, 0, online=True, timeout=DRAIN_S))
        assert header_says(visitor) == ("En ligne", None)

        page = open_follow_up(visitor, code)
        request = page.request
        assert request is not None
        assert request.number is not None
        assert page.status_badge.text() == "Transmise à la mairie"
        assert visitor.sees(request.number)
        assert not visitor.sees(request.reference)  # the town's number replaces the kiosk's reference
        assert visitor.sees("Demande envoyée à la mairie")  # in Historique
        # The details are at the town hall now: the kiosk says so instead of showing them.
        visitor.tap(page.tabs.buttons["requester"])
        assert visitor.sees("la borne ne les garde plus")
        assert not visitor.sees("Martin")

        # An agent at the town hall takes the request on; the kiosk learns it by its pull.
        changed = central(central_env, "request", "status", request.number, "in_progress")
        assert changed.returncode == 0, changed.stdout + changed.stderr
        until_status(visitor, code, "En cours de traitement", timeout=DRAIN_S)
        follow_up = visitor.page
        assert isinstance(follow_up, FollowUpPage)
        visitor.tap(follow_up.tabs.buttons["history"])
        assert visitor.sees("Demande en cours de traitement")  # the event central recorded, in Historique
    finally:
        server.stop()


def until_status(visitor: Visitor, code: str, badge: str, timeout: float) -> None:
    """Open the follow-up again until its badge says ``badge`` (the pull runs on the runner's timer)."""
    deadline = visitor.loop.time() + timeout
    while True:
        page = open_follow_up(visitor, code)
        if page.status_badge.text() == badge:
            return
        assert visitor.loop.time() < deadline, f"the follow-up still says {page.status_badge.text()!r}"
        visitor.run(asyncio.sleep(0.3))


@pytest.fixture
def kiosk_without_central(qtbot: QtBot, event_loop_qt: asyncio.AbstractEventLoop, tmp_path: Path) -> Iterator[Visitor]:
    with open_kiosk(qtbot, event_loop_qt, demo_settings(data_dir=tmp_path / "data", fullscreen=False)) as person:
        yield person


def test_a_request_central_refused_says_so_instead_of_waiting_for_ever(kiosk_without_central: Visitor) -> None:
    visitor = kiosk_without_central
    assert visitor.backend is not None
    assert visitor.backend.sync is None
    code = submit_demo_request(visitor)
    assert not visitor.window.header.waiting.isVisible()  # counted only when the kiosk syncs
    outbox = OutboxRepository(make_session_factory(visitor.backend.engine))
    now = dt.datetime.now(dt.UTC)
    (submit,) = outbox.next_due(now)
    # What the push engine does with a 4xx other than 408/409/425/429: a dead letter.
    outbox.mark_dead(submit.op_id, "422 invalid_op: answers.motif: unknown choice", now)

    page = open_follow_up(visitor, code)

    assert page.status_badge.text() == "Envoi refusé"
    assert visitor.sees("adressez-vous à l'accueil avec votre code de suivi")
    assert not visitor.sees("422")  # central's reason is for agents, in the log
