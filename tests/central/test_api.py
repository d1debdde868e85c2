"""The /v1 API over real HTTP: health, kiosk identity, ops applied exactly once, batches, and bad input."""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

import requests
from sqlalchemy import Engine, func, select

from central.models import Operation, Request, RequestEvent
from sync.protocol import (
    IDEMPOTENT_REPLAYED,
    MAX_OP_BYTES,
    ErrorBody,
    Health,
    OpAnswer,
    OpBatch,
    OpBatchAnswer,
)
from tests.central.conftest import Central, add_kiosk, central
from tests.central.wire import ANSWER, CODE, LAST_NAME, TIMEOUT, cancel_op, headers, post_raw, push, submit_op

NUMBER = re.compile(r"^20[0-9]{2}-[0-9]{6}$")


def error_of(response: requests.Response) -> ErrorBody:
    assert response.headers["content-type"] == "application/json", response.text
    return ErrorBody.model_validate_json(response.content)


def locations(error: ErrorBody) -> list[list[str | int]]:
    assert isinstance(error.detail, list), error.detail
    return [item.loc for item in error.detail]


def requests_of(db: Engine, client: uuid.UUID) -> int:
    with db.connect() as connection:
        return int(connection.scalar(select(func.count()).where(Request.client_ref == client)) or 0)


def test_health_answers_without_a_token(server: Central) -> None:
    response = requests.get(f"{server.url}/v1/health", timeout=TIMEOUT)
    assert response.status_code == 200
    assert Health.model_validate_json(response.content) == Health(status="ok", protocol=1)


def test_a_submit_creates_the_request_with_the_towns_number_and_a_submitted_event(
    server: Central, token: str, db: Engine
) -> None:
    op = submit_op()
    response = push(server.url, token, op)
    assert response.status_code == 201, response.text
    assert IDEMPOTENT_REPLAYED not in response.headers
    answer = OpAnswer.model_validate_json(response.content)
    assert (answer.op_id, answer.kind, answer.aggregate_id) == (op.op_id, "request.submit", op.aggregate_id)
    assert NUMBER.match(answer.request.number), answer.request.number
    assert answer.request.status == "submitted"
    with db.connect() as connection:
        row = connection.execute(select(Request).where(Request.client_ref == op.aggregate_id)).one()
        events = connection.execute(select(RequestEvent.code).where(RequestEvent.request_id == row.id)).scalars()
        assert list(events) == ["submitted"]
    assert row.number == answer.request.number
    assert CODE not in row.tracking_code_digest  # the code is kept as a keyed digest only
    assert json.loads(row.answers_json)["nom"] == ANSWER


def test_numbers_follow_each_other_within_the_year(server: Central, token: str) -> None:
    first, second = (OpAnswer.model_validate_json(push(server.url, token, submit_op()).content) for _ in range(2))
    year, seq = first.request.number.split("-")
    assert second.request.number == f"{year}-{int(seq) + 1:06d}"


def test_a_replay_returns_the_first_answer_and_says_so(server: Central, token: str, db: Engine) -> None:
    op = submit_op()
    first = push(server.url, token, op)
    again = push(server.url, token, op)
    assert again.status_code == first.status_code == 201
    assert again.headers[IDEMPOTENT_REPLAYED] == "true"
    assert again.json() == first.json()
    assert requests_of(db, op.aggregate_id) == 1


def test_the_same_key_with_another_body_is_refused(server: Central, token: str, db: Engine) -> None:
    op = submit_op()
    assert push(server.url, token, op).status_code == 201
    changed = op.model_copy(update={"body": op.body.model_copy(update={"reference": "borne-1-2026-000008"})})
    response = push(server.url, token, changed)
    assert response.status_code == 422
    assert error_of(response).error == "idempotency_key_reused"
    assert requests_of(db, op.aggregate_id) == 1


def test_a_new_op_for_a_request_already_received_answers_with_that_request(server: Central, token: str) -> None:
    op = submit_op()
    first = OpAnswer.model_validate_json(push(server.url, token, op).content)
    resent = op.model_copy(update={"op_id": uuid.uuid4()})
    response = push(server.url, token, resent)
    assert response.status_code == 200
    assert OpAnswer.model_validate_json(response.content).request == first.request


def test_an_op_without_idempotency_key_is_refused(server: Central, token: str) -> None:
    response = post_raw(server.url, token, submit_op().model_dump_json(), key=None)
    assert response.status_code == 400
    assert error_of(response).error == "idempotency_key_missing"
    response = post_raw(server.url, token, submit_op().model_dump_json(), key="not-a-uuid")
    assert response.status_code == 400
    assert error_of(response).error == "idempotency_key_invalid"


