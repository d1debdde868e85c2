"""A long title never runs off the screen: tiles cut it with "…", pages wrap it, even when it is one long word.

The schema caps a title at 200 characters; the views must hold whatever they are given all the same (a tile is
also fed 5,000 characters here, past the schema, as data from elsewhere could one day be).
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk.config import demo_settings
from kiosk.paths import resources_dir
from kiosk.views.navigator import Route
from kiosk.views.widgets.tile import Tile
from kiosk.views.widgets.wrapped_label import WrappedLabel
from sync.catalogue import MAX_TITLE_LENGTH
from tests.gui.conftest import open_kiosk
from tests.gui.driver import Visitor

pytestmark = pytest.mark.gui

# One word of 200 characters (nothing to wrap at), and a title of many words.
ONE_WORD = ("Démarche" * 25)[:MAX_TITLE_LENGTH]
MANY_WORDS = ("Demande d'acte de naissance " * 8).strip()[:MAX_TITLE_LENGTH].strip()
SLUGS = {"acte-de-naissance": ONE_WORD, "acte-de-deces": MANY_WORDS}


@pytest.fixture
def visitor(qtbot: QtBot, event_loop_qt: asyncio.AbstractEventLoop, tmp_path: Path) -> Iterator[Visitor]:
    catalogue = tmp_path / "catalogue"
    shutil.copytree(resources_dir() / "catalogue", catalogue)
    for slug, title in SLUGS.items():
        path = catalogue / "procedures" / f"{slug}.toml"
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        index = next(i for i, line in enumerate(lines) if line.startswith("title = "))
        lines[index] = f'title = {{ fr = "{title}", en = "{title}" }}\n'
        path.write_text("".join(lines), encoding="utf-8")
    settings = demo_settings(data_dir=tmp_path / "data", fullscreen=False, catalogue_dir=catalogue)
    with open_kiosk(qtbot, event_loop_qt, settings) as person:
        yield person


def past_the_right_edge(root: QWidget) -> list[str]:
    """Visible widgets that reach past the right edge of ``root`` (the window): text running off the page."""
    out = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or widget.width() == 0:
            continue
        right = widget.mapTo(root, widget.rect().topRight()).x()
        if right > root.width():
            text = widget.text()[:30] if isinstance(widget, QLabel) else ""
            out.append(f"{type(widget).__name__} {widget.objectName()!r} {text!r} reaches x={right}")
    return out


def drawn(label: QLabel) -> list[str]:
    """The lines a title label draws now, each within the label's width."""
    assert isinstance(label, WrappedLabel), type(label)
    lines = label.shown_lines()
    metrics = label.fontMetrics()
    assert all(metrics.horizontalAdvance(line) <= label.contentsRect().width() for line in lines), lines
    return lines


def whole_or_elided(label: QLabel, title: str) -> bool:
    """The title is drawn whole on as many lines as it needs, or cut with "…"."""
    lines = drawn(label)
    return "".join(lines).replace(" ", "") == title.replace(" ", "") or lines[-1].endswith("…")


def test_a_tile_cuts_a_5000_character_title_with_an_ellipsis(visitor: Visitor) -> None:
    theme = visitor.ctx.theme
    tile = Tile(theme, "folder")
    tile.set_texts("Titre " * 833 + "fin", "Sous-titre")
    tile.show()
    visitor.settle()
    assert tile.width() <= theme.size("tile_width") + 8
    assert tile.height() <= theme.size("tile_height") + 8
    title = tile.findChild(QLabel, "tileTitle")
    assert title is not None
    assert title.geometry().bottom() <= tile.contentsRect().bottom()
    lines = drawn(title)
    assert 1 <= len(lines) <= 3
    assert lines[-1].endswith("…")
    assert tile.accessibleName().startswith("Titre Titre")  # a screen reader still gets it whole
    assert tile.title_text() == "Titre " * 833 + "fin"
    tile.deleteLater()


@pytest.mark.parametrize("slug", list(SLUGS))
def test_a_long_title_stays_inside_the_window_on_every_screen(visitor: Visitor, slug: str) -> None:
    window = visitor.window
    title = SLUGS[slug]

    window.navigator.go(Route.PROCEDURES, "etat-civil")
    visitor.settle()
    tiles = visitor.page.grid.tiles()  # type: ignore[attr-defined]
    assert len({(t.width(), t.height()) for t in tiles}) == 1  # the long title did not stretch its tile
    assert past_the_right_edge(window) == []
    (tile,) = [t for t in tiles if t.title_text() == title]
    tile_title = tile.findChild(QLabel, "tileTitle")
    assert tile_title is not None
    assert tile_title.width() <= tile.width()
    assert drawn(tile_title)[-1].endswith("…")  # 200 characters never fit three lines of a tile

    window.navigator.go(Route.PROCEDURE, slug)
    visitor.settle()
    assert past_the_right_edge(window) == []
    page_title = visitor.page.findChild(QLabel, "pageTitle")
    assert page_title is not None
    assert whole_or_elided(page_title, title)
    assert len(drawn(page_title)) > 1  # wrapped, even the title made of one long word

    visitor.tap_text("Commencer la démarche")
    visitor.settle()
    assert visitor.page.title() == title
    assert past_the_right_edge(window) == []
