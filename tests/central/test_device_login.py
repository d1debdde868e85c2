"""The log-in from the phone on a real central (issue 10, item 2; RFC 8628), on each backend: the kiosk asks for a
device authorization and polls; a test acting as the phone opens the QR code's address, logs in and approves or
refuses. Pending, slow_down with the interval growing, approval → the same access token as the password log-in,
denial, expiry, the token given once, another kiosk's device code, a wrong password, the shared rate limits."""

from __future__ import annotations

import ast
import datetime as dt
import re
import secrets
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests
from sqlalchemy import select

from central import device_login
from central.credentials import token_hash
from central.models import CitizenSession, Kiosk
from sync.protocol import CODE_ALPHABET, DEVICE_TOKEN_ERRORS, ErrorBody, LoginAnswer
from sync.protocol import CitizenSession as CitizenSessionAnswer
from tests.central.accounts_flow import (
    NEW_PASSWORD,
    PASSWORD,
    RESET_SUBJECT,
    attempts_just_now,
    call,
    database,
    form_key,
    link_in,
    log_in,
    post_password,
    wait_mail,
)
from tests.central.accounts_flow import active_account as make_account
from tests.central.conftest import TIMEOUT, MailCentral, add_kiosk
from tests.central.device_flow import (
    approval_of,
    authorize,
    decide,
    expire,
    login_form,
    phone_log_in,
    poll,
    wait_interval,
)


def error_of(response: requests.Response) -> str:
    return ErrorBody.model_validate_json(response.content).error


def new_kiosk(central: MailCentral) -> tuple[str, str]:
    name = f"borne-{uuid.uuid4().hex[:8]}"
    return name, add_kiosk(central.server.env, name)


def test_approved_on_the_phone_the_kiosk_gets_a_session_like_the_password_log_in(mail_central: MailCentral) -> None:
    url, smtp, database_url = mail_central.server.url, mail_central.smtp, mail_central.database_url
    name, token = new_kiosk(mail_central)
    citizen = make_account(url, token, smtp)
    authorization = authorize(url, token)
    assert re.fullmatch(r"[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}", authorization.user_code)
    letters = authorization.user_code.replace("-", "")
    assert authorization.verification_uri == f"{url}/connexion"
    assert authorization.verification_uri_complete == f"{url}/connexion?code={letters}"
    assert (authorization.expires_in, authorization.interval) == (600, 5)
    pending = poll(url, token, authorization.device_code)
    assert (pending.status_code, error_of(pending)) == (400, "authorization_pending")

    # Typed by hand on the phone, in lower case and with the dash: the same code.
    typed = requests.get(f"{url}/connexion", params={"code": authorization.user_code.lower()}, timeout=TIMEOUT)
    assert typed.status_code == 200
    assert f"Connecter la borne « {name} »" in typed.text
    assert typed.headers["Cache-Control"] == "no-store"
    assert "<script" not in typed.text

    approval_page = phone_log_in(authorization, citizen.email.upper(), citizen.password)
    assert approval_page.status_code == 200, approval_page.text
    assert f"Connecter la borne « {name} » ?" in approval_page.text
    assert "Autoriser" in approval_page.text
    assert "Refuser" in approval_page.text
    assert not approval_page.cookies  # nothing outlives the approval on the phone
    wait_interval(database_url, authorization.device_code)
    still = poll(url, token, authorization.device_code)  # logged in on the phone, not approved yet
    assert error_of(still) == "authorization_pending"

    approved = decide(authorization, approval_of(approval_page.text), "approve")
    assert approved.status_code == 200
    assert "Vous pouvez revenir à la borne" in approved.text

    # At once (a decision is never slowed down), and by two polls at the same moment: one token only.
    start = threading.Barrier(4)

    def polled(_: int) -> requests.Response:
        start.wait()
        return poll(url, token, authorization.device_code)

    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(polled, range(4)))
    (given,) = [a for a in answers if a.status_code == 201]
    assert sorted(error_of(a) for a in answers if a is not given) == ["invalid_grant"] * 3
    session = LoginAnswer.model_validate_json(given.content)
    assert session.expires_in == 15 * 60
    assert session.profile.email == citizen.email
    current = call(url, token, "GET", "/sessions/current", citizen=session.access_token)
    assert current.status_code == 200
    assert CitizenSessionAnswer.model_validate_json(current.content).profile.email == citizen.email
    with database(database_url) as db:
        row = db.scalar(select(CitizenSession).where(CitizenSession.token_hash == token_hash(session.access_token)))
        assert row is not None
        assert row.kiosk_id == db.scalar(select(Kiosk.id).where(Kiosk.name == name))
        assert row.expires_at - row.created_at == dt.timedelta(minutes=15)  # as POST /v1/sessions gives

    # Once only: the same device code again, and the page again.
    again = poll(url, token, authorization.device_code)
    assert (again.status_code, error_of(again)) == (400, "invalid_grant")
    reopened = requests.get(authorization.verification_uri_complete, timeout=TIMEOUT)
    assert reopened.status_code == 410
    assert "Ce code a déjà servi" in reopened.text
    assert "demandez un nouveau code à la borne" in reopened.text
    # The access token ends as the password log-in's does.
    assert call(url, token, "DELETE", "/sessions/current", citizen=session.access_token).status_code == 204
    assert call(url, token, "GET", "/sessions/current", citizen=session.access_token).status_code == 401

    log = mail_central.server.log_text()
    for secret in (citizen.email, citizen.password, session.access_token, authorization.device_code, letters):
        assert secret not in log


