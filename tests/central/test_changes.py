"""Pulling changes over real HTTP: paging while has_more, ETag/304 for idle polls, tombstones, the tombstone
horizon (410, then a snapshot), bad cursors, and the requests scope (the calling kiosk's requests only, with the
back office's changes)."""

from __future__ import annotations

import base64
import uuid
from pathlib import Path

from sync.protocol import (
    MAX_PAGE,
    OPENING_HOURS_ID,
    CatalogueProcedure,
    ErrorBody,
    OpAnswer,
    RequestChange,
    RequestsPage,
    RequestUpdate,
    SlotsPage,
)
from tests.central.conftest import ROOT, Central, InProcess, central
from tests.central.pull import Replica, get_changes, unique, up_to_date, write_catalogue
from tests.central.wire import push, submit_op


def load(cli: InProcess, directory: Path) -> None:
    loaded = cli("catalogue", "load", str(directory))
    assert loaded.returncode == 0, loaded.stderr


def new_kiosk(cli: InProcess) -> str:
    added = cli("kiosk", "add", unique("borne"))
    assert added.returncode == 0, added.stderr
    return added.stdout.strip()


def test_a_snapshot_comes_in_pages_while_has_more(server: Central, token: str, cli: InProcess, tmp_path: Path) -> None:
    domain = unique("d")
    slugs = [unique("p") for _ in range(5)]
    load(cli, write_catalogue(tmp_path, domain, {slug: (1, f"Démarche {slug}") for slug in slugs}))
    replica = Replica("catalogue")
    received = replica.pull(server.url, token, limit=2)
    assert replica.pages >= 3  # 6 entries at least, 2 per page
    assert {f"procedure/{slug}" for slug in slugs} | {f"domain/{domain}"} <= replica.live()
    assert len(received) == len({change.id for change in received})  # each entity once
    assert all(not change.deleted for change in received)  # a snapshot holds no tombstone
    procedure = replica.entities[f"procedure/{slugs[0]}"]
    assert isinstance(procedure.data, CatalogueProcedure)
    assert (procedure.data.procedure.slug, procedure.data.procedure.revision, procedure.version) == (slugs[0], 1, 1)
    assert replica.pull(server.url, token) == []  # nothing new after the last page


def test_an_idle_poll_with_the_etag_gets_304_until_something_changes(
    server: Central, token: str, cli: InProcess, tmp_path: Path
) -> None:
    domain, slug = unique("d"), unique("p")
    load(cli, write_catalogue(tmp_path, domain, {slug: (1, "Avant")}))
    replica = up_to_date(server.url, token, "catalogue")
    first = get_changes(server.url, token, "catalogue", replica.cursor)
    assert first.status_code == 200
    etag = first.headers["ETag"]
    idle = get_changes(server.url, token, "catalogue", replica.cursor, etag=etag)
    assert idle.status_code == 304
    assert idle.content == b""
    assert idle.headers["ETag"] == etag
    assert get_changes(server.url, token, "catalogue", replica.cursor, etag='"other"').status_code == 200
    load(cli, write_catalogue(tmp_path, domain, {slug: (2, "Après")}))
    changed = get_changes(server.url, token, "catalogue", replica.cursor, etag=etag)
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
    replica.apply(changed.content)
    live = replica.entities[f"procedure/{slug}"]
    assert isinstance(live.data, CatalogueProcedure)
    assert (live.version, live.data.procedure.revision, live.data.procedure.title.fr) == (2, 2, "Après")


def test_a_withdrawn_procedure_comes_as_a_tombstone_and_never_comes_back(
    server: Central, token: str, cli: InProcess, tmp_path: Path
) -> None:
    domain, slug = unique("d"), unique("p")
    load(cli, write_catalogue(tmp_path, domain, {slug: (1, "Démarche")}))
    replica = up_to_date(server.url, token, "catalogue")
    withdrawn = cli("catalogue", "withdraw", slug)
    assert withdrawn.returncode == 0, withdrawn.stderr
    assert withdrawn.stdout.strip() == f"Procedure {slug} withdrawn: the kiosks stop offering it."
    assert cli("catalogue", "withdraw", slug).stdout.strip() == f"Procedure {slug} was withdrawn already."
    assert cli("catalogue", "withdraw", "nothing-here").returncode == 1
    (tombstone,) = replica.pull(server.url, token)
    assert (tombstone.id, tombstone.deleted, tombstone.data, tombstone.version) == (f"procedure/{slug}", True, None, 2)
    assert f"procedure/{slug}" not in replica.live()
    # A kiosk starting afresh (F11): the snapshot leaves the withdrawn procedure out, the same files loaded again
    # do not bring it back; only a new revision does.
    reloaded = cli("catalogue", "load", str(tmp_path))
    assert f"procedure {slug!r} is withdrawn: give it a new revision to publish it again" in reloaded.stdout
    assert f"procedure/{slug}" not in up_to_date(server.url, token, "catalogue").live()
    load(cli, write_catalogue(tmp_path, domain, {slug: (2, "De retour")}))
    assert f"procedure/{slug}" in up_to_date(server.url, token, "catalogue").live()


