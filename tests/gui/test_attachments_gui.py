"""Attaching documents by touch: the picker over the allowed folders, refusals written under the field, the
thumbnails, "Retirer", the viewer. Driven with taps; the async work runs on the qasync loop of the test, the
blocking work on a real files' worker (DocumentService)."""

from __future__ import annotations

import asyncio
import gc
import io
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PIL import Image
from pypdf import PdfWriter
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.services.documents import PDF, PNG, AcceptedDocument, DocumentService, Refusal, inspect_file
from kiosk.services.executors import FileWorker, Worker
from kiosk.views import gc as kiosk_gc
from kiosk.views.tasks import TaskOwner
from kiosk.views.theme import load_theme
from kiosk.views.widgets.documents.editor import AttachmentEditor
from kiosk.views.widgets.documents.picker import DocumentPicker
from kiosk.views.widgets.documents.texts import refusal_message
from kiosk.views.widgets.documents.viewer import DocumentViewer, open_viewer
from sync.catalogue import FieldDef
from tests.gui.test_accessibility import problems_on_screen
from tests.helpers import wait_signal

pytestmark = pytest.mark.gui

LEFT = Qt.MouseButton.LeftButton


def png_bytes(color: tuple[int, int, int] = (0, 120, 0)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (400, 300), color).save(out, format="PNG")
    return out.getvalue()


def pdf_bytes(pages: int) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    """A USB key: a folder "Scans" with a photo, a fake PDF (text) and a real PDF of two pages."""
    key = tmp_path / "CLE-USB"
    (key / "Scans").mkdir(parents=True)
    (key / "Scans" / "facture-eau.png").write_bytes(png_bytes())
    (key / "faux.pdf").write_bytes(b"Ceci n'est pas un PDF, seulement du texte.\n")
    (key / "releve.pdf").write_bytes(pdf_bytes(2))
    (key / ".secret.png").write_bytes(png_bytes())
    return key


class Kiosk:
    """A window holding one attachment field, with the kiosk's stylesheet, driven by taps."""

    def __init__(
        self,
        qtbot: QtBot,
        loop: asyncio.AbstractEventLoop,
        roots: list[Path],
        max_files: int = 2,
        high_contrast: bool = False,
    ) -> None:
        self.qtbot = qtbot
        self.loop = loop
        self.tasks = TaskOwner()  # the page's
        self.worker = FileWorker()
        theme = load_theme(high_contrast)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        kiosk_gc.install(app)  # as the app: Python's collector runs on the GUI thread only
        app.setStyleSheet(theme.stylesheet())
        self.window = QWidget()
        self.window.setObjectName("page")
        column = QVBoxLayout(self.window)
        column.setContentsMargins(40, 20, 40, 20)
        field = FieldDef.model_validate(
            {
                "id": "justificatif_domicile",
                "type": "attachment",
                "label": {"fr": "Justificatif de domicile", "en": "Proof of address"},
                "help": "Facture d'énergie, d'eau ou de téléphone de moins de 3 mois.",
                "required": True,
                "max_files": max_files,
            }
        )
        self.editor = AttachmentEditor(field, "fr", DocumentService(roots, self.worker), tasks=self.tasks)
        self.changes: list[bool] = []
        self.editor.changed.connect(lambda: self.changes.append(True))
        column.addWidget(self.editor)
        column.addStretch(1)
        qtbot.addWidget(self.window)
        self.window.resize(1280, 1024)
        self.window.show()
        qtbot.waitExposed(self.window)

    def settle(self) -> None:
        async def idle() -> None:
            await asyncio.wait_for(self.tasks.idle(), 10)
            await asyncio.sleep(0.02)

        self.loop.run_until_complete(idle())

    def tap(self, widget: QWidget) -> None:
        assert widget.isVisible(), f"cannot tap a hidden widget: {widget!r}"
        assert widget.isEnabled(), f"cannot tap a disabled widget: {widget!r}"
        self.qtbot.mouseClick(widget, LEFT)
        self.settle()

    @property
    def picker(self) -> DocumentPicker:
        picker = self.editor.picker
        assert picker is not None, "the picker is not open"
        assert picker.isVisible()
        return picker

    def row(self, name: str) -> QPushButton:
        rows = [row for row in self.picker.rows() if row.entry.name == name]
        assert rows, f"no row {name!r}; rows: {[r.entry.name for r in self.picker.rows()]}"
        return rows[0]

    def add(self, *names: str) -> None:
        """Tap "Ajouter un fichier", then the rows leading to the file."""
        self.tap(self.editor.add_button)
        for name in names:
            self.tap(self.row(name))

    def close(self) -> None:
        self.worker.shutdown()
        gc.collect()  # here, on the GUI thread (see kiosk.views.gc)


