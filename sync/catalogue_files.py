"""Reading a catalogue from TOML files, keeping every valid entry and reporting each error precisely.

A broken file never stops the others, and a broken entry never stops its neighbours: the kiosk starts with what
is valid and the operator is told which file, which entry and which place inside it is wrong.

:func:`load_catalogue_directory` is the one verdict on a catalogue: the kiosk's start-up, ``kiosk catalogue
check``/``list`` and ``central catalogue check DIR`` all call it. A catalogue is ``domains.toml`` and the
``*.toml`` files beside it and in ``procedures/``; each is read as a regular file of at most ``MAX_FILE_BYTES``
(:mod:`sync.regular_files`), never through a link, and no deeper folder is read.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from sync.catalogue import MAX_DOMAINS, Domain, DomainsFile, Procedure
from sync.regular_files import RefusedFileError, read_regular_file

DOMAINS_FILE = "domains.toml"
PROCEDURES_FOLDER = "procedures"
# The largest demo file is under 9 KB: a megabyte is a hundred times that and still reads in milliseconds.
MAX_FILE_BYTES = 1_000_000
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True, slots=True)
class CatalogueError:
    """One problem: the file, the entry (``procedure 'acte-naissance'``), the place inside it
    (``steps[1].fields[0].type``) and what is wrong."""

    file: str
    location: str
    message: str
    entry: str = ""

    def __str__(self) -> str:
        return ": ".join(part for part in (self.file, self.entry, self.location, self.message) if part)


@dataclass(frozen=True, slots=True)
class Catalogue:
    """What was loaded. ``procedures`` only holds those whose file and domain are valid; ``sources`` names the
    file of each (by slug)."""

    domains: tuple[Domain, ...] = ()
    procedures: tuple[Procedure, ...] = ()
    errors: tuple[CatalogueError, ...] = field(default=())
    file_count: int = 0
    sources: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

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


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _errors_of(
    file: str, exc: ValidationError, entry: str = "", prefix: tuple[str | int, ...] = ()
) -> list[CatalogueError]:
    errors = []
    for err in exc.errors(include_url=False):
        if _is_spurious(err):
            continue
        loc = [*prefix, *(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))]
        message = err["msg"].removeprefix("Value error, ")
        raw = err.get("input")
        if err["type"].endswith("_type") and isinstance(raw, str | int | float):
            message += f", not {_shown(raw)}"  # types are strict: say what was written ("yes", "2")
        errors.append(CatalogueError(file, _location(loc), message, entry))
    return errors


def _entry(kind: str, raw: Any) -> str:
    """``procedure 'acte-naissance'`` when the entry gives a well-formed slug, so the operator knows which one."""
    slug = raw.get("slug") if isinstance(raw, dict) else None
    return f"{kind} {slug!r}" if isinstance(slug, str) and len(slug) <= 80 and _SLUG.fullmatch(slug) else ""


def _read_toml(path: Path) -> dict[str, Any]:
    return tomllib.loads(read_regular_file(path, MAX_FILE_BYTES).decode("utf-8"))


def _visible_entries(directory: Path) -> list[os.DirEntry[str]]:
    with os.scandir(directory) as entries:
        return [e for e in entries if not e.name.startswith(".")]  # editors' lock files and swap files


def _list_catalogue(directory: Path) -> tuple[list[Path], list[CatalogueError]]:
    """The files of a catalogue and what is wrong with its layout. Entries named ``*.toml`` are listed whatever
    they are (a FIFO, a link...): reading them refuses them by name. Folders are not entered."""
    files = [Path(e.path) for e in _visible_entries(directory) if e.name.endswith(".toml")]
    errors: list[CatalogueError] = []
    if not any(f.name == DOMAINS_FILE for f in files):
        message = "file not found: the catalogue's domains are declared there"
        errors.append(CatalogueError(str(directory / DOMAINS_FILE), "", message))
    folder = directory / PROCEDURES_FOLDER
    if folder.is_symlink():
        errors.append(CatalogueError(str(folder), "", "is a symbolic link: only regular files are read"))
    elif folder.is_dir():
        try:
            entries = sorted(_visible_entries(folder), key=lambda e: e.name)
        except OSError as exc:
            errors.append(CatalogueError(str(folder), "", f"cannot be read: {exc.strerror or exc}"))
            entries = []
        for item in entries:
            if item.name.endswith(".toml"):
                files.append(Path(item.path))
            elif item.is_dir(follow_symlinks=False):
                errors.append(CatalogueError(item.path, "", "is a folder: the files of sub-folders are not read"))
    return sorted(files), errors


def catalogue_files(directory: Path) -> list[Path]:
    """The files of a catalogue directory: domains.toml and every procedure file, in a stable order."""
    return _list_catalogue(directory)[0] if directory.is_dir() else []


def load_catalogue_directory(directory: Path) -> Catalogue:
    """The catalogue in ``directory``, as the kiosk loads it and as ``catalogue check`` judges it.

    Domains are required: a procedure whose domain is not declared (also when ``domains.toml`` is missing or
    declares none) is reported and left out, since the kiosk could not show it under any domain tile.
    """
    if not directory.is_dir():
        return Catalogue(errors=(CatalogueError(str(directory), "", "is not a directory"),))
    return load_paths([directory])


def load_paths(paths: Iterable[Path]) -> Catalogue:
    """What ``catalogue check PATHS`` validates: a directory is a whole catalogue
    (:func:`load_catalogue_directory`), a file is checked with the other files given."""
    files: list[Path] = []
    errors: list[CatalogueError] = []
    whole_catalogue = False
    for path in paths:
        if path.is_dir():
            whole_catalogue = True
            try:
                listed, layout_errors = _list_catalogue(path)
            except OSError as exc:
                errors.append(CatalogueError(str(path), "", f"cannot be read: {exc.strerror or exc}"))
                continue
            files.extend(listed)
            errors.extend(layout_errors)
        else:
            files.append(path)
    return _load(files, errors, require_domains=whole_catalogue)


def check_lines(catalogue: Catalogue) -> tuple[list[str], bool]:
    """What ``kiosk catalogue check`` and ``central catalogue check`` print: each error, then a count."""
    lines = [str(error) for error in catalogue.errors]
    lines.append(
        f"{len(catalogue.domains)} domain(s), {len(catalogue.procedures)} valid procedure(s), "
        f"{len(catalogue.errors)} error(s) in {catalogue.file_count} file(s)."
    )
    return lines, catalogue.ok


def check_report(paths: Sequence[Path]) -> tuple[list[str], bool]:
    """:func:`check_lines` of :func:`load_paths`."""
    return check_lines(load_paths(paths))


def load_catalogue(files: Iterable[Path]) -> Catalogue:
    """Validate ``files`` (a domains file and procedure files) and keep what is valid.

    A procedure whose domain is not declared is reported and left out. When no domains file is among
    ``files``, domains are not checked (useful to check one procedure file on its own).
    """
    return _load(list(files), [], require_domains=False)


def _parse(path: Path) -> dict[str, Any] | CatalogueError:
    name = str(path)
    try:
        return _read_toml(path)
    except RefusedFileError as exc:
        return CatalogueError(name, "", exc.reason)
    except FileNotFoundError:
        return CatalogueError(name, "", "file not found")
    except OSError as exc:
        return CatalogueError(name, "", f"cannot be read: {exc.strerror or exc}")
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return CatalogueError(name, "", f"is not valid TOML: {exc}")
    except RecursionError:
        return CatalogueError(name, "", "is not valid TOML: its arrays or tables are nested too deeply")


def _validate_domains(name: str, raw: dict[str, Any], errors: list[CatalogueError]) -> list[tuple[int, Domain]]:
    """Each domain entry on its own: one bad entry is reported and left out, the others are kept."""
    entries = raw.get("domains")
    if not isinstance(entries, list) or len(entries) > MAX_DOMAINS:
        # Not a list of entries, or too many to judge one by one: the file is judged whole.
        try:
            return list(enumerate(DomainsFile.model_validate(raw).domains))
        except ValidationError as exc:
            errors.extend(_errors_of(name, exc))
            return []
    kept: list[tuple[int, Domain]] = []
    for index, entry in enumerate(entries):
        try:
            kept.append((index, Domain.model_validate(entry)))
        except ValidationError as exc:
            errors.extend(_errors_of(name, exc, _entry("domain", entry), ("domains", index)))
    try:
        DomainsFile.model_validate(
            {**raw, "domains": [domain for _, domain in kept]}
        )  # the file's own keys: schema_version, no unknown key
    except ValidationError as exc:
        # "at least 1 item" only echoes the entries' own errors, unless the file really lists none.
        envelope = [e for e in _errors_of(name, exc) if not (entries and e.location == "domains")]
        errors.extend(envelope)
        if envelope:
            return []  # a file for another schema version, or with a misspelt key: none of it is trusted
    return kept


def _load(files: list[Path], errors: list[CatalogueError], *, require_domains: bool) -> Catalogue:
    domains: list[tuple[str, int, Domain]] = []
    procedures: list[tuple[str, Procedure]] = []
    saw_domains_file = require_domains
    for path in files:
        name = str(path)
        raw = _parse(path)
        if isinstance(raw, CatalogueError):
            errors.append(raw)
            continue
        if path.name == DOMAINS_FILE or "domains" in raw:
            saw_domains_file = True
            domains.extend((name, index, domain) for index, domain in _validate_domains(name, raw, errors))
            continue
        try:
            procedures.append((name, Procedure.model_validate(raw)))
        except ValidationError as exc:
            errors.extend(_errors_of(name, exc, _entry("procedure", raw)))
        except RecursionError:
            errors.append(CatalogueError(name, "", "is nested too deeply to be a procedure", _entry("procedure", raw)))

    known: dict[str, Domain] = {}
    for name, index, domain in domains:
        if domain.slug in known:
            errors.append(CatalogueError(name, f"domains[{index}]", f"domain {domain.slug!r} is declared twice"))
            continue
        known[domain.slug] = domain
    domains_files = [str(f) for f in files if f.name == DOMAINS_FILE]
    if require_domains and domains_files and not known:
        errors.append(CatalogueError(domains_files[0], "", "declares no valid domain: no procedure can be offered"))
    kept: list[Procedure] = []
    by_slug: dict[str, str] = {}
    for name, procedure in procedures:
        entry = f"procedure {procedure.slug!r}"
        if saw_domains_file and procedure.domain not in known:
            errors.append(CatalogueError(name, "domain", f"unknown domain {procedure.domain!r}", entry))
            continue
        if procedure.slug in by_slug:
            message = f"slug {procedure.slug!r} is already used by {by_slug[procedure.slug]}"
            errors.append(CatalogueError(name, "slug", message, entry))
            continue
        by_slug[procedure.slug] = name
        kept.append(procedure)
    return Catalogue(tuple(known.values()), tuple(kept), tuple(errors), len(files), MappingProxyType(by_slug))
