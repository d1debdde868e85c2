"""The pull side of the wire contract: pages, tombstones and opening hours refuse what a kiosk must never apply."""

from __future__ import annotations

import tomllib
import uuid

import pytest
from pydantic import ValidationError

from sync.protocol import OpeningHours, RequestChange, SlotsPage
from tests.central.conftest import ROOT

HOURS = {"place": "Mairie", "slot_minutes": 20, "days_ahead": 14, "hours": {"lundi": ["09:00-12:00"]}}


def test_the_demo_opening_hours_are_valid() -> None:
    with (ROOT / "resources" / "demo" / "slots.toml").open("rb") as fh:
        hours = OpeningHours.model_validate(tomllib.load(fh))
    assert hours.hours["samedi"] == ["09:00-11:40"]


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ({"lundi": ["12:00-09:00"]}, "ends before it starts"),
        ({"lundi": ["09:00-12:00", "11:00-14:00"]}, "overlaps the one before it"),
        ({"lundi": ["9:00-12:00"]}, "should match pattern"),
        ({"monday": ["09:00-12:00"]}, "Input should be 'lundi'"),
        ({"lundi": ["24:00-25:00"]}, "should match pattern"),
    ],
)
def test_bad_opening_hours_are_refused(hours: dict[str, list[str]], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        OpeningHours.model_validate({**HOURS, "hours": hours})


def test_a_tombstone_has_no_data_and_a_live_change_has() -> None:
    client = str(uuid.uuid4())
    with pytest.raises(ValidationError, match="a tombstone has no data"):
        RequestChange.model_validate_json(f'{{"id":"{client}","version":2,"deleted":false,"data":null}}')
    page = SlotsPage.model_validate_json(
        '{"next_cursor":"YzE6c2xvdHM6MToxCg","has_more":false,"changes":'
        '[{"id":"opening-hours","version":3,"deleted":true,"data":null}]}'
    )
    assert page.changes[0].deleted
    with pytest.raises(ValidationError):
        SlotsPage.model_validate_json('{"next_cursor":"","has_more":false,"changes":[]}')  # no empty cursor
