"""The personal space at the kiosk (issue 10, items 3 and 1's kiosk side): a citizen creates a space at the kiosk,
finishes it through the mailed link, logs in with e-mail and password, sees « Bonjour <prénom> », logs out (central's
session ended), logs in again and walks away (the idle wipe ends it on central too, and leaves no token and no
password anywhere); wrong passwords, too many attempts (« Me connecter » waits for central's delay, even across
leaving « Mon espace », and comes back after it), an address that is not one, empty fields, a long address that is
one; a session that ended on central sends the kiosk back to anonymous with a word why; logged in, « Mon espace » is
« Mon tableau de bord », which asks central for the citizen's requests each time it is shown.

A real central on 127.0.0.1 whose mails go to a real SMTP server (aiosmtpd); the mailed link's pages are posted as a
browser posts their forms (tests/central/accounts_flow.py); the kiosk is built by the real composition root."""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
import logging
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, select, update
from sqlalchemy.orm import Session

from central.models import CitizenSession
from kiosk.app import shut_down
from kiosk.config import Settings, demo_settings, replace
from kiosk.services.citizen import CitizenLogin
from kiosk.views.navigator import Route
from kiosk.views.pages.account import AccountPage
from kiosk.views.pages.base import Page
from kiosk.views.pages.catalogue_pages import DomainsPage
from kiosk.views.pages.dashboard import DashboardPage
from kiosk.views.pages.home import HomePage
from tests.central.accounts_flow import (
    FINALISE_SUBJECT,
    FIRST_NAME,
    LAST_NAME,
    RESET_SUBJECT,
    active_account,
    link_in,
    new_email,
    post_consent,
    post_password,
    wait_mail,
)
from tests.central.conftest import MailCentral, add_kiosk, mail_central
from tests.gui.driver import LEFT, Visitor
from tests.gui.test_lookup_on_central import syncing_kiosk
from tests.gui.test_session import _values, database_bytes, emitted, strings_in_widgets
from tests.gui.test_sync_journey import token_file, until_waiting
from tests.helpers import wait_signal
from tests.sqlite_central import database_url
from tests.sync.fault_proxy import FaultProxy

__all__ = ["database_url", "mail_central"]

pytestmark = pytest.mark.gui

ONLINE_S = 30.0
PASSWORD = "Canari-Motdepasse-2026!"  # 12+ characters of four kinds: central takes it


@pytest.fixture
def account_settings(tmp_path: Path, mail_central: MailCentral) -> Settings:
    token = add_kiosk(mail_central.server.env, f"borne-{uuid.uuid4().hex[:8]}")
    settings = demo_settings(
        data_dir=tmp_path / "data",
        fullscreen=False,
        central_url=mail_central.server.url + "/",
        central_token_file=token_file(tmp_path / "secrets", token),
        sync_idle_s=0.2,
        sync_pull_s=0.5,
    )
    # The idle wipe in kiosk seconds of 2 ms (started by the test when the citizen walks away).
    return replace(settings, idle_timeout_s=90, idle_warning_s=30, second_ms=2)


@pytest.fixture
def proxy(mail_central: MailCentral) -> Iterator[FaultProxy]:
    """In front of central: it counts the kiosk's calls (every one forwarded unchanged; it knows no DELETE, so no
    log-out goes through it)."""
    running = FaultProxy(mail_central.server.url)
    yield running
    running.close()


@pytest.fixture
def proxied_settings(
    tmp_path: Path, account_settings: Settings, mail_central: MailCentral, proxy: FaultProxy
) -> Settings:
    token = add_kiosk(mail_central.server.env, f"borne-{uuid.uuid4().hex[:8]}")
    folder = tmp_path / "proxied"
    return replace(account_settings, central_url=proxy.url + "/", central_token_file=token_file(folder, token))


def calls_to(proxy: FaultProxy, ending: str) -> int:
    """How many of the kiosk's calls went to a path ending so (``/device-tokens``, ``/sessions/current``)."""
    return sum(1 for call in list(proxy.calls) if call.path.endswith(ending))


@contextmanager
def kiosk_online(qtbot: QtBot, loop: asyncio.AbstractEventLoop, settings: Settings) -> Iterator[Visitor]:
    """The kiosk opened and online, within the test's body (see test_lookup_on_central.syncing_kiosk)."""
    with syncing_kiosk(qtbot, loop, settings) as person:
        person.window.session.idle.stop()  # scripted taps are no touches: the test says when the citizen leaves
        person.run(until_waiting(person, 0, online=True, timeout=ONLINE_S))
        yield person


