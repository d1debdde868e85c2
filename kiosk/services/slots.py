"""Appointment slots (créneaux), from the counter's opening hours: those central sent (the slots scope of the pull)
when there are some, else the ``opening_hours`` setting's TOML file (resources/demo/slots.toml for the demo town).
Every slot of the coming working days, less those already booked here. Times are in the town's time zone (the
``timezone`` setting)."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.models.dto import Slot
from sync.clock import utc_now
from sync.protocol import OpeningHours as HoursData


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
    """The opening hours of a TOML file, checked as central checks those it sends (``ValidationError``)."""
    with path.open("rb") as fh:
        raw = tomllib.load(fh)
    return opening_hours_from(HoursData.model_validate(raw), zone)


def opening_hours_from(data: HoursData, zone: ZoneInfo) -> OpeningHours:
    periods = {
        _DAYS[day]: [(start, end) for start, end in (span.split("-") for span in spans)]
        for day, spans in data.hours.items()
    }
    return OpeningHours(
        place=data.place, minutes=data.slot_minutes, days_ahead=data.days_ahead, periods=periods, zone=zone
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
# The opening hours central sent (``kiosk.models.pull_store.PullRepository.opening_hours`` on the DB worker).
PulledHours = Callable[[], Awaitable[HoursData | None]]


class SlotService:
    """The slots a visitor can pick, as the views need them: free ones only, grouped by day. ``hours`` are the
    file's; ``pulled``, when given, reads those central sent, which win whenever there are some."""

    def __init__(
        self,
        hours: OpeningHours | None,
        taken: TakenSlots,
        clock: Callable[[], dt.datetime] = utc_now,
        *,
        pulled: PulledHours | None = None,
        zone: ZoneInfo | None = None,
    ) -> None:
        self._hours = hours
        self._taken = taken
        self._clock = clock
        self._pulled = pulled
        self._zone = zone if zone is not None else (hours.zone if hours is not None else None)
        if pulled is not None and self._zone is None:
            raise ValueError("the town's time zone is needed to offer the slots of central's opening hours")

    async def available(self) -> list[Slot]:
        """Free slots, soonest first; none when the kiosk has no opening hours to offer them from."""
        hours = await self.opening_hours()
        if hours is None:
            return []
        return slots_between(hours, self._clock(), await self._taken())

    async def opening_hours(self) -> OpeningHours | None:
        """Central's opening hours when it sent some, else the file's (None: no slots to offer)."""
        data = None if self._pulled is None or self._zone is None else await self._pulled()
        return self._hours if data is None or self._zone is None else opening_hours_from(data, self._zone)
