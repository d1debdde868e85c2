"""Repositories: each method is one unit of work on the calling (DB worker) thread and returns frozen DTOs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from pydantic import ValidationError
from sqlalchemy import ColumnElement, func, select, tuple_
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.models.collation import sort_key
from kiosk.models.dto import CatalogueInfo, DomainSummary, ProcedureDetail, ProcedureSummary
from kiosk.models.tables import CatalogueState
from kiosk.models.tables import Domain as DomainRow
from kiosk.models.tables import Procedure as ProcedureRow
from kiosk.models.tables import ProcedureRevision as RevisionRow
from sync.catalogue import Domain, LocalizedText, Procedure
from sync.clock import utc_now

# Well under SQLite's bound-parameter limit, even on old builds (999).
_CHUNK = 400
# SQLite stores signed 64-bit integers; a larger one raises OverflowError when it is bound.
_SQLITE_INT = range(-(2**63), 2**63)
# What storing one procedure can raise because of the procedure itself: its savepoint is rolled back and the
# procedure left out. Anything else (disk full, I/O, a locked database) fails the whole replacement.
_UNSTORABLE = (IntegrityError, DataError, OverflowError)


class RevisionConflictError(ValueError):
    """A procedure comes with a revision already stored with another definition: its revision must be raised.

    A (slug, revision) pair names one definition forever, because requests pin it.
    """

    def __init__(self, conflicts: Sequence[tuple[str, int]]) -> None:
        self.conflicts = tuple(conflicts)
        listed = ", ".join(f"{slug} revision {revision}" for slug, revision in self.conflicts)
        super().__init__(f"already loaded with a different definition: {listed}")


class CatalogueRepository:
    """The cached catalogue: domains, current procedures and every revision ever loaded."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    def replace_catalogue(
        self, domains: Sequence[Domain], procedures: Sequence[Procedure], source: str
    ) -> list[tuple[str, str]]:
        """Make ``domains`` (in this order) and ``procedures`` the whole catalogue, in one transaction.

        Each procedure is stored under its own savepoint: one that cannot be stored (its domain is not in
        ``domains``, a value SQLite cannot hold) is left out and returned as (slug, reason); the others are
        stored. Raises ``RevisionConflictError``, ``ValueError`` (a slug given twice) or a database error
        (disk full...); then nothing has changed.
        """
        _require_unique("domain", (d.slug for d in domains))
        _require_unique("procedure", (p.slug for p in procedures))
        now = utc_now()
        with self._sessions.begin() as session:
            _upsert_domains(session, domains)
            stored = _stored_revisions(session, procedures)
            conflicts = _conflicts(procedures, stored)
            if conflicts:
                raise RevisionConflictError(conflicts)
            offered = {d.slug for d in domains}
            refused = [
                (p.slug, f"its domain {p.domain!r} is not in the catalogue")
                for p in procedures
                if p.domain not in offered
            ]
            storable = [p for p in procedures if p.domain in offered]
            refused += _store_procedures(session, storable, stored, now)
            keep_procedures = {p.slug for p in procedures} - {slug for slug, _ in refused}
            for row in session.scalars(select(ProcedureRow)):
                if row.slug not in keep_procedures:
                    session.delete(row)
            session.flush()
            keep_domains = {d.slug for d in domains}
            for domain_row in session.scalars(select(DomainRow)):
                if domain_row.slug not in keep_domains:
                    session.delete(domain_row)
            session.flush()
            state = session.get(CatalogueState, 1)
            if state is None:
                session.add(CatalogueState(id=1, source=source, loaded_at=now))
            else:
                state.source, state.loaded_at = source, now
        return refused

    def revision_conflicts(self, procedures: Sequence[Procedure]) -> list[tuple[str, int]]:
        """The (slug, revision) of ``procedures`` already stored with a different definition."""
        with self._sessions.begin() as session:
            return _conflicts(procedures, _stored_revisions(session, procedures))

    def domains(self) -> list[DomainSummary]:
        """The domains in file order, each with its number of procedures."""
        count = func.count(ProcedureRow.slug)
        query = (
            select(DomainRow.definition_json, count)
            .outerjoin(ProcedureRow, ProcedureRow.domain_slug == DomainRow.slug)
            .group_by(DomainRow.slug)
            .order_by(DomainRow.position, DomainRow.slug)
        )
        with self._sessions.begin() as session:
            rows = session.execute(query).all()
        out = []
        for definition_json, procedure_count in rows:
            domain = Domain.model_validate_json(definition_json)
            out.append(DomainSummary(domain.slug, domain.title, domain.icon, domain.description, procedure_count))
        return out

    def procedures_in(self, domain_slug: str) -> list[ProcedureSummary]:
        """The procedures of one domain, by French title (accents and case ignored)."""
        return self._summaries(ProcedureRow.domain_slug == domain_slug)

    def all_procedures(self) -> list[ProcedureSummary]:
        """Every current procedure, by French title (accents and case ignored)."""
        return self._summaries(None)

    def procedure(self, slug: str) -> ProcedureDetail | None:
        """The current revision of ``slug``, or None when it is not in the catalogue."""
        with self._sessions.begin() as session:
            definition_json = session.scalar(select(ProcedureRow.definition_json).where(ProcedureRow.slug == slug))
            if definition_json is None:
                return None
            return _detail(session, Procedure.model_validate_json(definition_json))

    def procedure_revision(self, slug: str, revision: int) -> ProcedureDetail | None:
        """The definition a request was filled against, even if the procedure changed or left the catalogue."""
        with self._sessions.begin() as session:
            row = session.get(RevisionRow, (slug, revision))
            if row is None:
                return None
            return _detail(session, Procedure.model_validate_json(row.definition_json))

    def catalogue_info(self) -> CatalogueInfo | None:
        """Source and time of the last catalogue stored, or None before the first."""
        with self._sessions.begin() as session:
            state = session.get(CatalogueState, 1)
            return None if state is None else CatalogueInfo(state.source, state.loaded_at)

    def _summaries(self, where: ColumnElement[bool] | None) -> list[ProcedureSummary]:
        query = select(ProcedureRow.definition_json)
        if where is not None:
            query = query.where(where)
        with self._sessions.begin() as session:
            definitions = session.scalars(query).all()
            titles = _domain_titles(session)
        procedures = [Procedure.model_validate_json(d) for d in definitions]
        procedures.sort(key=lambda p: (*sort_key(p.title.fr), p.slug))
        return [_summary(p, titles.get(p.domain)) for p in procedures]


