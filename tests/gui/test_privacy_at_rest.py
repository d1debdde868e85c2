"""Personal data at rest, through the real composition root: what a restart keeps (the tracking-code guard) and
what time removes (cancelled requests and their files)."""

from __future__ import annotations

import asyncio
import sqlite3
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.config import Settings, demo_settings
from kiosk.models.dto import Address, DocumentFile, RequestDraft, Requester
from kiosk.views.pages.find_request import FindRequestPage
from tests.gui.conftest import open_kiosk
from tests.gui.driver import Visitor

pytestmark = pytest.mark.gui
CANARY = b"%PDF-1.4 canary-file-bytes-of-a-cancelled-request"


def settings_in(tmp_path: Path) -> Settings:
    return demo_settings(data_dir=tmp_path / "data", fullscreen=False, second_ms=10)


def find_page(person: Visitor) -> FindRequestPage:
    person.tap_text("Suivre une demande")
    page = person.page
    assert isinstance(page, FindRequestPage)
    return page


def try_code(person: Visitor, page: FindRequestPage, code: str) -> None:
    page.field.selectAll()
    person.qtbot.keyClick(page.field, Qt.Key.Key_Backspace)
    person.qtbot.keyClicks(page.field, code)
    person.tap(page.search_button)


def test_a_restart_does_not_give_a_guesser_a_fresh_allowance(
    qtbot: QtBot, event_loop_qt: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    settings = settings_in(tmp_path)
    with open_kiosk(qtbot, event_loop_qt, settings) as person:
        page = find_page(person)
        for _ in range(5):
            try_code(person, page, "BCDFGHJK")
        assert not page.field.isEnabled()

    # A crash or a restart: a new window, a new guard, the same data folder.
    with open_kiosk(qtbot, event_loop_qt, settings) as person:
        assert person.ctx.tracking_guard.blocked_for() > 50
        page = find_page(person)
        assert not page.field.isEnabled()
        assert page.message.text().startswith("Trop d'essais.")


def _cancelled_request(person: Visitor) -> str:
    """Submit and cancel a request with one file through the services; its reference."""
    raw = sqlite3.connect(person.settings.database_path)
    slug, revision = raw.execute("SELECT slug, revision FROM procedure_revision LIMIT 1").fetchone()
    raw.close()
    requests = person.ctx.attached_services().requests
    draft = RequestDraft(
        client_uuid=str(uuid.uuid4()),
        procedure_slug=slug,
        procedure_revision=revision,
        answers={"motif": "canary-answer"},
        requester=Requester(
            "madame", "Canaryname", "Zoé", Address("1 rue Haute", "45000", "Valmont"), "z@example.org", "", "email"
        ),
        appointment=None,
        documents=(DocumentFile("piece", 1, "canary.pdf", "application/pdf", CANARY),),
    )
    submitted = person.run(requests.submit(draft))
    person.run(requests.cancel(submitted.tracking_code))
    return submitted.reference


def test_cancelled_requests_and_their_files_are_purged_at_start_up_once_sent_and_old(
    qtbot: QtBot, event_loop_qt: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    settings = settings_in(tmp_path)
    with open_kiosk(qtbot, event_loop_qt, settings) as person:
        old = _cancelled_request(person)
        unsent = _cancelled_request(person)
    raw = sqlite3.connect(settings.database_path)
    with raw:  # central acknowledged the first one, and its cancellation was long ago
        raw.execute("UPDATE request SET updated_at = '2020-01-01 10:00:00' WHERE 1")
        raw.execute(
            "UPDATE outbox SET sent_at = '2020-01-01 11:00:00' "
            "WHERE request_id = (SELECT id FROM request WHERE reference = ?)",
            (old,),
        )
    raw.close()

    with open_kiosk(qtbot, event_loop_qt, settings):
        raw = sqlite3.connect(settings.database_path)
        references = [r for (r,) in raw.execute("SELECT reference FROM request")]
        files = raw.execute("SELECT count(*) FROM request_document").fetchone()
        raw.close()
    # Nothing unsent is ever lost: the second one waits for central, whatever its age.
    assert references == [unsent]
    assert files == (1,)
