"""Procedure definitions (démarches) as versioned data, shared by the kiosk and central.

A catalogue is a set of TOML files: one ``domains.toml`` listing the domains (métiers), and one file per
procedure. Every text a citizen reads is a :class:`LocalizedText`: French is required, English optional
(the kiosk falls back to French). ``SCHEMA_VERSION`` changes only when an old file would be read wrongly.

A catalogue file comes from outside the kiosk, so nothing in it is trusted: types are strict (``"yes"`` is not
true, ``"2"`` is not 2), numbers are finite and bounded (SQLite stores 64-bit integers; the screens show what a
person can take in), texts must read as they are written (see :mod:`sync.readable`), and patterns run under RE2
(see :mod:`sync.patterns`). The ``MAX_*`` bounds below leave a wide margin over the demo catalogue.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    field_validator,
    model_validator,
)

from sync.patterns import PatternError, compile_pattern
from sync.readable import check_readable

SCHEMA_VERSION: Literal[1] = 1

# Requests pin a revision; one per change of the definition leaves room for centuries of changes.
MAX_REVISION = 1_000_000
# Titles show on tiles and in headers; labels beside a field; other texts in a scrolled page.
MAX_TITLE_LENGTH = 200
MAX_LABEL_LENGTH = 300
MAX_TEXT_LENGTH = 5_000
# One step is one screen: past a few dozen fields it is slow to build and too long to fill.
MAX_FIELDS_PER_STEP = 40
MAX_STEPS = 20
MAX_OPTIONS = 100
MAX_KEYWORDS = 50
MAX_KEYWORD_LENGTH = 80
MAX_DOCUMENTS = 30
MAX_DOMAINS = 100
MAX_ANSWER_LENGTH = 10_000
MAX_PATTERN_LENGTH = 500
# The bounds of a number field: far beyond any amount, surface or count a procedure asks for.
MAX_NUMBER = 1e12
# How far from today a date bound may reach: a life and a bit, either way.
_MAX_DATE_OFFSET = {"d": 9_999, "m": 2_400, "y": 200}

T = TypeVar("T")
# TOML gives arrays as lists; tuples keep the frozen models hashable. Only the container is lax, its items strict.
Items = Annotated[tuple[T, ...], Strict(False)]

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
FieldId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
Language = Literal["fr", "en"]

FieldType = Literal[
    "text",
    "long_text",
    "email",
    "phone",
    "date",
    "number",
    "single_choice",
    "multiple_choice",
    "checkbox",
    "address",
    "attachment",
    "notice",
]
CHOICE_TYPES: frozenset[str] = frozenset({"single_choice", "multiple_choice"})
TEXT_TYPES: frozenset[str] = frozenset({"text", "long_text", "email", "phone"})
# "today", "today+30d", "today-18y" or an ISO date.
_DATE_BOUND = re.compile(r"^(?:today(?P<sign>[+-])(?P<count>\d{1,4})(?P<unit>[dmy])|today|\d{4}-\d{2}-\d{2})$")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, allow_inf_nan=False)


Text = Annotated[
    str,
    StringConstraints(min_length=1, max_length=MAX_TEXT_LENGTH, strip_whitespace=True),
    AfterValidator(check_readable),
]


class LocalizedText(_Frozen):
    """A text in French, optionally in English. A bare string in a file is French."""

    fr: Text
    en: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        return {"fr": value} if isinstance(value, str) else value

    def get(self, language: str) -> str:
        """The text in ``language``, French when that translation is missing."""
        if language == "en" and self.en:
            return self.en
        return self.fr


def _at_most(limit: int) -> Callable[[LocalizedText], LocalizedText]:
    def check(text: LocalizedText) -> LocalizedText:
        length = max(len(text.fr), len(text.en or ""))
        if length > limit:
            raise ValueError(f"is longer than {limit} characters ({length}): shorten it")
        return text

    return check


Title = Annotated[LocalizedText, AfterValidator(_at_most(MAX_TITLE_LENGTH))]
Label = Annotated[LocalizedText, AfterValidator(_at_most(MAX_LABEL_LENGTH))]


def _at_most_items(limit: int, message: str) -> Callable[[Any], Any]:
    """A before-validator: a list longer than ``limit`` is refused before any of its items is validated."""

    def check(value: Any) -> Any:
        if isinstance(value, list | tuple) and len(value) > limit:
            raise ValueError(message.format(limit=limit, count=len(value)))
        return value

    return check


class Domain(_Frozen):
    """A métier: the tiles under "Nouvelle démarche"."""

    slug: Slug
    title: Title
    icon: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+$", max_length=60)] = "folder"
    description: LocalizedText | None = None


class Quota(_Frozen):
    """At most ``count`` requests per person for this procedure in each ``period``."""

    count: Annotated[int, Field(ge=1, le=1000)]
    period: Literal["day", "week", "month", "year"]


class Choice(_Frozen):
    value: Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+$", max_length=60)]
    label: Label


class Condition(_Frozen):
    """Show a field or step only when field ``field`` has one of ``equals``.

    For a checkbox the values are true/false; for a multiple choice, the condition holds when any of
    ``equals`` is among the ticked options.
    """

    field: FieldId
    equals: str | bool | Annotated[list[str], Field(max_length=MAX_OPTIONS)]

    def values(self) -> frozenset[str]:
        """The accepted answers as strings ("true"/"false" for a checkbox)."""
        raw = self.equals if isinstance(self.equals, list) else [self.equals]
        return frozenset(("true" if v else "false") if isinstance(v, bool) else v for v in raw)


def _check_date_bound(value: str | None) -> str | None:
    if value is None:
        return None
    match = _DATE_BOUND.match(value)
    if not match:
        raise ValueError("date bound must be 'today', 'today+Nd', 'today-Ny' (d, m or y) or YYYY-MM-DD")
    if value[0].isdigit():
        dt.date.fromisoformat(value)
    elif match.group("unit") and int(match.group("count")) > _MAX_DATE_OFFSET[match.group("unit")]:
        reach = _MAX_DATE_OFFSET
        raise ValueError(f"a date bound reaches at most {reach['y']} years ({reach['m']} months) from today")
    return value


def resolve_date_bound(bound: str, today: dt.date) -> dt.date:
    """The date meant by a bound such as ``today-18y``, relative to ``today``."""
    match = _DATE_BOUND.match(bound)
    if not match:
        raise ValueError(f"invalid date bound {bound!r}")
    if not match.group("sign"):
        return today if bound == "today" else dt.date.fromisoformat(bound)
    count = int(match.group("count")) * (1 if match.group("sign") == "+" else -1)
    unit = match.group("unit")
    if unit == "d":
        return today + dt.timedelta(days=count)
    months = count * (12 if unit == "y" else 1)
    year, month = divmod(today.month - 1 + months, 12)
    year += today.year
    day = today.day
    while True:  # 29 February (or the 31st) falls back to the last day of the month
        try:
            return dt.date(year, month + 1, day)
        except ValueError:
            day -= 1


class FieldDef(_Frozen):
    """One input of a procedure. ``id`` is stable across revisions: request data is keyed by it.

    ``pattern`` must match the whole answer. A required checkbox must be ticked (consents, rules accepted).
    """

    id: FieldId
    type: FieldType
    label: Label
    help: LocalizedText | None = None
    required: bool = False
    # text types
    min_length: Annotated[int, Field(ge=0, le=MAX_ANSWER_LENGTH)] | None = None
    max_length: Annotated[int, Field(ge=1, le=MAX_ANSWER_LENGTH)] | None = None
    pattern: Annotated[str, StringConstraints(max_length=MAX_PATTERN_LENGTH)] | None = None
    pattern_message: LocalizedText | None = None
    # number
    min: Annotated[float, Field(ge=-MAX_NUMBER, le=MAX_NUMBER)] | None = None
    max: Annotated[float, Field(ge=-MAX_NUMBER, le=MAX_NUMBER)] | None = None
    # date
    min_date: Annotated[str, StringConstraints(max_length=20)] | None = None
    max_date: Annotated[str, StringConstraints(max_length=20)] | None = None
    # choices
    options: Annotated[Items[Choice], Field(max_length=MAX_OPTIONS)] = ()
    # attachment: a kind of document (pièce), up to 4 files (recto/verso...)
    max_files: Annotated[int, Field(ge=1, le=4)] = 1
    # notice: a text shown to the citizen, nothing to enter
    text: LocalizedText | None = None
    show_if: Condition | None = None

    @field_validator("min_date", "max_date")
    @classmethod
    def _date_bounds(cls, value: str | None) -> str | None:
        return _check_date_bound(value)

    @field_validator("pattern")
    @classmethod
    def _pattern_compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                compile_pattern(value)
            except PatternError as exc:
                raise ValueError(f"pattern is not a valid regular expression (RE2 syntax: {exc})") from None
        return value

    @model_validator(mode="after")
    def _consistent(self) -> FieldDef:
        kind = self.type
        if self.pattern is not None and self.pattern_message is None:
            raise ValueError("a pattern needs its own pattern_message, written for the citizen")
        if (self.pattern or self.min_length is not None or self.max_length is not None) and (kind not in TEXT_TYPES):
            raise ValueError(f"min_length, max_length and pattern apply to text fields, not {kind}")
        if self.min_length is not None and self.max_length is not None and self.min_length > self.max_length:
            raise ValueError("min_length is greater than max_length")
        if (self.min is not None or self.max is not None) and kind != "number":
            raise ValueError(f"min and max apply to number fields, not {kind}")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min is greater than max")
        if (self.min_date or self.max_date) and kind != "date":
            raise ValueError(f"min_date and max_date apply to date fields, not {kind}")
        if kind in CHOICE_TYPES:
            if len(self.options) < 2:
                raise ValueError(f"a {kind} field needs at least two options")
            values = [o.value for o in self.options]
            if len(set(values)) != len(values):
                raise ValueError("option values must be unique")
        elif self.options:
            raise ValueError(f"options apply to choice fields, not {kind}")
        if kind == "notice":
            if self.text is None:
                raise ValueError("a notice needs a text")
            if self.required:
                raise ValueError("a notice cannot be required")
        elif self.text is not None:
            raise ValueError("text applies to notice fields only")
        if kind != "attachment" and self.max_files != 1:
            raise ValueError("max_files applies to attachment fields only")
        return self


class Step(_Frozen):
    """A page of the procedure's own questions, inside the wizard's "Ma demande"."""

    id: FieldId
    title: Title
    fields: Annotated[Items[FieldDef], Field(min_length=1)]
    show_if: Condition | None = None

    @field_validator("fields", mode="before")
    @classmethod
    def _fields_fit_a_screen(cls, value: Any) -> Any:
        message = "a step holds at most {limit} fields, not {count}: split it into several steps"
        return _at_most_items(MAX_FIELDS_PER_STEP, message)(value)


class Procedure(_Frozen):
    """A démarche. ``revision`` grows with each change; a request pins the revision it was filled against."""

    schema_version: Literal[1] = SCHEMA_VERSION
    slug: Slug
    revision: Annotated[int, Field(ge=1, le=MAX_REVISION)] = 1
    title: Title
    domain: Slug
    keywords: Annotated[
        Items[
            Annotated[
                str,
                StringConstraints(min_length=1, max_length=MAX_KEYWORD_LENGTH, strip_whitespace=True),
                AfterValidator(check_readable),
            ]
        ],
        Field(max_length=MAX_KEYWORDS),
    ] = ()
    description: LocalizedText
    estimated_minutes: Annotated[int, Field(ge=1, le=240)]
    processing_time: LocalizedText | None = None
    documents: Annotated[Items[LocalizedText], Field(max_length=MAX_DOCUMENTS)] = ()
    access: Literal["anonymous", "personal_space"] = "anonymous"
    quota: Quota | None = None
    appointment: Literal["none", "optional", "required"] = "none"
    help: LocalizedText | None = None
    steps: Annotated[Items[Step], Field(min_length=1)]

    @field_validator("steps", mode="before")
    @classmethod
    def _few_enough_steps(cls, value: Any) -> Any:
        return _at_most_items(MAX_STEPS, "a procedure has at most {limit} steps, not {count}")(value)

    @model_validator(mode="after")
    def _references(self) -> Procedure:
        seen: dict[str, FieldDef] = {}
        step_ids: set[str] = set()
        for step in self.steps:
            if step.id in step_ids:
                raise ValueError(f"step id {step.id!r} is used twice")
            step_ids.add(step.id)
            if step.show_if is not None:
                _check_condition(step.show_if, seen, f"step {step.id!r}")
            for field in step.fields:
                if field.id in seen:
                    raise ValueError(f"field id {field.id!r} is used twice")
                if field.show_if is not None:
                    _check_condition(field.show_if, seen, f"field {field.id!r}")
                seen[field.id] = field
        return self

    def fields(self) -> Iterable[FieldDef]:
        for step in self.steps:
            yield from step.fields

    @property
    def has_attachments(self) -> bool:
        return any(f.type == "attachment" for f in self.fields())


def _check_condition(condition: Condition, earlier: dict[str, FieldDef], where: str) -> None:
    """A condition must look at a field asked before it, and at values that field can take."""
    target = earlier.get(condition.field)
    if target is None:
        raise ValueError(f"{where} depends on {condition.field!r}, which is not a field asked before it")
    if target.type in CHOICE_TYPES:
        unknown = condition.values() - {o.value for o in target.options}
        if unknown:
            raise ValueError(f"{where} depends on values {sorted(unknown)} that {target.id!r} does not offer")
    elif target.type == "checkbox" and not condition.values() <= {"true", "false"}:
        raise ValueError(f"{where} depends on checkbox {target.id!r}: use true or false")
    elif target.type in {"notice", "attachment"}:
        raise ValueError(f"{where} cannot depend on a {target.type} field")


class DomainsFile(_Frozen):
    schema_version: Literal[1] = SCHEMA_VERSION
    domains: Annotated[Items[Domain], Field(min_length=1)]

    @field_validator("domains", mode="before")
    @classmethod
    def _few_enough_domains(cls, value: Any) -> Any:
        return _at_most_items(MAX_DOMAINS, "a catalogue has at most {limit} domains, not {count}")(value)
