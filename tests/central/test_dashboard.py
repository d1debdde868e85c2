"""« Mon tableau de bord » on central (issue 10, item 5; the pinned procedures of item 6): a signed-in citizen's
requests newest first with the counts of the badges — a back-office message makes one unread, reading it in the
follow-up makes it read (and a message come since stays unread) —, archived requests flagged, the appointments to
come counted, the pinned procedures in the town's order without the withdrawn or unknown ones; the follow-up of one
of their requests from any kiosk; another citizen's request, an unknown number, another kiosk's token, no token.

A real central with a real SMTP server (the accounts are made through the mailed link). Requests are attached by an
UPDATE of ``Request.account_id`` in the setup (the attach op and ``/v1/me/attachments`` are another part's)."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from central.accounts import email_key
from central.config import ConfigError, load_settings
from central.models import Account, LiveProcedure, Request
from sync.personal_space import MAX_DASHBOARD_REQUESTS, Dashboard, MyRequest
from sync.protocol import ErrorBody, FollowUp
from tests.central.accounts_flow import Citizen, access_token, active_account, call, database
from tests.central.conftest import PINNED, ROOT, MailCentral, add_kiosk, add_message, central
from tests.central.wire import push, slot_at, submit_op


@pytest.fixture(scope="module")
def catalogue_loaded(mail_central: MailCentral) -> None:
    loaded = central(mail_central.server.env, "catalogue", "load", str(ROOT / "resources" / "catalogue"))
    assert loaded.returncode == 0, loaded.stderr


def account_id(mail_central: MailCentral, citizen: Citizen) -> int:
    with database(mail_central.database_url) as session:
        found = session.scalar(select(Account.id).where(Account.email_key == email_key(citizen.email)))
    assert found is not None
    return found


def request_of(mail_central: MailCentral, account: int | None, **values: Any) -> str:
    """A request submitted as a kiosk submits it (with a slot in two days), attached to ``account`` and given
    ``values`` by an UPDATE (the setup, not how a request gets there); its number."""
    op = submit_op(appointment=slot_at(in_days(2)), documents=[])
    sent = push(mail_central.server.url, mail_central.token, op)
    assert sent.status_code == 201, sent.text
    with database(mail_central.database_url) as session:
        session.execute(
            update(Request).where(Request.client_ref == op.aggregate_id).values(account_id=account, **values)
        )
        number = session.scalar(select(Request.number).where(Request.client_ref == op.aggregate_id))
    assert number is not None
    return number


_SLOTS = itertools.count(1)


def in_days(days: int) -> dt.datetime:
    """A start ``days`` from now that no other request of the test run holds (a slot is one request's only): the
    other tests' slots are on the quarter hour, these a few seconds past it."""
    start = dt.datetime.now(dt.UTC).replace(minute=0, second=7, microsecond=0) + dt.timedelta(days=days)
    return start + dt.timedelta(minutes=15 * next(_SLOTS))


def dashboard(mail_central: MailCentral, citizen_token: str, kiosk_token: str | None = None) -> Dashboard:
    answer = call(
        mail_central.server.url, kiosk_token or mail_central.token, "GET", "/me/dashboard", None, citizen_token
    )
    assert answer.status_code == 200, answer.text
    return Dashboard.model_validate_json(answer.content)


def of(board: Dashboard, number: str) -> MyRequest:
    (found,) = [r for r in board.requests if r.number == number]
    return found


def test_the_counts_follow_the_town_s_messages_and_what_the_citizen_read(mail_central: MailCentral) -> None:
    url, kiosk = mail_central.server.url, mail_central.token
    citizen = active_account(url, kiosk, mail_central.smtp)
    token = access_token(url, kiosk, citizen)
    mine = account_id(mail_central, citizen)
    first = request_of(mail_central, mine)
    second = request_of(mail_central, mine)
    board = dashboard(mail_central, token)
    assert [r.number for r in board.requests] == [second, first]  # newest first
    assert board.unread_messages == 0
    assert board.upcoming_appointments == 2

    add_message(mail_central.server.env, first, "Votre acte est prêt : passez le retirer au guichet.")
    board = dashboard(mail_central, token)
    assert board.unread_messages == 1
    assert of(board, first).unread == 1
    assert of(board, second).unread == 0

    # The follow-up shows the message; reading up to what it showed makes it read.
    answer = call(url, kiosk, "GET", f"/me/requests/{first}", None, token)
    assert answer.status_code == 200, answer.text
    follow_up = FollowUp.model_validate_json(answer.content)
    assert follow_up.number == first
    assert [e.text for e in follow_up.history if e.kind == "exchange"] == [
        "Votre acte est prêt : passez le retirer au guichet."
    ]
    add_message(mail_central.server.env, first, "Un second message, arrivé après.")  # not in what the citizen saw
    read = call(url, kiosk, "POST", f"/me/requests/{first}/read", {"seen": len(follow_up.history)}, token)
    assert read.status_code == 204, read.text
    board = dashboard(mail_central, token)
    assert of(board, first).unread == 1
    assert board.unread_messages == 1
    # An older report (fewer events) reads nothing back into unread; the whole history read: none left.
    assert call(url, kiosk, "POST", f"/me/requests/{first}/read", {"seen": 1}, token).status_code == 204
    assert dashboard(mail_central, token).unread_messages == 1
    history = FollowUp.model_validate_json(call(url, kiosk, "GET", f"/me/requests/{first}", None, token).content)
    assert (
        call(url, kiosk, "POST", f"/me/requests/{first}/read", {"seen": len(history.history)}, token).status_code == 204
    )
    assert dashboard(mail_central, token).unread_messages == 0
    # More events than the history holds: nothing a follow-up showed, nothing marked (and nothing refused).
    add_message(mail_central.server.env, first, "Un troisième.")
    answer = call(url, kiosk, "POST", f"/me/requests/{first}/read", {"seen": 999}, token)
    assert answer.status_code == 204
    assert dashboard(mail_central, token).unread_messages == 1


def test_archived_requests_and_appointments_to_come(mail_central: MailCentral) -> None:
    url, kiosk = mail_central.server.url, mail_central.token
    citizen = active_account(url, kiosk, mail_central.smtp)
    token = access_token(url, kiosk, citizen)
    mine = account_id(mail_central, citizen)
    going_on = request_of(mail_central, mine)
    past = slot_at(in_days(-3))
    seen_already = request_of(mail_central, mine, appointment_json=past.model_dump_json(), status="in_progress")
    cancelled = request_of(mail_central, mine, status="cancelled")
    refused = request_of(mail_central, mine, status="refused")
    closed = request_of(mail_central, mine, status="closed")
    accepted = request_of(mail_central, mine, status="accepted", appointment_json=None)
    board = dashboard(mail_central, token)
    assert {r.number: r.archived for r in board.requests} == {
        going_on: False,
        seen_already: False,
        cancelled: True,
        refused: True,
        closed: True,
        accepted: False,
    }
    # Only the going-on request's slot is to come: a past one is not, nor a cancelled request's.
    assert board.upcoming_appointments == 1
    assert of(board, accepted).appointment is None
    assert of(board, seen_already).status == "in_progress"


def test_the_badges_count_the_requests_beyond_the_listed_ones(mail_central: MailCentral) -> None:
    url, kiosk = mail_central.server.url, mail_central.token
    citizen = active_account(url, kiosk, mail_central.smtp)
    token = access_token(url, kiosk, citizen)
    mine = account_id(mail_central, citizen)
    oldest = request_of(mail_central, mine, created_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=300))
    add_message(mail_central.server.env, oldest, "Un message sur une demande ancienne.")
    # A citizen with many requests: copies of another one of theirs (the setup, not how requests get there).
    model = request_of(mail_central, mine)
    with database(mail_central.database_url) as session:
        row = session.scalar(select(Request).where(Request.number == model))
        assert row is not None
        copied = {c.key: getattr(row, c.key) for c in Request.__table__.columns if c.key != "id"}
        year = model.split("-")[0]
        for n in range(MAX_DASHBOARD_REQUESTS):
            session.add(
                Request(
                    **{
                        **copied,
                        "number": f"{year}-{900_000 + n}",
                        "client_ref": uuid.uuid4(),
                        "appointment_json": None,
                    }
                )
            )

    board = dashboard(mail_central, token)
    assert len(board.requests) == MAX_DASHBOARD_REQUESTS
    assert oldest not in {r.number for r in board.requests}
    assert (board.unread_messages, board.upcoming_appointments) == (1, 2)


