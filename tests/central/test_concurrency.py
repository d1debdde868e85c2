"""The same op delivered concurrently: to one central, and to two central processes sharing one PostgreSQL.
Exactly one request results; every twin gets the first answer (a replay) or 409 while it is in flight."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from sqlalchemy import Engine, func, select, text

from central.credentials import token_hash
from central.models import Counter, Kiosk, Operation, Request
from central.ops import in_flight_lock_key
from sync.protocol import IDEMPOTENT_REPLAYED, ErrorBody, OpAnswer, SubmitOp
from tests.central.conftest import Central, start_central
from tests.central.waiting import wait_until
from tests.central.wire import push, submit_op

TWINS = 6


def count(db: Engine, model: type[Request] | type[Operation], *where: object) -> int:
    with db.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(model).where(*where)) or 0)  # type: ignore[arg-type]


def deliver_at_once(urls: list[str], token: str, op: SubmitOp) -> list[requests.Response]:
    start = threading.Barrier(len(urls))

    def deliver(url: str) -> requests.Response:
        start.wait()
        return push(url, token, op)

    with ThreadPoolExecutor(len(urls)) as pool:
        return list(pool.map(deliver, urls))


def check_twins(responses: list[requests.Response], op: SubmitOp) -> None:
    """One first answer; the others are its replays or 409 (in flight, retry)."""
    first = [r for r in responses if r.status_code == 201 and IDEMPOTENT_REPLAYED not in r.headers]
    assert len(first) == 1, [(r.status_code, r.text) for r in responses]
    answer = OpAnswer.model_validate_json(first[0].content)
    assert answer.op_id == op.op_id
    for response in responses:
        if response.status_code == 409:
            assert ErrorBody.model_validate_json(response.content).error == "op_in_flight"
            assert response.headers["Retry-After"] == "1"
        else:
            assert response.status_code == 201, response.text
            assert OpAnswer.model_validate_json(response.content) == answer


def test_twins_on_one_central_make_one_request(server: Central, token: str, db: Engine) -> None:
    for _ in range(3):
        op = submit_op()
        check_twins(deliver_at_once([server.url] * TWINS, token, op), op)
        assert count(db, Request, Request.client_ref == op.aggregate_id) == 1
        assert count(db, Operation, Operation.op_id == op.op_id) == 1


@pytest.fixture(scope="module")
def second_server(
    database_url: str, central_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Central]:
    if not database_url.startswith("postgresql"):
        pytest.skip("several central processes share a PostgreSQL database, not a SQLite file")
    running = start_central(central_env, Path(tmp_path_factory.mktemp("logs2")) / "central.log")
    yield running
    running.stop()


def test_twins_on_two_centrals_sharing_postgresql_make_one_request(
    server: Central, second_server: Central, token: str, db: Engine
) -> None:
    for _ in range(10):
        op = submit_op()
        check_twins(deliver_at_once([server.url, second_server.url] * (TWINS // 2), token, op), op)
        assert count(db, Request, Request.client_ref == op.aggregate_id) == 1
        # The late twin, once the first committed, is a replay on either process.
        for url in (server.url, second_server.url):
            late = push(url, token, op)
            assert late.status_code == 201
            assert late.headers[IDEMPOTENT_REPLAYED] == "true"


def test_control_twins_with_a_fresh_key_each_make_as_many_requests(
    server: Central, second_server: Central, token: str, db: Engine
) -> None:
    """The control of the twins: a kiosk that made a new key (and a new request identity) for every delivery would
    leave central one request per delivery. The oracle above, one request per reference, sees it."""
    op = submit_op()
    reference = f"borne-{uuid.uuid4().hex[:8]}-2026-000001"
    fresh = [
        op.model_copy(
            update={
                "op_id": uuid.uuid4(),
                "aggregate_id": (client := uuid.uuid4()),
                "body": op.body.model_copy(update={"client_uuid": client, "reference": reference}),
            }
        )
        for _ in range(TWINS)
    ]
    start = threading.Barrier(TWINS)

    def deliver(twin: tuple[str, SubmitOp]) -> requests.Response:
        start.wait()
        return push(twin[0], token, twin[1])

    with ThreadPoolExecutor(TWINS) as pool:
        answers = list(pool.map(deliver, zip([server.url, second_server.url] * (TWINS // 2), fresh, strict=True)))

    assert [a.status_code for a in answers] == [201] * TWINS
    assert count(db, Request, Request.local_reference == reference) == TWINS


def test_an_op_held_in_flight_elsewhere_gets_409_then_its_answer(
    server: Central, second_server: Central, token: str, db: Engine
) -> None:
    """Another worker's open transaction on the op (its advisory lock) makes a twin answer 409 at once."""
    op = submit_op()
    with db.connect() as connection:
        kiosk_id = connection.scalar(select(Kiosk.id).where(Kiosk.token_hash == token_hash(token)))
        assert kiosk_id is not None
        connection.commit()
        with connection.begin():
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": in_flight_lock_key(kiosk_id, op.op_id)}
            )
            held = push(second_server.url, token, op)
            assert held.status_code == 409
            assert ErrorBody.model_validate_json(held.content).error == "op_in_flight"
    assert count(db, Request, Request.client_ref == op.aggregate_id) == 0
    done = push(server.url, token, op)
    assert done.status_code == 201, done.text
    assert IDEMPOTENT_REPLAYED not in done.headers
    assert count(db, Request, Request.client_ref == op.aggregate_id) == 1


