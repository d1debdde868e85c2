"""Appointments at the counter: a slot (its start, at a counter) belongs to one request at most.

The UNIQUE (start, counter) of ``appointment_booking`` decides, in the transaction that creates the request: two
kiosks that booked the same slot offline both get their request accepted; the first to reach central keeps the
slot, the other's appointment is cleared and its history gets an ``appointment_to_reschedule`` event, which its
kiosk pulls. An agent sets or moves an appointment with ``central request appointment`` (a free slot of the
opening hours only).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Final
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from central.backoffice import find_request
from central.changelog import current_data, record_request
from central.db import is_postgresql
from central.errors import CentralError
from central.models import AppointmentBooking, Request, RequestEvent
from central.workflow import OVER_STATUSES
from sync.clock import utc_now
from sync.protocol import OPENING_HOURS_ID, Appointment, OpeningHours

RESCHEDULE: Final = "appointment_to_reschedule"
RESCHEDULE_TEXT: Final = (
    "À reprogrammer : le créneau choisi avait déjà été réservé. La mairie vous proposera un autre rendez-vous."
)
_WEEKDAYS: Final = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


class SlotRefused(CentralError):  # noqa: N818
    """The slot cannot be given: closed, taken, past, or the request is over."""


def book(session: Session, request: Request, appointment: Appointment) -> bool:
    """Book ``appointment``'s slot for ``request`` in the caller's transaction; False when another request holds
    it (then nothing was written). On PostgreSQL a concurrent booking of the same slot waits for the other
    transaction and loses if it commits."""
    insert = postgresql_insert if is_postgresql(session) else sqlite_insert
    statement = (
        insert(AppointmentBooking)
        .values(request_id=request.id, starts_at=appointment.starts_at, counter=appointment.place)
        .on_conflict_do_nothing(index_elements=["starts_at", "counter"])
        .returning(AppointmentBooking.id)  # a row only when inserted (rowcount is -1 with psycopg)
    )
    return session.execute(statement).scalar_one_or_none() is not None


def clear_for_reschedule(session: Session, request: Request, now: dt.datetime) -> None:
    """The request arrived with a slot taken first: it keeps no appointment and says so in its history."""
    request.appointment_json = None
    session.add(
        RequestEvent(
            request_id=request.id,
            kind="appointment",
            code=RESCHEDULE,
            status=None,
            text=RESCHEDULE_TEXT,
            created_at=now,
        )
    )


def slot_of(hours: OpeningHours, local_start: dt.datetime) -> tuple[dt.datetime, dt.datetime] | None:
    """The slot starting at ``local_start`` (aware, the town's zone) in ``hours``, as the kiosk offers them
    (every ``slot_minutes`` from the start of a period); None when the counter is closed then."""
    spans = hours.hours.get(_WEEKDAYS[local_start.weekday()], [])
    step = dt.timedelta(minutes=hours.slot_minutes)
    for span in spans:
        start_text, end_text = span.split("-")
        start = dt.datetime.combine(local_start.date(), dt.time.fromisoformat(start_text), local_start.tzinfo)
        end = dt.datetime.combine(local_start.date(), dt.time.fromisoformat(end_text), local_start.tzinfo)
        offset = local_start - start
        if dt.timedelta(0) <= offset and local_start + step <= end and offset % step == dt.timedelta(0):
            return local_start, local_start + step
    return None


class AppointmentDesk:
    """The back office's side: set or move a request's appointment."""

    def __init__(
        self, sessions: sessionmaker[Session], zone: ZoneInfo, clock: Callable[[], dt.datetime] = utc_now
    ) -> None:
        self._sessions = sessions
        self._zone = zone
        self._clock = clock

    def set(self, number: str, local_start: dt.datetime) -> Appointment:
        """Give request ``number`` the slot starting at ``local_start`` (naive: the town's clock)."""
        start = local_start.replace(tzinfo=self._zone) if local_start.tzinfo is None else local_start
        try:
            return self._set(number, start)
        except IntegrityError:  # another agent or a kiosk's request took the slot between our read and write
            raise SlotRefused(f"the slot of {start:%Y-%m-%d %H:%M} is taken") from None

    def _set(self, number: str, start: dt.datetime) -> Appointment:
        with self._sessions.begin() as session:
            request = find_request(session, number, lock=True)
            if request.status in OVER_STATUSES:
                raise SlotRefused(f"request {number} is {request.status}: it takes no appointment")
            raw = current_data(session, "slots", OPENING_HOURS_ID)
            if raw is None:
                raise SlotRefused("no opening hours are loaded: run `central slots load FILE` first")
            hours = OpeningHours.model_validate_json(raw)
            now = self._clock()
            if start <= now:
                raise SlotRefused(f"{start:%Y-%m-%d %H:%M} is past")
            slot = slot_of(hours, start.astimezone(self._zone))
            if slot is None:
                raise SlotRefused(
                    f"the counter has no slot at {start:%Y-%m-%d %H:%M} ({_WEEKDAYS[start.weekday()]}: "
                    f"{', '.join(hours.hours.get(_WEEKDAYS[start.weekday()], [])) or 'closed'}, "
                    f"slots of {hours.slot_minutes} min)"
                )
            holder = session.scalar(
                select(AppointmentBooking.request_id).where(
                    AppointmentBooking.starts_at == slot[0], AppointmentBooking.counter == hours.place
                )
            )
            if holder is not None and holder != request.id:
                raise SlotRefused(f"the slot of {start:%Y-%m-%d %H:%M} is taken")
            if holder == request.id:
                raise SlotRefused(f"request {number} has this slot already")
            booking = session.scalar(select(AppointmentBooking).where(AppointmentBooking.request_id == request.id))
            moved = request.appointment_json is not None or booking is not None
            if booking is None:
                session.add(AppointmentBooking(request_id=request.id, starts_at=slot[0], counter=hours.place))
            else:
                booking.starts_at, booking.counter = slot[0], hours.place
            appointment = Appointment(
                id=slot[0].strftime("%Y%m%dT%H%M"), starts_at=slot[0], ends_at=slot[1], place=hours.place
            )
            request.appointment_json = appointment.model_dump_json()
            request.updated_at = now
            session.add(
                RequestEvent(
                    request_id=request.id,
                    kind="appointment",
                    code="appointment_moved" if moved else "appointment_set",
                    status=None,
                    text=f"Rendez-vous le {slot[0]:%d/%m/%Y à %H:%M}, {hours.place}",
                    created_at=now,
                )
            )
            session.flush()  # a twin booking committed meanwhile fails the UNIQUE here: IntegrityError
            record_request(session, request, now)
            return appointment
