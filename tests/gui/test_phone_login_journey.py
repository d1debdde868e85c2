"""The log-in from the phone at the kiosk (issue 10, item 2's kiosk side): the kiosk shows a QR code and a short
code and polls central at central's interval, while the test acts as the citizen's phone (it opens the QR code's
page, posts the log-in form, then « Autoriser » or « Refuser », as tests/central/device_flow.py does): approved, the
kiosk greets « Bonjour <prénom> » as with the password (and does not ask central again whether the token it has just
given holds); refused, it says so and offers « Réessayer »; left, or wiped by the idle guard, it polls no more (no
task left in the polling, and the calls counted by a proxy in front of central, tests/sync/fault_proxy.py, stay as
they are) and a later approval logs nobody in.

Central keeps its 5 s interval (the kiosk must honour it): each journey waits a poll or two."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

import pytest
from pytestqt.qtbot import QtBot

from kiosk.config import Settings
from kiosk.services.account import AccountService
from kiosk.services.account_outcomes import PhoneCode
from kiosk.services.phone_login import PhoneLogin
from kiosk.views.navigator import Route
from kiosk.views.pages.account import AccountPage
from kiosk.views.pages.account_phone import PhoneLoginView
from sync.protocol import DeviceAuthorization
from tests.central.accounts_flow import FIRST_NAME
from tests.central.conftest import MailCentral, mail_central
from tests.central.device_flow import approval_of, decide, phone_log_in
from tests.gui.driver import Visitor
from tests.gui.test_account_journey import (
    PASSWORD,
    account_page,
    account_settings,
    calls_to,
    dashboard_page,
    finished_account,
    kiosk_online,
    open_dashboard,
    open_sessions,
    open_space,
    proxied_settings,
    proxy,
)
from tests.gui.test_session import emitted
from tests.helpers import wait_signal
from tests.sqlite_central import database_url
from tests.sync.fault_proxy import FaultProxy

__all__ = ["account_settings", "database_url", "mail_central", "proxied_settings", "proxy"]

pytestmark = pytest.mark.gui

POLLS_S = 20.0  # a few of central's 5 s intervals


def phone_view(visitor: Visitor) -> PhoneLoginView:
    return account_page(visitor).phone_view


async def until_state(view: PhoneLoginView, states: Iterable[str], timeout: float = POLLS_S) -> str:
    wanted = set(states)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while view.state not in wanted:
        await wait_signal(view.state_changed, timeout=max(0.1, deadline - loop.time()))
    return view.state


def show_code(visitor: Visitor) -> PhoneCode:
    """« Me connecter avec mon téléphone » from "Mon espace": the code on show."""
    open_space(visitor)
    visitor.tap_text("Me connecter avec mon téléphone")
    view = phone_view(visitor)
    assert visitor.run(until_state(view, ["showing", "offline"])) == "showing"
    code = view.code
    assert code is not None
    visitor.settle()
    assert visitor.sees(code.user_code)
    assert visitor.sees("1. Scannez le code avec votre téléphone")
    assert visitor.sees("2. Connectez-vous à votre espace")
    assert visitor.sees("3. Autorisez la borne")
    assert visitor.sees("Code valable encore 10 min")
    assert code.verification_uri in view.address_label.text()
    assert not view.qr_label.pixmap().isNull()
    assert view.qr_label.pixmap().width() >= 300  # readable at arm's length
    return code


def as_phone(code: PhoneCode) -> DeviceAuthorization:
    """What the phone knows: the QR code's address (the device code is never shown; the test's phone needs none)."""
    return DeviceAuthorization(
        device_code="x" * 40,
        user_code=code.user_code,
        verification_uri=code.verification_uri,
        verification_uri_complete=code.verification_uri_complete,
        expires_in=code.expires_in,
        interval=code.interval,
    )


async def phone_decides(code: PhoneCode, email: str, choice: str) -> None:
    """The citizen, on their phone: the QR code's page, the log-in form, then « Autoriser » or « Refuser »."""
    authorization = as_phone(code)
    logged = await asyncio.to_thread(phone_log_in, authorization, email, PASSWORD)
    assert logged.status_code == 200, logged.text
    decided = await asyncio.to_thread(decide, authorization, approval_of(logged.text), choice)
    assert decided.status_code == 200, decided.text