def account_page(visitor: Visitor) -> AccountPage:
    page = visitor.page
    assert isinstance(page, AccountPage)
    return page


def settle_page(visitor: Visitor) -> AccountPage:
    page = account_page(visitor)
    visitor.run(page.tasks.idle())
    visitor.settle()
    return account_page(visitor)


def shown_after_tasks(visitor: Visitor) -> Page:
    """The page on screen once what the pages shown started is over (« Mon tableau de bord » asks central, and may
    send on to « Mon espace »; logged in, « Mon espace » sends on to the dashboard)."""
    while True:
        page = visitor.page
        visitor.run(page.tasks.idle())
        visitor.settle()
        if visitor.page is page:
            return page


def dashboard_page(visitor: Visitor) -> DashboardPage:
    page = shown_after_tasks(visitor)
    assert isinstance(page, DashboardPage), page
    return page


def tap_space(visitor: Visitor) -> None:
    visitor.tap(visitor.window.header.home_button) if not isinstance(visitor.page, HomePage) else None
    visitor.tap_text("Mon espace")


def open_space(visitor: Visitor) -> AccountPage:
    """« Mon espace » for a visitor not logged in (or whose session central ended)."""
    tap_space(visitor)
    page = shown_after_tasks(visitor)
    assert isinstance(page, AccountPage), page
    return page


def open_dashboard(visitor: Visitor) -> DashboardPage:
    """« Mon espace » for a citizen logged in: « Mon tableau de bord »."""
    tap_space(visitor)
    return dashboard_page(visitor)


def type_log_in(visitor: Visitor, email: str, password: str) -> None:
    """On « Mon espace », however it was opened (the header's tile, a padlock, « Me reconnecter »): « Me connecter
    sur la borne », the e-mail and the password, sent."""
    if account_page(visitor).view == "ways":
        visitor.tap_text("Me connecter sur la borne")
    visitor.fill("email", email)
    assert visitor.window.keyboard.current_layout() == "email"  # the app's keyboard, in its e-mail layout
    visitor.fill("password", password)
    visitor.tap(account_page(visitor).login_form.send_button)


def send_log_in(visitor: Visitor, email: str, password: str) -> None:
    open_space(visitor)
    type_log_in(visitor, email, password)


def log_in(visitor: Visitor, email: str, password: str) -> AccountPage:
    """A log-in « Mon espace » refuses (or that waits): the form, with what it says."""
    send_log_in(visitor, email, password)
    return settle_page(visitor)


def logged_in(visitor: Visitor, email: str, password: str) -> DashboardPage:
    """A log-in central accepts: the citizen is in « Mon tableau de bord »."""
    send_log_in(visitor, email, password)
    return dashboard_page(visitor)


def fill(visitor: Visitor, name: str, text: str) -> None:
    """``Visitor.fill``, with the letters QTest cannot type (é) inserted as the keyboard's accents page would."""
    visitor.fill(name, "")
    edit = visitor.widget(name)
    assert isinstance(edit, QLineEdit)
    for char in text:
        if char.isascii():
            visitor.qtbot.keyClicks(edit, char)
        else:
            edit.insert(char)
    visitor.settle()


def finished_account(visitor: Visitor, central: MailCentral) -> str:
    """A space created at the kiosk and finished through the mail's link: its address."""
    email = new_email()
    open_space(visitor)
    visitor.tap_text("Créer mon espace")
    visitor.fill("email", email)
    fill(visitor, "first_name", FIRST_NAME)
    fill(visitor, "last_name", LAST_NAME)
    visitor.tap(account_page(visitor).create_form.send_button)
    page = settle_page(visitor)
    assert page.view == "sent"
    assert visitor.sees("Un courriel vous a été envoyé pour finaliser l'inscription (lien valable 2 jours).")
    link = link_in(wait_mail(central.smtp, email, FINALISE_SUBJECT), central.server.url, "/compte/finaliser/")
    assert post_password(link, PASSWORD).status_code == 200
    assert post_consent(link, "accept").status_code == 200
    return email


def open_sessions(database_url: str) -> list[CitizenSession]:
    """Central's sessions not ended yet (revoked_at unset)."""
    engine = create_engine(database_url)
    try:
        with Session(engine) as session:
            return list(session.scalars(select(CitizenSession).where(CitizenSession.revoked_at.is_(None))))
    finally:
        engine.dispose()


