"""Frozen data the views receive. Never a Session or an ORM object."""

from __future__ import annotations

from dataclasses import dataclass

from sync.catalogue import LocalizedText, Procedure, Quota


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
