"""A request made by a logged-in citizen while central cannot be reached (issue 10, item 7): its submit and its
attach op wait together in the outbox; when the network is back, central gets the request in the citizen's space,
with one « attached » event, even when the attach's answer is lost on the way and the op is sent again. An attach
of a request another citizen attached first is refused for good: a dead letter, never retried."""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from pathlib import Path

from sqlalchemy import func, select

from central.models import Account, Request, RequestEvent
from sync.backoff import Backoff
from sync.client import CentralClient
from sync.clock import utc_now
from sync.protocol import LoginAnswer
from sync.push import PushEngine
from tests.central.accounts_flow import active_account, call, database, log_in
from tests.central.conftest import MailCentral, add_kiosk, mail_central
from tests.sync.fault_proxy import FORWARD, LOSE_ANSWER, NETWORK_DOWN, Fault, FaultProxy
from tests.sync.kiosk_cache import KioskCache, draft
from tests.sync.news import Ceiling

__all__ = ["mail_central"]

BACKOFF_S = 60.0  # the kiosk's wait before a retry: the test's clock steps over it, nothing sleeps


class Faults:
    """The network down until ``back(then)``; once back, ``then`` decides the next calls, then every call goes."""

    def __init__(self, proxy: FaultProxy) -> None:
        self._down = True
        self._then: list[Fault] = []
        proxy.decide = self.decide

    def decide(self) -> Fault:
        if self._down:
            return NETWORK_DOWN
        return self._then.pop(0) if self._then else FORWARD

    def back(self, then: list[Fault]) -> None:
        self._then, self._down = list(then), False


def test_a_request_made_logged_in_offline_reaches_the_citizens_space_once(
    mail_central: MailCentral, cache: KioskCache
) -> None:
    url = mail_central.server.url
    name = f"borne-{uuid.uuid4().hex[:8]}"
    token = add_kiosk(mail_central.server.env, name)
    citizen = active_account(url, token, mail_central.smtp)
    # Logged in while central answered; then the network went.
    login = LoginAnswer.model_validate_json(log_in(url, token, citizen.email, citizen.password).content)
    proxy = FaultProxy(url)
    try:
        faults = Faults(proxy)
        (made,) = cache.submit_attached([draft(1)], login.attach_grant)
        assert [row.kind for row in cache.rows()] == ["request.submit", "request.attach"]
        now = [utc_now()]
        engine = PushEngine(
            cache.outbox,
            CentralClient(proxy.url, token, timeout=(1.0, 5.0)),
            backoff=Backoff(BACKOFF_S, BACKOFF_S, Ceiling()),
            clock=lambda: now[0],
        )

        offline = engine.drain()
        assert (offline.sent, offline.unreachable) == (0, True)
        assert not any(row.sent for row in cache.rows())

        # Back: the submit goes through; the attach reaches central, which commits it, but its answer is lost.
        faults.back([FORWARD, LOSE_ANSWER])
        lost = engine.drain(reconnected=True)
        assert lost.sent == 1
        assert engine.drain().sent == 0  # the lost one waits its backoff
        now[0] += dt.timedelta(seconds=BACKOFF_S * 2)
        again = engine.drain()
        assert (again.sent, again.replayed) == (1, 1)
    finally:
        proxy.close()

    rows = cache.rows()
    assert [(row.kind, row.sent, row.dead_reason) for row in rows] == [
        ("request.submit", True, None),
        ("request.attach", True, None),
    ]
    attach_calls = [call for call in proxy.calls if call.key == rows[1].op_id]
    assert [call.fault for call in attach_calls] == [LOSE_ANSWER, FORWARD]
    with database(mail_central.database_url) as session:
        request = session.scalar(select(Request).where(Request.client_ref == uuid.UUID(made.client_uuid)))
        assert request is not None
        owner = session.scalar(select(Account.email).where(Account.id == request.account_id))
        assert owner == citizen.email
        attached = session.scalar(
            select(func.count())
            .select_from(RequestEvent)
            .where(RequestEvent.request_id == request.id, RequestEvent.code == "attached")
        )
        assert attached == 1
    # Settled: the grant left the kiosk's disk with the attach's body, as the requester's details did.
    with sqlite3.connect(cache.path) as raw:
        payloads = raw.execute("SELECT kind, payload_json FROM outbox ORDER BY id").fetchall()
        requester = raw.execute("SELECT requester_json FROM request").fetchone()[0]
    raw.close()
    assert payloads == [("request.submit", "{}"), ("request.attach", "{}")]
    assert "Dupont1" not in requester
    grant = login.attach_grant.encode()
    on_disk = [path for path in cache.path.parent.iterdir() if path.name.startswith(cache.path.name)]
    assert all(grant not in path.read_bytes() for path in on_disk)


