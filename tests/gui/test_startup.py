"""Starting the kiosk: what an operator sees when something on the machine is wrong."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import stat
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import build_window, load_logo, start_services
from kiosk.config import Settings, demo_settings, replace
from kiosk.models.dto import Address, RequestDraft, Requester
from kiosk.views.session import OutOfService
from tests.gui.conftest import open_kiosk
from tests.gui.driver import Visitor
from tests.small_disk import small_disk

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]


def test_a_missing_logo_is_said_plainly_and_the_name_is_shown(
    qapp: object, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = replace(demo_settings(), logo=tmp_path / "absent.svg")
    with caplog.at_level(logging.WARNING, logger="kiosk"):
        assert load_logo(settings) is None
    assert any("Logo not found" in r.getMessage() and "absent.svg" in r.getMessage() for r in caplog.records)


def test_an_unreadable_logo_is_said_plainly(qapp: object, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    broken = tmp_path / "logo.png"
    broken.write_bytes(b"not an image")
    with caplog.at_level(logging.WARNING, logger="kiosk"):
        assert load_logo(replace(demo_settings(), logo=broken)) is None
    assert any("cannot be read as an image" in r.getMessage() for r in caplog.records)


def test_no_font_installed_stops_with_a_plain_message(tmp_path: Path) -> None:
    """Qt draws empty boxes without a font and says nothing: the kiosk must say it, not start blank."""
    empty = tmp_path / "fonts.conf"
    empty.write_text('<?xml version="1.0"?><fontconfig><cachedir>' + str(tmp_path) + "</cachedir></fontconfig>")
    env = {**os.environ, "FONTCONFIG_FILE": str(empty), "QT_QPA_PLATFORM": "offscreen", "KIOSK_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "--demo", "run", "--windowed", "--exit-when-painted"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "No font is installed" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_damaged_cache_is_moved_aside_and_rebuilt(tmp_path: Path) -> None:
    from kiosk.models.db import open_cache

    path = tmp_path / "kiosk.db"
    path.write_bytes(b"this is not a database" * 100)
    engine = open_cache(path)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    finally:
        engine.dispose()
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("kiosk.db.damaged-")]
    assert len(aside) == 1
    assert aside[0].read_bytes().startswith(b"this is not a database")


def a_draft(visitor: Visitor) -> RequestDraft:
    """A request for the first procedure of the demo catalogue (the cache checks the procedure and its revision)."""
    services = visitor.run(visitor.ctx.services())
    [first, *_] = visitor.run(services.catalogue.domains())
    [procedure, *_] = visitor.run(services.catalogue.procedures_in(first.slug))
    return RequestDraft(
        client_uuid=str(uuid.uuid4()),
        procedure_slug=procedure.slug,
        procedure_revision=procedure.revision,
        answers={},
        requester=Requester(
            civility="madame",
            last_name="Durand",
            first_name="Zoé",
            address=Address(line="3 rue des Lilas", postcode="45000", city="Valmont-sur-Loire"),
            email="zoe.durand@example.org",
            phone="0612345678",
            notify_by="email",
        ),
        appointment=None,
        documents=(),
    )


def out_of_service_note(qtbot: QtBot, loop: asyncio.AbstractEventLoop, settings: Settings) -> str:
    """Start the kiosk as `kiosk run` does after its first paint; return the operator's line of the out-of-service
    notice it shows (the test fails if the services start)."""
    ctx, window = build_window(settings)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    assert loop.run_until_complete(start_services(ctx, window, settings)) is None
    [notice] = window.findChildren(OutOfService)
    assert notice.isVisible()
    assert notice.operator_note is not None
    return notice.operator_note.text()


def test_a_full_disk_at_start_keeps_the_unsent_requests_and_says_why(
    qtbot: QtBot, event_loop_qt: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    """The issue's fault: on a full disk the healthy cache was set aside as damaged and a new, empty one made; once
    space was freed, the requests waiting for central could neither be followed nor sent."""
    with small_disk(tmp_path / "disk", size="8m") as disk:
        settings = demo_settings(data_dir=disk.root / "data", fullscreen=False)
        with open_kiosk(qtbot, event_loop_qt, settings) as visitor:
            requests = visitor.run(visitor.ctx.services()).requests
            submitted = visitor.run(requests.submit(a_draft(visitor)))
            waiting = visitor.run(requests.outbox())
        assert [item.client_uuid for item in waiting] == [submitted.client_uuid]
        cache = settings.database_path
        before = cache.read_bytes()

        disk.fill()
        note = out_of_service_note(qtbot, event_loop_qt, settings)
        assert "le disque de la borne est plein" in note
        assert cache.read_bytes() == before
        assert not [p for p in cache.parent.iterdir() if ".damaged-" in p.name]

        disk.free()
        with open_kiosk(qtbot, event_loop_qt, settings) as visitor:
            requests = visitor.run(visitor.ctx.services()).requests
            assert visitor.run(requests.outbox()) == waiting
            tracked = visitor.run(requests.find(submitted.tracking_code))
            assert tracked is not None
            assert tracked.reference == submitted.reference


def test_a_read_only_data_folder_is_said_to_be_one(
    qtbot: QtBot, event_loop_qt: asyncio.AbstractEventLoop, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with small_disk(tmp_path / "disk") as disk:
        settings = demo_settings(data_dir=disk.root / "data", fullscreen=False)
        with open_kiosk(qtbot, event_loop_qt, settings):
            pass
        before = settings.database_path.read_bytes()
        disk.read_only()
        with caplog.at_level(logging.ERROR, logger="kiosk"):
            note = out_of_service_note(qtbot, event_loop_qt, settings)
        assert "le dossier de données de la borne est en lecture seule" in note
        assert f"The data folder {settings.data_dir} is read-only" in caplog.text
        assert "damaged" not in caplog.text
        assert settings.database_path.read_bytes() == before


def start_kiosk_until(data_dir: Path, line: str, timeout: float = 60.0) -> tuple[int, str]:
    """Run `kiosk --demo run` in a process of its own until its log says ``line``, then stop it as systemd does
    (SIGTERM); return its exit status and what it wrote on stderr."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_DATA_DIR": str(data_dir)}
    env.pop("KIOSK_CONFIG", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--demo", "run", "--windowed"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    said: list[str] = []
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            text = process.stderr.readline()
            if not text:
                break
            said.append(text)
            if line in text:
                process.send_signal(signal.SIGTERM)
                break
        rest = process.communicate(timeout=30)[1]
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return process.returncode, "".join(said) + rest


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_after_a_real_start_the_cache_and_logs_are_the_kiosk_users_only(tmp_path: Path) -> None:
    """An install made before: the data folder 0755 and a world-readable log; a start keeps everything to the
    kiosk's user, the database and its -wal/-shm files too (they exist while it runs)."""
    data = tmp_path / "data"
    (data / "logs").mkdir(parents=True)
    os.chmod(data, 0o755)
    (data / "logs" / "kiosk.log").write_text("an older line\n")
    os.chmod(data / "logs" / "kiosk.log", 0o644)

    status, said = start_kiosk_until(data, "services ready")
    assert status == 0, said
    assert {mode(data), mode(data / "logs")} == {0o700}
    files = [p for p in (*data.iterdir(), *(data / "logs").iterdir()) if p.is_file()]
    assert {"kiosk.db", "kiosk.log", "faults.log"} <= {p.name for p in files}
    assert {p.name: mode(p) for p in files} == dict.fromkeys((p.name for p in files), 0o600)


def test_a_real_start_on_a_full_disk_is_out_of_service_and_says_why(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", size="8m") as disk:
        data = disk.root / "data"
        status, said = start_kiosk_until(data, "services ready")
        assert status == 0, said
        before = (data / "kiosk.db").read_bytes()
        disk.fill()
        status, said = start_kiosk_until(data, "out of service")
        assert status == 1, said
        assert f"The disk holding {data} is full" in said
        assert "Traceback" not in said
        assert (data / "kiosk.db").read_bytes() == before
