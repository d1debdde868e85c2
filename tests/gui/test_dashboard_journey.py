"""« Mon tableau de bord » at the kiosk (issue 10, item 5; the pinned procedures of item 6): a citizen with three
requests logs in and sees the counts on the tiles; the town writes to them (``BackOffice.add_message`` on central's
database) and « Échanges à lire » goes up when they come back to the dashboard; opening the request shows the
message, and back on the dashboard the badge is gone; « Voir toutes mes demandes » and its archived filter; the
procedures the town pins on « Mon accueil » while logged in, gone after « Se déconnecter », with nothing of the
dashboard left in the widgets.

A real central on 127.0.0.1 with a real SMTP server (the account is made through the mailed link); the requests are
attached to the account by an UPDATE (the attach op is another part's); the kiosk is built by the real composition
root."""

from __future__ import annotations

import asyncio
import gc
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.config import Settings
from kiosk.models.dto import TrackedRequest
from kiosk.views.pages.catalogue_pages import DomainsPage
from kiosk.views.pages.follow_up import FollowUpPage
from kiosk.views.pages.home import HomePage
from kiosk.views.pages.my_requests import MyRequestsPage
from kiosk.views.pages.procedure import ProcedurePage
from sync.personal_space import Dashboard, MyRequest
from sync.protocol import FollowUp
from tests.central.accounts_flow import Citizen
from tests.central.conftest import PINNED, ROOT, MailCentral, add_message, central, mail_central
from tests.central.test_dashboard import account_id, request_of
from tests.gui.driver import LEFT, Visitor
from tests.gui.test_account_journey import (
    ONLINE_S,
    PASSWORD,
    account_settings,
    dashboard_page,
    finished_account,
    kiosk_online,
    logged_in,
    open_dashboard,
    proxied_settings,
    proxy,
    shown_after_tasks,
)
from tests.gui.test_session import emitted, held, strings_in_widgets
from tests.gui.test_sync_journey import until_waiting
from tests.sqlite_central import database_url
from tests.sync.fault_proxy import FORWARD, NETWORK_DOWN, FaultProxy

__all__ = ["account_settings", "database_url", "mail_central", "proxied_settings", "proxy"]

pytestmark = pytest.mark.gui

MESSAGE = "Votre dossier est complet : canari-message-de-la-mairie."


def my_requests(visitor: Visitor) -> MyRequestsPage:
    page = shown_after_tasks(visitor)
    assert isinstance(page, MyRequestsPage), page
    return page


def test_the_dashboard_counts_messages_and_appointments_and_the_pinned_procedures_go_with_the_citizen(
    qtbot: QtBot,
    event_loop_qt: asyncio.AbstractEventLoop,
    account_settings: Settings,
    mail_central: MailCentral,
    tmp_path: Path,
) -> None:
    loaded = central(mail_central.server.env, "catalogue", "load", str(ROOT / "resources" / "catalogue"))
    assert loaded.returncode == 0, loaded.stderr
    with kiosk_online(qtbot, event_loop_qt, account_settings) as visitor:
        journey(visitor, mail_central)
        # Logged out (the journey's end, whose pages it no longer holds): nothing of the space is left in the
        # kiosk's memory either, no model of it kept by a page or the navigator's history.
        assert not held_messages()