def test_polling_too_fast_slows_the_kiosk_down_by_five_seconds_each_time(mail_central: MailCentral) -> None:
    url, database_url = mail_central.server.url, mail_central.database_url
    _name, token = new_kiosk(mail_central)
    authorization = authorize(url, token)
    assert error_of(poll(url, token, authorization.device_code)) == "authorization_pending"
    intervals = []
    for _ in range(2):
        fast = poll(url, token, authorization.device_code)
        assert (fast.status_code, error_of(fast)) == (400, "slow_down")
        intervals.append(int(fast.headers["Retry-After"]))
        assert f"poll every {intervals[-1]} s" in fast.json()["detail"]
    assert intervals == [10, 15]
    wait_interval(database_url, authorization.device_code)  # 15 s later
    assert error_of(poll(url, token, authorization.device_code)) == "authorization_pending"
    fast = poll(url, token, authorization.device_code)
    assert (error_of(fast), fast.headers["Retry-After"]) == ("slow_down", "20")  # the grown interval stays


def test_refused_on_the_phone_the_kiosk_is_denied(mail_central: MailCentral) -> None:
    url, smtp = mail_central.server.url, mail_central.smtp
    name, token = new_kiosk(mail_central)
    citizen = make_account(url, token, smtp)
    authorization = authorize(url, token)
    approval_page = phone_log_in(authorization, citizen.email, citizen.password)
    refused = decide(authorization, approval_of(approval_page.text), "refuse")
    assert refused.status_code == 200
    assert "Connexion refusée" in refused.text
    assert f"La borne « {name} » n'est pas connectée" in refused.text
    for _ in range(2):  # denied stays denied
        denied = poll(url, token, authorization.device_code)
        assert (denied.status_code, error_of(denied)) == (400, "access_denied")
    # The approval page's form cannot approve it afterwards.
    late = decide(authorization, approval_of(approval_page.text), "approve")
    assert late.status_code == 410
    assert error_of(poll(url, token, authorization.device_code)) == "access_denied"


def test_an_expired_code_says_to_ask_for_a_new_one(mail_central: MailCentral) -> None:
    url, smtp, database_url = mail_central.server.url, mail_central.smtp, mail_central.database_url
    _name, token = new_kiosk(mail_central)
    citizen = make_account(url, token, smtp)
    authorization = authorize(url, token)
    key = login_form(authorization)
    approval_page = phone_log_in(authorization, citizen.email, citizen.password)
    expire(database_url, authorization.device_code)  # ten minutes later
    expired = poll(url, token, authorization.device_code)
    assert (expired.status_code, error_of(expired)) == (400, "expired_token")
    page = requests.get(authorization.verification_uri_complete, timeout=TIMEOUT)
    assert page.status_code == 410
    assert "Code expiré" in page.text
    assert "Demandez un nouveau code à la borne." in page.text
    late = decide(authorization, approval_of(approval_page.text), "approve")
    assert late.status_code == 410  # approving too late changes nothing
    assert error_of(poll(url, token, authorization.device_code)) == "expired_token"
    assert phone_log_in(authorization, citizen.email, citizen.password, key).status_code == 410
    # The kiosk asks again, as the page says: a new code, which works.
    renewed = authorize(url, token)
    assert renewed.user_code != authorization.user_code
    second = phone_log_in(renewed, citizen.email, citizen.password)
    assert decide(renewed, approval_of(second.text), "approve").status_code == 200
    assert poll(url, token, renewed.device_code).status_code == 201