@pytest.fixture
def kiosk(qtbot: QtBot, event_loop_qt: asyncio.AbstractEventLoop, usb: Path, tmp_path: Path) -> Iterator[Kiosk]:
    empty_media = tmp_path / "media"
    empty_media.mkdir()
    person = Kiosk(qtbot, event_loop_qt, [usb, empty_media, tmp_path / "absent"])
    yield person
    person.close()


def test_a_file_is_picked_by_touch_and_shown_as_a_thumbnail(kiosk: Kiosk) -> None:
    editor = kiosk.editor
    assert editor.add_button.text() == "Ajouter un fichier"
    kiosk.tap(editor.add_button)
    picker = kiosk.picker
    # The only folder with something in it is opened directly; where we are is said relative to it.
    assert picker.crumbs_label.text() == "CLE-USB"
    assert [row.entry.name for row in picker.rows()] == ["Scans", "faux.pdf", "releve.pdf"]
    assert all(row.height() >= 64 for row in picker.rows())
    assert not picker.up_button.isVisible()
    assert "/" not in picker.crumbs_label.text()  # never the absolute path

    kiosk.tap(kiosk.row("Scans"))
    assert picker.crumbs_label.text() == "CLE-USB › Scans"
    assert picker.up_button.isVisible()
    kiosk.tap(picker.up_button)
    assert picker.crumbs_label.text() == "CLE-USB"
    kiosk.tap(kiosk.row("Scans"))
    kiosk.tap(kiosk.row("facture-eau.png"))

    assert editor.picker is None
    assert not shiboken6.isValid(picker) or not picker.isVisible()
    [doc] = editor.documents()
    assert doc.filename == "facture-eau.png"
    assert doc.media_type == PNG
    [card] = editor.cards()
    assert card.isVisible()
    thumbnail = card.thumbnail.pixmap()
    assert not thumbnail.isNull()
    assert max(thumbnail.width(), thumbnail.height()) == 140
    assert card.name_label.text() == "facture-eau.png"
    assert editor.error_text() == ""
    assert kiosk.changes == [True]
    assert not kiosk.window.findChildren(QFileDialog)


def test_a_fake_pdf_is_refused_with_its_reason(kiosk: Kiosk) -> None:
    kiosk.add("faux.pdf")
    editor = kiosk.editor
    assert editor.documents() == []
    assert editor.cards() == []
    assert kiosk.changes == []
    assert editor.error_label.isVisible()
    assert editor.error_icon.isVisible()  # not colour only: an icon and words
    assert "Ce fichier n'est pas un PDF, un JPEG ou un PNG." in editor.error_text()
    assert "faux.pdf" in editor.error_text()
    # A good file afterwards clears the reason.
    kiosk.add("releve.pdf")
    assert editor.error_text() == ""
    assert [d.filename for d in editor.documents()] == ["releve.pdf"]


def test_choosing_a_file_emits_changed_once_checked(kiosk: Kiosk) -> None:
    """The check runs off the GUI thread: ``changed`` comes after the tap, from the loop."""
    kiosk.tap(kiosk.editor.add_button)
    row = kiosk.row("releve.pdf")

    async def choose() -> None:
        waiter = asyncio.ensure_future(wait_signal(kiosk.editor.changed))
        await asyncio.sleep(0)
        row.click()
        assert kiosk.editor.checking
        assert not kiosk.editor.add_button.isEnabled()
        assert "Vérification" in kiosk.editor.status_label.text()
        await waiter

    kiosk.loop.run_until_complete(choose())
    kiosk.settle()
    assert [d.filename for d in kiosk.editor.documents()] == ["releve.pdf"]
    assert kiosk.editor.add_button.isEnabled()


