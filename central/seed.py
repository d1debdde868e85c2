"""``central seed --demo``: a central to show, in one command — the demo catalogue and opening hours, the families
of the demo clés enfance (``resources/demo/families.toml``), a demo kiosk, and a few requests an agent has processed
(status changes, a message), each with its tracking code.

Idempotent: everything is keyed (the catalogue's revisions, the kiosk's name, the requests' op ids made from
fixed names, the history steps judged against the request as it is), so running it again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import tomllib
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from central.backoffice import BackOffice
from central.catalogue_store import CatalogueStore
from central.config import CentralSettings
from central.families import FamilyGrants, load_families, read_families_file
from central.kiosks import KioskIdentity, KioskRegistry
from central.models import Kiosk, LiveProcedure, Request
from central.ops import OpService
from central.private_files import write_private
from sync.clock import utc_now
from sync.protocol import Address, OpAnswer, OpeningHours, ProcedureRef, Requester, SubmitBody, SubmitOp
from sync.regular_files import read_regular_file

DEMO_KIOSK = "borne-demo"
_NAMESPACE = uuid.UUID("6f1d4c1e-5a0b-4f43-9c3e-2d7c1b0a9e55")
_PACKAGE_PARENT = Path(__file__).resolve().parent.parent


def demo_resources() -> Path:
    """The shipped resources folder: beside the packages in a checkout, inside the kiosk package in a wheel."""
    for candidate in (_PACKAGE_PARENT / "resources", _PACKAGE_PARENT / "kiosk" / "resources"):
        if (candidate / "catalogue").is_dir():
            return candidate
    return _PACKAGE_PARENT / "resources"


@dataclass(frozen=True, slots=True)
class DemoRequest:
    """A request as the demo shows it: where the agent took it (statuses, then a message)."""

    key: str
    slug: str
    code: str
    steps: tuple[tuple[str, str], ...]  # (status, comment), in order
    message: str = ""


DEMO_REQUESTS = (
    DemoRequest(
        "naissance",
        "acte-de-naissance",
        "DMBCDFGH",
        (("in_progress", ""), ("accepted", "")),
        "Votre copie d'acte de naissance vous est envoyée par courrier.",
    ),
    DemoRequest(
        "identite",
        "carte-nationale-identite",
        "DMBCDFGJ",
        (("in_progress", ""), ("awaiting_you", "Il manque un justificatif de domicile.")),
    ),
    DemoRequest("adresse", "changement-adresse", "DMBCDFGK", ()),
)


@dataclass
class SeedReport:
    lines: list[str] = field(default_factory=list)
    token: str | None = None  # the demo kiosk's, when it was registered now


def seed_demo(
    settings: CentralSettings,
    sessions: sessionmaker[Session],
    resources: Path,
    clock: Callable[[], dt.datetime] = utc_now,
) -> SeedReport:
    report = SeedReport()
    catalogue = CatalogueStore(sessions).load_directory(resources / "catalogue")
    published = len(catalogue.published)
    report.lines.append(f"Catalogue: {published} procedure(s) published, {catalogue.unchanged} unchanged.")
    hours = OpeningHours.model_validate(
        tomllib.loads(read_regular_file(resources / "demo" / "slots.toml", 64_000).decode("utf-8"))
    )
    changed = CatalogueStore(sessions).load_opening_hours(hours)
    report.lines.append("Opening hours " + ("loaded." if changed else "unchanged."))
    families = load_families(sessions, settings.secret(), read_families_file(resources / "demo" / "families.toml"))
    report.lines.append(f"Families of the demo clés enfance: {families.added} added, {families.updated} updated.")
    kiosk = _demo_kiosk(sessions, report)
    for demo in DEMO_REQUESTS:
        report.lines.append(_demo_request(settings, sessions, kiosk, demo, clock))
    return report


def _demo_kiosk(sessions: sessionmaker[Session], report: SeedReport) -> KioskIdentity:
    with sessions.begin() as session:
        found = session.scalar(select(Kiosk.id).where(Kiosk.name == DEMO_KIOSK))
    if found is None:
        report.token = KioskRegistry(sessions).add(DEMO_KIOSK)
        report.lines.append(f"Kiosk {DEMO_KIOSK} registered.")
        with sessions.begin() as session:
            found = session.scalar(select(Kiosk.id).where(Kiosk.name == DEMO_KIOSK))
        assert found is not None
    else:
        report.lines.append(f"Kiosk {DEMO_KIOSK} was registered already (its token was given when it was made).")
    return KioskIdentity(id=found, name=DEMO_KIOSK)


def _demo_request(
    settings: CentralSettings,
    sessions: sessionmaker[Session],
    kiosk: KioskIdentity,
    demo: DemoRequest,
    clock: Callable[[], dt.datetime],
) -> str:
    now = clock()
    # Each step a day apart, ending today: a history that reads like a real one.
    days = len(demo.steps) + (1 if demo.message else 0)
    moments = iter([now - dt.timedelta(days=days - i, hours=2) for i in range(days + 1)])
    with sessions.begin() as session:
        revision = session.scalar(select(LiveProcedure.live_revision).where(LiveProcedure.slug == demo.slug))
    if revision is None:
        raise ValueError(f"the demo catalogue has no procedure {demo.slug}")
    submitted = next(moments)
    client = uuid.uuid5(_NAMESPACE, f"request/{demo.key}")
    with sessions.begin() as session:
        number = session.scalar(select(Request.number).where(Request.client_ref == client))
    if number is None:
        number = _submit(settings, sessions, kiosk, demo, client, revision, submitted)
    office = BackOffice(sessions, FamilyGrants(settings.secret(), settings.mail_from), clock=lambda: next(moments))
    return _steps(office, number, demo)


def _submit(
    settings: CentralSettings,
    sessions: sessionmaker[Session],
    kiosk: KioskIdentity,
    demo: DemoRequest,
    client: uuid.UUID,
    revision: int,
    submitted: dt.datetime,
) -> str:
    op = SubmitOp(
        op_id=uuid.uuid5(_NAMESPACE, f"op/{demo.key}"),
        kind="request.submit",
        aggregate_id=client,
        body=SubmitBody(
            client_uuid=client,
            reference=f"{DEMO_KIOSK}-{submitted.year}-{DEMO_REQUESTS.index(demo) + 1:06d}",
            tracking_code=demo.code,
            channel="kiosk",
            procedure=ProcedureRef(slug=demo.slug, revision=revision),
            answers={},
            requester=Requester(
                civility="",
                last_name="Démo",
                first_name="Camille",
                address=Address(line="1 place de la République", postcode="45000", city="Valmont-sur-Loire"),
                email="",
                phone="",
                notify_by="post",
            ),
            appointment=None,
            documents=[],
            submitted_at=submitted,
        ),
    )
    outcome = OpService(sessions, settings.zone, settings.secret(), clock=lambda: submitted).apply(kiosk, op)
    if not isinstance(outcome.body, OpAnswer):
        raise ValueError(f"central refused the demo request {demo.key}: {outcome.body.detail}")
    return outcome.body.request.number


def _steps(office: BackOffice, number: str, demo: DemoRequest) -> str:
    detail = office.show(number)
    plan = [status for status, _comment in demo.steps]
    current = detail.summary.status
    # Steps already taken are skipped; a request moved off the plan (by hand) is left as it is.
    reached = plan.index(current) + 1 if current in plan else (0 if current == "submitted" else len(plan))
    for status, comment in demo.steps[reached:]:
        office.change_status(number, status, comment)
    if demo.message and not any(e.kind == "exchange" and e.text == demo.message for e in detail.history):
        office.add_message(number, demo.message)
    final = office.show(number).summary.status
    return f"Request {number} ({demo.slug}): {final}, tracking code {demo.code}."


def write_token_file(path: Path, token: str) -> None:
    """The token alone in ``path``, 0600, written whole or not at all."""
    write_private(path, (token + "\n").encode())
