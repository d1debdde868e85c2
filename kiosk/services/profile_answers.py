"""The profile form's answers and the wire's ``ProfileDetails``, both ways, and what « Mes informations » of a procedure
is prefilled with for a logged-in citizen. Pure: the views use it without the network side of the profile
(``kiosk.services.profile``)."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from typing import Final

from pydantic import ValidationError

from kiosk.models.dto import Address, AnswerValue
from kiosk.paths import resources_dir
from kiosk.services.citizen import CitizenIdentity
from kiosk.services.forms import Problem
from sync.catalogue import Step
from sync.personal_space import Profile, ProfileDetails
from sync.protocol import Address as WireAddress

__all__ = [
    "EMAILS",
    "PHONES",
    "answers_of",
    "details_of",
    "profile_problems",
    "profile_step",
    "relative_prefill",
    "requester_prefill",
]

PHONES: Final = ("phone_1", "phone_2", "phone_3")
EMAILS: Final = ("email_1", "email_2", "email_3")


@lru_cache(maxsize=1)
def profile_step() -> Step:
    """The « Je modifie mon espace » form (resources/forms/profile.toml), in the procedures' own schema."""
    with (resources_dir() / "forms" / "profile.toml").open("rb") as fh:
        return Step.model_validate(tomllib.load(fh))


def profile_problems(answers: dict[str, AnswerValue]) -> dict[str, Problem]:
    """The preferred channel needs its means: a phone for text messages, an address for letters."""
    channel = answers.get("notify_by")
    if channel == "sms" and not any(str(answers.get(p, "")).strip() for p in PHONES):
        return {"phone_1": Problem("required_for_notification", {"channel": "sms"})}
    if channel == "post" and not isinstance(answers.get("address"), Address):
        return {"address": Problem("required_for_notification", {"channel": "post"})}
    return {}


def answers_of(details: ProfileDetails) -> dict[str, AnswerValue]:
    """The profile form's answers for saved ``details``."""
    answers: dict[str, AnswerValue] = {
        "last_name": details.last_name,
        "first_name": details.first_name,
        "notify_by": details.notify_by,
    }
    if details.civility:
        answers["civility"] = details.civility
    if details.address is not None:
        answers["address"] = _address(details.address)
    answers.update(zip(PHONES, details.phones, strict=False))
    answers.update(zip(EMAILS, details.emails, strict=False))
    return answers


def details_of(answers: dict[str, AnswerValue]) -> ProfileDetails | str:
    """The ``ProfileDetails`` of the form's answers (checked by the form already), or the id of the field the wire
    contract refuses."""

    def text(field_id: str) -> str:
        value = answers.get(field_id, "")
        return value.strip() if isinstance(value, str) else ""

    address = answers.get("address")
    # The fields filled, in order: a refused n-th phone of the list is the n-th of these, whichever was left empty.
    filled = {"phones": [i for i in PHONES if text(i)], "emails": [i for i in EMAILS if text(i)]}
    values = {
        "civility": text("civility"),
        "first_name": text("first_name"),
        "last_name": text("last_name"),
        "address": None
        if not isinstance(address, Address)
        else {
            "line": address.line,
            "postcode": address.postcode,
            "city": address.city,
            "complement": address.complement,
        },
        "phones": [text(i) for i in filled["phones"]],
        "emails": [text(i) for i in filled["emails"]],
        "notify_by": text("notify_by") or "email",
    }
    try:
        return ProfileDetails.model_validate(values)
    except ValidationError as exc:
        location = exc.errors()[0]["loc"]
        name = str(location[0]) if location else "last_name"
        if name in filled:
            index = location[1] if len(location) > 1 and isinstance(location[1], int) else 0
            return filled[name][index] if index < len(filled[name]) else filled[name][0]
        return name


def requester_prefill(profile: Profile | None, identity: CitizenIdentity) -> dict[str, AnswerValue]:
    """« Mes informations » of a procedure for the logged-in citizen: from their profile (civility, names, address,
    the account's e-mail, the first phone, the preferred channel), or, when it could not be read, the identity of
    their log-in. A copy: editing it for one request leaves the profile as it is."""
    if profile is None:
        return {"last_name": identity.last_name, "first_name": identity.first_name, "email": identity.email}
    details = profile.details
    answers: dict[str, AnswerValue] = {
        "last_name": details.last_name,
        "first_name": details.first_name,
        "email": profile.email,
        "notify_by": details.notify_by,
    }
    if details.civility:
        answers["civility"] = details.civility
    if details.address is not None:
        answers["address"] = _address(details.address)
    if details.phones:
        answers["phone"] = details.phones[0]
    return answers


def relative_prefill(prefill: dict[str, AnswerValue], first_name: str, last_name: str) -> dict[str, AnswerValue]:
    """« Mes informations » of a procedure the citizen makes for a member of their family: the member's names, no
    civility (the profile does not hold theirs), and the citizen's address and contact means, as the town answers
    the citizen. Nothing to prefill (not logged in): nothing either."""
    if not prefill:
        return {}
    answers = {k: v for k, v in prefill.items() if k != "civility"}
    answers.update(first_name=first_name, last_name=last_name)
    return answers


def _address(address: WireAddress) -> Address:
    return Address(line=address.line, postcode=address.postcode, city=address.city, complement=address.complement)
