"""The logged-in citizen's profile and clé enfance on a real central (issue 10, item 4), on each backend: read and
save « Je modifie mon espace », bodies refused whole, a wrong, taken or valid key, the limit on wrong keys, another
kiosk's token; the town's families file (``central families load``); and « Ma famille » accepted by an agent: a
family with a new key, mailed through a real SMTP server, or the children added to the family the space has; not
before the request is attached to the space (by the ``request.attach`` op of the kiosk's outbox)."""

from __future__ import annotations

import re
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from sqlalchemy import Engine, create_engine, func, select, update

from central.codes import draw_code
from central.families import draw_key
from central.models import Account, ChildKeyAttempt, Family, Request
from sync.personal_space import MAX_ME_BYTES, Profile
from sync.protocol import Address, ErrorBody, LoginAnswer, OpAnswer, ProcedureRef, Requester, SubmitBody, SubmitOp
from tests.central.accounts_flow import (
    FIRST_NAME,
    LAST_NAME,
    Citizen,
    access_token,
    active_account,
    call,
    database,
    log_in,
    text_of,
    wait_mail,
)
from tests.central.conftest import Central, InProcess, MailCentral, add_kiosk, central
from tests.central.test_attach import attach_op
from tests.central.waiting import lock_waiters, wait_until
from tests.central.wire import KIOSK_CLOCK, push

KEY_SUBJECT = "Votre clé enfance"

DETAILS = {
    "civility": "madame",
    "first_name": "Zoé",
    "last_name": "Canaryprofile",
    "address": {"line": "3 rue des Lilas", "postcode": "45000", "city": "Valmont-sur-Loire", "complement": "Bât. B"},
    "phones": ["06 12 34 56 78", "+33 2 38 00 00 00"],
    "emails": ["zoe.travail@example.org"],
    "notify_by": "sms",
}


def error_of(response: requests.Response) -> str:
    return ErrorBody.model_validate_json(response.content).error


def signed_in(mail_central: MailCentral) -> tuple[str, str, str]:
    """(central's URL, the kiosk's token, a fresh citizen's access token)."""
    url, token = mail_central.server.url, mail_central.token
    citizen = active_account(url, token, mail_central.smtp)
    return url, token, access_token(url, token, citizen)


def attempts_of(mail_central: MailCentral, citizen: str) -> int:
    """The wrong keys counted for the space of the access token ``citizen``."""
    email = Profile.model_validate_json(
        call(mail_central.server.url, mail_central.token, "GET", "/me/profile", citizen=citizen).content
    ).email
    with database(mail_central.database_url) as session:
        account = session.scalar(select(Account.id).where(Account.email == email))
        return int(
            session.scalar(
                select(func.count()).select_from(ChildKeyAttempt).where(ChildKeyAttempt.account_id == account)
            )
            or 0
        )


def load_families(server: Central, tmp_path: Path, *families: tuple[str, str]) -> None:
    """``central families load`` as the town runs it: one family per (key, child's first name)."""
    blocks = [
        f'[[families]]\nkey = "{key.lower()}"\n\n'  # as people write it: the file's keys are normalised
        f'[[families.members]]\nfirst_name = "{child}"\nlast_name = "Canaryfamily"\nrelation = "enfant"\n'
        f'birth_year = 2018\nservices = ["Restauration scolaire"]\n'
        for key, child in families
    ]
    path = tmp_path / f"familles-{uuid.uuid4().hex[:6]}.toml"
    path.write_text("\n".join(blocks), encoding="utf-8")
    loaded = central(server.env, "families", "load", str(path))
    assert loaded.returncode == 0, loaded.stderr
    assert f"Families: {len(families)} added, 0 updated" in loaded.stdout


def test_profile_defaults_then_saved_and_read(mail_central: MailCentral) -> None:
    url, token, citizen = signed_in(mail_central)
    first = call(url, token, "GET", "/me/profile", citizen=citizen)
    assert first.status_code == 200, first.text
    profile = Profile.model_validate_json(first.content)
    assert (profile.details.first_name, profile.details.last_name) == (FIRST_NAME, LAST_NAME)
    assert (profile.details.address, profile.details.phones, profile.family) == (None, [], None)

    saved = call(url, token, "PUT", "/me/profile", DETAILS, citizen=citizen)
    assert saved.status_code == 200, saved.text
    again = Profile.model_validate_json(call(url, token, "GET", "/me/profile", citizen=citizen).content)
    assert again == Profile.model_validate_json(saved.content)
    assert again.details.model_dump(mode="json") == DETAILS
    assert again.email == profile.email  # the log-in's address is not the profile's to change
    with database(mail_central.database_url) as session:
        row = session.scalar(select(Account.profile_json).where(Account.email == profile.email))
    assert row is not None
    assert "Canaryprofile" in row


