"""What the procedure schema refuses so that no catalogue file can break the kiosk: bounds, strict types, finite
numbers, readable texts, sizes the screens can show, and patterns that cannot stall. No Qt."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from sync.catalogue import (
    MAX_FIELDS_PER_STEP,
    MAX_REVISION,
    MAX_STEPS,
    MAX_TITLE_LENGTH,
    Domain,
    LocalizedText,
    Procedure,
)
from sync.catalogue_files import load_catalogue
from tests.unit.catalogue_data import VALID_PROCEDURE_TOML
from tests.unit.test_catalogue_schema import FIELD_0, choice, field, first_error, minimal, with_fields

# --- integers have bounds ---------------------------------------------------------------------------------


def test_a_revision_beyond_any_real_catalogue_is_refused() -> None:
    assert MAX_REVISION < 2**63
    loc, message = first_error(minimal(revision=99999999999999999999))
    assert loc == ("revision",)
    assert message == f"Input should be less than or equal to {MAX_REVISION}"
    assert Procedure.model_validate(minimal(revision=MAX_REVISION)).revision == MAX_REVISION


@pytest.mark.parametrize(
    ("extra", "key"),
    [
        pytest.param({"min_length": 2**63}, "min_length", id="min-length"),
        pytest.param({"max_length": 2**64}, "max_length", id="max-length"),
    ],
)
def test_lengths_have_bounds(extra: dict[str, Any], key: str) -> None:
    loc, message = first_error(with_fields(field("nom", "text", **extra)))
    assert loc == (*FIELD_0, key)
    assert message.startswith("Input should be less than or equal to ")


@pytest.mark.parametrize("key", ["min", "max"])
def test_number_bounds_stay_within_what_a_person_types(key: str) -> None:
    loc, message = first_error(with_fields(field("surface", "number", **{key: 1e300})))
    assert loc == (*FIELD_0, key)
    assert message.startswith("Input should be less than or equal to ")
    loc, message = first_error(with_fields(field("surface", "number", **{key: -1e300})))
    assert message.startswith("Input should be greater than or equal to ")


def test_quota_and_minutes_have_bounds() -> None:
    assert first_error(minimal(quota={"count": 2**70, "period": "year"}))[0] == ("quota", "count")
    assert first_error(minimal(estimated_minutes=2**70))[0] == ("estimated_minutes",)


@pytest.mark.parametrize("bound", ["today+9999y", "today-9999y", "today+9999m"])
def test_a_date_bound_beyond_the_calendar_is_refused(bound: str) -> None:
    loc, message = first_error(with_fields(field("naissance", "date", min_date=bound)))
    assert loc == (*FIELD_0, "min_date")
    assert "at most" in message


# --- strict types -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "loc", "message"),
    [
        pytest.param(
            with_fields(field("nom", required="yes")),
            (*FIELD_0, "required"),
            "Input should be a valid boolean",
            id="required-yes",
        ),
        pytest.param(minimal(revision="2"), ("revision",), "Input should be a valid integer", id="revision"),
        pytest.param(
            minimal(estimated_minutes=5.0),
            ("estimated_minutes",),
            "Input should be a valid integer",
            id="minutes-float",
        ),
        pytest.param(
            with_fields(field("age", "number", min="1")),
            (*FIELD_0, "min"),
            "Input should be a valid number",
            id="min-text",
        ),
        pytest.param(
            with_fields(field("piece", "attachment", max_files=True)),
            (*FIELD_0, "max_files"),
            "Input should be a valid integer",
            id="max-files-bool",
        ),
    ],
)
def test_values_are_not_coerced(data: dict[str, Any], loc: tuple[Any, ...], message: str) -> None:
    """pydantic's own message; the loader adds the value it got (next test)."""
    assert first_error(data) == (loc, message)


