"""Two kiosks, one slot: both book the same appointment while offline, then sync. Central keeps the slot for the
request that reached it first; the other is accepted all the same, and its kiosk shows "à reprogrammer" in the
request's history after its next pull."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from pathlib import Path

from sqlalchemy import Engine, func, select

from central.models import AppointmentBooking
from kiosk.models.dto import Slot
from kiosk.models.pull_store import PullRepository
from sync.client import CentralClient
from sync.pull import PullEngine
from sync.push import PushEngine
from tests.central.conftest import Central, add_kiosk
from tests.sync.conftest import Registered, central_requests
from tests.sync.kiosk_cache import KioskCache, draft

PARIS_WINTER = dt.timezone(dt.timedelta(hours=1))


def test_two_kiosks_book_one_slot_offline_the_second_is_told_to_reschedule_at_its_kiosk(
    server: Central, central_env: dict[str, str], kiosk: Registered, cache: KioskCache, tmp_path: Path, db: Engine
) -> None:
    other = Registered(f"borne-{uuid.uuid4().hex[:8]}", "")
    other = dataclasses.replace(other, token=add_kiosk(central_env, other.name))
    other_cache = KioskCache(tmp_path / "other" / "kiosk.db")
    # A counter of this test's own: central's bookings are shared by the tests of a session.
    starts, place = dt.datetime(2027, 3, 1, 9, 0, tzinfo=PARIS_WINTER), f"Accueil {uuid.uuid4().hex[:8]}"
    slot = Slot(id="20270301T0900", starts_at=starts, ends_at=starts + dt.timedelta(minutes=15), place=place)
    try:
        # Both kiosks offline: each takes its visitor's booking of the same slot.
        (first,) = cache.submit_drafts([dataclasses.replace(draft(1), appointment=slot)])
        (second,) = other_cache.submit_drafts([dataclasses.replace(draft(2), appointment=slot)])

        # The network comes back: the first kiosk's request reaches central first.
        for made, registered in ((cache, kiosk), (other_cache, other)):
            assert PushEngine(made.outbox, CentralClient(server.url, registered.token)).drain().sent == 1
        for made, registered in ((cache, kiosk), (other_cache, other)):
            pulled = PullEngine(PullRepository(made.sessions), CentralClient(server.url, registered.token))
            assert pulled.pull("requests").stopped_reason is None

        kept = cache.requests.find_by_code(first.tracking_code)
        moved = other_cache.requests.find_by_code(second.tracking_code)
        assert kept is not None
        assert moved is not None
        assert ("appointment", "appointment_to_reschedule") not in [(e.kind, e.code) for e in kept.events]
        assert [(e.kind, e.code) for e in moved.events][-1] == ("appointment", "appointment_to_reschedule")
        # Both requests reached central once; one booking holds the slot.
        assert central_requests(db, kiosk.name) == {first.reference: 1}
        assert central_requests(db, other.name) == {second.reference: 1}
        with db.connect() as connection:
            booked = connection.scalar(
                select(func.count()).select_from(AppointmentBooking).where(AppointmentBooking.counter == place)
            )
        assert booked == 1
    finally:
        other_cache.close()
