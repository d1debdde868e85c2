"""``GET /suivi/{code}`` and ``GET /suivi?code=``: the public follow-up page, outside the kiosks' /v1 API (no
token: the code is the key), rate-limited per client address and per code, left out of the OpenAPI document."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from central.api.route_helpers import app_service
from central.credentials import tracking_code_digest
from central.rate_limit import SlidingWindow
from central.tracking_page import (
    HEADERS,
    TrackingLookup,
    form_page,
    found_page,
    normalize_code,
    not_found_page,
    too_many_page,
)

# A person checks a request a few times; a guesser needs millions of tries.
PER_CLIENT = (30, 60.0)  # look-ups per client address per minute
PER_CODE = (20, 3600.0)  # look-ups of one code per hour
RETRY_AFTER_S = "60"

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True, slots=True)
class TrackingPages:
    lookup: TrackingLookup
    zone: ZoneInfo
    secret: bytes
    per_client: SlidingWindow
    per_code: SlidingWindow


def make_pages(lookup: TrackingLookup, zone: ZoneInfo, secret: bytes) -> TrackingPages:
    return TrackingPages(lookup, zone, secret, SlidingWindow(*PER_CLIENT), SlidingWindow(*PER_CODE))


_pages = app_service("tracking_pages", TrackingPages)


@router.get("/suivi", response_class=HTMLResponse)
async def tracking_form(
    request: Request,
    pages: Annotated[TrackingPages, Depends(_pages)],
    code: Annotated[str | None, Query(max_length=40)] = None,
) -> HTMLResponse:
    if code is None or not code.strip():
        return HTMLResponse(form_page(), headers=HEADERS)
    return await _answer(request, pages, code)


@router.get("/suivi/{code}", response_class=HTMLResponse)
async def tracking_page(request: Request, pages: Annotated[TrackingPages, Depends(_pages)], code: str) -> HTMLResponse:
    return await _answer(request, pages, code[:40])


async def _answer(request: Request, pages: TrackingPages, typed: str) -> HTMLResponse:
    code = normalize_code(typed)
    client = request.client.host if request.client is not None else "-"
    # Keyed by the code's digest: the limiter's memory holds no code in clear either.
    code_key = tracking_code_digest(pages.secret, code or typed)
    if not pages.per_client.allow(client) or not pages.per_code.allow(code_key):
        headers = {**HEADERS, "Retry-After": RETRY_AFTER_S}
        return HTMLResponse(too_many_page(), status_code=429, headers=headers)
    found = await run_in_threadpool(pages.lookup.find, code)
    if not found:
        return HTMLResponse(not_found_page(typed if code is None else code), status_code=404, headers=HEADERS)
    return HTMLResponse(found_page(found, pages.zone), headers=HEADERS)