def test_another_kiosk_cannot_take_the_token(mail_central: MailCentral) -> None:
    url, smtp = mail_central.server.url, mail_central.smtp
    _name, token = new_kiosk(mail_central)
    _other_name, other = new_kiosk(mail_central)
    citizen = make_account(url, token, smtp)
    authorization = authorize(url, token)
    approval_page = phone_log_in(authorization, citizen.email, citizen.password)
    assert decide(authorization, approval_of(approval_page.text), "approve").status_code == 200
    stolen = poll(url, other, authorization.device_code)
    assert (stolen.status_code, error_of(stolen)) == (400, "invalid_grant")
    unknown = poll(url, token, "x" * 43)
    assert (unknown.status_code, error_of(unknown)) == (400, "invalid_grant")
    given = poll(url, token, authorization.device_code)  # the kiosk that asked still gets it
    assert given.status_code == 201
    access = LoginAnswer.model_validate_json(given.content).access_token
    assert call(url, other, "GET", "/sessions/current", citizen=access).status_code == 401
    assert call(url, token, "GET", "/sessions/current", citizen=access).status_code == 200


def test_a_wrong_password_on_the_phone_is_said_next_to_the_field_and_counted(mail_central: MailCentral) -> None:
    url, smtp, database_url = mail_central.server.url, mail_central.smtp, mail_central.database_url
    name, token = new_kiosk(mail_central)
    citizen = make_account(url, mail_central.token, smtp)
    authorization = authorize(url, token)
    wrong = phone_log_in(authorization, citizen.email, PASSWORD + "?")
    assert wrong.status_code == 401
    assert '<p class="erreur" id="mot_de_passe-erreur">Erreur : Adresse électronique ou mot de passe incorrect.' in (
        wrong.text
    )
    assert 'aria-describedby="mot_de_passe-erreur"' in wrong.text
    assert citizen.email in wrong.text  # the address typed stays; the password does not
    assert PASSWORD not in wrong.text
    unknown = phone_log_in(authorization, "personne@valmont.example", PASSWORD)
    assert unknown.status_code == 401
    assert form_key(unknown.text) == form_key(wrong.text)
    for _ in range(4):  # five wrong attempts in all: the free ones of the address
        assert phone_log_in(authorization, citizen.email, PASSWORD + "?").status_code == 401
    # The limits are the password log-in's: the address is now slowed down at the kiosks as on the phone.
    attempts_just_now(database_url, [name])
    at_kiosk = log_in(url, mail_central.token, citizen.email, PASSWORD + "?")
    assert (at_kiosk.status_code, at_kiosk.json()["error"]) == (429, "too_many_logins")
    attempts_just_now(database_url, [name])
    on_phone = phone_log_in(authorization, citizen.email, citizen.password)
    assert on_phone.status_code == 429
    assert "Trop d'essais de connexion : réessayez dans" in on_phone.text
    assert int(on_phone.headers["Retry-After"]) >= 1
    assert error_of(poll(url, token, authorization.device_code)) == "authorization_pending"


def test_forged_or_stale_forms_and_unknown_codes_are_refused(mail_central: MailCentral) -> None:
    url, smtp = mail_central.server.url, mail_central.smtp
    _name, token = new_kiosk(mail_central)
    citizen = make_account(url, token, smtp)
    authorization = authorize(url, token)
    letters = authorization.user_code.replace("-", "")

    blank = requests.get(f"{url}/connexion", timeout=TIMEOUT)
    assert blank.status_code == 200
    assert '<label for="code">Code affiché à la borne</label>' in blank.text
    malformed = requests.get(f"{url}/connexion", params={"code": "ABC"}, timeout=TIMEOUT)
    assert malformed.status_code == 422
    assert "Erreur : Le code est fait de 8 lettres" in malformed.text
    other = "BBBBBBBB" if letters != "BBBBBBBB" else "CCCCCCCC"
    unknown = requests.get(f"{url}/connexion", params={"code": other}, timeout=TIMEOUT)
    assert unknown.status_code == 404
    assert "Ce code n'est pas reconnu. Vérifiez-le, ou demandez un nouveau code à la borne." in unknown.text
    assert 'aria-invalid="true"' in unknown.text

    form = {"code": letters, "step": "login", "form_key": "0" * 64, "courriel": citizen.email}
    forged = requests.post(f"{url}/connexion", data={**form, "mot_de_passe": citizen.password}, timeout=TIMEOUT)
    assert forged.status_code == 403
    first = phone_log_in(authorization, citizen.email, citizen.password)
    second = phone_log_in(authorization, citizen.email, citizen.password)  # logged in again: the newer page wins
    stale = decide(authorization, approval_of(first.text), "approve")
    assert stale.status_code == 403
    assert "Formulaire refusé" in stale.text
    assert error_of(poll(url, token, authorization.device_code)) == "authorization_pending"
    assert decide(authorization, approval_of(second.text), "approve").status_code == 200
    assert requests.post(f"{url}/connexion", data="code=x", timeout=TIMEOUT).status_code == 400


