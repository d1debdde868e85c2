"""``kiosk shots``: every screen rendered offscreen to PNG, landscape and portrait, FR and EN, normal and
high contrast. Look at them before calling a screen done."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

from kiosk.config import Settings
from kiosk.models.dto import DeadLetter, SubmittedRequest
from kiosk.services.account_outcomes import PhoneCode
from kiosk.services.citizen import CitizenIdentity, CitizenLogin
from kiosk.services.documents import PDF
from kiosk.tools.demo_visit import fill_demo_request, go_to, open_wizard
from kiosk.tools.drive import Composition, running_kiosk, settle
from kiosk.views.main_window import MainWindow
from kiosk.views.navigator import Route
from kiosk.views.pages.account import AccountPage
from kiosk.views.pages.agent import AgentPage
from kiosk.views.pages.confirmation import ConfirmationPage
from kiosk.views.pages.procedure import ProcedurePage
from kiosk.views.pages.search import SearchPage
from kiosk.views.pages.wizard.form_step import FormStep
from kiosk.views.receipt import ReceiptContent, receipt_pdf
from kiosk.views.widgets.documents.editor import AttachmentEditor
from kiosk.views.widgets.overlay import Overlay

SIZES = {"landscape": (1920, 1080), "portrait": (1080, 1920)}
Scene = Callable[[MainWindow], Awaitable[None]]


async def _go(window: MainWindow, route: Route, params: object = None) -> None:
    window.navigator.go(route, params)
    await settle(window)


async def _domain(window: MainWindow) -> None:
    await _go(window, Route.PROCEDURES, "etat-civil")


async def _procedure(window: MainWindow) -> None:
    await _go(window, Route.PROCEDURE, "carte-nationale-identite")


async def _at_the_counter(window: MainWindow) -> None:
    """A procedure that needs a personal space: the kiosk has none yet, and its page and overlay say so."""
    await _go(window, Route.PROCEDURE, "inscription-creche")
    page = window.navigator.current_page()
    assert isinstance(page, ProcedurePage)
    page.start_button.click()
    await settle(window)


async def _search(window: MainWindow, text: str) -> None:
    await _go(window, Route.SEARCH)
    page = window.navigator.current_page()
    assert isinstance(page, SearchPage)
    page.field.setText(text)
    await settle(window)


async def _search_results(window: MainWindow) -> None:
    await _search(window, "naissance")
    page = window.navigator.current_page()
    assert isinstance(page, SearchPage)
    page.results.setFocus()  # the keyboard goes away, as when the visitor taps "Voir les résultats"
    await settle(window)


async def _help(window: MainWindow) -> None:
    await _go(window, Route.DOMAINS)
    window.show_help()
    await settle(window)


async def _wizard_step(window: MainWindow, key: str) -> None:
    page = await fill_demo_request(window)
    await go_to(window, page, key)


async def _proof_of_address(window: MainWindow) -> AttachmentEditor:
    """The demo request on its documents step, and the field of the proof of address (one file of four)."""
    page = await fill_demo_request(window)
    await go_to(window, page, "step:pieces")
    view = page.current_view()
    assert isinstance(view, FormStep)
    editor = view.editor("justificatif_domicile")
    assert isinstance(editor, AttachmentEditor)
    return editor


async def _document_picker(window: MainWindow) -> None:
    editor = await _proof_of_address(window)
    editor.open_picker()
    await settle(window)


async def _document_viewer(window: MainWindow) -> None:
    editor = await _proof_of_address(window)
    editor.open_viewer(editor.documents()[0])
    await settle(window)


async def _details_with_errors(window: MainWindow) -> None:
    page = await open_wizard(window)
    await go_to(window, page, "requester")
    view = page.current_view()
    assert view is not None
    view.show_problems()
    await settle(window)


async def _submitted(window: MainWindow) -> SubmittedRequest:
    page = await fill_demo_request(window)
    await go_to(window, page, "summary")
    page.next_button.click()
    await page.tasks.idle()
    await settle(window)
    confirmation = window.navigator.current_page()
    assert isinstance(confirmation, ConfirmationPage)
    assert confirmation.request is not None
    return confirmation.request


async def _confirmation(window: MainWindow) -> None:
    await _submitted(window)


async def _receipt(window: MainWindow) -> None:
    await _submitted(window)
    confirmation = window.navigator.current_page()
    assert isinstance(confirmation, ConfirmationPage)
    confirmation.print_button.click()
    await confirmation.tasks.idle()
    await settle(window)


async def _tracking(window: MainWindow) -> None:
    request = await _submitted(window)
    await _go(window, Route.FOLLOW_UP, request.tracking_code)


async def _idle_warning(window: MainWindow) -> None:
    await _wizard_step(window, "requester")
    window.session.idle.warning_started.emit(25)  # as the idle timer does after a quiet minute
    await settle(window)


async def _abandon(window: MainWindow) -> None:
    page = await fill_demo_request(window)
    await go_to(window, page, "requester")
    page.abandon_button.click()
    await settle(window)


async def _procedure_help(window: MainWindow) -> None:
    page = await fill_demo_request(window)
    page.help_button.click()
    await settle(window)


async def _finish_confirm(window: MainWindow) -> None:
    page = await fill_demo_request(window)
    await go_to(window, page, "requester")
    window.header.finish_button.click()
    await settle(window)


async def _agent_code(window: MainWindow) -> None:
    """The agent code being typed: masked."""
    await _go(window, Route.AGENT)
    page = window.navigator.current_page()
    assert isinstance(page, AgentPage)
    page.code_field.setText("4071926")  # agent codes have six digits or more
    await settle(window)


async def _agent(window: MainWindow) -> None:
    """ "Espace agent" once the code is accepted, at a kiosk whose token central refuses, with two refused sends.
    The demo town syncs with no central and has no agent code: the screen is opened as the right code opens it, and
    shown what such a kiosk's sync would give it."""
    await _go(window, Route.AGENT)
    page = window.navigator.current_page()
    assert isinstance(page, AgentPage)
    page.unlock()
    await page.tasks.idle()
    assert page.overview is not None
    refused = dt.datetime(2026, 3, 12, 13, 5, tzinfo=dt.UTC)
    letters = (
        DeadLetter("borne-1-2026-000042", "request.submit", refused, "422 invalid_op: answers.motif: unknown choice"),
        DeadLetter("borne-1-2026-000017", "request.cancel", refused - dt.timedelta(days=2), "409 request_decided"),
    )
    page.show_overview(
        dataclasses.replace(
            page.overview,
            central_host="mairie.example",
            token_file="/etc/kiosk-espace-citoyens/device-token",
            online=False,
            unauthorized=True,
            waiting=3,
            dead_letters=letters,
            dead_total=len(letters),
        )
    )
    await settle(window)


