"""The public terminal: an idle warning that any number of "Continuer" extends, then a wipe that leaves
nothing of the visitor: not in a widget, an undo history, a list, the clipboard, a temporary file, the logs,
nor the database outside the request that was submitted. The next visitor finds a screen that works, even after
a wipe during a slow store or an error nobody foresaw.

The kiosk's seconds last a few milliseconds here (``Settings.second_ms``): tests wait for the idle guard's
signals and for what the screen shows, never for the clock."""

from __future__ import annotations

import asyncio
import dataclasses
import gc
import logging
import sqlite3
import struct
import sys
import threading
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, SignalInstance
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtTest import QTest
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

from kiosk.app import build_window, recovering_hook
from kiosk.config import Settings, demo_settings, replace
from kiosk.models.db import make_session_factory
from kiosk.models.dto import SubmittedRequest
from kiosk.models.request_repository import RequestRepository
from kiosk.models.tracking_key import load_tracking_key
from kiosk.services.requests import RequestService
from kiosk.tools.demo_visit import fill_demo_request, go_to, open_wizard
from kiosk.views.main_window import MainWindow
from kiosk.views.navigator import Route
from kiosk.views.pages.catalogue_pages import DomainsPage
from kiosk.views.pages.confirmation import ConfirmationPage
from kiosk.views.pages.home import HomePage
from kiosk.views.pages.search import SearchPage
from kiosk.views.pages.wizard.form_step import FormStep
from kiosk.views.session import ErrorNotice, IdleWarning, OutOfService
from tests.gui.conftest import open_kiosk
from tests.gui.driver import LEFT, Visitor

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
def idle_settings(tmp_path: Path) -> Settings:
    docs = tmp_path / "usb"
    docs.mkdir()
    png_with_text(docs / f"photo-{IMAGE}.png", IMAGE)
    settings = demo_settings(data_dir=tmp_path / "data", fullscreen=False)
    # The counter's 90 s and 30 s (any value would do), in kiosk seconds of 2 ms: the warning comes after 120 ms
    # of quiet and the session ends 60 ms later.
    return replace(settings, idle_timeout_s=90, idle_warning_s=30, second_ms=2, document_folders=(docs,))


@pytest.fixture
def visitor_idle(qtbot: QtBot, event_loop_qt: asyncio.AbstractEventLoop, idle_settings: Settings) -> Iterator[Visitor]:
    with open_kiosk(qtbot, event_loop_qt, idle_settings) as person:
        yield person


@pytest.fixture
def visitor_patient(
    qtbot: QtBot, event_loop_qt: asyncio.AbstractEventLoop, idle_settings: Settings
) -> Iterator[Visitor]:
    """A warning that comes at once and lasts long enough (300 seconds of 10 ms) to be read and answered."""
    settings = replace(idle_settings, idle_timeout_s=301, idle_warning_s=300, second_ms=10)
    with open_kiosk(qtbot, event_loop_qt, settings) as person:
        yield person


async def emitted(
    signal: SignalInstance, action: Callable[[], object] = lambda: None, timeout: float = 5.0
) -> tuple[Any, ...]:
    """The next emission of ``signal`` after ``action``: connected first, so that a quick timer cannot slip
    past. (qasync-safe, like ``tests.helpers.wait_signal``.)"""
    future: asyncio.Future[tuple[Any, ...]] = asyncio.get_running_loop().create_future()

    def on_emit(*args: Any) -> None:
        if not future.done():
            future.set_result(args)

    signal.connect(on_emit)
    try:
        action()
        return await asyncio.wait_for(future, timeout)
    finally:
        signal.disconnect(on_emit)


def idle_warning(visitor: Visitor) -> IdleWarning | None:
    return next((w for w in visitor.window.findChildren(IdleWarning) if w.isVisible()), None)


