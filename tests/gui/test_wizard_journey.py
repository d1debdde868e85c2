"""A whole visit, with taps and key presses only: find the procedure by search, fill every step, meet the
errors and fix them, go back and forth and find everything intact, attach documents, submit, read the code
off the screen, track the request with it, cancel it."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton

from kiosk.tools.demo_visit import fill_demo_request, go_to
from kiosk.views.pages.confirmation import ConfirmationPage
from kiosk.views.pages.find_request import FindRequestPage
from kiosk.views.pages.follow_up import FollowUpPage
from kiosk.views.pages.home import HomePage
from kiosk.views.pages.procedure import ProcedurePage
from kiosk.views.pages.search import SearchPage
from kiosk.views.pages.wizard.page import WizardPage
from kiosk.views.widgets.documents.editor import AttachmentEditor
from kiosk.views.widgets.documents.picker import DocumentPicker
from tests.gui.driver import Visitor

pytestmark = pytest.mark.gui


def wizard(visitor: Visitor) -> WizardPage:
    page = visitor.page
    assert isinstance(page, WizardPage)
    return page


def step_title(visitor: Visitor) -> str:
    return wizard(visitor).progress.current_text()


def times_seen(visitor: Visitor, text: str) -> int:
    """How many texts on the screen say ``text``."""
    return sum(text in shown for shown in visitor.screen_texts())


def one_way_back(visitor: Visitor) -> None:
    """The wizard shows one back button, "Précédent", as large as "Suivant"; not the header's "Retour" too."""
    page = wizard(visitor)
    assert not visitor.window.header.back_button.isVisible()
    assert page.previous_button.isVisible()
    assert page.previous_button.size() == page.next_button.size()
    assert page.previous_button.font().pixelSize() == page.next_button.font().pixelSize()


def attach(visitor: Visitor, field_id: str, filename: str) -> None:
    editor = wizard(visitor).current_view().editor(field_id)  # type: ignore[union-attr]
    assert isinstance(editor, AttachmentEditor)
    add = next(b for b in editor.findChildren(QPushButton) if b.isVisible() and b.text() == "Ajouter un fichier")
    visitor.tap(add)
    picker = next(p for p in visitor.window.findChildren(DocumentPicker) if p.isVisible())
    visitor.run(picker.tasks.idle())  # the folder listing
    row = next(r for r in picker.findChildren(QPushButton) if r.isVisible() and filename in r.accessibleName())
    visitor.tap(row)
    visitor.run(wizard(visitor).tasks.idle())
    visitor.settle()