def test_a_cursor_past_the_tombstone_horizon_gets_410_then_a_snapshot_resyncs(
    server: Central, token: str, central_env: dict[str, str], cli: InProcess, tmp_path: Path
) -> None:
    domain, kept, dropped = unique("d"), unique("p"), unique("p")
    load(cli, write_catalogue(tmp_path, domain, {kept: (1, "Gardée"), dropped: (1, "Retirée")}))
    stale = up_to_date(server.url, token, "catalogue")
    assert cli("catalogue", "withdraw", dropped).returncode == 0
    # Within the horizon (the default, 90 days) the fresh tombstone stays and the old cursor still works.
    assert "catalogue: 0" in cli("changes", "prune").stdout
    assert get_changes(server.url, token, "catalogue", stale.cursor).status_code == 200
    pruned = central(central_env, "changes", "prune", "--days", "0")  # the horizon, injected: now
    assert pruned.returncode == 0, pruned.stderr
    assert "catalogue: 1" in pruned.stdout
    gone = get_changes(server.url, token, "catalogue", stale.cursor)
    assert gone.status_code == 410
    assert ErrorBody.model_validate_json(gone.content).error == "resync"
    fresh = up_to_date(server.url, token, "catalogue")  # no cursor: a full snapshot of the live entries
    assert f"procedure/{kept}" in fresh.live()
    assert f"procedure/{dropped}" not in fresh.entities
    assert get_changes(server.url, token, "catalogue", fresh.cursor).status_code == 200


def test_a_cursor_not_issued_for_the_scope_gets_400_and_one_from_the_future_410(server: Central, token: str) -> None:
    slots = up_to_date(server.url, token, "slots")
    assert slots.cursor is not None

    def encoded(text: str) -> str:
        return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")

    for bad in ("garbage!", "YWJj", slots.cursor, encoded("c1:catalogue:5:4"), encoded("c1:catalogue:-1:0"), "A" * 201):
        refused = get_changes(server.url, token, "catalogue", bad)
        assert refused.status_code in {400, 422}, (bad, refused.text)
        assert ErrorBody.model_validate_json(refused.content).error in {"invalid_cursor", "invalid_body"}
    assert get_changes(server.url, token, "catalogue", encoded("c1:catalogue:5:4")).status_code == 400
    future = get_changes(server.url, token, "catalogue", encoded("c1:catalogue:999999999:999999999"))
    assert future.status_code == 410  # a cursor from another (or a restored) database: resync
    assert get_changes(server.url, token, "catalogue", limit=0).status_code == 422
    big = get_changes(server.url, token, "catalogue", limit=MAX_PAGE * 10)
    assert big.status_code == 200
    assert get_changes(server.url, None, "catalogue").status_code == 401
    assert get_changes(server.url, "not-a-token", "requests").status_code == 401
    assert get_changes(server.url, token, "news").status_code == 404


def test_the_opening_hours_are_the_slots_scope(
    server: Central, token: str, central_env: dict[str, str], cli: InProcess, tmp_path: Path
) -> None:
    replica = up_to_date(server.url, token, "slots")
    demo = ROOT / "resources" / "demo" / "slots.toml"
    hours = tmp_path / "slots.toml"
    hours.write_text(demo.read_text(encoding="utf-8").replace("days_ahead = 14", "days_ahead = 21"))
    loaded = central(central_env, "slots", "load", str(hours))
    assert loaded.returncode == 0, loaded.stderr
    assert cli("slots", "load", str(hours)).stdout.strip() == "Opening hours unchanged."
    (change,) = replica.pull(server.url, token)
    assert change.id == OPENING_HOURS_ID
    page = SlotsPage.model_validate_json(get_changes(server.url, token, "slots").content)
    (current,) = page.changes
    assert current.data is not None
    assert current.data.days_ahead == 21
    assert current.data.hours["jeudi"] == ["09:00-12:00", "14:00-18:30"]
    hours.write_text(demo.read_text(encoding="utf-8").replace('"14:00-17:00"', '"17:00-14:00"'))
    refused = cli("slots", "load", str(hours))
    assert refused.returncode == 1
    assert f"{hours}: lundi: the period 17:00-14:00 ends before it starts" in refused.stderr
    assert "Nothing was loaded" in refused.stderr
    assert replica.pull(server.url, token) == []