def test_calls_without_a_kiosk_or_with_a_bad_body_are_refused(mail_central: MailCentral) -> None:
    url, token = mail_central.server.url, mail_central.token
    assert requests.post(f"{url}/v1/device-authorizations", timeout=TIMEOUT).status_code == 401
    no_kiosk = requests.post(f"{url}/v1/device-tokens", json={"device_code": "x" * 43}, timeout=TIMEOUT)
    assert (no_kiosk.status_code, error_of(no_kiosk)) == (401, "unauthorized")
    for body in ({}, {"device_code": ""}, {"device_code": 12}, {"device_code": "x", "grant_type": "y"}):
        refused = call(url, token, "POST", "/device-tokens", body)
        assert (refused.status_code, error_of(refused)) == (422, "invalid_body")


def test_a_password_reset_after_the_phone_log_in_opens_nothing(mail_central: MailCentral) -> None:
    url, smtp = mail_central.server.url, mail_central.smtp
    _name, token = new_kiosk(mail_central)
    citizen = make_account(url, token, smtp)
    authorization = authorize(url, token)
    approval_page = phone_log_in(authorization, citizen.email, citizen.password)
    assert call(url, token, "POST", "/password-resets", {"email": citizen.email}).status_code == 202
    reset = link_in(wait_mail(smtp, citizen.email, RESET_SUBJECT), url, "/compte/reinitialiser/")
    assert post_password(reset, NEW_PASSWORD).status_code == 200  # the owner takes the account back
    assert decide(authorization, approval_of(approval_page.text), "approve").status_code == 200
    refused = poll(url, token, authorization.device_code)
    assert (refused.status_code, error_of(refused)) == (400, "access_denied")


def test_guessing_codes_on_the_phone_gets_429_per_address_and_per_code(mail_central: MailCentral) -> None:
    url = mail_central.server.url
    _name, token = new_kiosk(mail_central)

    def get(code: str, client: str) -> requests.Response:
        headers = {"X-Forwarded-For": client}
        return requests.get(f"{url}/connexion", params={"code": code}, headers=headers, timeout=TIMEOUT)

    def guess() -> str:
        return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))

    client = "203.0.113.9"
    answers = [get(guess(), client).status_code for _ in range(61)]
    assert answers[:60] == [404] * 60
    assert answers[60] == 429
    form = {"code": guess(), "step": "login", "form_key": "0" * 64, "courriel": "a@b.example", "mot_de_passe": "x"}
    for refused in (
        get(guess(), client),
        requests.post(f"{url}/connexion", data=form, headers={"X-Forwarded-For": client}, timeout=TIMEOUT),
    ):
        assert refused.status_code == 429
        assert refused.headers["Retry-After"] == "60"
        assert "Trop d'essais en peu de temps" in refused.text
        assert refused.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert get(guess(), "203.0.113.10").status_code == 404  # another address goes on
    # One code asked from many addresses (a guesser spreading out), here a live one: limited too.
    letters = authorize(url, token).user_code.replace("-", "")
    answers = [get(letters, f"198.51.100.{i}").status_code for i in range(1, 22)]
    assert answers[:20] == [200] * 20
    assert answers[20] == 429


def test_every_error_of_the_device_token_route_is_listed_in_the_protocol() -> None:
    """``DEVICE_TOKEN_ERRORS`` is what a kiosk's client expects from ``POST /v1/device-tokens``'s 400: every
    ``DeviceTokenRefused`` central raises, and nothing else."""
    tree = ast.parse(Path(device_login.__file__).read_text(encoding="utf-8"))
    raised = {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "DeviceTokenRefused"
        and isinstance(node.args[0], ast.Constant)
    }
    assert raised == set(DEVICE_TOKEN_ERRORS)
