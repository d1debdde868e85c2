"""What every page is given: settings, language, theme, and the services once they are up.

The services are attached after the first paint (importing SQLAlchemy and migrating the cache takes
longer than showing the home screen), so a page awaits ``services()`` rather than holding them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from kiosk.config import Settings
from kiosk.services.tracking import TrackingGuard
from kiosk.views.i18n import Translations
from kiosk.views.theme import Theme, load_theme

if TYPE_CHECKING:
    import asyncio

    from kiosk.models.dto import ProcedureSummary
    from kiosk.services.account_outcomes import AccountActions
    from kiosk.services.agent import AgentService
    from kiosk.services.attach_outcomes import AttachActions
    from kiosk.services.catalogue import CatalogueService
    from kiosk.services.dashboard_outcomes import DashboardActions
    from kiosk.services.documents import DocumentService
    from kiosk.services.executors import FileWorker
    from kiosk.services.lookup_outcomes import CentralLookup
    from kiosk.services.profile_outcomes import ProfileActions
    from kiosk.services.quota_outcomes import QuotaActions
    from kiosk.services.requests import RequestService
    from kiosk.services.slots import SlotService
    from kiosk.services.sync_status import SyncStatus


@dataclass(frozen=True, slots=True)
class Services:
    """The Qt-free services the pages await, built by the composition root."""

    catalogue: CatalogueService
    requests: RequestService
    slots: SlotService
    documents: DocumentService
    # For the views' own blocking work that must stay in the views (painting a receipt on a QPdfWriter or a
    # printer, which Qt allows off the GUI thread): ``await services.files.run(fn, ...)``.
    files: FileWorker
    # Codes of other kiosks' requests, looked up on central; None for a kiosk that does not sync.
    lookup: CentralLookup | None = None
    # "Espace agent": the agent code and the agents' view of the sync; None where the services were built without.
    agent: AgentService | None = None
    # The personal space on central (accounts, log-in); None for a kiosk that does not sync.
    account: AccountActions | None = None
    # « Mon profil » and the clé enfance, and the prefill of « Mes informations »; None for a kiosk that does not sync.
    profile: ProfileActions | None = None
    # The citizen's quotas, counted by central; None for a kiosk that does not sync.
    quotas: QuotaActions | None = None
    # « Rattacher cette demande à mon espace personnel »; None for a kiosk that does not sync.
    attach: AttachActions | None = None
    # « Mon tableau de bord »: the citizen's requests on central; None for a kiosk that does not sync.
    dashboard: DashboardActions | None = None


class ViewContext(QObject):
    """Shared state of the views.

    Signals:
        theme_changed(object): the new Theme, after a switch to or from high contrast.
        services_attached(): the services are ready (cache open, catalogue loaded).
        connection_changed(bool): whether central is reachable.
        sync_changed(object): the new ``SyncStatus`` (online, requests waiting to be sent).
    """

    theme_changed = Signal(object)
    services_attached = Signal()
    connection_changed = Signal(bool)
    sync_changed = Signal(object)

    def __init__(self, settings: Settings, translations: Translations, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.translations = translations
        self.theme: Theme = load_theme(settings.high_contrast)
        self.online = False
        self.waiting = 0  # requests waiting to be sent to central (counted only when the kiosk syncs)
        # Per kiosk, not per visitor: a session wipe must not give a code-guesser a fresh count.
        self.tracking_guard = TrackingGuard()
        self._services: Services | None = None
        self._waiters: list[asyncio.Future[Services]] = []

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

    def set_sync_status(self, state: SyncStatus) -> None:
        """The sync service's listener: its state, as signals for the views (on the GUI thread, like the loop)."""
        online_changed = state.online != self.online
        self.online = state.online
        self.waiting = state.waiting
        if online_changed:
            self.connection_changed.emit(state.online)
        self.sync_changed.emit(state)

    def attach_services(self, services: Services) -> None:
        self._services = services
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(services)
        self._waiters.clear()
        self.services_attached.emit()

    @property
    def ready(self) -> bool:
        return self._services is not None

    def search(self, query: str) -> list[ProcedureSummary]:
        """Procedures matching ``query``, best first; nothing until the catalogue is loaded."""
        return self._services.catalogue.search(query) if self._services is not None else []

    def services_if_up(self) -> Services | None:
        """The services if they are attached, else None: for plain Qt code that must not wait for them."""
        return self._services

    def attached_services(self) -> Services:
        """The services, for a widget built only once they are up (a wizard step comes after its procedure was
        loaded from the catalogue). Raises RuntimeError before they are attached."""
        if self._services is None:
            raise RuntimeError("the services are not attached yet")
        return self._services

    async def services(self) -> Services:
        if self._services is not None:
            return self._services
        import asyncio  # not at the top: see kiosk.views.tasks

        waiter: asyncio.Future[Services] = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        return await waiter

    async def catalogue(self) -> CatalogueService:
        return (await self.services()).catalogue