def test_create_finish_log_in_log_out_and_the_idle_wipe_ends_the_session_on_central(
    qtbot: QtBot,
    event_loop_qt: asyncio.AbstractEventLoop,
    account_settings: Settings,
    mail_central: MailCentral,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    with kiosk_online(qtbot, event_loop_qt, account_settings) as visitor:
        journey(visitor, account_settings, mail_central, caplog)


def journey(visitor: Visitor, settings: Settings, mail_central: MailCentral, caplog: pytest.LogCaptureFixture) -> None:
    email = finished_account(visitor, mail_central)
    before = len(open_sessions(mail_central.database_url))

    logged_in(visitor, email, PASSWORD)
    header = visitor.window.header
    assert header.greeting.isVisible()
    assert header.greeting.text() == f"Bonjour {FIRST_NAME}"
    assert visitor.sees("Mon tableau de bord")
    assert len(open_sessions(mail_central.database_url)) == before + 1
    form = visitor.window.navigator.existing_page(Route.ACCOUNT)
    assert isinstance(form, AccountPage)
    assert form.login_form.password.edit.text() == ""  # handed over, gone from the field

    # « Se déconnecter »: the session ends on central, the kiosk is anonymous again.
    assert visitor.find("Se déconnecter") is header.log_out_button
    tap_log_out = lambda: visitor.qtbot.mouseClick(header.log_out_button, LEFT)  # noqa: E731
    assert visitor.run(emitted(visitor.window.session_ended, tap_log_out)) == ("logged_out",)
    visitor.run(visitor.window.session.tasks.idle())
    visitor.settle()
    assert len(open_sessions(mail_central.database_url)) == before
    assert not header.greeting.isVisible()
    assert not header.log_out_button.isVisible()
    assert visitor.window.session.citizen is None

    # Logged in again, then the citizen walks away: the idle wipe ends that session on central as well.
    logged_in(visitor, email, PASSWORD)
    token = visitor.window.session.citizen_token()
    assert token is not None
    assert len(open_sessions(mail_central.database_url)) == before + 1
    guard = visitor.window.session.idle
    assert visitor.run(emitted(visitor.window.session_ended, lambda: guard.start(visitor.window))) == ("idle",)
    visitor.run(visitor.window.session.tasks.idle())
    visitor.settle()
    gc.collect()
    assert len(open_sessions(mail_central.database_url)) == before
    assert isinstance(visitor.page, HomePage)
    assert not header.greeting.isVisible()
    assert visitor.window.session.citizen_token() is None

    # Nothing of the token nor of the password at rest or on screen: database, WAL, data folder, logs, widgets.
    secrets = (token, PASSWORD)
    stored = database_bytes(settings.data_dir)
    assert stored  # the scan reads the real files
    for secret in secrets:
        assert secret.encode() not in stored
        for path in settings.data_dir.rglob("*"):
            if path.is_file():
                assert secret.encode() not in path.read_bytes(), path
        for record in caplog.records:
            assert secret not in record.getMessage()
        assert not [t for t in strings_in_widgets() if t and secret in t]
    assert not [t for t in strings_in_widgets() if t.startswith("<undo in password")]
    # Nor in the kiosk's Python objects (the pages', the session's, the services'): no log-in kept (its token is in
    # a slot, which the scan of containers below would not see), and no container holding either secret.
    assert not [o for o in gc.get_objects() if isinstance(o, CitizenLogin)]
    namespaces = {id(vars(module)) for module in list(sys.modules.values()) if module is not None}
    python_objects = [o for o in gc.get_objects() if isinstance(o, dict | list | tuple) and id(o) not in namespaces]
    for secret in secrets:
        holders = [
            o
            for o in python_objects
            if o is not secrets and any(isinstance(v, str) and secret in v for v in _values(o))
        ]
        assert not holders, [type(o).__name__ for o in holders]


def test_wrong_input_says_what_and_sends_nothing_half_done(
    qtbot: QtBot,
    event_loop_qt: asyncio.AbstractEventLoop,
    proxied_settings: Settings,
    mail_central: MailCentral,
    proxy: FaultProxy,
) -> None:
    with kiosk_online(qtbot, event_loop_qt, proxied_settings) as visitor:
        wrong_input(visitor, mail_central, proxy)


def wrong_input(visitor: Visitor, mail_central: MailCentral, proxy: FaultProxy) -> None:
    email = finished_account(visitor, mail_central)
    # Empty fields, then an address that is not one: said under the field, nothing sent.
    page = open_space(visitor)
    visitor.tap_text("Me connecter sur la borne")
    visitor.tap(page.login_form.send_button)
    assert page.login_form.email.error.text() == "Ce champ est à remplir."
    assert page.login_form.password.error.text() == "Ce champ est à remplir."
    visitor.fill("email", "pas-une-adresse")
    visitor.fill("password", "peu importe")
    visitor.tap(page.login_form.send_button)
    assert page.login_form.email.error.isVisible()
    assert page.login_form.email.error.text().startswith("Cette adresse de courriel n'est pas valide.")
    assert not page.tasks.busy
    assert visitor.window.session.citizen is None
    visitor.tap(visitor.window.header.language_button)  # what is said is said again in the other language
    assert page.login_form.email.error.text().startswith("This e-mail address is not valid.")
    visitor.tap(visitor.window.header.language_button)
    # Leaving the form takes the password typed with it.
    assert page.login_form.password.edit.text() == "peu importe"
    visitor.tap(visitor.window.header.home_button)
    assert page.login_form.password.edit.text() == ""
    assert not page.login_form.password.edit.isUndoAvailable()

    # A wrong password: never which of the two was wrong.
    page = log_in(visitor, email, "Pas-le-bon-mot-2026!")
    assert page.view == "login"
    assert page.login_form.message.text() == "Adresse ou mot de passe incorrect."
    assert page.login_form.password.edit.text() == ""
    assert visitor.window.session.citizen is None
    assert not visitor.window.header.greeting.isVisible()
    # An address with no space gets the same words.
    page = log_in(visitor, new_email(), "Pas-le-bon-mot-2026!")
    assert page.login_form.message.text() == "Adresse ou mot de passe incorrect."

    # Too many attempts: central's wait, in words, and "Me connecter" waits with it.
    for _ in range(10):
        page = log_in(visitor, email, "Pas-le-bon-mot-2026!")
        if page.login_form.message.text().startswith("Trop de tentatives"):
            break
    message = page.login_form.message.text()
    assert message.startswith("Trop de tentatives de connexion. Réessayez dans "), message
    assert message.endswith(("seconde.", "secondes.", "minute.", "minutes."))
    form = page.login_form
    assert not form.send_button.isEnabled()
    assert visitor.window.session.citizen is None
    # Central's delay is one or two seconds here (its first after the free attempts), each tap below a fraction of
    # one: leaving « Mon espace » and coming back does not skip it, and the form still says why. (A machine so
    # loaded that the three taps outlast the wait has nothing left to check there: the wait is over.)
    unblocked = asyncio.ensure_future(wait_signal(page._unblock.timeout, timeout=ONLINE_S), loop=visitor.loop)
    visitor.tap(visitor.window.header.home_button)
    page = open_space(visitor)
    visitor.tap_text("Me connecter sur la borne")
    assert page.login_form is form
    if not unblocked.done():
        assert not form.send_button.isEnabled()
        assert form.message.text().startswith("Trop de tentatives de connexion. Réessayez dans ")
    # The wait over, « Me connecter » comes back, with no word left of the wait.
    visitor.run(unblocked)
    assert form.send_button.isEnabled()
    assert not form.message.isVisible()

    # The right password now: « Mon tableau de bord », which asks central for the citizen's requests each time it
    # is shown (and so whether the session holds): no other check of the session.
    checks, boards = calls_to(proxy, "/sessions/current"), calls_to(proxy, "/me/dashboard")
    logged_in(visitor, email, PASSWORD)
    assert visitor.window.header.greeting.text() == f"Bonjour {FIRST_NAME}"
    assert calls_to(proxy, "/me/dashboard") == boards + 1
    open_dashboard(visitor)  # « Mon accueil » asks too, for the procedures the town pins, then the dashboard
    assert calls_to(proxy, "/me/dashboard") == boards + 3
    assert calls_to(proxy, "/sessions/current") == checks


def test_a_session_ended_on_central_sends_the_kiosk_back_to_anonymous(
    qtbot: QtBot, event_loop_qt: asyncio.AbstractEventLoop, account_settings: Settings, mail_central: MailCentral
) -> None:
    with kiosk_online(qtbot, event_loop_qt, account_settings) as visitor:
        session_ended_on_central(visitor, mail_central)


def session_ended_on_central(visitor: Visitor, mail_central: MailCentral) -> None:
    email = finished_account(visitor, mail_central)
    logged_in(visitor, email, PASSWORD)
    assert visitor.window.header.greeting.isVisible()
    # The token's 15 minutes are over (as seen on central's clock).
    engine = create_engine(mail_central.database_url)
    try:
        with Session(engine) as session, session.begin():
            past = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
            session.execute(update(CitizenSession).where(CitizenSession.revoked_at.is_(None)).values(expires_at=past))
    finally:
        engine.dispose()
    visitor.tap(visitor.window.header.home_button)
    page = open_space(visitor)
    assert page.view == "ways"
    assert visitor.sees("Votre session a expiré. Reconnectez-vous pour retrouver votre espace personnel.")
    assert visitor.window.session.citizen is None
    assert visitor.window.session.citizen_token() is None
    assert not visitor.window.header.greeting.isVisible()
    assert page.login_button.isEnabled()  # log in again from here


def test_a_kiosk_stopped_while_a_citizen_is_logged_in_ends_their_session_on_central(
    qtbot: QtBot, event_loop_qt: asyncio.AbstractEventLoop, account_settings: Settings, mail_central: MailCentral
) -> None:
    """Its window closed or SIGTERM (``kiosk.app._main`` then ``shut_down``s, as here): the citizen is logged out
    and their session ended on central before the network worker stops."""
    email = active_account(mail_central.server.url, mail_central.token, mail_central.smtp, PASSWORD).email
    with kiosk_online(qtbot, event_loop_qt, account_settings) as visitor:
        before = len(open_sessions(mail_central.database_url))
        logged_in(visitor, email, PASSWORD)
        assert len(open_sessions(mail_central.database_url)) == before + 1
        assert visitor.backend is not None
        visitor.run(shut_down(visitor.window, visitor.backend))
        assert len(open_sessions(mail_central.database_url)) == before
        assert visitor.window.session.citizen_token() is None


def test_a_forgotten_password_is_mailed_from_the_kiosk(
    qtbot: QtBot, event_loop_qt: asyncio.AbstractEventLoop, account_settings: Settings, mail_central: MailCentral
) -> None:
    with kiosk_online(qtbot, event_loop_qt, account_settings) as visitor:
        # A long address is one all the same (114 characters; central takes up to 254): the link is asked for, and
        # central answers as for any address, whether it has a space or not.
        long_address = (
            f"{'prenom.nom-compose.' * 3}{uuid.uuid4().hex[:7]}@services-numeriques.ville-de-valmont.gouv.example"
        )
        assert len(long_address) == 114
        open_space(visitor)
        visitor.tap_text("Me connecter sur la borne")
        visitor.tap_text("Mot de passe oublié ?")
        visitor.fill("email", long_address)
        visitor.tap_text("Recevoir le lien")
        page = settle_page(visitor)
        assert not page.forgotten_form.email.error.isVisible()
        assert page.view == "sent"

        email = finished_account(visitor, mail_central)
        page = open_space(visitor)
        visitor.tap_text("Me connecter sur la borne")
        visitor.tap_text("Mot de passe oublié ?")
        assert account_page(visitor).view == "forgotten"
        visitor.fill("email", email)
        visitor.tap_text("Recevoir le lien")
        page = settle_page(visitor)
        assert page.view == "sent"
        assert visitor.sees("un courriel vous a été envoyé avec un lien pour choisir un nouveau mot de passe")
        link_in(wait_mail(mail_central.smtp, email, RESET_SUBJECT), mail_central.server.url, "/compte/reinitialiser/")


def test_a_kiosk_without_central_says_so_and_keeps_the_anonymous_procedures(visitor: Visitor) -> None:
    visitor.tap_text("Mon espace")
    page = account_page(visitor)
    assert page.view == "ways"
    assert visitor.sees("Les espaces personnels ne sont pas disponibles sur cette borne.")
    assert not page.login_button.isEnabled()
    assert not page.create_button.isEnabled()
    assert not page.phone_button.isEnabled()  # no central here: no log-in from the phone either
    assert page.phone_button.text() == "Me connecter avec mon téléphone"
    visitor.tap_text("Pourquoi se créer un espace personnel ?")
    assert visitor.sees("• Les coordonnées saisies à la création de l'espace sont réutilisées")
    visitor.tap(visitor.window.header.back_button)
    visitor.tap_text("Faire une démarche sans espace personnel")
    assert isinstance(visitor.page, DomainsPage)
