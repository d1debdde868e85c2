"""A citizen's account driven as a kiosk and a mail reader would: the ``/v1`` calls with a kiosk's device token,
the mails a real SMTP server received, the links' pages posted as a browser posts their forms."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

import requests
from sqlalchemy import create_engine, select, update
from sqlalchemy.orm import Session, sessionmaker

from central.credentials import token_hash
from central.models import AccountLink, Kiosk, LoginAttempt
from sync.protocol import CITIZEN_TOKEN, LoginAnswer
from tests.central.conftest import TIMEOUT
from tests.central.mail_server import SmtpSink
from tests.central.waiting import wait_until

PASSWORD = "Valmont-2026!ok"  # 12+ characters of the four kinds
NEW_PASSWORD = "une phrase de passe assez longue pour la mairie"  # seven words
FIRST_NAME = "Zoé"
LAST_NAME = "Canaryaccount"
FINALISE_SUBJECT = "Finalisez l'inscription à votre espace personnel"
EXISTS_SUBJECT = "Vous avez déjà un espace personnel"
RESET_SUBJECT = "Choisissez un nouveau mot de passe"
_FORM_KEY = re.compile(r'name="form_key" value="([0-9a-f]{64})"')


def new_email() -> str:
    return f"zoe.{uuid.uuid4().hex[:10]}@valmont.example"


def call(
    url: str, token: str, method: str, path: str, body: dict[str, Any] | None = None, citizen: str | None = None
) -> requests.Response:
    headers = {"Authorization": f"Bearer {token}"}
    if citizen is not None:
        headers[CITIZEN_TOKEN] = citizen
    return requests.request(method, f"{url}/v1{path}", json=body, headers=headers, timeout=TIMEOUT)


def create(url: str, token: str, email: str, first_name: str = FIRST_NAME) -> requests.Response:
    return call(url, token, "POST", "/accounts", {"email": email, "first_name": first_name, "last_name": LAST_NAME})


def log_in(url: str, token: str, email: str, password: str) -> requests.Response:
    return call(url, token, "POST", "/sessions", {"email": email, "password": password})


def mails_to(smtp: SmtpSink, email: str, subject: str) -> list[EmailMessage]:
    return [m for m in smtp.messages if m["To"] == email and m["Subject"] == subject]


def wait_mail(smtp: SmtpSink, email: str, subject: str, count: int = 1) -> EmailMessage:
    """The ``count``-th mail with this subject to ``email``, once it arrived."""
    return wait_until(lambda: mails_to(smtp, email, subject)[count - 1 :], what=f"mail {count} « {subject} »")[0]


def text_of(mail: EmailMessage) -> str:
    body = mail.get_body(preferencelist=("plain",))
    assert body is not None
    content: str = body.get_content()
    return content


def link_in(mail: EmailMessage, server_url: str, path: str) -> str:
    (link,) = re.findall(rf"{re.escape(server_url)}{re.escape(path)}[A-Za-z0-9_-]+", text_of(mail))
    return str(link)


def form_key(page: str) -> str:
    found = _FORM_KEY.search(page)
    assert found is not None, page
    return str(found.group(1))


def post_password(link: str, password: str, confirmation: str | None = None) -> requests.Response:
    page = requests.get(link, timeout=TIMEOUT)
    assert page.status_code == 200, page.text
    form = {
        "form_key": form_key(page.text),
        "step": "password",
        "mot_de_passe": password,
        "confirmation": password if confirmation is None else confirmation,
    }
    return requests.post(link, data=form, timeout=TIMEOUT)


def post_consent(link: str, choice: str) -> requests.Response:
    page = requests.get(link, timeout=TIMEOUT)
    assert page.status_code == 200, page.text
    assert "Partager vos données" in page.text
    return requests.post(
        link, data={"form_key": form_key(page.text), "step": "consent", "choice": choice}, timeout=TIMEOUT
    )


@dataclass(frozen=True)
class Citizen:
    email: str
    password: str


def active_account(url: str, token: str, smtp: SmtpSink, password: str = PASSWORD) -> Citizen:
    """A citizen who created a space, set ``password`` and accepted to share, through the mail and the pages."""
    email = new_email()
    assert create(url, token, email).status_code == 202
    link = link_in(wait_mail(smtp, email, FINALISE_SUBJECT), url, "/compte/finaliser/")
    assert post_password(link, password).status_code == 200  # the 303 followed to the consent page
    assert post_consent(link, "accept").status_code == 200
    return Citizen(email, password)


def access_token(url: str, token: str, citizen: Citizen) -> str:
    answer = log_in(url, token, citizen.email, citizen.password)
    assert answer.status_code == 201, answer.text
    return LoginAnswer.model_validate_json(answer.content).access_token


@contextmanager
def database(url: str) -> Iterator[Session]:
    """A transaction on the server's database, for a test to age a row (an expiry, an attempt's time)."""
    engine = create_engine(url)
    try:
        with sessionmaker(engine).begin() as session:
            yield session
    finally:
        engine.dispose()


def expire_links(database_url: str, link: str) -> None:
    """Make the link of this address expire now, as two days (or 30 minutes) later would."""
    digest = token_hash(link.rsplit("/", 1)[1])
    past = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    with database(database_url) as session:
        changed = session.execute(
            update(AccountLink).where(AccountLink.token_hash == digest).values(expires_at=past)
        ).rowcount  # type: ignore[attr-defined]
        assert changed == 1


def age_attempts(database_url: str, kiosks: list[str], seconds: float) -> None:
    """Move the log-in attempts of these kiosks ``seconds`` into the past, as waiting that long would."""
    with database(database_url) as session:
        ids = list(session.scalars(select(Kiosk.id).where(Kiosk.name.in_(kiosks))))
        for attempt in session.scalars(select(LoginAttempt).where(LoginAttempt.kiosk_id.in_(ids))):
            attempt.at -= dt.timedelta(seconds=seconds)


def attempts_just_now(database_url: str, kiosks: list[str]) -> None:
    """Move the log-in attempts of these kiosks so that the newest was made now: the delay central then asks for
    is the whole of the next one, however long the machine took to check the last password."""
    with database(database_url) as session:
        ids = list(session.scalars(select(Kiosk.id).where(Kiosk.name.in_(kiosks))))
        attempts = list(session.scalars(select(LoginAttempt).where(LoginAttempt.kiosk_id.in_(ids))))
        shift = dt.datetime.now(dt.UTC) - max(a.at for a in attempts)
        for attempt in attempts:
            attempt.at += shift
