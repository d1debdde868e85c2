"""The catalogue as the views see it: awaitable reads on the DB thread, and search from memory."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from kiosk.models.dto import CatalogueInfo, CatalogueLoadReport, DomainSummary, ProcedureDetail, ProcedureSummary
from kiosk.services.executors import DbExecutor
from kiosk.services.search import SearchIndex
from sync.catalogue import Domain, Procedure
from sync.catalogue_files import DOMAINS_FILE, CatalogueError, catalogue_files, load_catalogue

__all__ = ["CatalogueLoadReport", "CatalogueService", "CatalogueStore"]


class CatalogueStore(Protocol):
    """What the service needs of ``kiosk.models.repositories.CatalogueRepository``.

    Named here so that this module, which the views import for its types, does not pull in SQLAlchemy.
    """

    def replace_catalogue(self, domains: Sequence[Domain], procedures: Sequence[Procedure], source: str) -> None: ...
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

    async def load_from_directory(self, directory: Path) -> CatalogueLoadReport:
        """Validate the TOML catalogue in ``directory``, store what is valid and index it.

        A broken file is reported, not fatal: the kiosk starts with the valid procedures.
        """
        report, index = await self._db.run(self._load, directory)
        self._index = index
        return report

    async def rebuild_index(self) -> None:
        """Index what the cache holds now: at start-up, and after anything else replaced the catalogue."""
        self._index = await self._db.run(self._build_index)

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
        if not directory.is_dir():
            error = CatalogueError(source, "", "is not a directory")
            return self._kept(source, 0, (error,)), self._build_index()
        files = catalogue_files(directory)
        catalogue = load_catalogue(files)
        errors = list(catalogue.errors)
        if not catalogue.domains:
            # Storing this would empty the kiosk; most likely domains.toml is missing or broken.
            errors.append(CatalogueError(str(directory / DOMAINS_FILE), "", "declares no domain: catalogue not loaded"))
            return self._kept(source, len(files), tuple(errors)), self._build_index()
        domains = {d.slug for d in catalogue.domains}
        procedures = self._settle_revisions(catalogue.procedures, domains, files, errors)
        self._repository.replace_catalogue(catalogue.domains, procedures, source)
        report = CatalogueLoadReport(
            source=source,
            file_count=len(files),
            domain_count=len(catalogue.domains),
            procedure_count=len(procedures),
            errors=tuple(errors),
            applied=True,
        )
        return report, self._build_index()

    def _settle_revisions(
        self, procedures: tuple[Procedure, ...], domains: set[str], files: list[Path], errors: list[CatalogueError]
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
            errors.append(CatalogueError(_file_of(procedure.slug, files), "revision", message))
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


def _file_of(slug: str, files: list[Path]) -> str:
    """The file that defines ``slug``; read again only when a conflict is reported, which is rare."""
    for path in files:
        try:
            with path.open("rb") as fh:
                if tomllib.load(fh).get("slug") == slug:
                    return str(path)
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
            continue
    return f"procedure {slug!r}"
