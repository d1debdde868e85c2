"""A visitor finds a procedure by tiles and by search, switches language and contrast, asks for help."""

from __future__ import annotations

import asyncio
import logging
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from kiosk.config import demo_settings
from kiosk.paths import resources_dir
from kiosk.views.navigator import Route
from kiosk.views.pages.catalogue_pages import DomainsPage, ProceduresPage
from kiosk.views.pages.home import HomePage
from kiosk.views.pages.procedure import ProcedurePage
from kiosk.views.pages.search import SearchPage
from kiosk.views.pages.wizard.page import WizardPage
from kiosk.views.theme import contrast_ratio
from kiosk.views.widgets.overlay import Overlay
from kiosk.views.widgets.tile import Tile
from sync.catalogue_files import catalogue_files, load_catalogue
from tests.gui.conftest import open_kiosk
from tests.gui.driver import Visitor

pytestmark = pytest.mark.gui

HOME_TILES = [
    "Nouvelle démarche",
    "Suivre une demande",
    "Actualités",
    "Activités",
    "Infos pratiques",
    "Votre avis nous intéresse",
    "Mon espace",
]
DEMO = load_catalogue(catalogue_files(resources_dir() / "catalogue"))


def test_home_shows_the_portal_tiles(visitor: Visitor) -> None:
    assert isinstance(visitor.page, HomePage)
    assert visitor.sees("Bonjour, que souhaitez-vous faire ?")
    assert visitor.sees("Ville de Valmont-sur-Loire")
    assert visitor.sees("Hors ligne")
    for title in HOME_TILES:
        assert isinstance(visitor.find(title), Tile)
    assert not visitor.window.header.back_button.isEnabled()


def test_services_still_to_come_are_marked_on_their_tiles(visitor: Visitor) -> None:
    tiles = {title: visitor.find(title) for title in HOME_TILES}
    for title, tile in tiles.items():
        assert isinstance(tile, Tile)
        marks = [w for w in tile.findChildren(QLabel, "soonBadge") if w.isVisible()]
        if title in HOME_TILES[2:-1]:  # "Mon espace" opens the personal space
            assert [m.text() for m in marks] == ["Bientôt disponible"], title
            assert "Bientôt disponible" in tile.accessibleName()
        else:
            assert marks == [], title
    # Readable in both themes, as painted: the mark's text against its own background.
    news = tiles["Actualités"]
    for high_contrast in (False, True):
        visitor.window.ctx.set_high_contrast(high_contrast)
        visitor.settle()
        mark = news.findChildren(QLabel, "soonBadge")[0]
        assert painted_contrast(mark) >= 4.5
    visitor.tap(visitor.window.header.language_button)
    english = [w.text() for t in visitor.page.findChildren(Tile) for w in t.findChildren(QLabel, "soonBadge")]
    assert sorted(m for m in english if m) == ["Coming soon"] * 4
    # Still a tile to tap: its page says so and points to the counter.
    visitor.tap_text("News")
    assert visitor.sees("News: coming soon")


def painted_contrast(label: QLabel) -> float:
    """The contrast of the text of ``label`` as drawn: its most common colour (the background) against the
    colour that stands out most from it among those drawn more than a few times (the letters)."""
    image = label.grab().toImage()
    counts: dict[str, int] = {}
    inset = 6  # inside the rounded border
    for y in range(inset, image.height() - inset):
        for x in range(inset, image.width() - inset):
            name = QColor(image.pixel(x, y)).name()
            counts[name] = counts.get(name, 0) + 1
    background = max(counts, key=lambda c: counts[c])
    return max(contrast_ratio(c, background) for c, n in counts.items() if n >= 8)


def test_tiles_lead_from_home_to_a_procedure_and_back(visitor: Visitor) -> None:
    visitor.tap_text("Nouvelle démarche")
    assert isinstance(visitor.page, DomainsPage)
    assert visitor.sees("Choisissez le domaine de votre demande.")
    civil = [p for p in DEMO.procedures if p.domain == "etat-civil"]
    assert visitor.sees(f"{len(civil)} démarches")

    visitor.tap_text("État civil")
    assert isinstance(visitor.page, ProceduresPage)
    shown = {t.title_text() for t in visitor.page.grid.tiles() if t.isVisible()}
    assert shown == {p.title.fr for p in civil}

    visitor.tap_text("Demande d'acte de naissance")
    page = visitor.page
    assert isinstance(page, ProcedurePage)
    assert visitor.sees("Demande d'acte de naissance")
    assert visitor.sees("Documents à préparer")
    assert visitor.sees("Temps de saisie : environ")
    assert page.start_button.isEnabled()

    started: list[str] = []
    visitor.window.start_requested.connect(started.append)
    visitor.tap_text("Commencer la démarche")
    assert started == ["acte-de-naissance"]
    assert isinstance(visitor.page, WizardPage)
    assert visitor.sees("Mes informations")

    wizard = visitor.page
    assert isinstance(wizard, WizardPage)
    assert not visitor.window.header.back_button.isVisible()  # one back button in the wizard: "Précédent"
    visitor.tap(wizard.previous_button)
    assert isinstance(visitor.page, ProcedurePage)
    visitor.tap(visitor.window.header.back_button)
    assert isinstance(visitor.page, ProceduresPage)
    visitor.tap(visitor.window.header.home_button)
    assert isinstance(visitor.page, HomePage)
    assert not visitor.window.header.back_button.isEnabled()


