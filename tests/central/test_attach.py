"""Attaching a request to a citizen's personal space (issue 10, item 7), on a real central and each backend: the
``request.attach`` op a kiosk's outbox sends with the attach grant of a log-in, and ``POST /v1/me/attachments`` by
tracking code and the requester's last name from any kiosk; the « attached » event the kiosk pulls."""

from __future__ import annotations

import datetime as dt
import random
import uuid

import requests
from sqlalchemy import func, select

from central.credentials import token_hash
from central.models import Account, AttachGrant, Request, RequestEvent
from sync.personal_space import MyRequest
from sync.protocol import CODE_ALPHABET, AttachBody, AttachOp, ErrorBody, LoginAnswer, OpAnswer, RequestChange
from tests.central.accounts_flow import (
    NEW_PASSWORD,
    RESET_SUBJECT,
    Citizen,
    active_account,
    call,
    database,
    link_in,
    log_in,
    post_password,
    wait_mail,
)
from tests.central.conftest import MailCentral, add_kiosk
from tests.central.pull import Replica
from tests.central.wire import KIOSK_CLOCK, LAST_NAME, push, submit_op


def error_of(response: requests.Response) -> str:
    return ErrorBody.model_validate_json(response.content).error


def new_code() -> str:
    return "".join(random.choice(CODE_ALPHABET) for _ in range(8))


def logged_in(mail: MailCentral, citizen: Citizen | None = None) -> tuple[Citizen, LoginAnswer]:
    url, token = mail.server.url, mail.token
    citizen = citizen or active_account(url, token, mail.smtp)
    answer = log_in(url, token, citizen.email, citizen.password)
    assert answer.status_code == 201, answer.text
    return citizen, LoginAnswer.model_validate_json(answer.content)


def submitted(mail: MailCentral, token: str | None = None, code: str | None = None) -> uuid.UUID:
    """A request submitted anonymously at the kiosk ``token`` (the mail central's own by default)."""
    op = submit_op(code=code or new_code(), appointment=None, documents=[])
    answer = push(mail.server.url, token or mail.token, op)
    assert answer.status_code == 201, answer.text
    return op.aggregate_id


def attach_op(client_uuid: uuid.UUID, grant: str) -> AttachOp:
    return AttachOp(
        op_id=uuid.uuid4(),
        kind="request.attach",
        aggregate_id=client_uuid,
        body=AttachBody(client_uuid=client_uuid, reference="borne-1-2026-000007", grant=grant, attached_at=KIOSK_CLOCK),
    )


def by_code(mail: MailCentral, access: str, code: str, last_name: str, token: str | None = None) -> requests.Response:
    body = {"code": code, "last_name": last_name}
    return call(mail.server.url, token or mail.token, "POST", "/me/attachments", body, citizen=access)


def account_of(mail: MailCentral, client_uuid: uuid.UUID) -> str | None:
    with database(mail.database_url) as session:
        found = session.execute(
            select(Account.email)
            .join(Request, Request.account_id == Account.id)
            .where(Request.client_ref == client_uuid)
        ).scalar_one_or_none()
        return found


def attached_events(mail: MailCentral, client_uuid: uuid.UUID) -> int:
    with database(mail.database_url) as session:
        return (
            session.scalar(
                select(func.count())
                .select_from(RequestEvent)
                .join(Request, Request.id == RequestEvent.request_id)
                .where(Request.client_ref == client_uuid, RequestEvent.code == "attached")
            )
            or 0
        )


# --- The op -------------------------------------------------------------------------------------------------------


def test_the_op_attaches_the_request_once_and_the_kiosk_pulls_the_event(mail_central: MailCentral) -> None:
    url, token = mail_central.server.url, mail_central.token
    replica = Replica("requests")
    replica.pull(url, token)
    citizen, login = logged_in(mail_central)
    client_uuid = submitted(mail_central)
    op = attach_op(client_uuid, login.attach_grant)

    applied = push(url, token, op)
    assert applied.status_code == 200, applied.text
    answer = OpAnswer.model_validate_json(applied.content)
    assert (answer.kind, answer.aggregate_id, answer.request.status) == ("request.attach", client_uuid, "submitted")
    assert account_of(mail_central, client_uuid) == citizen.email

    replayed = push(url, token, op)
    assert replayed.status_code == 200
    assert OpAnswer.model_validate_json(replayed.content) == answer
    # Another op attaching it to the same space again (a second tap, another visit): nothing more happens.
    again = push(url, token, attach_op(client_uuid, login.attach_grant))
    assert again.status_code == 200, again.text
    assert attached_events(mail_central, client_uuid) == 1

    received = [c for c in replica.pull(url, token) if c.id == str(client_uuid)]
    assert received, "the attach is a change of the request the kiosk pulls"
    latest = received[-1]
    assert isinstance(latest, RequestChange)
    assert latest.data is not None
    assert [(e.kind, e.code) for e in latest.data.history] == [("operation", "submitted"), ("operation", "attached")]


