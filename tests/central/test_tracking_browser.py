"""The follow-up page in a real browser (Debian's chromium driven by Playwright): the link of the acknowledgement
mail a real SMTP server received opens the request's page; a code typed in the form finds another; the keyboard
reaches the field and the button; the browser reports no error (a CSP violation of the page's own style would
be one)."""

from __future__ import annotations

import re

from tests.central.browser import chromium_page, focused, needs_chromium
from tests.central.conftest import MailCentral
from tests.central.test_mail import new_code, plain_submit, pushed

pytestmark = needs_chromium


def test_the_mailed_link_and_the_form_in_chromium(sqlite_only: None, mail_central: MailCentral) -> None:
    server, smtp = mail_central.server, mail_central.smtp
    code, other_code = new_code(), new_code()
    number = pushed(server.url, mail_central.token, plain_submit(code))
    other = pushed(server.url, mail_central.token, plain_submit(other_code, email=""))
    text = smtp.wait_for(number).get_body(preferencelist=("plain",))
    assert text is not None
    (link,) = re.findall(r"http://\S+/suivi/[A-Z]{8}", text.get_content())

    errors: list[str] = []
    with chromium_page(errors) as page:
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
    assert errors == []
