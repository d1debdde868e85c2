"""Frozen data the views receive. Never a Session or an ORM object."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sync.catalogue import LocalizedText, Procedure, Quota
from sync.catalogue_files import CatalogueError


@dataclass(frozen=True, slots=True)
class DomainSummary:
    """A métier tile under "Nouvelle démarche"."""

    slug: str
    title: LocalizedText
    icon: str
    description: LocalizedText | None
    procedure_count: int


@dataclass(frozen=True, slots=True)
class ProcedureSummary:
    """A procedure tile, or a search result."""

    slug: str
    revision: int
    domain: str
    domain_title: LocalizedText
    title: LocalizedText
    description: LocalizedText
    keywords: tuple[str, ...]
    requires_personal_space: bool
    quota: Quota | None
    appointment: str
    estimated_minutes: int
    has_attachments: bool


@dataclass(frozen=True, slots=True)
class ProcedureDetail:
    """Everything "La démarche" shows, and the definition the wizard fills (pinned at its revision)."""

    summary: ProcedureSummary
    definition: Procedure


@dataclass(frozen=True, slots=True)
class CatalogueInfo:
    """Where the cached catalogue came from (a directory, or central) and when it was stored (aware, UTC)."""

    source: str
    loaded_at: dt.datetime


@dataclass(frozen=True, slots=True)
class CatalogueLoadReport:
    """The outcome of loading a catalogue: what is now offered, and every problem found on the way.

    ``applied`` is false when nothing usable was found (no domain at all): the previous catalogue is then kept,
    so a broken ``domains.toml`` never empties a working kiosk.
    """

    source: str
    file_count: int
    domain_count: int
    procedure_count: int
    errors: tuple[CatalogueError, ...]
    applied: bool

    @property
    def ok(self) -> bool:
        return self.applied and not self.errors
