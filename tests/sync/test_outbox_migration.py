"""Migration 0005 on a cache a 0004 kiosk left: its queued ops stay queued, in order, under the same op ids."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import uuid
from pathlib import Path

import pytest

from kiosk.models.db import make_engine, make_session_factory, migrate
from kiosk.models.outbox_repository import OutboxRepository
from sync.protocol import OpAnswer, RequestState
from tests.unit.test_db import cache_at

NOW = dt.datetime(2026, 12, 3, 10, 0, tzinfo=dt.UTC)
UUIDS = [str(uuid.UUID(int=n, version=4)) for n in (1, 2)]
SENT, QUEUED, CANCEL = (str(uuid.UUID(int=n, version=4)) for n in (11, 12, 13))


def _cache_of_0004(path: Path) -> Path:
    cache_at(path, "0004")
    with sqlite3.connect(path) as raw:
        raw.execute("INSERT INTO procedure_revision VALUES ('acte', 1, '{}', '2026-11-30 09:00:00')")
        for n, client_uuid in enumerate(UUIDS, start=1):
            raw.execute(
                "INSERT INTO request (id, client_uuid, reference, tracking_code_hash, procedure_slug, "
                "procedure_revision, channel, status, archived, answers_json, requester_json, appointment_json, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, 'acte', 1, 'kiosk', 'submitted', 0, '{}', '{}', NULL, "
                "'2026-11-30 10:00:00', '2026-11-30 10:00:00')",
                (n, client_uuid, f"borne-1-2026-00000{n}", f"{n:064x}"),
            )
        rows = [
            (SENT, "request.submit", 1, "2026-11-30 10:05:00"),
            (QUEUED, "request.submit", 2, None),
            (CANCEL, "request.cancel", 2, None),
        ]
        for op_id, kind, request_id, sent_at in rows:
            raw.execute(
                "INSERT INTO outbox (op_id, kind, request_id, payload_json, created_at, attempts, last_error, sent_at) "
                "VALUES (?, ?, ?, ?, '2026-11-30 10:00:00', 2, 'timeout', ?)",
                (op_id, kind, request_id, json.dumps({"tracking_code": "BCDFGHJK"}), sent_at),
            )
        with pytest.raises(sqlite3.IntegrityError, match="ck_outbox_kind"):
            raw.execute(
                "INSERT INTO outbox (op_id, kind, request_id, payload_json, created_at) "
                "VALUES ('x', 'request.amend', 1, '{}', '2026-11-30')"
            )
    raw.close()
    return path


def test_0005_keeps_the_queue_and_accepts_new_op_kinds(tmp_path: Path) -> None:
    path = _cache_of_0004(tmp_path / "kiosk.db")
    engine = make_engine(path)
    try:
        migrate(engine)
        outbox = OutboxRepository(make_session_factory(engine))

        # The unsent submit is due (its failures so far kept); the sent one is not; the cancel waits behind it.
        (due,) = outbox.next_due(NOW)
        assert (str(due.op_id), due.kind, str(due.aggregate_id), due.attempts) == (
            QUEUED,
            "request.submit",
            UUIDS[1],
            2,
        )
        assert json.loads(due.payload_json) == {"tracking_code": "BCDFGHJK"}

        answer = OpAnswer(
            op_id=due.op_id,
            kind="request.submit",
            aggregate_id=due.aggregate_id,
            request=RequestState(number="2026-000042", status="submitted"),
        )
        outbox.mark_sent(due.op_id, answer, NOW)
        outbox.mark_sent(due.op_id, answer, NOW + dt.timedelta(hours=1))  # a replay's ack changes nothing
        (cancel,) = outbox.next_due(NOW)
        assert str(cancel.op_id) == CANCEL

        raw = sqlite3.connect(path)
        with raw:
            assert raw.execute("SELECT reference, number FROM request ORDER BY id").fetchall() == [
                ("borne-1-2026-000001", None),
                ("borne-1-2026-000002", "2026-000042"),
            ]
            stored = raw.execute("SELECT sent_at, answer_json FROM outbox WHERE op_id = ?", (QUEUED,)).fetchone()
            assert stored[0] == "2026-12-03 10:00:00.000000"
            assert OpAnswer.model_validate_json(stored[1]) == answer
            # Later op kinds need no rebuild of the table.
            raw.execute(
                "INSERT INTO outbox (op_id, kind, request_id, payload_json, created_at) "
                "VALUES ('x', 'request.amend', 1, '{}', '2026-12-03')"
            )
            with pytest.raises(sqlite3.IntegrityError, match="ck_outbox_settled_once"):
                raw.execute("UPDATE outbox SET dead_at = '2026-12-03', dead_reason = 'r' WHERE op_id = ?", (QUEUED,))
        raw.close()
    finally:
        engine.dispose()
