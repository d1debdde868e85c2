"""Procedure definitions (démarches) as versioned data, shared by the kiosk and central.

A catalogue is a set of TOML files: one ``domains.toml`` listing the domains (métiers), and one file per
procedure. Every text a citizen reads is a :class:`LocalizedText`: French is required, English optional
(the kiosk falls back to French). ``SCHEMA_VERSION`` changes only when an old file would be read wrongly.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

SCHEMA_VERSION: Literal[1] = 1

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
    model_config = ConfigDict(frozen=True, extra="forbid")


class LocalizedText(_Frozen):
    """A text in French, optionally in English. A bare string in a file is French."""

    fr: Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
    en: Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)] | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        return {"fr": value} if isinstance(value, str) else value

    def get(self, language: str) -> str:
        """The text in ``language``, French when that translation is missing."""
        if language == "en" and self.en:
            return self.en
        return self.fr


class Domain(_Frozen):
    """A métier: the tiles under "Nouvelle démarche"."""

    slug: Slug
    title: LocalizedText
    icon: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+$")] = "folder"
    description: LocalizedText | None = None


class Quota(_Frozen):
    """At most ``count`` requests per person for this procedure in each ``period``."""

    count: Annotated[int, Field(ge=1, le=1000)]
    period: Literal["day", "week", "month", "year"]


class Choice(_Frozen):
    value: Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+$", max_length=60)]
    label: LocalizedText


class Condition(_Frozen):
    """Show a field or step only when field ``field`` has one of ``equals``.

    For a checkbox the values are true/false; for a multiple choice, the condition holds when any of
    ``equals`` is among the ticked options.
    """

    field: FieldId
    equals: str | bool | list[str]

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
    label: LocalizedText
    help: LocalizedText | None = None
    required: bool = False
    # text types
    min_length: Annotated[int, Field(ge=0)] | None = None
    max_length: Annotated[int, Field(ge=1, le=10_000)] | None = None
    pattern: str | None = None
    pattern_message: LocalizedText | None = None
    # number
    min: float | None = None
    max: float | None = None
    # date
    min_date: str | None = None
    max_date: str | None = None
    # choices
    options: tuple[Choice, ...] = ()
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
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"pattern is not a valid regular expression: {exc}") from exc
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
    title: LocalizedText
    fields: Annotated[tuple[FieldDef, ...], Field(min_length=1)]
    show_if: Condition | None = None


class Procedure(_Frozen):
    """A démarche. ``revision`` grows with each change; a request pins the revision it was filled against."""

    schema_version: Literal[1] = SCHEMA_VERSION
    slug: Slug
    revision: Annotated[int, Field(ge=1)] = 1
    title: LocalizedText
    domain: Slug
    keywords: tuple[Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)], ...] = ()
    description: LocalizedText
    estimated_minutes: Annotated[int, Field(ge=1, le=240)]
    processing_time: LocalizedText | None = None
    documents: tuple[LocalizedText, ...] = ()
    access: Literal["anonymous", "personal_space"] = "anonymous"
    quota: Quota | None = None
    appointment: Literal["none", "optional", "required"] = "none"
    help: LocalizedText | None = None
    steps: Annotated[tuple[Step, ...], Field(min_length=1)]

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
    domains: Annotated[tuple[Domain, ...], Field(min_length=1)]
