"""What every page is given: settings, language, theme, and the services once they are up.

The services are attached after the first paint (importing SQLAlchemy and migrating the cache takes
longer than showing the home screen), so a page awaits ``catalogue()`` rather than holding the service.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from kiosk.config import Settings
from kiosk.views.i18n import Translations
from kiosk.views.theme import Theme, load_theme

if TYPE_CHECKING:
    from kiosk.models.dto import ProcedureSummary
    from kiosk.services.catalogue import CatalogueService


class ViewContext(QObject):
    """Shared state of the views.

    Signals:
        theme_changed(object): the new Theme, after a switch to or from high contrast.
        catalogue_attached(): the catalogue service is ready.
        connection_changed(bool): whether central is reachable.
    """

    theme_changed = Signal(object)
    catalogue_attached = Signal()
    connection_changed = Signal(bool)

    def __init__(self, settings: Settings, translations: Translations, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.translations = translations
        self.theme: Theme = load_theme(settings.high_contrast)
        self.online = False
        self._catalogue: CatalogueService | None = None
        self._catalogue_waiters: list[asyncio.Future[CatalogueService]] = []

    @property
    def language(self) -> str:
        return self.translations.language

    def set_high_contrast(self, enabled: bool) -> None:
        if enabled != self.theme.high_contrast:
            self.theme = load_theme(enabled)
            self.theme_changed.emit(self.theme)

    def reset_preferences(self) -> None:
        """Language and display back to the kiosk's defaults, for the next visitor."""
        self.translations.reset()
        self.set_high_contrast(self.settings.high_contrast)

    def attach_catalogue(self, service: CatalogueService) -> None:
        self._catalogue = service
        for waiter in self._catalogue_waiters:
            if not waiter.done():
                waiter.set_result(service)
        self._catalogue_waiters.clear()
        self.catalogue_attached.emit()

    @property
    def catalogue_ready(self) -> bool:
        return self._catalogue is not None

    def search(self, query: str) -> list[ProcedureSummary]:
        """Procedures matching ``query``, best first; nothing until the catalogue is loaded."""
        return self._catalogue.search(query) if self._catalogue is not None else []

    async def catalogue(self) -> CatalogueService:
        if self._catalogue is not None:
            return self._catalogue
        waiter: asyncio.Future[CatalogueService] = asyncio.get_running_loop().create_future()
        self._catalogue_waiters.append(waiter)
        return await waiter