async def _account(window: MainWindow, view: str) -> AccountPage:
    await _go(window, Route.ACCOUNT, view)
    page = window.navigator.current_page()
    assert isinstance(page, AccountPage)
    return page


async def _account_login(window: MainWindow) -> None:
    """ "Me connecter sur la borne" being filled: the address on the e-mail keyboard, the password masked."""
    page = await _account(window, "login")
    page.login_form.email.edit.setText("camille.martin@exemple.fr")
    page.login_form.password.edit.setText("un mot de passe")
    page.login_form.email.edit.setFocus()
    await settle(window)


async def _account_login_errors(window: MainWindow) -> None:
    """What a form says under its fields: sent empty, then an address that is not one."""
    page = await _account(window, "login")
    page.login_form.send()
    page.login_form.email.edit.setText("camille.martin")
    page.login_form.send()
    page.login_form.email.edit.clearFocus()
    await settle(window)


async def _account_space(window: MainWindow) -> None:
    """Logged in: the header greets the citizen, "Mon espace" is theirs. The demo town has no central: the citizen
    is signed in as a log-in would sign them in (the token is no real one)."""
    identity = CitizenIdentity("Camille", "Martin", "camille.martin@exemple.fr")
    window.session.sign_in(CitizenLogin(identity, "shots-no-real-token", 900, "shots-no-real-grant-000"))
    await _account(window, "space")


async def _account_phone(window: MainWindow, end: str = "") -> None:
    """« Me connecter avec mon téléphone »: the demo town has no central (the view says so: "offline"), so the code
    is shown as one central would give (a demo address), or what ended it (``end``)."""
    page = await _account(window, "phone")
    page.phone_view.stop()
    if end:
        page.phone_view.show_end(end)
    else:
        address = "https://mairie.valmont-sur-loire.fr/connexion"
        page.phone_view.show_code(PhoneCode("BCDF-GHJK", address, address + "?code=BCDFGHJK", 600, 5, "shots"))
    await settle(window)