def test_invalid_bodies_change_nothing(mail_central: MailCentral) -> None:
    url, token, citizen = signed_in(mail_central)
    assert call(url, token, "PUT", "/me/profile", DETAILS, citizen=citizen).status_code == 200
    bad = [
        {**DETAILS, "phones": ["0612345678"] * 4},
        {**DETAILS, "emails": ["pas une adresse"]},
        {**DETAILS, "notify_by": "pigeon"},
        {**DETAILS, "civility": "docteur"},
        {**DETAILS, "first_name": " "},
        {**DETAILS, "phones": ["12"]},
        {**DETAILS, "password": "x"},  # unknown fields are refused, not ignored
        {k: v for k, v in DETAILS.items() if k != "notify_by"},
    ]
    for body in bad:
        answer = call(url, token, "PUT", "/me/profile", body, citizen=citizen)
        assert answer.status_code == 422, body
        assert error_of(answer) == "invalid_body"
    huge = requests.put(
        f"{url}/v1/me/profile",
        data=b'{"civility": "' + b"x" * MAX_ME_BYTES + b'"}',
        headers={"Authorization": f"Bearer {token}", "Citizen-Token": citizen, "Content-Type": "application/json"},
        timeout=10,
    )
    assert huge.status_code == 413
    for key in ("abc", "K7QX2M9P4TRW", "k7qx-2m9p-4trw", "K7QX-2M9P-4TR!"):
        answer = call(url, token, "POST", "/me/child-key", {"key": key}, citizen=citizen)
        assert answer.status_code == 422, key
        assert error_of(answer) == "invalid_body"
    kept = Profile.model_validate_json(call(url, token, "GET", "/me/profile", citizen=citizen).content)
    assert kept.details.model_dump(mode="json") == DETAILS


def test_no_token_another_kiosks_token_or_an_ended_session_is_401(mail_central: MailCentral) -> None:
    url, token, citizen = signed_in(mail_central)
    other = add_kiosk(mail_central.server.env, f"borne-{uuid.uuid4().hex[:6]}")
    for kiosk, holder in ((token, None), (other, citizen), (token, "not-a-token")):
        for method, path, body in (
            ("GET", "/me/profile", None),
            ("PUT", "/me/profile", DETAILS),
            ("POST", "/me/child-key", {"key": draw_key()}),
        ):
            answer = call(url, kiosk, method, path, body, citizen=holder)
            assert answer.status_code == 401, (method, path)
            assert error_of(answer) == "session_invalid"
    assert call(url, token, "DELETE", "/sessions/current", citizen=citizen).status_code == 204
    assert error_of(call(url, token, "GET", "/me/profile", citizen=citizen)) == "session_invalid"


def test_a_wrong_key_a_valid_one_again_and_anothers(mail_central: MailCentral, tmp_path: Path) -> None:
    url, token, citizen = signed_in(mail_central)
    mine, spare = draw_key(), draw_key()
    load_families(mail_central.server, tmp_path, (mine, "Canarychild"), (spare, "Spare"))
    with database(mail_central.database_url) as session:
        stored = session.scalar(select(Family).where(Family.key_hint == mine[-4:], Family.account_id.is_(None)))
        assert stored is not None
        assert mine not in (stored.key_digest, stored.members_json)  # the key itself is not kept

    wrong = call(url, token, "POST", "/me/child-key", {"key": draw_key()}, citizen=citizen)
    assert wrong.status_code == 422
    assert error_of(wrong) == "child_key_unknown"
    assert attempts_of(mail_central, citizen) == 1
    linked = call(url, token, "POST", "/me/child-key", {"key": mine}, citizen=citizen)
    assert linked.status_code == 200, linked.text
    family = Profile.model_validate_json(linked.content).family
    assert family is not None
    assert family.key_hint == mine[-4:]
    assert [(m.first_name, m.relation, m.birth_year) for m in family.members] == [("Canarychild", "enfant", 2018)]
    again = call(url, token, "POST", "/me/child-key", {"key": mine}, citizen=citizen)
    assert again.status_code == 200
    assert Profile.model_validate_json(again.content).family == family
    read = Profile.model_validate_json(call(url, token, "GET", "/me/profile", citizen=citizen).content)
    assert read.family == family

    # A key is personal: another space is refused it; this space cannot take a second family.
    _, _, someone_else = signed_in(mail_central)
    taken = call(url, token, "POST", "/me/child-key", {"key": mine}, citizen=someone_else)
    assert taken.status_code == 409
    assert error_of(taken) == "child_key_taken"
    second = call(url, token, "POST", "/me/child-key", {"key": spare}, citizen=citizen)
    assert second.status_code == 409
    assert error_of(second) == "family_linked"
    with database(mail_central.database_url) as session:
        assert session.scalar(select(Family.account_id).where(Family.key_hint == spare[-4:])) is None
    assert attempts_of(mail_central, citizen) == 1  # a taken or second key is not a guess


