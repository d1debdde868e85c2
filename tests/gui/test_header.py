"""The header as a visitor reads it: in portrait each button names itself under its icon and the town's name is
whole; a page with its own way back shows one back button, not two."""

from __future__ import annotations

import pytest

from kiosk.tools.shots import SIZES
from kiosk.views.header import Header
from kiosk.views.pages.catalogue_pages import DomainsPage
from tests.gui.driver import Visitor

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("contrast", [False, True])
def test_in_portrait_the_buttons_name_themselves_and_the_town_is_whole(
    visitor: Visitor, language: str, contrast: bool
) -> None:
    visitor.window.resize(*SIZES["portrait"])
    visitor.ctx.set_high_contrast(contrast)
    visitor.ctx.translations.set_language(language)
    visitor.tap_text("Nouvelle démarche" if language == "fr" else "New request")  # every button enabled
    header = visitor.window.header
    assert header.width() < Header.COMPACT_BELOW
    assert header.compact
    for button in header.buttons:
        assert button.stacked
        assert button.isVisible()
        assert button.text()  # drawn under the icon; a bare ✕ would read as "close the program"
        assert button.width() >= 48
        assert button.height() >= 48
        assert button.width() >= button.sizeHint().width(), f"{button.text()!r} cut"
    assert visitor.find("Terminer" if language == "fr" else "Finish") is header.finish_button
    town = header.town
    assert town.text() == visitor.settings.town_name
    assert town.heightForWidth(town.width()) <= town.height(), "the town's name is cut"
    # The connection says itself in words under its icon: an icon alone means "offline" to few visitors.
    connection, icon = header.connection, header.connection_icon
    assert connection.isVisible()
    assert connection.text() == ("Hors ligne" if language == "fr" else "Offline")
    assert connection.width() >= connection.sizeHint().width(), "the connection's name is cut"
    assert connection.mapTo(header, connection.rect().topLeft()).y() >= icon.mapTo(header, icon.rect().bottomLeft()).y()
    assert visitor.window.width() == SIZES["portrait"][0]


def test_in_landscape_the_buttons_show_their_names_beside_their_icons(visitor: Visitor) -> None:
    header = visitor.window.header
    assert not header.compact
    assert not any(button.stacked for button in header.buttons)
    assert header.town.heightForWidth(header.town.width()) <= header.town.height()
    assert header.connection.isVisible()  # "Hors ligne" in words where there is room


def test_a_page_with_its_own_back_button_hides_the_header_one(
    visitor: Visitor, monkeypatch: pytest.MonkeyPatch
) -> None:
    back = visitor.window.header.back_button
    monkeypatch.setattr(DomainsPage, "has_own_back_button", lambda self: True)
    visitor.tap_text("Nouvelle démarche")
    assert isinstance(visitor.page, DomainsPage)
    assert not back.isVisible()
    visitor.tap_text("État civil")
    assert back.isVisible()
    assert back.isEnabled()
    visitor.tap(back)
    assert isinstance(visitor.page, DomainsPage)
    assert not back.isVisible()


def test_no_focus_ring_is_left_on_the_header_by_taps_or_by_a_new_screen(visitor: Visitor) -> None:
    """A ring on "Contraste" reads as "selected". A tap does not focus a header button, and the focus of a button
    tapped on the old screen does not fall to the header on the new one; Tab still reaches them."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    header = visitor.window.header
    for text in ("Nouvelle démarche", "État civil", "Contraste", "Retour", "English", "Home"):
        visitor.tap_text(text)
        visitor.settle()
        focused = QApplication.focusWidget()
        assert focused is None or not header.isAncestorOf(focused), f"after {text!r}: {focused!r}"
    assert all(button.focusPolicy() & Qt.FocusPolicy.TabFocus for button in header.buttons)
