"""CatalogueService over a real DB worker thread and a SQLite file: loading TOML, reading, searching."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

import kiosk.services.catalogue as catalogue_module
from kiosk.models.repositories import CatalogueRepository
from kiosk.services.catalogue import CatalogueService
from kiosk.services.executors import DbExecutor
from sync.catalogue_files import Catalogue, load_catalogue_directory
from tests.unit.catalogue_data import DOMAINS_TOML, MALFORMED_PROCEDURE_TOML, VALID_PROCEDURE_TOML, write_catalogue

DEMO_CATALOGUE = Path(__file__).resolve().parents[2] / "resources" / "catalogue"


@pytest.fixture
def service(repository: CatalogueRepository, db_executor: DbExecutor) -> CatalogueService:
    return CatalogueService(repository, db_executor)


def test_a_malformed_file_is_reported_and_the_valid_one_kept(service: CatalogueService, tmp_path: Path) -> None:
    directory = write_catalogue(
        tmp_path / "catalogue",
        {"domains.toml": DOMAINS_TOML, "acte.toml": VALID_PROCEDURE_TOML, "creche.toml": MALFORMED_PROCEDURE_TOML},
    )
    report = asyncio.run(service.load_from_directory(directory))

    assert report.applied
    assert not report.ok
    assert (report.file_count, report.domain_count, report.procedure_count) == (3, 2, 1)
    assert {e.file for e in report.errors} == {str(directory / "creche.toml")}
    assert "steps[0].fields[1].type" in [e.location for e in report.errors]
    assert any(
        "creche.toml: procedure 'inscription-creche': steps[0].fields[1].type: Input should be" in str(e)
        for e in report.errors
    )

    assert [p.slug for p in service.search("naissance")] == ["acte-naissance"]
    assert service.search("creche") == []
    domains = asyncio.run(service.domains())
    assert [(d.slug, d.procedure_count) for d in domains] == [("etat-civil", 1), ("enfance", 0)]
    assert [p.slug for p in asyncio.run(service.procedures_in("etat-civil"))] == ["acte-naissance"]
    detail = asyncio.run(service.procedure("acte-naissance"))
    assert detail is not None
    assert detail.summary.domain_title.fr == "État civil"
    assert asyncio.run(service.procedure_revision("acte-naissance", 1)) == detail
    info = asyncio.run(service.catalogue_info())
    assert info is not None
    assert info.source == str(directory)


def test_search_is_empty_before_the_first_load(service: CatalogueService) -> None:
    assert service.search("naissance") == []


def test_files_are_read_on_the_db_thread(
    service: CatalogueService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[str] = []

    def spy(directory: Path) -> Catalogue:
        threads.append(threading.current_thread().name)
        return load_catalogue_directory(directory)

    monkeypatch.setattr(catalogue_module, "load_catalogue_directory", spy)
    directory = write_catalogue(tmp_path / "c", {"domains.toml": DOMAINS_TOML, "acte.toml": VALID_PROCEDURE_TOML})
    asyncio.run(service.load_from_directory(directory))
    assert len(threads) == 1
    assert threads[0].startswith("kiosk-db")


def test_without_domains_the_previous_catalogue_is_kept(service: CatalogueService, tmp_path: Path) -> None:
    good = write_catalogue(tmp_path / "good", {"domains.toml": DOMAINS_TOML, "acte.toml": VALID_PROCEDURE_TOML})
    asyncio.run(service.load_from_directory(good))
    broken = write_catalogue(tmp_path / "broken", {"domains.toml": "domains = [", "acte.toml": VALID_PROCEDURE_TOML})

    report = asyncio.run(service.load_from_directory(broken))

    assert not report.applied
    assert report.procedure_count == 1  # what the kiosk still offers
    assert any("not valid TOML" in e.message for e in report.errors)
    assert any("declares no valid domain" in e.message for e in report.errors)
    assert [p.slug for p in service.search("naissance")] == ["acte-naissance"]

    missing = asyncio.run(service.load_from_directory(tmp_path / "absent"))
    assert not missing.applied
    assert missing.errors[0].message == "is not a directory"


def test_a_change_without_a_new_revision_is_reported_and_the_stored_one_kept(
    service: CatalogueService, tmp_path: Path
) -> None:
    directory = write_catalogue(tmp_path / "c", {"domains.toml": DOMAINS_TOML, "acte.toml": VALID_PROCEDURE_TOML})
    asyncio.run(service.load_from_directory(directory))
    changed = VALID_PROCEDURE_TOML.replace('label = "Nom"', 'label = "Nom de naissance"')
    write_catalogue(directory, {"acte.toml": changed})

    report = asyncio.run(service.load_from_directory(directory))
    (error,) = report.errors
    assert error.file == str(directory / "acte.toml")
    assert error.location == "revision"
    assert report.procedure_count == 1
    detail = asyncio.run(service.procedure("acte-naissance"))
    assert detail is not None
    assert detail.definition.steps[0].fields[0].label.fr == "Nom"

    write_catalogue(directory, {"acte.toml": "revision = 2\n" + changed})
    report = asyncio.run(service.load_from_directory(directory))
    assert report.ok
    detail = asyncio.run(service.procedure("acte-naissance"))
    assert detail is not None
    assert detail.summary.revision == 2
    old = asyncio.run(service.procedure_revision("acte-naissance", 1))
    assert old is not None
    assert old.definition.steps[0].fields[0].label.fr == "Nom"


def test_a_new_service_indexes_the_cached_catalogue(
    repository: CatalogueRepository, db_executor: DbExecutor, tmp_path: Path
) -> None:
    directory = write_catalogue(tmp_path / "c", {"domains.toml": DOMAINS_TOML, "acte.toml": VALID_PROCEDURE_TOML})
    asyncio.run(CatalogueService(repository, db_executor).load_from_directory(directory))

    restarted = CatalogueService(repository, db_executor)
    assert restarted.search("birth") == []
    asyncio.run(restarted.rebuild_index())
    assert [p.slug for p in restarted.search("birth")] == ["acte-naissance"]


@pytest.mark.skipif(not DEMO_CATALOGUE.is_dir(), reason="no demo catalogue in kiosk/resources/catalogue")
def test_the_demo_catalogue_loads_without_errors(service: CatalogueService) -> None:
    report = asyncio.run(service.load_from_directory(DEMO_CATALOGUE))
    assert report.errors == ()
    assert report.ok
    assert report.procedure_count > 0
    assert len(service.search("e", limit=1000)) > 0