def test_too_many_wrong_keys_wait_even_for_the_right_one(mail_central: MailCentral, tmp_path: Path) -> None:
    url, token, citizen = signed_in(mail_central)
    mine = draw_key()
    load_families(mail_central.server, tmp_path, (mine, "Patient"))
    for _ in range(5):
        answer = call(url, token, "POST", "/me/child-key", {"key": draw_key()}, citizen=citizen)
        assert error_of(answer) == "child_key_unknown"
    blocked = call(url, token, "POST", "/me/child-key", {"key": draw_key()}, citizen=citizen)
    assert blocked.status_code == 429
    assert error_of(blocked) == "too_many_attempts"
    assert 1 <= int(blocked.headers["Retry-After"]) <= 2
    right = call(url, token, "POST", "/me/child-key", {"key": mine}, citizen=citizen)
    assert right.status_code == 429  # waiting is what slows guessing: no key is checked meanwhile
    assert attempts_of(mail_central, citizen) == 5  # the refused ones are not counted: waiting is enough


def test_a_bad_families_file_loads_nothing(cli: InProcess, db: Engine, tmp_path: Path) -> None:
    def count() -> int:
        with db.connect() as connection:
            return int(connection.scalar(select(func.count()).select_from(Family)) or 0)

    before = count()
    good = f'[[families]]\nkey = "{draw_key()}"\n[[families.members]]\nfirst_name = "A"\nlast_name = "B"\n'
    good += 'relation = "parent"\nservices = []\n'
    twice = f'[[families]]\nkey = "{draw_key()}"\n' + good.split("\n", 2)[2]
    cases = {
        "not toml [": "cannot be read as a TOML file",
        good + '[[families]]\nkey = "ABC"\n[[families.members]]\nfirst_name = "A"\nlast_name = "B"\n'
        'relation = "parent"\nservices = []\n': "families.1.key",
        good.replace('"parent"', '"cousin"'): "families.0.members.0.relation",
        twice + twice: "appears twice",
        good + "extra = 1\n": "extra",
    }
    for text, expected in cases.items():
        path = tmp_path / "familles.toml"
        path.write_text(text, encoding="utf-8")
        ran = cli("families", "load", str(path))
        assert ran.returncode == 1, text
        assert expected in ran.stderr, ran.stderr
        assert ran.stderr.startswith("central: ")
    assert cli("families", "load", str(tmp_path / "absent.toml")).returncode == 1
    assert count() == before
    path = tmp_path / "familles.toml"
    path.write_text(good, encoding="utf-8")
    assert cli("families", "load", str(path)).stdout.startswith("Families: 1 added, 0 updated")
    path.write_text(good.replace('first_name = "A"', 'first_name = "C"'), encoding="utf-8")
    assert cli("families", "load", str(path)).stdout.startswith("Families: 0 added, 1 updated")
    assert count() == before + 1


