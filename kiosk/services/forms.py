"""The rules of a procedure's own questions: which steps and fields are shown, what an answer must look like,
and what is kept for submission. Qt-free pure functions (no I/O), so every rule is tested without a screen.

Answers are keyed by field id. Their Python types, per field type:

- text, long_text, email, phone: ``str``;
- number: ``int`` or ``float`` (a ``str`` while it is being typed; a non-number string is a problem);
- date: an ISO ``"YYYY-MM-DD"`` string (anything else, such as ``"2025-02-31"``, is a "not_a_date" problem);
- single_choice: the option's value (``str``); multiple_choice: the tuple of ticked values;
- checkbox: ``bool``; address: :class:`~kiosk.models.dto.Address`;
- notice: no answer; attachment: handled apart (the attachment editor and ``DraftState.documents``).

An empty answer (``None``, blank text, nothing ticked, an address with every part blank) is "not answered".
A value of the wrong Python type for its field counts as not answered too, so a stale draft never crashes
the wizard. An unticked checkbox is an answer (``False``), not an empty one.

Problems are codes with parameters (:class:`Problem`); the views turn them into citizen messages in one place
(``kiosk.views.widgets.fields.problem_message``).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TypeAlias, TypeGuard

from kiosk.models.dto import Address, AnswerValue
from sync.catalogue import Condition, FieldDef, Procedure, Step, resolve_date_bound
from sync.patterns import pattern_matches

__all__ = [
    "PROBLEM_CODES",
    "Answers",
    "Problem",
    "clean_answers",
    "collapse_whitespace",
    "condition_holds",
    "is_empty",
    "normalize",
    "normalize_long_text",
    "parse_number",
    "validate",
    "validate_step",
    "visible_fields",
    "visible_steps",
]

Answers: TypeAlias = Mapping[str, AnswerValue]

#: Every code :func:`validate` can return.
PROBLEM_CODES: tuple[str, ...] = (
    "required",
    "too_short",
    "too_long",
    "pattern",
    "email",
    "phone",
    "not_a_number",
    "below_min",
    "above_max",
    "not_a_date",
    "date_before",
    "date_after",
    "invalid_choice",
    "address_incomplete",
    "postcode",
    "checkbox_required",
)

# Fields that take no answer in the answers mapping.
_NO_ANSWER = frozenset({"notice", "attachment"})

_SPACES = re.compile(r"\s+")
_LINE_SPACES = re.compile(r"[^\S\n]+")  # whitespace except new lines
_BLANK_LINES = re.compile(r"\n{3,}")
# One "@", something before it, a domain with at least one dot and a top-level part of 2+ characters.
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)*\.[^@\s.]{2,}")
_PHONE_SEPARATORS = re.compile(r"[\s.\-]")
_FRENCH_PHONE = re.compile(r"0[1-9]\d{8}")
_FRENCH_PHONE_INTL = re.compile(r"\+33[1-9]\d{8}")
_INTL_PHONE = re.compile(r"\+[1-9]\d{7,14}")  # E.164: 8 to 15 digits, country code included
# Metropolitan France (01-95, Corsica is 20xxx), overseas (97x) and Monaco / overseas collectivities (98x).
_POSTCODE = re.compile(r"(?:0[1-9]|[1-8]\d|9[0-8])\d{3}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)")


@dataclass(frozen=True)
class Problem:
    """Why an answer is refused: a code (see :data:`PROBLEM_CODES`) and what the message needs.

    ``params``: ``min``/``max`` (numbers) for lengths and numbers, ``date`` (a :class:`datetime.date`) for date
    bounds, ``missing`` ("line", "postcode" or "city") for an incomplete address.
    """

    code: str
    params: Mapping[str, object] = field(default_factory=dict)


# --- normalization ------------------------------------------------------------------------------------------


def collapse_whitespace(text: str) -> str:
    """Trimmed, with every run of inner whitespace (tabs, new lines, double spaces) made one space."""
    return _SPACES.sub(" ", text).strip()


def normalize_long_text(text: str) -> str:
    """Trimmed; runs of spaces inside a line made one space; line breaks kept, at most one blank line."""
    lines = [_LINE_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def parse_number(text: str) -> int | float | None:
    """``"3"`` → 3, ``"2,5"`` or ``"2.5"`` → 2.5 (spaces between thousands allowed); None when not a number."""
    compact = _SPACES.sub("", text)
    if not _NUMBER.fullmatch(compact):
        return None
    compact = compact.replace(",", ".")
    if "." not in compact:
        return int(compact)
    number = float(compact)
    return number if math.isfinite(number) else None


def _is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def normalize(field: FieldDef, value: AnswerValue | None) -> AnswerValue | None:
    """The answer as it is kept: text trimmed (single-line text also has its inner whitespace collapsed),
    e-mail and phone trimmed but otherwise as typed, a typed number turned into a number when it is one, ticked
    options in the order of the definition, address parts trimmed. None when the answer is empty or of the
    wrong type for the field (see the module docstring)."""
    kind = field.type
    if value is None or kind in _NO_ANSWER:
        return None
    result: AnswerValue | None
    if kind in {"text", "email", "phone", "date", "single_choice"}:
        if not isinstance(value, str):
            return None
        result = collapse_whitespace(value) if kind == "text" else value.strip()
    elif kind == "long_text":
        result = normalize_long_text(value) if isinstance(value, str) else None
    elif kind == "number":
        if _is_number(value):
            return value if math.isfinite(value) else None
        if not isinstance(value, str):
            return None
        text = value.strip()
        parsed = parse_number(text)
        result = text if parsed is None else parsed
    elif kind == "multiple_choice":
        if not isinstance(value, tuple | list) or not all(isinstance(v, str) for v in value):
            return None
        ticked = set(value)
        ordered = [o.value for o in field.options if o.value in ticked]
        unknown = [v for v in dict.fromkeys(value) if v not in ordered]  # kept, so validate can refuse them
        result = tuple(ordered + unknown)
    elif kind == "checkbox":
        return value if isinstance(value, bool) else None
    elif kind == "address":
        if not isinstance(value, Address):
            return None
        result = Address(
            line=collapse_whitespace(value.line),
            postcode=_SPACES.sub("", value.postcode),
            city=collapse_whitespace(value.city),
            complement=collapse_whitespace(value.complement),
        )
    else:  # pragma: no cover - the schema knows no other type
        return None
    return None if is_empty(result) else result


def is_empty(value: AnswerValue | None) -> bool:
    """No answer: None, blank text, nothing ticked, or an address whose every part is blank. False is an answer."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, tuple):
        return not value
    if isinstance(value, Address):
        return not any(part.strip() for part in (value.line, value.postcode, value.city, value.complement))
    return False


