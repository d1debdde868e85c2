"""How a request reads on screen and on paper: dates and times in the visitor's language and in the town's time,
answers by their labels, addresses on lines, tracking codes in two groups. One place for all of it: the
summary before "Valider", the confirmation, the receipt and "Suivi de la demande" say things the same way."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, QTime

from kiosk.models.dto import Address
from kiosk.views.i18n import locale_for

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from kiosk.models.dto import AnswerValue, Slot
    from sync.catalogue import FieldDef

# Times are stored with their offset (or in UTC); a visitor reads them in the town's time: ``zone`` below is
# always the kiosk's ``Settings.zone`` (the ``timezone`` setting).


def town_time(value: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """``value`` in the town's time zone; a naive time is taken as already in it."""
    return value.astimezone(zone) if value.tzinfo is not None else value


def format_date(value: dt.date, language: str, weekday: bool = False) -> str:
    """ "12 mars 2025" / "12 March 2025" (British, as the English shipped); "mercredi 12 mars 2025"."""
    pattern = "dddd d MMMM yyyy" if weekday else "d MMMM yyyy"
    return locale_for(language).toString(QDate(value.year, value.month, value.day), pattern)


def format_day(value: dt.date, language: str) -> str:
    """A date the visitor typed or must type: "12/03/2025" as on French forms; in English the month is
    written out ("12 March 2025"), since 03/12 reads the other way round to some."""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}" if language == "fr" else format_date(value, "en")


def format_time(value: dt.datetime, language: str, zone: ZoneInfo) -> str:
    """ "14:05" in French, "2:05 PM" in English, in the town's time."""
    local = town_time(value, zone)
    pattern = "h:mm AP" if language == "en" else "HH:mm"
    return locale_for(language).toString(QTime(local.hour, local.minute), pattern)


def format_datetime(value: dt.datetime, language: str, zone: ZoneInfo, weekday: bool = False) -> str:
    """ "12 mars 2025 à 14:05" / "March 12, 2025 at 2:05 PM"."""
    local = town_time(value, zone)
    return (
        QCoreApplication.translate("Answers", "%1 à %2")
        .replace("%1", format_date(local.date(), language, weekday))
        .replace("%2", format_time(local, language, zone))
    )


def format_slot(slot: Slot, language: str, zone: ZoneInfo) -> str:
    """ "mardi 18 mars 2025, de 09:00 à 09:20": an appointment, in the town's time."""
    return (
        QCoreApplication.translate("Answers", "%1, de %2 à %3")
        .replace("%1", format_date(town_time(slot.starts_at, zone).date(), language, weekday=True))
        .replace("%2", format_time(slot.starts_at, language, zone))
        .replace("%3", format_time(slot.ends_at, language, zone))
    )


def spaced_code(code: str) -> str:
    """ "BCDFGHJK" -> "BCDF GHJK": two groups of four are easier to read out and to copy."""
    return f"{code[:4]} {code[4:]}" if len(code) == 8 else code


def address_lines(address: Address) -> list[str]:
    lines = [address.line, address.complement, f"{address.postcode} {address.city}".strip()]
    return [line for line in lines if line]


def format_number(value: object, language: str) -> str:
    """A number as the visitor reads it ("2,5" in French); anything else as it is."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if float(value).is_integer():
        return str(int(value))
    return locale_for(language).toString(float(value), "g", 12)


def format_answer(field: FieldDef | None, value: AnswerValue | None, language: str) -> str:
    """An answer as a person reads it: dates dd/mm/yyyy, choices by their labels, Oui/Non, addresses on lines;
    an empty answer reads "Non renseigné"."""
    if value is None or value == "" or value == ():
        return QCoreApplication.translate("Answers", "Non renseigné")
    if isinstance(value, Address):
        return "\n".join(address_lines(value))
    if isinstance(value, bool):
        return QCoreApplication.translate("Answers", "Oui") if value else QCoreApplication.translate("Answers", "Non")
    if isinstance(value, int | float):
        return format_number(value, language)
    options = {o.value: o.label.get(language) for o in field.options} if field is not None else {}
    if isinstance(value, tuple):
        return "\n".join(options.get(v, v) for v in value)
    if field is not None and field.type == "date":
        try:
            return format_day(dt.date.fromisoformat(value), language)
        except ValueError:
            return value
    return options.get(value, value)