def test_a_wrong_type_names_the_file_the_procedure_and_the_key(tmp_path: Path) -> None:
    path = tmp_path / "acte.toml"
    path.write_text(VALID_PROCEDURE_TOML.replace("required = true", 'required = "yes"'), encoding="utf-8")
    (error,) = load_catalogue([path]).errors
    assert str(error) == (
        f"{path}: procedure 'acte-naissance': steps[0].fields[0].required: Input should be a valid boolean, not 'yes'"
    )


def test_an_integer_is_a_number() -> None:
    procedure = Procedure.model_validate(with_fields(field("age", "number", min=0, max=120)))
    assert next(iter(procedure.fields())).max == 120


# --- finite numbers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("key", "value"), [("min", math.nan), ("max", math.inf), ("min", -math.inf)])
def test_nan_and_infinity_are_refused(key: str, value: float) -> None:
    loc, message = first_error(with_fields(field("age", "number", **{key: value})))
    assert loc == (*FIELD_0, key)
    assert message == "Input should be a finite number"


def test_nan_in_a_file_is_reported_at_its_key(tmp_path: Path) -> None:
    path = tmp_path / "acte.toml"
    text = VALID_PROCEDURE_TOML + '\n[[steps.fields]]\nid = "age"\ntype = "number"\nlabel = "Âge"\nmin = nan\n'
    path.write_text(text, encoding="utf-8")
    catalogue = load_catalogue([path])
    assert catalogue.procedures == ()
    assert [e.location for e in catalogue.errors] == ["steps[0].fields[1].min"]


# --- readable texts ---------------------------------------------------------------------------------------

