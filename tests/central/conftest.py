"""A real central for the tests: ``central db upgrade`` then ``central serve`` as subprocesses, on 127.0.0.1 and a
free port, once per test session and database backend.

SQLite always (a temp file). PostgreSQL too when ``CENTRAL_TEST_POSTGRES_URL`` is set (e.g.
``postgresql+psycopg://postgres@127.0.0.1:5432/postgres``): a fresh database is created on that server for the
session and dropped after it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import sessionmaker

from central.backoffice import BackOffice
from central.config import load_settings
from central.families import FamilyGrants
from kiosk.tools.central_process import CentralStartError, wait_until_healthy
from tests.central.mail_server import SmtpSink
from tests.central.wire import PASSPORT_PNG, put_blob

ROOT = Path(__file__).resolve().parents[2]
# The console script installed beside the interpreter running the tests: .venv/bin/central.
CENTRAL = str(Path(sys.executable).parent / "central")
POSTGRES_ENV = "CENTRAL_TEST_POSTGRES_URL"
BACKENDS = ["sqlite", *(["postgresql"] if os.environ.get(POSTGRES_ENV) else [])]
TIMEOUT = (3.05, 10)
# The procedures ``mail_central`` pins on « Mon accueil » (CENTRAL_PINNED_PROCEDURES), in this order; the last is
# in no catalogue, so never shown.
PINNED = ("passeport", "changement-adresse", "inscription-scolaire", "pas-au-catalogue")


def central(env: dict[str, str], *args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """``central ARGS`` as an operator types it, with ``env`` (the CENTRAL_* of the database under test)."""
    return subprocess.run(
        [CENTRAL, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Central:
    """A running ``central serve``: its base URL, its environment, its process."""

    url: str
    env: dict[str, str]
    process: subprocess.Popen[bytes]
    log: Path
    tokens: dict[str, str] = field(default_factory=dict)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def start_central(env: dict[str, str], log: Path, port: int | None = None) -> Central:
    port = port or free_port()
    with log.open("ab") as sink:
        process = subprocess.Popen(
            [CENTRAL, "serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    server = Central(f"http://127.0.0.1:{port}", env, process, log)
    try:
        # A deadline for a central that does not start, not a speed: a loaded machine starts it in seconds.
        wait_until_healthy(process, server.url, timeout_s=60)
    except CentralStartError as exc:
        server.stop()
        raise RuntimeError(f"{exc}:\n{server.log_text()}") from None
    return server


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with fresh_database(request.param, tmp_path_factory.mktemp("central")) as url:
        yield url


@contextmanager
def fresh_database(backend: str, folder: Path) -> Iterator[str]:
    """An empty database: a file in ``folder``, or a new database on the PostgreSQL server (dropped after)."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'central.db'}"
        return
    admin_url = make_url(os.environ[POSTGRES_ENV])
    name = f"central_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def central_env(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CENTRAL_")}
    env.update(
        CENTRAL_DATABASE_URL=database_url,
        CENTRAL_DATA_DIR=str(tmp_path_factory.mktemp("central-data")),
        CENTRAL_TIMEZONE="Europe/Paris",
    )
    upgraded = central(env, "db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    return env


@pytest.fixture(scope="session")
def server(central_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Central]:
    running = start_central(central_env, tmp_path_factory.mktemp("logs") / "central.log")
    # The file the tests' submits name (tests.central.wire.passport): a submit whose file is missing gets 409.
    uploaded = put_blob(running.url, add_kiosk(central_env, "borne-uploads"), PASSPORT_PNG)
    assert uploaded.status_code in {200, 201}, uploaded.text
    yield running
    running.stop()


@pytest.fixture(scope="session")
def db(database_url: str) -> Iterator[Engine]:
    """The server's database, for the tests to count rows (never to write)."""
    engine = create_engine(database_url)
    yield engine
    engine.dispose()


def add_kiosk(env: dict[str, str], name: str) -> str:
    added = central(env, "kiosk", "add", name)
    assert added.returncode == 0, added.stderr
    return added.stdout.strip()


@contextmanager
def back_office(env: dict[str, str]) -> Iterator[BackOffice]:
    """The agents' back office of the central of ``env``, as its CLI builds it."""
    settings = load_settings(environ=env)
    engine = create_engine(settings.database_url)
    try:
        yield BackOffice(sessionmaker(engine), FamilyGrants(settings.secret(), settings.mail_from))
    finally:
        engine.dispose()


def add_message(env: dict[str, str], number: str, text: str) -> None:
    """An agent writes ``text`` to the requester of ``number`` (``central request message``)."""
    with back_office(env) as office:
        office.add_message(number, text)


@pytest.fixture(scope="module")
def token(central_env: dict[str, str]) -> str:
    """The device token of a kiosk registered for this module."""
    return add_kiosk(central_env, f"borne-{uuid.uuid4().hex[:8]}")


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


class InProcess:
    """``central.cli.main`` called in this process, on the test database: the error paths of the CLI without a
    second of interpreter start-up each (the happy paths run as subprocesses, exactly as typed)."""

    def __init__(self, env: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
        for name, value in env.items():
            if name.startswith("CENTRAL_"):
                monkeypatch.setenv(name, value)
        self._capsys = capsys

    def __call__(self, *args: str) -> Ran:
        from central.cli import main

        self._capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exit_:  # argparse refusing the command line
            code = int(exit_.code or 0)
        out, err = self._capsys.readouterr()
        return Ran(code, out, err)


@pytest.fixture
def cli(central_env: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> InProcess:
    return InProcess(central_env, monkeypatch, capsys)


@dataclass
class MailCentral:
    """A central of its own (own database: no other sender takes its mails) whose mails go to a real SMTP server."""

    server: Central
    smtp: SmtpSink
    token: str
    database_url: str


@pytest.fixture
def sqlite_only(database_url: str) -> None:
    """For what every backend serves alike (the pages a browser tests, the OpenAPI fuzz): run once, on SQLite."""
    if make_url(database_url).get_backend_name() != "sqlite":
        pytest.skip("the same on every backend: tested once, on SQLite")


@pytest.fixture(scope="session")
def mail_central(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[MailCentral]:
    smtp = SmtpSink(free_port())
    smtp.start()
    backend = make_url(database_url).get_backend_name()
    with fresh_database(backend, tmp_path_factory.mktemp("mail-central")) as url:
        port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("CENTRAL_")}
        env.update(
            CENTRAL_DATABASE_URL=url,
            CENTRAL_DATA_DIR=str(tmp_path_factory.mktemp("mail-central-data")),
            CENTRAL_TIMEZONE="Europe/Paris",
            CENTRAL_PUBLIC_URL=f"http://127.0.0.1:{port}",
            CENTRAL_SMTP_HOST="127.0.0.1",
            CENTRAL_SMTP_PORT=str(smtp.port),
            CENTRAL_SMTP_SECURITY="none",
            CENTRAL_MAIL_FROM="mairie@valmont.example",
            CENTRAL_MAIL_RETRY_S="1",
            CENTRAL_PINNED_PROCEDURES=",".join(PINNED),
        )
        upgraded = central(env, "db", "upgrade")
        assert upgraded.returncode == 0, upgraded.stderr
        running = start_central(env, tmp_path_factory.mktemp("mail-logs") / "central.log", port)
        try:
            yield MailCentral(running, smtp, add_kiosk(env, "borne-mail"), url)
        finally:
            running.stop()
            smtp.stop()
