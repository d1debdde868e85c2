"""The pull engine against a real central on 127.0.0.1 and real kiosk cache files: the catalogue, its tombstones
and snapshots, idle polls, and the news of the kiosk's own requests. Central's database is shared by the tests of
a session, so each test loads procedures with slugs of its own and looks at those only."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from kiosk.models.db import make_engine, make_session_factory, migrate
from kiosk.models.dto import RequestStoreError, Slot
from kiosk.models.pull_store import PullRepository
from kiosk.models.repositories import CatalogueRepository
from kiosk.services.slots import SlotService, load_opening_hours
from sync.backoff import Backoff
from sync.catalogue_files import load_catalogue_directory
from sync.client import CentralClient
from sync.protocol import CataloguePage, ChangeScope, OpeningHours
from sync.pull import PullEngine, PullSummary
from sync.push import PushEngine
from tests.central.conftest import ROOT, Central, InProcess, central
from tests.central.pull import get_changes, unique, up_to_date, write_catalogue
from tests.sync.conftest import Registered
from tests.sync.fault_proxy import FaultProxy, answer
from tests.sync.kiosk_cache import KioskCache

TEN_YEARS = dt.timedelta(days=3653)


class Kiosk:
    """A fresh kiosk cache (migrated, no catalogue of its own) and its pull engine on ``url``."""

    def __init__(
        self, path: Path, url: str, token: str, *, page_size: int = 500, clock_offset: dt.timedelta = dt.timedelta()
    ):
        self.path = path
        self.engine: Engine = make_engine(path)
        migrate(self.engine)
        self.sessions: sessionmaker[Session] = make_session_factory(self.engine)

        def clock() -> dt.datetime:
            return dt.datetime.now(dt.UTC) + clock_offset

        self.store = PullRepository(self.sessions, clock)
        self.catalogue = CatalogueRepository(self.sessions)
        self.puller = PullEngine(
            self.store,
            CentralClient(url, token),
            page_size=page_size,
            backoff=Backoff(0.05, 0.2, random.Random(3)),
            clock=clock,
        )

    def pull(self, scope: ChangeScope = "catalogue") -> PullSummary:
        return self.puller.pull(scope)

    def slugs(self) -> set[str]:
        return {p.slug for p in self.catalogue.all_procedures()}

    def dump(self) -> list[tuple[object, ...]]:
        """Every row the pull writes, read with sqlite3 (not through the code under test)."""
        with sqlite3.connect(self.path) as raw:
            rows = [
                *raw.execute("SELECT slug, revision, domain_slug, definition_json FROM procedure ORDER BY slug"),
                *raw.execute("SELECT slug, revision, definition_json FROM procedure_revision ORDER BY slug, revision"),
                *raw.execute("SELECT slug, position, definition_json FROM domain ORDER BY slug"),
                *raw.execute("SELECT scope, entity_id, version, deleted FROM sync_entity ORDER BY scope, entity_id"),
                *raw.execute("SELECT scope, cursor FROM sync_state ORDER BY scope"),
            ]
        raw.close()
        return rows

    def close(self) -> None:
        self.engine.dispose()


@pytest.fixture
def kiosks(tmp_path: Path) -> Iterator[list[Kiosk]]:
    made: list[Kiosk] = []
    yield made
    for kiosk in made:
        kiosk.close()


def new_kiosk(
    kiosks: list[Kiosk],
    tmp_path: Path,
    url: str,
    token: str,
    *,
    page_size: int = 500,
    clock_offset: dt.timedelta = dt.timedelta(),
) -> Kiosk:
    made = Kiosk(tmp_path / f"kiosk-{len(kiosks)}.db", url, token, page_size=page_size, clock_offset=clock_offset)
    kiosks.append(made)
    return made


def load(cli: InProcess, directory: Path) -> None:
    """``central catalogue load`` in this process (the command as typed runs once, in the first test)."""
    loaded = cli("catalogue", "load", str(directory))
    assert loaded.returncode == 0, loaded.stderr


def test_the_catalogue_loaded_on_central_reaches_a_fresh_kiosk_page_by_page_then_idle_polls_get_304(
    server: Central, kiosk: Registered, kiosks: list[Kiosk], tmp_path: Path, cli: InProcess
) -> None:
    # As typed in the README (a second load of the same files changes nothing).
    typed = central(server.env, "catalogue", "load", str(ROOT / "resources" / "catalogue"))
    assert typed.returncode == 0, typed.stderr
    demo = load_catalogue_directory(ROOT / "resources" / "catalogue")
    fresh = new_kiosk(kiosks, tmp_path, server.url, kiosk.token, page_size=3)

    first = fresh.pull()

    assert first.stopped_reason is None, first.error
    assert first.pages >= 3
    assert first.applied >= len(demo.procedures) + len(demo.domains)
    assert {p.slug for p in demo.procedures} <= fresh.slugs()
    passport = fresh.catalogue.procedure(demo.procedures[0].slug)
    assert passport is not None
    assert passport.definition == demo.procedures[0]
    info = fresh.catalogue.catalogue_info()
    assert info is not None
    assert info.source == "central"
    # Idle: the first poll finds nothing and learns the ETag of its cursor, the next one is answered 304.
    idle = fresh.pull()
    assert (idle.pages, idle.applied, idle.not_modified) == (1, 0, False)
    again = fresh.pull()
    assert (again.pages, again.applied, again.not_modified) == (0, 0, True)
    # A change on central ends the 304s.
    slug = unique("p")
    load(cli, write_catalogue(tmp_path / "more", unique("d"), {slug: (1, "Nouvelle")}))
    news = fresh.pull()
    assert not news.not_modified
    assert news.applied == 2
    assert slug in fresh.slugs()


def test_a_withdrawn_procedure_leaves_the_kiosk_keeps_its_revision_and_a_fresh_kiosk_never_sees_it(
    server: Central, kiosk: Registered, kiosks: list[Kiosk], tmp_path: Path, cli: InProcess
) -> None:
    domain, kept, gone = unique("d"), unique("keep"), unique("gone")
    load(cli, write_catalogue(tmp_path / "cat", domain, {kept: (1, "Gardée"), gone: (1, "Retirée")}))
    # A clock ten years ahead here, ten years behind for the fresh kiosk below: order is central's, never theirs.
    old = new_kiosk(kiosks, tmp_path, server.url, kiosk.token, clock_offset=TEN_YEARS)
    assert old.pull().stopped_reason is None
    assert {kept, gone} <= old.slugs()

    withdrawn = cli("catalogue", "withdraw", gone)
    assert withdrawn.returncode == 0, withdrawn.stderr
    summary = old.pull()

    assert summary.applied == 1  # the tombstone
    assert kept in old.slugs()
    assert gone not in old.slugs()
    assert old.catalogue.procedure(gone) is None
    revision = old.catalogue.procedure_revision(gone, 1)  # a request that pinned it still reads its definition
    assert revision is not None
    assert revision.definition.title.fr == "Retirée"
    # F11: a kiosk that starts now never gets the withdrawn procedure, not even its revision.
    fresh = new_kiosk(kiosks, tmp_path, server.url, kiosk.token, clock_offset=-TEN_YEARS)
    assert fresh.pull().stopped_reason is None
    assert kept in fresh.slugs()
    assert gone not in fresh.slugs()
    assert fresh.catalogue.procedure_revision(gone, 1) is None


def test_a_cursor_past_the_tombstone_horizon_resyncs_and_the_snapshot_removes_what_is_gone(
    server: Central, kiosk: Registered, kiosks: list[Kiosk], tmp_path: Path, cli: InProcess
) -> None:
    domain, kept, gone = unique("d"), unique("keep"), unique("gone")
    load(cli, write_catalogue(tmp_path / "cat", domain, {kept: (1, "Gardée"), gone: (1, "Retirée")}))
    behind = new_kiosk(kiosks, tmp_path, server.url, kiosk.token)
    assert behind.pull().stopped_reason is None
    assert cli("catalogue", "withdraw", gone).returncode == 0
    # The tombstone is pruned before this kiosk saw it: its cursor is past the horizon.
    pruned = cli("changes", "prune", "--days", "0")
    assert pruned.returncode == 0, pruned.stderr

    summary = behind.pull()

    assert summary.resynced
    assert summary.stopped_reason is None
    assert kept in behind.slugs()
    assert gone not in behind.slugs()
    assert behind.catalogue.procedure_revision(gone, 1) is not None  # revisions stay for pinned requests
    # The snapshot is complete: the next poll continues from its cursor.
    assert not behind.pull().resynced


def _arm_failing_cursor_write(path: Path) -> None:
    # A real fault of the kiosk's disk between the page and its cursor: the one transaction must undo the page.
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE cursor_fault (armed INTEGER)")
        raw.execute("INSERT INTO cursor_fault VALUES (1)")
        raw.execute(
            "CREATE TRIGGER cursor_fails BEFORE UPDATE OF cursor ON sync_state WHEN (SELECT armed FROM cursor_fault) "
            "BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END"
        )
    raw.close()


def test_a_page_is_kept_with_its_cursor_or_not_at_all_and_applying_it_twice_changes_nothing(
    server: Central, kiosk: Registered, kiosks: list[Kiosk], tmp_path: Path, cli: InProcess
) -> None:
    target = new_kiosk(kiosks, tmp_path, server.url, kiosk.token)
    assert target.pull().stopped_reason is None
    cursor = up_to_date(server.url, kiosk.token, "catalogue").cursor
    domain, slug = unique("d"), unique("p")
    load(cli, write_catalogue(tmp_path / "cat", domain, {slug: (1, "Une")}))
    before = target.dump()
    _arm_failing_cursor_write(target.path)

    with pytest.raises(RequestStoreError, match="disk I/O error"):
        target.pull()

    assert target.dump() == before  # neither the page nor its cursor
    with sqlite3.connect(target.path) as raw:
        raw.execute("UPDATE cursor_fault SET armed = 0")
    raw.close()
    assert target.pull().applied == 2
    assert slug in target.slugs()
    after = target.dump()

    # The same page again (a kiosk stopped after the commit, before anything else) changes nothing.
    response = get_changes(server.url, kiosk.token, "catalogue", cursor)
    page = CataloguePage.model_validate_json(response.content)
    assert target.store.apply_page("catalogue", page, None, snapshot_start=False) == 0
    assert target.dump() == after
    # An older version after a newer one changes nothing either: the version decides, not the order of arrival.
    load(cli, write_catalogue(tmp_path / "cat", domain, {slug: (2, "Deux")}))
    assert target.pull().applied == 1
    newer = target.dump()
    assert target.store.apply_page("catalogue", page, None, snapshot_start=False) == 0
    # Only the cursor went back to that page's: the next pull brings the same changes again, to no effect.
    assert target.pull().applied == 0
    assert target.dump() == newer
    detail = target.catalogue.procedure(slug)
    assert detail is not None
    assert detail.definition.revision == 2


def test_a_procedure_the_schema_refuses_is_left_out_and_the_rest_of_the_page_applied(
    server: Central,
    kiosk: Registered,
    kiosks: list[Kiosk],
    tmp_path: Path,
    cli: InProcess,
    caplog: pytest.LogCaptureFixture,
) -> None:
    cursor = up_to_date(server.url, kiosk.token, "catalogue").cursor
    domain, good, bad = unique("d"), unique("good"), unique("bad")
    load(cli, write_catalogue(tmp_path / "cat", domain, {good: (1, "Bonne"), bad: (1, "Mauvaise")}))
    body = json.loads(get_changes(server.url, kiosk.token, "catalogue", cursor).content)
    for change in body["changes"]:
        if change["id"] == f"procedure/{bad}":
            change["data"]["procedure"]["steps"] = []  # what the TOML loader refuses too
    # A central (or a proxy) sending that page: the kiosk reads it as it would any other.
    proxy = FaultProxy(server.url, decide=lambda: answer(200, body=json.dumps(body).encode()))
    try:
        target = new_kiosk(kiosks, tmp_path, proxy.url, kiosk.token)
        summary = target.pull()
    finally:
        proxy.close()

    assert (summary.applied, summary.rejected, summary.stopped_reason) == (2, 1, None)
    assert good in target.slugs()
    assert bad not in target.slugs()
    assert f"procedure/{bad} left out" in caplog.text


def test_a_status_set_on_central_reaches_the_history_of_the_request_at_the_kiosk(
    server: Central, kiosk: Registered, cache: KioskCache, cli: InProcess
) -> None:
    (submitted,) = cache.submit(1)
    client = CentralClient(server.url, kiosk.token)
    assert PushEngine(cache.outbox, client).drain().sent == 1
    number = cache.rows()[0].number
    assert number is not None
    changed = central(server.env, "request", "status", number, "in_progress")  # as an agent types it
    assert changed.returncode == 0, changed.stderr
    # The kiosk's clock ten years behind: central's versions and cursor order everything.
    store = PullRepository(cache.sessions, lambda: dt.datetime.now(dt.UTC) - TEN_YEARS)
    puller = PullEngine(store, client)

    summary = puller.pull("requests")

    assert summary.stopped_reason is None
    assert summary.applied >= 1
    tracked = cache.requests.find_by_code(submitted.tracking_code)
    assert tracked is not None
    assert tracked.status == "in_progress"
    codes = [(event.kind, event.code) for event in tracked.events]
    assert codes[-2:] == [("operation", "received"), ("operation", "in_progress")]
    # A message later: central sends the whole history again, and only the new event is added.
    written = cli("request", "message", number, "Merci de passer en mairie.")
    assert written.returncode == 0, written.stderr
    assert puller.pull("requests").applied == 1
    # A snapshot of the scope again (after a 410) copies nothing twice either.
    store.forget_cursor("requests")
    assert puller.pull("requests").stopped_reason is None
    again = cache.requests.find_by_code(submitted.tracking_code)
    assert again is not None
    assert [(e.kind, e.code, e.detail) for e in again.events][len(codes) :] == [("exchange", "message", "")]
    assert [(e.kind, e.code) for e in again.events][: len(codes)] == codes


def test_the_slots_come_from_central_s_opening_hours_once_pulled_and_from_the_file_before(
    server: Central, kiosk: Registered, kiosks: list[Kiosk], tmp_path: Path, cli: InProcess
) -> None:
    zone = ZoneInfo("Europe/Paris")
    from_file = load_opening_hours(ROOT / "resources" / "demo" / "slots.toml", zone)
    place = unique("Guichet")
    hours = tmp_path / "slots.toml"
    hours.write_text(
        f'place = "{place}"\nslot_minutes = 30\ndays_ahead = 7\n\n[hours]\nlundi = ["10:00-11:00"]\n', encoding="utf-8"
    )
    loaded = cli("slots", "load", str(hours))
    assert loaded.returncode == 0, loaded.stderr
    target = new_kiosk(kiosks, tmp_path, server.url, kiosk.token)

    async def available() -> list[Slot]:
        async def pulled() -> OpeningHours | None:
            return await asyncio.to_thread(target.store.opening_hours)

        async def taken() -> frozenset[str]:
            return frozenset()

        return await SlotService(from_file, taken, pulled=pulled).available()

    before = asyncio.run(available())
    assert before
    assert {slot.place for slot in before} == {from_file.place}
    assert target.pull("slots").applied == 1
    after = asyncio.run(available())
    # Mondays only, 10:00 and 10:30, for a week ahead: the hours central sent, in the town's time zone.
    assert len(after) == 2
    assert {slot.place for slot in after} == {place}
    assert {(s.starts_at.weekday(), s.starts_at.astimezone(zone).strftime("%H:%M")) for s in after} == {
        (0, "10:00"),
        (0, "10:30"),
    }


def test_a_cancel_still_waiting_at_the_kiosk_keeps_its_status_until_central_has_heard_it(
    server: Central, kiosk: Registered, cache: KioskCache, cli: InProcess
) -> None:
    (submitted,) = cache.submit(1)
    client = CentralClient(server.url, kiosk.token)
    pusher, puller = PushEngine(cache.outbox, client), PullEngine(PullRepository(cache.sessions), client)
    assert pusher.drain().sent == 1
    number = cache.rows()[0].number
    assert number is not None
    cache.cancel(submitted.tracking_code)  # queued: central does not know yet
    assert cli("request", "status", number, "in_progress").returncode == 0

    assert puller.pull("requests").applied == 1

    waiting = cache.requests.find_by_code(submitted.tracking_code)
    assert waiting is not None
    assert waiting.status == "cancelled"  # the citizen's cancel is not undone by news older than it
    assert ("operation", "in_progress") in [(e.kind, e.code) for e in waiting.events]
    assert pusher.drain().sent == 1
    assert puller.pull("requests").applied == 1
    settled = cache.requests.find_by_code(submitted.tracking_code)
    assert settled is not None
    assert settled.status == "cancelled"
    assert [(e.kind, e.code) for e in settled.events][-1] == ("operation", "cancel_sent")


def test_a_procedure_sent_before_its_domain_is_offered_once_the_domain_arrives(
    server: Central, kiosk: Registered, kiosks: list[Kiosk], tmp_path: Path, cli: InProcess
) -> None:
    domain, slug = unique("d"), unique("p")
    directory = write_catalogue(tmp_path / "cat", domain, {slug: (1, "Une")})
    load(cli, directory)
    # The domain changes later: in a snapshot (entities in the order of their last change) it comes after the
    # procedure, here on a page of its own.
    (directory / "domains.toml").write_text(
        (directory / "domains.toml").read_text(encoding="utf-8").replace("Domaine ", "Nouveau domaine "),
        encoding="utf-8",
    )
    load(cli, directory)
    fresh = new_kiosk(kiosks, tmp_path, server.url, kiosk.token, page_size=1)

    assert fresh.pull().stopped_reason is None

    assert slug in fresh.slugs()
    detail = fresh.catalogue.procedure(slug)
    assert detail is not None
    assert detail.summary.domain_title.fr == f"Nouveau domaine {domain}"