def test_an_unknown_or_expired_grant_is_refused_for_good(mail_central: MailCentral) -> None:
    url, token = mail_central.server.url, mail_central.token
    _citizen, login = logged_in(mail_central)
    client_uuid = submitted(mail_central)

    unknown = push(url, token, attach_op(client_uuid, "x" * 43))
    assert (unknown.status_code, error_of(unknown)) == (422, "attach_grant_invalid")
    with database(mail_central.database_url) as session:
        grant = session.scalar(select(AttachGrant).where(AttachGrant.token_hash == token_hash(login.attach_grant)))
        assert grant is not None
        grant.expires_at = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)  # fourteen days later
    expired = push(url, token, attach_op(client_uuid, login.attach_grant))
    assert (expired.status_code, error_of(expired)) == (422, "attach_grant_invalid")
    assert account_of(mail_central, client_uuid) is None
    assert attached_events(mail_central, client_uuid) == 0


def test_a_grant_attaches_only_at_the_kiosk_of_its_log_in(mail_central: MailCentral) -> None:
    url = mail_central.server.url
    citizen, _login = logged_in(mail_central)
    other_kiosk = add_kiosk(mail_central.server.env, f"borne-{uuid.uuid4().hex[:8]}")
    theirs = submitted(mail_central, other_kiosk)
    # The grant of a log-in at the mail central's kiosk, read off its memory, pushed by another kiosk.
    here = LoginAnswer.model_validate_json(log_in(url, mail_central.token, citizen.email, citizen.password).content)

    carried = push(url, other_kiosk, attach_op(theirs, here.attach_grant))
    assert (carried.status_code, error_of(carried)) == (422, "attach_grant_invalid")
    assert account_of(mail_central, theirs) is None
    there = LoginAnswer.model_validate_json(log_in(url, other_kiosk, citizen.email, citizen.password).content)
    assert push(url, other_kiosk, attach_op(theirs, there.attach_grant)).status_code == 200
    assert account_of(mail_central, theirs) == citizen.email


def test_a_password_reset_ends_the_attach_grants(mail_central: MailCentral) -> None:
    url, token, smtp = mail_central.server.url, mail_central.token, mail_central.smtp
    citizen, login = logged_in(mail_central)
    client_uuid = submitted(mail_central)

    assert call(url, token, "POST", "/password-resets", {"email": citizen.email}).status_code == 202
    reset = link_in(wait_mail(smtp, citizen.email, RESET_SUBJECT), url, "/compte/reinitialiser/")
    assert post_password(reset, NEW_PASSWORD).status_code == 200
    stale = push(url, token, attach_op(client_uuid, login.attach_grant))
    assert (stale.status_code, error_of(stale)) == (422, "attach_grant_invalid")
    assert account_of(mail_central, client_uuid) is None
    with database(mail_central.database_url) as session:
        assert (
            session.scalar(select(AttachGrant).where(AttachGrant.token_hash == token_hash(login.attach_grant))) is None
        )


def test_only_this_kiosks_requests_and_only_once_central_has_them(mail_central: MailCentral) -> None:
    url, token = mail_central.server.url, mail_central.token
    _citizen, login = logged_in(mail_central)
    other_kiosk = add_kiosk(mail_central.server.env, f"borne-{uuid.uuid4().hex[:8]}")
    theirs = submitted(mail_central, other_kiosk)

    elsewhere = push(url, token, attach_op(theirs, login.attach_grant))
    assert (elsewhere.status_code, error_of(elsewhere)) == (404, "unknown_request")
    not_yet = push(url, token, attach_op(uuid.uuid4(), login.attach_grant))
    assert (not_yet.status_code, error_of(not_yet)) == (404, "unknown_request")
    assert account_of(mail_central, theirs) is None


def test_a_request_of_another_space_stays_there(mail_central: MailCentral) -> None:
    url, token = mail_central.server.url, mail_central.token
    first, first_login = logged_in(mail_central)
    _second, second_login = logged_in(mail_central)
    client_uuid = submitted(mail_central)
    assert push(url, token, attach_op(client_uuid, first_login.attach_grant)).status_code == 200

    refused = push(url, token, attach_op(client_uuid, second_login.attach_grant))
    assert (refused.status_code, error_of(refused)) == (409, "attached_elsewhere")
    assert account_of(mail_central, client_uuid) == first.email
    assert attached_events(mail_central, client_uuid) == 1