def test_pinned_procedures_in_the_town_s_order_without_the_withdrawn(
    mail_central: MailCentral, catalogue_loaded: None
) -> None:
    url, kiosk = mail_central.server.url, mail_central.token
    token = access_token(url, kiosk, active_account(url, kiosk, mail_central.smtp))
    assert dashboard(mail_central, token).pinned == list(PINNED[:3])  # the one in no catalogue is not shown
    withdrawn_at = dt.datetime.now(dt.UTC)
    try:
        with database(mail_central.database_url) as session:
            session.execute(
                update(LiveProcedure).where(LiveProcedure.slug == PINNED[1]).values(withdrawn_at=withdrawn_at)
            )
        assert dashboard(mail_central, token).pinned == [PINNED[0], PINNED[2]]
    finally:
        with database(mail_central.database_url) as session:
            session.execute(update(LiveProcedure).where(LiveProcedure.slug == PINNED[1]).values(withdrawn_at=None))
    # A citizen with no request yet: the pinned procedures and zero counts.
    board = dashboard(mail_central, token)
    assert (board.requests, board.unread_messages, board.upcoming_appointments) == ([], 0, 0)


def error_of(answer: Any) -> str:
    return ErrorBody.model_validate_json(answer.content).error


def test_only_the_citizen_s_own_requests_with_their_session_at_this_kiosk(mail_central: MailCentral) -> None:
    url, kiosk = mail_central.server.url, mail_central.token
    alice = active_account(url, kiosk, mail_central.smtp)
    bob = active_account(url, kiosk, mail_central.smtp)
    alice_token, bob_token = access_token(url, kiosk, alice), access_token(url, kiosk, bob)
    hers = request_of(mail_central, account_id(mail_central, alice))
    nobody_s = request_of(mail_central, None)
    assert hers not in [r.number for r in dashboard(mail_central, bob_token).requests]
    assert nobody_s not in [r.number for r in dashboard(mail_central, alice_token).requests]

    # Someone else's request, a request of no space, a number no request has, not a number: the same 404.
    for number in (hers, nobody_s, "2026-999999", "pas-un-numero"):
        for method, path, body in (
            ("GET", f"/me/requests/{number}", None),
            ("POST", f"/me/requests/{number}/read", {"seen": 1}),
        ):
            answer = call(url, kiosk, method, path, body, bob_token)
            assert answer.status_code == 404, (number, answer.text)
            assert error_of(answer) == "not_found"
    add_message(mail_central.server.env, hers, "Pour Alice seulement.")
    assert call(url, kiosk, "POST", f"/me/requests/{hers}/read", {"seen": 5}, bob_token).status_code == 404
    assert of(dashboard(mail_central, alice_token), hers).unread == 1  # Bob read nothing of hers

    # No citizen token, an unknown one, Alice's token from another kiosk: 401 session_invalid everywhere.
    other_kiosk = add_kiosk(mail_central.server.env, f"borne-{uuid.uuid4().hex[:8]}")
    for kiosk_token, citizen_token in ((kiosk, None), (kiosk, "x" * 43), (other_kiosk, alice_token)):
        for method, path, body in (
            ("GET", "/me/dashboard", None),
            ("GET", f"/me/requests/{hers}", None),
            ("POST", f"/me/requests/{hers}/read", {"seen": 1}),
        ):
            answer = call(url, kiosk_token, method, path, body, citizen_token)
            assert answer.status_code == 401, (path, answer.text)
            assert error_of(answer) == "session_invalid"
    # A bad body, a number too long to be one.
    bad: tuple[dict[str, Any], ...] = ({"seen": -1}, {"seen": "3"}, {"seen": 1, "upto": 2}, {})
    for body in bad:
        answer = call(url, kiosk, "POST", f"/me/requests/{hers}/read", body, alice_token)
        assert answer.status_code == 422, (body, answer.text)
    assert call(url, kiosk, "GET", "/me/requests/" + "9" * 30, None, alice_token).status_code == 422
    assert of(dashboard(mail_central, alice_token), hers).unread == 1

    # Logged out: the token opens nothing any more.
    assert call(url, kiosk, "DELETE", "/sessions/current", None, alice_token).status_code == 204
    assert call(url, kiosk, "GET", "/me/dashboard", None, alice_token).status_code == 401


def test_the_pinned_procedures_setting(tmp_path: Path) -> None:
    config = tmp_path / "central.toml"
    config.write_text('pinned_procedures = ["passeport", "changement-adresse"]\n', encoding="utf-8")
    assert load_settings(config, environ={}).pinned_procedures == ("passeport", "changement-adresse")
    environ = {"CENTRAL_PINNED_PROCEDURES": " inscription-scolaire , passeport,"}
    assert load_settings(config, environ=environ).pinned_procedures == ("inscription-scolaire", "passeport")
    assert load_settings(environ={}).pinned_procedures == ()
    for text, says in (
        ('pinned_procedures = "passeport"\n', "must be a list"),
        ("pinned_procedures = [1, 2]\n", "list of strings"),
        ('pinned_procedures = ["Passeport"]\n', "not a procedure's slug"),
        ('pinned_procedures = ["passeport", "passeport"]\n', "pinned twice"),
        ("pinned_procedures = [" + ", ".join(f'"p{i}"' for i in range(13)) + "]\n", "at most 12"),
    ):
        config.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError, match=says):
            load_settings(config, environ={})
