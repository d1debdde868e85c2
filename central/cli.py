"""Command line of the central service.

    central catalogue check PATHS...            validate catalogue files before loading them
    central catalogue load DIR                  load a catalogue directory whole (or nothing of it)
    central catalogue withdraw SLUG | revisions SLUG
    central slots load FILE                     the counter's opening hours (format of resources/demo/slots.toml)
    central changes prune [--days N]            delete tombstones older than the horizon (tombstone_days)
    central db upgrade                          create or migrate the database
    central seed --demo [--token-file FILE]     demo catalogue, slots, kiosk and processed requests (idempotent)
    central mail send | list | show ID          send the waiting mails now / read the outbox folder (no SMTP)
    central serve [--host H] [--port P] [--workers N]
    central openapi [--out FILE]                the API's OpenAPI document
    central kiosk add NAME | revoke NAME        register a kiosk (prints its device token once) / refuse it
    central requests list [--status S] | show NUMBER
    central request status NUMBER STATUS [--comment TEXT] | message NUMBER TEXT
    central request appointment NUMBER --at "YYYY-MM-DD HH:MM"   set or move an appointment (a free slot)
    central blobs prune [--older-than HOURS]    delete uploaded files no request references (default 24 h)
    central families load FILE.toml             the families of the clés enfance (format: resources/demo/families.toml)
    central bench [--json] [--database-url URL] [--seconds S]   latency under simulated kiosks (PostgreSQL)

``--config FILE`` (before the command) or ``$CENTRAL_CONFIG`` names the TOML configuration; ``CENTRAL_*``
variables override it. Errors go to stderr with exit status 1 (2 for a command line that does not parse).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from central.bench import add_bench_command
from central.cli_demo_mail import add_mail_commands, add_seed_command
from central.config import ENV_CONFIG, CentralSettings, ConfigError, load_settings
from central.errors import CentralError
from sync.protocol import REQUEST_STATUSES

if TYPE_CHECKING:
    import datetime as dt
    from zoneinfo import ZoneInfo

    from sqlalchemy.orm import Session, sessionmaker

    from central.backoffice import BackOffice, RequestDetail


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except (ConfigError, CentralError, ValueError) as exc:
        print(f"central: {exc}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="central", description="Central service of the town-hall kiosks.")
    top.add_argument("--config", type=Path, help=f"TOML configuration file (default: ${ENV_CONFIG})")
    sub = top.add_subparsers(dest="command", required=True)

    cat = sub.add_parser("catalogue", help="the catalogue of procedures that central serves to the kiosks")
    cat_sub = cat.add_subparsers(dest="catalogue_command", required=True)
    check = cat_sub.add_parser("check", help="validate a catalogue directory or files before loading them")
    check.add_argument("paths", nargs="+", type=Path)
    check.set_defaults(handler=_catalogue_check)
    load = cat_sub.add_parser("load", help="validate a catalogue directory and load it whole, or nothing of it")
    load.add_argument("directory", type=Path)
    load.set_defaults(handler=_catalogue_load)
    withdraw = cat_sub.add_parser("withdraw", help="stop offering a procedure (its revisions are kept)")
    withdraw.add_argument("slug")
    withdraw.set_defaults(handler=_catalogue_withdraw)
    revisions = cat_sub.add_parser("revisions", help="the revisions of a procedure kept on central")
    revisions.add_argument("slug")
    revisions.set_defaults(handler=_catalogue_revisions)

    slots = sub.add_parser("slots", help="the counter's opening hours, from which the kiosks offer appointments")
    slots_sub = slots.add_subparsers(dest="slots_command", required=True)
    hours = slots_sub.add_parser(
        "load", help="validate an opening-hours file (as resources/demo/slots.toml) and load it"
    )
    hours.add_argument("file", type=Path)
    hours.set_defaults(handler=_slots_load)

    changes = sub.add_parser("changes", help="the change log the kiosks pull")
    changes_sub = changes.add_subparsers(dest="changes_command", required=True)
    prune = changes_sub.add_parser("prune", help="delete the tombstones older than the horizon")
    prune.add_argument("--days", type=int, help="the horizon in days (default: the tombstone_days setting, 90)")
    prune.set_defaults(handler=_changes_prune)

    add_seed_command(sub)
    add_mail_commands(sub)
    add_bench_command(sub)

    db = sub.add_parser("db", help="the database")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help="create the database or bring it to the newest schema").set_defaults(
        handler=_db_upgrade
    )

    serve = sub.add_parser("serve", help="serve the API (the database must be upgraded first)")
    serve.add_argument("--host", help="address to listen on (default: the configuration's, 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to listen on (default: the configuration's, 8000)")
    serve.add_argument("--workers", type=int, default=1, help="worker processes (PostgreSQL for more than one)")
    serve.set_defaults(handler=_serve)

    openapi = sub.add_parser("openapi", help="write the API's OpenAPI document")
    openapi.add_argument("--out", type=Path, help="file to write (default: standard output)")
    openapi.set_defaults(handler=_openapi)

    kiosk = sub.add_parser("kiosk", help="the kiosks allowed to sync")
    kiosk_sub = kiosk.add_subparsers(dest="kiosk_command", required=True)
    add = kiosk_sub.add_parser("add", help="register a kiosk and print its device token (shown once)")
    add.add_argument("name")
    add.set_defaults(handler=_kiosk_add)
    revoke = kiosk_sub.add_parser("revoke", help="refuse a kiosk's token from now on")
    revoke.add_argument("name")
    revoke.set_defaults(handler=_kiosk_revoke)

    requests = sub.add_parser("requests", help="the requests received")
    requests_sub = requests.add_subparsers(dest="requests_command", required=True)
    listing = requests_sub.add_parser("list", help="the newest requests: number, procedure, status, date")
    listing.add_argument("--status", choices=REQUEST_STATUSES)
    listing.add_argument("--limit", type=int, default=200)
    listing.set_defaults(handler=_requests_list)
    show = requests_sub.add_parser("show", help="one request with its history")
    show.add_argument("number")
    show.set_defaults(handler=_requests_show)

    request = sub.add_parser("request", help="process a request (each action is added to its history)")
    request_sub = request.add_subparsers(dest="request_command", required=True)
    status = request_sub.add_parser("status", help="change a request's status")
    status.add_argument("number")
    status.add_argument("status", choices=REQUEST_STATUSES)
    status.add_argument("--comment", default="", help="why, for the requester")
    status.set_defaults(handler=_request_status)
    message = request_sub.add_parser("message", help="write to the requester")
    message.add_argument("number")
    message.add_argument("text")
    message.set_defaults(handler=_request_message)
    appointment = request_sub.add_parser("appointment", help="set or move a request's appointment at the counter")
    appointment.add_argument("number")
    appointment.add_argument(
        "--at", required=True, help="the slot's start, the town's clock: \"2026-12-03 10:00\"", metavar="WHEN"
    )
    appointment.set_defaults(handler=_request_appointment)

    blobs = sub.add_parser("blobs", help="the files the kiosks uploaded")
    blobs_sub = blobs.add_subparsers(dest="blobs_command", required=True)
    blobs_prune = blobs_sub.add_parser("prune", help="delete the files no request references, uploaded long ago")
    blobs_prune.add_argument(
        "--older-than", type=float, default=None, metavar="HOURS", help="the age in hours (default: 24)"
    )
    blobs_prune.set_defaults(handler=_blobs_prune)

    families = sub.add_parser("families", help="the families of the clés enfance")
    families_sub = families.add_subparsers(dest="families_command", required=True)
    families_load = families_sub.add_parser(
        "load",
        help="add the families of a TOML file and update the known ones (all of it, or nothing); a family linked to "
        "a space keeps the members the file does not name (the children « Ma famille » added on central)",
    )
    families_load.add_argument("file", type=Path)
    families_load.set_defaults(handler=_families_load)
    return top


def _families_load(args: argparse.Namespace) -> int:
    from central.families import load_families, read_families_file

    families = read_families_file(args.file)  # FamiliesRefused (a CentralError) says why, before any change
    with _sessions(args) as sessions:
        loaded = load_families(sessions, _settings(args).secret(), families)
    print(f"Families: {loaded.added} added, {loaded.updated} updated, from {args.file}.")
    return 0


def _settings(args: argparse.Namespace) -> CentralSettings:
    return load_settings(args.config)


def _catalogue_check(args: argparse.Namespace) -> int:
    from sync.catalogue_files import check_report

    lines, ok = check_report(args.paths)
    print("\n".join(lines))
    return 0 if ok else 1


def _catalogue_load(args: argparse.Namespace) -> int:
    from central.catalogue_store import CatalogueRefused, CatalogueStore

    with _sessions(args) as sessions:
        try:
            report = CatalogueStore(sessions).load_directory(args.directory)
        except CatalogueRefused as refused:
            print("\n".join(refused.problems), file=sys.stderr)
            print(f"Nothing was loaded from {args.directory}.", file=sys.stderr)
            return 1
    for note in report.notes:
        print(note)
    published = ", ".join(f"{slug} (rev. {revision})" for slug, revision in report.published) or "none"
    print(f"Published: {published}.")
    print(f"{len(report.domains)} domain(s) added or changed, {report.unchanged} procedure(s) unchanged.")
    return 0


def _catalogue_withdraw(args: argparse.Namespace) -> int:
    from central.catalogue_store import CatalogueStore

    with _sessions(args) as sessions:
        withdrawn = CatalogueStore(sessions).withdraw(args.slug)
    print(
        f"Procedure {args.slug} "
        + ("withdrawn: the kiosks stop offering it." if withdrawn else "was withdrawn already.")
    )
    return 0


def _catalogue_revisions(args: argparse.Namespace) -> int:
    from central.catalogue_store import CatalogueStore

    with _sessions(args) as sessions:
        revisions = CatalogueStore(sessions).revisions(args.slug)
    if not revisions:
        print(f"central: no procedure is named {args.slug}", file=sys.stderr)
        return 1
    print(" ".join(str(revision) for revision in revisions))
    return 0


def _slots_load(args: argparse.Namespace) -> int:
    import tomllib

    from pydantic import ValidationError

    from central.catalogue_store import CatalogueStore
    from sync.protocol import OpeningHours
    from sync.regular_files import RefusedFileError, read_regular_file

    try:
        raw = tomllib.loads(read_regular_file(args.file, 64_000).decode("utf-8"))
        hours = OpeningHours.model_validate(raw)
    except RefusedFileError as exc:
        print(f"central: {args.file}: {exc.reason}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"central: {args.file}: cannot be read: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        print(f"central: {args.file}: not valid TOML: {exc}", file=sys.stderr)
        return 1
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            location = ".".join(str(part) for part in error["loc"])
            where = f"{location}: " if location else ""
            print(f"{args.file}: {where}{error['msg'].removeprefix('Value error, ')}", file=sys.stderr)
        print(f"Nothing was loaded from {args.file}.", file=sys.stderr)
        return 1
    with _sessions(args) as sessions:
        changed = CatalogueStore(sessions).load_opening_hours(hours)
    print("Opening hours " + ("loaded: the kiosks get them at their next pull." if changed else "unchanged."))
    return 0


def _changes_prune(args: argparse.Namespace) -> int:
    import datetime as dt

    from central.changelog import prune_tombstones
    from sync.clock import utc_now
    from sync.protocol import CHANGE_SCOPES

    days = _settings(args).tombstone_days if args.days is None else args.days
    if days < 0:
        raise ValueError("--days must be 0 or more")
    horizon = utc_now() - dt.timedelta(days=days)
    with _sessions(args) as sessions:
        counts = {}
        for scope in CHANGE_SCOPES:
            with sessions.begin() as session:
                counts[scope] = prune_tombstones(session, scope, horizon)
    print(
        ", ".join(f"{scope}: {count}" for scope, count in counts.items())
        + f" tombstone(s) older than {days} day(s) deleted."
    )
    return 0


def _db_upgrade(args: argparse.Namespace) -> int:
    from central.db import make_engine, migrate

    engine = make_engine(_settings(args).url)
    try:
        before, after = migrate(engine)
    finally:
        engine.dispose()
    print(f"database at migration {after}" + ("" if before == after else f" (was {before or 'empty'})"))
    return 0


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from central.api.http_protocol import NO_DELAY_HTTP
    from central.db import check_schema, make_engine
    from central.logs import setup_logging

    settings = _settings(args)
    engine = make_engine(settings.url)
    try:
        check_schema(engine)
    finally:
        engine.dispose()
    setup_logging()  # this process's lines too (with --workers, the supervisor's)
    if args.config is not None:  # the workers read the settings again, from the environment
        os.environ[ENV_CONFIG] = str(args.config.resolve())
    # ... where --host and --port must win too (without public_url, the mails link to this address)
    if args.host:
        os.environ["CENTRAL_HOST"] = args.host
    if args.port:
        os.environ["CENTRAL_PORT"] = str(args.port)
    uvicorn.run(
        "central.api.app:app_from_environment",
        factory=True,
        host=args.host or settings.host,
        port=args.port or settings.port,
        workers=args.workers,
        http=NO_DELAY_HTTP,  # answers without Nagle's 40 ms wait on kept-alive connections (see the module)
        log_config=None,  # central.logs formats every line, uvicorn's included
        access_log=False,  # central.api.app.AccessLog logs calls without client addresses
        server_header=False,
    )
    return 0


def _openapi(args: argparse.Namespace) -> int:
    text = openapi_text()
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
        print(f"OpenAPI document written to {args.out}")
    return 0


def openapi_text() -> str:
    """The OpenAPI document as committed in docs/openapi.json (built on a throwaway database)."""
    import tempfile

    from central.api.app import create_app
    from central.db import make_engine, migrate

    with tempfile.TemporaryDirectory() as scratch:
        engine = make_engine(f"sqlite:///{Path(scratch) / 'openapi.db'}")
        try:
            migrate(engine)
            # The document depends on the code only: no settings, no secret of this installation.
            document = create_app(CentralSettings(data_dir=Path(scratch), secret_key="unused"), engine).openapi()
        finally:
            engine.dispose()
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


@contextmanager
def _sessions(args: argparse.Namespace) -> Iterator[sessionmaker[Session]]:
    """Sessions on the configured database, which must be upgraded; the engine is closed after the command."""
    from central.db import check_schema, make_engine, make_session_factory

    engine = make_engine(_settings(args).url)
    try:
        check_schema(engine)
        yield make_session_factory(engine)
    finally:
        engine.dispose()


def _kiosk_add(args: argparse.Namespace) -> int:
    from central.kiosks import KioskRegistry

    with _sessions(args) as sessions:
        token = KioskRegistry(sessions).add(args.name)
    # The token alone on stdout, so that a script can take it: TOKEN=$(central kiosk add borne-1)
    print(f"Kiosk {args.name} registered. Its device token follows; it is shown this once.", file=sys.stderr)
    print(token)
    return 0


def _kiosk_revoke(args: argparse.Namespace) -> int:
    from central.kiosks import KioskRegistry

    with _sessions(args) as sessions:
        revoked = KioskRegistry(sessions).revoke(args.name)
    print(f"Kiosk {args.name} " + ("revoked: its token is refused from now on." if revoked else "was revoked already."))
    return 0


def _requests_list(args: argparse.Namespace) -> int:
    zone = _settings(args).zone
    with _sessions(args) as sessions:
        rows = _back_office(args, sessions).list_requests(args.status, args.limit)
    if not rows:
        print("No request" + (f" is {args.status}." if args.status else " yet."))
        return 0
    table = [("NUMBER", "PROCEDURE", "STATUS", "RECEIVED", "KIOSK")]
    for row in rows:
        received = row.created_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
        procedure = f"{row.procedure_slug} (rev. {row.procedure_revision})"
        table.append((row.number, procedure, row.status, received, row.kiosk))
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]
    for line in table:
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip())
    return 0


def _requests_show(args: argparse.Namespace) -> int:
    with _sessions(args) as sessions:
        detail = _back_office(args, sessions).show(args.number)
    print("\n".join(describe(detail, _settings(args).zone)))
    return 0


def _request_status(args: argparse.Namespace) -> int:
    with _sessions(args) as sessions:
        detail = _back_office(args, sessions).change_status(args.number, args.status, args.comment)
    print(f"Request {detail.summary.number} is now {detail.summary.status}.")
    return 0


def _request_message(args: argparse.Namespace) -> int:
    with _sessions(args) as sessions:
        detail = _back_office(args, sessions).add_message(args.number, args.text)
    print(f"Message added to the history of request {detail.summary.number}.")
    return 0


def _back_office(args: argparse.Namespace, sessions: sessionmaker[Session]) -> BackOffice:
    from central.backoffice import BackOffice
    from central.families import FamilyGrants

    settings = _settings(args)
    return BackOffice(sessions, FamilyGrants(settings.secret(), settings.mail_from))


def _request_appointment(args: argparse.Namespace) -> int:
    import datetime as dt

    from central.appointments import AppointmentDesk

    try:
        when = dt.datetime.strptime(args.at.strip(), "%Y-%m-%d %H:%M")
    except ValueError:
        raise ValueError(f'--at {args.at!r} is not a date and time such as "2026-12-03 10:00"') from None
    settings = _settings(args)
    with _sessions(args) as sessions:
        slot = AppointmentDesk(sessions, settings.zone).set(args.number, when)
    start = slot.starts_at.astimezone(settings.zone)
    print(
        f"Request {args.number} has an appointment on {start:%Y-%m-%d} from {start:%H:%M} to "
        f"{slot.ends_at.astimezone(settings.zone):%H:%M}, {slot.place}."
    )
    return 0


def _blobs_prune(args: argparse.Namespace) -> int:
    from central.blobs import BLOBS_FOLDER, UNREFERENCED_HOURS, BlobStore

    hours = UNREFERENCED_HOURS if args.older_than is None else args.older_than
    if not hours >= 0:
        raise ValueError("--older-than must be 0 or more hours")
    settings = _settings(args)
    with _sessions(args) as sessions:
        report = BlobStore(sessions, settings.data_dir / BLOBS_FOLDER).prune(hours)
    print(
        f"{report.rows} file(s) no request references, uploaded more than {hours:g} h ago, deleted"
        + (f" ({report.files} file(s) removed from the folder)." if report.files != report.rows else ".")
    )
    return 0


def describe(detail: RequestDetail, zone: ZoneInfo) -> list[str]:
    """A request as an agent reads it in a terminal."""

    def when(moment: dt.datetime) -> str:
        return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")

    summary, who = detail.summary, detail.requester
    address = ", ".join(
        part for part in (who.address.line, who.address.complement, who.address.postcode, who.address.city) if part
    )
    lines = [
        f"Request {summary.number}",
        f"  procedure    {summary.procedure_slug}, revision {summary.procedure_revision}",
        f"  status       {summary.status}",
        f"  kiosk        {summary.kiosk} (local reference {detail.local_reference}, channel {detail.channel})",
        f"  received     {when(summary.created_at)} (kiosk clock at submission: {when(detail.submitted_at)})",
        f"  requester    {' '.join(p for p in (who.civility, who.first_name, who.last_name) if p)}",
        f"  address      {address}",
        f"  contact      e-mail {who.email or '-'}, phone {who.phone or '-'}; informed by {who.notify_by}",
    ]
    if detail.appointment is not None:
        slot = detail.appointment
        lines.append(f"  appointment  {when(slot.starts_at)}-{slot.ends_at.astimezone(zone):%H:%M}, {slot.place}")
    lines.append("Answers")
    for field_id, value in detail.answers.items():
        shown = value.model_dump(mode="json") if hasattr(value, "model_dump") else value
        lines.append(f"  {field_id}: {json.dumps(shown, ensure_ascii=False)}")
    if detail.documents:
        lines.append("Documents")
        for doc in detail.documents:
            lines.append(
                f"  {doc.field_id} #{doc.position}  {doc.media_type}  {doc.size} bytes  {doc.filename}  "
                f"sha256 {doc.sha256[:16]}"
            )
    lines.append("History")
    for event in detail.history:
        status = f" -> {event.status}" if event.status else ""
        text = f"  {json.dumps(event.text, ensure_ascii=False)}" if event.text else ""
        lines.append(f"  {when(event.created_at)}  {event.kind:<10} {event.code}{status}{text}")
    return lines
