"""The procedure schema (sync/catalogue.py) and the catalogue loader (sync/catalogue_files.py). No Qt."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from sync.catalogue import Condition, LocalizedText, Procedure, resolve_date_bound
from sync.catalogue_files import CatalogueError, load_catalogue
from tests.unit.catalogue_data import DOMAINS_TOML, MALFORMED_PROCEDURE_TOML, VALID_PROCEDURE_TOML, write_catalogue

Loc = tuple[int | str, ...]
FIELD_0: Loc = ("steps", 0, "fields", 0)


def minimal(**changes: Any) -> dict[str, Any]:
    """A valid procedure as a dict: one step with one text field. ``changes`` replace top-level keys."""
    data: dict[str, Any] = {
        "slug": "acte-naissance",
        "title": {"fr": "Acte de naissance", "en": "Birth certificate"},
        "domain": "etat-civil",
        "description": "Obtenir une copie de votre acte de naissance.",
        "estimated_minutes": 5,
        "steps": [
            {"id": "demandeur", "title": "Le demandeur", "fields": [{"id": "nom", "type": "text", "label": "Nom"}]}
        ],
    }
    data.update(changes)
    return data


def with_fields(*fields: dict[str, Any]) -> dict[str, Any]:
    """A valid procedure whose single step holds ``fields``."""
    return minimal(steps=[{"id": "demandeur", "title": "Le demandeur", "fields": list(fields)}])


def field(field_id: str = "nom", field_type: str = "text", **extra: Any) -> dict[str, Any]:
    return {"id": field_id, "type": field_type, "label": field_id.capitalize(), **extra}


def choice(field_id: str, *values: str, field_type: str = "single_choice") -> dict[str, Any]:
    return field(field_id, field_type, options=[{"value": v, "label": v} for v in values])


def first_error(data: dict[str, Any]) -> tuple[Loc, str]:
    """The location and message of the first (the real) problem pydantic finds in ``data``."""
    with pytest.raises(ValidationError) as info:
        Procedure.model_validate(data)
    err = info.value.errors(include_url=False)[0]
    return tuple(err["loc"]), err["msg"].removeprefix("Value error, ")


# --- the schema -----------------------------------------------------------------------------------------


def test_a_minimal_procedure_loads_with_its_defaults() -> None:
    procedure = Procedure.model_validate(minimal())

    assert procedure.slug == "acte-naissance"
    assert procedure.revision == 1
    assert procedure.access == "anonymous"
    assert procedure.appointment == "none"
    assert procedure.quota is None
    assert procedure.description == LocalizedText(fr="Obtenir une copie de votre acte de naissance.")
    assert [f.id for f in procedure.fields()] == ["nom"]
    assert not procedure.has_attachments


def test_an_attachment_field_is_noticed() -> None:
    procedure = Procedure.model_validate(with_fields(field("piece", "attachment", max_files=2)))
    assert procedure.has_attachments


def test_a_bare_string_is_french_and_english_falls_back_to_it() -> None:
    text = LocalizedText.model_validate("  Bonjour ")

    assert text == LocalizedText(fr="Bonjour", en=None)
    assert text.get("en") == "Bonjour"
    assert text.get("fr") == "Bonjour"
    assert LocalizedText(fr="Bonjour", en="Hello").get("en") == "Hello"


def test_a_localized_text_needs_french() -> None:
    with pytest.raises(ValidationError) as info:
        LocalizedText.model_validate({"en": "Hello"})
    assert [e["loc"] for e in info.value.errors()] == [("fr",)]


def test_a_bad_slug_is_refused() -> None:
    loc, message = first_error(minimal(slug="Acte_Naissance"))
    assert loc == ("slug",)
    assert "should match pattern" in message


def test_an_unknown_field_type_is_refused() -> None:
    loc, message = first_error(with_fields(field("nom", "colour")))
    assert loc == (*FIELD_0, "type")
    assert message.startswith("Input should be 'text', 'long_text'")


@pytest.mark.parametrize(
    ("extra", "loc", "message"),
    [
        pytest.param(
            {"pattern": r"\d+"},
            FIELD_0,
            "a pattern needs its own pattern_message, written for the citizen",
            id="no-msg",
        ),
        pytest.param(
            {"pattern": "[0-9", "pattern_message": "Des chiffres"},
            (*FIELD_0, "pattern"),
            "pattern is not a valid regular expression (RE2 syntax: missing ]: [0-9)",
            id="bad-regex",
        ),
        pytest.param({"min_length": 5, "max_length": 2}, FIELD_0, "min_length is greater than max_length", id="length"),
        pytest.param({"min": 1}, FIELD_0, "min and max apply to number fields, not text", id="min-on-text"),
        pytest.param({"max": 9}, FIELD_0, "min and max apply to number fields, not text", id="max-on-text"),
        pytest.param(
            {"min_date": "today"}, FIELD_0, "min_date and max_date apply to date fields, not text", id="date-on-text"
        ),
        pytest.param(
            {"options": [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}]},
            FIELD_0,
            "options apply to choice fields, not text",
            id="options-on-text",
        ),
        pytest.param({"max_files": 2}, FIELD_0, "max_files applies to attachment fields only", id="max-files"),
        pytest.param({"text": "Lisez ceci"}, FIELD_0, "text applies to notice fields only", id="text-on-text"),
    ],
)
def test_a_text_field_refuses_rules_of_other_types(extra: dict[str, Any], loc: Loc, message: str) -> None:
    assert first_error(with_fields(field("nom", "text", **extra))) == (loc, message)


def test_min_and_max_on_a_number_field_are_accepted_in_order() -> None:
    procedure = Procedure.model_validate(with_fields(field("age", "number", min=0, max=120)))
    assert next(iter(procedure.fields())).max == 120
    assert first_error(with_fields(field("age", "number", min=10, max=1))) == (FIELD_0, "min is greater than max")


@pytest.mark.parametrize("bound", ["yesterday", "today+", "today+3w", "2024-2-1", "today + 3d"])
def test_a_bad_date_bound_syntax_is_refused(bound: str) -> None:
    loc, message = first_error(with_fields(field("naissance", "date", min_date=bound)))
    assert loc == (*FIELD_0, "min_date")
    assert message == "date bound must be 'today', 'today+Nd', 'today-Ny' (d, m or y) or YYYY-MM-DD"


def test_an_impossible_iso_date_bound_is_refused() -> None:
    loc, message = first_error(with_fields(field("naissance", "date", max_date="2024-13-01")))
    assert loc == (*FIELD_0, "max_date")
    assert "month must be in 1..12" in message


def test_valid_date_bounds_are_accepted() -> None:
    data = with_fields(field("naissance", "date", min_date="today-120y", max_date="2030-12-31"))
    assert next(iter(Procedure.model_validate(data).fields())).min_date == "today-120y"


@pytest.mark.parametrize("field_type", ["single_choice", "multiple_choice"])
def test_a_choice_needs_two_options(field_type: str) -> None:
    assert first_error(with_fields(choice("motif", "perte", field_type=field_type))) == (
        FIELD_0,
        f"a {field_type} field needs at least two options",
    )


def test_option_values_must_be_unique() -> None:
    assert first_error(with_fields(choice("motif", "perte", "vol", "perte"))) == (
        FIELD_0,
        "option values must be unique",
    )


def test_a_notice_needs_a_text_and_cannot_be_required() -> None:
    assert first_error(with_fields(field("info", "notice"))) == (FIELD_0, "a notice needs a text")
    assert first_error(with_fields(field("info", "notice", text="À lire", required=True))) == (
        FIELD_0,
        "a notice cannot be required",
    )


def test_duplicate_field_ids_are_refused_even_across_steps() -> None:
    data = minimal(
        steps=[
            {"id": "un", "title": "Un", "fields": [field("nom")]},
            {"id": "deux", "title": "Deux", "fields": [field("nom")]},
        ]
    )
    assert first_error(data) == ((), "field id 'nom' is used twice")


def test_duplicate_step_ids_are_refused() -> None:
    data = minimal(
        steps=[
            {"id": "un", "title": "Un", "fields": [field("nom")]},
            {"id": "un", "title": "Encore", "fields": [field("prenom")]},
        ]
    )
    assert first_error(data) == ((), "step id 'un' is used twice")


def test_a_condition_on_a_later_field_is_refused() -> None:
    data = with_fields(
        field("nom", show_if={"field": "majeur", "equals": True}),
        field("majeur", "checkbox"),
    )
    assert first_error(data) == ((), "field 'nom' depends on 'majeur', which is not a field asked before it")


def test_a_condition_on_a_missing_field_is_refused() -> None:
    data = minimal(
        steps=[
            {"id": "un", "title": "Un", "fields": [field("nom")]},
            {"id": "deux", "title": "Deux", "fields": [field("prenom")], "show_if": {"field": "age", "equals": "x"}},
        ]
    )
    assert first_error(data) == ((), "step 'deux' depends on 'age', which is not a field asked before it")


def test_a_condition_on_a_value_the_choice_does_not_offer_is_refused() -> None:
    data = with_fields(
        choice("motif", "perte", "vol", field_type="multiple_choice"),
        field("plainte", show_if={"field": "motif", "equals": ["vol", "incendie", "casse"]}),
    )
    assert first_error(data) == (
        (),
        "field 'plainte' depends on values ['casse', 'incendie'] that 'motif' does not offer",
    )


def test_a_condition_on_an_offered_value_is_accepted() -> None:
    data = with_fields(choice("motif", "perte", "vol"), field("plainte", show_if={"field": "motif", "equals": "vol"}))
    assert Procedure.model_validate(data).steps[0].fields[1].show_if == Condition(field="motif", equals="vol")


def test_a_checkbox_condition_needs_a_boolean() -> None:
    data = with_fields(field("majeur", "checkbox"), field("nom", show_if={"field": "majeur", "equals": "oui"}))
    assert first_error(data) == ((), "field 'nom' depends on checkbox 'majeur': use true or false")
    ok = with_fields(field("majeur", "checkbox"), field("nom", show_if={"field": "majeur", "equals": False}))
    assert Procedure.model_validate(ok).steps[0].fields[1].show_if == Condition(field="majeur", equals=False)


def test_a_procedure_needs_steps() -> None:
    assert first_error(minimal(steps=[])) == (("steps",), "Tuple should have at least 1 item after validation, not 0")


def test_an_unknown_top_level_key_is_refused() -> None:
    assert first_error(minimal(titel="Oups")) == (("titel",), "Extra inputs are not permitted")


def test_revision_starts_at_one() -> None:
    assert first_error(minimal(revision=0)) == (("revision",), "Input should be greater than or equal to 1")


# --- date bounds and conditions -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bound", "today", "expected"),
    [
        ("today", dt.date(2024, 5, 17), dt.date(2024, 5, 17)),
        ("today+30d", dt.date(2024, 5, 17), dt.date(2024, 6, 16)),
        ("today-18y", dt.date(2024, 2, 29), dt.date(2006, 2, 28)),
        ("today+1m", dt.date(2025, 1, 31), dt.date(2025, 2, 28)),
        ("today-1m", dt.date(2025, 1, 15), dt.date(2024, 12, 15)),
        ("2023-07-14", dt.date(2024, 5, 17), dt.date(2023, 7, 14)),
    ],
)
def test_resolve_date_bound(bound: str, today: dt.date, expected: dt.date) -> None:
    assert resolve_date_bound(bound, today) == expected


def test_resolve_date_bound_refuses_nonsense() -> None:
    with pytest.raises(ValueError, match="invalid date bound 'yesterday'"):
        resolve_date_bound("yesterday", dt.date(2024, 5, 17))


@pytest.mark.parametrize(
    ("equals", "expected"),
    [
        ("vol", frozenset({"vol"})),
        (True, frozenset({"true"})),
        (False, frozenset({"false"})),
        (["vol", "perte", "vol"], frozenset({"vol", "perte"})),
    ],
)
def test_condition_values(equals: str | bool | list[str], expected: frozenset[str]) -> None:
    assert Condition(field="motif", equals=equals).values() == expected


# --- the loader -----------------------------------------------------------------------------------------

OTHER_DOMAIN_TOML = VALID_PROCEDURE_TOML.replace('slug = "acte-naissance"', 'slug = "permis-chasse"').replace(
    'domain = "etat-civil"', 'domain = "chasse"'
)
BROKEN_TOML = 'slug = "oups"\ntitle = "Pas fermé\n'


def messages(errors: tuple[CatalogueError, ...]) -> list[str]:
    return [str(e) for e in errors]


def test_the_loader_keeps_valid_files_and_reports_each_bad_one(tmp_path: Path) -> None:
    directory = write_catalogue(
        tmp_path / "catalogue",
        {
            "domains.toml": DOMAINS_TOML,
            "a-valid.toml": VALID_PROCEDURE_TOML,
            "b-broken.toml": BROKEN_TOML,
            "c-malformed.toml": MALFORMED_PROCEDURE_TOML,
            "d-other-domain.toml": OTHER_DOMAIN_TOML,
            "e-same-slug.toml": VALID_PROCEDURE_TOML,
        },
    )
    missing = directory / "f-missing.toml"
    catalogue = load_catalogue([*sorted(directory.glob("*.toml")), missing])

    assert [d.slug for d in catalogue.domains] == ["etat-civil", "enfance"]
    assert [p.slug for p in catalogue.procedures] == ["acte-naissance"]
    assert not catalogue.ok
    files = [Path(e.file).name for e in catalogue.errors]
    assert files == ["b-broken.toml", "c-malformed.toml", "f-missing.toml", "d-other-domain.toml", "e-same-slug.toml"]
    broken, malformed, unreadable, other_domain, same_slug = catalogue.errors
    assert broken.location == ""
    assert str(broken).startswith(f"{directory / 'b-broken.toml'}: is not valid TOML: ")
    assert (malformed.location, malformed.message.split(" should be ")[0]) == ("steps[0].fields[1].type", "Input")
    assert str(malformed).startswith(
        f"{directory / 'c-malformed.toml'}: procedure 'inscription-creche': "
        "steps[0].fields[1].type: Input should be 'text'"
    )
    assert str(unreadable) == f"{missing}: file not found"
    assert (other_domain.location, other_domain.message) == ("domain", "unknown domain 'chasse'")
    assert same_slug == CatalogueError(
        str(directory / "e-same-slug.toml"),
        "slug",
        f"slug 'acte-naissance' is already used by {directory / 'a-valid.toml'}",
        "procedure 'acte-naissance'",
    )


def test_a_directory_given_as_a_file_cannot_be_read(tmp_path: Path) -> None:
    catalogue = load_catalogue([tmp_path])
    assert messages(catalogue.errors) == [f"{tmp_path}: is a folder: not read"]


def test_without_a_domains_file_domains_are_not_checked(tmp_path: Path) -> None:
    directory = write_catalogue(tmp_path, {"other.toml": OTHER_DOMAIN_TOML})
    catalogue = load_catalogue([directory / "other.toml"])
    assert catalogue.ok
    assert [p.domain for p in catalogue.procedures] == ["chasse"]


def test_one_bad_field_is_reported_once(tmp_path: Path) -> None:
    """pydantic-core also reports "Tuple should have at least 1 item" on steps/fields when their only item
    is invalid; the loader drops that echo so the operator sees the one real problem."""
    one_field = VALID_PROCEDURE_TOML.replace('type = "text"', 'type = "colour"')
    directory = write_catalogue(tmp_path, {"domains.toml": DOMAINS_TOML, "one.toml": one_field})
    catalogue = load_catalogue(sorted(directory.glob("*.toml")))

    assert [(e.location, e.message.split(" should ")[0]) for e in catalogue.errors] == [
        ("steps[0].fields[0].type", "Input")
    ]
    assert catalogue.procedures == ()


def test_a_bad_field_in_a_two_field_step_is_reported_once(tmp_path: Path) -> None:
    directory = write_catalogue(tmp_path, {"domains.toml": DOMAINS_TOML, "bad.toml": MALFORMED_PROCEDURE_TOML})
    catalogue = load_catalogue(sorted(directory.glob("*.toml")))
    assert [e.location for e in catalogue.errors] == ["steps[0].fields[1].type"]


def test_an_empty_steps_list_is_still_reported(tmp_path: Path) -> None:
    """Dropping the echo must not hide a tuple that really is too short."""
    text = VALID_PROCEDURE_TOML.split("[[steps]]")[0] + "steps = []\n"
    directory = write_catalogue(tmp_path, {"empty.toml": text})
    catalogue = load_catalogue([directory / "empty.toml"])
    assert [(e.location, e.message) for e in catalogue.errors] == [
        ("steps", "Tuple should have at least 1 item after validation, not 0")
    ]


def test_a_bad_step_after_a_good_one_is_reported_at_its_index() -> None:
    data = minimal()
    data["steps"].append({"id": "Mauvais", "title": "X", "fields": [field("prenom")]})
    with pytest.raises(ValidationError) as info:
        Procedure.model_validate(data)
    assert [e["loc"] for e in info.value.errors()] == [("steps", 1, "id")]
