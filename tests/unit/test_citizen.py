"""The logged-in citizen's holder and the checks made before anything is sent to central (no Qt, no network)."""

from __future__ import annotations

import pytest

from kiosk.services.account_outcomes import valid_email, valid_name
from kiosk.services.citizen import CitizenHolder, CitizenIdentity, CitizenLogin

TOKEN = "canary-token-0123456789-abcdefghij"
GRANT = "canary-grant-0123456789-abcdefghij"
ZOE = CitizenIdentity("Zoé", "Canaryaccount", "zoe@valmont.example")


def test_the_holder_gives_the_token_once_to_end_it_and_keeps_nothing() -> None:
    holder = CitizenHolder()
    assert not holder.logged_in
    assert holder.forget() is None
    holder.sign_in(CitizenLogin(ZOE, TOKEN, 900, GRANT))
    assert holder.logged_in
    assert holder.identity == ZOE
    assert holder.token() == TOKEN
    assert holder.forget() == TOKEN
    assert holder.forget() is None  # once only: the session's end calls central with it, then it is gone
    assert holder.token() is None
    assert holder.identity is None


def test_no_repr_shows_the_token() -> None:
    login = CitizenLogin(ZOE, TOKEN, 900, GRANT)
    holder = CitizenHolder()
    holder.sign_in(login)
    for text in (repr(login), str(login), repr(holder), str(holder)):
        assert TOKEN not in text
        assert GRANT not in text


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("zoe@valmont.example", True),
        ("prenom.nom+mairie@exemple.fr", True),
        ("", False),
        ("zoe", False),
        ("zoe@valmont", False),  # no dot in the domain
        ("zoe @valmont.example", False),
        ("zoe@@valmont.example", False),
        ("a" * 65 + "@valmont.example", False),
    ],
)
def test_an_address_is_checked_as_central_checks_it(text: str, valid: bool) -> None:
    assert valid_email(text) is valid


def test_a_name_needs_a_letter_and_no_control_character() -> None:
    assert valid_name("Zoé")
    assert not valid_name("   ")
    assert not valid_name("Zo\x00é")
    assert not valid_name("x" * 101)
