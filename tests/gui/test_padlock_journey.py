"""Procedures of the personal space at the kiosk (issue 10, item 6): a padlocked procedure offers the log-in and
comes back to itself once logged in, then is filled and submitted (the request on the kiosk, then on central after
the sync); a quota reached stops the wizard before it starts, and again at « Valider » with nothing stored and
everything typed kept; a session ended on central mid-wizard keeps the draft, « Me reconnecter » logs in again and
leads back to the wizard, and the request is submitted.

A real central on 127.0.0.1 with the demo catalogue, whose mails go to a real SMTP server; accounts are made through
the mailed link (tests/central/accounts_flow.py); the citizen's requests are attached to their space by an UPDATE
of ``Request.account_id`` (the attach op is another part's); the kiosk is built by the real composition root."""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
import uuid

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select, update

from central.accounts import email_key
from central.models import Account, CitizenSession, Request
from kiosk.config import Settings
from kiosk.models.dto import AnswerValue, SubmittedRequest
from kiosk.tools.demo_visit import REQUESTER
from kiosk.tools.drive import settle
from kiosk.views.navigator import Route
from kiosk.views.pages.confirmation import ConfirmationPage
from kiosk.views.pages.procedure import ProcedurePage
from kiosk.views.pages.wizard.form_step import FormStep
from kiosk.views.pages.wizard.page import WizardPage
from tests.central.accounts_flow import Citizen, active_account, database
from tests.central.conftest import ROOT, MailCentral, add_kiosk, central, mail_central
from tests.central.wire import push, submit_op
from tests.gui.driver import Visitor
from tests.gui.test_account_journey import (
    account_settings,
    calls_to,
    kiosk_online,
    proxied_settings,
    proxy,
    settle_page,
    shown_after_tasks,
    type_log_in,
)
from tests.gui.test_lookup_on_central import cached_requests
from tests.gui.test_sync_journey import until_waiting
from tests.sqlite_central import database_url
from tests.sync.fault_proxy import FORWARD, NETWORK_DOWN, FaultProxy, answer

__all__ = ["account_settings", "database_url", "mail_central", "proxied_settings", "proxy"]

pytestmark = pytest.mark.gui

PADLOCKED = "changement-courriel"  # personal space, no quota
PADLOCKED_WITH_QUOTA = "subvention-association"  # personal space, 1 a year
MONTHLY = "acte-de-naissance"  # open to anyone, 3 a month per person
COURRIEL: dict[str, AnswerValue] = {
    "nouveau_courriel": "zoe.nouvelle@valmont.example",
    "confirmation_courriel": "zoe.nouvelle@valmont.example",
    "usage": ("suivi_demandes",),
}
ACTE: dict[str, AnswerValue] = {
    "concerne": "moi",
    "nom_naissance": "Canaryaccount",
    "prenoms": "Zoé",
    "date_naissance": "1990-04-01",
    "type_acte": "copie_integrale",
    "nombre_exemplaires": 1,
    "motif": "titre_identite",
}
SYNCED_S = 30.0


@pytest.fixture
def citizen(mail_central: MailCentral) -> Citizen:
    """A space finished through its mail, on a central that offers the demo catalogue (whose quotas it counts)."""
    loaded = central(mail_central.server.env, "catalogue", "load", str(ROOT / "resources" / "catalogue"))
    assert loaded.returncode == 0, loaded.stderr
    return active_account(mail_central.server.url, mail_central.token, mail_central.smtp)


def account_of(mail_central: MailCentral, citizen: Citizen) -> int:
    with database(mail_central.database_url) as session:
        found = session.scalar(select(Account.id).where(Account.email_key == email_key(citizen.email)))
    assert found is not None
    return found


def attached_requests(mail_central: MailCentral, citizen: Citizen, slug: str, count: int) -> None:
    """``count`` requests of ``slug`` made by the citizen elsewhere: sent by another kiosk, attached to their space."""
    account = account_of(mail_central, citizen)
    token = add_kiosk(mail_central.server.env, f"borne-{uuid.uuid4().hex[:8]}")
    for _ in range(count):
        op = submit_op(appointment=None, documents=[])
        sent = push(mail_central.server.url, token, op)
        assert sent.status_code == 201, sent.text
        with database(mail_central.database_url) as session:
            session.execute(
                update(Request)
                .where(Request.client_ref == op.aggregate_id)
                .values(account_id=account, procedure_slug=slug)
            )