def journey(visitor: Visitor, mail_central: MailCentral) -> None:
    email = finished_account(visitor, mail_central)
    mine = account_id(mail_central, Citizen(email, PASSWORD))
    with_slot = request_of(mail_central, mine)  # an appointment in two days
    no_slot = request_of(mail_central, mine, appointment_json=None, status="in_progress")
    cancelled = request_of(mail_central, mine, status="cancelled")

    page = logged_in(visitor, email, PASSWORD)
    assert page.outcome is not None
    assert page.outcome.result == "ok"
    assert visitor.sees("Mon tableau de bord")
    assert page.tile("appointments").accessibleName().endswith(". 1")  # the badge, as a screen reader says it
    assert not page.tile("unread").accessibleName().endswith(". 0")
    assert visitor.sees("2 demandes en cours")
    assert page.tile("documents").soon == "Bientôt disponible"
    # « Retour » leads where the citizen was before « Mon espace », not to the log-in form.
    visitor.tap(visitor.window.header.back_button)
    assert isinstance(shown_after_tasks(visitor), HomePage)

    # The town writes: back on the dashboard, « Échanges à lire » says so.
    add_message(mail_central.server.env, no_slot, MESSAGE)
    page = open_dashboard(visitor)
    assert page.tile("unread").accessibleName() == "Échanges à lire. Les messages de la mairie. 1"

    # « Échanges à lire »: the request with the message; its loupe opens the follow-up, which shows it.
    visitor.tap(page.tile("unread"))
    listed = my_requests(visitor)
    assert [r.number for r in listed.shown()] == [no_slot]
    assert visitor.sees("1 message non lu")
    visitor.tap(listed.rows[no_slot])
    follow_up = shown_after_tasks(visitor)
    assert isinstance(follow_up, FollowUpPage)
    assert follow_up.request is not None
    assert follow_up.request.number == no_slot
    assert visitor.sees(f"Message de la mairie : {MESSAGE}")
    assert held_messages()  # what the check after the log-out looks for is found while the follow-up holds it
    # Back: read now, on central as on the kiosk.
    visitor.tap(visitor.window.header.back_button)
    listed = my_requests(visitor)
    assert listed.shown() == []
    assert visitor.sees("Aucun message de la mairie à lire.")
    visitor.tap(visitor.window.header.back_button)
    page = dashboard_page(visitor)
    assert page.tile("unread").accessibleName() == "Échanges à lire. Les messages de la mairie"
    assert page.tile("appointments").accessibleName().endswith(". 1")

    # « Voir toutes mes demandes »: those going on, newest first; the archived ones behind their filter.
    visitor.tap(page.tile("all"))
    listed = my_requests(visitor)
    assert [r.number for r in listed.shown()] == [no_slot, with_slot]
    visitor.tap_text("Voir toutes mes demandes archivées")
    listed = my_requests(visitor)
    assert [r.number for r in listed.shown()] == [cancelled]
    # « Rendez-vous proches »: the request with a slot to come.
    visitor.tap(visitor.window.header.home_button)
    home = shown_after_tasks(visitor)
    assert isinstance(home, HomePage)
    # The town's pinned procedures, first on « Mon accueil » while logged in (the one in no catalogue is not).
    assert list(home.pinned) == list(PINNED[:3])
    assert home.pinned["passeport"].isVisible()
    assert visitor.sees("Proposée par la mairie")
    page = open_dashboard(visitor)
    visitor.tap(page.tile("appointments"))
    assert [r.number for r in my_requests(visitor).shown()] == [with_slot]
    visitor.tap(visitor.window.header.back_button)

    # « Coordonnées »: the three procedures that change them; what is still to come says so.
    page = dashboard_page(visitor)
    visitor.tap(page.tile("contacts"))
    for title in ("Changement d'adresse", "Changement de téléphone", "Changement de courriel"):
        assert visitor.find(title).isVisible()
    assert not page.tile("unread").isVisible()
    visitor.tap_text("Changement d'adresse")
    assert isinstance(shown_after_tasks(visitor), ProcedurePage)
    page = open_dashboard(visitor)
    assert page.tile("unread").isVisible()
    visitor.tap(page.tile("documents"))
    assert visitor.sees("Mes pièces : bientôt disponible")
    page = open_dashboard(visitor)
    visitor.tap(page.tile("catalogue"))
    assert isinstance(shown_after_tasks(visitor), DomainsPage)

    # « Se déconnecter »: the pinned procedures go, and nothing of the dashboard stays in any widget.
    tap_log_out = lambda: visitor.qtbot.mouseClick(visitor.window.header.log_out_button, LEFT)  # noqa: E731
    assert visitor.run(emitted(visitor.window.session_ended, tap_log_out)) == ("logged_out",)
    visitor.run(visitor.window.session.tasks.idle())
    visitor.settle()
    gc.collect()
    home = shown_after_tasks(visitor)
    assert isinstance(home, HomePage)
    assert home.pinned == {}
    assert not visitor.sees("Proposée par la mairie")
    texts = [t for t in strings_in_widgets() if t]
    for trace in (with_slot, no_slot, cancelled, MESSAGE, "Échanges à lire"):
        assert not [t for t in texts if trace in t], trace


def held_messages() -> list[object]:
    """The models of the citizen's requests alive that hold the town's message (a canary: no other test's has it)."""
    return held(Dashboard | MyRequest | TrackedRequest | FollowUp, "canari-message-de-la-mairie")


def test_offline_the_dashboard_says_so_and_shows_no_old_count(
    qtbot: QtBot,
    event_loop_qt: asyncio.AbstractEventLoop,
    proxied_settings: Settings,
    mail_central: MailCentral,
    proxy: FaultProxy,
) -> None:
    with kiosk_online(qtbot, event_loop_qt, proxied_settings) as visitor:
        email = finished_account(visitor, mail_central)
        mine = account_id(mail_central, Citizen(email, PASSWORD))
        request_of(mail_central, mine)
        page = logged_in(visitor, email, PASSWORD)
        assert page.tile("appointments").accessibleName().endswith(". 1")
        # The network goes: the counts shown a moment ago are not shown as current.
        proxy.decide = lambda: NETWORK_DOWN
        page = open_dashboard(visitor)
        assert not page.tile("appointments").accessibleName().endswith(". 1")
        assert visitor.sees("La borne n'est pas reliée à la mairie pour le moment : vos demandes")
        visitor.tap(page.tile("all"))
        listed = my_requests(visitor)
        assert listed.shown() == []
        assert visitor.sees("vos demandes ne peuvent pas être affichées.")
        # Back online: the counts come back.
        proxy.decide = lambda: FORWARD
        visitor.run(until_waiting(visitor, 0, online=True, timeout=ONLINE_S))  # the sync sees central again
        page = open_dashboard(visitor)
        assert page.tile("appointments").accessibleName().endswith(". 1")
        tap_log_out = lambda: visitor.qtbot.mouseClick(visitor.window.header.log_out_button, LEFT)  # noqa: E731
        assert visitor.run(emitted(visitor.window.session_ended, tap_log_out)) == ("logged_out",)
        visitor.run(visitor.window.session.tasks.idle())