SCENES: dict[str, Scene] = {
    "01-home": lambda w: _go(w, Route.HOME),
    "02-domains": lambda w: _go(w, Route.DOMAINS),
    "03-procedures-etat-civil": _domain,
    "03b-procedures-padlock": lambda w: _go(w, Route.PROCEDURES, "education-petite-enfance"),
    "04-procedure": _procedure,
    "04b-procedure-at-the-counter": _at_the_counter,
    "05-search-typing": lambda w: _search(w, "crèche"),
    "06-search-results": _search_results,
    "07-search-nothing": lambda w: _search(w, "zzzz"),
    "08-coming-soon": lambda w: _go(w, Route.COMING_SOON, "news"),
    "09-help": _help,
    "10-wizard-appointment": lambda w: _wizard_step(w, "appointment"),
    "11-wizard-details": lambda w: _wizard_step(w, "requester"),
    "12-wizard-details-errors": _details_with_errors,
    "13-wizard-request": lambda w: _wizard_step(w, "step:demande"),
    "14-wizard-documents": lambda w: _wizard_step(w, "step:pieces"),
    "14b-document-picker": _document_picker,
    "14c-document-viewer": _document_viewer,
    "15-wizard-summary": lambda w: _wizard_step(w, "summary"),
    "16-confirmation": _confirmation,
    "17-receipt": _receipt,
    "18-track": lambda w: _go(w, Route.FIND_REQUEST),
    "19-tracking": _tracking,
    "20-idle-warning": _idle_warning,
    "21-abandon": _abandon,
    "22-procedure-help": _procedure_help,
    "23-finish-confirm": _finish_confirm,
    "24-agent-code": _agent_code,
    "25-agent": _agent,
    "26-account-ways": lambda w: _go(w, Route.ACCOUNT),
    "27-account-login": _account_login,
    "28-account-login-errors": _account_login_errors,
    "29-account-create": lambda w: _go(w, Route.ACCOUNT, "create"),
    "30-account-forgotten": lambda w: _go(w, Route.ACCOUNT, "forgotten"),
    "31-account-sent": lambda w: _go(w, Route.ACCOUNT, "sent"),
    "32-account-why": lambda w: _go(w, Route.ACCOUNT, "why"),
    "33-account-space": _account_space,
    "34-account-phone": _account_phone,
    "35-account-phone-denied": lambda w: _account_phone(w, "denied"),
    "36-account-phone-expired": lambda w: _account_phone(w, "expired"),
    "37-account-phone-offline": lambda w: _go(w, Route.ACCOUNT, "phone"),
}


def _grab(window: MainWindow, path: Path) -> None:
    window.grab().save(str(path))


async def show_scene(window: MainWindow, scene: Scene, look: Callable[[], object]) -> None:
    """Play ``scene`` from the home screen, have ``look`` at the screen it leaves, and clear what it left behind for
    the next one: its overlays, and the citizen it signed in (the next scene's visitor is anonymous). ``kiosk
    shots`` and the accessibility walker both go through the scenes this way, so they see the same screens."""
    window.navigator.reset()
    await scene(window)
    await settle(window)
    try:
        look()
    finally:
        for overlay in window.findChildren(Overlay):
            overlay.dismiss()
        window.session.citizen_expired()


async def _take(kiosk: Composition, out: Path, settings: Settings, orientations: Sequence[str]) -> list[Path]:
    written: list[Path] = []
    for orientation in orientations:
        size = SIZES[orientation]
        async with running_kiosk(kiosk, settings, size) as (ctx, window, _backend):
            for theme in ("normal", "contrast"):
                ctx.set_high_contrast(theme == "contrast")
                for language in ("fr", "en"):
                    ctx.translations.set_language(language)
                    for name, scene in SCENES.items():
                        path = out / f"{name}_{orientation}_{language}_{theme}.png"
                        await show_scene(window, scene, functools.partial(_grab, window, path))
                        written.append(path)
            if orientation == "landscape":
                written += await _receipts(out, window)
    return written


async def _receipts(out: Path, window: MainWindow) -> list[Path]:
    """The printed receipt itself, as a PNG of its PDF page, in each language."""
    written = []
    for language in ("fr", "en"):
        window.ctx.translations.set_language(language)
        window.navigator.reset()
        request = await _submitted(window)
        settings = window.ctx.settings
        link = settings.tracking_link(request.tracking_code)
        content = ReceiptContent(request, settings.town_name, settings.logo, language, settings.zone, link)
        services = await window.ctx.services()
        pdf = await services.files.run(receipt_pdf, content)
        png = out / f"30-receipt-page_{language}.png"
        png.write_bytes((await services.documents.render_pages(pdf, PDF, 1240, max_pages=1))[0])
        written.append(png)
    window.ctx.translations.set_language("fr")
    return written


def take_shots(kiosk: Composition, out: Path, settings: Settings, orientations: Sequence[str] = ()) -> list[Path]:
    """Render every scene in ``orientations`` (all of them by default) to ``out``."""
    # Screenshots are rendered offscreen whatever screen this machine has: same pixels everywhere.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import qasync

    kiosk.application()
    out.mkdir(parents=True, exist_ok=True)
    result: list[Path] = qasync.run(_take(kiosk, out, settings, orientations or list(SIZES)))
    return result