def test_the_warning_counts_down_and_continuer_extends_any_number_of_times(visitor_patient: Visitor) -> None:
    visitor = visitor_patient
    guard = visitor.window.session.idle
    guard.stop()  # until the visitor is where the test wants them
    visitor.tap_text("Nouvelle démarche")
    ended: list[str] = []
    visitor.window.session_ended.connect(ended.append)
    again: Callable[[], object] = partial(guard.start, visitor.window)
    for _ in range(3):
        assert visitor.run(emitted(guard.warning_started, again)) == (300,)
        warning = idle_warning(visitor)
        assert warning is not None
        assert visitor.sees("Êtes-vous toujours là ?")
        (left,) = visitor.run(emitted(guard.countdown))
        assert 0 < left < 300
        assert visitor.sees(f"se termine dans {left} secondes")
        button = visitor.find("Continuer")
        assert button.height() >= 60

        def tap_continue(button: QWidget = button, warning: IdleWarning = warning) -> None:
            visitor.qtbot.mouseClick(button, LEFT)
            assert not (shiboken6.isValid(warning) and warning.isVisible())

        again = tap_continue
    tap_continue()
    guard.stop()
    visitor.settle()
    assert ended == []
    assert idle_warning(visitor) is None
    assert visitor.sees("Choisissez le domaine de votre demande.")  # still where the visitor was


def test_an_empty_home_screen_is_not_nagged(visitor_patient: Visitor) -> None:
    visitor = visitor_patient
    visitor.run(emitted(visitor.window.session.idle.warning_started))
    assert idle_warning(visitor) is None
    visitor.settle()
    assert idle_warning(visitor) is None


def test_the_idle_guard_watches_from_the_first_paint_without_being_started(visitor: Visitor) -> None:
    assert visitor.window.navigator.painted
    assert visitor.window.session.idle.watching


