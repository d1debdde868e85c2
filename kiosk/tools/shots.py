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
from kiosk.services.central_lookup import tracked_request
from kiosk.services.citizen import CitizenIdentity, CitizenLogin
from kiosk.services.dashboard_outcomes import ARCHIVED_STATUSES, DashboardOutcome
from kiosk.services.documents import PDF
from kiosk.tools.demo_central import DEMO_PINNED
from kiosk.tools.demo_visit import fill_demo_request, go_to, open_wizard
from kiosk.tools.drive import Composition, running_kiosk, settle
from kiosk.views.main_window import MainWindow
from kiosk.views.navigator import Route
from kiosk.views.pages.account import AccountPage
from kiosk.views.pages.agent import AgentPage
from kiosk.views.pages.attach import AttachPage
from kiosk.views.pages.confirmation import ConfirmationPage
from kiosk.views.pages.dashboard import DashboardPage
from kiosk.views.pages.follow_up import FollowUpPage
from kiosk.views.pages.home import HomePage
from kiosk.views.pages.my_requests import MyRequestsPage
from kiosk.views.pages.padlock import quota_reached_overlay
from kiosk.views.pages.procedure import ProcedurePage
from kiosk.views.pages.profile import ProfilePage
from kiosk.views.pages.search import SearchPage
from kiosk.views.pages.wizard.form_step import FormStep
from kiosk.views.receipt import ReceiptContent, receipt_pdf
from kiosk.views.widgets.documents.editor import AttachmentEditor
from kiosk.views.widgets.overlay import Overlay
from sync.personal_space import Dashboard, Family, FamilyMember, MyRequest, Profile, ProfileDetails, QuotaState
from sync.protocol import Address, Appointment, FollowUp, ProcedureRef, RequestEventData

SIZES = {"landscape": (1920, 1080), "portrait": (1080, 1920)}
Scene = Callable[[MainWindow], Awaitable[None]]


async def _go(window: MainWindow, route: Route, params: object = None) -> None:
    window.navigator.go(route, params)
    await settle(window)


async def _domain(window: MainWindow) -> None:
    await _go(window, Route.PROCEDURES, "etat-civil")


async def _procedure(window: MainWindow) -> None:
    await _go(window, Route.PROCEDURE, "carte-nationale-identite")


async def _padlock(window: MainWindow) -> None:
    """A procedure of the personal space, for a visitor not logged in: its overlay offers the log-in at once."""
    await _go(window, Route.PROCEDURE, "inscription-creche")
    page = window.navigator.current_page()
    assert isinstance(page, ProcedurePage)
    page.start_button.click()
    await settle(window)


def _sign_in_demo_citizen(window: MainWindow) -> None:
    """The demo town has no central: the citizen is signed in as a log-in would sign them in (no real token)."""
    identity = CitizenIdentity("Camille", "Martin", "camille.martin@exemple.fr")
    window.session.sign_in(CitizenLogin(identity, "shots-no-real-token", 900, "shots-no-real-grant-000"))


async def _padlock_logged_in(window: MainWindow) -> None:
    """The same procedure once logged in: « Commencer la démarche » as for any other."""
    _sign_in_demo_citizen(window)
    await _go(window, Route.PROCEDURE, "inscription-creche")


async def _quota_reached(window: MainWindow) -> None:
    """The guide's message when central counts the citizen's quota reached (as central would answer it)."""
    _sign_in_demo_citizen(window)
    await _go(window, Route.PROCEDURE, "subvention-association")
    renews = dt.datetime(2027, 1, 1, tzinfo=window.ctx.settings.zone)
    state = QuotaState(slug="subvention-association", count=1, period="year", used=1, reached=True, renews_at=renews)
    quota_reached_overlay(window, state, window.ctx.language, window.ctx.settings.zone).open()
    await settle(window)


async def _session_ended(window: MainWindow) -> None:
    """The citizen's session ended on central at « Valider »: the draft stays, « Me reconnecter »."""
    page = await fill_demo_request(window)
    await go_to(window, page, "summary")
    page.citizen_session_ended()
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
    """Logged in: the header greets the citizen, "Mon espace" is theirs: on to « Mon tableau de bord »."""
    _sign_in_demo_citizen(window)
    await _go(window, Route.ACCOUNT, "space")


