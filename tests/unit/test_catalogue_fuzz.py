"""Fuzzing the catalogue loader: mutated TOML text and random structures, a fixed budget, the same examples on
every run (derandomized, no example database).

Whatever a file holds, ``load_catalogue_directory`` returns: what it keeps can be stored and read back as the
cache does (strict JSON, ``model_validate_json``) and its fields validated by the wizard's rules, and what it
refuses comes back as plain errors that name a file of the catalogue. No uncaught exception, no hang (each
example reads a few small files; pytest-timeout ends the test should one ever block).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.services.forms import validate
from sync.catalogue import Procedure
from sync.catalogue_files import Catalogue, load_catalogue_directory
from tests.unit.catalogue_data import DOMAINS_TOML, VALID_PROCEDURE_TOML

DEMO = Path(__file__).resolve().parents[2] / "resources" / "catalogue"
SEEDS = [
    DOMAINS_TOML,
    VALID_PROCEDURE_TOML,
    *(path.read_text(encoding="utf-8") for path in sorted((DEMO / "procedures").glob("*.toml"))[:4]),
]
FUZZ = settings(
    max_examples=120,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
TODAY = dt.date(2026, 1, 15)

# --- a small TOML writer, enough for random structures ------------------------------------------------------


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    assert isinstance(value, dict)
    return "{" + ", ".join(f"{json.dumps(k, ensure_ascii=False)} = {toml_value(v)}" for k, v in value.items()) + "}"


def toml_document(table: dict[str, Any]) -> str:
    return "".join(f"{json.dumps(k, ensure_ascii=False)} = {toml_value(v)}\n" for k, v in table.items())


# --- strategies -------------------------------------------------------------------------------------------

KEYS = sorted(
    {"slug", "revision", "title", "domain", "keywords", "description", "estimated_minutes", "steps", "fields"}
    | {"id", "type", "label", "required", "min", "max", "min_length", "max_length", "pattern", "pattern_message"}
    | {"options", "value", "show_if", "field", "equals", "fr", "en", "domains", "icon", "schema_version", "quota"}
    | {"count", "period", "min_date", "max_date", "text", "help", "max_files", "access", "appointment", "documents"}
)
TEXT = st.text(st.characters(codec="utf-8"), max_size=30)  # what a UTF-8 file can hold: no lone surrogate
SCALARS = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, 1, 2, 40, 41, 240, 10_000, 1_000_000, 1_000_001, 2**63 - 1, 2**63]),
    st.floats(allow_nan=True, allow_infinity=True),
    TEXT,
    st.sampled_from(
        ["text", "number", "date", "checkbox", "single_choice", "today+9999y", "(a+)+$", "(a)\\1", "etat-civil"]
    ),
    st.sampled_from(["\u202eDOC", "\u200b", " ", "acte-naissance", "a" * 300, "[0-9]{7}", "today-18y"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS) | TEXT, inner, max_size=4),
    max_leaves=20,
)


def _mutate(node: Any, path: list[int], value: Any, delete: bool) -> Any:
    """``node`` with one place changed: the place is found by walking ``path`` (indices modulo the sizes)."""
    if isinstance(node, dict) and node:
        keys = list(node)
        key = keys[path[0] % len(keys)] if path else keys[0]
        if len(path) > 1 and isinstance(node[key], dict | list):
            return {**node, key: _mutate(node[key], path[1:], value, delete)}
        if delete:
            return {k: v for k, v in node.items() if k != key}
        return {**node, key: value}
    if isinstance(node, list) and node:
        index = path[0] % len(node) if path else 0
        if len(path) > 1 and isinstance(node[index], dict | list):
            return [*node[:index], _mutate(node[index], path[1:], value, delete), *node[index + 1 :]]
        return node[:index] + node[index + 1 :] if delete else [*node[:index], value, *node[index + 1 :]]
    return value


@st.composite
def mutated_structures(draw: st.DrawFn) -> dict[str, Any]:
    """A valid procedure or domains file, parsed, then changed in a few places (a value replaced or removed)."""
    table: Any = tomllib.loads(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.lists(st.integers(0, 50), min_size=1, max_size=6))
        table = _mutate(table, path, draw(VALUES), draw(st.booleans()))
    return table if isinstance(table, dict) else {"value": table}


@st.composite
def mutated_texts(draw: st.DrawFn) -> str:
    """A seed file's text with characters inserted, spans deleted, and lines duplicated or swapped."""
    text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 6))):
        where = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "duplicate", "swap"]))
        if kind == "insert":
            text = (
                text[:where]
                + draw(st.text(st.sampled_from("[]{}=\"'\\.,#\n 0e+-_aé\u202e\u200b"), max_size=8))
                + text[where:]
            )
        elif kind == "delete":
            text = text[:where] + text[where + draw(st.integers(1, 40)) :]
        else:
            lines = text.splitlines(keepends=True)
            if len(lines) > 1:
                i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
                if kind == "duplicate":
                    lines.insert(j, lines[i])
                else:
                    lines[i], lines[j] = lines[j], lines[i]
                text = "".join(lines)
    return text


# --- the property -----------------------------------------------------------------------------------------


def load(files: dict[str, str]) -> tuple[Path, Catalogue]:
    with tempfile.TemporaryDirectory() as name:
        directory = Path(name)
        (directory / "procedures").mkdir()
        for relative, text in files.items():
            (directory / relative).write_text(text, encoding="utf-8")
        catalogue = load_catalogue_directory(directory)
    return directory, catalogue


def assert_sound(directory: Path, catalogue: Catalogue, names: set[str]) -> None:
    written = {str(directory / name) for name in names}
    for error in catalogue.errors:
        assert error.file in written, error
        assert error.message, error
        assert "Traceback" not in error.message, error
    for procedure in catalogue.procedures:
        stored = procedure.model_dump_json()  # what the cache writes
        json.loads(stored, parse_constant=lambda name: (_ for _ in ()).throw(AssertionError(f"{name} in JSON")))
        assert Procedure.model_validate_json(stored) == procedure  # and reads back
        assert 1 <= procedure.revision < 2**63
        for field in procedure.fields():  # the wizard's rules run on whatever passed
            validate(field, "a" * 45 + "b", TODAY)
            validate(field, "2026-02-29", TODAY)
            validate(field, "12", TODAY)


@FUZZ
@given(domains=mutated_texts(), procedure=mutated_texts())
def test_mutated_toml_text_never_breaks_the_loader(domains: str, procedure: str) -> None:
    files = {"domains.toml": domains, "procedures/fuzz.toml": procedure, "procedures/acte.toml": VALID_PROCEDURE_TOML}
    directory, catalogue = load(files)
    assert_sound(directory, catalogue, set(files))


@FUZZ
@given(structure=mutated_structures(), domains=mutated_structures())
def test_random_structures_never_break_the_loader(structure: dict[str, Any], domains: dict[str, Any]) -> None:
    files = {"domains.toml": toml_document(domains), "procedures/fuzz.toml": toml_document(structure)}
    directory, catalogue = load(files)
    assert_sound(directory, catalogue, set(files))


@FUZZ
@given(values=st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=8))
def test_random_tables_are_refused_plainly(values: dict[str, Any]) -> None:
    files = {"domains.toml": DOMAINS_TOML, "procedures/fuzz.toml": toml_document(values)}
    directory, catalogue = load(files)
    assert_sound(directory, catalogue, set(files))
