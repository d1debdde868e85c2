"""« Coordonnées » for a member of the family (issue 10, item 5; the guide: « Le changement de coordonnées est
également disponible en sélection d'un membre de la famille »): a citizen whose space has a family is asked « Pour
qui ? » (« Moi » and each member); a member's procedure opens with « Mes informations » in the member's names and the
citizen's address and contact means, « Moi » with the citizen's own; « Retour » leads back to « Pour qui ? ». A
space without a family, or a kiosk that cannot read the profile, goes straight to the three procedures.

A real central on 127.0.0.1 with a real SMTP server (the space is made through its mailed link); the profile is
saved and the clé enfance linked through central's own API (``PUT /v1/me/profile``, ``POST /v1/me/child-key``); the
kiosk is built by the real composition root."""

from __future__ import annotations

import asyncio
import gc
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from pytestqt.qtbot import QtBot

from central.families import draw_key
from kiosk.config import Settings
from kiosk.models.dto import Address
from kiosk.views.navigator import Route
from kiosk.views.pages.dashboard import DashboardPage
from kiosk.views.pages.for_whom import ContactsFor, ProcedureFor, Relative
from kiosk.views.pages.procedure import ProcedurePage
from kiosk.views.pages.wizard.form_step import FormStep
from kiosk.views.pages.wizard.page import WizardPage
from kiosk.views.widgets.fields import FieldEditor
from tests.central.accounts_flow import Citizen, access_token, call
from tests.central.conftest import MailCentral, mail_central
from tests.central.test_profile import DETAILS, load_families
from tests.gui.driver import Visitor
from tests.gui.test_account_journey import (
    account_settings,
    dashboard_page,
    kiosk_online,
    logged_in,
    proxied_settings,
    proxy,
    shown_after_tasks,
)
from tests.gui.test_padlock_journey import citizen
from tests.gui.test_session import held, strings_in_widgets
from tests.sqlite_central import database_url
from tests.sync.fault_proxy import NETWORK_DOWN, FaultProxy

__all__ = ["account_settings", "citizen", "database_url", "mail_central", "proxied_settings", "proxy"]

pytestmark = pytest.mark.gui

CHILD = "Canarychild Canaryfamily"  # the member load_families makes
ADDRESS = Address(line="3 rue des Lilas", postcode="45000", city="Valmont-sur-Loire", complement="Bât. B")


def with_family(mail_central: MailCentral, citizen: Citizen, tmp_path: Path) -> None:
    """The citizen's profile (an address, phones) saved on central, and a clé enfance linked to their space."""
    key = draw_key()
    load_families(mail_central.server, tmp_path, (key, "Canarychild"))
    url, token = mail_central.server.url, mail_central.token
    bearer = access_token(url, token, citizen)
    saved = call(url, token, "PUT", "/me/profile", DETAILS, citizen=bearer)
    assert saved.status_code == 200, saved.text
    linked = call(url, token, "POST", "/me/child-key", {"key": key}, citizen=bearer)
    assert linked.status_code == 200, linked.text


def contacts(visitor: Visitor) -> DashboardPage:
    """« Coordonnées » from the dashboard, once the profile it asked for is read."""
    page = dashboard_page(visitor)
    visitor.tap(page.tile("contacts"))
    return dashboard_page(visitor)


def requester_of(visitor: Visitor, procedure: str, step: str) -> dict[str, object]:
    """Tap ``procedure`` on « Coordonnées », see ``step`` on « La démarche », « Commencer la démarche », and what
    « Mes informations » shows."""
    visitor.tap_text(procedure)
    page = shown_after_tasks(visitor)
    assert isinstance(page, ProcedurePage), page
    assert visitor.sees(step)
    visitor.tap(page.start_button)
    wizard = shown_after_tasks(visitor)
    assert isinstance(wizard, WizardPage), wizard
    form = wizard.view("requester")
    assert isinstance(form, FormStep)
    editors = {field: form.editor(field) for field in form.field_ids()}
    return {field: editor.value() for field, editor in editors.items() if isinstance(editor, FieldEditor)}


