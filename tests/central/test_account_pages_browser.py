"""The account pages in a real browser (Debian's chromium driven by Playwright), opened from the links a real SMTP
server received: the password form refuses a weak password with the French reason next to the field and the
focus on it, then the consent page, then the end; the reset page the same with two passwords that differ. The
browser reports no error (a CSP violation of the pages' own style would be one)."""

from __future__ import annotations

from tests.central.accounts_flow import (
    FINALISE_SUBJECT,
    NEW_PASSWORD,
    PASSWORD,
    RESET_SUBJECT,
    active_account,
    call,
    create,
    link_in,
    log_in,
    new_email,
    wait_mail,
)
from tests.central.browser import chromium_page, described_by, focused, needs_chromium
from tests.central.conftest import MailCentral

pytestmark = needs_chromium


def test_finalise_then_reset_in_chromium(sqlite_only: None, mail_central: MailCentral) -> None:
    url, token, smtp = mail_central.server.url, mail_central.token, mail_central.smtp
    email = new_email()
    assert create(url, token, email).status_code == 202
    finalise = link_in(wait_mail(smtp, email, FINALISE_SUBJECT), url, "/compte/finaliser/")
    other = active_account(url, token, smtp)
    assert call(url, token, "POST", "/password-resets", {"email": other.email}).status_code == 202
    reset = link_in(wait_mail(smtp, other.email, RESET_SUBJECT), url, "/compte/reinitialiser/")

    errors: list[str] = []
    with chromium_page(errors) as page:
        response = page.goto(finalise)
        assert response is not None
        assert response.status == 200
        assert page.get_attribute("html", "lang") == "fr"
        assert page.locator("h1").inner_text() == "Finaliser l'inscription"
        assert "Au moins 12 caractères" in described_by(page, "mot_de_passe")
        page.get_by_label("Mot de passe", exact=True).fill("valmont2026")
        page.get_by_label("Confirmez le mot de passe").fill("valmont2026")
        with page.expect_navigation():
            page.get_by_role("button", name="Continuer").click()
        assert page.title().startswith("Erreur : ")
        assert focused(page) == "input#mot_de_passe"  # the first field in error
        assert page.get_attribute("#mot_de_passe", "aria-invalid") == "true"
        reason = "Erreur : Le mot de passe est trop court : 11 caractères, il en faut au moins 12."
        assert page.locator("#mot_de_passe-erreur").inner_text() == reason
        assert reason in described_by(page, "mot_de_passe")
        assert page.input_value("#mot_de_passe") == ""  # a refused password is not sent back

        page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
        page.get_by_label("Confirmez le mot de passe").fill(PASSWORD)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.locator("h1").inner_text() == "Partager vos données avec l'Espace Citoyens"
        assert page.locator("li", has_text="votre adresse postale").count() == 1
        with page.expect_navigation():
            page.get_by_role("button", name="Partager").click()
        assert page.locator("h1").inner_text() == "Votre espace personnel est prêt"
        assert "vous connecter à la borne" in page.locator("main").inner_text()
        assert log_in(url, token, email, PASSWORD).status_code == 201

        assert page.goto(reset) is not None
        assert page.locator("h1").inner_text() == "Choisir un nouveau mot de passe"
        page.get_by_label("Mot de passe", exact=True).fill(NEW_PASSWORD)
        page.get_by_label("Confirmez le mot de passe").fill(NEW_PASSWORD + " encore")
        with page.expect_navigation():
            page.get_by_role("button", name="Enregistrer le mot de passe").click()
        assert focused(page) == "input#confirmation"
        assert "Les deux mots de passe ne sont pas identiques." in described_by(page, "confirmation")
        page.get_by_label("Mot de passe", exact=True).fill(NEW_PASSWORD)
        page.get_by_label("Confirmez le mot de passe").fill(NEW_PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name="Enregistrer le mot de passe").click()
        assert page.locator("h1").inner_text() == "Votre mot de passe est changé"
        assert log_in(url, token, other.email, NEW_PASSWORD).status_code == 201

        again = page.goto(reset)
        assert again is not None
        assert again.status == 410
        assert page.locator("h1").inner_text() == "Lien déjà utilisé"
    # chromium logs a page answered 4xx (the refused form: 422; the spent link: 410) as a console error; nothing
    # else may be one.
    expected = ("status of 422 (Unprocessable Entity)", "status of 410 (Gone)")
    assert [e for e in errors if not e.endswith(expected)] == []