INVISIBLE = ["\u200b", "\u200b\u200c\u200d\ufeff", " \u2060 ", "\u3164", "\u00ad"]
BIDI = ["\u202e", "\u202a", "\u202b", "\u202c", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f"]
BIDI.append("\u061c")


@pytest.mark.parametrize("text", INVISIBLE, ids=lambda t: "+".join(f"U+{ord(c):04X}" for c in t))
def test_a_text_of_invisible_characters_is_refused(text: str) -> None:
    loc, message = first_error(minimal(title=text))
    assert loc[0] == "title"
    assert message == "has no visible character"


@pytest.mark.parametrize("control", BIDI, ids=lambda c: f"U+{ord(c):04X}")
def test_bidirectional_controls_are_refused(control: str) -> None:
    loc, message = first_error(minimal(title=f"{control}TNEMUCOD"))
    assert loc[0] == "title"
    assert message == (
        f"contains U+{ord(control):04X}, a bidirectional control that can make a text read differently from what it "
        "says"
    )


def test_a_control_character_is_refused_but_new_lines_are_kept() -> None:
    assert first_error(minimal(description="Une\x07cloche"))[1] == "contains U+0007, a control character"
    kept = Procedure.model_validate(minimal(description="Ligne un\nLigne deux\tet une tabulation"))
    assert kept.description.fr == "Ligne un\nLigne deux\tet une tabulation"


def test_visible_text_with_joiners_is_kept() -> None:
    """Zero-width joiners belong inside emoji and some scripts: only a text made of nothing else is refused."""
    text = LocalizedText.model_validate("Famille 👩\u200d👧")
    assert text.fr == "Famille 👩\u200d👧"


@pytest.mark.parametrize(
    ("data", "place"),
    [
        pytest.param(minimal(title={"fr": "Acte", "en": "\u200b"}), ("title", "en"), id="title-en"),
        pytest.param(minimal(description="\u202edescription"), ("description", "fr"), id="description"),
        pytest.param(minimal(help="\u200b"), ("help", "fr"), id="help"),
        pytest.param(minimal(processing_time="\u200b"), ("processing_time", "fr"), id="processing-time"),
        pytest.param(minimal(documents=["\u202eID"]), ("documents", 0, "fr"), id="documents"),
        pytest.param(minimal(keywords=["\u200b"]), ("keywords", 0), id="keyword"),
        pytest.param(with_fields(field("nom", label="\u200b")), (*FIELD_0, "label", "fr"), id="label"),
        pytest.param(with_fields(field("nom", help="\u2067x")), (*FIELD_0, "help", "fr"), id="field-help"),
        pytest.param(
            with_fields(field("nom", pattern="[a-z]+", pattern_message="\u200b")),
            (*FIELD_0, "pattern_message", "fr"),
            id="pattern-message",
        ),
        pytest.param(with_fields(field("info", "notice", text="\u200b")), (*FIELD_0, "text", "fr"), id="notice"),
        pytest.param(
            minimal(steps=[{"id": "un", "title": "\u200b", "fields": [field("nom")]}]),
            ("steps", 0, "title", "fr"),
            id="step-title",
        ),
    ],
)
def test_every_catalogue_text_is_checked(data: dict[str, Any], place: tuple[Any, ...]) -> None:
    loc, _ = first_error(data)
    assert loc[: len(place)] == place


def test_an_option_label_is_checked() -> None:
    data = with_fields(choice("motif", "perte", "vol"))
    data["steps"][0]["fields"][0]["options"][1]["label"] = "\u202evol"
    loc, _ = first_error(data)
    assert loc[: len(FIELD_0) + 3] == (*FIELD_0, "options", 1, "label")


def test_a_domain_title_is_checked() -> None:
    with pytest.raises(ValueError, match="has no visible character"):
        Domain.model_validate({"slug": "sport", "title": "\u200b\u200b"})


# --- sizes the screens can show ---------------------------------------------------------------------------


def test_a_title_has_a_length_cap() -> None:
    assert Procedure.model_validate(minimal(title="A" * MAX_TITLE_LENGTH)).title.fr == "A" * MAX_TITLE_LENGTH
    loc, message = first_error(minimal(title="T" * 600))
    assert loc[0] == "title"
    assert message == f"is longer than {MAX_TITLE_LENGTH} characters (600): shorten it"


def test_a_step_holds_a_bounded_number_of_fields() -> None:
    fields = [field(f"champ_{i}") for i in range(MAX_FIELDS_PER_STEP + 1)]
    loc, message = first_error(with_fields(*fields))
    assert loc == ("steps", 0, "fields")
    assert message == (
        f"a step holds at most {MAX_FIELDS_PER_STEP} fields, not {MAX_FIELDS_PER_STEP + 1}: split it into several steps"
    )
    assert len(Procedure.model_validate(with_fields(*fields[:-1])).steps[0].fields) == MAX_FIELDS_PER_STEP


def test_a_procedure_holds_a_bounded_number_of_steps() -> None:
    steps = [{"id": f"etape_{i}", "title": "Étape", "fields": [field(f"champ_{i}")]} for i in range(MAX_STEPS + 1)]
    loc, message = first_error(minimal(steps=steps))
    assert loc == ("steps",)
    assert message == f"a procedure has at most {MAX_STEPS} steps, not {MAX_STEPS + 1}"


def test_options_and_keywords_are_bounded() -> None:
    assert first_error(with_fields(choice("motif", *[f"v{i}" for i in range(500)])))[0] == (*FIELD_0, "options")
    assert first_error(minimal(keywords=[f"mot{i}" for i in range(500)]))[0] == ("keywords",)


# --- patterns ---------------------------------------------------------------------------------------------


def test_a_pattern_must_compile_under_re2() -> None:
    loc, message = first_error(with_fields(field("nom", pattern=r"(a)\1", pattern_message="Répétez")))
    assert loc == (*FIELD_0, "pattern")
    assert message.startswith("pattern is not a valid regular expression (RE2 syntax: ")
    assert "\\1" in message


def test_a_backtracking_pattern_is_accepted_because_re2_does_not_backtrack() -> None:
    data = with_fields(field("nom", pattern="(a+)+$", pattern_message="Des a"))
    assert next(iter(Procedure.model_validate(data).fields())).pattern == "(a+)+$"


def test_a_pattern_has_a_length_cap() -> None:
    loc, message = first_error(with_fields(field("nom", pattern="a" * 5000, pattern_message="Des a")))
    assert loc == (*FIELD_0, "pattern")
    assert message.startswith("String should have at most")
