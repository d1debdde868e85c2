"""Reading a catalogue from TOML files, keeping every valid procedure and reporting each error precisely.

A broken file never stops the others: the kiosk starts with what is valid and the operator is told which
file and which place inside it is wrong.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from sync.catalogue import Domain, DomainsFile, Procedure

DOMAINS_FILE = "domains.toml"


@dataclass(frozen=True, slots=True)
class CatalogueError:
    """One problem: the file, the place inside it (``steps[1].fields[0].type``) and what is wrong."""

    file: str
    location: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.location}" if self.location else self.file
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class Catalogue:
    """What was loaded. ``procedures`` only holds those whose file and domain are valid."""

    domains: tuple[Domain, ...] = ()
    procedures: tuple[Procedure, ...] = ()
    errors: tuple[CatalogueError, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.errors


def _location(loc: Sequence[int | str]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def _is_spurious(err: ErrorDetails) -> bool:
    """pydantic-core checks a tuple's ``min_length`` against the items that passed validation, so one bad
    field in a one-field step also gives "Tuple should have at least 1 item": the item's own error says it all.
    """
    raw = err.get("input")
    min_length = (err.get("ctx") or {}).get("min_length")
    return (
        err["type"] == "too_short"
        and isinstance(raw, list | tuple)
        and isinstance(min_length, int)
        and len(raw) >= min_length
    )


def _errors_of(file: str, exc: ValidationError) -> list[CatalogueError]:
    errors = []
    for err in exc.errors(include_url=False):
        if _is_spurious(err):
            continue
        loc = [p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
        message = err["msg"].removeprefix("Value error, ")
        errors.append(CatalogueError(file, _location(loc), message))
    return errors


def _read_toml(path: Path) -> dict[str, Any]:
    with path.open("rb") as fh:
        return tomllib.load(fh)


def catalogue_files(directory: Path) -> list[Path]:
    """The files of a catalogue directory: domains.toml and every procedure file, in a stable order."""
    return sorted(directory.rglob("*.toml"))


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files to check: a directory stands for every catalogue file below it."""
    files: list[Path] = []
    for path in paths:
        files.extend(catalogue_files(path) if path.is_dir() else [path])
    return files


def check_report(files: Sequence[Path]) -> tuple[list[str], bool]:
    """What `kiosk catalogue check` and `central catalogue check` print: each error, then a count."""
    catalogue = load_catalogue(files)
    lines = [str(error) for error in catalogue.errors]
    lines.append(
        f"{len(catalogue.domains)} domain(s), {len(catalogue.procedures)} valid procedure(s), "
        f"{len(catalogue.errors)} error(s) in {len(files)} file(s)."
    )
    return lines, catalogue.ok


def load_catalogue(files: Iterable[Path]) -> Catalogue:
    """Validate ``files`` (a domains file and procedure files) and keep what is valid.

    A procedure whose domain is not declared is reported and left out. When no domains file is among
    ``files``, domains are not checked (useful to check one procedure file on its own).
    """
    domains: list[Domain] = []
    procedures: list[tuple[str, Procedure]] = []
    errors: list[CatalogueError] = []
    saw_domains_file = False
    for path in files:
        name = str(path)
        try:
            raw = _read_toml(path)
        except FileNotFoundError:
            errors.append(CatalogueError(name, "", "file not found"))
            continue
        except OSError as exc:
            errors.append(CatalogueError(name, "", f"cannot be read: {exc.strerror or exc}"))
            continue
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            errors.append(CatalogueError(name, "", f"is not valid TOML: {exc}"))
            continue
        try:
            if "domains" in raw:
                saw_domains_file = True
                domains.extend(DomainsFile.model_validate(raw).domains)
            else:
                procedures.append((name, Procedure.model_validate(raw)))
        except ValidationError as exc:
            errors.extend(_errors_of(name, exc))

    known: dict[str, str] = {}
    for domain in domains:
        if domain.slug in known:
            errors.append(CatalogueError(DOMAINS_FILE, "domains", f"domain {domain.slug!r} is declared twice"))
        known[domain.slug] = domain.slug
    kept: list[Procedure] = []
    by_slug: dict[str, str] = {}
    for name, procedure in procedures:
        if saw_domains_file and procedure.domain not in known:
            errors.append(CatalogueError(name, "domain", f"unknown domain {procedure.domain!r}"))
            continue
        if procedure.slug in by_slug:
            errors.append(
                CatalogueError(name, "slug", f"slug {procedure.slug!r} is already used by {by_slug[procedure.slug]}")
            )
            continue
        by_slug[procedure.slug] = name
        kept.append(procedure)
    unique_domains = tuple({d.slug: d for d in domains}.values())
    return Catalogue(unique_domains, tuple(kept), tuple(errors))
