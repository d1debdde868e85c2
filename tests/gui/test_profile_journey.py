"""« Mon profil » at the kiosk (issue 10, items 4 and 6's prefill): a logged-in citizen edits their profile and it is
saved on central (its row); a form with a wrong phone says so beside the field and sends nothing; a wrong clé enfance
is refused in French, a valid one (typed in lower case with spaces) shows the family; a procedure's « Mes
informations » is prefilled from the profile, and editing it there leaves the profile as it is; a session ended on
central leads back to « Mon espace », which says why; after the wipe nothing of the profile is left in memory, on
screen or in the logs; too many wrong keys make « Valider la clé » wait as long as central asks.

A real central on 127.0.0.1 whose mails go to a real SMTP server; the account is made through the mailed link
(tests/central/accounts_flow.py), the family loaded with ``central families load``; the kiosk is built by the real
composition root."""

from __future__ import annotations

import asyncio
import gc
import logging
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from central.accounts import email_key
from central.families import draw_key
from central.models import Account
from kiosk.config import Settings
from kiosk.models.dto import Address
from kiosk.views.navigator import Route
from kiosk.views.pages.account import AccountPage
from kiosk.views.pages.home import HomePage
from kiosk.views.pages.profile import ProfilePage
from kiosk.views.pages.wizard.form_step import FormStep
from kiosk.views.widgets.fields import FieldEditor
from sync.personal_space import Family, Profile, ProfileDetails
from tests.central.accounts_flow import Citizen, database
from tests.central.conftest import MailCentral, mail_central
from tests.central.test_profile import load_families
from tests.gui.driver import Visitor
from tests.gui.test_account_journey import (
    account_settings,
    kiosk_online,
    logged_in,
    proxied_settings,
    proxy,
    shown_after_tasks,
)
from tests.gui.test_padlock_journey import citizen, end_sessions, start, wizard
from tests.gui.test_session import held, strings_in_widgets
from tests.helpers import wait_signal
from tests.sqlite_central import database_url
from tests.sync.fault_proxy import FORWARD, Fault, FaultProxy, stall, until_held

__all__ = ["account_settings", "citizen", "database_url", "mail_central", "proxied_settings", "proxy"]

pytestmark = pytest.mark.gui

PROCEDURE = "changement-courriel"  # of the personal space, no quota


def saved_details(mail_central: MailCentral, citizen: Citizen) -> ProfileDetails | None:
    with database(mail_central.database_url) as session:
        row = session.scalar(select(Account.profile_json).where(Account.email_key == email_key(citizen.email)))
    return None if row is None else ProfileDetails.model_validate_json(row)


def profile_page(visitor: Visitor) -> ProfilePage:
    page = visitor.page
    assert isinstance(page, ProfilePage), page
    visitor.run(page.tasks.idle())
    visitor.settle()
    return page


def open_profile(visitor: Visitor) -> ProfilePage:
    visitor.window.navigator.go(Route.PROFILE, None)  # the dashboard's « Mon profil » tile leads there
    return profile_page(visitor)