def _demo_profile(family: bool) -> Profile:
    """Camille Martin's profile as central would give it, with the family of a demo clé enfance or none."""
    details = ProfileDetails(
        civility="madame",
        first_name="Camille",
        last_name="Martin",
        address=Address(line="12 rue des Écoles", postcode="45000", city="Valmont-sur-Loire", complement="Bât. B"),
        phones=["06 12 34 56 78"],
        emails=["camille.pro@exemple.fr"],
        notify_by="sms",
    )
    members = [
        FamilyMember(first_name="Camille", last_name="Martin", relation="parent", birth_year=None, services=[]),
        FamilyMember(
            first_name="Léa",
            last_name="Martin",
            relation="enfant",
            birth_year=2017,
            services=["Restauration scolaire", "Accueil du soir"],
        ),
    ]
    linked = dt.datetime(2026, 9, 1, 9, 0, tzinfo=dt.UTC)
    return Profile(
        email="camille.martin@exemple.fr",
        details=details,
        family=Family(key_hint="4TRW", members=members, linked_at=linked) if family else None,
    )


async def _profile(window: MainWindow, family: bool = False, edit: bool = False, refused: str = "") -> None:
    """« Mon profil »: the demo town has no central, so the profile is staged as central would give it; ``edit``
    opens « Je modifie mon espace », ``refused`` shows what a wrong clé enfance gets."""
    _sign_in_demo_citizen(window)
    await _go(window, Route.PROFILE)
    page = window.navigator.current_page()
    assert isinstance(page, ProfilePage)
    await page.tasks.idle()
    page.show_profile(_demo_profile(family))
    if edit:
        page.open_form()
    if refused:
        page.key_input.edit.setText("K7QX-2M9P-4TRX")
        page.say_key(refused)
    await settle(window)


async def _demo_dashboard(window: MainWindow) -> DashboardOutcome:
    """« Mon tableau de bord » as central would answer it for the demo citizen (the demo town has no central):
    requests going on and archived, a message to read, an appointment to come, the demo's pinned procedures."""
    catalogue = window.ctx.attached_services().catalogue if window.ctx.ready else None
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    rows = (
        ("2026-000118", "passeport", "awaiting_you", 2, 3),
        ("2026-000097", "acte-de-naissance", "in_progress", 0, None),
        ("2026-000064", "reservation-salle", "accepted", 0, None),
        ("2026-000031", "collecte-encombrants", "closed", 0, None),
        ("2026-000012", "changement-adresse", "cancelled", 0, None),
    )
    requests = []
    for age, (number, slug, status, unread, in_days) in enumerate(rows):
        received = now - dt.timedelta(days=9 * age + 2)
        slot = None
        if in_days is not None:
            starts = (now + dt.timedelta(days=in_days)).replace(hour=8, minute=30, second=0)
            slot = Appointment(id="demo", starts_at=starts, ends_at=starts + dt.timedelta(minutes=15), place="Accueil")
        requests.append(
            MyRequest(
                number=number,
                status=status,  # type: ignore[arg-type]
                procedure=ProcedureRef(slug=slug, revision=1),
                received_at=received,
                updated_at=received,
                appointment=slot,
                unread=unread,
                archived=status in ARCHIVED_STATUSES,
            )
        )
    board = Dashboard(requests=requests, unread_messages=2, upcoming_appointments=1, pinned=list(DEMO_PINNED))
    titles = {}
    for slug in {*(r.procedure.slug for r in requests), *DEMO_PINNED}:
        detail = await catalogue.procedure(slug) if catalogue is not None else None
        if detail is not None:
            titles[slug] = detail.definition.title
    return DashboardOutcome("ok", board, titles)


async def _dashboard(window: MainWindow, view: str | None = None, staged: bool = True) -> None:
    _sign_in_demo_citizen(window)
    await _go(window, Route.DASHBOARD, view)
    page = window.navigator.current_page()
    assert isinstance(page, DashboardPage)
    await page.tasks.idle()
    if staged:
        page.show_outcome(await _demo_dashboard(window))
    await settle(window)


async def _dashboard_for_whom(window: MainWindow) -> None:
    """« Coordonnées » asking « Pour qui ? » for the demo citizen's family, as their profile on central gives it."""
    _sign_in_demo_citizen(window)
    await _go(window, Route.DASHBOARD, "contacts")
    page = window.navigator.current_page()
    assert isinstance(page, DashboardPage)
    await page.tasks.idle()
    page.show_family(_demo_profile(family=True))
    await settle(window)


async def _my_requests(window: MainWindow, view: str) -> None:
    _sign_in_demo_citizen(window)
    await _go(window, Route.MY_REQUESTS, view)
    page = window.navigator.current_page()
    assert isinstance(page, MyRequestsPage)
    await page.tasks.idle()
    page.show_outcome(await _demo_dashboard(window))
    await settle(window)


