"""The retry schedule and the meaning of central's answers: pure functions, no network."""

from __future__ import annotations

import datetime as dt
import email.utils
import random
import uuid

import pytest

from sync.backoff import CAP_SECONDS, MAX_WAIT_SECONDS, Backoff, retry_after_seconds
from sync.client import Reply
from sync.protocol import CancelBody, CancelOp, OpAnswer, RequestState
from sync.push import Dead, Retry, Sent, Unauthorized, classify

NOW = dt.datetime(2026, 12, 3, 10, 0, tzinfo=dt.UTC)


def test_the_ceiling_doubles_from_one_second_up_to_the_cap() -> None:
    backoff = Backoff()
    assert [backoff.ceiling(n) for n in range(1, 12)] == [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300]
    assert backoff.ceiling(10_000) == CAP_SECONDS  # no float overflow however long the outage


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_full_jitter_draws_cover_zero_to_the_ceiling(seed: int) -> None:
    backoff = Backoff(rng=random.Random(seed))
    for failures in (1, 3, 9, 10, 40):
        ceiling = min(CAP_SECONDS, 2.0 ** (failures - 1))
        draws = [backoff.delay(failures) for _ in range(2000)]
        assert all(0.0 <= d <= ceiling for d in draws)
        # Full jitter, not "half" or "equal" jitter: the draws reach both ends of the range.
        assert min(draws) < 0.05 * ceiling
        assert max(draws) > 0.95 * ceiling


def test_the_same_seed_gives_the_same_schedule() -> None:
    first = [Backoff(rng=random.Random(5)).delay(n) for n in range(1, 10)]
    assert first == [Backoff(rng=random.Random(5)).delay(n) for n in range(1, 10)]


def test_retry_after_wins_when_longer_than_the_draw_and_never_cuts_it_short() -> None:
    backoff = Backoff(rng=random.Random(0))
    assert all(backoff.delay(1, retry_after=30) == 30 for _ in range(100))  # draws are <= 1 s
    draws = [backoff.delay(9, retry_after=0.5) for _ in range(200)]
    assert all(d >= 0.5 for d in draws)
    assert max(draws) > 200  # the draw, when longer, is kept
    assert backoff.delay(1, retry_after=10 * MAX_WAIT_SECONDS) == MAX_WAIT_SECONDS


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        (None, None),
        ("120", 120.0),
        (" 0 ", 0.0),
        (email.utils.format_datetime(NOW + dt.timedelta(seconds=45), usegmt=True), 45.0),
        (email.utils.format_datetime(NOW - dt.timedelta(days=1), usegmt=True), 0.0),
        ("Wed, 03 Dec 2026 10:00:30 -0000", 30.0),
        ("999999999999", MAX_WAIT_SECONDS),
        ("-5", None),
        ("1.5", None),
        ("²", None),
        ("soon", None),
        ("", None),
    ],
)
def test_retry_after_is_read_as_seconds_or_an_http_date(header: str | None, seconds: float | None) -> None:
    assert retry_after_seconds(header, NOW) == seconds


@pytest.mark.parametrize("kiosk_off_by", [dt.timedelta(days=3652), -dt.timedelta(days=3652), dt.timedelta(0)])
def test_a_retry_after_date_is_read_against_the_answers_date_whatever_the_kiosks_clock(
    kiosk_off_by: dt.timedelta,
) -> None:
    date = email.utils.format_datetime(NOW, usegmt=True)
    come_back = email.utils.format_datetime(NOW + dt.timedelta(seconds=45), usegmt=True)
    assert retry_after_seconds(come_back, NOW + kiosk_off_by, date) == 45.0
    # Without a readable Date, the kiosk's clock is all there is; seconds never need one.
    assert retry_after_seconds(come_back, NOW, "yesterday") == 45.0
    assert retry_after_seconds("12", NOW + kiosk_off_by, date) == 12.0


OP = CancelOp(
    op_id=uuid.UUID("00000000-0000-4000-8000-000000000001"),
    kind="request.cancel",
    aggregate_id=uuid.UUID("00000000-0000-4000-8000-000000000002"),
    body=CancelBody(
        client_uuid=uuid.UUID("00000000-0000-4000-8000-000000000002"),
        reference="borne-1-2026-000001",
        cancelled_at=NOW,
    ),
)
ANSWER = OpAnswer(
    op_id=OP.op_id,
    kind="request.cancel",
    aggregate_id=OP.aggregate_id,
    request=RequestState(number="2026-000001", status="cancelled"),
)
ERROR = b'{"error":"some_error","detail":"why"}'


def reply(status: int, body: bytes = ERROR, retry_after: str | None = None) -> Reply:
    return Reply(status, body, retry_after, replayed=False)


def test_a_2xx_with_this_ops_answer_is_sent() -> None:
    assert classify(OP, reply(201, ANSWER.model_dump_json().encode()), NOW) == Sent(ANSWER)
    other = ANSWER.model_copy(update={"op_id": uuid.uuid4()})
    assert isinstance(classify(OP, reply(200, other.model_dump_json().encode()), NOW), Retry)
    assert isinstance(classify(OP, reply(200, b"<html>captive portal</html>"), NOW), Retry)


def test_401_stops_and_is_never_a_dead_letter() -> None:
    assert isinstance(classify(OP, reply(401), NOW), Unauthorized)


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_unavailable_statuses_are_retried_and_end_the_drain(status: int) -> None:
    outcome = classify(OP, reply(status, retry_after="7"), NOW)
    assert outcome == Retry(f"{status} some_error: why", 7.0, ends_drain=True)


@pytest.mark.parametrize("status", [409, 425, 302])
def test_statuses_about_this_op_alone_are_retried_and_the_drain_goes_on(status: int) -> None:
    outcome = classify(OP, reply(status), NOW)
    assert isinstance(outcome, Retry)
    assert not outcome.ends_drain


@pytest.mark.parametrize("status", [400, 403, 404, 410, 413, 415, 422])
def test_other_4xx_are_dead_letters_with_centrals_reason(status: int) -> None:
    assert classify(OP, reply(status), NOW) == Dead(f"{status} some_error: why")
    assert classify(OP, reply(status, b"not json"), NOW) == Dead(f"{status} (no error body from central)")
