"""Quotas counted for a personal space (issue 10, item 6), on a real central with the demo catalogue: the calendar
periods of the town's zone and their boundaries with a set clock, cancelled requests and other spaces' not
counted, ``GET /v1/me/quotas/{slug}`` for a signed-in citizen only. Requests are attached by an UPDATE of
``Request.account_id`` (the attach op is another part's)."""

from __future__ import annotations

import datetime as dt
import uuid
from concurrent.futures import ThreadPoolExecutor
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import create_engine, select, update

from central.accounts import email_key
from central.models import Account, CitizenSession, Request, RequestEvent
from central.quotas import period_bounds, quota_state
from sync.personal_space import QuotaState
from sync.protocol import AttachBody, AttachOp, ErrorBody, LoginAnswer, OpAnswer
from tests.central.accounts_flow import Citizen, access_token, active_account, call, database, log_in
from tests.central.conftest import ROOT, MailCentral, central
from tests.central.test_attach import attach_op
from tests.central.waiting import lock_waiters, wait_until
from tests.central.wire import KIOSK_CLOCK, push, submit_op

PARIS = ZoneInfo("Europe/Paris")
MONTHLY = "acte-de-naissance"  # 3 per month in the demo catalogue
YEARLY = "subvention-association"  # 1 per year, and padlocked
NO_QUOTA = "changement-adresse"


def utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def catalogue_loaded(mail_central: MailCentral) -> None:
    loaded = central(mail_central.server.env, "catalogue", "load", str(ROOT / "resources" / "catalogue"))
    assert loaded.returncode == 0, loaded.stderr


def account_id(database_url: str, citizen: Citizen) -> int:
    with database(database_url) as session:
        found = session.scalar(select(Account.id).where(Account.email_key == email_key(citizen.email)))
    assert found is not None
    return found


def request_of(
    mail_central: MailCentral,
    account: int | None,
    slug: str,
    created_at: dt.datetime | None = None,
    status: str = "submitted",
) -> uuid.UUID:
    """A request submitted as a kiosk submits it, then attached to ``account`` with this procedure, arrival and
    status (an UPDATE: the setup of a count, not the way a request gets there)."""
    op = submit_op(appointment=None, documents=[])
    sent = push(mail_central.server.url, mail_central.token, op)
    assert sent.status_code == 201, sent.text
    values: dict[str, object] = {"account_id": account, "procedure_slug": slug, "status": status}
    if created_at is not None:
        values["created_at"] = created_at
    with database(mail_central.database_url) as session:
        session.execute(update(Request).where(Request.client_ref == op.aggregate_id).values(**values))
    return op.aggregate_id


def counted(state: QuotaState | None) -> tuple[int, bool]:
    assert state is not None
    return state.used, state.reached


def state_at(mail_central: MailCentral, account: int, slug: str, now: dt.datetime) -> QuotaState | None:
    with database(mail_central.database_url) as session:
        return quota_state(session, account, slug, now, PARIS)


def test_periods_are_the_towns_calendar_ones() -> None:
    # 00:30 on Monday 30 March 2026 in Paris (summer time since Sunday) is still Sunday 29 in UTC.
    now = utc("2026-03-29T22:30:00")
    assert period_bounds("day", now, PARIS) == (utc("2026-03-29T22:00:00"), utc("2026-03-30T22:00:00"))
    assert period_bounds("week", now, PARIS) == (utc("2026-03-29T22:00:00"), utc("2026-04-05T22:00:00"))
    # The week before holds the change of hour: its Monday began at 23:00 UTC (winter time).
    before = utc("2026-03-29T21:30:00")
    assert period_bounds("week", before, PARIS) == (utc("2026-03-22T23:00:00"), utc("2026-03-29T22:00:00"))
    assert period_bounds("month", now, PARIS) == (utc("2026-02-28T23:00:00"), utc("2026-03-31T22:00:00"))
    december = utc("2026-12-31T23:30:00")  # already 2027 in Paris
    assert period_bounds("month", december, PARIS) == (utc("2026-12-31T23:00:00"), utc("2027-01-31T23:00:00"))
    assert period_bounds("year", december, PARIS) == (utc("2026-12-31T23:00:00"), utc("2027-12-31T23:00:00"))
    with pytest.raises(ValueError, match="fortnight"):
        period_bounds("fortnight", now, PARIS)