def test_attaching_a_request_of_another_space_is_a_dead_letter_and_a_second_tap_queues_nothing(
    mail_central: MailCentral, cache: KioskCache
) -> None:
    url = mail_central.server.url
    token = add_kiosk(mail_central.server.env, f"borne-{uuid.uuid4().hex[:8]}")
    (made,) = cache.submit_drafts([draft(2)])
    engine = PushEngine(cache.outbox, CentralClient(url, token, timeout=(1.0, 5.0)))
    assert engine.drain().sent == 1
    # Another citizen attaches it first, by its code and the requester's name, at any kiosk.
    first = active_account(url, token, mail_central.smtp)
    access = LoginAnswer.model_validate_json(log_in(url, token, first.email, first.password).content).access_token
    body = {"code": made.tracking_code, "last_name": "dupont2"}
    assert call(url, token, "POST", "/me/attachments", body, citizen=access).status_code == 200

    second = active_account(url, token, mail_central.smtp)
    login = LoginAnswer.model_validate_json(log_in(url, token, second.email, second.password).content)
    queued, wrote = cache.attach(made.tracking_code, login.attach_grant)
    assert queued.attached
    assert wrote
    again, wrote_again = cache.attach(made.tracking_code, login.attach_grant)  # the second tap
    assert again.attached
    assert not wrote_again
    assert [row.kind for row in cache.rows()] == ["request.submit", "request.attach"]

    refused = engine.drain()
    assert (refused.sent, refused.dead, refused.retried) == (0, 1, 0)
    attach_row = cache.rows()[1]
    assert attach_row.dead_reason is not None
    assert attach_row.dead_reason.startswith("409 attached_elsewhere")
    assert engine.drain().sent == 0  # never sent again
    with database(mail_central.database_url) as session:
        request = session.scalar(select(Request).where(Request.client_ref == uuid.UUID(made.client_uuid)))
        assert request is not None
        assert session.scalar(select(Account.email).where(Account.id == request.account_id)) == first.email


def test_an_attach_that_dies_leaves_no_grant_on_disk_even_when_its_request_stays(
    mail_central: MailCentral, cache: KioskCache, tmp_path: Path
) -> None:
    url = mail_central.server.url
    token = add_kiosk(mail_central.server.env, f"borne-{uuid.uuid4().hex[:8]}")
    citizen = active_account(url, token, mail_central.smtp)
    login = LoginAnswer.model_validate_json(log_in(url, token, citizen.email, citizen.password).content)
    # Another kiosk sent a request with the same client UUID first: this kiosk's submit is refused for good, and
    # the request stays here (14 days, as any refused one); its attach cannot be made either.
    made = draft(3)
    other = KioskCache(tmp_path / "other" / "kiosk.db")
    try:
        other.submit_drafts([made])
        other_token = add_kiosk(mail_central.server.env, f"borne-{uuid.uuid4().hex[:8]}")
        assert PushEngine(other.outbox, CentralClient(url, other_token, timeout=(1.0, 5.0))).drain().sent == 1
    finally:
        other.close()
    cache.submit_attached([made], login.attach_grant)
    engine = PushEngine(cache.outbox, CentralClient(url, token, timeout=(1.0, 5.0)))
    drained = engine.drain()
    assert (drained.sent, drained.dead) == (0, 2), drained
    rows = cache.rows()
    assert [row.kind for row in rows] == ["request.submit", "request.attach"]
    assert all(row.dead_reason is not None for row in rows)
    with sqlite3.connect(cache.path) as raw:
        payloads = dict(raw.execute("SELECT kind, payload_json FROM outbox").fetchall())
        requester = raw.execute("SELECT requester_json FROM request").fetchone()[0]
    raw.close()
    assert payloads["request.attach"] == "{}"
    assert "Dupont3" in requester  # the request itself is kept, as any refused one
    grant = login.attach_grant.encode()
    on_disk = [path for path in cache.path.parent.iterdir() if path.name.startswith(cache.path.name)]
    assert on_disk
    assert all(grant not in path.read_bytes() for path in on_disk)
