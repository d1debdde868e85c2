"""Appointments on central: two kiosks that booked one slot offline (the first to arrive keeps it, the other request
is accepted and told to reschedule, through the requests scope), at the same moment too, and the back office's
``central request appointment`` (a free slot of the opening hours only)."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
import requests
from sqlalchemy import Engine, func, select

from central.appointments import RESCHEDULE
from central.models import AppointmentBooking
from sync.protocol import OpAnswer, RequestUpdate, SubmitOp
from tests.central.conftest import Central, InProcess, central
from tests.central.pull import unique, up_to_date
from tests.central.test_codes import new_kiosk
from tests.central.wire import push, slot_at, submit_op

PARIS_WINTER = dt.timezone(dt.timedelta(hours=1))


def pulled(server: Central, token: str, client: object) -> RequestUpdate:
    replica = up_to_date(server.url, token, "requests")
    data = replica.entities[str(client)].data
    assert isinstance(data, RequestUpdate)
    return data


def bookings(db: Engine, starts_at: dt.datetime) -> int:
    with db.connect() as connection:
        query = select(func.count()).where(AppointmentBooking.starts_at == starts_at)
        return int(connection.scalar(query) or 0)


def test_two_kiosks_one_slot_the_first_keeps_it_the_other_is_told_to_reschedule(
    server: Central, cli: InProcess, db: Engine
) -> None:
    slot = slot_at(dt.datetime(2027, 2, 1, 9, 0, tzinfo=PARIS_WINTER), place=unique("guichet"))
    first_kiosk, second_kiosk = new_kiosk(cli), new_kiosk(cli)
    first, second = submit_op(appointment=slot), submit_op(appointment=slot)
    assert push(server.url, first_kiosk, first).status_code == 201
    late = push(server.url, second_kiosk, second)
    assert late.status_code == 201, late.text  # accepted all the same
    kept = pulled(server, first_kiosk, first.aggregate_id)
    assert kept.appointment == slot
    assert [e.code for e in kept.history] == ["submitted"]
    moved = pulled(server, second_kiosk, second.aggregate_id)
    assert moved.appointment is None
    assert [(e.kind, e.code) for e in moved.history] == [("operation", "submitted"), ("appointment", RESCHEDULE)]
    assert "reprogrammer" in moved.history[-1].text.lower()
    assert bookings(db, slot.starts_at) == 1
    again = push(server.url, second_kiosk, second)  # a replay changes nothing
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert len(pulled(server, second_kiosk, second.aggregate_id).history) == 2


def test_two_kiosks_booking_one_slot_at_the_same_moment_get_one_booking(
    server: Central, cli: InProcess, db: Engine
) -> None:
    slot = slot_at(dt.datetime(2027, 2, 2, 9, 0, tzinfo=PARIS_WINTER), place=unique("guichet"))
    kiosks = [new_kiosk(cli) for _ in range(4)]
    ops = [submit_op(appointment=slot) for _ in kiosks]
    answers: list[requests.Response] = []
    start = threading.Barrier(len(ops))

    def send(token: str, op: SubmitOp) -> None:
        start.wait()
        answers.append(push(server.url, token, op))

    threads = [threading.Thread(target=send, args=pair) for pair in zip(kiosks, ops, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(a.status_code for a in answers) == [201] * len(ops)
    updates = [pulled(server, token, op.aggregate_id) for token, op in zip(kiosks, ops, strict=True)]
    assert [u.appointment for u in updates].count(slot) == 1
    assert sum(1 for u in updates if u.history[-1].code == RESCHEDULE) == len(ops) - 1
    assert bookings(db, slot.starts_at) == 1


@pytest.fixture(scope="module")
def opening_hours(tmp_path_factory: pytest.TempPathFactory, central_env: dict[str, str]) -> str:
    place = "Guichet des rendez-vous (tests)"
    path = Path(tmp_path_factory.mktemp("hours")) / "slots.toml"
    path.write_text(
        f'place = "{place}"\nslot_minutes = 30\ndays_ahead = 14\n\n[hours]\n'
        'lundi = ["09:00-12:00"]\nmardi = ["09:00-12:00", "14:00-17:00"]\n',
        encoding="utf-8",
    )
    loaded = central(central_env, "slots", "load", str(path))
    assert loaded.returncode == 0, loaded.stderr
    return place


def test_request_appointment_sets_and_moves_a_free_slot_of_the_opening_hours(
    server: Central, central_env: dict[str, str], cli: InProcess, opening_hours: str
) -> None:
    token = new_kiosk(cli)
    op = submit_op(appointment=None)
    number = OpAnswer.model_validate_json(push(server.url, token, op).content).request.number
    # Tuesday 2 March 2027, 14:30 in Paris: a slot of the afternoon period.
    given = central(central_env, "request", "appointment", number, "--at", "2027-03-02 14:30")
    assert given.returncode == 0, given.stderr
    assert given.stdout.strip() == (
        f"Request {number} has an appointment on 2027-03-02 from 14:30 to 15:00, {opening_hours}."
    )
    update = pulled(server, token, op.aggregate_id)
    assert update.appointment is not None
    assert update.appointment.starts_at == dt.datetime(2027, 3, 2, 13, 30, tzinfo=dt.UTC)
    assert (update.history[-1].kind, update.history[-1].code) == ("appointment", "appointment_set")
    assert "02/03/2027 à 14:30" in update.history[-1].text

    other = OpAnswer.model_validate_json(push(server.url, token, submit_op(appointment=None)).content).request.number
    taken = cli("request", "appointment", other, "--at", "2027-03-02 14:30")
    assert taken.returncode == 1
    assert "is taken" in taken.stderr
    moved = cli("request", "appointment", number, "--at", "2027-03-01 09:00")  # Monday morning
    assert moved.returncode == 0, moved.stderr
    assert pulled(server, token, op.aggregate_id).history[-1].code == "appointment_moved"
    freed = cli("request", "appointment", other, "--at", "2027-03-02 14:30")  # the slot it left is free
    assert freed.returncode == 0, freed.stderr
    # A kiosk that booked the back office's slot offline arrives second: it is told to reschedule.
    late = submit_op(appointment=slot_at(dt.datetime(2027, 3, 2, 14, 30, tzinfo=PARIS_WINTER), opening_hours))
    assert push(server.url, token, late).status_code == 201
    assert pulled(server, token, late.aggregate_id).history[-1].code == RESCHEDULE


@pytest.mark.parametrize(
    ("at", "message"),
    [
        ("2027-03-03 10:00", "the counter has no slot at 2027-03-03 10:00 (mercredi: closed"),  # Wednesday
        ("2027-03-02 12:30", "the counter has no slot at 2027-03-02 12:30"),  # the lunch break
        ("2027-03-02 09:10", "the counter has no slot"),  # not a slot's start
        ("2027-03-01 11:45", "the counter has no slot"),  # would end after closing
        ("2020-03-02 10:00", "is past"),
        ("02/03/2027 10h", 'is not a date and time such as "2026-12-03 10:00"'),
    ],
)
def test_request_appointment_refuses_a_closed_past_or_unreadable_slot(
    server: Central, cli: InProcess, opening_hours: str, at: str, message: str
) -> None:
    token = new_kiosk(cli)
    number = OpAnswer.model_validate_json(push(server.url, token, submit_op(appointment=None)).content).request.number
    refused = cli("request", "appointment", number, "--at", at)
    assert refused.returncode == 1
    assert message in refused.stderr, refused.stderr


def test_request_appointment_refuses_an_unknown_or_cancelled_request(
    server: Central, cli: InProcess, opening_hours: str
) -> None:
    unknown = cli("request", "appointment", "1999-000001", "--at", "2027-03-01 09:00")
    assert unknown.returncode == 1
    assert "no request has the number 1999-000001" in unknown.stderr
    token = new_kiosk(cli)
    number = OpAnswer.model_validate_json(push(server.url, token, submit_op(appointment=None)).content).request.number
    assert cli("request", "status", number, "cancelled").returncode == 0
    over = cli("request", "appointment", number, "--at", "2027-03-01 09:30")
    assert over.returncode == 1
    assert f"request {number} is cancelled: it takes no appointment" in over.stderr
    assert cli("request", "appointment", number).returncode == 2  # --at is required
