"""The follow-up page in a real browser (Debian's chromium driven by Playwright): the link of the acknowledgement
mail a real SMTP server received opens the request's page; a code typed in the form finds another; the keyboard
reaches the field and the button; the browser reports no error (a CSP violation of the page's own style would
be one)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.central.conftest import MailCentral
from tests.central.test_mail import new_code, plain_submit, pushed

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (make system-deps installs it)"
)


def focused(page: Any) -> str:
    description: str = page.evaluate(
        "() => { const e = document.activeElement; return e ? e.tagName.toLowerCase() + '#' + (e.id || '') : ''; }"
    )
    return description


def test_the_mailed_link_and_the_form_in_chromium(sqlite_only: None, mail_central: MailCentral) -> None:
    from playwright.sync_api import sync_playwright

    server, smtp = mail_central.server, mail_central.smtp
    code, other_code = new_code(), new_code()
    number = pushed(server.url, mail_central.token, plain_submit(code))
    other = pushed(server.url, mail_central.token, plain_submit(other_code, email=""))
    text = smtp.wait_for(number).get_body(preferencelist=("plain",))
    assert text is not None
    (link,) = re.findall(r"http://\S+/suivi/[A-Z]{8}", text.get_content())

    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        try:
            page = browser.new_page(locale="fr-FR")
            page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
            page.on("pageerror", lambda error: errors.append(str(error)))
            response = page.goto(link)
            assert response is not None
            assert response.status == 200
            assert page.get_attribute("html", "lang") == "fr"
            assert page.locator("h1").count() == 1
            assert page.locator("h1").inner_text() == "Suivi de la demande"
            assert page.locator("dd", has_text=number).count() == 1
            assert page.locator("dd", has_text="Reçue par la mairie").count() == 1

            # The keyboard alone reaches the field, then the button.
            for _ in range(10):
                page.keyboard.press("Tab")
                if focused(page) == "input#code":
                    break
            assert focused(page) == "input#code"
            page.keyboard.press("Tab")
            assert focused(page) == "button#"
            page.keyboard.press("Shift+Tab")
            page.keyboard.type(other_code.lower())
            with page.expect_navigation():
                page.keyboard.press("Enter")
            assert page.locator("dd", has_text=other).count() == 1
            assert page.locator("h1").count() == 1
        finally:
            browser.close()
    assert errors == []