# --- conditions and visibility ------------------------------------------------------------------------------


def condition_holds(condition: Condition, answers: Answers) -> bool:
    """Whether ``condition`` holds for these answers.

    A checkbox answer matches ``true``/``false``; a multiple choice holds when any of the accepted values is
    ticked; other answers match by their (trimmed) text. A missing or empty answer matches nothing: the
    procedure-aware functions below count a shown but untouched checkbox as unticked (``false``) first.
    """
    return _matches(condition, answers.get(condition.field))


def _matches(condition: Condition, value: AnswerValue | None) -> bool:
    accepted = condition.values()
    if value is None:
        return False
    if isinstance(value, bool):
        return ("true" if value else "false") in accepted
    if isinstance(value, tuple):
        return any(v in accepted for v in value)
    if isinstance(value, str):
        return collapse_whitespace(value) in accepted
    return False


def _controller_value(controller: FieldDef, answers: Answers) -> AnswerValue | None:
    value = normalize(controller, answers.get(controller.id))
    if value is None and controller.type == "checkbox":
        return False  # shown, never touched: unticked
    return value


class _Visibility:
    """Follows conditions in definition order (a condition only looks at fields asked before it), so a field
    whose controller is hidden is hidden too, whatever stale answer the controller still holds."""

    def __init__(self, answers: Answers) -> None:
        self.answers = answers
        self.shown: dict[str, FieldDef] = {}
        self.hidden: set[str] = set()

    def holds(self, condition: Condition | None) -> bool:
        if condition is None:
            return True
        if condition.field in self.hidden:
            return False
        controller = self.shown.get(condition.field)
        if controller is None:  # asked on a step we do not see (visible_fields): trust the answers as given
            return condition_holds(condition, self.answers)
        return _matches(condition, _controller_value(controller, self.answers))

    def fields(self, step: Step) -> list[FieldDef]:
        visible: list[FieldDef] = []
        for item in step.fields:
            if self.holds(item.show_if):
                self.shown[item.id] = item
                visible.append(item)
            else:
                self.hidden.add(item.id)
        return visible

    def skip(self, step: Step) -> None:
        self.hidden.update(item.id for item in step.fields)


def _walk(procedure: Procedure, answers: Answers) -> list[tuple[Step, list[FieldDef]]]:
    seen = _Visibility(answers)
    shown: list[tuple[Step, list[FieldDef]]] = []
    for step in procedure.steps:
        if not seen.holds(step.show_if):
            seen.skip(step)
            continue
        fields = seen.fields(step)
        if fields:
            shown.append((step, fields))
    return shown


def visible_steps(procedure: Procedure, answers: Answers) -> list[Step]:
    """The steps shown for these answers, in order: a step whose condition fails is left out, and so is a step
    whose every field is hidden (an empty page helps nobody)."""
    return [step for step, _ in _walk(procedure, answers)]


def visible_fields(step: Step, answers: Answers) -> list[FieldDef]:
    """The fields of ``step`` shown for these answers, notices and attachments included.

    Chains inside the step are followed. A controller asked on an earlier step is judged by its answer in
    ``answers``: pass ``clean_answers(procedure, answers)`` so that a controller hidden there counts as
    unanswered (or use :func:`visible_steps`/:func:`clean_answers`, which follow chains across steps).
    """
    return _Visibility(answers).fields(step)


