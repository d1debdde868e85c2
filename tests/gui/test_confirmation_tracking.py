"""The end of a procedure and what comes after: the confirmation with its code, QR code and printed receipt;
"Suivre une demande" with wrong codes, the guard that blocks guessing, the right code; "Suivi de la demande"
with its tabs, and cancelling through the confirmation overlay. Real services on a temporary SQLite file."""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
import io
import uuid
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pypdf
import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from kiosk.config import demo_settings
from kiosk.models.db import make_engine, make_session_factory, migrate
from kiosk.models.dto import Address, DocumentFile, RequestDraft, Requester, SubmittedRequest, TrackedRequest
from kiosk.models.repositories import CatalogueRepository
from kiosk.models.request_repository import RequestRepository
from kiosk.models.tables import Request
from kiosk.paths import resources_dir
from kiosk.services.catalogue import CatalogueService
from kiosk.services.documents import DocumentService
from kiosk.services.executors import DbExecutor, FileWorker
from kiosk.services.requests import RequestService
from kiosk.services.slots import SlotService, load_opening_hours
from kiosk.services.tracking import TrackingGuard
from kiosk.views import gc as view_gc
from kiosk.views.answers import format_answer
from kiosk.views.context import Services, ViewContext
from kiosk.views.i18n import Translations
from kiosk.views.navigator import Navigator, Route
from kiosk.views.pages.base import Page
from kiosk.views.pages.confirmation import ConfirmationPage
from kiosk.views.pages.tracking import FindRequestPage, FollowUpPage, status_text
from kiosk.views.receipt import print_receipt, render_receipt_png
from tests.gui.test_accessibility import problems_on_screen

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
        self.settings = demo_settings(data_dir=tmp_path / "data", fullscreen=False, printer="")
        self.ctx = ViewContext(self.settings, Translations("fr"))
        self.clock = FakeClock()
        self.guard = TrackingGuard(limit=5, window_s=60, block_s=60, clock=self.clock)
        self.ctx.tracking_guard = self.guard  # type: ignore[attr-defined]  # the lead adds it to ViewContext
        self.db = DbExecutor()
        self.engine = make_engine(self.settings.database_path)
        migrate(self.engine)
        sessions = make_session_factory(self.engine)
        self.catalogue = CatalogueService(CatalogueRepository(sessions), self.db)
        self.run(self.catalogue.load_from_directory(self.settings.catalogue_dir))
        self.requests = RequestService(RequestRepository(sessions), self.db, "borne-test", demo_settings().zone)

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

    def submit(self) -> SubmittedRequest:
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
            documents=(
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
    qr = page.qr_pixmap()
    assert not qr.isNull()
    assert qr.width() >= 240
    assert qr.height() >= 240
    assert kiosk.sees("En attente d'envoi : votre demande partira dès que la borne sera connectée à la mairie.")
    assert kiosk.sees("Rendez-vous : ")
    assert submitted.appointment is not None
    assert kiosk.sees(submitted.appointment.place)
    assert kiosk.problems() == []

    kiosk.tap_text("Terminer")
    assert kiosk.finished == [True]


def test_the_receipt_is_one_page_with_the_code_the_reference_and_the_title(kiosk: Kiosk) -> None:
    submitted = kiosk.submit()
    kiosk.go(Route.CONFIRMATION, submitted)
    page = kiosk.page
    assert isinstance(page, ConfirmationPage)
    kiosk.tap_text("Imprimer le récapitulatif")

    path = kiosk.settings.session_dir / f"recapitulatif-{submitted.reference}.pdf"
    assert page.receipt_path == path
    assert path.is_file()
    reader = pypdf.PdfReader(str(path))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert submitted.tracking_code in "".join(text.split())  # the code is printed spaced out
    assert submitted.reference in text
    assert TITLE in flat(text)
    assert "Récapitulatif de votre demande" in flat(text)
    assert "ancienne-carte.png" in text
    assert "facture-eau.png" in text
    assert "Suivre une demande" in flat(text)

    # No printer on this kiosk: said plainly, and the receipt is shown on screen instead.
    message = "Aucune imprimante n'est reliée à cette borne : notez votre code ou photographiez le QR code."
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
    assert kiosk.problems() == []

    assert (
        print_receipt(submitted, kiosk.settings.town_name, None, "fr", kiosk.settings.zone, "imprimante-inexistante")
        is False
    )
    png = render_receipt_png(path, 400)
    assert png.startswith(b"\x89PNG")


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

    kiosk.clock.now += 30
    kiosk.run(asyncio.sleep(1.1))  # the countdown's timer ticks every second
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
    kiosk.run(asyncio.sleep(1.1))
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

    kiosk.tap_text("La demande")
    assert page.current_tab() == "request"
    assert kiosk.sees("Motif de la demande")
    assert kiosk.sees("Renouvellement (carte expirée ou expirant dans moins de 6 mois)")
    assert kiosk.sees("Date de naissance de l'enfant")
    assert kiosk.sees("09/04/2015")
    assert kiosk.sees("Je demande aussi un passeport au même rendez-vous")
    assert kiosk.sees("Oui")
    assert kiosk.sees("Mon enfant mineur")
    assert not kiosk.sees("enfant_mineur")
    assert kiosk.problems() == []

    kiosk.tap_text("Le demandeur")
    assert kiosk.sees("Madame Claire Martin")
    assert kiosk.sees("12 rue des Tilleuls\n45000 Valmont-sur-Loire")
    assert kiosk.sees("claire.martin@example.org")
    assert kiosk.sees("Par SMS")
    assert kiosk.problems() == []

    kiosk.tap_text("Pièces jointes")
    assert kiosk.sees("2 documents joints")
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

    kiosk.tap_text("Rendez-vous")
    assert submitted.appointment is not None
    assert kiosk.sees(submitted.appointment.place)
    assert kiosk.problems() == []

    # Portrait: the tabs wrap rather than being cut.
    kiosk.window.resize(1080, 1920)
    kiosk.settle()
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
        connection.execute(
            update(Request).where(Request.tracking_code == submitted.tracking_code).values(status="accepted")
        )
    kiosk.tap_text("Annuler ma demande")
    kiosk.tap_text("Oui, annuler")
    assert kiosk.sees("Cette demande ne peut plus être annulée : la mairie l'a déjà traitée.")
    assert kiosk.tracked(submitted.tracking_code).status == "accepted"

    kiosk.go(Route.HOME)
    page = open_tracking(kiosk, submitted.tracking_code)
    assert page.status_badge.text() == "Acceptée"
    assert not page.cancel_button.isVisible()


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
    assert status_text(tracked) == "Envoyée à la mairie"
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


def test_a_receipt_that_cannot_be_written_is_said_plainly(kiosk: Kiosk) -> None:
    submitted = kiosk.submit()
    kiosk.settings.session_dir.parent.mkdir(parents=True, exist_ok=True)
    kiosk.settings.session_dir.write_text("not a folder")  # the session folder cannot be made
    kiosk.go(Route.CONFIRMATION, submitted)
    page = kiosk.page
    assert isinstance(page, ConfirmationPage)
    kiosk.tap_text("Imprimer le récapitulatif")
    assert kiosk.sees("Le récapitulatif n'a pas pu être préparé : notez votre code de suivi.")
    assert page.receipt_overlay is None
    assert page.receipt_path is None
    assert kiosk.sees(f"{submitted.tracking_code[:4]} {submitted.tracking_code[4:]}")
