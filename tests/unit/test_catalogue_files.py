"""What the catalogue loader reads (regular files of the catalogue, bounded) and the one verdict it gives to
`catalogue check` and to the kiosk's start-up. No Qt; real files, FIFOs and symbolic links in a temp folder."""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from kiosk.models.repositories import CatalogueRepository
from kiosk.services.catalogue import CatalogueService
from kiosk.services.executors import DbExecutor
from sync.catalogue import MAX_FIELDS_PER_STEP
from sync.catalogue_files import MAX_FILE_BYTES, catalogue_files, check_report, load_catalogue
from tests.unit.catalogue_data import DOMAINS_TOML, VALID_PROCEDURE_TOML, write_catalogue

T = TypeVar("T")

DEMO_CATALOGUE = Path(__file__).resolve().parents[2] / "resources" / "catalogue"
OTHER_PROCEDURE_TOML = VALID_PROCEDURE_TOML.replace('slug = "acte-naissance"', 'slug = "acte-deces"')


@pytest.fixture
def service(repository: CatalogueRepository, db_executor: DbExecutor) -> CatalogueService:
    return CatalogueService(repository, db_executor)


def finishes(work: Callable[[], T], fifo: Path, timeout: float = 10.0) -> T:
    """``work()``'s result; fails if it is still blocked after ``timeout`` s (then the FIFO is opened for writing,
    which releases a reader blocked in open(), so the test ends instead of hanging)."""
    outcome: list[T] = []
    thread = threading.Thread(target=lambda: outcome.append(work()), daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        thread.join(timeout)
        pytest.fail(f"still blocked on {fifo} after {timeout} s")
    assert outcome, "the work raised (see the thread's traceback above)"
    return outcome[0]


def catalogue_dir(tmp_path: Path) -> Path:
    """The documented layout: domains.toml, and one file per procedure in procedures/."""
    directory = write_catalogue(tmp_path / "catalogue", {"domains.toml": DOMAINS_TOML})
    write_catalogue(directory / "procedures", {"acte-naissance.toml": VALID_PROCEDURE_TOML})
    return directory


def test_the_demo_catalogue_is_far_below_the_size_cap() -> None:
    sizes = [path.stat().st_size for path in catalogue_files(DEMO_CATALOGUE)]
    assert len(sizes) > 10
    assert max(sizes) * 50 < MAX_FILE_BYTES


def test_a_fifo_named_toml_is_refused_without_blocking_check_or_start_up(
    tmp_path: Path, service: CatalogueService
) -> None:
    directory = catalogue_dir(tmp_path)
    fifo = directory / "procedures" / "attente.toml"
    os.mkfifo(fifo)

    lines, ok = finishes(lambda: check_report([directory]), fifo)
    assert not ok
    assert f"{fifo}: is not a regular file (a FIFO): not read" in lines

    report = finishes(lambda: asyncio.run(service.load_from_directory(directory)), fifo)
    assert report.applied
    assert report.procedure_count == 1
    assert [str(e) for e in report.errors] == [f"{fifo}: is not a regular file (a FIFO): not read"]


def test_a_fifo_given_by_name_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "attente.toml"
    os.mkfifo(fifo)
    catalogue = finishes(lambda: load_catalogue([fifo]), fifo)
    assert [str(e) for e in catalogue.errors] == [f"{fifo}: is not a regular file (a FIFO): not read"]


def test_a_symbolic_link_is_not_followed(tmp_path: Path) -> None:
    outside = write_catalogue(tmp_path / "elsewhere", {"secret.toml": OTHER_PROCEDURE_TOML})
    directory = catalogue_dir(tmp_path)
    link = directory / "procedures" / "lien.toml"
    link.symlink_to(outside / "secret.toml")

    catalogue = load_catalogue(catalogue_files(directory))

    assert [p.slug for p in catalogue.procedures] == ["acte-naissance"]
    assert [str(e) for e in catalogue.errors] == [f"{link}: is a symbolic link: only regular files are read"]


def test_a_symbolic_link_given_by_name_is_not_followed(tmp_path: Path) -> None:
    target = write_catalogue(tmp_path / "elsewhere", {"secret.toml": OTHER_PROCEDURE_TOML}) / "secret.toml"
    link = tmp_path / "lien.toml"
    link.symlink_to(target)
    catalogue = load_catalogue([link])
    assert catalogue.procedures == ()
    assert [str(e) for e in catalogue.errors] == [f"{link}: is a symbolic link: only regular files are read"]


def test_a_procedures_folder_that_is_a_link_is_not_followed(tmp_path: Path) -> None:
    outside = write_catalogue(tmp_path / "elsewhere", {"secret.toml": OTHER_PROCEDURE_TOML})
    directory = write_catalogue(tmp_path / "catalogue", {"domains.toml": DOMAINS_TOML})
    (directory / "procedures").symlink_to(outside, target_is_directory=True)

    lines, ok = check_report([directory])

    assert not ok
    assert f"{directory / 'procedures'}: is a symbolic link: only regular files are read" in lines
    assert lines[-1].startswith("2 domain(s), 0 valid procedure(s)")


def test_sub_folders_are_not_read(tmp_path: Path) -> None:
    directory = catalogue_dir(tmp_path)
    nested = write_catalogue(directory / "procedures" / "archives", {"acte-deces.toml": OTHER_PROCEDURE_TOML})
    write_catalogue(directory / "autres", {"acte-deces.toml": OTHER_PROCEDURE_TOML})

    catalogue = load_catalogue(catalogue_files(directory))

    assert [p.slug for p in catalogue.procedures] == ["acte-naissance"]
    assert str(nested / "acte-deces.toml") not in {e.file for e in catalogue.errors}
    lines, _ = check_report([directory])
    assert f"{nested}: is a folder: the files of sub-folders are not read" in lines


def test_hidden_files_are_left_alone(tmp_path: Path) -> None:
    """Editors leave lock files and links such as ``.#acte.toml``: they are no part of the catalogue."""
    directory = catalogue_dir(tmp_path)
    (directory / "procedures" / ".#acte-naissance.toml").symlink_to("nobody@host.1234")
    lines, ok = check_report([directory])
    assert ok, lines


def test_a_file_over_the_size_cap_is_refused_before_it_is_read(tmp_path: Path) -> None:
    directory = catalogue_dir(tmp_path)
    big = directory / "procedures" / "enorme.toml"
    # Valid TOML, so that only the size can refuse it.
    big.write_text(OTHER_PROCEDURE_TOML + "# " + "x" * MAX_FILE_BYTES + "\n", encoding="utf-8")

    catalogue = load_catalogue(catalogue_files(directory))

    assert [p.slug for p in catalogue.procedures] == ["acte-naissance"]
    assert [str(e) for e in catalogue.errors] == [
        f"{big}: is larger than {MAX_FILE_BYTES:,} bytes ({big.stat().st_size:,} bytes): not read"
    ]


def test_deep_nesting_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "profond.toml"
    path.write_text("a = " + "[" * 100_000, encoding="utf-8")
    catalogue = load_catalogue([path])
    (error,) = catalogue.errors
    assert error.file == str(path)
    assert "nested too deeply" in error.message


# --- one verdict: `catalogue check` and start-up ------------------------------------------------------------


def startup_and_check(service: CatalogueService, directory: Path) -> tuple[list[str], list[str], int, int]:
    lines, _ = check_report([directory])
    report = asyncio.run(service.load_from_directory(directory))
    procedures_checked = int(lines[-1].split(" domain(s), ")[1].split(" ")[0])
    return lines[:-1], [str(e) for e in report.errors], procedures_checked, report.procedure_count


def test_without_domains_toml_check_and_start_up_give_the_same_verdict(
    tmp_path: Path, service: CatalogueService
) -> None:
    directory = catalogue_dir(tmp_path)
    (directory / "domains.toml").unlink()

    checked, started, checked_count, started_count = startup_and_check(service, directory)

    assert checked == started
    assert checked[0] == f"{directory / 'domains.toml'}: file not found: the catalogue's domains are declared there"
    assert checked_count == started_count == 0


def test_one_bad_domain_rejects_that_domain_only(tmp_path: Path, service: CatalogueService) -> None:
    bad_domain = '\n[[domains]]\nslug = "Sport"\ntitle = "Sport"\n'
    directory = catalogue_dir(tmp_path)
    write_catalogue(directory, {"domains.toml": DOMAINS_TOML + bad_domain})

    checked, started, checked_count, started_count = startup_and_check(service, directory)

    assert checked == started
    (error,) = checked
    assert error.startswith(f"{directory / 'domains.toml'}: domains[2].slug: String should match pattern")
    assert checked_count == started_count == 1
    assert [d.slug for d in asyncio.run(service.domains())] == ["etat-civil", "enfance"]


def test_a_domain_declared_twice_names_the_file(tmp_path: Path) -> None:
    directory = catalogue_dir(tmp_path)
    write_catalogue(directory, {"domains.toml": DOMAINS_TOML + DOMAINS_TOML.removeprefix("schema_version = 1\n")})
    lines, ok = check_report([directory])
    assert not ok
    assert lines[:2] == [
        f"{directory / 'domains.toml'}: domains[2]: domain 'etat-civil' is declared twice",
        f"{directory / 'domains.toml'}: domains[3]: domain 'enfance' is declared twice",
    ]


def _many_fields(count: int) -> str:
    fields = "".join(
        f'\n[[steps.fields]]\nid = "champ_{i}"\ntype = "text"\nlabel = "Champ {i}"\n' for i in range(count)
    )
    return OTHER_PROCEDURE_TOML + fields


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "revision = 99999999999999999999\n" + OTHER_PROCEDURE_TOML,
            "revision: Input should be less than or equal to 1000000",
            id="huge-revision",
        ),
        pytest.param(
            _many_fields(MAX_FIELDS_PER_STEP),
            f"steps[0].fields: a step holds at most {MAX_FIELDS_PER_STEP} fields, not {MAX_FIELDS_PER_STEP + 1}: "
            "split it into several steps",
            id="too-many-fields",
        ),
        pytest.param(
            OTHER_PROCEDURE_TOML.replace("required = true", 'required = "yes"'),
            "steps[0].fields[0].required: Input should be a valid boolean, not 'yes'",
            id="loose-type",
        ),
        pytest.param(
            OTHER_PROCEDURE_TOML.replace('title = { fr = "Demande', 'title = { fr = "\u202eDemande'),
            "title.fr: contains U+202E, a bidirectional control",
            id="bidi",
        ),
    ],
)
def test_a_bad_procedure_gets_the_same_verdict_in_check_and_start_up_and_the_others_load(
    tmp_path: Path, service: CatalogueService, text: str, expected: str
) -> None:
    directory = catalogue_dir(tmp_path)
    bad = directory / "procedures" / "acte-deces.toml"
    bad.write_text(text, encoding="utf-8")

    checked, started, checked_count, started_count = startup_and_check(service, directory)

    assert checked == started
    (error,) = checked
    assert error.startswith(f"{bad}: procedure 'acte-deces': {expected}")
    assert checked_count == started_count == 1
    assert [p.slug for p in service.search("naissance")] == ["acte-naissance"]