def request_change(replica: Replica, client_uuid: uuid.UUID) -> RequestUpdate:
    change = replica.entities[str(client_uuid)]
    assert isinstance(change, RequestChange)
    assert change.data is not None
    return change.data


def test_the_requests_scope_holds_the_calling_kiosks_requests_only(server: Central, cli: InProcess) -> None:
    mine, theirs = new_kiosk(cli), new_kiosk(cli)
    my_op, their_op = submit_op(), submit_op()
    assert push(server.url, mine, my_op).status_code == 201
    assert push(server.url, theirs, their_op).status_code == 201
    my_view = up_to_date(server.url, mine, "requests")
    their_view = up_to_date(server.url, theirs, "requests")
    assert set(my_view.entities) == {str(my_op.aggregate_id)}
    assert set(their_view.entities) == {str(their_op.aggregate_id)}
    update = request_change(my_view, my_op.aggregate_id)
    assert update.status == "submitted"
    assert [(event.kind, event.code, event.status) for event in update.history] == [
        ("operation", "submitted", "submitted")
    ]
    # The other kiosk's activity does not disturb an idle poll of this one.
    etag = get_changes(server.url, mine, "requests", my_view.cursor).headers["ETag"]
    assert push(server.url, theirs, submit_op()).status_code == 201
    assert get_changes(server.url, mine, "requests", my_view.cursor, etag=etag).status_code == 304


def test_the_back_offices_changes_reach_the_kiosk_the_request_was_made_at(
    server: Central, central_env: dict[str, str], cli: InProcess
) -> None:
    kiosk = new_kiosk(cli)
    op = submit_op()
    number = OpAnswer.model_validate_json(push(server.url, kiosk, op).content).request.number
    replica = up_to_date(server.url, kiosk, "requests")
    moved = central(central_env, "request", "status", number, "awaiting_you", "--comment", "Pièce manquante")
    assert moved.returncode == 0, moved.stderr
    assert cli("request", "message", number, "Merci de passer en mairie.").returncode == 0
    received = replica.pull(server.url, kiosk)
    assert [change.version for change in received] == [3]  # both changes, the entity's newest state once
    update = request_change(replica, op.aggregate_id)
    assert (update.number, update.status) == (number, "awaiting_you")
    assert [(event.code, event.status, event.text) for event in update.history] == [
        ("submitted", "submitted", ""),
        ("status_changed", "awaiting_you", "Pièce manquante"),
        ("message", None, "Merci de passer en mairie."),
    ]
    page = RequestsPage.model_validate_json(get_changes(server.url, kiosk, "requests", limit=1).content)
    assert [change.id for change in page.changes] == [str(op.aggregate_id)]


def test_an_entity_deleted_during_a_snapshot_arrives_as_a_tombstone(
    server: Central, token: str, cli: InProcess, tmp_path: Path
) -> None:
    """The snapshot leaves out the tombstones it started with, not those of deletions made while it is paged."""
    domain, base = unique("d"), unique("p")
    first, last = f"{base}-a", f"{base}-b"  # files are loaded in name order: `last` gets the newest number
    load(cli, write_catalogue(tmp_path, domain, {first: (1, "Reçue puis retirée"), last: (1, "Dernière")}))
    live = len(up_to_date(server.url, token, "catalogue").live())
    replica = Replica("catalogue")
    page = get_changes(server.url, token, "catalogue", limit=live - 1)  # all but the newest entry
    assert replica.apply(page.content)  # has_more
    assert f"procedure/{first}" in replica.live()
    assert f"procedure/{last}" not in replica.entities
    assert cli("catalogue", "withdraw", first).returncode == 0
    rest = replica.pull(server.url, token)
    assert [change.id for change in rest] == [f"procedure/{last}", f"procedure/{first}"]
    assert replica.entities[f"procedure/{first}"].deleted
    assert replica.live() == up_to_date(server.url, token, "catalogue").live()
