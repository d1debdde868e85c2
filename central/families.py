"""The families central holds for the clés enfance: loaded by the town (``central families load FILE.toml``), made
when an agent accepts the « Ma famille » procedure of a personal space, and linked to a space by its key.

A key is kept only as its keyed digest (HMAC with the town's secret, as tracking codes are: twelve characters can be
tried, a copy of the database alone must not give them back) and its last group in clear, the hint the citizen
recognises on their letter. The clear key exists in the town's file, and in the mail of a key made by central.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Final

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from central import account_mail
from central.errors import CentralError
from central.models import Account, Family, ProcedureRevision, Request
from sync.catalogue import Procedure
from sync.clock import utc_now
from sync.personal_space import ChildKey, FamilyMember, normalise_child_key
from sync.regular_files import RefusedFileError, read_regular_file

FAMILY_PROCEDURE: Final = "ma-famille"
FAMILY_KEY_MAIL: Final = "child_key"
MEMBERS: Final = TypeAdapter(list[FamilyMember])
# Without 0/O and 1/I: a key is read off a letter or a mail and typed again.
KEY_ALPHABET: Final = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_MAX_FILE_BYTES: Final = 2_000_000  # a town's families: thousands of short entries
_MAX_MEMBERS: Final = 20
_CHILDREN_FIELDS: Final = (
    ("enfant1_prenom", "enfant1_nom", "enfant1_annee"),
    ("enfant2_prenom", "enfant2_nom", "enfant2_annee"),
)


def key_digest(secret: bytes, key: str) -> str:
    """The keyed digest a family is found by; ``key`` in the form of ``CHILD_KEY_PATTERN``."""
    return hmac.new(secret, f"child-key:{key}".encode(), hashlib.sha256).hexdigest()


def key_hint(key: str) -> str:
    return key.rsplit("-", 1)[-1]


def draw_key() -> str:
    groups = ("".join(secrets.choice(KEY_ALPHABET) for _ in range(4)) for _ in range(3))
    return "-".join(groups)


# --- The town's file -----------------------------------------------------------------------------------------------


class _FileFamily(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    key: ChildKey
    members: Annotated[list[FamilyMember], Field(min_length=1, max_length=_MAX_MEMBERS)]


class _FamiliesFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    families: Annotated[list[_FileFamily], Field(min_length=1, max_length=100_000)]


class FamiliesRefused(CentralError):  # noqa: N818
    """The families file cannot be loaded; the message lists why. Nothing of it was loaded."""


@dataclass(frozen=True, slots=True)
class FamiliesLoaded:
    added: int
    updated: int


def read_families_file(path: Path) -> list[tuple[str, list[FamilyMember]]]:
    """The families of a town's TOML file (``[[families]]`` with ``key`` and ``[[families.members]]``), keys
    normalised; ``FamiliesRefused`` with every problem found."""
    try:
        raw = tomllib.loads(read_regular_file(path, _MAX_FILE_BYTES).decode("utf-8"))
    except (OSError, RefusedFileError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise FamiliesRefused(f"{path}: cannot be read as a TOML file ({exc})") from None
    # Keys as people write them are accepted: the file holds what the town printed. A parent's birth year and a
    # member's services may be left out (TOML has no null).
    for family in raw.get("families", []) if isinstance(raw.get("families"), list) else []:
        if isinstance(family, dict) and isinstance(family.get("key"), str):
            family["key"] = normalise_child_key(family["key"]) or family["key"]
        for member in family.get("members", []) if isinstance(family, dict) else []:
            if isinstance(member, dict):
                member.setdefault("birth_year", None)
                member.setdefault("services", [])
    try:
        parsed = _FamiliesFile.model_validate(raw)
    except ValidationError as exc:
        problems = [
            f"{path}: {'.'.join(str(part) for part in error['loc'])}: {error['msg']}" for error in exc.errors()[:20]
        ]
        raise FamiliesRefused("\n".join(problems)) from None
    seen: set[str] = set()
    for index, family in enumerate(parsed.families):
        if family.key in seen:
            raise FamiliesRefused(f"{path}: families.{index}.key: the key …-{key_hint(family.key)} appears twice")
        seen.add(family.key)
    return [(family.key, list(family.members)) for family in parsed.families]


def load_families(
    sessions: sessionmaker[Session],
    secret: bytes,
    families: list[tuple[str, list[FamilyMember]]],
    clock: Callable[[], dt.datetime] = utc_now,
) -> FamiliesLoaded:
    """Add the families whose key central does not hold, and update the members of the others (their link to a
    space stays), all in one transaction. A family linked to a space keeps the members the file does not name: an
    accepted « Ma famille » adds children to it on central, which the town's file does not know of."""
    added = updated = 0
    with sessions.begin() as session:
        now = clock()
        for key, members in families:
            digest = key_digest(secret, key)
            members_json = MEMBERS.dump_json(members).decode()
            found = session.scalar(select(Family).where(Family.key_digest == digest).with_for_update())
            if found is None:
                session.add(
                    Family(key_digest=digest, key_hint=key_hint(key), members_json=members_json, created_at=now)
                )
                added += 1
            else:
                if found.account_id is not None:
                    named = {_who(m) for m in members}
                    added_here = [m for m in MEMBERS.validate_json(found.members_json) if _who(m) not in named]
                    members_json = MEMBERS.dump_json((members + added_here)[:_MAX_MEMBERS]).decode()
                if found.members_json != members_json:
                    found.members_json = members_json
                    updated += 1
    return FamiliesLoaded(added, updated)