# --- By tracking code ---------------------------------------------------------------------------------------------


def test_by_code_from_another_kiosk_with_the_name_in_any_case_or_accents(mail_central: MailCentral) -> None:
    url = mail_central.server.url
    citizen, login = logged_in(mail_central)
    code = new_code()
    client_uuid = submitted(mail_central, code=code)
    # The citizen logs in at another kiosk than the one the request was made at.
    other_kiosk = add_kiosk(mail_central.server.env, f"borne-{uuid.uuid4().hex[:8]}")
    elsewhere = log_in(url, other_kiosk, citizen.email, citizen.password)
    access = LoginAnswer.model_validate_json(elsewhere.content).access_token

    attached = by_code(mail_central, access, code, f"  {LAST_NAME.upper()} ", other_kiosk)
    assert attached.status_code == 200, attached.text
    mine = MyRequest.model_validate_json(attached.content)
    assert (mine.status, mine.procedure.slug, mine.unread, mine.archived) == ("submitted", "acte-naissance", 0, False)
    assert account_of(mail_central, client_uuid) == citizen.email
    # Again: the same answer, nothing more written.
    assert by_code(mail_central, access, code, LAST_NAME, other_kiosk).status_code == 200
    assert attached_events(mail_central, client_uuid) == 1
    # And the op of the kiosk where it was made, with the grant of this citizen's log-in there: a no-op too.
    assert push(url, mail_central.token, attach_op(client_uuid, login.attach_grant)).status_code == 200
    assert attached_events(mail_central, client_uuid) == 1


def test_a_wrong_name_and_a_wrong_code_get_the_same_answer(mail_central: MailCentral) -> None:
    _citizen, login = logged_in(mail_central)
    code = new_code()
    client_uuid = submitted(mail_central, code=code)

    wrong_name = by_code(mail_central, login.access_token, code, "Dupont")
    wrong_code = by_code(mail_central, login.access_token, new_code(), LAST_NAME)
    assert (wrong_name.status_code, error_of(wrong_name)) == (404, "not_found")
    assert (wrong_code.status_code, wrong_code.json()) == (404, wrong_name.json())
    assert account_of(mail_central, client_uuid) is None


def test_attaching_by_code_counts_as_looking_the_code_up(mail_central: MailCentral) -> None:
    url = mail_central.server.url
    citizen, _login = logged_in(mail_central)
    code = new_code()
    submitted(mail_central, code=code)
    kiosk = add_kiosk(mail_central.server.env, f"borne-{uuid.uuid4().hex[:8]}")
    access = LoginAnswer.model_validate_json(log_in(url, kiosk, citizen.email, citizen.password).content).access_token

    answers = [by_code(mail_central, access, code, f"Dupont{n}", kiosk) for n in range(6)]
    assert [a.status_code for a in answers[:5]] == [404] * 5
    assert (answers[5].status_code, error_of(answers[5])) == (429, "too_many_lookups")
    assert int(answers[5].headers["Retry-After"]) >= 1
    # The look-ups of the same code are held back alike: one counter, whichever way the code is tried.
    lookup = requests.post(
        f"{url}/v1/requests/lookup",
        json={"code": code, "last_name": None},
        headers={"Authorization": f"Bearer {kiosk}"},
        timeout=10,
    )
    assert lookup.status_code == 429


def test_a_request_in_another_space_or_no_session_is_refused(mail_central: MailCentral) -> None:
    _first, first_login = logged_in(mail_central)
    _second, second_login = logged_in(mail_central)
    code = new_code()
    submitted(mail_central, code=code)
    assert by_code(mail_central, first_login.access_token, code, LAST_NAME).status_code == 200

    taken = by_code(mail_central, second_login.access_token, code, LAST_NAME)
    assert (taken.status_code, error_of(taken)) == (409, "attached_elsewhere")
    nobody = call(
        mail_central.server.url, mail_central.token, "POST", "/me/attachments", {"code": code, "last_name": LAST_NAME}
    )
    assert (nobody.status_code, error_of(nobody)) == (401, "session_invalid")
    malformed = by_code(mail_central, second_login.access_token, "AEIOU123", LAST_NAME)
    assert (malformed.status_code, error_of(malformed)) == (422, "invalid_body")