async def _my_follow_up(window: MainWindow) -> None:
    """One of the citizen's requests opened from their space: the town's message in full (as central would give
    it with the citizen's token), no tracking code."""
    _sign_in_demo_citizen(window)
    catalogue = window.ctx.attached_services().catalogue
    received = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(days=2)
    events = (
        ("operation", "received", None, "", received),
        ("operation", "status_changed", "awaiting_you", "", received + dt.timedelta(days=1)),
        (
            "exchange",
            "message",
            None,
            "Merci d'apporter votre ancien passeport au guichet.",
            received + dt.timedelta(days=1),
        ),
    )
    follow_up = FollowUp(
        number="2026-000118",
        status="awaiting_you",
        procedure=ProcedureRef(slug="passeport", revision=1),
        received_at=received,
        appointment=None,
        history=[
            RequestEventData(kind=kind, code=code, status=status, text=text, at=at)  # type: ignore[arg-type]
            for kind, code, status, text, at in events
        ],
    )
    request = await tracked_request(catalogue, follow_up, "", messages=True)
    await _go(window, Route.FOLLOW_UP, dataclasses.replace(request, attached=True))


async def _home_pinned(window: MainWindow) -> None:
    """« Mon accueil » while logged in: the town's pinned procedures first."""
    _sign_in_demo_citizen(window)
    await _go(window, Route.HOME)
    page = window.navigator.current_page()
    assert isinstance(page, HomePage)
    await page.tasks.idle()
    page.show_pinned(await _demo_dashboard(window))
    await settle(window)


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


async def _tracking_attach(window: MainWindow) -> None:
    """A request's follow-up once logged in: « Rattacher cette demande à mon espace personnel »."""
    request = await _submitted(window)
    _sign_in_demo_citizen(window)
    await _go(window, Route.FOLLOW_UP, request.tracking_code)
    page = window.navigator.current_page()
    assert isinstance(page, FollowUpPage)
    await page.tasks.idle()
    await settle(window)


async def _attach(window: MainWindow, said: str = "", code: str | None = None) -> None:
    """« Rattacher une demande » (with ``code``: opened from a follow-up); with ``said``, the page after an attempt
    (the demo town has no central: the message as the page says it for that outcome)."""
    _sign_in_demo_citizen(window)
    await _go(window, Route.ATTACH, code)
    page = window.navigator.current_page()
    assert isinstance(page, AttachPage)
    if said:
        page.code.edit.setText("BCDF GHJK")
        page.last_name.edit.setText("Martin")
        if said in {"queued", "attached"}:
            page.code.clear()
            page.last_name.clear()
            page.open_button.show()
        page.say(said)
        await settle(window)


SCENES: dict[str, Scene] = {
    "01-home": lambda w: _go(w, Route.HOME),
    "02-domains": lambda w: _go(w, Route.DOMAINS),
    "03-procedures-etat-civil": _domain,
    "03b-procedures-padlock": lambda w: _go(w, Route.PROCEDURES, "education-petite-enfance"),
    "04-procedure": _procedure,
    "04b-procedure-padlock": _padlock,
    "04c-procedure-padlock-logged-in": _padlock_logged_in,
    "04d-procedure-quota-reached": _quota_reached,
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
    "15b-wizard-session-ended": _session_ended,
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
    "38-profile": _profile,
    "39-profile-family": lambda w: _profile(w, family=True),
    "40-profile-edit": lambda w: _profile(w, edit=True),
    "41-profile-key-unknown": lambda w: _profile(w, refused="child_key_unknown"),
    "42-dashboard": _dashboard,
    "43-dashboard-contacts": lambda w: _dashboard(w, "contacts"),
    "43-dashboard-for-whom": _dashboard_for_whom,
    "44-dashboard-unavailable": lambda w: _dashboard(w, staged=False),
    "45-my-requests": lambda w: _my_requests(w, "all"),
    "46-my-requests-archived": lambda w: _my_requests(w, "archived"),
    "47-my-requests-unread": lambda w: _my_requests(w, "unread"),
    "48-home-pinned": _home_pinned,
    "49-follow-up-mine": _my_follow_up,
    "50-tracking-attach": _tracking_attach,
    "51-attach-from-follow-up": lambda w: _attach(w, code="BCDFGHJK"),
    "52-attach": _attach,
    "53-attach-wrong": lambda w: _attach(w, "not_found"),
    "54-attach-done": lambda w: _attach(w, "queued"),
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