def test_a_visitor_applies_for_an_identity_card_tracks_it_and_cancels_it(visitor: Visitor) -> None:
    # Find it by search, with the on-screen keyboard.
    assert isinstance(visitor.page, HomePage)
    visitor.tap(visitor.page.search)
    assert isinstance(visitor.page, SearchPage)
    visitor.type_on_keyboard("carte identite")
    search = visitor.page
    assert search.model.rows()[0].slug == "carte-nationale-identite"
    visitor.tap_row(search.results, 0)
    assert isinstance(visitor.page, ProcedurePage)
    visitor.tap_text("Commencer la démarche")

    # Mon rendez-vous: Suivant waits for a slot; "Voir ce qui manque" says what.
    page = wizard(visitor)
    assert "Mon rendez-vous" in step_title(visitor)
    assert times_seen(visitor, "Mon rendez-vous") == 1  # the step is named once, in the progress
    one_way_back(visitor)
    assert not page.next_button.isEnabled()
    visitor.tap_text("Voir ce qui manque")
    assert visitor.sees("Choisissez un jour puis une heure de rendez-vous.")
    day = next(b for b in visitor.window.findChildren(QPushButton, "day") if b.isVisible())
    visitor.tap(day)
    slot = next(b for b in visitor.window.findChildren(QPushButton, "slot") if b.isVisible() and b.text()[:1].isdigit())
    slot_time = slot.text()
    visitor.tap(slot)
    assert visitor.sees("Rendez-vous choisi")
    assert page.next_button.isEnabled()
    visitor.tap(page.next_button)

    # Mes informations: errors beside the fields, focus on the first, fixed one by one.
    assert "Mes informations" in step_title(visitor)
    assert times_seen(visitor, "Mes informations") == 1
    one_way_back(visitor)
    assert not page.next_button.isEnabled()
    visitor.tap_text("Voir ce qui manque")
    last_name = visitor.widget("last_name")
    assert QApplication.focusWidget() is last_name
    assert visitor.sees("Ce champ est obligatoire.")
    assert visitor.window.keyboard.isVisible()
    visitor.type_on_keyboard("martin")
    visitor.fill("first_name", "Camille")
    visitor.fill("address.line", "4 rue des Tilleuls")
    visitor.fill("address.postcode", "45000")
    visitor.fill("address.city", "Valmont-sur-Loire")
    visitor.fill("email", "camille.martin@")
    visitor.choose("notify_by", "email")
    assert visitor.sees("Courriel incomplet")
    visitor.fill("email", "exemple.fr")
    assert not visitor.sees("Courriel incomplet")
    assert page.next_button.isEnabled(), page.current_view().problems()
    visitor.tap(page.next_button)

    # Ma demande (1/2): conditional fields come and go.
    assert "Ma demande (1/2)" in step_title(visitor)
    assert times_seen(visitor, "Ma demande") == 1
    assert visitor.sees("Votre demande")  # the procedure's own title for this page
    visitor.choose("titulaire", "moi")
    visitor.choose("motif", "perte")
    assert visitor.widget("numero_timbre").isVisible()
    visitor.choose("motif", "renouvellement")
    assert not [w for w in visitor.window.findChildren(QLineEdit, "numero_timbre") if w.isVisible()]
    visitor.fill("numero_predemande", "AB123")
    visitor.tap_text("Voir ce qui manque")
    assert visitor.sees("Au moins 10 caractères.")
    visitor.fill("numero_predemande", "45678")
    visitor.tap(page.next_button)

    # Ma demande (2/2): documents from the allowed folder, through the touch picker.
    assert "Ma demande (2/2)" in step_title(visitor)
    attach(visitor, "justificatif_domicile", "justificatif-de-domicile.pdf")
    attach(visitor, "ancien_titre", "carte-identite-recto.jpg")
    attach(visitor, "ancien_titre", "carte-identite-verso.jpg")
    assert len(page.state.documents["ancien_titre"]) == 2

    # Back and forth: nothing typed is lost.
    visitor.tap(page.previous_button)
    visitor.tap(page.previous_button)
    assert "Mes informations" in step_title(visitor)
    assert visitor.widget("last_name").text() == "martin"
    assert visitor.widget("email").text() == "camille.martin@exemple.fr"
    visitor.tap(page.next_button)
    assert visitor.widget("numero_predemande").text() == "AB12345678"
    visitor.tap(page.next_button)
    visitor.tap(page.next_button)

    # Le récapitulatif, with "Modifier" back to a step and forward again.
    assert "Le récapitulatif" in step_title(visitor)
    assert times_seen(visitor, "Le récapitulatif") == 1
    one_way_back(visitor)
    for text in ("martin", "camille.martin@exemple.fr", "AB12345678", "justificatif-de-domicile.pdf", slot_time):
        assert visitor.sees(text), text
    modify = next(
        b for b in visitor.window.findChildren(QPushButton) if b.accessibleName() == "Modifier : Mes informations"
    )
    visitor.tap(modify)
    assert "Mes informations" in step_title(visitor)
    visitor.fill("first_name", "-Anne")
    for _ in range(3):
        visitor.tap(page.next_button)
    assert visitor.sees("Camille-Anne")

    # Valider: the confirmation only once stored; the code read off the screen.
    visitor.tap_text("Valider")
    confirmation = visitor.page
    assert isinstance(confirmation, ConfirmationPage)
    assert visitor.sees("Votre demande a bien été prise en compte")
    code = confirmation.code_label.text().replace(" ", "")
    assert len(code) == 8
    assert set(code) <= set("BCDFGHJKLMNPQRSTVWXZ")
    assert not visitor.window.header.back_button.isEnabled()  # no way back into the submitted wizard
    # One "Terminer": the confirmation's own, large; the header's is hidden here.
    finish = [b for b in visitor.window.findChildren(QPushButton) if b.isVisible() and b.text() == "Terminer"]
    assert finish == [confirmation.finish_button]
    assert not visitor.window.header.finish_button.isVisible()

    services = visitor.run(visitor.ctx.services())
    stored = visitor.run(services.requests.find(code))
    assert stored is not None
    assert stored.requester.first_name == "Camille-Anne"
    assert stored.answers["motif"] == "renouvellement"
    assert "numero_timbre" not in stored.answers
    assert {(a.field_id, a.position) for a in stored.documents} == {
        ("justificatif_domicile", 1),
        ("ancien_titre", 1),
        ("ancien_titre", 2),
    }
    outbox = visitor.run(services.requests.outbox())
    assert [item.kind for item in outbox] == ["request.submit"]

    # Later, at the same kiosk: Suivre une demande with that code.
    visitor.tap(visitor.window.header.home_button)
    assert visitor.window.header.finish_button.isVisible()
    visitor.tap_text("Suivre une demande")
    assert isinstance(visitor.page, FindRequestPage)
    visitor.tap(visitor.page.field)
    visitor.qtbot.keyClicks(visitor.page.field, code[:4].lower() + "-" + code[4:].lower())
    visitor.tap(visitor.page.search_button)
    tracking = visitor.page
    assert isinstance(tracking, FollowUpPage)
    assert visitor.sees("En attente d'envoi")
    assert visitor.sees("Demande enregistrée sur la borne")

    visitor.tap_text("Annuler ma demande")
    visitor.tap_text("Oui, annuler")
    visitor.run(tracking.tasks.idle())
    visitor.settle()
    assert visitor.sees("Annulée")
    assert visitor.sees("Archivée")
    assert visitor.sees("Demande annulée")
    outbox = visitor.run(services.requests.outbox())
    assert [item.kind for item in outbox] == ["request.submit", "request.cancel"]


