"""The kiosk's personal-space service (kiosk.services.account.AccountService) as it reads central's answers, on the
paths the GUI journeys (tests/gui/test_account_journey.py) do not reach: a real central on 127.0.0.1 behind the
fault proxy of tests/sync (its ``answer(...)`` faults stand for what central seldom says), and a log-in the kiosk
stopped waiting for, whose token must be ended on central rather than dropped (central's answers as Reply values
there, held until the test lets them go, as tests/unit/test_phone_login.py does for the phone's polls)."""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import logging
import threading
from collections.abc import Awaitable, Callable
from typing import TypeVar

import pytest

from kiosk.services.account import AccountService
from kiosk.services.central_answers import BLOCKED_SECONDS
from kiosk.services.executors import Worker
from sync.client import CentralClient, Reply
from sync.protocol import (
    AccountCreate,
    CitizenProfile,
    DeviceTokenBody,
    ErrorBody,
    LoginAnswer,
    LoginBody,
    PasswordResetBody,
)
from tests.sync.conftest import Registered
from tests.sync.fault_proxy import NETWORK_DOWN, Fault, FaultProxy, answer

T = TypeVar("T")

TOKEN = "canary-login-token-0123456789abcdef"
EMAIL = "zoe@valmont.example"
PASSWORD = "Canari-Motdepasse-2026!"


def error(status: int, code: str, *headers: tuple[str, str]) -> Fault:
    return answer(status, *headers, body=ErrorBody(error=code, detail="…").model_dump_json().encode())


def run(
    url: str,
    token: str,
    ask: Callable[[AccountService], Awaitable[T]],
    online: bool = True,
    clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
) -> T:
    """``ask`` of an AccountService speaking to central at ``url`` as the kiosk with ``token``."""

    async def main() -> T:
        network = Worker("test-network")
        try:
            return await ask(AccountService(CentralClient(url, token), network, lambda: online, clock))
        finally:
            network.shutdown()

    return asyncio.run(main())


# -- what central (or what stands before it) answers ---------------------------------------------------------------


def test_a_422_of_central_is_an_invalid_form_and_a_refused_log_in(kiosk: Registered, proxy: FaultProxy) -> None:
    proxy.decide = lambda: error(422, "invalid_body")
    created = run(proxy.url, kiosk.token, lambda account: account.create_account(EMAIL, "Zoé", "Martin"))
    reset = run(proxy.url, kiosk.token, lambda account: account.forgotten_password(EMAIL))
    logged = run(proxy.url, kiosk.token, lambda account: account.log_in(EMAIL, PASSWORD))
    assert (created.result, reset.result, logged.result) == ("invalid", "invalid", "refused")
    assert logged.login is None
    assert len(proxy.calls) == 3  # each was asked of central


def test_a_429_without_retry_after_blocks_for_the_kiosk_s_own_wait(kiosk: Registered, proxy: FaultProxy) -> None:
    proxy.decide = lambda: error(429, "too_many_logins")
    logged = run(proxy.url, kiosk.token, lambda account: account.log_in(EMAIL, PASSWORD))
    assert logged.result == "blocked"
    assert logged.retry_after == BLOCKED_SECONDS


def test_a_retry_after_date_is_read_on_central_s_clock_not_the_kiosk_s(kiosk: Registered, proxy: FaultProxy) -> None:
    # The proxy's answer carries its own Date; the kiosk's clock is ten years behind.
    later = email.utils.format_datetime(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=30), usegmt=True)
    proxy.decide = lambda: error(429, "too_many_logins", ("Retry-After", later))
    years_ago = lambda: dt.datetime.now(dt.UTC) - dt.timedelta(days=3650)  # noqa: E731
    logged = run(proxy.url, kiosk.token, lambda account: account.log_in(EMAIL, PASSWORD), clock=years_ago)
    assert logged.result == "blocked"
    assert 28 <= logged.retry_after <= 31  # whole seconds on both headers


@pytest.mark.parametrize(
    ("status", "body", "logged"),
    [
        (500, b"<html>Bad gateway</html>", "log-in refused by central: 500 (no error body from central)"),
        (201, b'{"access_token": "half an answer"}', "log-in on central: an answer that is not a log-in"),
        (418, ErrorBody(error="internal", detail="…").model_dump_json().encode(), "log-in refused by central: 418"),
    ],
)
def test_an_answer_that_is_not_central_s_is_offline_and_logged(
    kiosk: Registered, proxy: FaultProxy, caplog: pytest.LogCaptureFixture, status: int, body: bytes, logged: str
) -> None:
    caplog.set_level(logging.INFO)
    proxy.decide = lambda: answer(status, body=body)
    outcome = run(proxy.url, kiosk.token, lambda account: account.log_in(EMAIL, PASSWORD))
    assert outcome.result == "offline"
    assert outcome.login is None
    assert any(record.getMessage().startswith(logged) for record in caplog.records), caplog.text
    assert not any(PASSWORD in record.getMessage() or EMAIL in record.getMessage() for record in caplog.records)