def test_the_idle_guard_starts_even_if_no_paint_is_ever_seen(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A shared terminal must always wipe: a window whose first paint goes unnoticed starts its guard anyway."""
    monkeypatch.setattr(MainWindow, "FIRST_PAINT_GRACE_MS", 200)
    _ctx, window = build_window(demo_settings(data_dir=tmp_path / "data", fullscreen=False))
    qtbot.addWidget(window, before_close_func=lambda w: w.keyboard_controller.set_enabled(False))
    window.navigator.first_painted.disconnect(window._on_first_paint)  # as if the paint were never seen
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    assert not window.session.idle.watching
    qtbot.waitUntil(lambda: window.session.idle.watching, timeout=3000)


def held(kinds: Any, canary: str | None = None) -> list[object]:
    """The objects of ``kinds`` (a type or a union) still alive after a collection, those whose repr holds
    ``canary`` only when given (other tests' objects may share the process)."""
    gc.collect()
    return [o for o in gc.get_objects() if isinstance(o, kinds) and (canary is None or canary in repr(o))]


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
    guard = visitor.window.session.idle
    guard.stop()

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
    from kiosk.views.widgets.documents.editor import AttachmentEditor
    from kiosk.views.widgets.documents.picker import DocumentPicker

    editor = view.editor(photo.id)
    assert isinstance(editor, AttachmentEditor)
    editor.open_picker()
    visitor.run(page.tasks.idle())
    visitor.settle()
    picker = next(p for p in visitor.window.findChildren(DocumentPicker) if p.isVisible())
    row = next(r for r in picker.rows() if IMAGE in r.accessibleName())
    visitor.tap(row)
    visitor.run(page.tasks.idle())
    visitor.settle()
    assert editor.documents(), editor.error_text()
    assert any(DRAFT in text for text in strings_in_widgets())  # the scan sees what is there

    # The visitor walks away: warning, then the end of the session. (The test lets go of what it held.)
    del page, field, view, photo, editor, picker, row
    assert visitor.run(emitted(visitor.window.session_ended, lambda: guard.start(visitor.window))) == ("idle",)
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
    guard = visitor.window.session.idle
    guard.stop()  # until the visitor walks away (scripted steps make no touch events)
    page = visitor.run(open_wizard(visitor.window, "acte-de-naissance"))
    visitor.run(go_to(visitor.window, page, "requester"))
    visitor.fill("last_name", DRAFT)
    visitor.tap(visitor.window.header.home_button)
    visitor.tap_text("Suivre une demande")
    track = visitor.page
    visitor.qtbot.keyClicks(track.field, "BCDFGHJK")  # type: ignore[attr-defined]
    visitor.tap(visitor.window.header.home_button)
    del page, track

    assert visitor.run(emitted(visitor.window.session_ended, lambda: guard.start(visitor.window))) == ("idle",)
    guard.stop()  # the next visitor's scripted steps make no touch events either
    visitor.settle()
    gc.collect()
    assert not [t for t in strings_in_widgets() if DRAFT in t or "BCDFGHJK" in t]

    # The next visitor opens the same procedure and the same screen: both empty.
    page = visitor.run(open_wizard(visitor.window, "acte-de-naissance"))
    visitor.run(go_to(visitor.window, page, "requester"))
    assert visitor.widget("last_name").text() == ""  # type: ignore[attr-defined]
    visitor.tap(visitor.window.header.home_button)
    visitor.tap_text("Suivre une demande")
    assert visitor.page.field.text() == ""  # type: ignore[attr-defined]


class SlowStore(RequestRepository):
    """The real repository on the real SQLite file, whose store waits for ``gate`` (a slow disk)."""

    def __init__(self, visitor: Visitor, gate: threading.Event, entered: threading.Event) -> None:
        assert visitor.backend is not None
        super().__init__(
            make_session_factory(visitor.backend.engine), load_tracking_key(visitor.settings.database_path)
        )
        self._gate, self._entered = gate, entered

    def submit(self, *args: Any, **kwargs: Any) -> SubmittedRequest:
        self._entered.set()
        self._gate.wait(timeout=30)
        return super().submit(*args, **kwargs)


def test_a_wipe_during_a_slow_store_leaves_a_header_that_works(visitor_idle: Visitor) -> None:
    """ "Valider" locks the header while the request is stored; the visitor walks away meanwhile and the wipe
    cancels the wait for the store: the next visitor must still be able to go home and to finish."""
    visitor = visitor_idle
    settings, header = visitor.settings, visitor.window.header
    guard = visitor.window.session.idle
    guard.stop()
    assert visitor.backend is not None
    gate, entered = threading.Event(), threading.Event()
    services = visitor.run(visitor.ctx.services())
    slow = RequestService(SlowStore(visitor, gate, entered), visitor.backend.db, settings.kiosk_id, settings.zone)
    visitor.ctx.attach_services(dataclasses.replace(services, requests=slow))
    try:
        page = visitor.run(fill_demo_request(visitor.window))
        visitor.run(go_to(visitor.window, page, "summary"))
        visitor.qtbot.mouseClick(page.next_button, LEFT)  # "Valider"
        assert visitor.run(asyncio.to_thread(entered.wait, 10))  # the store has begun, and waits
        assert not header.finish_button.isEnabled()
        assert not header.home_button.isEnabled()
        del page

        assert visitor.run(emitted(visitor.window.session_ended, lambda: guard.start(visitor.window))) == ("idle",)
        guard.stop()
        visitor.settle()
        assert isinstance(visitor.page, HomePage)
        assert header.finish_button.isEnabled()
        gate.set()  # the disk catches up (the database's one thread is free for the next visitor)
        visitor.tap_text("Nouvelle démarche")
        assert header.back_button.isEnabled()
        visitor.tap(header.home_button)
        assert isinstance(visitor.page, HomePage)
        visitor.tap_text("Nouvelle démarche")
        ended: list[str] = []
        visitor.window.session_ended.connect(ended.append)
        visitor.tap(header.finish_button)
        assert ended == ["finished"]
        assert isinstance(visitor.page, HomePage)
    finally:
        gate.set()  # the store ends (and is kept: the request was complete), before the backend closes


def test_a_cancelled_store_ends_the_busy_state(visitor: Visitor) -> None:
    """Whatever ends the wait for the store (here a cancellation, as when the page is left), the wizard and the
    header come out of their busy state."""
    settings, header = visitor.settings, visitor.window.header
    assert visitor.backend is not None
    gate, entered = threading.Event(), threading.Event()
    services = visitor.run(visitor.ctx.services())
    slow = RequestService(SlowStore(visitor, gate, entered), visitor.backend.db, settings.kiosk_id, settings.zone)
    visitor.ctx.attach_services(dataclasses.replace(services, requests=slow))
    try:
        page = visitor.run(fill_demo_request(visitor.window))
        visitor.run(go_to(visitor.window, page, "summary"))
        visitor.qtbot.mouseClick(page.next_button, LEFT)  # "Valider"
        assert visitor.run(asyncio.to_thread(entered.wait, 10))
        assert not header.finish_button.isEnabled()
        page.tasks.cancel_all()
        visitor.run(page.tasks.idle())
        assert page.next_button.isEnabled()
        assert page.previous_button.isEnabled()
        assert not visitor.sees("Enregistrement de votre demande…")
        assert header.finish_button.isEnabled()
        assert header.home_button.isEnabled()
    finally:
        gate.set()


@contextmanager
def kiosk_excepthook(window: MainWindow) -> Iterator[None]:
    """The kiosk's own ``sys.excepthook`` (``kiosk run`` installs it) instead of pytest-qt's, which would fail the
    test on the error these tests cause on purpose."""
    previous = sys.excepthook
    sys.excepthook = recovering_hook(window)
    try:
        yield
    finally:
        sys.excepthook = previous


@pytest.fixture
def recovering(visitor: Visitor) -> Iterator[Visitor]:
    with kiosk_excepthook(visitor.window):
        yield visitor


SECRET = "Mot-de-passe-Zorglub"  # in the error's message: never in the logs


def broken_enter(self: object, params: object) -> None:
    raise RuntimeError(SECRET)


def test_an_uncaught_error_in_a_tap_brings_the_visitor_home_with_a_plain_message(
    recovering: Visitor, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    visitor = recovering
    monkeypatch.setattr(DomainsPage, "enter", broken_enter)
    ended: list[str] = []
    visitor.window.session_ended.connect(ended.append)
    visitor.tap_text("Nouvelle démarche")
    assert ended == ["error"]
    assert isinstance(visitor.page, HomePage)
    assert visitor.sees("Un problème est survenu")
    assert visitor.sees("Nous vous prions de nous excuser")
    assert visitor.sees("demander de l'aide à l'accueil")
    assert any("uncaught RuntimeError" in r.getMessage() for r in caplog.records)
    assert not [r for r in caplog.records if SECRET in r.getMessage()]

    visitor.tap_text("Recommencer")
    assert not visitor.sees("Un problème est survenu")
    monkeypatch.undo()
    visitor.tap_text("Nouvelle démarche")  # the kiosk works again
    assert visitor.sees("Choisissez le domaine de votre demande.")


def test_the_apology_is_in_the_visitors_language_and_display(
    recovering: Visitor, monkeypatch: pytest.MonkeyPatch
) -> None:
    visitor = recovering
    visitor.tap_text("English")
    visitor.tap_text("Contrast")
    monkeypatch.setattr(DomainsPage, "enter", broken_enter)
    visitor.tap_text("New request")
    assert isinstance(visitor.page, HomePage)
    assert visitor.sees("Something went wrong")
    assert visitor.sees("We apologise")
    assert visitor.ctx.language == "en"
    assert visitor.ctx.theme.high_contrast
    assert visitor.window.session.in_progress()  # so the idle wipe gives the next visitor the defaults back
    visitor.tap_text("Start again")
    assert visitor.sees("Hello, what would you like to do?")


def test_the_error_notice_goes_with_the_visitor_who_read_it(
    visitor_patient: Visitor, monkeypatch: pytest.MonkeyPatch
) -> None:
    visitor = visitor_patient
    guard = visitor.window.session.idle
    guard.stop()
    monkeypatch.setattr(DomainsPage, "enter", broken_enter)
    with kiosk_excepthook(visitor.window):
        visitor.tap_text("Nouvelle démarche")
    assert visitor.sees("Un problème est survenu")
    # Nobody answers: at the next idle warning (nobody's session to ask about), the notice goes.
    visitor.run(emitted(guard.warning_started, lambda: guard.start(visitor.window)))
    guard.stop()
    visitor.settle()
    assert not visitor.sees("Un problème est survenu")
    assert not [n for n in visitor.window.findChildren(ErrorNotice) if n.isVisible()]
    assert idle_warning(visitor) is None


def test_errors_that_keep_coming_show_out_of_service_instead_of_looping(
    recovering: Visitor, monkeypatch: pytest.MonkeyPatch
) -> None:
    visitor = recovering
    monkeypatch.setattr(DomainsPage, "enter", broken_enter)
    for _ in range(2):
        visitor.tap_text("Nouvelle démarche")
        assert visitor.sees("Un problème est survenu")
        visitor.tap_text("Recommencer")
    visitor.tap_text("Nouvelle démarche")  # a third time within a minute
    assert visitor.sees("Borne momentanément hors service")
    assert not visitor.sees("Un problème est survenu")
    # It stays: an idle wipe (of what the visitor left behind it) does not take it away.
    visitor.window.end_session("idle")
    visitor.settle()
    notice = visitor.window.findChildren(OutOfService)
    assert len(notice) == 1
    assert notice[0].isVisible()


def test_an_error_while_going_home_shows_out_of_service(recovering: Visitor, monkeypatch: pytest.MonkeyPatch) -> None:
    visitor = recovering
    monkeypatch.setattr(DomainsPage, "enter", broken_enter)
    monkeypatch.setattr(HomePage, "enter", broken_enter)  # the recovery's own fresh home fails too
    visitor.tap_text("Nouvelle démarche")
    assert visitor.sees("Borne momentanément hors service")
    assert not visitor.window.findChildren(ErrorNotice)


def test_a_touch_on_the_window_restarts_the_quiet_time(
    qtbot: QtBot, event_loop_qt: asyncio.AbstractEventLoop, idle_settings: Settings
) -> None:
    """Input comes to the kiosk through its native window, as a finger on the screen does: the guard watches
    there (an application-wide filter would see every event of every widget, and slow every screen change)."""
    settings = replace(idle_settings, idle_timeout_s=90, idle_warning_s=30, second_ms=40)  # 2.4 s of quiet
    with open_kiosk(qtbot, event_loop_qt, settings) as visitor:
        window = visitor.window
        guard = window.session.idle
        assert guard.watching
        full = guard.remaining_ms()
        qtbot.wait(300)
        assert guard.remaining_ms() <= full - 250
        button = window.header.contrast_button
        QTest.mouseClick(window.windowHandle(), LEFT, pos=button.mapTo(window, button.rect().center()))
        assert guard.remaining_ms() > full - 100


def test_the_end_of_a_session_gives_its_memory_back(visitor: Visitor, monkeypatch: pytest.MonkeyPatch) -> None:
    """Once the visitor's screens are destroyed, what they held is returned to the system (see tests/unit/
    test_memory.py for what that returns): a kiosk's memory stays flat over a day of visitors."""
    from kiosk.views import session

    released: list[bool] = []
    monkeypatch.setattr(session, "give_back_freed_memory", lambda: released.append(True))
    visitor.tap_text("Nouvelle démarche")
    visitor.tap(visitor.window.header.finish_button)
    visitor.qtbot.waitUntil(lambda: released == [True], timeout=3000)