def test_edit_the_profile_the_cle_enfance_and_the_prefill(
    qtbot: QtBot,
    event_loop_qt: asyncio.AbstractEventLoop,
    account_settings: Settings,
    mail_central: MailCentral,
    citizen: Citizen,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    key = draw_key()
    load_families(mail_central.server, tmp_path, (key, "Canarychild"))
    caplog.set_level(logging.DEBUG)
    with kiosk_online(qtbot, event_loop_qt, account_settings) as visitor:
        logged_in(visitor, citizen.email, citizen.password)
        journey(visitor, mail_central, citizen, key)
        assert held_profiles()  # what the wipe's check looks for is found while « Mon profil » holds it
        assert [t for t in strings_in_widgets() if "Lilas" in t]
        session_ended(visitor, mail_central, citizen)
        wiped(visitor)
    for record in caplog.records:
        for secret in (key, key[-4:], "Canarychild", "Lilas"):
            assert secret not in record.getMessage()


def session_ended(visitor: Visitor, mail_central: MailCentral, citizen: Citizen) -> None:
    """The citizen's session ended on central (a log-out elsewhere): « Mon profil » leads back to « Mon espace »,
    which says why, and the kiosk is anonymous again."""
    end_sessions(mail_central, citizen)
    visitor.window.navigator.go(Route.PROFILE, None)
    page = shown_after_tasks(visitor)
    assert isinstance(page, AccountPage), page
    assert visitor.sees("Votre session a expiré.")
    assert visitor.window.session.citizen is None


def held_profiles() -> list[object]:
    """This citizen's profile models alive (their names are canaries: other tests' models may share the process)."""
    return held(Profile | ProfileDetails | Family, "Canary")


def wiped(visitor: Visitor) -> None:
    """« Terminer »: nothing of the profile stays in the kiosk's memory (the pages that held it are destroyed)."""
    visitor.window.session.end("finished")
    visitor.run(visitor.window.session.tasks.idle())
    visitor.settle()
    visitor.settle()
    gc.collect()
    assert not held_profiles()
    assert not [t for t in strings_in_widgets() if "Lilas" in t or "Canarychild" in t]


def journey(visitor: Visitor, mail_central: MailCentral, citizen: Citizen, key: str) -> None:
    page = open_profile(visitor)
    assert page.profile is not None
    assert "Zoé Canaryaccount" in page.identity.text()
    assert f"Courriel de l'espace : {citizen.email}" in page.identity.text()
    assert visitor.sees("Comment l'obtenir ?")  # no key yet: how to obtain one is said where it is asked
    assert saved_details(mail_central, citizen) is None

    # « Je modifie mon espace »: a phone that is not one is said beside it; nothing is sent.
    visitor.tap_text("Je modifie mon espace")
    form = page.form
    assert form is not None
    form.step.set_answer("phone_1", "12")
    visitor.tap(form.save_button)
    phone = form.step.editor("phone_1")
    assert isinstance(phone, FieldEditor)
    assert phone.error_line.isVisible()
    assert phone.error_text.text()  # in French, beside the field
    assert visitor.sees("Vérifiez les champs signalés.")
    visitor.run(page.tasks.idle())
    assert saved_details(mail_central, citizen) is None

    # Corrected, with an address and text messages as the channel: saved on central.
    form.step.set_answer("phone_1", "06 12 34 56 78")
    form.step.set_answer("civility", "madame")
    form.step.set_answer("address", Address(line="3 rue des Lilas", postcode="45000", city="Valmont-sur-Loire"))
    form.step.set_answer("notify_by", "sms")
    visitor.tap(form.save_button)
    page = profile_page(visitor)
    assert page.form is None
    assert visitor.sees("Votre profil est enregistré.")
    saved = saved_details(mail_central, citizen)
    assert saved is not None
    assert (saved.civility, saved.phones, saved.notify_by) == ("madame", ["06 12 34 56 78"], "sms")  # as typed
    assert saved.address is not None
    assert saved.address.city == "Valmont-sur-Loire"
    assert "Madame Zoé Canaryaccount" in page.identity.text()
    assert "Être contacté : par SMS" in page.identity.text()

    # The clé enfance: malformed, then unknown, each said in French; then the right one as people type it.
    visitor.fill("child_key", "abc")
    visitor.tap(page.key_button)
    visitor.run(page.tasks.idle())
    assert page.key_input.error.text().startswith("Une clé enfance a 12 lettres et chiffres")
    page.key_input.clear()
    visitor.fill("child_key", "K")
    assert not page.key_input.error.isVisible()  # typing again takes the last message away
    page.key_input.clear()
    visitor.fill("child_key", draw_key())
    visitor.tap(page.key_button)
    visitor.run(page.tasks.idle())
    visitor.settle()
    assert page.key_input.error.text().startswith("Cette clé enfance n'est pas reconnue.")
    assert page.profile is not None
    assert page.profile.family is None
    page.key_input.clear()
    visitor.fill("child_key", key.lower().replace("-", " "))
    visitor.tap(page.key_button)
    visitor.run(page.tasks.idle())
    visitor.settle()
    assert page.profile is not None
    assert page.profile.family is not None
    assert f"••••-••••-{key[-4:]}" in page.family.text()
    assert "Canarychild Canaryfamily (né(e) en 2018) — enfant : Restauration scolaire" in page.family.text()
    assert not page.key_input.isVisible()
    assert not page.key_input.error.isVisible()

    # A procedure: « Mes informations » comes prefilled from the profile.
    start(visitor, PROCEDURE)
    page_wizard = wizard(visitor)
    assert page_wizard.state is not None
    requester = page_wizard.state.requester
    assert requester["civility"] == "madame"
    assert (requester["first_name"], requester["last_name"]) == ("Zoé", "Canaryaccount")
    assert requester["email"] == citizen.email
    assert requester["phone"] == "06 12 34 56 78"
    assert requester["notify_by"] == "sms"
    assert requester["address"] == Address(line="3 rue des Lilas", postcode="45000", city="Valmont-sur-Loire")
    form_step = page_wizard.view("requester")
    assert isinstance(form_step, FormStep)
    phone_editor = form_step.editor("phone")
    assert isinstance(phone_editor, FieldEditor)
    assert phone_editor.value() == "06 12 34 56 78"  # shown in the field, not only in the draft
    # Edited for this request only: the profile on central stays as it is.
    form_step.set_answer("phone", "0698765432")
    assert page_wizard.state.requester["phone"] == "0698765432"
    after = saved_details(mail_central, citizen)
    assert after is not None
    assert after.phones == ["06 12 34 56 78"]


def test_too_many_wrong_keys_wait_then_the_key_can_be_typed_again(
    qtbot: QtBot,
    event_loop_qt: asyncio.AbstractEventLoop,
    account_settings: Settings,
    mail_central: MailCentral,
    citizen: Citizen,
) -> None:
    with kiosk_online(qtbot, event_loop_qt, account_settings) as visitor:
        logged_in(visitor, citizen.email, citizen.password)
        page = open_profile(visitor)
        for attempt in range(6):
            page.key_input.clear()
            visitor.fill("child_key", draw_key())
            visitor.tap(page.key_button)
            visitor.run(page.tasks.idle())
            visitor.settle()
            if attempt < 5:
                assert page.key_input.error.text().startswith("Cette clé enfance n'est pas reconnue.")
        # Central asks to wait: said in French beside the field, and « Valider la clé » waits as long.
        assert page.key_input.error.text() == "Trop de clés erronées. Réessayez dans 1 seconde."
        assert not page.key_button.isEnabled()
        if page._unblock.isActive():  # else the second is over already
            visitor.run(wait_signal(page._unblock.timeout, timeout=5))
        visitor.settle()
        assert page.key_button.isEnabled()
        assert not page.key_input.error.isVisible()


def test_logging_out_during_a_slow_save_wipes_without_a_problem(
    qtbot: QtBot,
    event_loop_qt: asyncio.AbstractEventLoop,
    proxied_settings: Settings,
    proxy: FaultProxy,
    citizen: Citizen,
) -> None:
    """« Se déconnecter » while central takes its time over the profile: the pages go with the session, and the
    save's end touches none of them (no « Un problème est survenu », no second wipe)."""

    def slow_save(method: str, path: str) -> Fault:
        return stall(2.0) if method == "PUT" and path.endswith("/me/profile") else FORWARD

    with kiosk_online(qtbot, event_loop_qt, proxied_settings) as visitor:
        logged_in(visitor, citizen.email, citizen.password)
        page = open_profile(visitor)
        visitor.tap_text("Je modifie mon espace")
        form = page.form
        assert form is not None
        form.step.set_answer("phone_1", "06 12 34 56 78")
        proxy.route = slow_save
        ended: list[str] = []
        visitor.window.session_ended.connect(ended.append)
        form.save_button.click()  # not ``tap``: its settling would wait for the save
        visitor.run(until_held(proxy, "/me/profile"))
        assert page.tasks.busy
        owner = page.tasks
        visitor.window.header.log_out_button.click()  # no event processed meanwhile, as a mouse click would
        # The log-out closes the form before the save's task runs again (its deletion may come first: which of the
        # two Qt's loop does first is not ours to choose): the save's end must not touch it.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert not shiboken6.isValid(form)
        visitor.run(owner.idle())
        visitor.run(visitor.window.session.tasks.idle())
        visitor.settle()
        assert ended == ["logged_out"]  # one wipe, for the log-out
        assert isinstance(visitor.page, HomePage)
        assert visitor.window.session.citizen is None
        assert not visitor.sees("Un problème est survenu")
