"""The password rule (CNIL délibération 2022-100, the 80-bit case) and its French reasons, and the hashes: argon2id,
and the dummy hash that an unknown address is checked against made with the same parameters as a real one (so that
it costs the same work)."""

from __future__ import annotations

import pytest
from argon2 import extract_parameters
from argon2.low_level import Type

from central.passwords import dummy_hash, hash_password, refusal, verify


@pytest.mark.parametrize(
    "password",
    [
        "Valmont-2026",  # 12 characters, the four kinds
        "Valmontvalmont2026",  # 14 characters and more: lower, upper, digits
        "la mairie ouvre ses portes tous les jours sauf dimanche",  # a passphrase of seven words and more
        "Ça-Dépend-1ÉTÉ",  # letters beyond ASCII count as letters
    ],
)
def test_passwords_that_meet_the_rule(password: str) -> None:
    assert refusal(password) is None


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("", "Le mot de passe est trop court : 0 caractère, il en faut au moins 12."),
        ("Va-2026!", "Le mot de passe est trop court : 8 caractères, il en faut au moins 12."),
        ("Valmont2026ok", "Il manque au mot de passe un caractère spécial (par exemple ! ? # @ ou une espace)."),
        ("valmont-2026", "Il manque au mot de passe une majuscule."),
        ("valmontvalmont", "Il manque au mot de passe une majuscule et un chiffre."),
        ("valmontvalmo", "Il manque au mot de passe une majuscule, un chiffre et un caractère spécial (par"),
        ("le chat de la voisine dort", "Il manque au mot de passe une majuscule et un chiffre."),  # five words
        # Seven words but one distinct: no passphrase (nor in another case), so the kinds are still asked for.
        ("abc abc abc abc abc abc abc", "Il manque au mot de passe une majuscule et un chiffre."),
        ("abc ABC Abc abc abC aBc abc", "Il manque au mot de passe un chiffre."),
        ("A1!" + "a" * 300, "Le mot de passe est trop long : 256 caractères au plus."),
    ],
)
def test_refused_passwords_say_why_in_french(password: str, reason: str) -> None:
    found = refusal(password)
    assert found is not None
    assert found.startswith(reason)


def test_hashes_are_argon2id_compared_in_one_unicode_form() -> None:
    composed, decomposed = "Été-Valmont-2026", "E\u0301te\u0301-Valmont-2026"
    hashed = hash_password(composed)
    assert hashed.startswith("$argon2id$")
    assert verify(hashed, decomposed)
    assert not verify(hashed, "Ete-Valmont-2026")
    assert hash_password(composed) != hashed  # a new salt each time


def test_no_account_costs_the_same_work_and_never_matches() -> None:
    real, dummy = extract_parameters(hash_password("x")), extract_parameters(dummy_hash())
    assert dummy == real
    assert real.type is Type.ID
    assert not verify(None, "\x00 aucun compte \x00")  # not even the dummy's own password
