"""« Rattacher cette demande à mon espace personnel » at the kiosk (issue 10, item 7): a request made anonymously at
this kiosk is attached from its follow-up once the citizen logs in (through the outbox; the history then shows
central's « attached » event, pulled); a request made at another kiosk is attached on « Rattacher une demande », from
its follow-up (its code filled in, the requester's last name asked) or typed there (a wrong name and a wrong code get
one message); a request made while logged in is in the space without a tap.

A real central on 127.0.0.1 whose mails go to a real SMTP server (the citizen's space is made through the mailed
link); the kiosk is built by the real composition root and syncs with it."""

from __future__ import annotations

import asyncio
import sqlite3
import uuid
from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from central.codes import draw_code
from central.models import Account, Request, RequestEvent
from kiosk.config import Settings
from kiosk.tools.demo_visit import REQUESTER
from kiosk.views.navigator import Route
from kiosk.views.pages.attach import AttachPage
from kiosk.views.pages.follow_up import FollowUpPage
from sync.protocol import OpAnswer
from tests.central.accounts_flow import active_account, database
from tests.central.conftest import ROOT, MailCentral, add_kiosk, central, mail_central
from tests.central.wire import LAST_NAME, push, submit_op
from tests.gui.driver import Visitor
from tests.gui.test_account_journey import (
    PASSWORD,
    account_settings,
    kiosk_online,
    logged_in,
    proxied_settings,
    proxy,
)
from tests.gui.test_lookup_on_central import search, shown_follow_up, tap
from tests.gui.test_sync_journey import submit_demo_request, until_waiting
from tests.sqlite_central import database_url
from tests.sync.fault_proxy import FORWARD, Fault, FaultProxy, answer

__all__ = ["account_settings", "database_url", "mail_central", "proxied_settings", "proxy"]

pytestmark = pytest.mark.gui

SENT_S = 30.0
ATTACHED_EVENT = "Demande rattachée à un espace personnel"
# « Too early » for every push, come back in 10 minutes: central answers (the kiosk stays online), takes nothing.
TOO_EARLY = answer(425, ("Retry-After", "600"), body=b'{"error":"too_early","detail":"later"}')


def citizen_email(mail_central: MailCentral) -> str:
    """A space finished through its mailed link, with the journeys' password, on a central that offers the demo
    catalogue (the kiosk pulls central's: without it, the demo procedure would go)."""
    loaded = central(mail_central.server.env, "catalogue", "load", str(ROOT / "resources" / "catalogue"))
    assert loaded.returncode == 0, loaded.stderr
    return active_account(mail_central.server.url, mail_central.token, mail_central.smtp, PASSWORD).email


def space_of(
    central: MailCentral, *, reference: str | None = None, number: str | None = None
) -> tuple[str | None, int]:
    """The e-mail of the space central holds the request in (None: none), and its « attached » events; the request
    by this kiosk's reference or by central's number."""
    which = Request.local_reference == reference if reference is not None else Request.number == number
    with database(central.database_url) as session:
        request = session.scalar(select(Request).where(which))
        assert request is not None
        email = session.scalar(select(Account.email).where(Account.id == request.account_id))
        events = session.scalar(
            select(func.count())
            .select_from(RequestEvent)
            .where(RequestEvent.request_id == request.id, RequestEvent.code == "attached")
        )
        return email, int(events or 0)


def made_elsewhere(central: MailCentral, code: str) -> str:
    other = add_kiosk(central.server.env, f"borne-{uuid.uuid4().hex[:8]}")
    pushed = push(central.server.url, other, submit_op(code=code, appointment=None, documents=[]))
    assert pushed.status_code == 201, pushed.text
    return OpAnswer.model_validate_json(pushed.content).request.number


def log_in(visitor: Visitor, email: str) -> None:
    """« Me connecter sur la borne » with e-mail and password: the visitor's session then holds the citizen."""
    logged_in(visitor, email, PASSWORD)
    assert visitor.window.session.citizen is not None


