"""Personal data leaves the kiosk once central has it (issue 9, item 9): the answers, the requester and the files
of an acknowledged request are deleted from the kiosk's cache, down to the bytes of its database file, its WAL
and its folder, while what tracking needs offline stays (number, procedure, status, history)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import sqlite3
import uuid
from pathlib import Path

from kiosk.models.dto import DocumentFile, RequestDraft
from sync.backoff import Backoff
from sync.client import CentralClient
from sync.protocol import OpAnswer, RequestState
from sync.push import PushEngine
from tests.central.conftest import Central
from tests.central.wire import PASSPORT_PNG
from tests.sync.conftest import Registered
from tests.sync.kiosk_cache import KioskCache, draft

CANARIES = ("Canari-Reponse-7f3a", "Canari-Nom-91bd", "canari-courriel-5e@example.org", "CANARI-FICHIER-c0de")


def canary_draft() -> RequestDraft:
    base = draft(1)
    return dataclasses.replace(
        base,
        answers={"nom": CANARIES[0], "copies": 2, "consent": True},
        requester=dataclasses.replace(base.requester, last_name=CANARIES[1], email=CANARIES[2]),
        # A real PNG (central checks the type by content) carrying the canary after its end.
        documents=(DocumentFile("piece", 1, "piece-identite.png", "image/png", PASSPORT_PNG + CANARIES[3].encode()),),
    )


def residue(folder: Path) -> list[tuple[str, str]]:
    """Every (file, canary) such that the file's bytes hold the canary, anywhere under ``folder``."""
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        found += [(path.name, c) for c in CANARIES if c.encode() in data or c.encode("utf-16-le") in data]
    return found


def pusher(cache: KioskCache, url: str, token: str) -> PushEngine:
    client = CentralClient(url, token)
    backoff = Backoff(0.05, 0.2, random.Random(3))
    return PushEngine(cache.outbox, client, backoff=backoff, files=cache.outbox, uploader=client)


def test_after_central_has_it_no_canary_remains_in_the_cache_its_wal_or_its_folder(
    cache: KioskCache, kiosk: Registered, server: Central
) -> None:
    (submitted,) = cache.submit_drafts([canary_draft()])
    folder = cache.path.parent
    # The control: before the drain every canary is on disk, so the scan below can see them.
    assert {c for _, c in residue(folder)} == set(CANARIES)

    summary = pusher(cache, server.url, kiosk.token).drain()

    assert (summary.sent, summary.retried, summary.dead) == (1, 0, 0), cache.rows()
    assert residue(folder) == []
    tracked = cache.requests.find_by_code(submitted.tracking_code)
    assert tracked is not None
    # What tracking needs offline stays.
    assert tracked.number is not None
    assert tracked.number == cache.rows()[0].number
    assert (tracked.status, tracked.procedure_slug, tracked.pending_send) == ("submitted", "acte-naissance", False)
    assert [e.code for e in tracked.events][-2:] == ["queued", "sent"]
    assert tracked.details_at_town_hall
    assert (dict(tracked.answers), tracked.requester.last_name, tracked.documents) == ({}, "", ())


def test_details_stay_while_a_later_op_of_the_request_waits(cache: KioskCache) -> None:
    (submitted,) = cache.submit(1)
    cache.cancel(submitted.tracking_code)
    now = dt.datetime.now(dt.UTC)
    (submit,) = cache.outbox.next_due(now)

    cache.outbox.mark_sent(submit.op_id, answer(submit.op_id, "request.submit", submit.aggregate_id), now)

    kept = cache.requests.find_by_code(submitted.tracking_code)
    assert kept is not None
    assert kept.number == "2026-000042"
    assert not kept.details_at_town_hall
    assert kept.requester.last_name == "Dupont0"
    assert kept.pending_send
    (cancel,) = cache.outbox.next_due(now)

    cache.outbox.mark_sent(cancel.op_id, answer(cancel.op_id, "request.cancel", cancel.aggregate_id), now)

    purged = cache.requests.find_by_code(submitted.tracking_code)
    assert purged is not None
    assert purged.details_at_town_hall
    assert (purged.requester.last_name, dict(purged.answers), purged.status) == ("", {}, "cancelled")
    assert [e.code for e in purged.events][-3:] == ["cancel_queued", "sent", "cancel_sent"]
    with sqlite3.connect(cache.path) as raw:
        payloads = [p for (p,) in raw.execute("SELECT payload_json FROM outbox WHERE kind = 'request.submit'")]
    raw.close()
    assert payloads == ["{}"]  # the submit's body carried the answers, the requester and the code in clear


def test_a_refused_submit_is_not_waiting_for_ever_and_keeps_its_details(cache: KioskCache) -> None:
    (submitted,) = cache.submit(1)
    now = dt.datetime.now(dt.UTC)
    (submit,) = cache.outbox.next_due(now)

    cache.outbox.mark_dead(submit.op_id, "422 invalid_op: answers.nom: too long", now)

    tracked = cache.requests.find_by_code(submitted.tracking_code)
    assert tracked is not None
    assert (tracked.pending_send, tracked.send_refused, tracked.number) == (False, True, None)
    # Not acknowledged: an agent may still need them to settle it with the visitor.
    assert not tracked.details_at_town_hall
    assert tracked.requester.last_name == "Dupont0"
    assert cache.outbox.waiting_requests() == 0


def answer(op_id: uuid.UUID, kind: str, aggregate_id: uuid.UUID) -> OpAnswer:
    return OpAnswer(
        op_id=op_id,
        kind=kind,  # type: ignore[arg-type]
        aggregate_id=aggregate_id,
        request=RequestState(number="2026-000042", status="submitted"),
    )
