"""Nouvelle démarche: the domain tiles (métiers), then the procedure tiles of one domain."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from kiosk.services.search import normalize
from kiosk.views.navigator import Route
from kiosk.views.pages.tile_screen import TileScreen
from kiosk.views.plural import count_text
from kiosk.views.widgets.tile import Tile

if TYPE_CHECKING:
    from kiosk.models.dto import DomainSummary, ProcedureSummary
    from kiosk.views.context import ViewContext


class _TilesPage(TileScreen):
    """A tile screen filled asynchronously from the catalogue."""

    def __init__(self, ctx: ViewContext) -> None:
        super().__init__(ctx)
        self._generation = 0
        self._tiles: list[Tile] = []
        self._keys: list[str] = []

    def _set_tiles(self, keys: list[str], build: Callable[[int], Tile]) -> None:
        """One tile per key, built by ``build(index)``. The keys already shown keep their tiles: coming back
        to a screen, or reloading it unchanged, rebuilds nothing."""
        if keys == self._keys:
            return
        self._keys = keys
        self._tiles = [build(index) for index in range(len(keys))]
        self.grid.set_tiles(self._tiles)

    def enter(self, params: Any) -> None:
        super().enter(params)
        self._generation += 1
        if not self.ctx.ready:
            self.set_status(self.tr("Chargement des démarches…"))
        self.tasks.spawn(self._refresh(self._generation))

    async def _refresh(self, generation: int) -> None:
        await self._load()
        if generation == self._generation:
            self.retranslate()

    async def _load(self) -> None:
        raise NotImplementedError


class DomainsPage(_TilesPage):
    """Nouvelle démarche: one tile per domain, with how many procedures it holds."""

    def __init__(self, ctx: ViewContext) -> None:
        super().__init__(ctx)
        self._domains: list[DomainSummary] = []
        self.retranslate()

    async def _load(self) -> None:
        catalogue = await self.ctx.catalogue()
        self._domains = [d for d in await catalogue.domains() if d.procedure_count > 0]
        self._set_tiles([f"{d.slug} {d.icon}" for d in self._domains], self._tile)

    def _tile(self, index: int) -> Tile:
        tile = Tile(self.ctx.theme, self._domains[index].icon)
        tile.clicked.connect(lambda _=False, slug=self._domains[index].slug: self._open(slug))
        return tile

    def _open(self, slug: str) -> None:
        self.navigate_requested.emit(Route.PROCEDURES, slug)

    def title(self) -> str:
        return self.tr("Nouvelle démarche")

    def retranslate(self) -> None:
        lang = self.ctx.language
        self.set_heading(self.tr("Nouvelle démarche"), self.tr("Choisissez le domaine de votre demande."))
        for domain, tile in zip(self._domains, self._tiles, strict=True):
            count = count_text(domain.procedure_count, self.tr("%1 démarche"), self.tr("%1 démarches"))
            tile.set_texts(domain.title.get(lang), domain.description.get(lang) if domain.description else "", count)
        if self.ctx.ready:
            self.set_status("" if self._domains else self.tr("Aucune démarche n'est disponible pour le moment."))


class ProceduresPage(_TilesPage):
    """The procedures of one domain. A padlock marks those that need a personal space: "Espace personnel", the
    log-in their page offers."""

    def __init__(self, ctx: ViewContext) -> None:
        super().__init__(ctx)
        self._procedures: list[ProcedureSummary] = []
        self._loaded = False  # whether _procedures are the domain's, not yet those of the previous one
        self.search.hide()
        self.retranslate()

    def enter(self, params: Any) -> None:
        if params != self.params:
            # Another domain: the previous one's tiles and title are not shown for a moment over it.
            self._procedures = []
            self._loaded = False
            self._set_tiles([], self._tile)
            self.retranslate()
        super().enter(params)

    async def _load(self) -> None:
        catalogue = await self.ctx.catalogue()
        self._procedures = await catalogue.procedures_in(str(self.params))
        self._loaded = True
        self._set_tiles([p.slug for p in self._procedures], self._tile)

    def _tile(self, index: int) -> Tile:
        tile = Tile(self.ctx.theme, "document")
        tile.clicked.connect(lambda _=False, slug=self._procedures[index].slug: self._open(slug))
        return tile

    def _open(self, slug: str) -> None:
        self.navigate_requested.emit(Route.PROCEDURE, slug)

    def title(self) -> str:
        if self._procedures:
            return self._procedures[0].domain_title.get(self.ctx.language)
        return self.tr("Démarches")

    def retranslate(self) -> None:
        lang = self.ctx.language
        self.set_heading(self.title(), self.tr("Touchez la démarche à effectuer."))
        for procedure, tile in zip(self._procedures, self._tiles, strict=True):
            tile.set_texts(procedure.title.get(lang), procedure_hint(procedure))
            # Made from a personal space: their page offers the log-in (kiosk.views.pages.padlock).
            tile.set_locked(procedure.requires_personal_space, self.tr("Espace personnel"))
        # Alphabetical in the language shown, or the list looks shuffled after a switch.
        order = sorted(range(len(self._procedures)), key=lambda i: normalize(self._procedures[i].title.get(lang)))
        self.grid.reorder([self._tiles[i] for i in order])
        if self.ctx.ready:
            empty = self._loaded and not self._procedures  # not while the domain's list is on its way
            self.set_status(self.tr("Ce domaine ne propose aucune démarche pour le moment.") if empty else "")


def procedure_hint(procedure: ProcedureSummary) -> str:
    """The one line under a procedure's title: time to fill it, and an appointment if there is one."""
    parts = [
        QCoreApplication.translate("ProcedureHint", "environ %1 min").replace("%1", str(procedure.estimated_minutes))
    ]
    if procedure.appointment == "required":
        parts.append(QCoreApplication.translate("ProcedureHint", "sur rendez-vous"))
    return " · ".join(parts)