def store_procedure(session: Session, procedure: Procedure, now: dt.datetime) -> str | None:
    """Make ``procedure`` the current revision of its slug and keep the revision, in ``session``, under the same
    rules as ``replace_catalogue`` (used by the pull from central, one change at a time). Returns why it cannot
    be stored (its domain is not in the catalogue, its revision is stored with another definition, a value SQLite
    cannot hold), and then nothing changed; None once stored."""
    if session.get(DomainRow, procedure.domain) is None:
        return f"its domain {procedure.domain!r} is not in the catalogue"
    stored = _stored_revisions(session, [procedure])
    if _conflicts([procedure], stored):
        return f"revision {procedure.revision} is already stored with a different definition"
    refused = _store_procedures(session, [procedure], stored, now)
    return refused[0][1] if refused else None


def keep_revision(session: Session, procedure: Procedure, now: dt.datetime) -> str | None:
    """Keep the revision of ``procedure`` without offering it (central sent it before its domain); why it cannot
    be kept (stored with another definition, a value SQLite cannot hold), or None."""
    stored = _stored_revisions(session, [procedure])
    if _conflicts([procedure], stored):
        return f"revision {procedure.revision} is already stored with a different definition"
    if (procedure.slug, procedure.revision) in stored:
        return None
    try:
        with session.begin_nested():
            session.add(_revision_row(procedure, now))
            session.flush()
    except _UNSTORABLE as exc:
        return _unstorable_reason(exc)
    return None


def _require_unique(kind: str, slugs: Iterable[str]) -> None:
    seen: set[str] = set()
    for slug in slugs:
        if slug in seen:
            raise ValueError(f"{kind} {slug!r} is given twice")
        seen.add(slug)


def _upsert_domains(session: Session, domains: Sequence[Domain]) -> None:
    existing = {row.slug: row for row in session.scalars(select(DomainRow))}
    for position, domain in enumerate(domains):
        row = existing.get(domain.slug)
        if row is None:
            row = DomainRow(slug=domain.slug)
            session.add(row)
        row.position = position
        row.icon = domain.icon
        row.title_fr = domain.title.fr
        row.title_en = domain.title.en
        row.definition_json = domain.model_dump_json()
    # Domains must exist before the procedures that point at them are inserted.
    session.flush()


