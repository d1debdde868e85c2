"""The profile form's answers and the wire's ``ProfileDetails`` (kiosk.services.profile_answers), the clé enfance as
typed (sync.personal_space.normalise_child_key), and « Mes informations » prefilled from a profile or, when it could
not be read, from the log-in's identity."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.models.dto import Address
from kiosk.services.citizen import CitizenIdentity
from kiosk.services.profile_answers import answers_of, details_of, profile_problems, profile_step, requester_prefill
from sync.personal_space import Family, FamilyMember, Profile, ProfileDetails, normalise_child_key
from sync.protocol import Address as WireAddress

IDENTITY = CitizenIdentity("Zoé", "Martin", "zoe@valmont.example")
DETAILS = ProfileDetails(
    civility="madame",
    first_name="Zoé",
    last_name="Martin",
    address=WireAddress(line="3 rue des Lilas", postcode="45000", city="Valmont", complement="Bât. B"),
    phones=["06 12 34 56 78", "0238000000"],
    emails=["zoe.pro@example.org"],
    notify_by="sms",
)


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("K7QX-2M9P-4TRW", "K7QX-2M9P-4TRW"),
        ("k7qx 2m9p 4trw", "K7QX-2M9P-4TRW"),
        (" k7qx2m9p4trw ", "K7QX-2M9P-4TRW"),
        ("K7QX-2M9P-4TR", None),
        ("K7QX-2M9P-4TRWX", None),
        ("K7QX-2M9P-4TR!", None),
        ("K7QX-2M9P-4TRÉ", None),
        ("", None),
    ],
)
def test_a_key_as_typed(typed: str, key: str | None) -> None:
    assert normalise_child_key(typed) == key


def test_saved_details_fill_the_form_and_come_back_the_same() -> None:
    answers = answers_of(DETAILS)
    assert answers["phone_1"] == "06 12 34 56 78"
    assert answers["phone_2"] == "0238000000"
    assert "phone_3" not in answers
    assert answers["address"] == Address(line="3 rue des Lilas", postcode="45000", city="Valmont", complement="Bât. B")
    assert details_of(answers) == DETAILS
    assert {f.id for f in profile_step().fields} >= set(answers)  # every answer has its field


def test_empty_contacts_are_dropped_and_a_refused_one_is_named() -> None:
    answers = answers_of(DETAILS)
    answers.pop("address")
    answers["phone_1"] = ""
    answers["email_2"] = "zoe.autre@example.org"
    details = details_of(answers)
    assert isinstance(details, ProfileDetails)
    assert (details.address, details.phones, details.emails) == (
        None,
        ["0238000000"],
        ["zoe.pro@example.org", "zoe.autre@example.org"],
    )
    assert details_of({**answers, "email_1": "pas une adresse"}) == "email_1"
    assert details_of({**answers, "phone_2": "12"}) == "phone_2"  # the field typed, though phone_1 is empty
    assert details_of({**answers, "first_name": ""}) == "first_name"


def test_the_channel_needs_its_means() -> None:
    assert set(profile_problems({"notify_by": "sms"})) == {"phone_1"}
    assert profile_problems({"notify_by": "sms", "phone_2": "0612345678"}) == {}
    assert set(profile_problems({"notify_by": "post"})) == {"address"}
    assert profile_problems({"notify_by": "email"}) == {}


def test_mes_informations_from_the_profile_or_from_the_log_in() -> None:
    members = [FamilyMember(first_name="Léa", last_name="Martin", relation="enfant", birth_year=2017, services=[])]
    family = Family(key_hint="4TRW", members=members, linked_at=dt.datetime(2026, 9, 1, tzinfo=dt.UTC))
    profile = Profile(email="zoe@valmont.example", details=DETAILS, family=family)
    assert requester_prefill(profile, IDENTITY) == {
        "civility": "madame",
        "first_name": "Zoé",
        "last_name": "Martin",
        "address": Address(line="3 rue des Lilas", postcode="45000", city="Valmont", complement="Bât. B"),
        "email": "zoe@valmont.example",  # the account's, not the further ones
        "phone": "06 12 34 56 78",
        "notify_by": "sms",
    }
    # Offline, or central failed: the basics the session holds.
    assert requester_prefill(None, IDENTITY) == {
        "first_name": "Zoé",
        "last_name": "Martin",
        "email": "zoe@valmont.example",
    }
