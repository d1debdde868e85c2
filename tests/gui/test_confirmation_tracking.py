"""The end of a procedure and what comes after: the confirmation with its code, QR code and printed receipt;
"Suivre une demande" with wrong codes, the guard that blocks guessing, the right code; "Suivi de la demande"
with its tabs, and cancelling through the confirmation overlay. Real services on a temporary SQLite file."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import gc
import io
import os
import threading
import uuid
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pypdf
import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from kiosk.config import demo_settings
from kiosk.models.db import make_engine, make_session_factory, migrate
from kiosk.models.dto import (
    CANCELLABLE_STATUSES,
    REQUEST_STATUSES,
    Address,
    CannotCancel,
    DocumentFile,
    RequestDraft,
    Requester,
    SubmittedRequest,
    TrackedRequest,
)
from kiosk.models.repositories import CatalogueRepository
from kiosk.models.request_repository import RequestRepository
from kiosk.models.tables import Request
from kiosk.models.tracking_key import load_tracking_key
from kiosk.paths import resources_dir
from kiosk.services.catalogue import CatalogueService
from kiosk.services.documents import PDF, DocumentService, render_pages
from kiosk.services.executors import DbExecutor, FileWorker
from kiosk.services.requests import RequestService
from kiosk.services.slots import SlotService, load_opening_hours
from kiosk.services.tracking import FixedBlock, TrackingGuard
from kiosk.views import gc as view_gc
from kiosk.views.answers import format_answer
from kiosk.views.context import Services, ViewContext
from kiosk.views.i18n import Translations
from kiosk.views.navigator import Navigator, Route
from kiosk.views.pages.base import Page
from kiosk.views.pages.confirmation import ConfirmationPage
from kiosk.views.pages.find_request import FindRequestPage
from kiosk.views.pages.follow_up import FollowUpPage
from kiosk.views.request_texts import status_text
from kiosk.views.theme import contrast_ratio
from kiosk.views.widgets.tab_bar import TabBar, two_lines
from tests.gui.test_accessibility import problems_on_screen
from tests.helpers import wait_signal

pytestmark = pytest.mark.gui
T = TypeVar("T")
SLUG = "carte-nationale-identite"
TITLE = "Carte nationale d'identité"
NOT_FOUND = "Aucune demande ne correspond à ce code. Vérifiez les 8 lettres de votre code de suivi."
LEFT = Qt.MouseButton.LeftButton


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class _Home(Page):
    def title(self) -> str:
        return "Accueil"


class Kiosk:
    """The three pages in a navigator, in a window of their own, over real services."""

    def __init__(self, qtbot: QtBot, loop: asyncio.AbstractEventLoop, tmp_path: Path) -> None:
        self.qtbot = qtbot
        self.loop = loop
        # A kiosk second lasts 10 ms here: the blocked code field counts down without the tests sleeping.
        self.settings = demo_settings(data_dir=tmp_path / "data", fullscreen=False, printer="", second_ms=10)
        self.ctx = ViewContext(self.settings, Translations("fr"))
        self.clock = FakeClock()
        self.guard = TrackingGuard(FixedBlock(limit=5, window_s=60, block_s=60), clock=self.clock)
        self.ctx.tracking_guard = self.guard
        self.db = DbExecutor()
        self.engine = make_engine(self.settings.database_path)
        migrate(self.engine)
        sessions = make_session_factory(self.engine)
        self.catalogue = CatalogueService(CatalogueRepository(sessions), self.db)
        self.run(self.catalogue.load_from_directory(self.settings.catalogue_dir))
        key = load_tracking_key(self.settings.database_path)
        self.requests = RequestService(RequestRepository(sessions, key), self.db, "borne-test", demo_settings().zone)

        async def taken() -> frozenset[str]:
            return frozenset()

        self.slots = SlotService(
            load_opening_hours(resources_dir() / "demo" / "slots.toml", demo_settings().zone), taken
        )
        self.files = FileWorker()
        self.ctx.attach_services(
            Services(
                catalogue=self.catalogue,
                requests=self.requests,
                slots=self.slots,
                documents=DocumentService(self.settings.document_folders, self.files),
                files=self.files,
            )
        )
        self.finished: list[bool] = []

        def confirmation() -> ConfirmationPage:
            page = ConfirmationPage(self.ctx)
            page.finished.connect(lambda: self.finished.append(True))
            return page

        self.navigator = Navigator(
            {
                Route.HOME: lambda: _Home(self.ctx),
                Route.CONFIRMATION: confirmation,
                Route.FIND_REQUEST: lambda: FindRequestPage(self.ctx),
                Route.FOLLOW_UP: lambda: FollowUpPage(self.ctx),
            }
        )
        self.window = QWidget()
        column = QVBoxLayout(self.window)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.navigator)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        view_gc.install(app)  # Qt objects in cycles are collected on the GUI thread, never on the DB worker
        app.setStyleSheet(self.ctx.theme.stylesheet())
        qtbot.addWidget(self.window)
        self.window.resize(1920, 1080)
        self.window.show()
        qtbot.waitExposed(self.window)
        self.navigator.go(Route.HOME)

    def set_theme(self, high_contrast: bool) -> None:
        self.ctx.set_high_contrast(high_contrast)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.setStyleSheet(self.ctx.theme.stylesheet())  # what MainWindow does on theme_changed

    def close(self) -> None:
        self.ctx.translations.set_language("fr")  # the translator is application-wide
        self.db.shutdown()
        self.files.shutdown()
        self.engine.dispose()
        gc.collect()  # here, on the GUI thread

    # --- driving --------------------------------------------------------------------------------------------

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        return self.loop.run_until_complete(coro)

    @property
    def page(self) -> Page:
        page = self.navigator.current_page()
        assert page is not None
        return page

    def settle(self) -> None:
        async def idle() -> None:
            for _ in range(3):  # a task may start another (search -> navigate -> load)
                await asyncio.wait_for(self.page.tasks.idle(), 5)
                await asyncio.sleep(0.02)

        self.run(idle())

    def go(self, route: Route, params: object = None) -> None:
        self.navigator.go(route, params)
        self.settle()

    def tap(self, widget: QWidget) -> None:
        assert widget.isVisible(), f"cannot tap a hidden widget: {widget!r}"
        assert widget.isEnabled(), f"cannot tap a disabled widget: {widget!r}"
        self.qtbot.mouseClick(widget, LEFT)
        self.settle()

    def button(self, text: str) -> QPushButton:
        found = [b for b in self.window.findChildren(QPushButton) if b.isVisible() and b.text() == text]
        assert len(found) == 1, f"{len(found)} visible buttons show {text!r}; on screen: {self.texts()}"
        return found[0]

    def button_starting(self, prefix: str) -> QPushButton:
        found = [b for b in self.window.findChildren(QPushButton) if b.isVisible() and b.text().startswith(prefix)]
        assert len(found) == 1, f"{len(found)} visible buttons start with {prefix!r}"
        return found[0]

    def tap_text(self, text: str) -> None:
        self.tap(self.button(text))

    def texts(self) -> list[str]:
        return [
            w.text()
            for w in self.window.findChildren(QWidget)
            if w.isVisible() and isinstance(w, QLabel | QAbstractButton) and w.text()
        ]

    def sees(self, text: str) -> bool:
        return any(text in shown for shown in self.texts())

    def problems(self) -> list[str]:
        return problems_on_screen(self.window)

    # --- data -----------------------------------------------------------------------------------------------

    def submit(self, documents: tuple[DocumentFile, ...] | None = None) -> SubmittedRequest:
        slot = self.run(self.slots.available())[0]
        draft = RequestDraft(
            client_uuid=str(uuid.uuid4()),
            procedure_slug=SLUG,
            procedure_revision=1,
            answers={
                "titulaire": "enfant_mineur",
                "enfant_nom": "Martin",
                "enfant_prenoms": "Léa",
                "enfant_date_naissance": "2015-04-09",
                "motif": "renouvellement",
                "numero_predemande": "AB12CD34EF",
                "passeport_aussi": True,
            },
            requester=Requester(
                civility="madame",
                last_name="Martin",
                first_name="Claire",
                address=Address(line="12 rue des Tilleuls", postcode="45000", city="Valmont-sur-Loire"),
                email="claire.martin@example.org",
                phone="0612345678",
                notify_by="sms",
            ),
            appointment=slot,
            documents=documents
            or (
                DocumentFile("ancien_titre", 1, "ancienne-carte.png", "image/png", tiny_png("red")),
                DocumentFile("justificatif_domicile", 1, "facture-eau.png", "image/png", tiny_png("blue")),
            ),
        )
        return self.run(self.requests.submit(draft))

    def tracked(self, code: str) -> TrackedRequest:
        found = self.run(self.requests.find(code))
        assert found is not None
        return found


def tiny_png(color: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), color).save(out, format="PNG")
    return out.getvalue()


def wrong_code(right: str) -> str:
    code = "BCDFGHJK"
    return code if code != right else "KJHGFDCB"


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def kiosk(qtbot: QtBot, event_loop_qt: asyncio.AbstractEventLoop, tmp_path: Path) -> Iterator[Kiosk]:
    place = Kiosk(qtbot, event_loop_qt, tmp_path)
    try:
        yield place
    finally:
        place.close()


# --- Confirmation and receipt -------------------------------------------------------------------------------------

NO_RECEIPT = (
    "Le récapitulatif ne peut pas être imprimé ni affiché pour le moment. Votre demande est bien enregistrée : "
    "c'est le code de suivi ci-dessus qui compte. Notez-le."
)


def read_qr(image: QImage) -> list[str]:
    """What a phone reads in ``image``: the text of every code QR in it."""
    return [found.text for found in zxingcpp.read_barcodes(image) if found.format == zxingcpp.BarcodeFormat.QRCode]


def receipt_qr(pdf: Path) -> list[str]:
    """The code QR printed on the receipt, read off its page rendered at 150 dpi."""
    png = render_pages(pdf.read_bytes(), PDF, 1240, max_pages=1)[0]
    return read_qr(QImage.fromData(png))


def receipt_text(pdf: Path) -> str:
    reader = pypdf.PdfReader(str(pdf))
    assert len(reader.pages) == 1
    return reader.pages[0].extract_text()


def visible_buttons(kiosk: Kiosk, text: str) -> list[QPushButton]:
    return [b for b in kiosk.window.findChildren(QPushButton) if b.isVisible() and b.text() == text]


def receipt_path(kiosk: Kiosk, submitted: SubmittedRequest) -> Path:
    return kiosk.settings.session_dir / f"recapitulatif-{submitted.reference}.pdf"


def test_confirmation_shows_the_code_the_qr_code_and_what_happens_next(kiosk: Kiosk) -> None:
    submitted = kiosk.submit()
    kiosk.go(Route.CONFIRMATION, submitted)
    page = kiosk.page
    assert isinstance(page, ConfirmationPage)
    code = submitted.tracking_code
    assert kiosk.sees("Votre demande a bien été prise en compte")
    assert kiosk.sees(TITLE)
    assert kiosk.sees(f"Référence : {submitted.reference}")
    assert kiosk.sees("Votre code de suivi")
    assert page.code_label.objectName() == "huge"
    assert page.code_label.text() == f"{code[:4]} {code[4:]}"
    assert page.code_label.accessibleName() == "Code de suivi : " + ", ".join(code)
    # The code QR opens the request's follow-up on a phone: the link, with the code, not the eight letters alone.
    link = f"https://valmont-sur-loire.example/suivi?code={code}"
    assert kiosk.settings.tracking_link(code) == link
    qr = page.qr_pixmap()
    assert qr.width() >= 240
    assert qr.height() >= 240
    assert read_qr(qr.toImage()) == [link]
    assert kiosk.sees("lisez le code QR avec l'appareil photo de votre téléphone : il ouvre le suivi de votre demande")
    assert not kiosk.sees("QR code")  # French says "code QR"
    assert not kiosk.sees("photographiez")
    assert kiosk.sees("En attente d'envoi : votre demande partira dès que la borne sera connectée à la mairie.")
    assert kiosk.sees("Rendez-vous : ")
    assert submitted.appointment is not None
    assert kiosk.sees(submitted.appointment.place)
    assert kiosk.problems() == []

    assert page.has_own_finish_button()  # the window hides its header's "Terminer" here (see test_wizard_journey)
    assert len(visible_buttons(kiosk, "Terminer")) == 1
    kiosk.tap_text("Terminer")
    assert kiosk.finished == [True]


def test_without_a_follow_up_online_there_is_no_qr_code_on_screen_or_paper(kiosk: Kiosk) -> None:
    kiosk.ctx.settings = kiosk.settings = dataclasses.replace(kiosk.settings, tracking_url="")
    submitted = kiosk.submit()
    kiosk.go(Route.CONFIRMATION, submitted)
    page = kiosk.page
    assert isinstance(page, ConfirmationPage)
    assert not page.qr_label.isVisible()
    assert not kiosk.sees("QR")
    assert read_qr(kiosk.window.grab().toImage()) == []
    assert kiosk.sees("Notez ce code : il vous sera demandé pour suivre votre demande.")
    assert kiosk.problems() == []

    kiosk.tap(page.print_button)
    path = receipt_path(kiosk, submitted)
    assert "QR" not in receipt_text(path)
    assert receipt_qr(path) == []


def test_the_receipt_is_one_page_with_the_code_the_reference_the_title_and_the_follow_up(kiosk: Kiosk) -> None:
    submitted = kiosk.submit()
    kiosk.go(Route.CONFIRMATION, submitted)
    page = kiosk.page
    assert isinstance(page, ConfirmationPage)
    kiosk.tap_text("Imprimer le récapitulatif")

    path = receipt_path(kiosk, submitted)
    assert page.receipt_path == path
    text = receipt_text(path)
    assert submitted.tracking_code in "".join(text.split())  # the code is printed spaced out
    assert submitted.reference in text
    assert TITLE in flat(text)
    assert "Récapitulatif de votre demande" in flat(text)
    assert "ancienne-carte.png" in text
    assert "facture-eau.png" in text
    assert "Suivre une demande" in flat(text)
    assert "lisez le code QR" in flat(text)
    assert receipt_qr(path) == [kiosk.settings.tracking_link(submitted.tracking_code)]

    # No printer on this kiosk: said plainly, and the receipt is shown on screen instead.
    message = (
        "Aucune imprimante n'est reliée à cette borne : voici le récapitulatif à l'écran. Notez votre code de suivi."
    )
    assert kiosk.sees(message)
    overlay = page.receipt_overlay
    assert overlay is not None
    assert overlay.isVisible()
    previews = [w for w in overlay.findChildren(QLabel) if w.accessibleName() == "Aperçu du récapitulatif"]
    assert len(previews) == 1
    assert previews[0].pixmap().width() >= 700
    assert kiosk.problems() == []
    kiosk.tap_text("Fermer")
    assert page.receipt_overlay is None
    assert page.print_button.isEnabled()
    assert kiosk.problems() == []


def test_the_receipt_is_painted_off_the_gui_thread(kiosk: Kiosk) -> None:
    """With both of the files' threads busy, a tap on "Imprimer" returns at once and the receipt waits for them:
    it is painted there, not on the GUI thread (a QPixmap there would make Qt warn, and the test fail)."""
    submitted = kiosk.submit()
    kiosk.go(Route.CONFIRMATION, submitted)
    page = kiosk.page
    assert isinstance(page, ConfirmationPage)
    gate = threading.Event()
    busy = [asyncio.ensure_future(kiosk.files.run(gate.wait, 10)) for _ in range(2)]  # FileWorker: two threads
    kiosk.run(asyncio.sleep(0.05))
    path = receipt_path(kiosk, submitted)
    try:
        kiosk.qtbot.mouseClick(page.print_button, LEFT)
        kiosk.run(asyncio.sleep(0.2))  # the event loop runs meanwhile: the kiosk answers
        assert not path.exists()
        assert not page.print_button.isEnabled()  # one receipt per tap
    finally:
        gate.set()

        async def drained() -> None:
            await asyncio.gather(*busy)

        kiosk.run(drained())
    kiosk.settle()
    assert path.is_file()
    assert page.receipt_overlay is not None
    assert page.print_button.isEnabled()


def test_a_full_disk_leaves_the_code_as_what_matters_and_the_button_usable(kiosk: Kiosk) -> None:
    full = Path("/dev/full")
    if not full.exists():
        pytest.skip("no /dev/full on this system")
    submitted = kiosk.submit()
    kiosk.go(Route.CONFIRMATION, submitted)
    page = kiosk.page
    assert isinstance(page, ConfirmationPage)
    path = receipt_path(kiosk, submitted)
    path.parent.mkdir(parents=True)
    path.symlink_to(full)  # every write there fails: "No space left on device"

    kiosk.tap(page.print_button)
    assert kiosk.sees(NO_RECEIPT)
    assert page.print_message.objectName() == "errorText"
    assert page.receipt_overlay is None
    assert page.receipt_path is None
    assert kiosk.sees(f"{submitted.tracking_code[:4]} {submitted.tracking_code[4:]}")
    assert page.print_button.isEnabled()
    assert kiosk.problems() == []

    # The same in English; then, with room on the disk again, the same button gives the receipt.
    kiosk.ctx.translations.set_language("en")
    kiosk.tap(page.print_button)
    assert kiosk.sees("The summary cannot be printed or shown right now.")
    assert kiosk.problems() == []
    path.unlink()
    kiosk.tap(page.print_button)
    assert page.receipt_overlay is not None
    assert path.is_file()
    assert not kiosk.sees("The summary cannot be printed or shown right now.")


def test_a_receipt_folder_that_cannot_be_made_is_said_plainly(kiosk: Kiosk) -> None:
    submitted = kiosk.submit()
    kiosk.settings.session_dir.parent.mkdir(parents=True, exist_ok=True)
    kiosk.settings.session_dir.write_text("not a folder")  # the session folder cannot be made
    kiosk.go(Route.CONFIRMATION, submitted)
    page = kiosk.page
    assert isinstance(page, ConfirmationPage)
    kiosk.tap_text("Imprimer le récapitulatif")
    assert kiosk.sees(NO_RECEIPT)
    assert page.receipt_overlay is None
    assert page.receipt_path is None
    assert page.print_button.isEnabled()


def test_a_receipt_that_cannot_be_read_back_is_said_plainly(kiosk: Kiosk) -> None:
    """A medium that loses what is written (here /dev/null): the PDF read back is no PDF, and nothing can show it."""
    submitted = kiosk.submit()
    kiosk.go(Route.CONFIRMATION, submitted)
    page = kiosk.page
    assert isinstance(page, ConfirmationPage)
    path = receipt_path(kiosk, submitted)
    path.parent.mkdir(parents=True)
    path.symlink_to(os.devnull)
    kiosk.tap(page.print_button)
    assert kiosk.sees(NO_RECEIPT)
    assert page.receipt_overlay is None
    assert page.print_button.isEnabled()
    assert kiosk.problems() == []


def test_a_printer_that_is_gone_is_said_and_the_receipt_shown(kiosk: Kiosk) -> None:
    kiosk.ctx.settings = kiosk.settings = dataclasses.replace(kiosk.settings, printer="imprimante-disparue")
    submitted = kiosk.submit()
    kiosk.go(Route.CONFIRMATION, submitted)
    page = kiosk.page
    assert isinstance(page, ConfirmationPage)
    kiosk.tap(page.print_button)
    message = "L'imprimante de la borne ne répond pas : voici le récapitulatif à l'écran. Notez votre code de suivi."
    assert kiosk.sees(message)
    assert page.receipt_overlay is not None
    assert page.print_button.isEnabled()
    assert kiosk.problems() == []


# --- Suivre une demande -------------------------------------------------------------------------------------------


def search(kiosk: Kiosk, page: FindRequestPage, typed: str) -> None:
    page.field.selectAll()
    kiosk.qtbot.keyClick(page.field, Qt.Key.Key_Backspace)
    kiosk.qtbot.keyClicks(page.field, typed)
    kiosk.tap(page.search_button)


def test_a_wrong_code_says_so_and_nothing_more(kiosk: Kiosk) -> None:
    submitted = kiosk.submit()
    kiosk.go(Route.FIND_REQUEST)
    page = kiosk.page
    assert isinstance(page, FindRequestPage)
    assert page.field.accessibleName() == "Code de suivi"
    before = set(kiosk.texts())
    assert kiosk.problems() == []

    search(kiosk, page, wrong_code(submitted.tracking_code))
    assert kiosk.page is page
    assert page.message.text() == NOT_FOUND
    assert set(kiosk.texts()) == before | {NOT_FOUND}

    search(kiosk, page, "AB1")  # cannot even be a code: the very same answer
    assert kiosk.page is page
    assert set(kiosk.texts()) == before | {NOT_FOUND}
    assert kiosk.problems() == []


def test_five_wrong_codes_in_a_minute_block_the_field_for_a_minute(kiosk: Kiosk) -> None:
    submitted = kiosk.submit()
    kiosk.go(Route.FIND_REQUEST)
    page = kiosk.page
    assert isinstance(page, FindRequestPage)
    for _ in range(4):
        search(kiosk, page, wrong_code(submitted.tracking_code))
        kiosk.clock.now += 5
    assert page.field.isEnabled()
    search(kiosk, page, wrong_code(submitted.tracking_code))

    assert not page.field.isEnabled()
    assert not page.search_button.isEnabled()
    assert page.message.text() == "Trop d'essais. Réessayez dans 60 secondes."
    assert kiosk.problems() == []

    # The countdown ticks once a kiosk second (Settings.second_ms): wait for a tick, not for the clock.
    assert page.countdown.isActive()
    assert page.countdown.interval() == kiosk.settings.second_ms
    kiosk.clock.now += 30
    kiosk.run(wait_signal(page.countdown.timeout))
    assert page.message.text() == "Trop d'essais. Réessayez dans 30 secondes."
    assert not page.field.isEnabled()

    # The guard belongs to the kiosk: a fresh session (the pages rebuilt) is still blocked.
    kiosk.navigator.reset()
    kiosk.go(Route.FIND_REQUEST)
    fresh = kiosk.page
    assert isinstance(fresh, FindRequestPage)
    assert fresh is not page
    assert not fresh.field.isEnabled()
    assert fresh.message.text() == "Trop d'essais. Réessayez dans 30 secondes."

    kiosk.clock.now += 30
    kiosk.run(wait_signal(fresh.countdown.timeout))
    assert not fresh.countdown.isActive()
    assert fresh.field.isEnabled()
    assert fresh.search_button.isEnabled()
    assert not fresh.message.isVisible()
    assert kiosk.problems() == []
    search(kiosk, fresh, submitted.tracking_code)
    assert isinstance(kiosk.page, FollowUpPage)


# --- Suivi de la demande ------------------------------------------------------------------------------------------


def open_tracking(kiosk: Kiosk, typed: str) -> FollowUpPage:
    kiosk.go(Route.FIND_REQUEST)
    track = kiosk.page
    assert isinstance(track, FindRequestPage)
    track.field.selectAll()
    kiosk.qtbot.keyClick(track.field, Qt.Key.Key_Backspace)
    kiosk.qtbot.keyClicks(track.field, typed)
    assert track.field.text() == typed.upper()
    kiosk.tap(track.search_button)  # by the button, not its words: the test also runs in English
    page = kiosk.page
    assert isinstance(page, FollowUpPage)
    return page


def open_tab(kiosk: Kiosk, page: FollowUpPage, key: str) -> None:
    kiosk.tap(page.tabs.buttons[key])  # by the tab, not its words: a label may be set on two lines
    assert page.current_tab() == key


def test_the_right_code_opens_the_request_with_its_status_history_and_answers(kiosk: Kiosk) -> None:
    submitted = kiosk.submit()
    code = submitted.tracking_code
    page = open_tracking(kiosk, f"{code[:4].lower()}-{code[4:].lower()}")
    assert page.code == code
    assert kiosk.sees("Suivi de la demande")
    assert kiosk.sees(TITLE)
    assert kiosk.sees(submitted.reference)
    assert page.status_badge.text() == "En attente d'envoi"
    assert not page.archived_badge.isVisible()
    assert page.current_tab() == "history"
    assert kiosk.problems() == []

    # Historique: newest first, one sentence per event.
    history = [t for t in kiosk.texts() if t in {"Demande enregistrée sur la borne", "En attente d'envoi à la mairie"}]
    assert history == ["En attente d'envoi à la mairie", "Demande enregistrée sur la borne"]
    assert kiosk.sees("Pièce jointe ajoutée : Justificatif de domicile")
    assert kiosk.sees("Pièce jointe ajoutée : Ancienne carte d'identité ou passeport")
    assert kiosk.sees("Rendez-vous réservé pour le ")

    open_tab(kiosk, page, "request")
    assert kiosk.sees("Motif de la demande")
    assert kiosk.sees("Renouvellement (carte expirée ou expirant dans moins de 6 mois)")
    assert kiosk.sees("Date de naissance de l'enfant")
    assert kiosk.sees("09/04/2015")
    assert kiosk.sees("Je demande aussi un passeport au même rendez-vous")
    assert kiosk.sees("Oui")
    assert kiosk.sees("Mon enfant mineur")
    assert not kiosk.sees("enfant_mineur")
    assert kiosk.problems() == []

    open_tab(kiosk, page, "requester")
    assert kiosk.sees("Madame Claire Martin")
    assert kiosk.sees("12 rue des Tilleuls\n45000 Valmont-sur-Loire")
    assert kiosk.sees("claire.martin@example.org")
    assert kiosk.sees("Par SMS")
    assert kiosk.problems() == []

    open_tab(kiosk, page, "documents")
    assert kiosk.sees("2 fichiers joints")
    assert kiosk.sees("ancienne-carte.png")
    assert kiosk.sees("facture-eau.png")
    assert kiosk.problems() == []

    # Tapping a file opens it in the in-app viewer, in an overlay.
    kiosk.tap(kiosk.button_starting("facture-eau.png · "))
    assert page.viewer_overlay is not None
    assert page.viewer_overlay.isVisible()
    assert kiosk.sees("Document joint")
    assert kiosk.sees("Page 1 / 1")
    assert kiosk.problems() == []
    kiosk.tap(kiosk.button("Fermer"))
    assert page.viewer_overlay is None

    open_tab(kiosk, page, "appointment")
    assert submitted.appointment is not None
    assert kiosk.sees(submitted.appointment.place)
    assert kiosk.problems() == []

    # Portrait: still one row of whole tabs (see test_the_tabs_stay_one_row_with_every_label_whole).
    kiosk.window.resize(1080, 1920)
    kiosk.settle()
    assert len({b.y() for b in page.tabs.buttons.values()}) == 1
    assert kiosk.problems() == []


def test_a_code_that_matches_nothing_says_so_at_the_top_with_a_way_back(kiosk: Kiosk) -> None:
    kiosk.window.resize(1080, 1920)
    kiosk.go(Route.FOLLOW_UP, "BCDFGHJK")  # a stale link: the code field, not this page, counts tries
    page = kiosk.page
    assert isinstance(page, FollowUpPage)
    assert page.message.text() == "Aucune demande ne correspond à ce code."
    assert page.back_button.isVisible()
    assert not page.tabs.isVisible()
    assert not page.cancel_button.isVisible()
    assert page.back_button.geometry().bottom() < page.height() // 3  # not pushed to the bottom of the screen
    assert kiosk.problems() == []


def test_the_code_typed_in_capitals_without_dash_works_too(kiosk: Kiosk) -> None:
    submitted = kiosk.submit()
    page = open_tracking(kiosk, submitted.tracking_code)
    assert page.request is not None
    assert page.request.tracking_code == submitted.tracking_code


def test_cancelling_through_the_overlay_archives_the_request_and_queues_it(kiosk: Kiosk) -> None:
    submitted = kiosk.submit()
    page = open_tracking(kiosk, submitted.tracking_code)
    events_before = len(kiosk.tracked(submitted.tracking_code).events)

    kiosk.tap_text("Annuler ma demande")
    assert kiosk.sees("Annuler cette demande ?")
    assert kiosk.sees("Elle sera archivée ; l'annulation sera transmise à la mairie.")
    assert kiosk.problems() == []
    kiosk.tap_text("Non, garder ma demande")
    assert page.confirm_overlay is None
    assert page.status_badge.text() == "En attente d'envoi"
    assert len(kiosk.run(kiosk.requests.outbox())) == 1

    kiosk.tap_text("Annuler ma demande")
    kiosk.tap_text("Oui, annuler")
    assert page.status_badge.text() == "Annulée"
    assert page.archived_badge.isVisible()
    assert page.archived_badge.text() == "Archivée"
    assert not page.cancel_button.isVisible()
    assert page.current_tab() == "history"
    assert kiosk.sees("Demande annulée")
    assert kiosk.sees("Annulation en attente d'envoi")
    assert kiosk.sees("En attente d'envoi à la mairie")
    assert kiosk.problems() == []

    open_tab(kiosk, page, "appointment")  # the slot went back with the request: said, lest the visitor come
    assert kiosk.sees("Ce rendez-vous est annulé avec la demande.")

    tracked = kiosk.tracked(submitted.tracking_code)
    assert tracked.status == "cancelled"
    assert tracked.archived
    assert len(tracked.events) > events_before
    outbox = kiosk.run(kiosk.requests.outbox())
    assert [item.kind for item in outbox] == ["request.submit", "request.cancel"]


def test_a_request_decided_meanwhile_cannot_be_cancelled_and_says_why(kiosk: Kiosk) -> None:
    submitted = kiosk.submit()
    page = open_tracking(kiosk, submitted.tracking_code)
    with kiosk.engine.begin() as connection:  # central accepted it while the visitor was reading
        connection.execute(update(Request).where(Request.reference == submitted.reference).values(status="accepted"))
    kiosk.tap_text("Annuler ma demande")
    kiosk.tap_text("Oui, annuler")
    assert kiosk.sees("Cette demande ne peut plus être annulée : la mairie l'a déjà traitée.")
    assert kiosk.tracked(submitted.tracking_code).status == "accepted"
    # The page now shows where the request stands, and no longer offers what cannot be done.
    assert page.status_badge.text() == "Acceptée"
    assert not page.cancel_button.isVisible()

    kiosk.go(Route.HOME)
    page = open_tracking(kiosk, submitted.tracking_code)
    assert page.status_badge.text() == "Acceptée"
    assert not page.cancel_button.isVisible()


def test_the_cancel_button_and_the_store_agree_on_every_status(kiosk: Kiosk) -> None:
    offered: set[str] = set()
    for status in REQUEST_STATUSES:
        submitted = kiosk.submit()
        code = submitted.tracking_code
        with kiosk.engine.begin() as connection:
            connection.execute(update(Request).where(Request.reference == submitted.reference).values(status=status))
        kiosk.go(Route.HOME)
        page = open_tracking(kiosk, code)
        before = kiosk.tracked(code)
        outbox = len(kiosk.run(kiosk.requests.outbox()))
        if page.cancel_button.isVisible():
            offered.add(status)
            kiosk.tap(page.cancel_button)
            kiosk.tap_text("Oui, annuler")
            after = kiosk.tracked(code)
            assert (after.status, after.archived) == ("cancelled", True), status
            assert len(kiosk.run(kiosk.requests.outbox())) == outbox + 1, status
        else:
            # Not offered on screen: the store refuses it too, or (already cancelled) changes nothing.
            with contextlib.suppress(CannotCancel):
                kiosk.run(kiosk.requests.cancel(code))
            assert kiosk.tracked(code) == before, status
            assert len(kiosk.run(kiosk.requests.outbox())) == outbox, status
    assert offered == {"draft", "submitted", "in_progress", "awaiting_you"} == CANCELLABLE_STATUSES


def pdf_bytes(pages: int) -> bytes:
    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("language", "line", "spoken_files"),
    [
        ("fr", "Pièce jointe ajoutée : Ancienne carte d'identité ou passeport (2 fichiers)", "2 fichiers joints"),
        ("en", "Attachment added: Old identity card or passport (2 files)", "2 files attached"),
    ],
)
def test_two_files_of_one_document_make_one_history_line(
    kiosk: Kiosk, language: str, line: str, spoken_files: str
) -> None:
    kiosk.ctx.translations.set_language(language)
    submitted = kiosk.submit(
        documents=(
            DocumentFile("ancien_titre", 1, "carte-recto.png", "image/png", tiny_png("red")),
            DocumentFile("ancien_titre", 2, "carte-verso.pdf", "application/pdf", pdf_bytes(2)),
        )
    )
    page = open_tracking(kiosk, submitted.tracking_code)
    shown = [t for t in kiosk.texts() if "ncien" in t or "ld identity" in t]
    assert shown == [line]

    # The PDF opens in the viewer with its pages counted by the documents service (no PDF parsing in a view).
    open_tab(kiosk, page, "documents")
    assert kiosk.sees(spoken_files)
    kiosk.tap(kiosk.button_starting("carte-verso.pdf · "))
    assert page.viewer_overlay is not None
    assert page.viewer is not None
    assert page.viewer.page_count == 2
    assert kiosk.problems() == []


def test_the_pages_leave_blocking_work_to_the_services() -> None:
    """One idiom for blocking work (the services' workers): no thread of their own, no PDF library in a page."""
    import ast

    import kiosk.views.pages.find_request
    import kiosk.views.pages.follow_up
    import kiosk.views.request_texts
    import kiosk.views.widgets.tab_bar

    modules = (kiosk.views.pages.find_request, kiosk.views.pages.follow_up, kiosk.views.request_texts)
    for module in (*modules, kiosk.views.widgets.tab_bar):
        assert module.__file__ is not None
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        names = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
        names |= {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        imported = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        imported |= {(n.module or "").split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert not names & {"to_thread", "run_in_executor"}, module.__name__
        assert not imported & {"pypdf", "pypdfium2", "PIL", "threading", "concurrent"}, module.__name__


@pytest.mark.parametrize("high_contrast", [False, True])
def test_the_status_badge_reads_from_a_step_back(kiosk: Kiosk, high_contrast: bool) -> None:
    kiosk.set_theme(high_contrast)
    page = open_tracking(kiosk, kiosk.submit().tracking_code)
    badge = page.status_badge
    theme = kiosk.ctx.theme
    assert badge.text() == "En attente d'envoi"
    assert badge.fontInfo().pixelSize() >= theme.sizes["font_tile"]  # as large as a section title
    assert badge.height() >= 48
    # Its contrast as painted: the fill just inside its padding against the darkest or lightest text pixel.
    image = badge.grab().toImage()
    fill = image.pixelColor(12, image.height() // 2).name()
    pixels = {image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())}
    assert max(contrast_ratio(c, fill) for c in pixels) >= theme.min_text_contrast
    assert fill == QColor(theme.colors["badge_bg"]).name()


@pytest.mark.parametrize(
    ("size", "high_contrast", "language"),
    [
        ((1080, 1920), False, "fr"),
        ((1080, 1920), True, "fr"),
        ((1080, 1920), False, "en"),
        ((1080, 1920), True, "en"),
        ((1920, 1080), True, "en"),
    ],
)
def test_the_tabs_stay_one_row_with_every_label_whole(
    kiosk: Kiosk, size: tuple[int, int], high_contrast: bool, language: str
) -> None:
    kiosk.window.resize(*size)
    kiosk.set_theme(high_contrast)
    kiosk.ctx.translations.set_language(language)
    page = open_tracking(kiosk, kiosk.submit().tracking_code)
    kiosk.settle()
    tabs = page.tabs
    buttons = list(tabs.buttons.values())
    assert len(buttons) == 5
    assert all(b.isVisible() for b in buttons)
    assert len({b.y() for b in buttons}) == 1, "the tabs wrap onto two rows"
    for key, button in tabs.buttons.items():
        assert " ".join(button.text().split()) == tabs.label(key)  # the words, whole (perhaps on two lines)
        assert button.sizeHint().width() <= button.width() + 1, f"{key}: cut off"
        assert button.height() >= button.sizeHint().height() - 4, f"{key}: squeezed"
    assert page.tabs.width() <= page.width()
    assert kiosk.problems() == []


def test_a_narrow_tab_bar_sets_its_longest_labels_on_two_lines(kiosk: Kiosk) -> None:
    qtbot = kiosk.qtbot  # the kiosk's stylesheet applies
    host = QWidget()
    qtbot.addWidget(host)
    column = QVBoxLayout(host)
    bar = TabBar()
    column.addWidget(bar)
    words = {"a": "Historique", "b": "La demande", "c": "Le demandeur", "d": "Pièces jointes", "e": "Rendez-vous"}
    for key, label in words.items():
        bar.add(key)
        bar.set_label(key, label)
    chosen: list[str] = []
    bar.current_changed.connect(chosen.append)
    host.resize(1400, 200)
    host.show()
    qtbot.waitExposed(host)
    assert all("\n" not in b.text() for b in bar.buttons.values())  # room enough: one line each

    row = bar.layout()
    assert row is not None
    one_line = sum(b.sizeHint().width() for b in bar.buttons.values()) + 4 * row.spacing()
    host.resize(int(one_line * 0.85) + 2 * column.contentsMargins().left(), 300)  # too narrow for one line each
    qtbot.waitUntil(lambda: any("\n" in b.text() for b in bar.buttons.values()))
    # Laid out again with the labels' new sizes: every tab as wide and as tall as its label needs.
    qtbot.waitUntil(lambda: all(b.size().expandedTo(b.sizeHint()) == b.size() for b in bar.buttons.values()))
    for key, button in bar.buttons.items():
        assert button.text() in {words[key], two_lines(words[key])}
        assert bar.label(key) == words[key]
    assert two_lines("Pièces jointes") == "Pièces\njointes"
    assert len({b.y() for b in bar.buttons.values()}) == 1

    qtbot.mouseClick(bar.buttons["c"], LEFT)
    assert (bar.current(), chosen) == ("c", ["c"])
    bar.set_tab_visible("c", False)  # hiding the current tab chooses the first one shown
    assert (bar.current(), chosen) == ("a", ["c", "a"])


def test_words_for_statuses_and_answers() -> None:
    tracked = TrackedRequest(
        reference="r",
        tracking_code="BCDFGHJK",
        procedure_slug=SLUG,
        procedure_revision=1,
        procedure_title=None,  # type: ignore[arg-type]
        status="submitted",
        archived=False,
        pending_send=False,
        created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        requester=None,  # type: ignore[arg-type]
        answers={},
        appointment=None,
        documents=(),
        events=(),
    )
    assert status_text(tracked) == "Transmise à la mairie"
    assert status_text(dataclasses.replace(tracked, pending_send=True)) == "En attente d'envoi"
    # A dead letter is not "waiting" for ever: it says it was refused (the page says to see the counter).
    assert status_text(dataclasses.replace(tracked, send_refused=True)) == "Envoi refusé"
    assert format_answer(None, False, "fr") == "Non"
    assert format_answer(None, 3, "fr") == "3"
    assert format_answer(None, Address("1 place de la Mairie", "45000", "Valmont", "Bât. B"), "fr") == (
        "1 place de la Mairie\nBât. B\n45000 Valmont"
    )


@pytest.mark.parametrize(
    ("size", "high_contrast", "language"),
    [((1920, 1080), False, "en"), ((1080, 1920), True, "fr"), ((1080, 1920), False, "en")],
)
def test_every_screen_is_named_large_and_uncut(
    kiosk: Kiosk, size: tuple[int, int], high_contrast: bool, language: str
) -> None:
    submitted = kiosk.submit()
    kiosk.window.resize(*size)
    kiosk.set_theme(high_contrast)
    kiosk.ctx.translations.set_language(language)
    report: list[str] = []

    def check(scene: str) -> None:
        kiosk.settle()
        report.extend(f"{scene}: {problem}" for problem in kiosk.problems())

    kiosk.go(Route.CONFIRMATION, submitted)
    check("confirmation")
    page = kiosk.page
    assert isinstance(page, ConfirmationPage)
    kiosk.tap(page.print_button)
    check("receipt")
    assert page.receipt_overlay is not None
    page.receipt_overlay.dismiss()

    tracking = open_tracking(kiosk, submitted.tracking_code)
    if language == "en":
        assert kiosk.sees("National identity card")
    for key, button in tracking.tabs.buttons.items():
        kiosk.tap(button)
        check(f"tracking/{key}")
    kiosk.tap(tracking.cancel_button)
    check("cancel overlay")
    assert tracking.confirm_overlay is not None
    tracking.confirm_overlay.dismiss()

    kiosk.go(Route.FIND_REQUEST)
    track = kiosk.page
    assert isinstance(track, FindRequestPage)
    check("track")
    for _ in range(5):
        search(kiosk, track, wrong_code(submitted.tracking_code))
    assert not track.field.isEnabled()
    check("track blocked")
    assert not report, "\n".join(report)