def test_max_files_disables_add_and_retirer_removes(kiosk: Kiosk) -> None:
    editor = kiosk.editor
    kiosk.add("Scans", "facture-eau.png")
    assert editor.add_button.isEnabled()
    kiosk.add("releve.pdf")
    assert [d.filename for d in editor.documents()] == ["facture-eau.png", "releve.pdf"]
    assert not editor.add_button.isEnabled()
    assert "Nombre maximal" in editor.status_label.text()
    assert editor.open_picker() is None

    first = editor.cards()[0]
    assert first.remove_button.text() == "Retirer"
    assert first.remove_button.accessibleName() == "Retirer facture-eau.png"
    kiosk.tap(first.remove_button)
    assert [d.filename for d in editor.documents()] == ["releve.pdf"]
    assert len(editor.cards()) == 1
    assert editor.add_button.isEnabled()
    assert kiosk.changes == [True, True, True]


def test_the_same_file_twice_is_said_and_not_added(kiosk: Kiosk) -> None:
    kiosk.add("releve.pdf")
    kiosk.add("releve.pdf")
    assert len(kiosk.editor.documents()) == 1
    assert "déjà joint" in kiosk.editor.error_text()


def test_voir_opens_the_viewer_on_a_rendered_page_and_fermer_closes_it(kiosk: Kiosk) -> None:
    editor = kiosk.editor
    kiosk.add("releve.pdf")
    [card] = editor.cards()
    kiosk.tap(card.view_button)
    viewer = editor.viewer
    assert viewer is not None
    assert viewer.isVisible()
    pixmap = viewer.image_label.pixmap()
    assert not pixmap.isNull()
    assert pixmap.width() >= 400
    assert pixmap.height() > pixmap.width()  # A4 portrait
    assert viewer.page_label.text() == "Page 1 / 2"
    assert not viewer.previous_button.isEnabled()

    kiosk.tap(viewer.next_button)
    assert viewer.page_label.text() == "Page 2 / 2"
    assert not viewer.image_label.pixmap().isNull()
    assert not viewer.next_button.isEnabled()

    assert viewer.close_button.text() == "Fermer"
    assert viewer.close_button.height() >= 64
    kiosk.tap(viewer.close_button)
    assert editor.viewer is None
    assert not shiboken6.isValid(viewer) or not viewer.isVisible()
    assert not [v for v in kiosk.window.findChildren(DocumentViewer) if v.isVisible()]


def test_the_viewer_of_an_image_has_one_page_and_signals_closed(kiosk: Kiosk) -> None:
    kiosk.add("Scans", "facture-eau.png")
    kiosk.tap(kiosk.editor.cards()[0].view_button)
    viewer = kiosk.editor.viewer
    assert viewer is not None
    assert viewer.page_label.text() == "Page 1 / 1"
    assert not viewer.next_button.isVisible()
    assert not viewer.image_label.pixmap().isNull()
    closed: list[bool] = []
    viewer.closed.connect(lambda: closed.append(True))
    kiosk.tap(viewer.close_button)
    assert closed == [True]
    assert kiosk.editor.viewer is None


def test_annuler_closes_the_picker_without_a_file(kiosk: Kiosk) -> None:
    kiosk.tap(kiosk.editor.add_button)
    picker = kiosk.picker
    cancelled: list[bool] = []
    chosen: list[Path] = []
    picker.cancelled.connect(lambda: cancelled.append(True))
    picker.document_chosen.connect(chosen.append)
    assert picker.cancel_button.text() == "Annuler"
    kiosk.tap(picker.cancel_button)
    assert cancelled == [True]
    assert chosen == []
    assert kiosk.editor.picker is None
    assert kiosk.editor.documents() == []


def test_no_usb_key_says_so(qtbot: QtBot, event_loop_qt: asyncio.AbstractEventLoop, tmp_path: Path) -> None:
    (tmp_path / "media").mkdir()
    person = Kiosk(qtbot, event_loop_qt, [tmp_path / "media", tmp_path / "absent"])
    try:
        person.tap(person.editor.add_button)
        picker = person.picker
        assert picker.rows() == []
        assert "Branchez une clé USB" in picker.message_label.text()
        assert picker.message_label.isVisible()
        assert problems_on_screen(person.window) == []
        # A key is plugged in; "Actualiser" finds it.
        (tmp_path / "media" / "KEY").mkdir()
        (tmp_path / "media" / "KEY" / "photo.png").write_bytes(png_bytes())
        person.tap(picker.refresh_button)
        assert [row.entry.name for row in picker.rows()] == ["KEY"]
        person.tap(person.row("KEY"))
        assert picker.crumbs_label.text() == "media › KEY"
        person.tap(person.row("photo.png"))
        assert [d.filename for d in person.editor.documents()] == ["photo.png"]
    finally:
        person.close()