def test_another_domain_never_shows_the_previous_one_nor_a_false_empty_message(visitor: Visitor) -> None:
    visitor.tap_text("Nouvelle démarche")
    visitor.tap_text("État civil")
    visitor.tap(visitor.window.header.back_button)
    visitor.qtbot.mouseClick(visitor.find("Élections"), Qt.MouseButton.LeftButton)  # and look at once
    page = visitor.page
    assert isinstance(page, ProceduresPage)
    assert not [t for t in page.grid.tiles() if t.isVisible()]  # not État civil's tiles
    assert not visitor.sees("Ce domaine ne propose aucune démarche pour le moment.")  # it is loading
    visitor.settle()
    elections = {p.title.fr for p in DEMO.procedures if p.domain == "elections"}
    assert {t.title_text() for t in page.grid.tiles() if t.isVisible()} == elections
    assert not visitor.sees("Ce domaine ne propose aucune démarche pour le moment.")


def test_procedures_needing_a_personal_space_carry_a_padlock(visitor: Visitor) -> None:
    visitor.tap_text("Nouvelle démarche")
    visitor.tap_text("Éducation & petite enfance")
    page = visitor.page
    assert isinstance(page, ProceduresPage)
    tiles = {t.title_text(): t for t in page.grid.tiles()}
    for procedure in (p for p in DEMO.procedures if p.domain == "education-petite-enfance"):
        tile = tiles[procedure.title.fr]
        locked = procedure.access == "personal_space"
        assert tile.locked is locked
        assert ("Espace personnel" in tile.accessibleName()) is locked
    assert any(t.locked for t in tiles.values())

    # Not logged in: the padlock's line and the button say a personal space is needed, and the overlay offers the
    # log-in at once (the journey through it: tests/gui/test_padlock_journey.py).
    visitor.tap_text("Demande de place en crèche")
    page = visitor.page
    assert isinstance(page, ProcedurePage)
    assert visitor.sees("connectez-vous à votre espace personnel, ou créez-le, pour faire cette démarche.")
    for never in ("pas encore disponibles", "Commencer la démarche"):
        assert not visitor.sees(never), never
    visitor.tap_text("Me connecter pour commencer")
    assert isinstance(visitor.page, ProcedurePage)  # no wizard for it
    assert visitor.sees("Cette démarche nécessite un espace personnel")
    assert visitor.sees("Créer mon espace")
    assert visitor.sees("Me connecter")
    visitor.tap_text("Fermer")
    assert isinstance(visitor.page, ProcedurePage)


def test_procedure_page_tells_quota_and_appointment(visitor: Visitor) -> None:
    periods = {"day": "jour", "week": "semaine", "month": "mois", "year": "an"}
    limited = next(p for p in DEMO.procedures if p.quota and p.quota.count > 1)
    assert limited.quota is not None
    visitor.window.navigator.go(Route.PROCEDURE, limited.slug)
    visitor.settle()
    count, period = limited.quota.count, periods[limited.quota.period]
    assert visitor.sees(f"Au plus {count} demandes par {period} et par personne")

    appointment = next(p for p in DEMO.procedures if p.appointment == "required" and p.quota is None)
    visitor.window.navigator.go(Route.PROCEDURE, appointment.slug)
    visitor.settle()
    assert visitor.sees("Un rendez-vous en mairie est obligatoire")
    assert not visitor.sees("Au plus ")  # no quota shown where there is none


def test_search_with_the_on_screen_keyboard(visitor: Visitor) -> None:
    home = visitor.page
    assert isinstance(home, HomePage)
    visitor.tap(home.search)  # "Votre recherche"
    page = visitor.page
    assert isinstance(page, SearchPage)
    assert QApplication.focusWidget() is page.field
    assert visitor.window.keyboard.isVisible()

    visitor.type_on_keyboard("creche")
    assert page.field.text() == "creche"
    titles = [row.title.fr for row in page.model.rows()]
    assert titles[0] == "Demande de place en crèche"
    assert visitor.sees(f"{len(titles)} démarches trouvées" if len(titles) > 1 else "1 démarche trouvée")

    visitor.tap_text("Voir les résultats")
    assert not visitor.window.keyboard.isVisible()
    visitor.tap_row(page.results, 0)
    assert isinstance(visitor.page, ProcedurePage)
    assert visitor.sees("Demande de place en crèche")


