"""The kiosk's side of the log-in from the phone (kiosk.services.phone_login), against central's answers as
sync.client.Reply values (no Qt, no network): the waits between polls honour central's interval and grow on
slow_down; each way an attempt ends; a token that comes after the kiosk stopped waiting is ended on central, never
kept. The GUI journey against a real central is tests/gui/test_phone_login_journey.py."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import threading
from collections.abc import Callable

import pytest

from kiosk.services.account_outcomes import PhoneCode
from kiosk.services.account_tokens import TokenCalls
from kiosk.services.executors import Worker
from kiosk.services.phone_login import PhoneLogin
from sync.client import CentralUnreachable, Reply
from sync.protocol import CitizenProfile, DeviceAuthorization, DeviceTokenBody, ErrorBody, LoginAnswer

TOKEN = "canary-phone-token-0123456789abcdef"
DEVICE_CODE = "device-code-0123456789-abcdefghijklmnop"
CODE = PhoneCode("BCDF-GHJK", "http://mairie/connexion", "http://mairie/connexion?code=BCDFGHJK", 600, 5, DEVICE_CODE)


def refused(error: str, retry_after: str | None = None, date: str | None = None) -> Reply:
    body = ErrorBody(error=error, detail="…").model_dump_json().encode()
    return Reply(400, body, retry_after, False, date=date)


def approved() -> Reply:
    answer = LoginAnswer(
        access_token=TOKEN,
        expires_at=dt.datetime(2026, 11, 30, 15, 0, tzinfo=dt.UTC),
        expires_in=900,
        attach_grant="g" * 43,
        profile=CitizenProfile(first_name="Zoé", last_name="Canaryaccount", email="zoe@valmont.example"),
    )
    return Reply(201, answer.model_dump_json().encode(), None, False)


PENDING = refused("authorization_pending")


class Central:
    """Central's answers, one per poll, in order; what it was asked."""

    def __init__(self, *answers: Reply | Exception) -> None:
        self.answers = list(answers)
        self.polled: list[str] = []
        self.before_answer: Callable[[], None] = lambda: None

    def authorize_device(self) -> Reply:
        body = DeviceAuthorization(
            device_code=DEVICE_CODE,
            user_code="BCDF-GHJK",
            verification_uri="http://mairie/connexion",
            verification_uri_complete="http://mairie/connexion?code=BCDFGHJK",
            expires_in=600,
            interval=5,
        )
        return Reply(201, body.model_dump_json().encode(), None, False)

    def device_token(self, body: DeviceTokenBody) -> Reply:
        self.polled.append(body.device_code)
        self.before_answer()
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


class Kiosk:
    """A PhoneLogin with waits that are recorded, not slept: each moves the kiosk's monotonic clock on as much."""

    def __init__(self, central: Central, online: bool = True) -> None:
        self.waits: list[float] = []
        self.ended: list[str] = []
        self.one_ended = asyncio.Event()
        self.network = Worker("test-network")
        self.now = 1000.0  # the kiosk's time.monotonic()

        async def sleep(seconds: float) -> None:
            self.waits.append(seconds)
            self.now += seconds

        async def end_session(token: str) -> bool:
            self.ended.append(token)
            self.one_ended.set()
            return True

        self.tokens = TokenCalls(self.network, end_session)
        self.phone = PhoneLogin(central, self.network, lambda: online, self.tokens, sleep, lambda: self.now)


def test_a_code_is_started_with_what_to_show_and_the_device_code_hidden() -> None:
    kiosk = Kiosk(Central())
    started = asyncio.run(kiosk.phone.start())
    assert started.result == "started"
    assert started.code == CODE
    assert DEVICE_CODE not in repr(started)


def test_the_kiosk_waits_central_s_interval_and_longer_after_each_slow_down() -> None:
    central = Central(PENDING, refused("slow_down"), PENDING, refused("slow_down", "20"), PENDING, approved())
    kiosk = Kiosk(central)
    outcome = asyncio.run(kiosk.phone.wait(CODE))
    assert outcome.result == "logged_in"
    assert outcome.login is not None
    assert outcome.login.token == TOKEN
    assert outcome.login.identity.first_name == "Zoé"
    intervals = [round(wait) for wait in kiosk.waits]
    # 5 s, then 5 more after the first slow_down; then Retry-After's 20 s, longer than 10 + 5.
    assert intervals == [5, 5, 10, 10, 20, 20]
    assert all(wait >= 5 for wait in kiosk.waits)  # never sooner than central asked
    assert central.polled == [DEVICE_CODE] * 6