def test_contacts_for_a_family_member_or_for_me(
    qtbot: QtBot,
    event_loop_qt: asyncio.AbstractEventLoop,
    account_settings: Settings,
    mail_central: MailCentral,
    citizen: Citizen,
    tmp_path: Path,
) -> None:
    with_family(mail_central, citizen, tmp_path)
    with kiosk_online(qtbot, event_loop_qt, account_settings) as visitor:
        logged_in(visitor, citizen.email, citizen.password)
        page = contacts(visitor)
        assert page.view == "for_whom"
        assert visitor.sees("Pour qui ? Vos coordonnées, ou celles d'un membre de votre famille.")
        assert page.tile("me").isVisible()
        assert page.relative_tile(CHILD).isVisible()
        assert not page.tile("changement-adresse").isVisible()

        # A member: the three procedures for them, then « Mes informations » in their names, the citizen's means.
        visitor.tap(page.relative_tile(CHILD))
        page = dashboard_page(visitor)
        assert page.relative == Relative("Canarychild", "Canaryfamily")
        assert page.relatives == []  # « Pour qui ? » is answered
        assert page.tile("changement-adresse").isVisible()
        assert visitor.sees(f"Quelles coordonnées de {CHILD} voulez-vous changer ?")
        answers = requester_of(visitor, "Changement d'adresse", f"Étape 1 · La démarche, pour {CHILD}")
        assert (answers["first_name"], answers["last_name"]) == ("Canarychild", "Canaryfamily")
        assert not answers.get("civility")  # the member's is not the citizen's
        assert answers["address"] == ADDRESS
        assert answers["email"] == citizen.email
        assert answers["phone"] == "06 12 34 56 78"

        # « Précédent » to « La démarche » (still for the member), « Retour » to the member's procedures, then to
        # « Pour qui ? ».
        wizard = visitor.page
        assert isinstance(wizard, WizardPage)
        visitor.tap(wizard.previous_button)
        assert isinstance(shown_after_tasks(visitor), ProcedurePage)
        assert visitor.sees(f"Étape 1 · La démarche, pour {CHILD}")
        visitor.tap(visitor.window.header.back_button)
        page = dashboard_page(visitor)
        assert page.view == "contacts"
        assert page.relative == Relative("Canarychild", "Canaryfamily")
        visitor.tap(visitor.window.header.back_button)
        page = dashboard_page(visitor)
        assert page.view == "for_whom"
        assert page.relative_tile(CHILD).isVisible()

        # « Moi »: the citizen's own « Mes informations »; the member's draft is not reused for them.
        visitor.tap(page.tile("me"))
        page = dashboard_page(visitor)
        assert page.view == "contacts"
        assert page.relative is None
        assert visitor.sees("Quelles coordonnées voulez-vous changer ?")
        answers = requester_of(visitor, "Changement d'adresse", "Étape 1 · La démarche")
        assert not visitor.sees(", pour ")
        assert (answers["first_name"], answers["last_name"]) == ("Zoé", "Canaryprofile")
        assert answers["civility"] == "madame"
        assert answers["address"] == ADDRESS

        # The member chosen again, just before the wipe: nothing of the family is left in the widgets nor in the
        # kiosk's memory (the route parameters that named them included).
        visitor.window.navigator.go(Route.DASHBOARD, "contacts")
        visitor.tap(dashboard_page(visitor).relative_tile(CHILD))
        assert dashboard_page(visitor).relative is not None
        visitor.window.session.end("finished")
        visitor.run(visitor.window.session.tasks.idle())
        visitor.settle()
        visitor.settle()
        # The wiped pages destroyed, as the kiosk's own event loop does once the wipe returns to it.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
        assert not [t for t in strings_in_widgets() if "Canarychild" in t]
        # Not a trace of the member either (names included) in Python objects nor widgets.
        assert not held(Relative | ProcedureFor | ContactsFor)


def test_without_a_family_no_for_whom(
    qtbot: QtBot,
    event_loop_qt: asyncio.AbstractEventLoop,
    account_settings: Settings,
    mail_central: MailCentral,
    citizen: Citizen,
) -> None:
    with kiosk_online(qtbot, event_loop_qt, account_settings) as visitor:
        logged_in(visitor, citizen.email, citizen.password)
        page = contacts(visitor)
        assert page.view == "contacts"
        assert page.relative is None
        assert not page.tile("me").isVisible()
        assert page.relatives == []
        for title in ("Changement d'adresse", "Changement de téléphone", "Changement de courriel"):
            assert visitor.find(title).isVisible()
        assert not visitor.sees("Pour qui ?")
        answers = requester_of(visitor, "Changement de courriel", "Étape 1 · La démarche")
        assert answers["email"] == citizen.email
        assert (answers["first_name"], answers["last_name"]) == ("Zoé", "Canaryaccount")


def test_offline_a_family_is_not_asked_for(
    qtbot: QtBot,
    event_loop_qt: asyncio.AbstractEventLoop,
    proxied_settings: Settings,
    mail_central: MailCentral,
    citizen: Citizen,
    proxy: FaultProxy,
    tmp_path: Path,
) -> None:
    """Central out of reach: the profile cannot say whether there is a family, so « Coordonnées » shows the three
    procedures for the citizen, as without one, and nothing claims otherwise."""
    with_family(mail_central, citizen, tmp_path)
    with kiosk_online(qtbot, event_loop_qt, proxied_settings) as visitor:
        logged_in(visitor, citizen.email, citizen.password)
        proxy.decide = lambda: NETWORK_DOWN
        page = contacts(visitor)
        assert page.view == "contacts"
        assert page.relative is None
        assert page.relatives == []
        assert not visitor.sees("Pour qui ?")
        assert not visitor.sees("Chargement de votre profil…")
        assert visitor.sees("Quelles coordonnées voulez-vous changer ?")
        visitor.tap_text("Changement d'adresse")
        assert isinstance(shown_after_tasks(visitor), ProcedurePage)
        assert not visitor.sees(", pour ")