def test_counts_per_period_boundary_with_a_set_clock(mail_central: MailCentral, catalogue_loaded: None) -> None:
    url, token, base = mail_central.server.url, mail_central.token, mail_central.database_url
    account = account_id(base, active_account(url, token, mail_central.smtp))
    # The last second of March and the first of April, in Paris.
    request_of(mail_central, account, MONTHLY, utc("2026-03-31T21:59:59"))
    request_of(mail_central, account, MONTHLY, utc("2026-03-31T22:00:00"))
    request_of(mail_central, account, MONTHLY, utc("2026-04-30T21:59:59"))
    march = state_at(mail_central, account, MONTHLY, utc("2026-03-15T12:00:00"))
    assert march == QuotaState(
        slug=MONTHLY, count=3, period="month", used=1, reached=False, renews_at=utc("2026-03-31T22:00:00")
    )
    april = state_at(mail_central, account, MONTHLY, utc("2026-04-01T08:00:00"))
    assert counted(april) == (2, False)
    assert april is not None
    assert april.renews_at == utc("2026-04-30T22:00:00")
    request_of(mail_central, account, MONTHLY, utc("2026-04-10T09:00:00"))
    full = state_at(mail_central, account, MONTHLY, utc("2026-04-30T21:59:59"))
    assert counted(full) == (3, True)
    may = state_at(mail_central, account, MONTHLY, utc("2026-04-30T22:00:00"))
    assert counted(may) == (0, False)
    # The yearly quota of the padlocked procedure, on 1 January in Paris (still 31 December in UTC).
    request_of(mail_central, account, YEARLY, utc("2026-12-31T22:59:59"))
    december = state_at(mail_central, account, YEARLY, utc("2026-12-31T12:00:00"))
    assert counted(december) == (1, True)
    new_year = state_at(mail_central, account, YEARLY, utc("2026-12-31T23:00:00"))
    assert counted(new_year) == (0, False)
    assert state_at(mail_central, account, NO_QUOTA, utc("2026-04-01T08:00:00")) is None
    assert state_at(mail_central, account, "pas-une-demarche", utc("2026-04-01T08:00:00")) is None


def test_the_api_counts_this_citizens_live_requests(mail_central: MailCentral, catalogue_loaded: None) -> None:
    url, token, base = mail_central.server.url, mail_central.token, mail_central.database_url
    citizen = active_account(url, token, mail_central.smtp)
    account = account_id(base, citizen)
    other = account_id(base, active_account(url, token, mail_central.smtp))
    citizen_token = access_token(url, token, citizen)

    def asked() -> QuotaState:
        answer = call(url, token, "GET", f"/me/quotas/{YEARLY}", citizen=citizen_token)
        assert answer.status_code == 200, answer.text
        return QuotaState.model_validate_json(answer.content)

    first = asked()
    assert (first.slug, first.count, first.period, first.used, first.reached) == (YEARLY, 1, "year", 0, False)
    year = dt.datetime.now(PARIS).year
    assert first.renews_at == dt.datetime(year + 1, 1, 1, tzinfo=PARIS)
    request_of(mail_central, account, YEARLY, status="cancelled")  # given up: does not count
    request_of(mail_central, account, YEARLY, status="refused")  # the town (or the quota) said no: neither
    request_of(mail_central, other, YEARLY)  # someone else's space
    request_of(mail_central, None, YEARLY)  # anonymous
    request_of(mail_central, account, MONTHLY)  # another procedure
    request_of(mail_central, account, YEARLY, dt.datetime(year - 1, 6, 1, tzinfo=dt.UTC))  # last year
    assert (asked().used, asked().reached) == (0, False)
    request_of(mail_central, account, YEARLY)
    assert (asked().used, asked().reached) == (1, True)
    monthly = call(url, token, "GET", f"/me/quotas/{MONTHLY}", citizen=citizen_token)
    assert QuotaState.model_validate_json(monthly.content).used == 1


def error_of(status: int, answer_status: int, content: bytes) -> str:
    assert answer_status == status, content
    return ErrorBody.model_validate_json(content).error


def test_only_a_signed_in_citizen_and_only_procedures_with_a_quota(
    mail_central: MailCentral, catalogue_loaded: None
) -> None:
    url, token, base = mail_central.server.url, mail_central.token, mail_central.database_url
    citizen = active_account(url, token, mail_central.smtp)
    citizen_token = access_token(url, token, citizen)
    path = f"/me/quotas/{YEARLY}"
    for sent in (None, "", "pas-un-jeton"):
        answer = call(url, token, "GET", path, citizen=sent)
        assert error_of(401, answer.status_code, answer.content) == "session_invalid"
    no_kiosk = call(url, "pas-un-jeton", "GET", path, citizen=citizen_token)
    assert error_of(401, no_kiosk.status_code, no_kiosk.content) == "unauthorized"
    for slug in (NO_QUOTA, "pas-une-demarche", "A%20B", "x" * 300):
        answer = call(url, token, "GET", f"/me/quotas/{slug}", citizen=citizen_token)
        assert error_of(404, answer.status_code, answer.content) == "not_found"
    # A session ended on central (log-out elsewhere, a new password): 401 from then on.
    assert call(url, token, "GET", path, citizen=citizen_token).status_code == 200
    account = account_id(base, citizen)
    with database(base) as session:
        session.execute(
            update(CitizenSession)
            .where(CitizenSession.account_id == account)
            .values(revoked_at=dt.datetime.now(dt.UTC))
        )
    ended = call(url, token, "GET", path, citizen=citizen_token)
    assert error_of(401, ended.status_code, ended.content) == "session_invalid"