@pytest.mark.parametrize(
    ("answer", "result"),
    [
        (refused("access_denied"), "denied"),
        (refused("expired_token"), "expired"),
        (refused("invalid_grant"), "expired"),
        (CentralUnreachable("ConnectionError", connected=False), "offline"),
        (Reply(503, b"", "30", False), "offline"),
    ],
)
def test_polling_stops_on_each_end(answer: Reply | Exception, result: str) -> None:
    central = Central(PENDING, answer, PENDING)
    outcome = asyncio.run(Kiosk(central).phone.wait(CODE))
    assert outcome.result == result
    assert outcome.login is None
    assert len(central.polled) == 2  # nothing after the end


def test_offline_nothing_is_asked() -> None:
    central = Central(PENDING)
    kiosk = Kiosk(central, online=False)
    assert asyncio.run(kiosk.phone.start()).result == "offline"
    assert asyncio.run(kiosk.phone.wait(CODE)).result == "offline"
    assert central.polled == []


def test_a_token_arriving_after_the_kiosk_stopped_waiting_is_ended_on_central_not_kept() -> None:
    on_the_wire, answer_now = threading.Event(), threading.Event()
    central = Central(approved())

    def hold() -> None:
        on_the_wire.set()
        answer_now.wait(5)

    central.before_answer = hold
    kiosk = Kiosk(central)

    async def scenario() -> None:
        waiting = asyncio.ensure_future(kiosk.phone.wait(CODE))
        await asyncio.to_thread(on_the_wire.wait, 5)
        waiting.cancel()  # the citizen left the page, or the idle wipe came
        with pytest.raises(asyncio.CancelledError):
            await waiting
        assert kiosk.ended == []
        answer_now.set()  # central approves the poll that was on its way
        await asyncio.wait_for(kiosk.one_ended.wait(), 5)
        await kiosk.tokens.settled()

    asyncio.run(scenario())
    assert kiosk.ended == [TOKEN]
    assert len(central.polled) == 1  # and no poll after


def test_a_retry_after_that_is_no_number_of_seconds_is_ignored_and_a_date_is_read_on_central_s_clock() -> None:
    # "²" passes str.isdigit() but is no number; the date is 30 s after central's Date header, whatever the kiosk's
    # clock says.
    later = refused("slow_down", "Mon, 30 Nov 2026 15:00:30 GMT", date="Mon, 30 Nov 2026 15:00:00 GMT")
    central = Central(refused("slow_down", "²"), PENDING, later, approved())
    kiosk = Kiosk(central)
    outcome = asyncio.run(kiosk.phone.wait(CODE))
    assert outcome.result == "logged_in"
    assert [round(wait) for wait in kiosk.waits] == [5, 10, 10, 30]


def test_a_retry_after_of_a_week_waits_no_longer_than_the_code_lives() -> None:
    central = Central(refused("slow_down", str(7 * 24 * 3600)), PENDING)
    kiosk = Kiosk(central)
    outcome = asyncio.run(kiosk.phone.wait(CODE))
    assert outcome.result == "expired"
    assert len(central.polled) == 1
    assert sum(kiosk.waits) <= CODE.expires_in + 1  # the wait stopped at the code's end, not a week (nor an hour) on


def test_the_code_expires_on_the_kiosk_s_own_clock_without_a_poll_past_its_end() -> None:
    short = dataclasses.replace(CODE, expires_in=12)
    central = Central(PENDING, PENDING, approved())
    kiosk = Kiosk(central)
    outcome = asyncio.run(kiosk.phone.wait(short))
    assert outcome.result == "expired"
    assert outcome.login is None
    assert central.polled == [DEVICE_CODE] * 2  # at 5 s and 10 s; the approval that would come next is not asked
    # Two of central's intervals (to 10.5 s), then what was left of the code's 12 s: not a whole interval past it.
    assert [round(wait, 2) for wait in kiosk.waits] == [5.25, 5.25, 1.75]
