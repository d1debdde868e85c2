"""The SQLite engine and its Alembic migrations."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.models.base import Base
from kiosk.models.db import alembic_config, make_engine, make_session_factory, migrate
from kiosk.models.guard_repository import AGENT_GUARD, TRACKING_GUARD, GuardStateRepository
from kiosk.models.guard_state import GuardState
from kiosk.models.request_repository import RequestRepository
from kiosk.models.tables import Domain, Procedure
from kiosk.models.tracking_key import load_tracking_key

TABLES = {
    "alembic_version",
    "catalogue_state",
    "domain",
    "procedure",
    "procedure_revision",
    "counter",
    "leased_code",
    "opening_hours",
    "outbox",
    "request",
    "request_document",
    "request_event",
    "sync_entity",
    "sync_state",
    "guard_state",
}


def test_pragmas_are_set_on_every_connection(session_factory: sessionmaker[Session]) -> None:
    with session_factory() as session:
        assert session.scalar(text("PRAGMA journal_mode")) == "wal"
        assert session.scalar(text("PRAGMA foreign_keys")) == 1
        assert session.scalar(text("PRAGMA synchronous")) == 2  # FULL
        assert session.scalar(text("PRAGMA secure_delete")) == 1
        assert session.scalar(text("PRAGMA busy_timeout")) == 5000


def test_foreign_keys_are_enforced(session_factory: sessionmaker[Session]) -> None:
    now = dt.datetime.now(dt.UTC)
    row = Procedure(
        slug="orphan",
        revision=1,
        domain_slug="nowhere",
        title_fr="x",
        title_en=None,
        definition_json="{}",
        loaded_at=now,
    )
    with pytest.raises(IntegrityError), session_factory.begin() as session:
        session.add(row)
    with session_factory() as session:
        assert session.scalars(select(Procedure)).all() == []


def test_restrict_keeps_a_domain_that_procedures_use(session_factory: sessionmaker[Session]) -> None:
    now = dt.datetime.now(dt.UTC)
    with session_factory.begin() as session:
        session.add(Domain(slug="d", position=0, icon="folder", title_fr="D", title_en=None, definition_json="{}"))
        session.flush()
        session.add(
            Procedure(
                slug="p", revision=1, domain_slug="d", title_fr="P", title_en=None, definition_json="{}", loaded_at=now
            )
        )
    with pytest.raises(IntegrityError), session_factory.begin() as session:
        session.execute(text("DELETE FROM domain WHERE slug = 'd'"))


def test_migrated_schema_matches_the_orm(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
        inspector = inspect(connection)
        assert set(inspector.get_table_names()) == TABLES
        # Autogenerate does not compare ON DELETE on SQLite: check it by hand.
        (fk,) = inspector.get_foreign_keys("procedure")
        assert fk["referred_table"] == "domain"
        assert fk["options"].get("ondelete") == "RESTRICT"
        assert [ix["name"] for ix in inspector.get_indexes("procedure")] == ["ix_procedure_domain_slug"]


def test_migrate_is_idempotent_and_keeps_data(engine: Engine, session_factory: sessionmaker[Session]) -> None:
    with session_factory.begin() as session:
        session.add(Domain(slug="d", position=0, icon="folder", title_fr="D", title_en=None, definition_json="{}"))
    migrate(engine)
    migrate(engine)
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    with engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == head
    with session_factory() as session:
        assert session.scalars(select(Domain.slug)).all() == ["d"]
        # migrate() turns foreign keys off while it runs; the pooled connection must get them back.
        assert session.scalar(text("PRAGMA foreign_keys")) == 1


def test_downgrade_to_base_and_back(engine: Engine) -> None:
    config = alembic_config()
    with engine.connect() as connection, connection.begin():
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
        assert set(inspect(connection).get_table_names()) == {"alembic_version"}
    migrate(engine)
    with engine.connect() as connection:
        assert set(inspect(connection).get_table_names()) == TABLES


def test_make_engine_creates_the_parent_directory(tmp_path: Path) -> None:
    path = tmp_path / "deep?er#" / "kiosk.db"
    engine = make_engine(path)
    try:
        migrate(engine)
        assert path.is_file()
    finally:
        engine.dispose()


def test_make_engine_refuses_memory_databases() -> None:
    with pytest.raises(ValueError, match="file path"):
        make_engine(Path(":memory:"))


def cache_at(path: Path, revision: str) -> Path:
    """A cache at ``path`` migrated up to ``revision`` only: what a kiosk of that version left."""
    engine = make_engine(path)
    config = alembic_config()
    with engine.connect() as connection, connection.begin():
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()
    return path


def test_0003_renames_the_files_and_their_history_and_keeps_them(tmp_path: Path) -> None:
    """A kiosk updated with requests still unsent keeps their files and history under the new names."""
    path = cache_at(tmp_path / "kiosk.db", "0002")
    raw = sqlite3.connect(path)
    with raw:
        raw.execute("INSERT INTO procedure_revision VALUES ('acte', 1, '{}', '2026-11-30 09:00:00')")
        raw.execute(
            "INSERT INTO request VALUES (1, 'u', 'borne-1-2026-000001', 'BCDFGHJK', 'acte', 1, 'kiosk', 'submitted', "
            "0, '{}', '{}', NULL, '2026-11-30 10:00:00', '2026-11-30 10:00:00')"
        )
        raw.execute(
            "INSERT INTO request_attachment VALUES (1, 1, 'justificatif', 1, 'a.pdf', 'application/pdf', 3, 'h', x'00')"
        )
        raw.execute("INSERT INTO request_event VALUES (1, 1, 'attachment', 'attachment_added', '2026-11-30', 'j:1')")
    raw.close()

    migrate(make_engine(path))

    raw = sqlite3.connect(path)
    assert raw.execute("SELECT field_id, filename, content FROM request_document").fetchall() == [
        ("justificatif", "a.pdf", b"\x00")
    ]
    assert raw.execute("SELECT kind, code FROM request_event").fetchall() == [("document", "document_added")]
    with pytest.raises(sqlite3.IntegrityError, match="ck_request_event_kind"):
        raw.execute(
            "INSERT INTO request_event (id, request_id, kind, code, at, detail) "
            "VALUES (2, 1, 'attachment', 'x', '2026-11-30', '')"
        )
    raw.close()


def _requester_json() -> str:
    address = {"line": "1 rue Haute", "complement": "", "postcode": "45000", "city": "Valmont"}
    return json.dumps(
        {
            "civility": "madame",
            "last_name": "Canaryname",
            "first_name": "Zoé",
            "address": address,
            "email": "z@example.org",
            "phone": "",
            "notify_by": "email",
        }
    )


def test_0004_keeps_a_keyed_hash_of_each_tracking_code_and_still_finds_the_requests(tmp_path: Path) -> None:
    """A kiosk updated with requests finds each by its code afterwards; the request table no longer holds it."""
    path = cache_at(tmp_path / "kiosk.db", "0003")
    raw = sqlite3.connect(path)
    with raw:
        raw.execute(
            "INSERT INTO procedure_revision VALUES ('acte', 1, ?, '2026-11-30 09:00:00')",
            (json.dumps({"title": {"fr": "Acte de naissance"}}),),
        )
        for n, code in ((1, "BCDFGHJK"), (2, "CDFGHJKL")):
            raw.execute(
                "INSERT INTO request VALUES (?, ?, ?, ?, 'acte', 1, 'kiosk', 'submitted', 0, '{}', ?, NULL, "
                "'2026-11-30 10:00:00', '2026-11-30 10:00:00')",
                (n, f"u{n}", f"borne-1-2026-00000{n}", code, _requester_json()),
            )
            raw.execute(
                "INSERT INTO outbox (op_id, kind, request_id, payload_json, created_at, attempts) "
                "VALUES (?, 'request.submit', ?, ?, '2026-11-30 10:00:00', 0)",
                (f"op{n}", n, json.dumps({"tracking_code": code})),
            )
        raw.execute("INSERT INTO request_document VALUES (1, 1, 'piece', 1, 'a.pdf', 'application/pdf', 1, 'h', x'00')")
    raw.close()

    migrated = make_engine(path)
    try:
        migrate(migrated)
        raw = sqlite3.connect(path)
        columns = [name for _, name, *_ in raw.execute("PRAGMA table_info(request)")]
        values = [str(v) for row in raw.execute("SELECT * FROM request") for v in row]
        payloads = [json.loads(p) for (p,) in raw.execute("SELECT payload_json FROM outbox ORDER BY id")]
        raw.close()
        assert "tracking_code" not in columns
        assert not [v for v in values if "BCDFGHJK" in v or "CDFGHJKL" in v]
        # The unsent operations still carry the code to central.
        assert payloads == [{"tracking_code": "BCDFGHJK"}, {"tracking_code": "CDFGHJKL"}]

        key = load_tracking_key(path)
        assert (path.parent / "tracking.key").stat().st_mode & 0o777 == 0o600
        repository = RequestRepository(make_session_factory(migrated), key)
        found = repository.find_by_code("BCDFGHJK")
        assert found is not None
        assert (found.reference, found.tracking_code) == ("borne-1-2026-000001", "BCDFGHJK")
        assert [d.filename for d in found.documents] == ["a.pdf"]
        second = repository.find_by_code("CDFGHJKL")
        assert second is not None
        assert second.reference == "borne-1-2026-000002"
        assert repository.find_by_code("DFGHJKLM") is None
        # The hash is as unique as the code was.
        with pytest.raises(IntegrityError), migrated.begin() as connection:
            connection.execute(
                text("UPDATE request SET tracking_code_hash = (SELECT max(tracking_code_hash) FROM request)")
            )
    finally:
        migrated.dispose()


def test_0009_keeps_the_tracking_guards_row_under_its_name_and_back(tmp_path: Path) -> None:
    """An upgrade during a block must not lift it: the single row becomes the tracking guard's."""
    path = cache_at(tmp_path / "kiosk.db", "0008")
    raw = sqlite3.connect(path)
    with raw:
        raw.execute("INSERT INTO tracking_guard VALUES (1, '[1800000000.0]', 1800000060.0)")
    raw.close()
    engine = make_engine(path)
    migrate(engine)

    factory = make_session_factory(engine)
    tracking = GuardStateRepository(factory, TRACKING_GUARD)
    assert tracking.load() == GuardState((1_800_000_000.0,), 1_800_000_060.0)
    assert GuardStateRepository(factory, AGENT_GUARD).load() == GuardState()  # each guard its own row
    GuardStateRepository(factory, AGENT_GUARD).save(GuardState((1_800_000_001.0,), 1_800_000_002.0))
    assert tracking.load() == GuardState((1_800_000_000.0,), 1_800_000_060.0)

    config = alembic_config()
    with engine.connect() as connection, connection.begin():
        config.attributes["connection"] = connection
        command.downgrade(config, "0008")
    engine.dispose()
    raw = sqlite3.connect(path)
    assert raw.execute("SELECT id, failures_json, blocked_until FROM tracking_guard").fetchall() == [
        (1, "[1800000000.0]", 1800000060.0)
    ]
    raw.close()