def _submit_family(
    mail_central: MailCentral, grant: str | None, children: dict[str, str | int]
) -> tuple[str, uuid.UUID]:
    """A « Ma famille » request on central, attached to a space by the ``request.attach`` op with the attach grant
    of its log-in (None: not attached yet); its number and client uuid."""
    client = uuid.uuid4()
    op = SubmitOp(
        op_id=uuid.uuid4(),
        kind="request.submit",
        aggregate_id=client,
        body=SubmitBody(
            client_uuid=client,
            reference=f"borne-mail-2026-{uuid.uuid4().int % 1_000_000:06d}",
            tracking_code=draw_code(),
            channel="kiosk",
            procedure=ProcedureRef(slug="ma-famille", revision=1),
            answers={**children, "services": ["cantine", "periscolaire"]},
            requester=Requester(
                civility="",
                last_name=LAST_NAME,
                first_name=FIRST_NAME,
                address=Address(line="3 rue des Lilas", postcode="45000", city="Valmont-sur-Loire"),
                email="parent@example.org",
                phone="",
                notify_by="email",
            ),
            appointment=None,
            documents=[],
            submitted_at=KIOSK_CLOCK,
        ),
    )
    pushed = push(mail_central.server.url, mail_central.token, op)
    assert pushed.status_code in (200, 201), pushed.text
    number = OpAnswer.model_validate_json(pushed.content).request.number
    if grant is not None:
        _attach(mail_central, client, grant)
    return number, client


def _attach(mail_central: MailCentral, client: uuid.UUID, grant: str) -> None:
    attached = push(mail_central.server.url, mail_central.token, attach_op(client, grant))
    assert attached.status_code == 200, attached.text


def _logged_in(mail_central: MailCentral) -> tuple[Citizen, LoginAnswer]:
    url, token = mail_central.server.url, mail_central.token
    citizen = active_account(url, token, mail_central.smtp)
    answer = log_in(url, token, citizen.email, citizen.password)
    assert answer.status_code == 201, answer.text
    return citizen, LoginAnswer.model_validate_json(answer.content)


