"""Tracking codes over real HTTP: the pool leased to a kiosk, a code consumed by its submit, a clash of offline
draws kept on both requests, and the look-up of a code (follow-up only, last name for a shared code, rate-limited
per kiosk and per code in the database, so a second central process counts the same attempts)."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from sqlalchemy import Engine, func, select

from central.codes import MAX_UNUSED, draw_code
from central.lookup import PER_CODE, PER_KIOSK
from central.models import TrackingCodeLease
from sync.protocol import CodeLease, FollowUp, OpAnswer
from tests.central.conftest import Central, InProcess, start_central
from tests.central.pull import unique
from tests.central.test_api import error_of, locations
from tests.central.wire import ANSWER, LAST_NAME, TIMEOUT, push, submit_op

CODE_PATTERN = re.compile(r"^[BCDFGHJKLMNPQRSTVWXZ]{8}$")


def new_kiosk(cli: InProcess) -> str:
    added = cli("kiosk", "add", unique("borne"))
    assert added.returncode == 0, added.stderr
    return added.stdout.strip()


def post(
    base_url: str, path: str, token: str | None, body: bytes | str, content_type: str = "application/json"
) -> requests.Response:
    found = {"Content-Type": content_type}
    if token is not None:
        found["Authorization"] = f"Bearer {token}"
    return requests.post(f"{base_url}/v1/{path}", data=body, headers=found, timeout=TIMEOUT)


def lease(server: Central, token: str, count: int) -> CodeLease:
    response = post(server.url, "codes/lease", token, json.dumps({"count": count}))
    assert response.status_code == 200, response.text
    return CodeLease.model_validate_json(response.content)


def lookup(base_url: str, token: str, code: str, last_name: str | None = None) -> requests.Response:
    body: dict[str, str] = {"code": code} if last_name is None else {"code": code, "last_name": last_name}
    return post(base_url, "requests/lookup", token, json.dumps(body))


def unused_leases(db: Engine) -> int:
    with db.connect() as connection:
        return int(connection.scalar(select(func.count()).where(TrackingCodeLease.used_at.is_(None))) or 0)


def test_a_kiosk_leases_distinct_codes_up_to_its_limit_kept_hashed(server: Central, cli: InProcess, db: Engine) -> None:
    token = new_kiosk(cli)
    first = lease(server, token, 100)
    assert len(first.codes) == len(set(first.codes)) == 100
    assert all(CODE_PATTERN.match(code) for code in first.codes)
    assert (first.unused, first.limit) == (100, MAX_UNUSED)
    second = lease(server, token, 100)
    assert not set(first.codes) & set(second.codes)
    assert second.unused == MAX_UNUSED
    full = lease(server, token, 5)
    assert (full.codes, full.unused) == ([], MAX_UNUSED)
    assert lease(server, new_kiosk(cli), 3).unused == 3  # the limit is per kiosk
    with db.connect() as connection:
        digests = set(connection.scalars(select(TrackingCodeLease.digest)))
    assert not digests & set(first.codes + second.codes)  # central keeps keyed digests only


def test_a_submit_with_a_leased_code_uses_it_up(server: Central, cli: InProcess, db: Engine) -> None:
    token = new_kiosk(cli)
    code = lease(server, token, 1).codes[0]
    before = unused_leases(db)
    assert push(server.url, token, submit_op(code=code)).status_code == 201
    assert unused_leases(db) == before - 1
    assert lease(server, token, 1).unused == 1  # the one just leased: the used one no longer counts


def test_a_clash_of_offline_codes_keeps_both_and_the_lookup_asks_the_last_name(server: Central, cli: InProcess) -> None:
    first_kiosk, second_kiosk, reader = new_kiosk(cli), new_kiosk(cli), new_kiosk(cli)
    code = draw_code()
    first = push(server.url, first_kiosk, submit_op(code=code, last_name="Lefèvre"))
    second = push(server.url, second_kiosk, submit_op(code=code, last_name="Martin"))
    assert (first.status_code, second.status_code) == (201, 201)  # the printed code is never changed
    numbers = [OpAnswer.model_validate_json(r.content).request.number for r in (first, second)]
    unnamed = lookup(server.url, reader, code)
    assert unnamed.status_code == 409
    assert error_of(unnamed).error == "last_name_needed"
    wrong = lookup(server.url, reader, code, "Dupont")
    assert wrong.status_code == 409
    assert error_of(wrong).error == "last_name_needed"
    found = lookup(server.url, reader, code, "LEFEVRE")  # without case or accents
    assert found.status_code == 200, found.text
    assert FollowUp.model_validate_json(found.content).number == numbers[0]
    other = lookup(server.url, reader, code, "martin")
    assert FollowUp.model_validate_json(other.content).number == numbers[1]


def test_a_lookup_gives_the_follow_up_and_nothing_personal(server: Central, cli: InProcess) -> None:
    maker, reader = new_kiosk(cli), new_kiosk(cli)
    code = draw_code()
    op = submit_op(code=code)
    number = OpAnswer.model_validate_json(push(server.url, maker, op).content).request.number
    response = lookup(server.url, reader, code)  # at another kiosk than the one it was made at
    assert response.status_code == 200, response.text
    follow_up = FollowUp.model_validate_json(response.content)
    assert (follow_up.number, follow_up.status) == (number, "submitted")
    assert (follow_up.procedure.slug, follow_up.procedure.revision) == ("acte-naissance", 2)
    assert follow_up.appointment == op.body.appointment
    assert [(e.kind, e.code) for e in follow_up.history] == [("operation", "submitted")]
    for canary in (LAST_NAME, ANSWER, "canary.mail", "Lilas", str(op.aggregate_id)):
        assert canary not in response.text
    unknown = lookup(server.url, reader, draw_code())
    assert unknown.status_code == 404
    assert error_of(unknown).error == "unknown_code"


def test_lookups_of_one_code_are_limited_across_kiosks_with_a_growing_delay(server: Central, cli: InProcess) -> None:
    code = draw_code()
    kiosks = [new_kiosk(cli) for _ in range(2)]
    for attempt in range(PER_CODE.free):
        assert lookup(server.url, kiosks[attempt % 2], code).status_code == 404
    refused = lookup(server.url, kiosks[0], code)
    assert refused.status_code == 429
    assert error_of(refused).error == "too_many_lookups"
    assert refused.headers["Retry-After"] == "1"  # the first delay past the free attempts
    third = new_kiosk(cli)
    assert lookup(server.url, third, code).status_code == 429  # the code is limited, whoever asks
    assert lookup(server.url, third, draw_code()).status_code == 404  # another code is not
    time.sleep(1.05)
    assert lookup(server.url, third, code).status_code == 404  # let through after the delay, and counted:
    doubled = lookup(server.url, third, code)
    assert doubled.status_code == 429
    assert doubled.headers["Retry-After"] == "2"  # the next delay is twice as long


@pytest.fixture(scope="module")
def second_central(central_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Central]:
    running = start_central(central_env, Path(tmp_path_factory.mktemp("logs-codes")) / "central.log")
    yield running
    running.stop()


def test_a_kiosk_trying_many_codes_is_held_back_by_every_central_process(
    server: Central, second_central: Central, cli: InProcess
) -> None:
    token = new_kiosk(cli)
    for attempt in range(PER_KIOSK.free):
        base_url = (server, second_central)[attempt % 2].url
        assert lookup(base_url, token, draw_code()).status_code == 404
    for base_url in (server.url, second_central.url):
        refused = lookup(base_url, token, draw_code())
        assert refused.status_code == 429
        assert int(refused.headers["Retry-After"]) >= 1
    assert lookup(server.url, new_kiosk(cli), draw_code()).status_code == 404  # another kiosk is not held


@pytest.mark.parametrize(
    ("path", "body", "content_type", "status", "error"),
    [
        ("codes/lease", b'{"count": 0}', "application/json", 422, "invalid_body"),
        ("codes/lease", b'{"count": "5"}', "application/json", 422, "invalid_body"),
        ("codes/lease", b'{"count": 5, "for": "me"}', "application/json", 422, "invalid_body"),
        ("codes/lease", b'{"count": 5', "application/json", 422, "invalid_body"),
        ("codes/lease", b"count=5", "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
        ("codes/lease", b'{"count": 5, "pad": "' + b"x" * 3000 + b'"}', "application/json", 413, "body_too_large"),
        ("requests/lookup", b'{"code": "AEIOUAEI"}', "application/json", 422, "invalid_body"),
        ("requests/lookup", b'{"code": "BCDFGHJK", "last_name": ""}', "application/json", 422, "invalid_body"),
        ("requests/lookup", b'{"code": "BCDFGHJK", "phone": "1"}', "application/json", 422, "invalid_body"),
        ("requests/lookup", b"[]", "application/json", 422, "invalid_body"),
        ("requests/lookup", b"", "application/json", 422, "invalid_body"),
        ("requests/lookup", b'{"code": "' + b"B" * 3000 + b'"}', "application/json", 413, "body_too_large"),
    ],
)
def test_bad_bodies_get_a_json_error_naming_the_problem(
    server: Central, token: str, path: str, body: bytes, content_type: str, status: int, error: str
) -> None:
    response = post(server.url, path, token, body, content_type)
    assert response.status_code == status, response.text
    problem = error_of(response)
    assert problem.error == error
    if status == 422 and body not in (b"", b"[]") and not body.endswith(b"5"):
        assert all(loc[0] == "body" for loc in locations(problem))


def test_the_code_routes_need_a_device_token(server: Central) -> None:
    assert post(server.url, "codes/lease", None, b'{"count": 1}').status_code == 401
    assert post(server.url, "requests/lookup", "nope", b'{"code": "BCDFGHJK"}').status_code == 401