def test_numbers_stay_unique_and_gapless_under_concurrent_submissions(server: Central, token: str, db: Engine) -> None:
    ops = [submit_op() for _ in range(12)]
    with ThreadPoolExecutor(6) as pool:
        responses = list(pool.map(lambda op: push(server.url, token, op), ops))
    numbers = sorted(OpAnswer.model_validate_json(r.content).request.number for r in responses)
    assert len(set(numbers)) == len(ops)
    sequences = [int(number.split("-")[1]) for number in numbers]
    assert sequences == list(range(sequences[0], sequences[0] + len(ops)))


def test_a_submission_takes_its_number_last(server: Central, token: str, db: Engine, database_url: str) -> None:
    """Every submission locks the year's number counter until it commits, so it takes that lock last: a submission
    waiting for it has written its request, history and files already, and not yet its change-log entry (whose
    counter comes after the number's). It then gets the next number."""
    if not database_url.startswith("postgresql"):
        pytest.skip("row locks are PostgreSQL's; on SQLite every transaction is BEGIN IMMEDIATE")
    first = OpAnswer.model_validate_json(push(server.url, token, submit_op(appointment=None)).content)
    year, sequence = first.request.number.split("-")
    op = submit_op(appointment=None)
    with db.connect() as connection, ThreadPoolExecutor(1) as pool:
        with connection.begin():
            counter = f"request.number.{year}"
            connection.execute(select(Counter.value).where(Counter.name == counter).with_for_update())
            submitting = pool.submit(push, server.url, token, op)
            waiting = wait_until(
                lambda: connection.scalar(
                    text("SELECT pid FROM pg_locks WHERE NOT granted AND pg_backend_pid() = ANY(pg_blocking_pids(pid))")
                ),
                what="the submission waiting for the number",
            )
            written = set(
                connection.scalars(
                    text(
                        "SELECT relation::regclass::text FROM pg_locks WHERE pid = :pid AND locktype = 'relation' "
                        "AND mode = 'RowExclusiveLock'"
                    ),
                    {"pid": waiting},
                )
            )
            assert {"request", "request_event", "request_document"} <= written, written
            assert "sync_entry" not in written, written
        answer = submitting.result()
    assert answer.status_code == 201, answer.text
    assert OpAnswer.model_validate_json(answer.content).request.number == f"{year}-{int(sequence) + 1:06d}"