async def until(check: Callable[[], bool], timeout: float) -> None:
    """Let the kiosk run (its sync pushes and pulls) until ``check()`` holds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not check():
        assert loop.time() < deadline, "not within the time allowed"
        await asyncio.sleep(0.1)


def test_an_anonymous_request_is_attached_from_its_follow_up_and_a_logged_in_one_without_a_tap(
    qtbot: QtBot,
    event_loop_qt: asyncio.AbstractEventLoop,
    account_settings: Settings,
    mail_central: MailCentral,
) -> None:
    email = citizen_email(mail_central)
    with kiosk_online(qtbot, event_loop_qt, account_settings) as visitor:
        anonymous = submit_demo_request(visitor)
        visitor.run(until_waiting(visitor, 0, online=True, timeout=SENT_S))
        log_in(visitor, email)

        visitor.run(search(visitor, anonymous))
        page = visitor.run(shown_follow_up(visitor))
        assert page.attach_button.isVisible()
        assert page.attach_button.text() == "Rattacher cette demande à mon espace personnel"
        visitor.run(tap(visitor, page.attach_button))
        visitor.run(page.tasks.idle())
        visitor.settle()
        assert visitor.sees("C'est fait : cette demande est rattachée à votre espace personnel.")
        assert not page.attach_button.isVisible()
        assert visitor.sees("Rattachement à un espace personnel en attente d'envoi")

        # The sync sends the attach; central's event comes back with the next pull.
        assert page.request is not None
        reference = page.request.reference
        visitor.run(until(lambda: space_of(mail_central, reference=reference) == (email, 1), SENT_S))
        visitor.run(until(lambda: pulled_attached(account_settings, reference), SENT_S))
        again = visitor.run(_reopen(visitor, anonymous))
        assert visitor.sees(ATTACHED_EVENT)
        assert not again.attach_button.isVisible()

        # Logged in, a request goes into the space with its submit: no tap, and exactly one attach on central.
        logged_in = submit_demo_request(visitor)
        visitor.run(until_waiting(visitor, 0, online=True, timeout=SENT_S))
        followed = visitor.run(_reopen(visitor, logged_in))
        assert followed.request is not None
        assert followed.request.attached
        assert not followed.attach_button.isVisible()
        assert space_of(mail_central, reference=followed.request.reference) == (email, 1)


def test_a_request_of_another_kiosk_is_attached_by_its_code_and_the_requesters_name(
    qtbot: QtBot,
    event_loop_qt: asyncio.AbstractEventLoop,
    account_settings: Settings,
    mail_central: MailCentral,
) -> None:
    email = citizen_email(mail_central)
    code = draw_code()
    number = made_elsewhere(mail_central, code)
    with kiosk_online(qtbot, event_loop_qt, account_settings) as visitor:
        log_in(visitor, email)

        # From its follow-up (found on central): « Rattacher une demande » with its code, the name left to type.
        visitor.run(search(visitor, code))
        page = visitor.run(shown_follow_up(visitor))
        assert page.request is not None
        assert page.request.from_town_hall
        visitor.run(tap(visitor, page.attach_button))
        attach = visitor.page
        assert isinstance(attach, AttachPage)
        assert attach.code.text() == f"{code[:4]} {code[4:]}"
        assert attach.last_name.edit.hasFocus()
        visitor.qtbot.keyClicks(attach.last_name.edit, "Durand")
        visitor.run(tap(visitor, attach.attach_button))
        visitor.run(attach.tasks.idle())
        wrong_name = attach.message.text()
        assert wrong_name.startswith("Aucune demande ne correspond à ce code et à ce nom.")
        assert space_of(mail_central, number=number) == (None, 0)

        # On « Rattacher une demande »: a wrong name says what a wrong code says; the right one attaches it.
        attach = visitor.run(_open_attach(visitor))
        visitor.run(_type_and_attach(visitor, attach, draw_code(), LAST_NAME))
        assert attach.message.text() == wrong_name
        visitor.run(_type_and_attach(visitor, attach, f"{code[:4]} {code[4:].lower()}", LAST_NAME.lower()))
        assert attach.message.text() == "C'est fait : la demande est rattachée à votre espace personnel."
        assert space_of(mail_central, number=number) == (email, 1)
        assert attach.code.edit.text() == ""  # a code opens a request: not left in the field

        # « Voir la demande »: its follow-up, whose history (read from central) has the attach.
        visitor.run(tap(visitor, attach.open_button))
        followed = visitor.run(shown_follow_up(visitor))
        assert followed.request is not None
        assert followed.request.number == number
        assert visitor.sees(ATTACHED_EVENT)
        assert not followed.attach_button.isVisible()


def test_a_second_citizen_is_told_a_request_of_this_kiosk_is_attached_already(
    qtbot: QtBot,
    event_loop_qt: asyncio.AbstractEventLoop,
    proxied_settings: Settings,
    proxy: FaultProxy,
    mail_central: MailCentral,
) -> None:
    first = citizen_email(mail_central)
    second = active_account(mail_central.server.url, mail_central.token, mail_central.smtp, PASSWORD).email

    # Central takes no push for now (its citizens' calls go through): the request and its attach stay here.
    def pushes_down(_method: str, path: str) -> Fault:
        return TOO_EARLY if "/ops" in path else FORWARD

    with kiosk_online(qtbot, event_loop_qt, proxied_settings) as visitor:
        proxy.route = pushes_down
        anonymous = submit_demo_request(visitor)
        log_in(visitor, first)
        visitor.run(search(visitor, anonymous))
        page = visitor.run(shown_follow_up(visitor))
        visitor.run(tap(visitor, page.attach_button))
        visitor.run(page.tasks.idle())
        assert visitor.sees("C'est fait : cette demande est rattachée à votre espace personnel.")
        header = visitor.window.header
        visitor.tap(header.log_out_button)
        visitor.run(visitor.window.session.tasks.idle())
        visitor.settle()
        assert visitor.window.session.citizen is None

        # Another citizen types its code and the requester's name: told it is in a space, not « C'est fait ».
        log_in(visitor, second)
        attach = visitor.run(_open_attach(visitor))
        visitor.run(_type_and_attach(visitor, attach, anonymous, str(REQUESTER["last_name"])))
        visitor.settle()
        assert attach.message.text() == "Cette demande est déjà rattachée à un espace personnel."
        assert not attach.open_button.isVisible()
        assert attach.code.edit.text() == ""
        # Its follow-up offers no « Rattacher » either.
        followed = visitor.run(_reopen(visitor, anonymous))
        assert not followed.attach_button.isVisible()
    assert attach_ops(proxied_settings) == 1  # the first citizen's, nothing queued for the second


def attach_ops(settings: Settings) -> int:
    """The ``request.attach`` ops in the kiosk's outbox (read with sqlite3, not through the code under test)."""
    with sqlite3.connect(settings.database_path) as raw:
        (count,) = raw.execute("SELECT count(*) FROM outbox WHERE kind = 'request.attach'").fetchone()
    raw.close()
    return int(count)