def test_a_quoted_key_is_read_as_a_structured_field_string(server: Central, token: str) -> None:
    op = submit_op()
    response = post_raw(server.url, token, op.model_dump_json(), key=f'"{op.op_id}"')
    assert response.status_code == 201, response.text


def test_a_key_other_than_the_ops_id_is_refused(server: Central, token: str, db: Engine) -> None:
    op = submit_op()
    response = post_raw(server.url, token, op.model_dump_json(), key=uuid.uuid4())
    assert response.status_code == 422
    assert error_of(response).error == "idempotency_key_mismatch"
    assert requests_of(db, op.aggregate_id) == 0


def test_calls_without_a_known_token_get_401(server: Central, central_env: dict[str, str]) -> None:
    for token in (None, "not-a-registered-token"):
        response = push(server.url, token, submit_op())
        assert response.status_code == 401
        assert error_of(response).error == "unauthorized"
        assert response.headers["WWW-Authenticate"] == "Bearer"
    name = f"borne-{uuid.uuid4().hex[:8]}"
    revoked = add_kiosk(central_env, name)
    assert push(server.url, revoked, submit_op()).status_code == 201
    assert central(central_env, "kiosk", "revoke", name).returncode == 0
    response = push(server.url, revoked, submit_op())
    assert response.status_code == 401
    assert error_of(response).error == "unauthorized"


def test_a_malformed_body_names_each_problem_without_echoing_values(server: Central, token: str) -> None:
    data: dict[str, Any] = submit_op().model_dump(mode="json")
    data["body"]["procedure"]["revision"] = "2"  # strict: a string is not a number
    data["body"]["tracking_code"] = "AEIOUAEI"
    data["body"]["requester"]["last_name"] = LAST_NAME * 100  # over 100 characters
    data["body"]["colour"] = "blue"  # unknown field
    response = post_raw(server.url, token, json.dumps(data), key=data["op_id"])
    assert response.status_code == 422
    error = error_of(response)
    assert error.error == "invalid_body"
    where = locations(error)
    assert ["body", "request.submit", "body", "procedure", "revision"] in where
    assert ["body", "request.submit", "body", "tracking_code"] in where
    assert ["body", "request.submit", "body", "requester", "last_name"] in where
    assert ["body", "request.submit", "body", "colour"] in where
    assert LAST_NAME not in response.text


def test_not_json_an_unknown_kind_and_a_mismatched_aggregate_are_invalid_bodies(server: Central, token: str) -> None:
    key = uuid.uuid4()
    broken = post_raw(server.url, token, b'{"op_id": ', key)
    assert broken.status_code == 422
    assert error_of(broken).error == "invalid_body"
    data: dict[str, Any] = submit_op().model_dump(mode="json")
    unknown = post_raw(server.url, token, json.dumps({**data, "kind": "request.delete"}), data["op_id"])
    assert unknown.status_code == 422
    assert "kind" in unknown.text
    data["aggregate_id"] = str(uuid.uuid4())
    mismatch = post_raw(server.url, token, json.dumps(data), data["op_id"])
    assert mismatch.status_code == 422
    assert "client_uuid must equal aggregate_id" in mismatch.text


def test_an_oversized_body_is_refused_before_parsing(server: Central, token: str) -> None:
    op = submit_op()
    data = op.model_dump(mode="json")
    data["body"]["answers"]["nom"] = "x" * (MAX_OP_BYTES + 10)
    response = post_raw(server.url, token, json.dumps(data), op.op_id)
    assert response.status_code == 413
    assert error_of(response).error == "body_too_large"


def test_a_body_that_is_not_json_is_refused(server: Central, token: str) -> None:
    op = submit_op()
    response = requests.post(
        f"{server.url}/v1/ops",
        data=op.model_dump_json(),
        headers={**headers(token, op.op_id), "Content-Type": "text/plain"},
        timeout=TIMEOUT,
    )
    assert response.status_code == 415
    assert error_of(response).error == "unsupported_media_type"


def test_cancel_withdraws_the_request_once(server: Central, token: str, db: Engine) -> None:
    submitted = submit_op()
    number = OpAnswer.model_validate_json(push(server.url, token, submitted).content).request.number
    cancel = cancel_op(submitted.aggregate_id)
    response = push(server.url, token, cancel)
    assert response.status_code == 200, response.text
    answer = OpAnswer.model_validate_json(response.content)
    assert (answer.request.number, answer.request.status) == (number, "cancelled")
    # A second cancellation (another op) finds it cancelled already: same answer, no second event.
    assert OpAnswer.model_validate_json(push(server.url, token, cancel_op(submitted.aggregate_id)).content).request == (
        answer.request
    )
    with db.connect() as connection:
        request_id = connection.scalar(select(Request.id).where(Request.number == number))
        codes = connection.scalars(select(RequestEvent.code).where(RequestEvent.request_id == request_id)).all()
    assert codes == ["submitted", "cancelled"]