def test_a_wrong_code_says_so_and_nothing_more(visitor: Visitor) -> None:
    visitor.tap_text("Suivre une demande")
    page = visitor.page
    assert isinstance(page, FindRequestPage)
    visitor.tap(page.field)
    visitor.qtbot.keyClicks(page.field, "BCDFGHJK")
    visitor.tap(page.search_button)
    assert isinstance(visitor.page, FindRequestPage)
    assert visitor.sees("Aucune demande ne correspond à ce code.")


def test_abandon_asks_first_then_forgets_everything(visitor: Visitor) -> None:
    visitor.tap_text("Nouvelle démarche")
    visitor.tap_text("État civil")
    visitor.tap_text("Demande d'acte de naissance")
    visitor.tap_text("Commencer la démarche")
    visitor.fill("last_name", "Durand")
    visitor.tap_text("Abandonner")
    assert visitor.sees("Abandonner cette démarche ?")
    visitor.tap_text("Non, continuer")
    assert visitor.widget("last_name").text() == "Durand"  # type: ignore[attr-defined]
    visitor.tap_text("Abandonner")
    visitor.tap_text("Oui, abandonner")
    assert isinstance(visitor.page, HomePage)
    assert wizard_state_is_gone(visitor)


def wizard_state_is_gone(visitor: Visitor) -> bool:
    from kiosk.views.navigator import Route

    page = visitor.window.navigator.existing_page(Route.WIZARD)
    return page is None or getattr(page, "state", None) is None


def test_the_summary_follows_every_change_made_after_it_was_prepared(visitor: Visitor) -> None:
    """The summary is built while the visitor fills the last step: what they change afterwards, a value, a
    choice that adds a question, the language, is on it when they reach it."""
    page = visitor.run(fill_demo_request(visitor.window))
    visitor.run(go_to(visitor.window, page, "step:pieces"))
    visitor.tap(page.next_button)
    assert "Le récapitulatif" in step_title(visitor)
    assert visitor.sees("Renouvellement (carte expirée ou expirant dans moins de 6 mois)")
    assert not visitor.sees("Numéro du timbre fiscal électronique")

    modify = next(
        b for b in visitor.window.findChildren(QPushButton) if b.accessibleName() == "Modifier : Votre demande"
    )
    visitor.tap(modify)
    visitor.choose("motif", "perte")
    visitor.fill("numero_timbre", "1234567890123456")
    visitor.tap(page.next_button)
    visitor.tap(page.next_button)
    assert "Le récapitulatif" in step_title(visitor)
    assert visitor.sees("Numéro du timbre fiscal électronique")
    assert visitor.sees("1234567890123456")
    assert not visitor.sees("Renouvellement (carte expirée ou expirant dans moins de 6 mois)")

    visitor.tap(visitor.window.header.language_button)
    assert visitor.sees("Check your details. Touch “Change” to correct a section.")
    assert visitor.sees("Electronic tax stamp number")
    assert not visitor.sees("Numéro du timbre fiscal électronique")


def test_french_says_courriel_and_english_e_mail(visitor: Visitor) -> None:
    """One word, the user guide's: "courriel" in every French text of the kiosk (labels and messages alike), and
    "e-mail" in English."""
    import re

    from kiosk.paths import resources_dir

    ts = (resources_dir() / "translations" / "kiosk_en.ts").read_text(encoding="utf-8")
    pairs = re.findall(
        r"<source>(.*?)</source>\s*(?:<comment>.*?</comment>\s*)?<translation[^>]*>(.*?)</translation>", ts
    )
    form = (resources_dir() / "forms" / "requester.toml").read_text(encoding="utf-8")
    pairs += re.findall(r'fr = "([^"]*)", en = "([^"]*)"', form)
    assert any("courriel" in fr.lower() for fr, _ in pairs)
    for fr, en in pairs:
        if "arobase" in fr:  # the keyboard's "@gmail.com" key: a domain, not the word
            continue
        assert not re.search(r"e-?mail", fr, re.IGNORECASE), fr
        assert not re.search(r"\bemail", en, re.IGNORECASE), en

    visitor.tap_text("Nouvelle démarche")
    visitor.tap_text("État civil")
    visitor.tap_text("Demande d'acte de naissance")
    visitor.tap_text("Commencer la démarche")
    visitor.choose("notify_by", "email")
    visitor.tap_text("Voir ce qui manque")
    assert visitor.sees("Indiquez votre courriel : vous avez choisi d'être informé(e) par courriel.")
    assert visitor.sees("Courriel")
    assert not [t for t in visitor.screen_texts() if re.search(r"e-?mail", t, re.IGNORECASE)]
