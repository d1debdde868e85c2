"""The log-in from the phone at the kiosk (issue 10, item 2's kiosk side): the kiosk shows a QR code and a short
code and polls central at central's interval, while the test acts as the citizen's phone (it opens the QR code's
page, posts the log-in form, then « Autoriser » or « Refuser », as tests/central/device_flow.py does): approved, the
kiosk greets « Bonjour <prénom> » as with the password; refused, it says so and offers « Réessayer »; left, or
wiped by the idle guard, it polls no more (counted by a proxy in front of central, tests/sync/fault_proxy.py) and a
later approval logs nobody in.

Central keeps its 5 s interval (the kiosk must honour it): each journey waits a poll or two."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.config import Settings, replace
from kiosk.services.account_outcomes import PhoneCode
from kiosk.views.pages.account_phone import PhoneLoginView
from sync.protocol import DeviceAuthorization
from tests.central.accounts_flow import FIRST_NAME, LAST_NAME
from tests.central.conftest import MailCentral, add_kiosk, mail_central
from tests.central.device_flow import approval_of, decide, phone_log_in
from tests.gui.driver import Visitor
from tests.gui.test_account_journey import (
    PASSWORD,
    account_page,
    account_settings,
    finished_account,
    kiosk_online,
    open_sessions,
    open_space,
)
from tests.gui.test_session import emitted
from tests.gui.test_sync_journey import token_file
from tests.helpers import wait_signal
from tests.sqlite_central import database_url
from tests.sync.fault_proxy import FaultProxy

__all__ = ["account_settings", "database_url", "mail_central"]

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
    qtbot: QtBot, event_loop_qt: asyncio.AbstractEventLoop, account_settings: Settings, mail_central: MailCentral
) -> None:
    with kiosk_online(qtbot, event_loop_qt, account_settings) as visitor:
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
        visitor.settle()
        page = account_page(visitor)
        assert page.view == "space"
        header = visitor.window.header
        assert header.greeting.isVisible()
        assert header.greeting.text() == f"Bonjour {FIRST_NAME}"
        assert visitor.sees(f"{FIRST_NAME} {LAST_NAME}")
        assert session.citizen_token() is not None
        assert len(open_sessions(mail_central.database_url)) == before + 1
        assert not page.phone_view.running  # nothing polls once logged in
        assert page.phone_view.code is None


@pytest.fixture
def proxy(mail_central: MailCentral) -> Iterator[FaultProxy]:
    """In front of central: it counts the kiosk's calls (every one forwarded unchanged)."""
    running = FaultProxy(mail_central.server.url)
    yield running
    running.close()


@pytest.fixture
def proxied_settings(
    tmp_path: Path, account_settings: Settings, mail_central: MailCentral, proxy: FaultProxy
) -> Settings:
    token = add_kiosk(mail_central.server.env, f"borne-{uuid.uuid4().hex[:8]}")
    folder = tmp_path / "proxied"
    return replace(account_settings, central_url=proxy.url + "/", central_token_file=token_file(folder, token))


def device_token_calls(proxy: FaultProxy) -> int:
    return sum(1 for call in list(proxy.calls) if call.path.endswith("/device-tokens"))


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
        visitor.tap(visitor.window.header.home_button)
        visitor.settle()
        assert not view.running
        visitor.run(account_services_settled(visitor))
        polls = device_token_calls(proxy)
        # Longer than central's interval and one more poll's way: a kiosk still polling would have asked.
        visitor.run(asyncio.sleep(renewed.interval + 2))
        assert device_token_calls(proxy) == polls
        assert visitor.window.session.citizen is None


async def account_services_settled(visitor: Visitor) -> None:
    """A poll on the wire when the page was left is answered still (and a token in it ended on central)."""
    services = visitor.ctx.attached_services()
    assert services is not None
    account = services.account
    phone = getattr(account, "phone", None)
    if phone is not None:
        await phone.settled()


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
        guard = visitor.window.session.idle
        # The citizen walks away before approving: the idle wipe comes.
        assert visitor.run(emitted(visitor.window.session_ended, lambda: guard.start(visitor.window))) == ("idle",)
        visitor.run(visitor.window.session.tasks.idle())
        visitor.settle()
        assert not view.running
        visitor.run(account_services_settled(visitor))
        polls = device_token_calls(proxy)
        visitor.run(phone_decides(code, email, "approve"))  # too late: nobody at the kiosk asks any more
        visitor.run(asyncio.sleep(code.interval + 2))
        assert device_token_calls(proxy) == polls
        assert visitor.window.session.citizen is None
        assert not visitor.window.header.greeting.isVisible()
        assert len(open_sessions(mail_central.database_url)) == before