def end_sessions(mail_central: MailCentral, citizen: Citizen) -> None:
    """The citizen's sessions ended on central (as a log-out elsewhere or a new password ends them)."""
    account = account_of(mail_central, citizen)
    with database(mail_central.database_url) as session:
        session.execute(
            update(CitizenSession)
            .where(CitizenSession.account_id == account)
            .values(revoked_at=dt.datetime.now(dt.UTC))
        )


def on_central(mail_central: MailCentral, client_uuid: str) -> int:
    with database(mail_central.database_url) as session:
        return session.scalar(select(func.count(Request.id)).where(Request.client_ref == uuid.UUID(client_uuid))) or 0


def outbox_kinds(settings: Settings) -> list[str]:
    """The kinds of the kiosk's outbox ops, oldest first (read with sqlite3, not through the code under test)."""
    with sqlite3.connect(settings.database_path) as raw:
        kinds = [kind for (kind,) in raw.execute("SELECT kind FROM outbox ORDER BY id")]
    raw.close()
    return kinds


def open_procedure(visitor: Visitor, slug: str) -> ProcedurePage:
    visitor.window.navigator.go(Route.PROCEDURE, slug)
    page = visitor.page
    assert isinstance(page, ProcedurePage)
    visitor.run(page.tasks.idle())
    visitor.settle()
    return page


def start(visitor: Visitor, slug: str) -> ProcedurePage:
    """« Commencer la démarche » on the procedure's page, and whatever it asked central answered."""
    page = open_procedure(visitor, slug)
    visitor.tap(page.start_button)
    visitor.run(page.tasks.idle())
    visitor.settle()
    return page


def log_in_on_kiosk(visitor: Visitor, citizen: Citizen) -> None:
    """From « Mon espace » opened on the way somewhere: logged in, and on the page the log-in leads to, loaded."""
    type_log_in(visitor, citizen.email, citizen.password)
    shown_after_tasks(visitor)


def wizard(visitor: Visitor) -> WizardPage:
    page = visitor.page
    assert isinstance(page, WizardPage)
    return page


def fill(visitor: Visitor, answers: dict[str, AnswerValue]) -> WizardPage:
    """Answer « Mes informations » and the procedure's steps through their editors, and go to the summary."""
    page = wizard(visitor)
    assert page.state is not None
    requester = page.view("requester")
    assert isinstance(requester, FormStep)
    for field_id, value in REQUESTER.items():
        requester.set_answer(field_id, value)
    for key in (k for k in page._keys() if k.startswith("step:")):
        step = page.view(key)
        assert isinstance(step, FormStep)
        for field_id, value in answers.items():
            if field_id in step.field_ids():
                step.set_answer(field_id, value)
    page.go("summary")
    visitor.run(settle(visitor.window))
    assert page.current_view() is not None
    assert page.current_view().is_complete()  # type: ignore[union-attr]
    return page


def validate(visitor: Visitor) -> None:
    page = wizard(visitor)
    visitor.tap(page.next_button)  # « Valider »
    visitor.run(page.tasks.idle())
    visitor.settle()


def confirmed(visitor: Visitor) -> SubmittedRequest:
    page = visitor.page
    assert isinstance(page, ConfirmationPage)
    assert page.request is not None
    return page.request


def test_a_padlocked_procedure_offers_the_log_in_and_comes_back_then_is_submitted(
    qtbot: QtBot,
    event_loop_qt: asyncio.AbstractEventLoop,
    account_settings: Settings,
    mail_central: MailCentral,
    citizen: Citizen,
) -> None:
    with kiosk_online(qtbot, event_loop_qt, account_settings) as visitor:
        visitor.window.navigator.go(Route.DOMAINS)  # where the citizen was before the procedure
        page = start(visitor, PADLOCKED)
        assert isinstance(visitor.page, ProcedurePage)  # no wizard without a space
        assert visitor.sees("Cette démarche nécessite un espace personnel")
        visitor.tap_text("Me connecter")
        assert settle_page(visitor).view == "ways"
        log_in_on_kiosk(visitor, citizen)
        page = visitor.page  # back on the procedure, logged in
        assert isinstance(page, ProcedurePage)
        assert page.detail is not None
        assert page.detail.summary.slug == PADLOCKED
        assert visitor.sees("Espace personnel requis : vous êtes connecté à votre espace personnel.")
        assert page.start_button.text() == "Commencer la démarche"
        # « Retour »: where the citizen was before the procedure, neither « Mon espace » nor the procedure again.
        visitor.tap(visitor.window.header.back_button)
        visitor.settle()
        assert visitor.window.navigator.route is Route.DOMAINS
        start(visitor, PADLOCKED)
        fill(visitor, COURRIEL)
        validate(visitor)
        request = confirmed(visitor)
        assert request.procedure_slug == PADLOCKED
        assert cached_requests(account_settings) == 1  # the request's row on the kiosk
        # Made logged in: its attach to the citizen's space queued with its submit, once.
        assert outbox_kinds(account_settings) == ["request.submit", "request.attach"]
        visitor.run(until_waiting(visitor, 0, online=True, timeout=SYNCED_S))
        assert on_central(mail_central, request.client_uuid) == 1