def test_set_documents_restores_the_cards(kiosk: Kiosk, usb: Path) -> None:
    docs = [inspect_file(usb / "releve.pdf", [usb]), inspect_file(usb / "Scans" / "facture-eau.png", [usb])]
    assert all(isinstance(d, AcceptedDocument) for d in docs)
    accepted = [d for d in docs if isinstance(d, AcceptedDocument)]
    kiosk.editor.set_documents(accepted)
    kiosk.settle()
    assert [d.filename for d in kiosk.editor.documents()] == ["releve.pdf", "facture-eau.png"]
    assert [c.name_label.text() for c in kiosk.editor.cards()] == ["releve.pdf", "facture-eau.png"]
    assert not kiosk.editor.add_button.isEnabled()
    assert kiosk.changes == []
    assert kiosk.editor.documents()[0].media_type == PDF


def test_a_problem_of_the_form_is_shown_beside_the_field(kiosk: Kiosk) -> None:
    kiosk.editor.set_problem("Ce champ est obligatoire.")
    assert kiosk.editor.error_text() == "Ce champ est obligatoire."
    assert kiosk.editor.error_label.isVisible()
    assert kiosk.editor.problem() == "Ce champ est obligatoire."
    kiosk.add("releve.pdf")
    assert kiosk.editor.error_text() == ""
    kiosk.editor.set_problem("Ce champ est obligatoire.")
    kiosk.editor.set_problem(None)
    assert not kiosk.editor.error_label.isVisible()


def test_the_label_says_what_to_attach_and_how_many(kiosk: Kiosk) -> None:
    editor = kiosk.editor
    assert editor.label.text() == "Justificatif de domicile"
    assert "moins de 3 mois" in editor.help.text()
    assert "Jusqu'à 2 fichiers" in editor.rules_label.text()
    assert editor.add_button.accessibleName() == "Ajouter un fichier : Justificatif de domicile"


def test_every_refusal_has_its_own_message() -> None:
    from kiosk.services.documents import REFUSAL_CODES

    messages = {code: refusal_message(Refusal(code, "x.pdf")) for code in REFUSAL_CODES}
    assert len(set(messages.values())) == len(REFUSAL_CODES)
    assert messages["too_large"] == "Ce fichier dépasse 10 Mo."
    assert messages["pdf_encrypted"] == "Ce PDF est protégé par un mot de passe : il ne peut pas être joint."
    assert messages["pdf_scripted"] == "Ce PDF contient des scripts : il ne peut pas être joint."
    assert messages["image_bomb"] == "L'image est trop grande pour être ouverte."
    assert messages["unsupported_type"] == "Ce fichier n'est pas un PDF, un JPEG ou un PNG."
    assert messages["extension_mismatch"] == "Le nom de ce fichier annonce un autre type que son contenu."
    mismatch = refusal_message(Refusal("extension_mismatch", "photo.pdf", PNG))
    assert mismatch.startswith("Le nom de ce fichier annonce un autre type que son contenu")
    assert "PNG" in mismatch


def test_the_walker_finds_nothing_on_the_editor_the_picker_and_the_viewer(kiosk: Kiosk) -> None:
    kiosk.add("Scans", "facture-eau.png")
    kiosk.add("releve.pdf")
    assert len(kiosk.editor.cards()) == 2
    assert problems_on_screen(kiosk.window) == []

    kiosk.tap(kiosk.editor.cards()[0].remove_button)
    kiosk.tap(kiosk.editor.add_button)
    assert kiosk.picker.rows()
    assert problems_on_screen(kiosk.window) == []
    kiosk.tap(kiosk.picker.cancel_button)

    kiosk.tap(kiosk.editor.cards()[0].view_button)
    assert kiosk.editor.viewer is not None
    assert problems_on_screen(kiosk.window) == []


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "contrast"])
@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_the_walker_in_both_orientations_and_themes(
    qtbot: QtBot, event_loop_qt: asyncio.AbstractEventLoop, usb: Path, size: tuple[int, int], high_contrast: bool
) -> None:
    kiosk = Kiosk(qtbot, event_loop_qt, [usb], high_contrast=high_contrast)
    try:
        kiosk.window.resize(*size)
        kiosk.add("Scans", "facture-eau.png")
        kiosk.add("faux.pdf")  # a refusal on screen too
        kiosk.add("releve.pdf")
        assert problems_on_screen(kiosk.window) == []
        kiosk.tap(kiosk.editor.cards()[1].view_button)
        assert problems_on_screen(kiosk.window) == []
        viewer = kiosk.editor.viewer
        assert viewer is not None
        kiosk.tap(viewer.close_button)
        kiosk.tap(kiosk.editor.cards()[0].remove_button)
        kiosk.tap(kiosk.editor.add_button)
        assert problems_on_screen(kiosk.window) == []
        kiosk.tap(kiosk.row("Scans"))
        assert problems_on_screen(kiosk.window) == []
    finally:
        kiosk.close()