def test_a_request_attached_over_the_quota_is_attached_and_refused(
    mail_central: MailCentral, catalogue_loaded: None
) -> None:
    """A request made while central could not be asked (offline) reaches a space whose quota of it is full: it joins
    the space, refused, with the reason in its history; under the quota it is attached as it is."""
    url, token, base = mail_central.server.url, mail_central.token, mail_central.database_url
    citizen = active_account(url, token, mail_central.smtp)
    account = account_id(base, citizen)
    answer = log_in(url, token, citizen.email, citizen.password)
    assert answer.status_code == 201, answer.text
    grant = LoginAnswer.model_validate_json(answer.content).attach_grant
    request_of(mail_central, account, YEARLY)  # this year's one
    over = request_of(mail_central, None, YEARLY)  # made anonymously, or offline: not counted yet
    under = request_of(mail_central, None, MONTHLY)

    for client_uuid, status in ((over, "refused"), (under, "submitted")):
        op = AttachOp(
            op_id=uuid.uuid4(),
            kind="request.attach",
            aggregate_id=client_uuid,
            body=AttachBody(
                client_uuid=client_uuid, reference="borne-1-2026-000007", grant=grant, attached_at=KIOSK_CLOCK
            ),
        )
        applied = push(url, token, op)
        assert applied.status_code == 200, applied.text
        assert OpAnswer.model_validate_json(applied.content).request.status == status
    with database(base) as session:
        events = {
            client_uuid: [
                (e.code, e.status)
                for e in session.scalars(
                    select(RequestEvent)
                    .join(Request, Request.id == RequestEvent.request_id)
                    .where(Request.client_ref == client_uuid)
                    .order_by(RequestEvent.id)
                )
            ]
            for client_uuid in (over, under)
        }
        owners = set(session.scalars(select(Request.account_id).where(Request.client_ref.in_((over, under)))))
    assert events[over] == [("submitted", "submitted"), ("attached", None), ("quota_reached", "refused")]
    assert events[under] == [("submitted", "submitted"), ("attached", None)]
    assert owners == {account}
    # The refused one does not count: the citizen's count is still the one request of the year.
    assert counted(state_at(mail_central, account, YEARLY, dt.datetime.now(dt.UTC))) == (1, True)


def test_two_attaches_at_once_fit_the_quota_once(
    mail_central: MailCentral, catalogue_loaded: None, database_url: str
) -> None:
    """Two requests of a yearly quota of one, attached at the same moment (two kiosks' outboxes, or an op and a
    code): each counts the other's once it is attached, so one of them joins refused."""
    if not database_url.startswith("postgresql"):
        pytest.skip("row locks are PostgreSQL's; on SQLite every transaction is BEGIN IMMEDIATE")
    url, token, base = mail_central.server.url, mail_central.token, mail_central.database_url
    citizen = active_account(url, token, mail_central.smtp)
    account = account_id(base, citizen)
    grant = LoginAnswer.model_validate_json(log_in(url, token, citizen.email, citizen.password).content).attach_grant
    both = (request_of(mail_central, None, YEARLY), request_of(mail_central, None, YEARLY))
    engine = create_engine(base)
    try:
        # The test holds the account's row until both attaches wait for it: they then count one after the other.
        with engine.connect() as connection, ThreadPoolExecutor(2) as pool:
            with connection.begin():
                connection.execute(select(Account.id).where(Account.id == account).with_for_update())
                pushed = [pool.submit(push, url, token, attach_op(client_uuid, grant)) for client_uuid in both]
                wait_until(lambda: lock_waiters(connection) == 2, what="both attaches waiting for the account")
            answers = [future.result() for future in pushed]
    finally:
        engine.dispose()
    assert [a.status_code for a in answers] == [200, 200], [a.text for a in answers]
    statuses = sorted(OpAnswer.model_validate_json(a.content).request.status for a in answers)
    assert statuses == ["refused", "submitted"]
    assert counted(state_at(mail_central, account, YEARLY, dt.datetime.now(dt.UTC))) == (1, True)