def test_a_quota_reached_stops_the_wizard_before_it_starts_and_at_validation(
    qtbot: QtBot,
    event_loop_qt: asyncio.AbstractEventLoop,
    account_settings: Settings,
    mail_central: MailCentral,
    citizen: Citizen,
) -> None:
    attached_requests(mail_central, citizen, PADLOCKED_WITH_QUOTA, 1)
    with kiosk_online(qtbot, event_loop_qt, account_settings) as visitor:
        start(visitor, PADLOCKED_WITH_QUOTA)
        visitor.tap_text("Me connecter")
        log_in_on_kiosk(visitor, citizen)
        start(visitor, PADLOCKED_WITH_QUOTA)
        assert isinstance(visitor.page, ProcedurePage)  # no wizard
        assert visitor.sees("Quota de demandes atteint")
        next_year = dt.date.today().year + 1
        assert visitor.sees(
            "Vous avez atteint le quota de demandes pour cette démarche (au plus 1 demande par an et par personne). "
            f"Vous pourrez faire une nouvelle demande à partir du 1 janvier {next_year}."
        )
        visitor.tap_text("J'ai compris")

        # Within the quota when the wizard starts; reached meanwhile (two more made elsewhere): « Valider » says so,
        # stores nothing, and keeps everything typed.
        attached_requests(mail_central, citizen, MONTHLY, 1)
        start(visitor, MONTHLY)
        page = fill(visitor, ACTE)
        attached_requests(mail_central, citizen, MONTHLY, 2)
        before = cached_requests(account_settings)
        validate(visitor)
        assert wizard(visitor) is page
        assert visitor.sees("Quota de demandes atteint")
        assert cached_requests(account_settings) == before
        assert page.state is not None
        assert page.state.answers["nom_naissance"] == "Canaryaccount"
        assert page.state.requester["last_name"] == "Martin"


def test_a_session_ended_mid_wizard_keeps_the_draft_and_logs_in_again(
    qtbot: QtBot,
    event_loop_qt: asyncio.AbstractEventLoop,
    account_settings: Settings,
    mail_central: MailCentral,
    citizen: Citizen,
) -> None:
    with kiosk_online(qtbot, event_loop_qt, account_settings) as visitor:
        visitor.window.navigator.go(Route.ACCOUNT)
        log_in_on_kiosk(visitor, citizen)
        assert visitor.window.session.citizen is not None
        # Ended before the wizard starts: the quota's check finds out, says so, and comes back once logged in.
        end_sessions(mail_central, citizen)
        start(visitor, MONTHLY)
        assert isinstance(visitor.page, ProcedurePage)
        assert visitor.window.session.citizen is None
        assert visitor.sees("Reconnectez-vous pour faire cette démarche depuis votre espace.")
        visitor.tap_text("Me reconnecter")
        log_in_on_kiosk(visitor, citizen)
        assert isinstance(visitor.page, ProcedurePage)
        assert visitor.window.session.citizen is not None

        # Ended while the wizard is filled: found out at « Valider ».
        start(visitor, MONTHLY)
        page = fill(visitor, ACTE)
        end_sessions(mail_central, citizen)
        before = cached_requests(account_settings)
        validate(visitor)
        assert wizard(visitor) is page  # nothing stored, the draft on show
        assert cached_requests(account_settings) == before
        assert visitor.window.session.citizen is None  # anonymous again: the token is gone
        assert visitor.sees("Votre session a pris fin")
        visitor.tap_text("Me reconnecter")
        assert settle_page(visitor).view == "ways"
        log_in_on_kiosk(visitor, citizen)
        assert wizard(visitor) is page  # back in the wizard, on the summary, with what was typed
        assert page.state is not None
        assert page.state.answers["nom_naissance"] == "Canaryaccount"
        assert page._key == "summary"
        validate(visitor)
        request = confirmed(visitor)
        assert request.procedure_slug == MONTHLY
        assert cached_requests(account_settings) == before + 1


