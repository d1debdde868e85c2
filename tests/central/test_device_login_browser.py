"""The log-in from the phone with a real browser as the phone (Debian's chromium driven by Playwright) while the
test polls as the kiosk would: the QR code's address opens the log-in form, a wrong password is said next to its
field (focused, described), the right one leads to « Connecter la borne « … » ? », Autoriser, and the kiosk's poll
gets the access token. Then a code typed by hand and Refuser: the kiosk's poll gets access_denied. The browser
reports no error but the 4xx statuses the refused forms are answered with."""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import Future

import requests

from sync.protocol import ErrorBody, LoginAnswer
from tests.central.accounts_flow import active_account, call
from tests.central.browser import chromium_page, described_by, focused, needs_chromium
from tests.central.conftest import MailCentral, add_kiosk
from tests.central.device_flow import authorize, poll

pytestmark = needs_chromium


def kiosk_polling(
    url: str, token: str, device_code: str, interval: int, stop: threading.Event
) -> Future[requests.Response]:
    """The kiosk's loop (RFC 8628 §3.5): poll every ``interval`` seconds, 5 more after a slow_down, until an answer
    other than pending; the future holds that answer."""
    answer: Future[requests.Response] = Future()

    def run() -> None:
        nonlocal interval
        try:
            while not stop.is_set():
                polled = poll(url, token, device_code)
                error = ErrorBody.model_validate_json(polled.content).error if polled.status_code == 400 else None
                if error == "slow_down":
                    interval += 5
                elif error != "authorization_pending":
                    answer.set_result(polled)
                    return
                stop.wait(interval)
        except BaseException as exc:  # the test sees it through the future
            answer.set_exception(exc)

    threading.Thread(target=run, daemon=True).start()
    return answer


def test_the_phone_logs_the_kiosk_in_or_refuses_in_chromium(sqlite_only: None, mail_central: MailCentral) -> None:
    url, smtp = mail_central.server.url, mail_central.smtp
    name = f"borne-{uuid.uuid4().hex[:8]}"
    token = add_kiosk(mail_central.server.env, name)
    citizen = active_account(url, token, smtp)
    errors: list[str] = []
    stop = threading.Event()
    # A phone-sized screen, as the QR code is scanned with one.
    with chromium_page(errors, viewport={"width": 390, "height": 844}, is_mobile=True) as page:
        try:
            authorization = authorize(url, token)
            polling = kiosk_polling(url, token, authorization.device_code, authorization.interval, stop)
            response = page.goto(authorization.verification_uri_complete)
            assert response is not None
            assert response.status == 200
            assert page.get_attribute("html", "lang") == "fr"
            assert page.locator("h1").inner_text() == f"Connecter la borne « {name} »"
            assert authorization.user_code in page.locator("main").inner_text()

            page.get_by_label("Adresse électronique").fill(citizen.email)
            page.get_by_label("Mot de passe").fill(citizen.password + "?")
            with page.expect_navigation():
                page.get_by_role("button", name="Se connecter").click()
            assert page.title().startswith("Erreur : ")
            assert focused(page) == "input#mot_de_passe"
            assert page.get_attribute("#mot_de_passe", "aria-invalid") == "true"
            assert "Adresse électronique ou mot de passe incorrect." in described_by(page, "mot_de_passe")
            assert page.input_value("#courriel") == citizen.email  # kept; the password is not sent back
            assert page.input_value("#mot_de_passe") == ""

            page.get_by_label("Mot de passe").fill(citizen.password)
            with page.expect_navigation():
                page.keyboard.press("Enter")
            assert page.locator("h1").inner_text() == f"Connecter la borne « {name} » ?"
            assert not polling.done()  # logged in on the phone, not yet approved
            with page.expect_navigation():
                page.get_by_role("button", name="Autoriser").click()
            assert page.locator("h1").inner_text() == "La borne est connectée"
            assert "Vous pouvez revenir à la borne" in page.locator("main").inner_text()
            assert page.context.cookies() == []

            given = polling.result(timeout=60)
            assert given.status_code == 201, given.text
            access = LoginAnswer.model_validate_json(given.content)
            assert access.profile.email == citizen.email
            assert call(url, token, "GET", "/sessions/current", citizen=access.access_token).status_code == 200

            # Another code, typed by hand in lower case, and refused.
            refused_code = authorize(url, token)
            polling = kiosk_polling(url, token, refused_code.device_code, refused_code.interval, stop)
            assert page.goto(refused_code.verification_uri) is not None
            page.get_by_label("Code affiché à la borne").fill(refused_code.user_code.lower())
            with page.expect_navigation():
                page.get_by_role("button", name="Continuer").click()
            page.get_by_label("Adresse électronique").fill(citizen.email)
            page.get_by_label("Mot de passe").fill(citizen.password)
            with page.expect_navigation():
                page.get_by_role("button", name="Se connecter").click()
            with page.expect_navigation():
                page.get_by_role("button", name="Refuser").click()
            assert page.locator("h1").inner_text() == "Connexion refusée"
            denied = polling.result(timeout=60)
            assert (denied.status_code, denied.json()["error"]) == (400, "access_denied")
        finally:
            stop.set()
    assert [e for e in errors if not e.endswith("status of 401 (Unauthorized)")] == []
