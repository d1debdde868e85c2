"""Citizens' passwords: the rule they must meet, in French when they do not, and their argon2id hashes.

The rule is the CNIL's for a password that is the only authentication factor (délibération n° 2022-100 du
21 juillet 2022, recommandation relative aux mots de passe, cas n° 1: an entropy of at least 80 bits), in the
three forms its examples give:
  - at least 12 characters mixing lower case, upper case, digits and special characters (all four kinds);
  - at least 14 characters mixing lower case, upper case and digits (no special character needed);
  - a passphrase of at least 7 different words.
Central also limits log-in attempts (central.accounts), which the CNIL counts as a further protection, not as a
reason to ask less here: the issue asks for "at least 12 characters of mixed kinds, or an equivalent passphrase".

Hashing: argon2id with argon2-cffi's defaults, RFC 9106's second recommended profile (t=3, m=64 MiB, p=4), a
random 16-byte salt each time. A password is compared in Unicode NFC, so that "é" typed as one code point on a
kiosk and as two on a phone is the same password.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_MIXED = 12  # with all four kinds
MIN_THREE_KINDS = 14  # lower, upper and digits
MIN_WORDS = 7
MIN_WORD_LETTERS = 3  # "le", "à" do not make a passphrase longer
MAX_LENGTH = 256
_WORD = re.compile(rf"[^\W\d_]{{{MIN_WORD_LETTERS},}}")

RULE = (
    "Au moins 12 caractères avec des minuscules, des majuscules, des chiffres et des caractères spéciaux ; "
    "ou au moins 14 caractères avec des minuscules, des majuscules et des chiffres ; "
    "ou une phrase d'au moins 7 mots différents."
)


def _normalised(password: str) -> str:
    return unicodedata.normalize("NFC", password)


def _kinds(password: str) -> dict[str, bool]:
    return {
        "une minuscule": any(c.islower() for c in password),
        "une majuscule": any(c.isupper() for c in password),
        "un chiffre": any(c.isdigit() for c in password),
        "un caractère spécial (par exemple ! ? # @ ou une espace)": any(not c.isalnum() for c in password),
    }


def refusal(password: str) -> str | None:
    """Why ``password`` is refused, in French (the page shows ``RULE`` beside it), or None when it meets the rule."""
    password = _normalised(password)
    length = len(password)
    if length > MAX_LENGTH:
        return f"Le mot de passe est trop long : {MAX_LENGTH} caractères au plus."
    kinds = _kinds(password)
    # Distinct words, case folded: "abc abc abc abc abc abc abc" is one word typed seven times, not a passphrase.
    if len({word.casefold() for word in _WORD.findall(password)}) >= MIN_WORDS:
        return None
    if length >= MIN_MIXED and all(kinds.values()):
        return None
    three = [k for k in kinds if not k.startswith("un caractère spécial")]
    if length >= MIN_THREE_KINDS and all(kinds[k] for k in three):
        return None
    if length < MIN_MIXED:
        return (
            f"Le mot de passe est trop court : {length} caractère{'s' if length > 1 else ''}, il en faut au moins 12."
        )
    # From 14 characters on, a special character is not needed: say only what the shorter way lacks.
    needed = three if length >= MIN_THREE_KINDS else list(kinds)
    missing = [k for k in needed if not kinds[k]]
    listed = missing[0] if len(missing) == 1 else f"{', '.join(missing[:-1])} et {missing[-1]}"
    return f"Il manque au mot de passe {listed}."


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher().hash(_normalised(password))


@cache
def dummy_hash() -> str:
    """A hash of nothing anybody types, made with the same parameters: checking a password against it takes as long
    as against a real one, so that an unknown e-mail is answered in the same time as a wrong password."""
    return hash_password("\x00 aucun compte \x00")


def verify(password_hash: str | None, password: str) -> bool:
    """Whether ``password`` is the one hashed; with no hash, the same work against the dummy one, then False."""
    try:
        matched = _hasher().verify(password_hash or dummy_hash(), _normalised(password))
    except (VerificationError, InvalidHashError):
        return False
    return matched and password_hash is not None