def test_search_ignores_accents_and_case_and_ranks_titles_first(visitor: Visitor) -> None:
    visitor.window.navigator.go(Route.SEARCH)
    page = visitor.page
    assert isinstance(page, SearchPage)
    visitor.qtbot.keyClicks(page.field, "ETAT CIVIL")  # a hardware keyboard works as well
    visitor.settle()
    slugs = [row.slug for row in page.model.rows()]
    civil = {p.slug for p in DEMO.procedures if p.domain == "etat-civil"}
    assert civil <= set(slugs)

    page.field.setText("")
    visitor.qtbot.keyClicks(page.field, "naissance")
    first = page.model.rows()[0]
    assert first.slug == "acte-de-naissance"


def test_search_that_finds_nothing_says_so_and_offers_the_domains(visitor: Visitor) -> None:
    visitor.window.navigator.go(Route.SEARCH)
    page = visitor.page
    assert isinstance(page, SearchPage)
    visitor.type_on_keyboard("zzqx")
    assert page.model.rowCount() == 0
    assert visitor.sees("Aucune démarche ne correspond à « zzqx »")
    visitor.tap_text("Parcourir les domaines")
    assert isinstance(visitor.page, DomainsPage)


def test_language_switch_is_live_and_reaches_catalogue_texts(visitor: Visitor) -> None:
    visitor.tap_text("Nouvelle démarche")
    visitor.tap_text("English")
    assert visitor.sees("New request")
    assert visitor.sees("Choose the area of your request.")
    assert isinstance(visitor.find("Civil status"), Tile)
    assert visitor.sees("Offline")
    visitor.tap_text("Civil status")
    assert isinstance(visitor.find("Birth certificate request"), Tile)
    visitor.tap_text("Français")
    assert isinstance(visitor.find("Demande d'acte de naissance"), Tile)
    assert visitor.sees("Touchez la démarche à effectuer.")


def test_high_contrast_switch_restyles_everything(visitor: Visitor) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert "#FFFF00" not in app.styleSheet()
    visitor.tap_text("Contraste")
    assert visitor.ctx.theme.high_contrast
    assert "#FFFF00" in app.styleSheet()
    assert visitor.window.header.contrast_button.isChecked()
    visitor.tap_text("Contraste")
    assert not visitor.ctx.theme.high_contrast


@pytest.mark.parametrize("title", HOME_TILES[2:-1])
def test_services_still_to_come_say_so_plainly(visitor: Visitor, title: str) -> None:
    visitor.tap_text(title)
    assert visitor.sees(f"{title} : bientôt disponible")
    assert visitor.sees("un agent d'accueil peut vous aider")
    visitor.tap_text("Retour à l'accueil")
    assert isinstance(visitor.page, HomePage)


def test_help_is_an_overlay_that_closes(visitor: Visitor) -> None:
    visitor.tap_text("Nouvelle démarche")
    visitor.tap_text("Aide")
    overlays = [o for o in visitor.window.findChildren(Overlay) if o.isVisible()]
    assert len(overlays) == 1
    assert visitor.sees("Touchez une dalle pour ouvrir un service.")
    visitor.tap_text("J'ai compris")
    assert not [o for o in visitor.window.findChildren(Overlay) if o.isVisible()]
    assert isinstance(visitor.page, DomainsPage)


def test_a_broken_catalogue_file_leaves_the_others_available(
    qtbot: QtBot, event_loop_qt: asyncio.AbstractEventLoop, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    catalogue = tmp_path / "catalogue"
    shutil.copytree(resources_dir() / "catalogue", catalogue)
    broken = catalogue / "procedures" / "acte-de-naissance.toml"
    broken.write_text(broken.read_text(encoding="utf-8").replace('type = "date"', 'type = "datetime"', 1))
    settings = demo_settings(data_dir=tmp_path / "data", fullscreen=False, catalogue_dir=catalogue)
    with caplog.at_level(logging.ERROR, logger="kiosk"), open_kiosk(qtbot, event_loop_qt, settings) as visitor:
        assert any("acte-de-naissance.toml" in r.getMessage() and "type" in r.getMessage() for r in caplog.records)
        visitor.tap_text("Nouvelle démarche")
        visitor.tap_text("État civil")
        page = visitor.page
        assert isinstance(page, ProceduresPage)
        titles = {t.title_text() for t in page.grid.tiles()}
        assert "Demande d'acte de naissance" not in titles
        assert "Demande d'acte de mariage" in titles