def test_ma_famille_accepted_links_a_family_and_mails_its_key(mail_central: MailCentral) -> None:
    server, smtp = mail_central.server, mail_central.smtp
    loaded = central(server.env, "catalogue", "load", "resources/catalogue")
    assert loaded.returncode == 0, loaded.stderr
    url, token = server.url, mail_central.token
    citizen, login = _logged_in(mail_central)
    holder = login.access_token
    first, _ = _submit_family(
        mail_central,
        login.attach_grant,
        {"enfant1_prenom": "Lou", "enfant1_nom": "Canarykid", "enfant1_annee": 2019, "enfant2_prenom": "Nina"},
    )
    # Not yet accepted: no family.
    assert Profile.model_validate_json(call(url, token, "GET", "/me/profile", citizen=holder).content).family is None
    accepted = central(server.env, "request", "status", first, "accepted")
    assert accepted.returncode == 0, accepted.stderr

    mail = wait_mail(smtp, citizen.email, KEY_SUBJECT)
    (key,) = re.findall(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", text_of(mail))
    assert not set(key) & set("01IO")  # read off a mail and typed again: no look-alike characters
    profile = Profile.model_validate_json(call(url, token, "GET", "/me/profile", citizen=holder).content)
    assert profile.family is not None
    assert profile.family.key_hint == key[-4:]
    members = [(m.first_name, m.last_name, m.relation, m.birth_year) for m in profile.family.members]
    assert members == [
        (FIRST_NAME, LAST_NAME, "parent", None),
        ("Lou", "Canarykid", "enfant", 2019),
        ("Nina", "Canarykid", "enfant", None),  # no last name given: the first child's
    ]
    assert profile.family.members[1].services == ["Restauration scolaire", "Accueils du matin et du soir"]
    same = call(url, token, "POST", "/me/child-key", {"key": key}, citizen=holder)
    assert same.status_code == 200  # the mailed key is this space's
    with database(mail_central.database_url) as session:
        digest = session.scalar(select(Family.key_digest).where(Family.key_hint == key[-4:]))
        assert digest is not None
        assert key not in digest

    # A second « Ma famille » of the same space: its children join the family, no second key.
    second, _ = _submit_family(mail_central, login.attach_grant, {"enfant1_prenom": "Tom", "enfant1_nom": "Canarykid"})
    assert central(server.env, "request", "status", second, "accepted").returncode == 0
    after = Profile.model_validate_json(call(url, token, "GET", "/me/profile", citizen=holder).content)
    assert after.family is not None
    assert after.family.key_hint == key[-4:]
    assert [m.first_name for m in after.family.members] == [FIRST_NAME, "Lou", "Nina", "Tom"]
    with database(mail_central.database_url) as session:
        account = session.scalar(select(Account.id).where(Account.email == citizen.email))
        assert session.scalar(select(func.count()).select_from(Family).where(Family.account_id == account)) == 1
    assert len([m for m in smtp.messages if m["To"] == citizen.email and m["Subject"] == KEY_SUBJECT]) == 1


def test_ma_famille_not_attached_yet_is_refused_until_it_is(mail_central: MailCentral) -> None:
    server = mail_central.server
    loaded = central(server.env, "catalogue", "load", "resources/catalogue")
    assert loaded.returncode == 0, loaded.stderr
    citizen, login = _logged_in(mail_central)
    # Made offline, logged in: the request reaches central before the attach op that follows it in the outbox.
    number, client = _submit_family(mail_central, None, {"enfant1_prenom": "Eli", "enfant1_nom": "Canarylate"})

    early = central(server.env, "request", "status", number, "accepted")
    assert early.returncode == 1
    assert "n'est pas encore rattachée à un espace personnel" in early.stderr
    assert "acceptez-la ensuite" in early.stderr
    with database(mail_central.database_url) as session:
        assert session.scalar(select(Request.status).where(Request.number == number)) == "submitted"
        assert session.scalar(select(func.count()).select_from(Family).where(Family.members_json.contains("Eli"))) == 0

    _attach(mail_central, client, login.attach_grant)
    accepted = central(server.env, "request", "status", number, "accepted")
    assert accepted.returncode == 0, accepted.stderr
    wait_mail(mail_central.smtp, citizen.email, KEY_SUBJECT)
    profile = call(server.url, mail_central.token, "GET", "/me/profile", citizen=login.access_token)
    family = Profile.model_validate_json(profile.content).family
    assert family is not None
    assert [m.first_name for m in family.members] == [FIRST_NAME, "Eli"]


def test_ma_famille_naming_no_child_makes_no_empty_family(mail_central: MailCentral) -> None:
    """A « Ma famille » whose answers name no child central can read (its fields renamed in a later revision, say)
    is not accepted into an empty family: the agent is told, nothing changes."""
    server = mail_central.server
    assert central(server.env, "catalogue", "load", "resources/catalogue").returncode == 0
    _citizen, login = _logged_in(mail_central)
    number, _client = _submit_family(mail_central, login.attach_grant, {"autre_champ": "Canarynobody"})
    refused = central(server.env, "request", "status", number, "accepted")
    assert refused.returncode == 1
    assert "ne nomme aucun enfant" in refused.stderr
    with database(mail_central.database_url) as session:
        assert session.scalar(select(Request.status).where(Request.number == number)) == "submitted"
    profile = call(server.url, mail_central.token, "GET", "/me/profile", citizen=login.access_token)
    assert Profile.model_validate_json(profile.content).family is None


def test_ma_famille_accepted_twice_at_once_makes_one_family(mail_central: MailCentral, database_url: str) -> None:
    """Two agents accept two « Ma famille » of a space at the same moment: the second waits for the first and adds
    its children to the family the first made (one key, one mail), instead of failing on the one family a space
    has."""
    if not database_url.startswith("postgresql"):
        pytest.skip("row locks are PostgreSQL's; on SQLite every transaction is BEGIN IMMEDIATE")
    server = mail_central.server
    assert central(server.env, "catalogue", "load", "resources/catalogue").returncode == 0
    citizen, login = _logged_in(mail_central)
    numbers = [
        _submit_family(mail_central, login.attach_grant, {"enfant1_prenom": child, "enfant1_nom": "Canarytwin"})[0]
        for child in ("Ana", "Bea")
    ]
    engine = create_engine(mail_central.database_url)
    try:
        with engine.connect() as connection, ThreadPoolExecutor(2) as pool:
            with connection.begin():  # the space held until both acceptances wait for it
                connection.execute(select(Account.id).where(Account.email == citizen.email).with_for_update())
                accepting = [pool.submit(central, server.env, "request", "status", n, "accepted") for n in numbers]
                wait_until(lambda: lock_waiters(connection) == 2, 60, "both acceptances waiting for the space")
            ran = [future.result() for future in accepting]
    finally:
        engine.dispose()
    assert [r.returncode for r in ran] == [0, 0], [r.stderr for r in ran]
    wait_mail(mail_central.smtp, citizen.email, KEY_SUBJECT)
    family = Profile.model_validate_json(
        call(server.url, mail_central.token, "GET", "/me/profile", citizen=login.access_token).content
    ).family
    assert family is not None
    assert sorted(m.first_name for m in family.members) == sorted([FIRST_NAME, "Ana", "Bea"])
    assert len([m for m in mail_central.smtp.messages if m["To"] == citizen.email]) == 1 + 1  # finalise, key


def test_ma_famille_accepted_while_a_key_is_linked_joins_that_family(
    mail_central: MailCentral, database_url: str, tmp_path: Path
) -> None:
    """The citizen types a clé enfance while an agent accepts their « Ma famille »: the acceptance waits for the link
    and adds the children to the linked family (no second family, no key mailed)."""
    if not database_url.startswith("postgresql"):
        pytest.skip("row locks are PostgreSQL's; on SQLite every transaction is BEGIN IMMEDIATE")
    server = mail_central.server
    assert central(server.env, "catalogue", "load", "resources/catalogue").returncode == 0
    citizen, login = _logged_in(mail_central)
    key = draw_key()
    load_families(server, tmp_path, (key, "Linked"))
    number, _ = _submit_family(mail_central, login.attach_grant, {"enfant1_prenom": "Racy", "enfant1_nom": "Canary"})
    engine = create_engine(mail_central.database_url)
    try:
        with engine.connect() as connection, ThreadPoolExecutor(1) as pool:
            with connection.begin():  # the link of ``ProfileService.add_child_key``, not committed yet
                account = connection.scalar(select(Account.id).where(Account.email == citizen.email))
                connection.execute(
                    update(Family)
                    .where(Family.key_hint == key[-4:], Family.account_id.is_(None))
                    .values(account_id=account, linked_at=func.now())
                )
                accepting = pool.submit(central, server.env, "request", "status", number, "accepted")
                wait_until(lambda: lock_waiters(connection) == 1, 60, "the acceptance waiting for the link")
            ran = accepting.result()
    finally:
        engine.dispose()
    assert ran.returncode == 0, ran.stderr
    family = Profile.model_validate_json(
        call(server.url, mail_central.token, "GET", "/me/profile", citizen=login.access_token).content
    ).family
    assert family is not None
    assert (family.key_hint, [m.first_name for m in family.members]) == (key[-4:], ["Linked", "Racy"])
    assert not [m for m in mail_central.smtp.messages if m["To"] == citizen.email and m["Subject"] == KEY_SUBJECT]


def test_reloading_the_families_file_keeps_the_children_added_on_central(
    mail_central: MailCentral, tmp_path: Path
) -> None:
    server = mail_central.server
    assert central(server.env, "catalogue", "load", "resources/catalogue").returncode == 0
    _citizen, login = _logged_in(mail_central)
    key = draw_key()
    load_families(server, tmp_path, (key, "Filed"))
    linked = call(server.url, mail_central.token, "POST", "/me/child-key", {"key": key}, citizen=login.access_token)
    assert linked.status_code == 200, linked.text
    number, _ = _submit_family(mail_central, login.attach_grant, {"enfant1_prenom": "Added", "enfant1_nom": "Canary"})
    assert central(server.env, "request", "status", number, "accepted").returncode == 0

    # The town's next file: the same family with another child, and not the one « Ma famille » added.
    path = tmp_path / "familles-suivant.toml"
    path.write_text(
        f'[[families]]\nkey = "{key}"\n'
        + "".join(
            f'[[families.members]]\nfirst_name = "{child}"\nlast_name = "Canaryfamily"\nrelation = "enfant"\n'
            f"birth_year = {year}\n"
            for child, year in (("Filed", 2018), ("Newborn", 2025))
        ),
        encoding="utf-8",
    )
    reloaded = central(server.env, "families", "load", str(path))
    assert reloaded.returncode == 0, reloaded.stderr
    assert "Families: 0 added, 1 updated" in reloaded.stdout
    family = Profile.model_validate_json(
        call(server.url, mail_central.token, "GET", "/me/profile", citizen=login.access_token).content
    ).family
    assert family is not None
    assert [(m.first_name, m.services) for m in family.members] == [
        ("Filed", []),  # the file's members as the file says them now
        ("Newborn", []),
        ("Added", ["Restauration scolaire", "Accueils du matin et du soir"]),
    ]
