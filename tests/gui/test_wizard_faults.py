"""Submitting when things go wrong: the disk is full at "Valider"; the catalogue changes while the visitor
fills the procedure."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from kiosk.config import demo_settings
from kiosk.paths import resources_dir
from kiosk.tools.demo_visit import fill_demo_request, go_to
from kiosk.views.navigator import Route
from kiosk.views.pages.confirmation import ConfirmationPage
from kiosk.views.pages.wizard.form_step import FormStep
from kiosk.views.pages.wizard.page import WizardPage
from kiosk.views.widgets.documents.editor import AttachmentEditor
from kiosk.views.widgets.documents.picker import DocumentPicker
from tests.gui.conftest import open_kiosk
from tests.gui.driver import Visitor

pytestmark = pytest.mark.gui


def count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])


def test_a_full_disk_at_valider_is_said_nothing_is_half_written_and_retry_works(visitor: Visitor) -> None:
    page = visitor.run(fill_demo_request(visitor.window))
    visitor.run(go_to(visitor.window, page, "summary"))
    assert visitor.backend is not None
    engine = visitor.backend.engine
    db = visitor.settings.database_path
    with sqlite3.connect(db) as conn:
        pages = int(conn.execute("PRAGMA page_count").fetchone()[0])

    def no_room(dbapi_connection: Any, _record: Any) -> None:
        # SQLite's own "database or disk is full", as on a full disk: no page beyond those in use.
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(engine, "connect", no_room)
    engine.dispose()  # connections made from now on have no room
    try:
        visitor.tap_text("Valider")
        visitor.run(page.tasks.idle())
        visitor.settle()
        assert visitor.sees("Votre demande n'a pas pu être enregistrée")
        assert visitor.page is page
        assert page.state is not None
        assert page.state.requester["last_name"] == "Martin"
        for table in ("request", "request_document", "request_event", "outbox"):
            assert count(db, table) == 0, table
    finally:
        event.remove(engine, "connect", no_room)
        engine.dispose()

    visitor.tap_text("Réessayer")
    visitor.run(page.tasks.idle())
    visitor.settle()
    assert isinstance(visitor.page, ConfirmationPage)
    assert count(db, "request") == 1
    assert count(db, "outbox") == 1
    assert count(db, "request_document") == 3


@pytest.fixture
def own_catalogue(tmp_path: Path) -> Path:
    catalogue = tmp_path / "catalogue"
    shutil.copytree(resources_dir() / "catalogue", catalogue)
    return catalogue


@pytest.fixture
def visitor_own_catalogue(
    qtbot: QtBot, event_loop_qt: asyncio.AbstractEventLoop, tmp_path: Path, own_catalogue: Path
) -> Iterator[Visitor]:
    settings = demo_settings(data_dir=tmp_path / "data", fullscreen=False, catalogue_dir=own_catalogue)
    with open_kiosk(qtbot, event_loop_qt, settings) as person:
        yield person


def test_a_procedure_changed_while_filled_is_submitted_against_its_first_revision(
    visitor_own_catalogue: Visitor, own_catalogue: Path
) -> None:
    visitor = visitor_own_catalogue
    page = visitor.run(fill_demo_request(visitor.window))
    assert isinstance(page, WizardPage)

    # Meanwhile the town publishes revision 2 of the procedure, with another title.
    source = own_catalogue / "procedures" / "carte-nationale-identite.toml"
    text = source.read_text(encoding="utf-8")
    assert "revision = 1" in text
    source.write_text(
        text.replace("revision = 1", "revision = 2").replace(
            'fr = "Carte nationale d\'identité"', 'fr = "Carte d\'identité (nouvelle version)"', 1
        ),
        encoding="utf-8",
    )
    services = visitor.run(visitor.ctx.services())
    report = visitor.run(services.catalogue.load_from_directory(own_catalogue))
    assert not report.errors
    current = visitor.run(services.catalogue.procedure("carte-nationale-identite"))
    assert current is not None
    assert current.definition.revision == 2

    visitor.run(go_to(visitor.window, page, "summary"))
    visitor.tap_text("Valider")
    visitor.run(page.tasks.idle())
    visitor.settle()
    confirmation = visitor.page
    assert isinstance(confirmation, ConfirmationPage)
    assert confirmation.request is not None
    stored = visitor.run(services.requests.find(confirmation.request.tracking_code))
    assert stored is not None
    assert stored.procedure_revision == 1
    assert stored.procedure_title.fr == "Carte nationale d'identité"


def test_a_double_tap_on_valider_stores_one_request(visitor: Visitor) -> None:
    page = visitor.run(fill_demo_request(visitor.window))
    visitor.run(go_to(visitor.window, page, "summary"))
    visitor.qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert not page.next_button.isEnabled()  # off at once, before the storing even starts
    assert not visitor.window.header.home_button.isEnabled()  # and nothing can take the visitor away
    visitor.qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    visitor.run(page.tasks.idle())
    visitor.settle()
    assert isinstance(visitor.page, ConfirmationPage)
    assert count(visitor.settings.database_path, "request") == 1
    assert count(visitor.settings.database_path, "outbox") == 1
    assert visitor.window.header.home_button.isEnabled()


def test_leaving_while_a_file_is_checked_does_not_lock_the_field(visitor: Visitor) -> None:
    page = visitor.run(fill_demo_request(visitor.window))
    visitor.run(go_to(visitor.window, page, "step:pieces"))
    view = page.current_view()
    assert isinstance(view, FormStep)
    editor = view.editor("justificatif_domicile")
    assert isinstance(editor, AttachmentEditor)
    editor.set_documents([])
    editor.open_picker()
    visitor.settle()
    picker = next(p for p in visitor.window.findChildren(DocumentPicker) if p.isVisible())
    row = next(r for r in picker.rows() if "justificatif-de-domicile.pdf" in r.accessibleName())
    visitor.qtbot.mouseClick(row, Qt.MouseButton.LeftButton)  # the check starts...
    visitor.tap(visitor.window.header.home_button)  # ...and the visitor leaves at once
    visitor.window.navigator.go(Route.WIZARD, "carte-nationale-identite")  # then comes back to the draft
    visitor.settle()
    assert editor.add_button.isEnabled()


def test_a_quick_second_tap_on_print_makes_no_second_copy(visitor: Visitor) -> None:
    page = visitor.run(fill_demo_request(visitor.window))
    visitor.run(go_to(visitor.window, page, "summary"))
    visitor.tap_text("Valider")
    visitor.run(page.tasks.idle())
    visitor.settle()
    confirmation = visitor.page
    assert isinstance(confirmation, ConfirmationPage)
    shown: list[object] = []
    confirmation.receipt_shown.connect(shown.append)
    visitor.qtbot.mouseClick(confirmation.print_button, Qt.MouseButton.LeftButton)
    assert not confirmation.print_button.isEnabled()
    visitor.qtbot.mouseClick(confirmation.print_button, Qt.MouseButton.LeftButton)
    visitor.run(confirmation.tasks.idle())
    visitor.settle()
    assert len(shown) == 1
    assert confirmation.print_button.isEnabled()