# --- « Ma famille » accepted by an agent ------------------------------------------------------------------------


class FamilyNotGranted(CentralError):  # noqa: N818
    """Accepting this « Ma famille » request would make no family: the agent is told why and the change is undone."""


class FamilyGrants:
    """What central does when an agent accepts a « Ma famille » request attached to a space: a family made from its
    answers with a new key, linked to that space, and the key mailed to the space's address; a space that has a
    family already gets the children added to it instead (no second key)."""

    def __init__(self, secret: bytes, mail_from: str) -> None:
        self._secret = secret
        self._mail_from = mail_from

    def on_accepted(self, session: Session, request: Request, now: dt.datetime) -> None:
        """In the agent's transaction (``BackOffice.change_status``): ``FamilyNotGranted`` undoes the acceptance."""
        if request.procedure_slug != FAMILY_PROCEDURE:
            return
        # Locked: two acceptances for the same space wait for each other, the second adds to the first's family.
        account = None if request.account_id is None else session.get(Account, request.account_id, with_for_update=True)
        if account is None:
            # Accepted now, it would never give a key: the family is made for the space the request is attached to.
            raise FamilyNotGranted(
                f"La demande {request.number} n'est pas encore rattachée à un espace personnel : le rattachement "
                "arrive avec la synchronisation de la borne ; acceptez-la ensuite."
            )
        children = _children(session, request)
        if not children:
            # The procedure's fields no longer say who the children are (renamed in a new revision?): a family
            # without them would hide the problem from everyone.
            raise FamilyNotGranted(
                f"La demande {request.number} ne nomme aucun enfant que central sache lire : la famille n'est pas "
                "créée. Vérifiez la démarche « Ma famille » du catalogue."
            )
        family = session.scalar(select(Family).where(Family.account_id == account.id).with_for_update())
        if family is not None:
            members = MEMBERS.validate_json(family.members_json)
            known = {_who(m) for m in members}
            fresh = [c for c in children if _who(c) not in known]
            family.members_json = MEMBERS.dump_json((members + fresh)[:_MAX_MEMBERS]).decode()
            return
        parent = FamilyMember(
            first_name=account.first_name, last_name=account.last_name, relation="parent", birth_year=None, services=[]
        )
        key = self._fresh_key(session)
        session.add(
            Family(
                key_digest=key_digest(self._secret, key),
                key_hint=key_hint(key),
                members_json=MEMBERS.dump_json([parent, *children]).decode(),
                account_id=account.id,
                created_at=now,
                linked_at=now,
            )
        )
        try:
            session.flush()
        except IntegrityError:
            # The citizen linked a family by its key meanwhile (``ProfileService.add_child_key``): one per space.
            raise FamilyNotGranted(
                f"Le statut de la demande {request.number} n'a pas changé : l'espace personnel vient de recevoir une "
                "famille par ailleurs ; réessayez."
            ) from None
        account_mail.queue(session, account, FAMILY_KEY_MAIL, account_mail.child_key_message(key), self._mail_from, now)

    def _fresh_key(self, session: Session) -> str:
        for _ in range(20):  # 32**12 keys: a clash is all but impossible, and a clash is drawn again
            key = draw_key()
            if session.scalar(select(Family.id).where(Family.key_digest == key_digest(self._secret, key))) is None:
                return key
        raise RuntimeError("no free clé enfance after many draws")


def _who(member: FamilyMember) -> tuple[str, str, int | None]:
    return member.first_name.casefold(), member.last_name.casefold(), member.birth_year


def _children(session: Session, request: Request) -> list[FamilyMember]:
    answers = json.loads(request.answers_json)
    content = session.scalar(
        select(ProcedureRevision.content_json).where(
            ProcedureRevision.slug == request.procedure_slug,
            ProcedureRevision.revision == request.procedure_revision,
        )
    )
    labels: dict[str, str] = {}
    if content is not None:
        procedure = Procedure.model_validate_json(content)
        for step in procedure.steps:
            for field in step.fields:
                if field.id == "services":
                    labels = {option.value: option.label.fr for option in field.options}
    chosen = answers.get("services", [])
    services = [labels.get(value, value)[:80] for value in chosen if isinstance(value, str)][:10]
    children: list[FamilyMember] = []
    first_last_name = ""
    for first_id, last_id, year_id in _CHILDREN_FIELDS:
        first = str(answers.get(first_id) or "").strip()
        last = str(answers.get(last_id) or "").strip() or first_last_name
        if not first or not last:
            continue
        first_last_name = first_last_name or last
        year = answers.get(year_id)
        try:
            child = FamilyMember(
                first_name=first[:100],
                last_name=last[:100],
                relation="enfant",
                birth_year=int(year) if isinstance(year, int | float) and 1900 <= year <= 2100 else None,
                services=services,
            )
        except ValidationError:
            continue  # a name the kiosk let through but a family cannot hold (a control character): the agent sees it
        children.append(child)
    return children
