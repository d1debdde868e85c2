"""Appointment slots (créneaux). Until central offers real ones, they come from the counter's opening hours (the
``opening_hours`` setting; resources/demo/slots.toml for the demo town): every slot of the coming working days, less
those already booked here. Times are in the town's time zone (the ``timezone`` setting)."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.models.dto import Slot


@dataclass(frozen=True, slots=True)
class OpeningHours:
    place: str
    minutes: int
    days_ahead: int
    # weekday (0 = Monday) -> list of (start, end) as "HH:MM"
    periods: dict[int, list[tuple[str, str]]]
    zone: ZoneInfo


_DAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}


def load_opening_hours(path: Path, zone: ZoneInfo) -> OpeningHours:
    with path.open("rb") as fh:
        raw = tomllib.load(fh)
    periods: dict[int, list[tuple[str, str]]] = {}
    for day, spans in raw["hours"].items():
        periods[_DAYS[day]] = [(start, end) for start, end in (span.split("-") for span in spans)]
    return OpeningHours(
        place=raw["place"],
        minutes=int(raw["slot_minutes"]),
        days_ahead=int(raw["days_ahead"]),
        periods=periods,
        zone=zone,
    )


def slots_between(hours: OpeningHours, now: dt.datetime, taken: frozenset[str] = frozenset()) -> list[Slot]:
    """Every free slot from tomorrow on, for ``hours.days_ahead`` days, in the town's time zone."""
    zone = hours.zone
    local_now = now.astimezone(zone)
    out: list[Slot] = []
    step = dt.timedelta(minutes=hours.minutes)
    for offset in range(1, hours.days_ahead + 1):
        day = local_now.date() + dt.timedelta(days=offset)
        for start_text, end_text in hours.periods.get(day.weekday(), []):
            start = dt.datetime.combine(day, dt.time.fromisoformat(start_text), zone)
            end = dt.datetime.combine(day, dt.time.fromisoformat(end_text), zone)
            while start + step <= end:
                slot_id = start.strftime("%Y%m%dT%H%M")
                if slot_id not in taken:
                    out.append(Slot(id=slot_id, starts_at=start, ends_at=start + step, place=hours.place))
                start += step
    return out


TakenSlots = Callable[[], Awaitable[frozenset[str]]]


class SlotService:
    """The slots a visitor can pick, as the views need them: free ones only, grouped by day."""

    def __init__(
        self,
        hours: OpeningHours | None,
        taken: TakenSlots,
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    ) -> None:
        self._hours = hours
        self._taken = taken
        self._clock = clock

    async def available(self) -> list[Slot]:
        """Free slots, soonest first; none when the kiosk has no opening hours to offer them from."""
        if self._hours is None:
            return []
        return slots_between(self._hours, self._clock(), await self._taken())
