"""The public terminal: an idle warning that any number of "Continuer" extends, then a wipe that leaves
nothing of the visitor: not in a widget, an undo history, a list, the clipboard, a temporary file, the logs,
nor the database outside the request that was submitted."""

from __future__ import annotations

import asyncio
import gc
import logging
import sqlite3
import struct
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kiosk.app import build_window
from kiosk.config import Settings, demo_settings, replace
from kiosk.tools.demo_visit import fill_demo_request, go_to, open_wizard
from kiosk.views.main_window import IdleWarning, MainWindow
from kiosk.views.navigator import Route
from kiosk.views.pages.confirmation import ConfirmationPage
from kiosk.views.pages.home import HomePage
from kiosk.views.pages.search import SearchPage
from kiosk.views.pages.wizard.form_step import FormStep
from tests.gui.conftest import open_kiosk
from tests.gui.driver import Visitor
from tests.helpers import wait_signal

pytestmark = pytest.mark.gui

SUBMITTED = "Zorglubette"  # in the request that is sent: allowed in the outbox's request only
DRAFT = "Quaxwell"  # typed in a procedure never submitted
DRAFT_TEXT = "Nidpoule Quaxwell-Brume"  # a long text of that draft
CLIPBOARD = "Pressepapyrus"  # copied to the clipboard
SEARCHED = "Rechercheplumet"  # typed in the search
IMAGE = "Canaripix"  # inside a picked image (metadata) and its file name
DRAFT_CANARIES = (DRAFT, CLIPBOARD, SEARCHED, IMAGE)


def png_with_text(path: Path, text: str) -> None:
    """A small valid PNG carrying ``text`` in a tEXt chunk, written by hand so nothing re-encodes it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + bytes([40, 120, 200] * 64) for _ in range(64))
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 64, 64, 8, 2, 0, 0, 0))
        + chunk(b"tEXt", b"Comment\x00" + text.encode())
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def short_idle(tmp_path: Path) -> Settings:
    docs = tmp_path / "usb"
    docs.mkdir()
    png_with_text(docs / f"photo-{IMAGE}.png", IMAGE)
    settings = demo_settings(data_dir=tmp_path / "data", fullscreen=False)
    # Seconds instead of minutes, so that a test waits for the real timers without waiting long.
    return replace(settings, idle_timeout_s=1.5, idle_warning_s=1, document_folders=(docs,))


@pytest.fixture
def visitor_idle(qtbot: QtBot, event_loop_qt: asyncio.AbstractEventLoop, short_idle: Settings) -> Iterator[Visitor]:
    with open_kiosk(qtbot, event_loop_qt, short_idle) as person:
        yield person


def idle_warning(visitor: Visitor) -> IdleWarning | None:
    return next((w for w in visitor.window.findChildren(IdleWarning) if w.isVisible()), None)


def test_the_warning_counts_down_and_continuer_extends_any_number_of_times(visitor_idle: Visitor) -> None:
    visitor = visitor_idle
    visitor.tap_text("Nouvelle démarche")
    ended: list[str] = []
    visitor.window.session_ended.connect(ended.append)
    for _ in range(3):
        visitor.run(wait_signal(visitor.window.idle.warning_started, timeout=5))
        visitor.settle()
        warning = idle_warning(visitor)
        assert warning is not None
        assert visitor.sees("Êtes-vous toujours là ?")
        assert warning.findChild(QAbstractButton).height() >= 60  # type: ignore[union-attr]
        visitor.tap_text("Continuer")
        assert idle_warning(visitor) is None
    assert ended == []
    assert visitor.sees("Choisissez le domaine de votre demande.")  # still where the visitor was


def test_an_empty_home_screen_is_not_nagged(visitor_idle: Visitor) -> None:
    visitor = visitor_idle
    visitor.run(wait_signal(visitor.window.idle.warning_started, timeout=5))
    visitor.settle()
    assert idle_warning(visitor) is None


def test_the_idle_guard_watches_from_the_first_paint_without_being_started(visitor: Visitor) -> None:
    assert visitor.window.navigator.painted
    assert visitor.window.idle.watching


def test_the_idle_guard_starts_even_if_no_paint_is_ever_seen(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A shared terminal must always wipe: a window whose first paint goes unnoticed starts its guard anyway."""
    monkeypatch.setattr(MainWindow, "FIRST_PAINT_GRACE_MS", 500)
    _ctx, window = build_window(demo_settings(data_dir=tmp_path / "data", fullscreen=False))
    qtbot.addWidget(window, before_close_func=lambda w: w.keyboard_controller.set_enabled(False))
    window.navigator.first_painted.disconnect(window._on_first_paint)  # as if the paint were never seen
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    assert not window.idle.watching
    qtbot.waitUntil(lambda: window.idle.watching, timeout=3000)


