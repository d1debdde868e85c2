"""CatalogueRepository: one transaction per call, frozen DTOs out, every revision kept."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from pydantic import ValidationError

from kiosk.models.dto import DomainSummary, ProcedureDetail
from kiosk.models.repositories import CatalogueRepository, RevisionConflictError
from sync.catalogue import LocalizedText, Quota
from tests.unit.catalogue_data import domain, procedure

ETAT_CIVIL = domain("etat-civil", "État civil", "Civil status", icon="id-card")
ENFANCE = domain("enfance", "Enfance", "Childhood")
ELECTIONS = domain("elections", "Élections")


def _seed(repository: CatalogueRepository) -> None:
    repository.replace_catalogue(
        [ETAT_CIVIL, ENFANCE, ELECTIONS],
        [
            procedure("zebre", "etat-civil", "Zèbre"),
            procedure("election", "etat-civil", "Élection"),
            procedure("eau", "etat-civil", "Eau"),
            procedure("ecole", "etat-civil", "école"),
            procedure(
                "creche",
                "enfance",
                "Inscription en crèche",
                title_en="Nursery enrolment",
                keywords=("garde",),
                access="personal_space",
                quota={"count": 2, "period": "year"},
                appointment="optional",
                steps=[
                    {
                        "id": "piece",
                        "title": "Pièces",
                        "fields": [{"id": "justificatif", "type": "attachment", "label": "Justificatif"}],
                    }
                ],
            ),
        ],
        source="tests",
    )


def test_domains_in_file_order_with_counts(repository: CatalogueRepository) -> None:
    _seed(repository)
    assert repository.domains() == [
        DomainSummary("etat-civil", LocalizedText(fr="État civil", en="Civil status"), "id-card", None, 4),
        DomainSummary("enfance", LocalizedText(fr="Enfance", en="Childhood"), "folder", None, 1),
        DomainSummary("elections", LocalizedText(fr="Élections"), "folder", None, 0),
    ]


def test_procedures_in_sorts_by_french_title_ignoring_accents(repository: CatalogueRepository) -> None:
    _seed(repository)
    assert [p.title.fr for p in repository.procedures_in("etat-civil")] == ["Eau", "école", "Élection", "Zèbre"]
    assert repository.procedures_in("elections") == []
    assert repository.procedures_in("unknown") == []
    assert [p.slug for p in repository.all_procedures()] == ["eau", "ecole", "election", "creche", "zebre"]


def test_summary_and_detail_carry_the_definition(repository: CatalogueRepository) -> None:
    _seed(repository)
    detail = repository.procedure("creche")
    assert isinstance(detail, ProcedureDetail)
    summary = detail.summary
    assert summary.slug == "creche"
    assert summary.revision == 1
    assert summary.domain == "enfance"
    assert summary.domain_title == LocalizedText(fr="Enfance", en="Childhood")
    assert summary.title == LocalizedText(fr="Inscription en crèche", en="Nursery enrolment")
    assert summary.keywords == ("garde",)
    assert summary.requires_personal_space is True
    assert summary.quota == Quota(count=2, period="year")
    assert summary.appointment == "optional"
    assert summary.estimated_minutes == 5
    assert summary.has_attachments is True
    assert detail.definition.steps[0].fields[0].id == "justificatif"
    assert repository.procedure("nope") is None
    assert repository.procedure_revision("creche", 2) is None


def test_definitions_round_trip_exactly(repository: CatalogueRepository) -> None:
    original = procedure("eau", "etat-civil", "Eau", title_en="Water", keywords=("a", "b"), help="Aide")
    repository.replace_catalogue([ETAT_CIVIL], [original], source="tests")
    detail = repository.procedure("eau")
    assert detail is not None
    assert detail.definition == original
    assert detail.definition.model_dump_json() == original.model_dump_json()


def test_dtos_are_frozen(repository: CatalogueRepository) -> None:
    _seed(repository)
    detail = repository.procedure("eau")
    assert detail is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        detail.summary.title = LocalizedText(fr="Autre")  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        repository.domains()[0].procedure_count = 9  # type: ignore[misc]
    with pytest.raises(ValidationError):
        detail.definition.slug = "autre"  # type: ignore[misc]


def test_a_new_revision_keeps_the_old_one_readable(repository: CatalogueRepository) -> None:
    first = procedure("eau", "etat-civil", "Eau", field_label="Nom")
    second = procedure("eau", "etat-civil", "Eau et assainissement", revision=2, field_label="Nom de famille")
    repository.replace_catalogue([ETAT_CIVIL], [first], source="v1")
    repository.replace_catalogue([ETAT_CIVIL], [second], source="v2")

    current = repository.procedure("eau")
    assert current is not None
    assert current.summary.revision == 2
    assert current.definition == second
    old = repository.procedure_revision("eau", 1)
    assert old is not None
    assert old.definition == first
    assert old.summary.title.fr == "Eau"
    assert old.definition.steps[0].fields[0].label.fr == "Nom"
    pinned = repository.procedure_revision("eau", 2)
    assert pinned is not None
    assert pinned.definition == second


def test_reloading_the_same_catalogue_changes_nothing(repository: CatalogueRepository) -> None:
    _seed(repository)
    before = (repository.domains(), repository.all_procedures())
    _seed(repository)
    assert (repository.domains(), repository.all_procedures()) == before


def test_a_changed_definition_needs_a_new_revision(repository: CatalogueRepository) -> None:
    repository.replace_catalogue([ETAT_CIVIL], [procedure("eau", "etat-civil", "Eau")], source="v1")
    changed = procedure("eau", "etat-civil", "Eau potable")
    assert repository.revision_conflicts([changed]) == [("eau", 1)]
    with pytest.raises(RevisionConflictError) as info:
        repository.replace_catalogue([ETAT_CIVIL], [changed], source="v2")
    assert info.value.conflicts == (("eau", 1),)
    current = repository.procedure("eau")
    assert current is not None
    assert current.summary.title.fr == "Eau"


def test_removed_procedures_and_domains_go_but_revisions_stay(repository: CatalogueRepository) -> None:
    _seed(repository)
    repository.replace_catalogue([ETAT_CIVIL], [procedure("eau", "etat-civil", "Eau")], source="smaller")
    assert [d.slug for d in repository.domains()] == ["etat-civil"]
    assert [p.slug for p in repository.all_procedures()] == ["eau"]
    assert repository.procedure("creche") is None
    # A request filled against it can still be shown; its domain is gone, so the slug stands in for the title.
    old = repository.procedure_revision("creche", 1)
    assert old is not None
    assert old.summary.domain_title == LocalizedText(fr="enfance")


def test_a_procedure_that_cannot_be_stored_is_left_out_and_the_others_stored(repository: CatalogueRepository) -> None:
    """Each procedure has its own savepoint: one that SQLite refuses never takes the catalogue down with it."""
    _seed(repository)
    # Past the schema's bound (model_copy does not validate): SQLite's integers stop at 2**63 - 1.
    huge = procedure("geant", "etat-civil", "Géant").model_copy(update={"revision": 99999999999999999999})
    refused = repository.replace_catalogue(
        [ETAT_CIVIL],  # enfance is dropped, yet "creche-2" still points at it
        [procedure("eau", "etat-civil", "Eau", revision=2), huge, procedure("creche-2", "enfance", "Crèche")],
        source="partly",
    )
    reasons = dict(refused)
    assert sorted(reasons) == ["creche-2", "geant"]
    assert "too large" in reasons["geant"]
    assert reasons["creche-2"] == "its domain 'enfance' is not in the catalogue"
    assert [p.slug for p in repository.all_procedures()] == ["eau"]
    assert [d.slug for d in repository.domains()] == ["etat-civil"]
    assert repository.procedure_revision("eau", 2) is not None
    assert repository.procedure_revision("creche-2", 1) is None
    info = repository.catalogue_info()
    assert info is not None
    assert info.source == "partly"


def test_duplicate_slugs_are_refused(repository: CatalogueRepository) -> None:
    with pytest.raises(ValueError, match="given twice"):
        repository.replace_catalogue([ETAT_CIVIL, ETAT_CIVIL], [], source="dup")
    with pytest.raises(ValueError, match="given twice"):
        repository.replace_catalogue(
            [ETAT_CIVIL], [procedure("eau", "etat-civil", "Eau"), procedure("eau", "etat-civil", "Eau")], source="dup"
        )
    assert repository.domains() == []


def test_catalogue_info_records_source_and_time(repository: CatalogueRepository) -> None:
    assert repository.catalogue_info() is None
    start = dt.datetime.now(dt.UTC)
    _seed(repository)
    info = repository.catalogue_info()
    assert info is not None
    assert info.source == "tests"
    assert info.loaded_at.tzinfo is dt.UTC
    assert start - dt.timedelta(seconds=1) <= info.loaded_at <= dt.datetime.now(dt.UTC)
