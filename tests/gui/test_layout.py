"""Tiles keep their size whatever their text: a grid of dalles lines up, in both themes."""

from __future__ import annotations

import pytest

from kiosk.views.navigator import Route
from tests.gui.driver import Visitor

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("route", [Route.HOME, Route.DOMAINS])
@pytest.mark.parametrize("high_contrast", [False, True])
def test_tiles_all_have_the_theme_size(visitor: Visitor, route: Route, high_contrast: bool) -> None:
    visitor.ctx.set_high_contrast(high_contrast)
    visitor.window.navigator.go(route)
    visitor.settle()
    theme = visitor.ctx.theme
    tiles = visitor.page.grid.tiles()  # type: ignore[attr-defined]
    assert tiles
    sizes = {(t.width(), t.height()) for t in tiles}
    assert len(sizes) == 1, sizes
    width, height = sizes.pop()
    # the stylesheet's sizes are the content box; the tile's border adds a few pixels
    assert theme.size("tile_width") <= width <= theme.size("tile_width") + 8
    assert theme.size("tile_height") <= height <= theme.size("tile_height") + 8