def _store_procedures(
    session: Session, procedures: Sequence[Procedure], stored: dict[tuple[str, int], str], now: dt.datetime
) -> list[tuple[str, str]]:
    """Upsert each procedure and record its revision under a savepoint; the (slug, reason) of those refused."""
    # Only the rows of these slugs: the pull stores one procedure at a time, and a whole catalogue read for each
    # made a snapshot of n procedures cost n² rows.
    slugs = [p.slug for p in procedures]
    existing: dict[str, ProcedureRow] = {}
    for start in range(0, len(slugs), _CHUNK):
        chunk = select(ProcedureRow).where(ProcedureRow.slug.in_(slugs[start : start + _CHUNK]))
        existing.update((row.slug, row) for row in session.scalars(chunk))
    refused: list[tuple[str, str]] = []
    for procedure in procedures:
        try:
            with session.begin_nested():
                _upsert_procedure(session, existing.get(procedure.slug), procedure, now)
                if (procedure.slug, procedure.revision) not in stored:
                    session.add(_revision_row(procedure, now))
                session.flush()
        except _UNSTORABLE as exc:
            refused.append((procedure.slug, _unstorable_reason(exc)))
    return refused


def _revision_row(procedure: Procedure, now: dt.datetime) -> RevisionRow:
    return RevisionRow(
        slug=procedure.slug, revision=procedure.revision, definition_json=procedure.model_dump_json(), loaded_at=now
    )


def _unstorable_reason(exc: Exception) -> str:
    return str(getattr(exc, "orig", None) or exc)  # SQLAlchemy wraps the driver's own words


def _upsert_procedure(session: Session, row: ProcedureRow | None, procedure: Procedure, now: dt.datetime) -> None:
    definition_json = procedure.model_dump_json()
    if row is None:
        row = ProcedureRow(slug=procedure.slug, revision=procedure.revision, loaded_at=now)
        session.add(row)
    elif row.revision != procedure.revision:
        row.revision, row.loaded_at = procedure.revision, now
    elif row.definition_json == definition_json:
        return
    row.domain_slug = procedure.domain
    row.title_fr = procedure.title.fr
    row.title_en = procedure.title.en
    row.definition_json = definition_json


def _stored_revisions(session: Session, procedures: Sequence[Procedure]) -> dict[tuple[str, int], str]:
    # A revision SQLite cannot hold is not stored either; binding it would fail the whole look-up.
    pairs = [(p.slug, p.revision) for p in procedures if p.revision in _SQLITE_INT]
    stored: dict[tuple[str, int], str] = {}
    for start in range(0, len(pairs), _CHUNK):
        query = select(RevisionRow.slug, RevisionRow.revision, RevisionRow.definition_json).where(
            tuple_(RevisionRow.slug, RevisionRow.revision).in_(pairs[start : start + _CHUNK])
        )
        for slug, revision, definition_json in session.execute(query):
            stored[(slug, revision)] = definition_json
    return stored


def _conflicts(procedures: Sequence[Procedure], stored: dict[tuple[str, int], str]) -> list[tuple[str, int]]:
    conflicts = []
    for procedure in procedures:
        key = (procedure.slug, procedure.revision)
        old = stored.get(key)
        if old is not None and not _same_definition(old, procedure):
            conflicts.append(key)
    return conflicts


def _same_definition(stored_json: str, procedure: Procedure) -> bool:
    """Compare models, not text: the same definition may serialize differently after a pydantic upgrade. A stored
    definition that today's schema refuses (stored before a rule was added) is not the same as a valid one."""
    if stored_json == procedure.model_dump_json():
        return True
    try:
        return Procedure.model_validate_json(stored_json) == procedure
    except ValidationError:
        return False


def _domain_titles(session: Session) -> dict[str, LocalizedText]:
    rows = session.scalars(select(DomainRow.definition_json))
    return {d.slug: d.title for d in map(Domain.model_validate_json, rows)}


def _detail(session: Session, procedure: Procedure) -> ProcedureDetail:
    definition_json = session.scalar(select(DomainRow.definition_json).where(DomainRow.slug == procedure.domain))
    title = None if definition_json is None else Domain.model_validate_json(definition_json).title
    return ProcedureDetail(_summary(procedure, title), procedure)


def _summary(procedure: Procedure, domain_title: LocalizedText | None) -> ProcedureSummary:
    return ProcedureSummary(
        slug=procedure.slug,
        revision=procedure.revision,
        domain=procedure.domain,
        # An old revision may name a domain that has since left the catalogue.
        domain_title=domain_title or LocalizedText(fr=procedure.domain),
        title=procedure.title,
        description=procedure.description,
        keywords=procedure.keywords,
        requires_personal_space=procedure.access == "personal_space",
        quota=procedure.quota,
        appointment=procedure.appointment,
        estimated_minutes=procedure.estimated_minutes,
        has_attachments=procedure.has_attachments,
    )
