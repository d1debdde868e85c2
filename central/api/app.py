"""The app factory: one FastAPI app per worker process, on the database of the settings."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import TypeAdapter
from sqlalchemy import Engine
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from central.accounts import AccountService
from central.acknowledgement import Acknowledger
from central.api.accounts import pages_router as account_pages_router
from central.api.accounts import router as accounts_router
from central.api.attachments import router as attachments_router
from central.api.changes import router as changes_router
from central.api.desk import Desk
from central.api.desk import router as desk_router
from central.api.device import make_limits as make_phone_limits
from central.api.device import pages_router as device_pages_router
from central.api.device import router as device_router
from central.api.errors import install_error_handlers
from central.api.me_requests import router as me_requests_router
from central.api.profile import router as profile_router
from central.api.quotas import router as quotas_router
from central.api.routes import router
from central.api.services import Services
from central.api.tracking import make_pages
from central.api.tracking import router as tracking_router
from central.attachments import Attachments
from central.blobs import BLOBS_FOLDER, BlobStore
from central.change_feed import ChangeFeed
from central.citizen_requests import CitizenRequests
from central.codes import CodePool
from central.config import CentralSettings, load_settings
from central.db import check_schema, make_engine, make_session_factory
from central.device_login import DeviceLogin
from central.kiosks import KioskRegistry
from central.logs import setup_logging
from central.lookup import RequestLookup
from central.mail_sender import POLL_S, MailSender, SenderThread
from central.mail_transport import transport_for
from central.ops import OpService
from central.profiles import ProfileService
from central.quotas import QuotaService
from central.tracking_page import TrackingLookup
from sync.personal_space import AttachByCode, ChildKeyBody, ProfileDetails, ReadUpTo
from sync.protocol import (
    API_PREFIX,
    OP,
    AccountCreate,
    CodeLeaseRequest,
    DeviceTokenBody,
    LoginBody,
    LookupQuery,
    OpBatch,
    PasswordResetBody,
)

TITLE = "Central — Espace Citoyens"
API_VERSION = "1"
log = logging.getLogger("central.api")


def create_app(settings: CentralSettings, engine: Engine | None = None) -> FastAPI:
    """The API on ``engine`` (default: the settings' database, which must be migrated already)."""
    engine = engine or make_engine(settings.url)
    check_schema(engine)
    sessions = make_session_factory(engine)
    secret = settings.secret()
    # Each worker sends the mails it queued at once, and the others' on its rounds (claims keep them single).
    sender = SenderThread(
        MailSender(sessions, transport_for(settings), settings.mail_from, settings.mail_retry_s),
        poll_s=min(POLL_S, settings.mail_retry_s),  # never slower than the first retry
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        sender.start()
        try:
            yield
        finally:
            sender.stop()

    app = FastAPI(
        title=TITLE,
        version=API_VERSION,
        description="The town hall's service that the kiosks sync with. Every call but health carries the kiosk's "
        "device token.",
        openapi_url=f"{API_PREFIX}/openapi.json",
        # The interactive pages load scripts from a CDN: not from a town hall's server.
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.services = Services(
        engine=engine,
        kiosks=KioskRegistry(sessions),
        ops=OpService(
            sessions,
            settings.zone,
            secret,
            acknowledger=Acknowledger(settings.tracking_page, settings.mail_from, sender.wake),
        ),
        changes=ChangeFeed(engine),
    )
    install_error_handlers(app)
    app.include_router(router)
    app.include_router(changes_router)
    app.state.tracking_pages = make_pages(TrackingLookup(sessions, secret), settings.zone, secret)
    app.include_router(tracking_router)
    app.state.desk = Desk(
        blobs=BlobStore(sessions, settings.data_dir / BLOBS_FOLDER),
        codes=CodePool(sessions, secret),
        lookup=RequestLookup(sessions, secret),
    )
    app.include_router(desk_router)
    app.state.accounts = AccountService(
        sessions, secret, settings.public_link, settings.zone, settings.mail_from, sender.wake
    )
    app.include_router(accounts_router)
    app.state.profiles = ProfileService(sessions, app.state.accounts, secret)
    app.include_router(profile_router)
    app.state.attachments = Attachments(sessions, secret, app.state.accounts, app.state.desk.lookup, settings.zone)
    app.include_router(attachments_router)
    app.state.quotas = QuotaService(sessions, app.state.accounts, settings.zone)
    app.include_router(quotas_router)
    app.state.citizen_requests = CitizenRequests(sessions, app.state.accounts, settings.pinned_procedures)
    app.include_router(me_requests_router)
    app.include_router(account_pages_router)
    app.state.device_login = DeviceLogin(sessions, app.state.accounts, secret, settings.public_link)
    app.state.phone_limits = make_phone_limits()
    app.include_router(device_router)
    app.include_router(device_pages_router)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    app.add_middleware(AccessLog)
    return app


def app_from_environment() -> FastAPI:
    """For uvicorn (``factory=True``): the settings from ``$CENTRAL_CONFIG`` and ``CENTRAL_*``."""
    setup_logging()
    return create_app(load_settings())


def _openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    components: dict[str, Any] = schema.setdefault("components", {}).setdefault("schemas", {})
    # The op routes read their body raw (size cap first), so FastAPI does not see its model: add it from sync.
    raw_bodies: tuple[tuple[str, TypeAdapter[Any]], ...] = (
        ("Op", OP),
        ("OpBatch", TypeAdapter(OpBatch)),
        ("CodeLeaseRequest", TypeAdapter(CodeLeaseRequest)),
        ("LookupQuery", TypeAdapter(LookupQuery)),
        ("AccountCreate", TypeAdapter(AccountCreate)),
        ("LoginBody", TypeAdapter(LoginBody)),
        ("PasswordResetBody", TypeAdapter(PasswordResetBody)),
        ("DeviceTokenBody", TypeAdapter(DeviceTokenBody)),
        ("AttachByCode", TypeAdapter(AttachByCode)),
        ("ReadUpTo", TypeAdapter(ReadUpTo)),
        ("ProfileDetails", TypeAdapter(ProfileDetails)),
        ("ChildKeyBody", TypeAdapter(ChildKeyBody)),
    )
    for name, adapter in raw_bodies:
        generated = adapter.json_schema(ref_template="#/components/schemas/{model}")
        for key, value in generated.pop("$defs", {}).items():
            if components.setdefault(key, value) != value:
                raise RuntimeError(f"two different schemas are named {key} in the OpenAPI document")
        components[name] = generated
    app.openapi_schema = schema
    return schema


class AccessLog:
    """One line per call: method, route (the template, never the path: a path may one day hold a code), status,
    duration. No client address, no query string."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            route = scope.get("route")
            log.info(
                "http",
                extra={
                    "method": scope["method"],
                    "route": getattr(route, "path", "unmatched"),
                    "status": status,
                    "ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
