""" "Espace agent", driven as a counter agent does: a long press on the town's name in the header (no button shows
it), the agent code on the digits keypad — a wrong one is said so and waited out, the right one opens the screen —
then the requests waiting to be sent and the sends central refused, put in the cache by the real repository. A kiosk
whose token central refuses (a real central on 127.0.0.1, the kiosk revoked with ``central kiosk revoke``) says
"Borne non autorisée" there, and only there: the citizen's header says "Hors ligne". The agent screen belongs to the
visitor's session: "Terminer" and the idle wipe close it, and opening it again asks the code again."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QTimer, SignalInstance
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from kiosk.config import Settings, demo_settings, replace
from kiosk.models.db import make_engine, make_session_factory, migrate
from kiosk.models.guard_repository import AGENT_GUARD, GuardStateRepository
from kiosk.models.guard_state import GuardState
from kiosk.models.outbox_repository import OutboxRepository
from kiosk.services.agent import hash_agent_code
from kiosk.services.sync_status import SyncStatus
from kiosk.views.header import Header
from kiosk.views.navigator import Route
from kiosk.views.pages.agent import AgentPage
from kiosk.views.pages.catalogue_pages import DomainsPage
from kiosk.views.pages.home import HomePage
from tests.central.conftest import Central, add_kiosk, central, central_env, free_port, start_central
from tests.gui.conftest import open_kiosk
from tests.gui.driver import LEFT, Visitor
from tests.gui.test_sync_journey import stop_sync, submit_demo_request, token_file
from tests.helpers import wait_signal
from tests.sqlite_central import database_url

__all__ = ["central_env", "database_url"]

pytestmark = pytest.mark.gui

CODE = "4071926"
REASON = "422 invalid_op: answers.motif: unknown choice"


@pytest.fixture(scope="module")
def code_hash() -> str:
    return hash_agent_code(CODE)


def agent_settings(tmp_path: Path, code_hash: str | None, **changes: Any) -> Settings:
    # Kiosk seconds of 20 ms: the long press lasts 60 ms, the wait after a wrong code 20 ms. The idle watch, in
    # those seconds, would end the session within the test: it is given an hour of them.
    settings = demo_settings(data_dir=tmp_path / "data", fullscreen=False, agent_code_hash=code_hash)
    return replace(settings, **{"second_ms": 20, "idle_timeout_s": 3600, "idle_warning_s": 60, **changes})


@pytest.fixture
def agent_kiosk(
    qtbot: QtBot, event_loop_qt: asyncio.AbstractEventLoop, tmp_path: Path, code_hash: str
) -> Iterator[Visitor]:
    # The counter's own seconds: the test reads the wait after a wrong code while it lasts (a second is fifty
    # times what reading the screen takes), and each long press lasts the three seconds it does at the counter.
    with open_kiosk(qtbot, event_loop_qt, agent_settings(tmp_path, code_hash, second_ms=1000)) as person:
        yield person


async def until(condition: Callable[[], bool], signal: SignalInstance, timeout: float = 10.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        await wait_signal(signal, timeout=max(0.1, deadline - loop.time()))


def long_press(visitor: Visitor, widget: QWidget) -> None:
    """Hold a finger on ``widget`` until the kiosk takes it as a long press, then lift it."""
    header = visitor.window.header
    QTest.mousePress(widget, LEFT)
    visitor.run(wait_signal(header.agent_requested, timeout=10))
    QTest.mouseRelease(widget, LEFT)
    visitor.settle()


def agent_page(visitor: Visitor) -> AgentPage:
    page = visitor.page
    assert isinstance(page, AgentPage)
    return page


def type_code(visitor: Visitor, code: str) -> None:
    page = agent_page(visitor)
    assert page.code_field.hasFocus()
    assert visitor.window.keyboard.current_layout() == "digits"
    visitor.type_on_keyboard(code)
    visitor.tap(page.submit_button)  # "Valider"
    visitor.settle()


def submitted_reference(visitor: Visitor) -> str:
    submit_demo_request(visitor)
    page = visitor.page
    request = getattr(page, "request", None)
    assert request is not None
    reference: str = request.reference
    visitor.tap(visitor.window.header.home_button)
    return reference


def test_an_agent_opens_the_agent_screen_by_a_long_press_and_the_code(agent_kiosk: Visitor) -> None:
    visitor = agent_kiosk
    assert visitor.backend is not None
    refused = submitted_reference(visitor)
    waiting = submitted_reference(visitor)
    outbox = OutboxRepository(make_session_factory(visitor.backend.engine))
    now = dt.datetime.now(dt.UTC)
    first = next(op for op in outbox.next_due(now))  # the first request's submit: ops go out in order
    outbox.mark_dead(first.op_id, REASON, now)  # what the push engine does with a 4xx central gives for good

    header = visitor.window.header
    long_press(visitor, header.town)
    page = agent_page(visitor)
    assert visitor.sees("Espace agent")
    assert visitor.sees("Code agent")
    assert page.code_field.echoMode() is QLineEdit.EchoMode.Password

    type_code(visitor, "000000")
    assert visitor.sees("Code incorrect. Nouvel essai possible dans 1 seconde.")
    assert not page.submit_button.isEnabled()
    assert not page.unlocked
    assert not visitor.sees(waiting)
    visitor.run(until(page.submit_button.isEnabled, page.countdown.timeout))
    assert visitor.sees("Code incorrect. Vous pouvez réessayer.")

    visitor.tap(page.code_field)
    type_code(visitor, CODE)
    assert page.unlocked
    assert page.code_field.text() == ""
    assert not visitor.window.keyboard.isVisible()
    assert visitor.sees("1 demande en attente d'envoi")
    assert visitor.sees(f"{refused} · Envoi de la demande")
    assert visitor.sees(f"Motif donné par central : {REASON}")
    assert visitor.sees("Refusé le ")
    assert not visitor.sees(waiting)  # waiting, not refused: counted, not listed
    assert visitor.sees("Cette borne n'est reliée à aucun central")
    assert not visitor.sees("Borne non autorisée")  # central never refused this kiosk's token

    visitor.tap_text("Quitter l'espace agent")
    assert isinstance(visitor.page, HomePage)

    # Every visit asks the code again.
    long_press(visitor, header.logo if header.logo.isVisible() else header.town)
    page = agent_page(visitor)
    assert not page.unlocked
    assert visitor.sees("Code agent")
    assert not visitor.sees(refused)
    type_code(visitor, CODE)
    assert visitor.sees(refused)

    # "Terminer" ends the visit, the agent screen with it.
    visitor.tap(header.finish_button)
    assert isinstance(visitor.page, HomePage)
    assert visitor.window.navigator.existing_page(Route.AGENT) is None
    assert not visitor.sees(refused)


async def emissions_within(signal: SignalInstance, ms: int) -> int:
    """How many times ``signal`` is emitted within ``ms`` milliseconds (a Qt timer's, awaited as a future)."""
    loop = asyncio.get_running_loop()
    over: asyncio.Future[None] = loop.create_future()
    emitted = 0

    def on_emit(*_args: object) -> None:
        nonlocal emitted
        emitted += 1

    signal.connect(on_emit)
    try:
        QTimer.singleShot(ms, lambda: None if over.done() else over.set_result(None))
        await over
    finally:
        signal.disconnect(on_emit)
    return emitted


@pytest.fixture
def quick_kiosk(
    qtbot: QtBot, event_loop_qt: asyncio.AbstractEventLoop, tmp_path: Path, code_hash: str
) -> Iterator[Visitor]:
    """Kiosk seconds of 20 ms: a long press of 60 ms, which the tests below wait out twice over."""
    with open_kiosk(qtbot, event_loop_qt, agent_settings(tmp_path, code_hash)) as person:
        yield person


def long_press_ms(visitor: Visitor) -> int:
    return Header.LONG_PRESS_SECONDS * visitor.settings.second_ms


def test_a_tap_on_the_towns_name_is_no_long_press(quick_kiosk: Visitor) -> None:
    visitor = quick_kiosk
    header = visitor.window.header
    QTest.mouseClick(header.town, LEFT)  # pressed and lifted at once: the release must stop the long press
    fired = visitor.run(emissions_within(header.agent_requested, 2 * long_press_ms(visitor)))

    assert fired == 0
    visitor.settle()
    assert isinstance(visitor.page, HomePage)
    assert not visitor.sees("Espace agent")


def test_a_finger_slid_off_the_towns_name_is_no_long_press(quick_kiosk: Visitor) -> None:
    visitor = quick_kiosk
    header = visitor.window.header
    town = header.town
    QTest.mousePress(town, LEFT, pos=town.rect().center())
    QTest.mouseMove(town, QPoint(town.width() + 40, town.height() // 2))  # a swipe, still held down
    fired = visitor.run(emissions_within(header.agent_requested, 2 * long_press_ms(visitor)))
    QTest.mouseRelease(town, LEFT, pos=QPoint(town.width() + 40, town.height() // 2))

    assert fired == 0
    visitor.settle()
    assert isinstance(visitor.page, HomePage)
    # Held still, the same press opens it: the wait above was long enough to have seen it.
    long_press(visitor, town)
    assert isinstance(visitor.page, AgentPage)


def seed_agent_guard(settings: Settings, state: GuardState) -> None:
    """What an earlier run of the kiosk left in its cache (the real repository writes it, as the kiosk does)."""
    engine = make_engine(settings.database_path)
    try:
        migrate(engine)
        GuardStateRepository(make_session_factory(engine), AGENT_GUARD).save(state)
    finally:
        engine.dispose()


def test_the_wait_after_wrong_codes_outlives_the_visit_and_a_restart(
    qtbot: QtBot, event_loop_qt: asyncio.AbstractEventLoop, tmp_path: Path, code_hash: str
) -> None:
    """The wait was kept in the service's memory on a monotonic clock: a restart ended it, and its count."""
    settings = agent_settings(tmp_path, code_hash, second_ms=1000)
    now = time.time()
    # The last run saw six wrong codes in a row; their wait is over, their count is not.
    seed_agent_guard(settings, GuardState(tuple(now - 100 + i for i in range(6)), now - 1))
    with open_kiosk(qtbot, event_loop_qt, settings) as visitor:
        header = visitor.window.header
        long_press(visitor, header.town)
        page = agent_page(visitor)
        assert page.submit_button.isEnabled()
        type_code(visitor, "000000")  # the seventh in a row: the longest wait
        assert visitor.sees("Code incorrect. Nouvel essai possible dans 60 secondes.")

        visitor.tap(header.finish_button)  # "Terminer": the visit ends, the kiosk's wait does not
        assert visitor.window.navigator.existing_page(Route.AGENT) is None
        long_press(visitor, header.town)
        page = agent_page(visitor)
        assert not page.submit_button.isEnabled()
        assert page.message.isVisible()
        assert page.message.text().startswith("Code incorrect. Nouvel essai possible dans ")
        assert page.message.text().endswith(" secondes.")
        assert page.countdown.isActive()


def test_a_code_that_cannot_be_checked_is_said_so_not_checked_for_ever(
    qtbot: QtBot, event_loop_qt: asyncio.AbstractEventLoop, tmp_path: Path, code_hash: str
) -> None:
    """A hash argon2 cannot use (the configuration now refuses m=0; one may still break otherwise) raised out of
    the check, and the page said "Vérification du code…" for good."""
    unusable = code_hash.replace("m=65536", "m=0")
    # Past the configuration's check, as a hash it cannot tell from a good one would be.
    settings = agent_settings(tmp_path, code_hash, agent_code_hash=unusable)
    with open_kiosk(qtbot, event_loop_qt, settings) as visitor:
        long_press(visitor, visitor.window.header.town)
        page = agent_page(visitor)
        with qtbot.capture_exceptions() as raised:
            type_code(visitor, CODE)
            visitor.run(page.tasks.idle())
        assert [type(e[1]).__name__ for e in raised] == ["VerificationError"]
        assert not visitor.sees("Vérification du code…")
        assert visitor.sees("Le code n'a pas pu être vérifié.")
        assert page.submit_button.isEnabled()  # no wait: it was no wrong code
        assert not page.unlocked


def test_the_idle_wipe_closes_the_agent_screen(
    qtbot: QtBot, event_loop_qt: asyncio.AbstractEventLoop, tmp_path: Path, code_hash: str
) -> None:
    # The counter's 90 s and 30 s, in kiosk seconds of 2 ms: the warning after 120 ms of quiet, the wipe 60 ms later.
    settings = agent_settings(tmp_path, code_hash, second_ms=2, idle_timeout_s=90, idle_warning_s=30)
    with open_kiosk(qtbot, event_loop_qt, settings) as visitor:
        guard = visitor.window.session.idle
        guard.stop()  # scripted steps make no touch events: the guard starts when the agent "walks away"
        long_press(visitor, visitor.window.header.town)
        type_code(visitor, CODE)
        assert agent_page(visitor).unlocked
        assert visitor.sees("Aucun envoi refusé")

        # The agent walks away: the warning, then the wipe.
        ended = visitor.run(wait_after(visitor.window.session_ended, lambda: guard.start(visitor.window), 30))
        assert ended == ("idle",)
        visitor.settle()
        assert isinstance(visitor.page, HomePage)
        assert visitor.window.navigator.existing_page(Route.AGENT) is None
        assert not visitor.sees("Espace agent")


async def wait_after(signal: SignalInstance, action: Callable[[], object], timeout: float) -> tuple[object, ...]:
    """The next emission of ``signal`` once ``action`` ran: connected first, so that a quick timer cannot slip past."""
    future: asyncio.Future[tuple[object, ...]] = asyncio.get_running_loop().create_future()

    def on_emit(*args: object) -> None:
        if not future.done():
            future.set_result(args)

    signal.connect(on_emit)
    try:
        action()
        return await asyncio.wait_for(future, timeout)
    finally:
        signal.disconnect(on_emit)


def test_without_an_agent_code_the_long_press_does_nothing_but_say_so_once_in_the_log(
    qtbot: QtBot, event_loop_qt: asyncio.AbstractEventLoop, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="kiosk.views.main_window")
    with open_kiosk(qtbot, event_loop_qt, agent_settings(tmp_path, None)) as visitor:
        for _ in range(2):
            long_press(visitor, visitor.window.header.town)
            assert isinstance(visitor.page, HomePage)
    said = [r.getMessage() for r in caplog.records if "agent_code_hash" in r.getMessage()]
    assert len(said) == 1
    assert said[0].startswith("long press on the town's name: no agent screen")


# -- a kiosk whose token central refuses ----------------------------------------------------------------------------


def every_text_a_citizen_may_meet(visitor: Visitor) -> list[str]:
    """What the screen shows and what a screen reader or a tooltip says, on every visible widget."""
    texts = visitor.screen_texts()
    for widget in visitor.window.findChildren(QWidget):
        if widget.isVisible():
            texts += [widget.accessibleName(), widget.accessibleDescription(), widget.toolTip()]
    return texts


def test_a_kiosk_whose_token_central_refuses_says_so_to_the_agent_never_to_a_citizen(
    qtbot: QtBot,
    event_loop_qt: asyncio.AbstractEventLoop,
    tmp_path: Path,
    code_hash: str,
    central_env: dict[str, str],
) -> None:
    port = free_port()
    server: Central = start_central(central_env, tmp_path / "central.log", port)
    try:
        name = f"borne-{uuid.uuid4().hex[:8]}"
        token = add_kiosk(central_env, name)
        revoked = central(central_env, "kiosk", "revoke", name)
        assert revoked.returncode == 0, revoked.stdout + revoked.stderr
        tokens = token_file(tmp_path / "secrets", token)
        settings = agent_settings(
            tmp_path,
            code_hash,
            central_url=f"http://127.0.0.1:{port}/",
            central_token_file=tokens,
            sync_idle_s=0.2,
            sync_pull_s=0.5,
        )
        with open_kiosk(qtbot, event_loop_qt, settings) as visitor:
            try:
                refused_token_journey(visitor, tokens)
            finally:
                stop_sync(visitor)
    finally:
        server.stop()


def refused_token_journey(visitor: Visitor, tokens: Path) -> None:
    states: list[SyncStatus] = []
    visitor.ctx.sync_changed.connect(states.append)
    submit_demo_request(visitor)  # its send is what central answers with 401
    visitor.run(until(lambda: any(s.unauthorized and s.waiting == 1 for s in states), visitor.ctx.sync_changed, 30))

    # The citizen: "Hors ligne" and the request waiting, on every screen they may visit; never "non autorisée".
    header = visitor.window.header
    visitor.tap(header.home_button)
    for step in (None, "Nouvelle démarche", "État civil"):
        if step is not None:
            visitor.tap_text(step)
        assert header.connection.text() == "Hors ligne"
        assert header.waiting.isVisible()
        assert header.waiting.text() == "1 demande en attente d'envoi"
        met = every_text_a_citizen_may_meet(visitor)
        assert not [t for t in met if "non autoris" in t.lower()], met
    visitor.window.navigator.go(Route.FIND_REQUEST)
    visitor.settle()
    assert not [t for t in every_text_a_citizen_may_meet(visitor) if "non autoris" in t.lower()]
    assert isinstance(visitor.window.navigator.existing_page(Route.DOMAINS), DomainsPage)

    # The agent.
    long_press(visitor, header.town)
    type_code(visitor, CODE)
    page = agent_page(visitor)
    assert page.unlocked
    assert page.unauthorized.isVisible()
    assert visitor.sees("Borne non autorisée")
    assert visitor.sees(
        "Central refuse le jeton de cette borne. Enregistrez-la à nouveau (central kiosk add NOM) et placez le "
        f"nouveau jeton dans {tokens}. Les demandes restent en attente et partiront ensuite."
    )
    assert visitor.sees("Hors ligne : central (127.0.0.1) refuse le jeton de cette borne.")
    assert visitor.sees("1 demande en attente d'envoi")
    assert visitor.sees("Aucun envoi refusé")  # refused token, not refused request: nothing is lost
    assert not [t for t in visitor.screen_texts() if visitor.settings.central_url in t]  # the host only
    token = tokens.read_text(encoding="utf-8").strip()
    assert not [t for t in every_text_a_citizen_may_meet(visitor) if token in t]

    # Back to the citizen: the block leaves with the agent screen.
    visitor.tap_text("Quitter l'espace agent")
    assert not [t for t in every_text_a_citizen_may_meet(visitor) if "non autoris" in t.lower()]
    focused = QApplication.focusWidget()
    assert focused is None or not isinstance(focused, QLineEdit)