def pulled_attached(settings: Settings, reference: str) -> bool:
    """Whether the kiosk's cache holds central's « attached » event of its request ``reference`` (read with
    sqlite3, not through the code under test)."""
    with sqlite3.connect(settings.database_path) as raw:
        (count,) = raw.execute(
            "SELECT count(*) FROM request_event e JOIN request r ON r.id = e.request_id "
            "WHERE r.reference = ? AND e.code = 'attached'",
            (reference,),
        ).fetchone()
    raw.close()
    return bool(count)


async def _reopen(visitor: Visitor, code: str) -> FollowUpPage:
    visitor.window.navigator.go(Route.FOLLOW_UP, code)
    return await shown_follow_up(visitor)


async def _open_attach(visitor: Visitor) -> AttachPage:
    visitor.window.navigator.go(Route.ATTACH)
    page = visitor.page
    assert isinstance(page, AttachPage)
    await page.tasks.idle()
    return page


async def _type_and_attach(visitor: Visitor, page: AttachPage, code: str, last_name: str) -> None:
    page.code.edit.setText("")
    page.last_name.edit.setText("")
    visitor.qtbot.keyClicks(page.code.edit, code)
    visitor.qtbot.keyClicks(page.last_name.edit, last_name)
    await tap(visitor, page.attach_button)
    await page.tasks.idle()
