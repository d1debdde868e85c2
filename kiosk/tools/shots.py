"""``kiosk shots``: every screen rendered offscreen to PNG, landscape and portrait, FR and EN, normal and
high contrast. Look at them before calling a screen done."""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from pathlib import Path

from kiosk.config import Settings
from kiosk.tools.drive import running_kiosk, settle
from kiosk.views.main_window import MainWindow
from kiosk.views.navigator import Route
from kiosk.views.pages.search import SearchPage
from kiosk.views.widgets.overlay import Overlay

SIZES = {"landscape": (1920, 1080), "portrait": (1080, 1920)}
Scene = Callable[[MainWindow], Awaitable[None]]


async def _go(window: MainWindow, route: Route, params: object = None) -> None:
    window.navigator.go(route, params)
    await settle(window)


async def _domain(window: MainWindow) -> None:
    await _go(window, Route.PROCEDURES, "etat-civil")


async def _procedure(window: MainWindow) -> None:
    await _go(window, Route.PROCEDURE, "carte-nationale-identite")


async def _search(window: MainWindow, text: str) -> None:
    await _go(window, Route.SEARCH)
    page = window.navigator.current_page()
    assert isinstance(page, SearchPage)
    page.field.setText(text)
    await settle(window)


async def _search_results(window: MainWindow) -> None:
    await _search(window, "naissance")
    page = window.navigator.current_page()
    assert isinstance(page, SearchPage)
    page.results.setFocus()  # the keyboard goes away, as when the visitor taps "Voir les résultats"
    await settle(window)


async def _help(window: MainWindow) -> None:
    await _go(window, Route.DOMAINS)
    window.show_help()
    await settle(window)


SCENES: dict[str, Scene] = {
    "01-home": lambda w: _go(w, Route.HOME),
    "02-domains": lambda w: _go(w, Route.DOMAINS),
    "03-procedures-etat-civil": _domain,
    "04-procedure": _procedure,
    "05-search-typing": lambda w: _search(w, "crèche"),
    "06-search-results": _search_results,
    "07-search-nothing": lambda w: _search(w, "zzzz"),
    "08-coming-soon": lambda w: _go(w, Route.COMING_SOON, "news"),
    "09-help": _help,
}


async def _take(out: Path, settings: Settings) -> list[Path]:
    written: list[Path] = []
    for orientation, size in SIZES.items():
        async with running_kiosk(settings, size) as (ctx, window, _backend):
            for theme in ("normal", "contrast"):
                ctx.set_high_contrast(theme == "contrast")
                for language in ("fr", "en"):
                    ctx.translations.set_language(language)
                    for name, scene in SCENES.items():
                        window.navigator.reset()
                        await scene(window)
                        path = out / f"{name}_{orientation}_{language}_{theme}.png"
                        window.grab().save(str(path))
                        written.append(path)
                        for overlay in window.findChildren(Overlay):
                            overlay.dismiss()
    return written


def take_shots(out: Path, settings: Settings) -> list[Path]:
    # Screenshots are rendered offscreen whatever screen this machine has: same pixels everywhere.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import qasync

    from kiosk.app import application

    application()
    out.mkdir(parents=True, exist_ok=True)
    result: list[Path] = qasync.run(_take(out, settings))
    return result