def strings_in_widgets() -> Iterator[str]:
    """Every text a widget holds now, including what an undo would bring back and what lists contain."""
    for widget in QApplication.allWidgets():
        yield widget.accessibleName()
        yield widget.accessibleDescription()
        yield widget.toolTip()
        if isinstance(widget, QLineEdit):
            yield widget.text()
            if widget.isUndoAvailable():
                yield f"<undo in {widget.objectName()}>"
        if isinstance(widget, QPlainTextEdit | QTextEdit):
            yield widget.toPlainText()
            if widget.document().isUndoAvailable():
                yield f"<undo in {widget.objectName()}>"
        if isinstance(widget, QLabel | QAbstractButton):
            yield widget.text()
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            yield from strings_in_model(widget.model())


def strings_in_model(model: QAbstractItemModel) -> Iterator[str]:
    for row in range(model.rowCount(QModelIndex())):
        index = model.index(row, 0)
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            value = model.data(index, role)
            if value is not None:
                yield str(value)


def database_bytes(data_dir: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(data_dir.glob("kiosk.db*")))


def tables_holding(db: Path, text: str) -> set[str]:
    with sqlite3.connect(db) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        found = set()
        for name in names:
            for row in conn.execute(f'SELECT * FROM "{name}"'):
                if any(text.encode() in (v if isinstance(v, bytes) else str(v).encode()) for v in row):
                    found.add(name)
    return found