def test_destroying_the_editor_closes_its_picker(kiosk: Kiosk) -> None:
    """The session wipe destroys the editor: its picker must not stay over the next visitor's screen."""
    kiosk.tap(kiosk.editor.add_button)
    picker = kiosk.picker
    editor = kiosk.editor
    editor.setParent(None)
    editor.deleteLater()
    kiosk.settle()
    QApplication.sendPostedEvents(None, 0)
    kiosk.settle()
    assert not shiboken6.isValid(picker) or not picker.isVisible()


def test_the_picker_and_viewer_work_for_their_page_and_end_with_their_widget(
    qtbot: QtBot, event_loop_qt: asyncio.AbstractEventLoop, usb: Path
) -> None:
    """What the picker lists and the viewer renders are the page's tasks too (its ``idle()``, as ``settle``,
    waits for them), and each widget's work ends when the widget is destroyed, the page living on."""
    gate = threading.Event()
    worker = Worker("slow-key", threads=1)  # a slow USB key: its one thread answers when the test opens the gate
    documents = DocumentService([usb], worker)
    page = TaskOwner()
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(1280, 1024)
    host.show()
    qtbot.waitExposed(host)
    releve = inspect_file(usb / "releve.pdf", [usb])
    assert isinstance(releve, AcceptedDocument)

    async def the_key_is_slow() -> asyncio.Future[bool]:
        gate.clear()
        held = asyncio.ensure_future(worker.run(gate.wait, 10))
        await asyncio.sleep(0)
        return held

    async def not_done_while_held(waiting: asyncio.Future[None]) -> None:
        for _ in range(20):  # the loop turns; nothing can finish while the worker's thread is held
            await asyncio.sleep(0)
        assert not waiting.done()

    async def scenario() -> None:
        # The picker's listing: the page waits for it.
        held = await the_key_is_slow()
        picker = DocumentPicker(host, documents, page)
        picker.open()
        assert picker.tasks.busy
        assert page.busy
        idle = asyncio.ensure_future(page.idle())
        await not_done_while_held(idle)
        gate.set()
        await asyncio.wait_for(idle, 10)
        assert [row.entry.name for row in picker.rows()] == ["Scans", "faux.pdf", "releve.pdf"]
        await held

        # A folder tapped, the key slow again, and the picker destroyed (the session wiped): its listing ends.
        held = await the_key_is_slow()
        next(row for row in picker.rows() if row.entry.name == "Scans").click()
        assert picker.tasks.busy
        assert page.busy
        shiboken6.delete(picker)
        await asyncio.wait_for(page.idle(), 10)  # the gate is still shut: the listing ended without its answer
        assert not page.busy
        gate.set()
        await held

        # The viewer's first page: the page waits for it.
        held = await the_key_is_slow()
        viewer, overlay = open_viewer(host, releve, documents, page)
        assert viewer.isVisible()
        assert viewer.tasks.busy
        assert page.busy
        idle = asyncio.ensure_future(page.idle())
        await not_done_while_held(idle)
        gate.set()
        await asyncio.wait_for(idle, 10)
        assert not viewer.image_label.pixmap().isNull()
        assert viewer.page_label.text() == "Page 1 / 2"
        await held

        # The next page asked for, the key slow, and the viewer destroyed with its overlay: its rendering ends.
        held = await the_key_is_slow()
        viewer.next_button.click()
        assert viewer.tasks.busy
        assert page.busy
        shiboken6.delete(overlay)
        assert not shiboken6.isValid(viewer)
        await asyncio.wait_for(page.idle(), 10)
        assert not page.busy
        gate.set()
        await held

    try:
        event_loop_qt.run_until_complete(scenario())
    finally:
        gate.set()
        worker.shutdown()
        gc.collect()
