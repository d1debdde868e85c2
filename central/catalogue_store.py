"""The catalogue central serves: loading a validated catalogue directory whole or not at all, keeping every
revision of every procedure, withdrawing a procedure; and the counter's opening hours (the slots scope).

Each change is recorded in the change log in the same transaction (``central.changelog``). A load takes the
catalogue scope's lock first, so two loads run one after the other and each judges the revisions it finds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from central.changelog import current_data, lock_scope, record
from central.errors import CentralError
from central.models import LiveProcedure, ProcedureRevision
from sync.catalogue import Domain, Procedure
from sync.catalogue_files import Catalogue, check_lines, load_catalogue_directory
from sync.clock import utc_now
from sync.protocol import OPENING_HOURS_ID, CatalogueDomain, CatalogueProcedure, OpeningHours


class CatalogueRefused(CentralError):  # noqa: N818
    """Nothing was loaded; ``problems`` lists every reason, one line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"the catalogue was not loaded ({len(problems)} problem(s))")
        self.problems = problems


class ProcedureNotFound(CentralError):  # noqa: N818
    pass


@dataclass
class LoadReport:
    """What a load changed: procedures published (slug, revision), domains added or changed, what was the same."""

    published: list[tuple[str, int]] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.published or self.domains)


def canonical(value: Procedure | Domain | OpeningHours) -> str:
    """The model as canonical JSON: the same content always gives the same text, however the file was laid out."""
    return json.dumps(value.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def live_procedure(session: Session, slug: str) -> Procedure | None:
    """In the caller's transaction: the live revision of ``slug``, or None when central does not offer it (unknown
    or withdrawn)."""
    content = session.scalar(
        select(ProcedureRevision.content_json)
        .join(
            LiveProcedure,
            (LiveProcedure.slug == ProcedureRevision.slug)
            & (LiveProcedure.live_revision == ProcedureRevision.revision),
        )
        .where(ProcedureRevision.slug == slug, LiveProcedure.withdrawn_at.is_(None))
    )
    return None if content is None else Procedure.model_validate_json(content)


def live_slugs(session: Session, slugs: Collection[str]) -> set[str]:
    """In the caller's transaction: which of ``slugs`` central offers now (known and not withdrawn)."""
    if not slugs:
        return set()
    return set(
        session.scalars(
            select(LiveProcedure.slug).where(LiveProcedure.slug.in_(slugs), LiveProcedure.withdrawn_at.is_(None))
        )
    )


def procedure_id(slug: str) -> str:
    return f"procedure/{slug}"


def domain_id(slug: str) -> str:
    return f"domain/{slug}"


class CatalogueStore:
    def __init__(self, sessions: sessionmaker[Session], clock: Callable[[], dt.datetime] = utc_now) -> None:
        self._sessions = sessions
        self._clock = clock

    def load_directory(self, directory: Path) -> LoadReport:
        """Validate ``directory`` as ``central catalogue check`` does, then load it in one transaction.
        ``CatalogueRefused`` (nothing loaded) on any validation error or revision conflict."""
        catalogue = load_catalogue_directory(directory)
        if not catalogue.ok:
            lines, _ok = check_lines(catalogue)
            raise CatalogueRefused(lines)
        return self.load(catalogue)

    def load(self, catalogue: Catalogue) -> LoadReport:
        report = LoadReport()
        problems: list[str] = []
        with self._sessions.begin() as session:
            lock_scope(session, "catalogue")
            now = self._clock()
            for domain in catalogue.domains:
                if current_data(session, "catalogue", domain_id(domain.slug)) != _domain_item(domain):
                    report.domains.append(domain.slug)
            for procedure in catalogue.procedures:
                self._judge(session, procedure, report, problems)
            if problems:  # leaving the block by the exception rolls everything back
                raise CatalogueRefused(problems)
            for domain in catalogue.domains:
                if domain.slug in report.domains:
                    record(
                        session, "catalogue", domain_id(domain.slug), CatalogueDomain(kind="domain", domain=domain), now
                    )
            by_slug = {p.slug: p for p in catalogue.procedures}
            for slug, _revision in report.published:
                self._publish(session, by_slug[slug], now)
        return report

    def _judge(self, session: Session, procedure: Procedure, report: LoadReport, problems: list[str]) -> None:
        """Whether ``procedure`` is new, the same as loaded before, or in conflict with the revisions kept."""
        slug, revision = procedure.slug, procedure.revision
        content_hash = hashlib.sha256(canonical(procedure).encode()).hexdigest()
        stored = session.scalar(
            select(ProcedureRevision.content_sha256).where(
                ProcedureRevision.slug == slug, ProcedureRevision.revision == revision
            )
        )
        live = session.get(LiveProcedure, slug)
        if stored is not None:
            if stored != content_hash:
                problems.append(
                    f"procedure {slug!r}: revision {revision} is already loaded with other content; a change needs "
                    f"a new revision (revisions are never overwritten)"
                )
            elif live is not None and live.withdrawn_at is not None and live.live_revision == revision:
                report.notes.append(f"procedure {slug!r} is withdrawn: give it a new revision to publish it again")
                report.unchanged += 1
            else:
                report.unchanged += 1
            return
        if live is not None and revision < live.live_revision:
            problems.append(
                f"procedure {slug!r}: revision {revision} is older than the live revision {live.live_revision}"
            )
            return
        report.published.append((slug, revision))

    def _publish(self, session: Session, procedure: Procedure, now: dt.datetime) -> None:
        text = canonical(procedure)
        session.add(
            ProcedureRevision(
                slug=procedure.slug,
                revision=procedure.revision,
                content_json=text,
                content_sha256=hashlib.sha256(text.encode()).hexdigest(),
                loaded_at=now,
            )
        )
        live = session.get(LiveProcedure, procedure.slug)
        if live is None:
            session.add(LiveProcedure(slug=procedure.slug, live_revision=procedure.revision, updated_at=now))
        else:
            live.live_revision, live.withdrawn_at, live.updated_at = procedure.revision, None, now
        item = CatalogueProcedure(kind="procedure", procedure=procedure)
        record(session, "catalogue", procedure_id(procedure.slug), item, now)

    def withdraw(self, slug: str) -> bool:
        """Stop offering ``slug``: the kiosks get a tombstone. Its revisions stay. False if withdrawn already."""
        with self._sessions.begin() as session:
            lock_scope(session, "catalogue")
            live = session.get(LiveProcedure, slug)
            if live is None:
                raise ProcedureNotFound(f"no procedure is named {slug}")
            if live.withdrawn_at is not None:
                return False
            now = self._clock()
            live.withdrawn_at, live.updated_at = now, now
            record(session, "catalogue", procedure_id(slug), None, now)
            return True

    def revisions(self, slug: str) -> list[int]:
        """The revisions of ``slug`` kept, oldest first."""
        with self._sessions.begin() as session:
            return list(
                session.scalars(
                    select(ProcedureRevision.revision)
                    .where(ProcedureRevision.slug == slug)
                    .order_by(ProcedureRevision.revision)
                )
            )

    def load_opening_hours(self, hours: OpeningHours) -> bool:
        """Publish the counter's opening hours (the slots scope). False when they are the same as before."""
        with self._sessions.begin() as session:
            lock_scope(session, "slots")
            if current_data(session, "slots", OPENING_HOURS_ID) == hours.model_dump_json():
                return False
            record(session, "slots", OPENING_HOURS_ID, hours, self._clock())
            return True


def _domain_item(domain: Domain) -> str:
    return CatalogueDomain(kind="domain", domain=domain).model_dump_json()