def clean_answers(procedure: Procedure, answers: Answers) -> dict[str, AnswerValue]:
    """What is submitted: the normalized answers of the fields shown now, in definition order.

    Answers of hidden fields (including those hidden because their controller is hidden), empty answers,
    answers of the wrong type, and notices and attachments are dropped. A shown checkbox is always kept, False
    when never ticked, so the result is also the right ``answers`` for :func:`visible_fields` and
    :func:`validate_step` on any step. Values are not validated here.
    """
    kept: dict[str, AnswerValue] = {}
    for _, fields in _walk(procedure, answers):
        for item in fields:
            value = normalize(item, answers.get(item.id))
            if value is None and item.type == "checkbox":
                value = False  # shown and never touched: unticked, said explicitly
            if value is not None:
                kept[item.id] = value
    return kept


# --- validation ---------------------------------------------------------------------------------------------


def validate(field: FieldDef, value: AnswerValue | None, today: dt.date) -> Problem | None:
    """The first problem with ``value`` as the answer to ``field``, or None when it is acceptable.

    Date bounds are resolved relative to ``today``. Notices and attachments always pass (attachments are
    checked by their own editor).
    """
    kind = field.type
    if kind in _NO_ANSWER:
        return None
    answer = normalize(field, value)
    if kind == "checkbox":
        return Problem("checkbox_required") if field.required and answer is not True else None
    if answer is None:
        return Problem("required") if field.required else None
    if kind in {"text", "long_text", "email", "phone"}:
        return _validate_text(field, str(answer))
    if kind == "number":
        return _validate_number(field, answer)
    if kind == "date":
        return _validate_date(field, str(answer), today)
    if kind == "single_choice":
        return None if answer in {o.value for o in field.options} else Problem("invalid_choice")
    if kind == "multiple_choice":
        allowed = {o.value for o in field.options}
        assert isinstance(answer, tuple)
        return None if all(v in allowed for v in answer) else Problem("invalid_choice")
    if kind == "address":
        assert isinstance(answer, Address)
        return _validate_address(answer)
    return None  # pragma: no cover - the schema knows no other type


def _validate_text(field: FieldDef, text: str) -> Problem | None:
    if field.min_length is not None and len(text) < field.min_length:
        return Problem("too_short", {"min": field.min_length})
    if field.max_length is not None and len(text) > field.max_length:
        return Problem("too_long", {"max": field.max_length})
    if field.type == "email" and not _EMAIL.fullmatch(text):
        return Problem("email")
    if field.type == "phone" and not _phone_ok(text):
        return Problem("phone")
    # RE2, never re: a catalogue pattern must not be able to stall the kiosk by backtracking.
    if field.pattern is not None and not pattern_matches(field.pattern, text):
        return Problem("pattern")
    return None


def _phone_ok(text: str) -> bool:
    compact = _PHONE_SEPARATORS.sub("", text)
    if compact.startswith("+33"):
        return _FRENCH_PHONE_INTL.fullmatch(compact) is not None
    return _FRENCH_PHONE.fullmatch(compact) is not None or _INTL_PHONE.fullmatch(compact) is not None


def _validate_number(field: FieldDef, answer: AnswerValue) -> Problem | None:
    if not _is_number(answer):
        return Problem("not_a_number")
    number = float(answer)
    if field.min is not None and number < field.min:
        return Problem("below_min", {"min": _plain(field.min)})
    if field.max is not None and number > field.max:
        return Problem("above_max", {"max": _plain(field.max)})
    return None


def _plain(number: float) -> int | float:
    """1.0 → 1, so a message says "at least 1", not "at least 1.0"."""
    return int(number) if number.is_integer() else number


def _validate_date(field: FieldDef, text: str, today: dt.date) -> Problem | None:
    if not _ISO_DATE.fullmatch(text):
        return Problem("not_a_date")
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return Problem("not_a_date")
    if field.min_date is not None and day < (earliest := resolve_date_bound(field.min_date, today)):
        return Problem("date_before", {"date": earliest})
    if field.max_date is not None and day > (latest := resolve_date_bound(field.max_date, today)):
        return Problem("date_after", {"date": latest})
    return None


def _validate_address(address: Address) -> Problem | None:
    for part in ("line", "postcode", "city"):
        if not getattr(address, part):
            return Problem("address_incomplete", {"missing": part})
    if not _POSTCODE.fullmatch(address.postcode):
        return Problem("postcode")
    return None


def validate_step(step: Step, answers: Answers, today: dt.date) -> dict[str, Problem]:
    """The problems of the visible fields of ``step``, by field id, in field order (the first is where the
    focus goes). Empty when the step can be left with "Suivant". See :func:`visible_fields` for ``answers``."""
    return _problems(visible_fields(step, answers), answers, today)


def _problems(fields: Iterable[FieldDef], answers: Answers, today: dt.date) -> dict[str, Problem]:
    found: dict[str, Problem] = {}
    for item in fields:
        problem = validate(item, answers.get(item.id), today)
        if problem is not None:
            found[item.id] = problem
    return found