def test_cancel_of_a_decided_request_is_refused_with_the_reason(
    server: Central, token: str, central_env: dict[str, str], db: Engine
) -> None:
    submitted = submit_op()
    number = OpAnswer.model_validate_json(push(server.url, token, submitted).content).request.number
    assert central(central_env, "request", "status", number, "accepted").returncode == 0
    cancel = cancel_op(submitted.aggregate_id)
    response = push(server.url, token, cancel)
    assert response.status_code == 422
    error = error_of(response)
    assert error.error == "request_already_decided"
    assert f"request {number} is accepted" in str(error.detail)
    with db.connect() as connection:  # refused: nothing recorded, the op may be judged again
        assert connection.scalar(select(func.count()).where(Operation.op_id == cancel.op_id)) == 0


def test_cancel_of_an_unknown_request_is_404(server: Central, token: str, central_env: dict[str, str]) -> None:
    response = push(server.url, token, cancel_op(uuid.uuid4()))
    assert response.status_code == 404
    assert error_of(response).error == "unknown_request"
    # Another kiosk's request is unknown to this one.
    submitted = submit_op()
    assert push(server.url, token, submitted).status_code == 201
    other = add_kiosk(central_env, f"borne-{uuid.uuid4().hex[:8]}")
    assert push(server.url, other, cancel_op(submitted.aggregate_id)).status_code == 404


def test_a_batch_answers_each_op_on_its_own(server: Central, token: str, db: Engine) -> None:
    first, second = submit_op(), submit_op()
    replayed = submit_op()
    assert push(server.url, token, replayed).status_code == 201
    cancel = cancel_op(second.aggregate_id)
    batch = OpBatch(ops=[first, second, replayed, cancel])
    data = batch.model_dump(mode="json")
    poison = submit_op().model_dump(mode="json")
    poison["body"]["channel"] = "fax"
    data["ops"].insert(1, poison)
    response = requests.post(
        f"{server.url}/v1/ops/batch", data=json.dumps(data), headers=headers(token), timeout=TIMEOUT
    )
    assert response.status_code == 200, response.text
    results = OpBatchAnswer.model_validate_json(response.content).results
    assert [(r.status, r.replayed) for r in results] == [
        (201, False),
        (422, False),
        (201, False),
        (201, True),
        (200, False),
    ]
    poison_id = uuid.UUID(poison["op_id"])
    assert [r.op_id for r in results] == [first.op_id, poison_id, second.op_id, replayed.op_id, cancel.op_id]
    assert results[1].error is not None
    assert results[1].error.error == "invalid_body"
    assert results[4].answer is not None
    assert results[4].answer.request.status == "cancelled"
    assert requests_of(db, first.aggregate_id) == requests_of(db, second.aggregate_id) == 1
    assert requests_of(db, uuid.UUID(poison["aggregate_id"])) == 0


def test_a_malformed_batch_is_refused_whole(server: Central, token: str) -> None:
    bodies: list[object] = [{"ops": []}, {"ops": [{}], "extra": 1}, [1, 2]]
    for body in bodies:
        response = requests.post(
            f"{server.url}/v1/ops/batch", data=json.dumps(body), headers=headers(token), timeout=TIMEOUT
        )
        assert response.status_code == 422, body
        assert error_of(response).error == "invalid_body"


def test_unknown_routes_and_methods_answer_json_errors(server: Central) -> None:
    missing = requests.get(f"{server.url}/v1/nothing-here", timeout=TIMEOUT)
    assert missing.status_code == 404
    assert error_of(missing).error == "not_found"
    wrong = requests.get(f"{server.url}/v1/ops", timeout=TIMEOUT)
    assert wrong.status_code == 405
    assert error_of(wrong).error == "method_not_allowed"


def test_the_log_holds_no_personal_data(server: Central, token: str) -> None:
    op = submit_op(last_name="Leakcanary")
    assert push(server.url, token, op).status_code == 201
    data = op.model_dump(mode="json")
    data["body"]["requester"]["phone"] = "Leakcanary" * 10
    post_raw(server.url, token, json.dumps(data), op.op_id)  # a refused body is not logged either
    log = server.log_text()
    assert str(op.op_id) in log  # the op is logged, by its id
    for secret in ("Leakcanary", ANSWER, CODE, token, "canary.mail@example.org"):
        assert secret not in log
    for line in log.splitlines():
        json.loads(line)  # one JSON object per line
