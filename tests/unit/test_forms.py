"""The rules of a procedure's own questions (kiosk/services/forms.py): conditions, visibility, what is kept,
and for every field type what it refuses and with which problem. No Qt."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kiosk.models.dto import Address, AnswerValue
from kiosk.paths import resources_dir
from kiosk.services.forms import (
    PROBLEM_CODES,
    Problem,
    clean_answers,
    collapse_whitespace,
    condition_holds,
    is_empty,
    normalize,
    normalize_long_text,
    parse_number,
    validate,
    validate_step,
    visible_fields,
    visible_steps,
)
from sync.catalogue import Condition, FieldDef, Procedure, Step
from sync.catalogue_files import catalogue_files, load_catalogue

TODAY = dt.date(2025, 3, 3)
LEAP_DAY = dt.date(2024, 2, 29)


def make_field(field_type: str = "text", field_id: str = "f", **extra: Any) -> FieldDef:
    return FieldDef.model_validate({"id": field_id, "type": field_type, "label": field_id.capitalize(), **extra})


def options(*values: str) -> list[dict[str, str]]:
    return [{"value": v, "label": v.capitalize()} for v in values]


def refused(field: FieldDef, value: AnswerValue | None, today: dt.date = TODAY) -> Problem | None:
    return validate(field, value, today)


def procedure(*steps: dict[str, Any]) -> Procedure:
    return Procedure.model_validate(
        {
            "slug": "essai",
            "title": "Essai",
            "domain": "etat-civil",
            "description": "Une démarche d'essai.",
            "estimated_minutes": 5,
            "steps": list(steps),
        }
    )


def step(step_id: str, *fields: dict[str, Any], show_if: dict[str, Any] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"id": step_id, "title": step_id.capitalize(), "fields": list(fields)}
    if show_if is not None:
        data["show_if"] = show_if
    return data


def fdict(field_id: str, field_type: str = "text", **extra: Any) -> dict[str, Any]:
    return {"id": field_id, "type": field_type, "label": field_id.capitalize(), **extra}


# --- normalization ------------------------------------------------------------------------------------------


def test_text_is_trimmed_and_inner_whitespace_collapsed() -> None:
    assert collapse_whitespace("  Jean \t  Pierre\n Martin ") == "Jean Pierre Martin"
    assert normalize(make_field("text"), "  Jean   Pierre ") == "Jean Pierre"


def test_long_text_keeps_its_lines_but_not_runs_of_blank_lines() -> None:
    assert normalize_long_text("  Un   trou\t profond.  \r\n\n\n\n  Devant  l'école. ") == (
        "Un trou profond.\n\nDevant l'école."
    )


def test_email_and_phone_are_kept_as_typed_but_trimmed() -> None:
    assert normalize(make_field("email"), "  Nom.Prenom@Exemple.FR ") == "Nom.Prenom@Exemple.FR"
    assert normalize(make_field("phone"), " 06.12.34.56.78 ") == "06.12.34.56.78"


@pytest.mark.parametrize(
    ("typed", "number"),
    [("3", 3), (" 12 ", 12), ("2,5", 2.5), ("2.5", 2.5), ("1 000", 1000), ("-4", -4), ("abc", None), ("", None)],
)
def test_a_typed_number_is_parsed_with_a_comma_or_a_dot(typed: str, number: float | None) -> None:
    assert parse_number(typed) == number


def test_a_typed_number_becomes_a_number_and_a_non_number_stays_text() -> None:
    field = make_field("number")
    assert normalize(field, "3") == 3
    assert isinstance(normalize(field, "3"), int)
    assert normalize(field, " trois ") == "trois"
    assert normalize(field, 2.5) == 2.5
    assert normalize(field, float("nan")) is None


def test_ticked_options_follow_the_definition_order_once_each() -> None:
    field = make_field("multiple_choice", options=options("a", "b", "c"))
    assert normalize(field, ("c", "a", "c")) == ("a", "c")
    assert normalize(field, ()) is None


def test_address_parts_are_trimmed_and_the_postcode_loses_its_spaces() -> None:
    field = make_field("address")
    typed = Address(line=" 12  rue de la Paix ", postcode=" 75 001", city=" Paris ", complement="  ")
    assert normalize(field, typed) == Address("12 rue de la Paix", "75001", "Paris", "")
    assert normalize(field, Address(" ", "", "\t")) is None


@pytest.mark.parametrize(
    ("value", "empty"),
    [(None, True), ("", True), ("  \t\n", True), ((), True), (Address("", " ", ""), True), (False, False), (0, False)],
)
def test_what_counts_as_no_answer(value: AnswerValue | None, empty: bool) -> None:
    assert is_empty(value) is empty


def test_a_value_of_the_wrong_type_counts_as_not_answered() -> None:
    assert normalize(make_field("text"), ("a",)) is None
    assert normalize(make_field("checkbox"), "true") is None
    assert normalize(make_field("address"), "12 rue de la Paix") is None
    assert refused(make_field("date", required=True), 20250303) == Problem("required")


# --- conditions ---------------------------------------------------------------------------------------------


def test_a_condition_on_a_single_choice_holds_for_any_listed_value() -> None:
    condition = Condition(field="niveau", equals=["ce1", "ce2"])
    assert condition_holds(condition, {"niveau": "ce2"})
    assert not condition_holds(condition, {"niveau": "cp"})
    assert not condition_holds(condition, {})
    assert condition_holds(Condition(field="motif", equals="autre"), {"motif": "autre"})


def test_a_condition_on_a_multiple_choice_holds_when_any_value_is_ticked() -> None:
    condition = Condition(field="materiel", equals=["sonorisation", "cuisine"])
    assert condition_holds(condition, {"materiel": ("tables", "cuisine")})
    assert not condition_holds(condition, {"materiel": ("tables",)})
    assert not condition_holds(condition, {"materiel": ()})


def test_a_condition_on_a_checkbox_matches_true_or_false() -> None:
    ticked = Condition(field="danger", equals=True)
    unticked = Condition(field="danger", equals=False)
    assert condition_holds(ticked, {"danger": True})
    assert not condition_holds(ticked, {"danger": False})
    assert condition_holds(unticked, {"danger": False})
    assert not condition_holds(unticked, {"danger": True})
    assert not condition_holds(ticked, {})


SIGNALEMENT = procedure(
    step(
        "signalement",
        fdict("categorie", "single_choice", options=options("voirie", "autre"), required=True),
        fdict("precision", "text", required=True, show_if={"field": "categorie", "equals": "autre"}),
        fdict("danger", "checkbox"),
        fdict("notice_danger", "notice", text="Appelez le 112.", show_if={"field": "danger", "equals": True}),
        fdict("calme", "text", show_if={"field": "danger", "equals": False}),
        fdict("photo", "attachment"),
    ),
)


def test_fields_appear_with_the_answer_they_depend_on() -> None:
    (only,) = SIGNALEMENT.steps
    shown = [f.id for f in visible_fields(only, {"categorie": "voirie", "danger": False})]
    assert shown == ["categorie", "danger", "calme", "photo"]
    shown = [f.id for f in visible_fields(only, {"categorie": "autre", "danger": True})]
    assert shown == ["categorie", "precision", "danger", "notice_danger", "photo"]


def test_a_shown_checkbox_never_touched_counts_as_unticked() -> None:
    (only,) = SIGNALEMENT.steps
    assert "calme" in [f.id for f in visible_fields(only, {})]


CHAIN = procedure(
    step(
        "un",
        fdict("type", "single_choice", options=options("particulier", "association")),
        fdict("autre_adresse", "checkbox", show_if={"field": "type", "equals": "association"}),
        fdict("adresse", "address", required=True, show_if={"field": "autre_adresse", "equals": True}),
        fdict("meme_adresse", "text", show_if={"field": "autre_adresse", "equals": False}),
    ),
    step(
        "deux",
        fdict("destinataire", "text", required=True, show_if={"field": "autre_adresse", "equals": True}),
        fdict("commentaire", "long_text"),
    ),
    step("trois", fdict("statuts", "text", required=True), show_if={"field": "type", "equals": "association"}),
)
FULL = Address("1 place de la Mairie", "35000", "Rennes")


def test_a_field_whose_controller_is_hidden_is_hidden_too_whatever_the_stale_answer() -> None:
    stale: dict[str, AnswerValue] = {
        "type": "particulier",
        "autre_adresse": True,
        "adresse": FULL,
        "destinataire": "Léa",
        "meme_adresse": "x",
    }
    first, second, _ = CHAIN.steps
    assert [f.id for f in visible_fields(first, stale)] == ["type"]
    cleaned = clean_answers(CHAIN, stale)
    assert cleaned == {"type": "particulier"}
    assert [f.id for f in visible_fields(second, cleaned)] == ["commentaire"]
    # Given the raw answers, a step alone cannot know that a controller asked earlier is hidden there.
    assert [f.id for f in visible_fields(second, stale)] == ["destinataire", "commentaire"]
    assert [s.id for s in visible_steps(CHAIN, stale)] == ["un", "deux"]


def test_the_chain_shows_everything_when_each_link_holds() -> None:
    answers: dict[str, AnswerValue] = {
        "type": "association",
        "autre_adresse": True,
        "adresse": FULL,
        "destinataire": "Léa",
    }
    first, second, _ = CHAIN.steps
    assert [f.id for f in visible_fields(first, answers)] == ["type", "autre_adresse", "adresse"]
    assert [f.id for f in visible_fields(second, answers)] == ["destinataire", "commentaire"]
    assert [s.id for s in visible_steps(CHAIN, answers)] == ["un", "deux", "trois"]


def test_a_hidden_checkbox_is_not_an_unticked_one() -> None:
    """ "meme_adresse" shows when autre_adresse is unticked, not when autre_adresse is not even asked."""
    first = CHAIN.steps[0]
    assert [f.id for f in visible_fields(first, {"type": "particulier"})] == ["type"]
    assert [f.id for f in visible_fields(first, {"type": "association"})] == ["type", "autre_adresse", "meme_adresse"]
    assert clean_answers(CHAIN, {"type": "particulier", "meme_adresse": "oui"}) == {"type": "particulier"}


def test_an_untouched_checkbox_is_kept_as_unticked_for_the_steps_that_follow() -> None:
    proc = procedure(
        step("un", fdict("urgent", "checkbox")),
        step("deux", fdict("delai", "date", required=True, show_if={"field": "urgent", "equals": False})),
    )
    cleaned = clean_answers(proc, {})
    assert cleaned == {"urgent": False}
    assert [s.id for s in visible_steps(proc, {})] == ["un", "deux"]
    second = proc.steps[1]
    assert [f.id for f in visible_fields(second, cleaned)] == ["delai"]
    assert validate_step(second, cleaned, TODAY) == {"delai": Problem("required")}


def test_a_step_whose_every_field_is_hidden_is_not_shown() -> None:
    proc = procedure(
        step("choix", fdict("motif", "single_choice", options=options("a", "b"))),
        step("precisions", fdict("detail", "text", show_if={"field": "motif", "equals": "b"})),
    )
    assert [s.id for s in visible_steps(proc, {"motif": "a"})] == ["choix"]
    assert [s.id for s in visible_steps(proc, {"motif": "b"})] == ["choix", "precisions"]


def test_a_hidden_step_hides_its_fields_and_their_answers() -> None:
    answers = {"type": "particulier", "statuts": "Association loi 1901", "commentaire": "Merci"}
    assert [s.id for s in visible_steps(CHAIN, answers)] == ["un", "deux"]
    assert clean_answers(CHAIN, answers) == {"type": "particulier", "commentaire": "Merci"}


def test_clean_answers_drops_hidden_empty_and_unknown_answers_and_notices_and_attachments() -> None:
    answers: dict[str, AnswerValue] = {
        "categorie": "voirie",
        "precision": "hidden: categorie is not autre",
        "danger": True,
        "notice_danger": "nothing to keep",
        "calme": "hidden: danger is ticked",
        "photo": "attachments are kept apart",
        "unknown": "not a field",
    }
    assert clean_answers(SIGNALEMENT, answers) == {"categorie": "voirie", "danger": True}
    assert clean_answers(SIGNALEMENT, {"categorie": "autre", "precision": "   ", "danger": False, "calme": ""}) == {
        "categorie": "autre",
        "danger": False,
    }


def test_clean_answers_normalizes_what_it_keeps() -> None:
    proc = procedure(
        step(
            "un",
            fdict("nom", "text"),
            fdict("nombre", "number"),
            fdict("materiel", "multiple_choice", options=options("a", "b")),
        )
    )
    assert clean_answers(proc, {"nom": "  Le   Gall ", "nombre": "3", "materiel": ("b", "a")}) == {
        "nom": "Le Gall",
        "nombre": 3,
        "materiel": ("a", "b"),
    }


# --- what each field type refuses ---------------------------------------------------------------------------


@pytest.mark.parametrize("field_type", ["text", "long_text", "email", "phone", "number", "date", "single_choice"])
@pytest.mark.parametrize("blank", [None, "", "   ", "\t\n "])
def test_a_blank_answer_to_a_required_field_is_refused(field_type: str, blank: str | None) -> None:
    extra: dict[str, Any] = {"options": options("a", "b")} if field_type == "single_choice" else {}
    assert refused(make_field(field_type, required=True, **extra), blank) == Problem("required")
    assert refused(make_field(field_type, **extra), blank) is None


def test_text_lengths_count_the_normalized_text() -> None:
    field = make_field("text", min_length=3, max_length=5)
    assert refused(field, "ab") == Problem("too_short", {"min": 3})
    assert refused(field, "  a  \t ") == Problem("too_short", {"min": 3})
    assert refused(field, " a    b ") is None  # "a b"
    assert refused(field, "abcdef") == Problem("too_long", {"max": 5})
    assert refused(field, "  abcde  ") is None


def test_long_text_lengths() -> None:
    field = make_field("long_text", required=True, min_length=10, max_length=20)
    assert refused(field, "Trop court") is None
    assert refused(field, "Court") == Problem("too_short", {"min": 10})
    assert refused(field, "x" * 21) == Problem("too_long", {"max": 20})


HEURE = {"pattern": r"([01][0-9]|2[0-3])[:h][0-5][0-9]", "pattern_message": "Indiquez l'heure au format 14:00."}


@pytest.mark.parametrize(("typed", "ok"), [("14:00", True), ("9h30", False), ("14h30", True), ("24:00", False)])
def test_a_pattern_must_match_the_whole_answer(typed: str, ok: bool) -> None:
    assert (refused(make_field("text", **HEURE), typed) is None) is ok


def test_a_pattern_that_matches_only_a_part_is_refused() -> None:
    field = make_field("text", pattern=r"\d{2}", pattern_message="Deux chiffres.")
    assert refused(field, "12") is None
    assert refused(field, "123") == Problem("pattern")
    assert refused(field, "a12") == Problem("pattern")
    unanchored_alternatives = make_field("text", pattern="ab|cd", pattern_message="ab ou cd.")
    assert refused(unanchored_alternatives, "abcd") == Problem("pattern")


# Under Python's backtracking re, (a+)+$ against 40 "a" and a "b" takes about 2**40 steps: hours.
_BACKTRACKING = """
import datetime as dt
from kiosk.services.forms import validate
from sync.catalogue import FieldDef
field = FieldDef.model_validate(
    {"id": "f", "type": "text", "label": "F", "pattern": "(a+)+$", "pattern_message": "Des a."}
)
print(validate(field, "a" * 40 + "b", dt.date(2025, 3, 3)), validate(field, "a" * 40, dt.date(2025, 3, 3)))
"""


def test_a_backtracking_pattern_cannot_stall_the_kiosk() -> None:
    """In a child process, so that a stall fails the test at the timeout instead of hanging the suite; the 10 s
    are a thousand times what RE2 needs and a tiny part of what backtracking would."""
    result = subprocess.run(
        [sys.executable, "-c", _BACKTRACKING],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["Problem(code='pattern',", "params={})", "None"]


def test_patterns_match_as_the_catalogue_check_compiled_them() -> None:
    """RE2, like the check: \\d is an ASCII digit, so Arabic-Indic digits do not pass a "7 digits" number."""
    field = make_field("text", pattern="[0-9]{3}|\\d{7}", pattern_message="Sept chiffres.")
    assert refused(field, "1234567") is None
    assert refused(field, "\u0661\u0662\u0663\u0664\u0665\u0666\u0667") == Problem("pattern")


@pytest.mark.parametrize("typed", ["nom@exemple.fr", "jean.dupont+mairie@sub.exemple.co.uk", "A@B.CD"])
def test_well_formed_email_addresses_pass(typed: str) -> None:
    assert refused(make_field("email"), typed) is None


@pytest.mark.parametrize(
    "typed", ["nom", "nom@", "@exemple.fr", "nom@exemple", "nom@exemple.f", "nom@@exemple.fr", "nom @exemple.fr"]
)
def test_incomplete_email_addresses_are_refused(typed: str) -> None:
    assert refused(make_field("email"), typed) == Problem("email")


@pytest.mark.parametrize(
    "typed",
    ["0612345678", "06 12 34 56 78", "06.12.34.56.78", "06-12-34-56-78", "+33 6 12 34 56 78", "+33612345678",
     "+44 20 7946 0958", "+1 202 555 0143", "+49 30 1234567"],
)  # fmt: skip
def test_french_and_international_phone_numbers_pass(typed: str) -> None:
    assert refused(make_field("phone"), typed) is None


@pytest.mark.parametrize(
    "typed",
    ["061234567", "06123456789", "6 12 34 56 78", "00 12 34 56 78", "+33 06 12 34 56 78", "+33 6 12 34 56",
     "06 12 34 56 7a", "+1234567", "+1234567890123456", "(06) 12 34 56 78"],
)  # fmt: skip
def test_malformed_phone_numbers_are_refused(typed: str) -> None:
    assert refused(make_field("phone"), typed) == Problem("phone")


def test_numbers_within_bounds() -> None:
    field = make_field("number", required=True, min=1, max=5)
    assert refused(field, "3") is None
    assert refused(field, 5) is None
    assert refused(field, "2,5") is None
    assert refused(field, "0") == Problem("below_min", {"min": 1})
    assert refused(field, 6) == Problem("above_max", {"max": 5})
    assert refused(field, "5,5") == Problem("above_max", {"max": 5})
    assert refused(make_field("number", min=0.5), 0.25) == Problem("below_min", {"min": 0.5})


@pytest.mark.parametrize("typed", ["trois", "3 personnes", "1e3", "--1", "2,5,1"])
def test_a_number_field_refuses_text(typed: str) -> None:
    assert refused(make_field("number"), typed) == Problem("not_a_number")


def test_a_number_field_refuses_a_tick() -> None:
    assert refused(make_field("number", required=True), True) == Problem("required")


@pytest.mark.parametrize("typed", ["2025-02-31", "2025-13-01", "2025-00-10", "85-07-14", "1985--14", "14/07/1985"])
def test_impossible_or_malformed_dates_are_refused(typed: str) -> None:
    assert refused(make_field("date"), typed) == Problem("not_a_date")


def test_date_bounds_are_relative_to_today() -> None:
    field = make_field("date", min_date="today-1m", max_date="today")
    assert refused(field, "2025-03-03") is None
    assert refused(field, "2025-02-03") is None
    assert refused(field, "2025-02-02") == Problem("date_before", {"date": dt.date(2025, 2, 3)})
    assert refused(field, "2025-03-04") == Problem("date_after", {"date": TODAY})


def test_date_bounds_from_the_29th_of_february() -> None:
    adult = make_field("date", max_date="today-18y")
    # 18 years before 29 February 2024 is 28 February 2006 (2006 has no 29 February).
    assert refused(adult, "2006-02-28", LEAP_DAY) is None
    assert refused(adult, "2006-03-01", LEAP_DAY) == Problem("date_after", {"date": dt.date(2006, 2, 28)})
    booking = make_field("date", min_date="today+1m", max_date="today+1y")
    assert refused(booking, "2024-03-29", LEAP_DAY) is None
    assert refused(booking, "2024-03-28", LEAP_DAY) == Problem("date_before", {"date": dt.date(2024, 3, 29)})
    assert refused(booking, "2025-03-01", LEAP_DAY) == Problem("date_after", {"date": dt.date(2025, 2, 28)})
    assert refused(make_field("date"), "2024-02-29") is None
    assert refused(make_field("date"), "2025-02-29") == Problem("not_a_date")


def test_fixed_date_bounds() -> None:
    field = make_field("date", min_date="2025-01-01", max_date="2025-12-31")
    assert refused(field, "2024-12-31") == Problem("date_before", {"date": dt.date(2025, 1, 1)})
    assert refused(field, "2026-01-01") == Problem("date_after", {"date": dt.date(2025, 12, 31)})


def test_a_single_choice_refuses_what_it_does_not_offer() -> None:
    field = make_field("single_choice", required=True, options=options("oui", "non"))
    assert refused(field, "oui") is None
    assert refused(field, "peut_etre") == Problem("invalid_choice")
    assert refused(field, None) == Problem("required")


def test_a_multiple_choice_needs_one_tick_when_required_and_only_offered_values() -> None:
    field = make_field("multiple_choice", required=True, options=options("a", "b"))
    assert refused(field, ("a", "b")) is None
    assert refused(field, ()) == Problem("required")
    assert refused(field, ("a", "z")) == Problem("invalid_choice")
    assert refused(make_field("multiple_choice", options=options("a", "b")), ()) is None


def test_a_required_checkbox_must_be_ticked() -> None:
    field = make_field("checkbox", required=True)
    assert refused(field, True) is None
    assert refused(field, False) == Problem("checkbox_required")
    assert refused(field, None) == Problem("checkbox_required")
    assert refused(make_field("checkbox"), False) is None


def test_an_address_needs_its_line_postcode_and_city() -> None:
    field = make_field("address", required=True)
    assert refused(field, FULL) is None
    assert refused(field, None) == Problem("required")
    assert refused(field, Address("", "", "")) == Problem("required")
    assert refused(field, Address("", "35000", "Rennes")) == Problem("address_incomplete", {"missing": "line"})
    assert refused(field, Address("1 rue Haute", " ", "Rennes")) == Problem(
        "address_incomplete", {"missing": "postcode"}
    )
    assert refused(field, Address("1 rue Haute", "35000", "")) == Problem("address_incomplete", {"missing": "city"})
    only_complement = Address("", "", "", complement="Bâtiment B")
    assert refused(make_field("address"), only_complement) == Problem("address_incomplete", {"missing": "line"})


@pytest.mark.parametrize(
    ("postcode", "ok"),
    [("35000", True), ("97400", True), ("20000", True), ("3500", False),
     ("350001", False), ("00100", False), ("99000", False), ("3500A", False)],
)  # fmt: skip
def test_a_postcode_is_five_french_digits(postcode: str, ok: bool) -> None:
    problem = refused(make_field("address"), Address("1 rue Haute", postcode, "Rennes"))
    assert (problem is None) is ok
    if not ok:
        assert problem == Problem("postcode")


def test_notices_and_attachments_are_never_refused_here() -> None:
    assert refused(make_field("notice", text="À savoir."), None) is None
    assert refused(make_field("attachment", required=True), None) is None


def test_every_code_validate_returns_is_listed() -> None:
    assert len(set(PROBLEM_CODES)) == len(PROBLEM_CODES)
    assert {"required", "checkbox_required", "date_before", "address_incomplete"} <= set(PROBLEM_CODES)


# --- steps --------------------------------------------------------------------------------------------------


def test_validate_step_covers_visible_fields_only_in_field_order() -> None:
    (only,) = SIGNALEMENT.steps
    problems = validate_step(only, {"danger": True}, TODAY)
    assert list(problems) == ["categorie"]
    problems = validate_step(only, {"categorie": "autre"}, TODAY)
    assert list(problems) == ["precision"]
    assert validate_step(only, {"categorie": "autre", "precision": "Banc cassé"}, TODAY) == {}


def test_validate_step_lists_problems_in_the_order_of_the_fields() -> None:
    proc = procedure(
        step(
            "un",
            fdict("nom", "text", required=True),
            fdict("date", "date", required=True),
            fdict("nombre", "number", min=1),
            fdict("accord", "checkbox", required=True),
        )
    )
    problems = validate_step(proc.steps[0], {"date": "2025-02-30", "nombre": "0"}, TODAY)
    assert problems == {
        "nom": Problem("required"),
        "date": Problem("not_a_date"),
        "nombre": Problem("below_min", {"min": 1}),
        "accord": Problem("checkbox_required"),
    }
    assert next(iter(problems)) == "nom"


# --- the shipped catalogue ----------------------------------------------------------------------------------


def _shipped() -> dict[str, Procedure]:
    root: Path = resources_dir() / "catalogue"
    return {p.slug: p for p in load_catalogue(catalogue_files(root)).procedures}


def test_the_birth_certificate_form_follows_its_answers() -> None:
    acte = _shipped()["acte-de-naissance"]
    answers: dict[str, AnswerValue] = {
        "concerne": "moi",
        "nom_naissance": "  Martin ",
        "prenoms": "Léa  Anne",
        "date_naissance": "1985-07-14",
        "type_acte": "copie_integrale",
        "nombre_exemplaires": "2",
        "motif": "retraite",
        "motif_precision": "hidden",
        "envoi_autre_adresse": False,
        "adresse_envoi": FULL,
    }
    for item in visible_steps(acte, answers):
        assert validate_step(item, clean_answers(acte, answers), TODAY) == {}
    cleaned = clean_answers(acte, answers)
    assert "motif_precision" not in cleaned
    assert "adresse_envoi" not in cleaned
    assert cleaned["nom_naissance"] == "Martin"
    assert cleaned["nombre_exemplaires"] == 2
    answers["envoi_autre_adresse"] = True
    answers["adresse_envoi"] = Address("", "", "")
    second = visible_steps(acte, answers)[1]
    assert validate_step(second, answers, TODAY) == {"adresse_envoi": Problem("required")}


def test_a_derogation_step_appears_only_when_asked() -> None:
    inscription = _shipped()["inscription-scolaire"]
    assert [s.id for s in visible_steps(inscription, {})] == ["enfant", "pieces"]
    assert [s.id for s in visible_steps(inscription, {"demande_derogation": True})] == [
        "enfant",
        "derogation",
        "pieces",
    ]


def test_every_shipped_field_validates_an_empty_answer_without_crashing() -> None:
    for proc in _shipped().values():
        for item in proc.fields():
            problem = validate(item, None, TODAY)
            assert problem is None or problem.code in PROBLEM_CODES
            assert isinstance(Step.model_validate({"id": "s", "title": "S", "fields": [item]}), Step)
