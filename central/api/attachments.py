"""``POST /v1/me/attachments``: the logged-in citizen attaches a request of any kiosk to their personal space, by
its tracking code and the requester's last name (``central.attachments``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool

from central.api.body import read_json_body
from central.api.route_helpers import CitizenToken, app_service, error_responses, json_body_schema, parse_body
from central.api.services import authenticated_kiosk
from central.attachments import Attachments
from central.kiosks import KioskIdentity
from sync.personal_space import MAX_ME_BYTES, AttachByCode, MyRequest
from sync.protocol import API_PREFIX

router = APIRouter(prefix=API_PREFIX)


attachments = app_service("attachments", Attachments)


@router.post(
    "/me/attachments",
    response_model=MyRequest,
    responses=error_responses(401, 404, 409, 413, 415, 422, 429),
    openapi_extra=json_body_schema(AttachByCode),
)
async def attach_by_code(
    request: Request,
    kiosk: Annotated[KioskIdentity, Depends(authenticated_kiosk)],
    found: Annotated[Attachments, Depends(attachments)],
    citizen_token: CitizenToken = None,
) -> MyRequest:
    """Attach the request with this tracking code to the citizen's space, the requester's last name (any case or
    accents) as the verification. 200 with the request as their list shows it, also when it was theirs already;
    404 ``not_found`` for a wrong code and a wrong name alike; 409 ``attached_elsewhere`` when another space holds
    it; 429 ``too_many_lookups`` with Retry-After, counted as look-ups of the code; 401 ``session_invalid``."""
    body = parse_body(AttachByCode, await read_json_body(request, MAX_ME_BYTES))
    return await run_in_threadpool(found.by_code, kiosk, citizen_token, body)
