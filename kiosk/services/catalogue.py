"""The catalogue as the views see it: awaitable reads on the DB thread, and search from memory."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

from kiosk.models.dto import CatalogueInfo, CatalogueLoadReport, DomainSummary, ProcedureDetail, ProcedureSummary
from kiosk.services.executors import DbExecutor
from kiosk.services.search import SearchIndex
from sync.catalogue import Domain, Procedure
from sync.catalogue_files import CatalogueError, load_catalogue_directory

__all__ = ["CatalogueLoadReport", "CatalogueService", "CatalogueStore"]

log = logging.getLogger(__name__)


class CatalogueStore(Protocol):
    """What the service needs of ``kiosk.models.repositories.CatalogueRepository``.

    Named here so that this module, which the views import for its types, does not pull in SQLAlchemy.
    """

    def replace_catalogue(
        self, domains: Sequence[Domain], procedures: Sequence[Procedure], source: str
    ) -> list[tuple[str, str]]: ...
    def revision_conflicts(self, procedures: Sequence[Procedure]) -> list[tuple[str, int]]: ...
    def domains(self) -> list[DomainSummary]: ...
    def procedures_in(self, domain_slug: str) -> list[ProcedureSummary]: ...
    def all_procedures(self) -> list[ProcedureSummary]: ...
    def procedure(self, slug: str) -> ProcedureDetail | None: ...
    def procedure_revision(self, slug: str, revision: int) -> ProcedureDetail | None: ...
    def catalogue_info(self) -> CatalogueInfo | None: ...


class CatalogueService:
    """Async facade over the catalogue cache. Call its coroutines from the event loop thread only."""

    def __init__(self, repository: CatalogueStore, db: DbExecutor) -> None:
        self._repository = repository
        self._db = db
        self._index = SearchIndex.empty()
        self._indexing: set[asyncio.Future[None]] = set()

    async def load_from_directory(self, directory: Path) -> CatalogueLoadReport:
        """Validate the TOML catalogue in ``directory``, store what is valid and index it.

        The verdict on each file and entry is ``kiosk catalogue check``'s (``load_catalogue_directory``). A broken
        file, or a procedure that cannot be stored, is reported and left out: the kiosk starts with the others.
        """
        report, index = await self._db.run(self._load, directory)
        self._index = index
        return report

    async def rebuild_index(self) -> None:
        """Index what the cache holds now: at start-up, and after anything else replaced the catalogue."""
        self._index = await self._db.run(self._build_index)

    def index_again_soon(self) -> None:
        """Index the cache again in the background: central's pull changed the catalogue (called on the event loop).

        The search index lives in memory and reads nothing by itself; the tiles read the cache when shown."""
        task = asyncio.ensure_future(self.rebuild_index())
        self._indexing.add(task)  # a strong reference until it is done
        task.add_done_callback(self._indexed)

    def _indexed(self, task: asyncio.Future[None]) -> None:
        self._indexing.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("The search index could not be rebuilt after a pull", exc_info=task.exception())

    async def domains(self) -> list[DomainSummary]:
        return await self._db.run(self._repository.domains)

    async def procedures_in(self, slug: str) -> list[ProcedureSummary]:
        return await self._db.run(self._repository.procedures_in, slug)

    async def procedure(self, slug: str) -> ProcedureDetail | None:
        return await self._db.run(self._repository.procedure, slug)

    async def procedure_revision(self, slug: str, revision: int) -> ProcedureDetail | None:
        return await self._db.run(self._repository.procedure_revision, slug, revision)

    async def catalogue_info(self) -> CatalogueInfo | None:
        return await self._db.run(self._repository.catalogue_info)

    def search(self, query: str, limit: int = 50) -> list[ProcedureSummary]:
        """Matching procedures, best first, from memory: no await, fast enough for every keystroke."""
        return self._index.search(query, limit)

    # Everything below runs on the DB worker thread.

    def _build_index(self) -> SearchIndex:
        return SearchIndex.build(self._repository.all_procedures())

    def _load(self, directory: Path) -> tuple[CatalogueLoadReport, SearchIndex]:
        source = str(directory)
        catalogue = load_catalogue_directory(directory)
        errors = list(catalogue.errors)
        if not catalogue.domains:
            # Storing this would empty the kiosk (domains.toml missing or broken): the previous catalogue stays.
            return self._kept(source, catalogue.file_count, tuple(errors)), self._build_index()
        domains = {d.slug for d in catalogue.domains}
        procedures = self._settle_revisions(catalogue.procedures, domains, catalogue.sources, errors)
        refused = dict(self._repository.replace_catalogue(catalogue.domains, procedures, source))
        for slug, reason in refused.items():
            file = catalogue.sources.get(slug, "")
            errors.append(CatalogueError(file, "", f"could not be stored: {reason}", f"procedure {slug!r}"))
        report = CatalogueLoadReport(
            source=source,
            file_count=catalogue.file_count,
            domain_count=len(catalogue.domains),
            procedure_count=len(procedures) - len(refused),
            errors=tuple(errors),
            applied=True,
        )
        return report, self._build_index()

    def _settle_revisions(
        self,
        procedures: tuple[Procedure, ...],
        domains: set[str],
        sources: Mapping[str, str],
        errors: list[CatalogueError],
    ) -> list[Procedure]:
        """Keep the stored definition of any procedure changed without raising its revision, and report it."""
        conflicts = dict(self._repository.revision_conflicts(procedures))
        if not conflicts:
            return list(procedures)
        kept: list[Procedure] = []
        for procedure in procedures:
            if procedure.slug not in conflicts:
                kept.append(procedure)
                continue
            current = self._repository.procedure(procedure.slug)
            still_offered = current is not None and current.definition.domain in domains
            message = (
                f"revision {procedure.revision} was already loaded with a different definition: raise the revision; "
                + ("the stored one is kept" if still_offered else "left out")
            )
            entry = f"procedure {procedure.slug!r}"
            errors.append(CatalogueError(sources.get(procedure.slug, ""), "revision", message, entry))
            if current is not None and still_offered:
                kept.append(current.definition)
        return kept

    def _kept(self, source: str, file_count: int, errors: tuple[CatalogueError, ...]) -> CatalogueLoadReport:
        domains = self._repository.domains()
        return CatalogueLoadReport(
            source=source,
            file_count=file_count,
            domain_count=len(domains),
            procedure_count=sum(d.procedure_count for d in domains),
            errors=errors,
            applied=False,
        )