def test_another_citizen_logging_in_again_finds_nothing_of_the_previous_ones_informations(
    qtbot: QtBot,
    event_loop_qt: asyncio.AbstractEventLoop,
    account_settings: Settings,
    mail_central: MailCentral,
    citizen: Citizen,
) -> None:
    other = active_account(mail_central.server.url, mail_central.token, mail_central.smtp)
    with kiosk_online(qtbot, event_loop_qt, account_settings) as visitor:
        visitor.window.navigator.go(Route.ACCOUNT)
        log_in_on_kiosk(visitor, citizen)
        start(visitor, PADLOCKED)
        page = wizard(visitor)
        assert page.state is not None
        assert page.state.requester["email"] == citizen.email  # prefilled from the first citizen's space
        fill(visitor, COURRIEL)  # « Mes informations » typed as well
        end_sessions(mail_central, citizen)
        validate(visitor)
        assert visitor.sees("Votre session a pris fin")
        visitor.tap_text("Me reconnecter")
        log_in_on_kiosk(visitor, other)  # someone else
        assert wizard(visitor) is page
        visitor.run(page.tasks.idle())
        visitor.settle()
        assert page.state is not None
        # « Mes informations » are the new citizen's: nothing the first one had there (their phone, their address).
        assert page.state.requester["email"] == other.email
        assert "phone" not in page.state.requester
        assert "address" not in page.state.requester
        assert page.state.answers["nouveau_courriel"] == COURRIEL["nouveau_courriel"]  # the procedure's, kept
        assert not visitor.sees("06 12 34 56 78")


def test_a_session_ended_before_validating_a_padlocked_procedure_without_quota_is_found(
    qtbot: QtBot,
    event_loop_qt: asyncio.AbstractEventLoop,
    account_settings: Settings,
    mail_central: MailCentral,
    citizen: Citizen,
) -> None:
    """No quota to count, yet the space's session is asked at « Valider »: a padlocked procedure is not stored for a
    citizen whose session ended (a password reset elsewhere), and the draft waits for the log-in."""
    with kiosk_online(qtbot, event_loop_qt, account_settings) as visitor:
        visitor.window.navigator.go(Route.ACCOUNT)
        log_in_on_kiosk(visitor, citizen)
        start(visitor, PADLOCKED)
        page = fill(visitor, COURRIEL)
        end_sessions(mail_central, citizen)
        validate(visitor)
        assert wizard(visitor) is page
        assert cached_requests(account_settings) == 0
        assert visitor.window.session.citizen is None
        assert visitor.sees("Votre session a pris fin")


def test_central_not_answering_the_quota_lets_the_citizen_go_on(
    qtbot: QtBot,
    event_loop_qt: asyncio.AbstractEventLoop,
    proxied_settings: Settings,
    proxy: FaultProxy,
    mail_central: MailCentral,
    citizen: Citizen,
) -> None:
    """Central would say the quota is reached, but does not answer (down, or an error): the wizard starts and
    nothing claims a quota; central counts again when the request reaches it."""
    attached_requests(mail_central, citizen, PADLOCKED_WITH_QUOTA, 1)
    with kiosk_online(qtbot, event_loop_qt, proxied_settings) as visitor:
        visitor.window.navigator.go(Route.ACCOUNT)
        log_in_on_kiosk(visitor, citizen)
        quota_path = f"/me/quotas/{PADLOCKED_WITH_QUOTA}"
        for fault in (NETWORK_DOWN, answer(500, body=b'{"error":"internal","detail":"a bug"}')):
            # Only the quota's call fails: the sync keeps the kiosk online, so the check is made (and fails).
            proxy.route = lambda _method, path, fault=fault: fault if path.endswith(quota_path) else FORWARD
            asked = calls_to(proxy, quota_path)
            start(visitor, PADLOCKED_WITH_QUOTA)
            assert wizard(visitor).state is not None  # the wizard started
            assert not visitor.sees("Quota de demandes atteint")
            assert calls_to(proxy, quota_path) == asked + 1
            wizard(visitor).discard()
            proxy.route = None
        start(visitor, PADLOCKED_WITH_QUOTA)  # central answers again: reached
        assert isinstance(visitor.page, ProcedurePage)
        assert visitor.sees("Quota de demandes atteint")