def test_the_idle_wipe_leaves_nothing_of_the_visitor(
    visitor_idle: Visitor, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    visitor = visitor_idle
    settings = visitor.settings
    caplog.set_level(logging.DEBUG)
    # Scripted steps make no touch events: the guard waits until the visitor "walks away" below.
    visitor.window.idle.stop()

    # A request submitted with the canary SUBMITTED: it must stay, in the outbox's request.
    page = visitor.run(fill_demo_request(visitor.window))
    visitor.run(go_to(visitor.window, page, "requester"))
    visitor.fill("last_name", SUBMITTED)
    visitor.run(go_to(visitor.window, page, "summary"))
    visitor.tap(page.next_button)
    visitor.run(page.tasks.idle())
    visitor.settle()
    assert isinstance(visitor.page, ConfirmationPage)
    visitor.tap(visitor.page.print_button)  # a receipt PDF in the session's temporary folder
    visitor.run(visitor.page.tasks.idle())
    assert list(settings.session_dir.glob("*.pdf"))
    for overlay in visitor.window.findChildren(QWidget, "overlayScrim"):
        overlay.hide()

    # A second procedure, never submitted, with the other canaries everywhere a visitor can put them.
    visitor.tap(visitor.window.header.home_button)
    visitor.tap(visitor.page.search)  # type: ignore[attr-defined]
    assert isinstance(visitor.page, SearchPage)
    visitor.qtbot.keyClicks(visitor.page.field, SEARCHED)
    visitor.settle()
    page = visitor.run(open_wizard(visitor.window, "signalement-espace-public"))
    visitor.run(go_to(visitor.window, page, "requester"))
    visitor.fill("last_name", DRAFT)
    field = visitor.widget("last_name")
    assert isinstance(field, QLineEdit)
    field.setText(field.text() + "x")  # an edit that an undo could take back
    visitor.qtbot.keyClicks(field, CLIPBOARD)
    field.selectAll()
    visitor.qtbot.keySequence(field, QKeySequence.StandardKey.Copy)
    assert CLIPBOARD in QGuiApplication.clipboard().text()
    visitor.run(go_to(visitor.window, page, "step:signalement"))
    visitor.fill("description", DRAFT_TEXT)
    view = page.current_view()
    assert isinstance(view, FormStep)
    photo = next(f for f in view.step.fields if f.type == "attachment")
    from kiosk.views.widgets.attachments import AttachmentEditor, FilePicker

    editor = view.editor(photo.id)
    assert isinstance(editor, AttachmentEditor)
    editor.open_picker()
    visitor.run(page.tasks.idle())
    visitor.settle()
    picker = next(p for p in visitor.window.findChildren(FilePicker) if p.isVisible())
    row = next(r for r in picker.rows() if IMAGE in r.accessibleName())
    visitor.tap(row)
    visitor.run(page.tasks.idle())
    visitor.settle()
    assert editor.documents(), editor.error_text()
    assert any(DRAFT in text for text in strings_in_widgets())  # the scan sees what is there

    # The visitor walks away: warning, then the end of the session. (The test lets go of what it held.)
    del page, field, view, photo, editor, picker, row
    visitor.window.idle.start()
    visitor.run(wait_signal(visitor.window.session_ended, timeout=10))
    visitor.settle()
    gc.collect()

    assert isinstance(visitor.page, HomePage)
    assert visitor.ctx.language == "fr"
    left = [t for t in strings_in_widgets() if t and any(c in t for c in (*DRAFT_CANARIES, SUBMITTED))]
    assert not left
    assert not [t for t in strings_in_widgets() if t.startswith("<undo in")]
    assert QGuiApplication.clipboard().text() == ""
    assert not list(settings.session_dir.iterdir())
    for record in caplog.records:
        message = record.getMessage()
        assert not any(c in message for c in (*DRAFT_CANARIES, SUBMITTED, DRAFT_TEXT)), message
    stored = database_bytes(settings.data_dir)
    assert SUBMITTED.encode() in stored  # the scan reads the real file
    for canary in DRAFT_CANARIES:
        assert canary.encode() not in stored, canary
    assert tables_holding(settings.database_path, SUBMITTED) <= {"request", "outbox"}
    namespaces = {id(vars(module)) for module in list(sys.modules.values()) if module is not None}
    python_objects = [o for o in gc.get_objects() if isinstance(o, dict | list | tuple) and id(o) not in namespaces]
    for canary in (DRAFT, DRAFT_TEXT, IMAGE):
        holders = [o for o in python_objects if any(isinstance(v, str) and canary in v for v in _values(o))]
        assert not holders, canary


def _values(container: dict[object, object] | list[object] | tuple[object, ...]) -> list[object]:
    return list(container.values()) if isinstance(container, dict) else list(container)


def test_terminer_asks_first_when_a_procedure_is_being_filled(visitor: Visitor) -> None:
    page = visitor.run(open_wizard(visitor.window, "acte-de-naissance"))
    visitor.run(go_to(visitor.window, page, "requester"))
    visitor.fill("last_name", "Durand")
    visitor.tap(visitor.window.header.finish_button)
    assert visitor.sees("Terminer et tout effacer ?")
    visitor.tap_text("Non, continuer")
    assert visitor.widget("last_name").text() == "Durand"  # type: ignore[attr-defined]
    visitor.tap(visitor.window.header.finish_button)
    visitor.tap_text("Oui, terminer")
    assert isinstance(visitor.page, HomePage)
    assert visitor.window.navigator.existing_page(Route.WIZARD) is None


def test_back_at_home_the_visitor_who_walks_away_is_still_wiped(visitor_idle: Visitor) -> None:
    """A draft and a tracking code live on in their pages after "Accueil": the timer must still end them."""
    visitor = visitor_idle
    visitor.window.idle.stop()  # until the visitor walks away (scripted steps make no touch events)
    page = visitor.run(open_wizard(visitor.window, "acte-de-naissance"))
    visitor.run(go_to(visitor.window, page, "requester"))
    visitor.fill("last_name", DRAFT)
    visitor.tap(visitor.window.header.home_button)
    visitor.tap_text("Suivre une demande")
    track = visitor.page
    visitor.qtbot.keyClicks(track.field, "BCDFGHJK")  # type: ignore[attr-defined]
    visitor.tap(visitor.window.header.home_button)
    del page, track

    visitor.window.idle.start()
    visitor.run(wait_signal(visitor.window.session_ended, timeout=10))
    visitor.settle()
    gc.collect()
    assert not [t for t in strings_in_widgets() if DRAFT in t or "BCDFGHJK" in t]
    visitor.window.idle.stop()  # the next visitor's scripted steps make no touch events either

    # The next visitor opens the same procedure and the same screen: both empty.
    page = visitor.run(open_wizard(visitor.window, "acte-de-naissance"))
    visitor.run(go_to(visitor.window, page, "requester"))
    assert visitor.widget("last_name").text() == ""  # type: ignore[attr-defined]
    visitor.tap(visitor.window.header.home_button)
    visitor.tap_text("Suivre une demande")
    assert visitor.page.field.text() == ""  # type: ignore[attr-defined]