def test_a_session_check_reads_central_and_asks_nothing_offline(
    kiosk: Registered, proxy: FaultProxy, caplog: pytest.LogCaptureFixture
) -> None:
    # Central itself: a token it never gave opens no session.
    assert run(proxy.url, kiosk.token, lambda account: account.check(TOKEN)) == "expired"
    assert len(proxy.calls) == 1
    # Offline as the sync sees it: nothing is asked.
    assert run(proxy.url, kiosk.token, lambda account: account.check(TOKEN), online=False) == "offline"
    assert len(proxy.calls) == 1
    # The network down on the way: no answer.
    proxy.decide = lambda: NETWORK_DOWN
    assert run(proxy.url, kiosk.token, lambda account: account.check(TOKEN)) == "offline"
    assert len(proxy.calls) == 2
    # Central refusing this kiosk's own token is not the citizen's session ending: said for an agent, not "expired".
    caplog.set_level(logging.ERROR)
    proxy.decide = lambda: answer(401, body=b'{"error":"unauthorized","detail":"unknown or revoked device token"}')
    assert run(proxy.url, kiosk.token, lambda account: account.check(TOKEN)) == "offline"
    assert "borne non autorisée" in caplog.text


# -- a log-in the kiosk stopped waiting for ------------------------------------------------------------------------


def approved() -> Reply:
    answer = LoginAnswer(
        access_token=TOKEN,
        expires_at=dt.datetime(2026, 11, 30, 15, 0, tzinfo=dt.UTC),
        expires_in=900,
        attach_grant="g" * 43,
        profile=CitizenProfile(first_name="Zoé", last_name="Canaryaccount", email=EMAIL),
    )
    return Reply(201, answer.model_dump_json().encode(), None, False)


class HeldCentral:
    """Central's 201 to a log-in, held until the test lets it go; the sessions the kiosk ended."""

    def __init__(self) -> None:
        self.on_the_wire, self.answer_now = threading.Event(), threading.Event()
        self.logged_in = 0
        self.ended: list[str] = []

    def log_in(self, body: LoginBody) -> Reply:
        self.logged_in += 1
        self.on_the_wire.set()
        self.answer_now.wait(5)
        return approved()

    def log_out(self, citizen_token: str) -> Reply:
        self.ended.append(citizen_token)
        return Reply(204, b"", None, False)

    def not_asked(self, *_args: object) -> Reply:
        raise AssertionError("not asked in this test")

    def create_account(self, body: AccountCreate) -> Reply:
        return self.not_asked(body)

    def current_session(self, citizen_token: str) -> Reply:
        return self.not_asked(citizen_token)

    def request_password_reset(self, body: PasswordResetBody) -> Reply:
        return self.not_asked(body)

    def authorize_device(self) -> Reply:
        return self.not_asked()

    def device_token(self, body: DeviceTokenBody) -> Reply:
        return self.not_asked(body)


def test_a_token_arriving_after_the_kiosk_stopped_waiting_for_a_log_in_is_ended_on_central_not_kept() -> None:
    central = HeldCentral()

    async def scenario() -> None:
        network = Worker("test-network")
        try:
            account = AccountService(central, network, lambda: True)
            logging_in = asyncio.ensure_future(account.log_in(EMAIL, PASSWORD))
            await asyncio.to_thread(central.on_the_wire.wait, 5)
            logging_in.cancel()  # « Accueil », « Terminer » or the idle wipe while central was answering
            with pytest.raises(asyncio.CancelledError):
                await logging_in
            assert central.ended == []
            central.answer_now.set()  # central opens the session and answers with its token
            await asyncio.wait_for(account.settled(), 5)
        finally:
            network.shutdown()

    asyncio.run(scenario())
    assert central.logged_in == 1
    assert central.ended == [TOKEN]


def test_a_log_in_answered_in_time_is_the_caller_s_and_nothing_is_ended() -> None:
    central = HeldCentral()
    central.answer_now.set()

    async def scenario() -> str | None:
        network = Worker("test-network")
        try:
            account = AccountService(central, network, lambda: True)
            outcome = await account.log_in(EMAIL, PASSWORD)
            await account.settled()
            return None if outcome.login is None else outcome.login.token
        finally:
            network.shutdown()

    assert asyncio.run(scenario()) == TOKEN
    assert central.ended == []