def test_the_phone_approves_and_the_kiosk_greets_the_citizen(
    qtbot: QtBot,
    event_loop_qt: asyncio.AbstractEventLoop,
    proxied_settings: Settings,
    mail_central: MailCentral,
    proxy: FaultProxy,
) -> None:
    with kiosk_online(qtbot, event_loop_qt, proxied_settings) as visitor:
        email = finished_account(visitor, mail_central)
        before = len(open_sessions(mail_central.database_url))
        code = show_code(visitor)
        session = visitor.window.session

        async def approve() -> tuple[object, ...]:
            arrived = asyncio.ensure_future(wait_signal(session.citizen_changed, timeout=POLLS_S))
            await phone_decides(code, email, "approve")
            return await arrived

        (identity,) = visitor.run(approve())
        assert identity is not None
        dashboard_page(visitor)  # logged in, « Mon espace » is « Mon tableau de bord »
        page = visitor.window.navigator.existing_page(Route.ACCOUNT)
        assert isinstance(page, AccountPage)
        header = visitor.window.header
        assert header.greeting.isVisible()
        assert header.greeting.text() == f"Bonjour {FIRST_NAME}"
        assert visitor.sees(f"Bonjour {FIRST_NAME}")
        assert session.citizen_token() is not None
        assert len(open_sessions(mail_central.database_url)) == before + 1
        assert not page.phone_view.running  # nothing polls once logged in
        assert page.phone_view.code is None
        # The dashboard asks central for the citizen's requests each time it is shown: no other session check.
        assert calls_to(proxy, "/me/dashboard") == 1
        open_dashboard(visitor)  # « Mon accueil » asks too, for the procedures the town pins, then the dashboard
        assert calls_to(proxy, "/me/dashboard") == 3
        assert calls_to(proxy, "/sessions/current") == 0


def device_token_calls(proxy: FaultProxy) -> int:
    return calls_to(proxy, "/device-tokens")


def polling_tasks() -> list[asyncio.Task[object]]:
    """The tasks in ``PhoneLogin.wait`` (between two polls, or awaiting one), found down their chains of awaits."""
    found = []
    for task in asyncio.all_tasks():
        awaited: object = task.get_coro()
        while awaited is not None:
            if getattr(awaited, "cr_code", None) is PhoneLogin.wait.__code__:
                found.append(task)
                break
            awaited = getattr(awaited, "cr_await", None)
    return found


async def polling_stopped(visitor: Visitor, proxy: FaultProxy) -> None:
    """No poll goes on: a poll on the wire when the kiosk stopped waiting is answered (a token in it ended on
    central), no task is left in the polling, and no call to central comes after."""
    services = visitor.ctx.attached_services()
    account = services.account
    assert isinstance(account, AccountService)
    await account.settled()
    assert not polling_tasks()
    polls = device_token_calls(proxy)
    await asyncio.sleep(0)  # one turn of the event loop, timers and callbacks included
    assert device_token_calls(proxy) == polls


def test_a_denial_is_said_and_leaving_stops_the_polling(
    qtbot: QtBot,
    event_loop_qt: asyncio.AbstractEventLoop,
    proxied_settings: Settings,
    mail_central: MailCentral,
    proxy: FaultProxy,
) -> None:
    with kiosk_online(qtbot, event_loop_qt, proxied_settings) as visitor:
        email = finished_account(visitor, mail_central)
        code = show_code(visitor)
        view = phone_view(visitor)

        async def refuse() -> str:
            await phone_decides(code, email, "refuse")
            return await until_state(view, ["denied", "offline", "expired"])

        assert visitor.run(refuse()) == "denied"
        visitor.settle()
        assert visitor.sees("Connexion refusée sur le téléphone.")
        assert device_token_calls(proxy) >= 1
        assert not view.running
        assert view.code is None
        assert visitor.window.session.citizen is None

        # « Réessayer »: a new code; then the citizen leaves « Mon espace » before deciding anything.
        visitor.tap_text("Réessayer")
        assert visitor.run(until_state(view, ["showing", "offline"])) == "showing"
        renewed = view.code
        assert renewed is not None
        assert renewed.user_code != code.user_code
        assert visitor.run(until_polling()), "the wait for the phone is on"
        visitor.tap(visitor.window.header.home_button)
        visitor.settle()
        assert not view.running
        visitor.run(polling_stopped(visitor, proxy))
        assert visitor.window.session.citizen is None


async def until_polling() -> bool:
    """Whether a task is in ``PhoneLogin.wait`` once the loop has turned (the view starts it as the code shows)."""
    await asyncio.sleep(0)
    return bool(polling_tasks())


def test_the_idle_wipe_stops_the_polling_and_a_later_approval_logs_nobody_in(
    qtbot: QtBot,
    event_loop_qt: asyncio.AbstractEventLoop,
    proxied_settings: Settings,
    mail_central: MailCentral,
    proxy: FaultProxy,
) -> None:
    with kiosk_online(qtbot, event_loop_qt, proxied_settings) as visitor:
        email = finished_account(visitor, mail_central)
        before = len(open_sessions(mail_central.database_url))
        code = show_code(visitor)
        view = phone_view(visitor)
        assert visitor.run(until_polling()), "the wait for the phone is on"
        guard = visitor.window.session.idle
        # The citizen walks away before approving: the idle wipe comes.
        assert visitor.run(emitted(visitor.window.session_ended, lambda: guard.start(visitor.window))) == ("idle",)
        visitor.run(visitor.window.session.tasks.idle())
        visitor.settle()
        assert not view.running
        visitor.run(polling_stopped(visitor, proxy))
        polls = device_token_calls(proxy)
        visitor.run(phone_decides(code, email, "approve"))  # too late: nobody at the kiosk asks any more
        visitor.run(polling_stopped(visitor, proxy))
        assert device_token_calls(proxy) == polls
        assert visitor.window.session.citizen is None
        assert not visitor.window.header.greeting.isVisible()
        assert len(open_sessions(mail_central.database_url)) == before
