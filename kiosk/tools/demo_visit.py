"""A demo visitor filling the identity-card procedure, through the same editors a person uses: for
`kiosk shots` (every step, filled) and `kiosk bench` (a 3-file request)."""

from __future__ import annotations

from kiosk.models.dto import Address, AnswerValue
from kiosk.paths import resources_dir
from kiosk.services.documents import AcceptedDocument, DocumentService
from kiosk.tools.drive import settle
from kiosk.views.main_window import MainWindow
from kiosk.views.navigator import Route
from kiosk.views.pages.wizard.appointment_step import AppointmentStep
from kiosk.views.pages.wizard.form_step import FormStep
from kiosk.views.pages.wizard.page import WizardPage

PROCEDURE = "carte-nationale-identite"
REQUESTER: dict[str, AnswerValue] = {
    "civility": "madame",
    "last_name": "Martin",
    "first_name": "Camille",
    "address": Address(line="4 rue des Tilleuls", postcode="45000", city="Valmont-sur-Loire"),
    "email": "camille.martin@exemple.fr",
    "phone": "06 12 34 56 78",
    "notify_by": "email",
}
ANSWERS: dict[str, AnswerValue] = {"titulaire": "moi", "motif": "renouvellement", "numero_predemande": "AB12345678"}
DOCUMENTS = {
    "ancien_titre": ["carte-identite-recto.jpg", "carte-identite-verso.jpg"],
    "justificatif_domicile": ["justificatif-de-domicile.pdf"],
}


async def demo_documents(window: MainWindow, names: list[str]) -> list[AcceptedDocument]:
    """The demo files ``names``, checked as a visitor's would be (on the files' worker), whatever folders the
    kiosk's settings allow: the demo folder is the one allowed here."""
    folder = resources_dir() / "demo" / "documents"
    demo = DocumentService([folder], (await window.ctx.services()).files)
    documents: list[AcceptedDocument] = []
    for name in names:
        accepted = await demo.inspect(folder / name)
        assert isinstance(accepted, AcceptedDocument), accepted
        documents.append(accepted)
    return documents


async def open_wizard(window: MainWindow, slug: str = PROCEDURE) -> WizardPage:
    window.navigator.go(Route.WIZARD, slug)
    await settle(window)
    page = window.navigator.current_page()
    assert isinstance(page, WizardPage)
    await page.tasks.idle()  # the draft is made after awaits (the catalogue, a logged-in citizen's profile)
    await settle(window)
    return page


async def fill_demo_request(window: MainWindow) -> WizardPage:
    """Open the wizard and answer every step; the page ends on the appointment step, everything filled."""
    page = await open_wizard(window)
    assert page.state is not None
    appointment = page.view("appointment")
    assert isinstance(appointment, AppointmentStep)
    await appointment.tasks.idle()
    assert appointment.slots(), "no free slot in the demo opening hours"
    appointment.choose(appointment.slots()[3])
    requester = page.view("requester")
    assert isinstance(requester, FormStep)
    for field_id, value in REQUESTER.items():
        requester.set_answer(field_id, value)
    for key in ("step:demande", "step:pieces"):
        step = page.view(key)
        assert isinstance(step, FormStep)
        for field_id, value in ANSWERS.items():
            if field_id in step.field_ids():
                step.set_answer(field_id, value)
        for field_id, names in DOCUMENTS.items():
            if field_id in step.field_ids():
                step.set_documents(field_id, await demo_documents(window, names))
    await settle(window)
    return page


async def prefill_demo_request(window: MainWindow) -> WizardPage:
    """Open the wizard and put the demo answers in its draft without building the later steps' pages, as a
    visitor's earlier answers would be: each step is then built when Next first reaches it."""
    page = await open_wizard(window)
    assert page.state is not None
    services = await window.ctx.services()
    page.state.appointment = (await services.slots.available())[3]
    page.state.requester.update(REQUESTER)
    page.state.answers.update(ANSWERS)
    for field_id, names in DOCUMENTS.items():
        page.state.documents[field_id] = await demo_documents(window, names)
    page.go("appointment")  # its page shows the chosen slot
    await settle(window)
    return page


async def go_to(window: MainWindow, page: WizardPage, key: str) -> None:
    page.go(key)
    await settle(window)
