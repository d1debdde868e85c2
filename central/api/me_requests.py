"""The logged-in citizen's own requests (``central.citizen_requests``): « Mon tableau de bord », the follow-up of one
of them from any kiosk, and the messages they opened."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from central.api.body import read_json_body
from central.api.route_helpers import CitizenToken, app_service, error_responses, json_body_schema, parse_body
from central.api.services import authenticated_kiosk
from central.citizen_requests import CitizenRequests
from central.kiosks import KioskIdentity
from sync.personal_space import MAX_ME_BYTES, Dashboard, ReadUpTo
from sync.protocol import API_PREFIX, FollowUp

router = APIRouter(prefix=API_PREFIX)
# Not the number's pattern: any string that could be one gets the same 404 when it is not the citizen's.
_NUMBER = Path(max_length=20, description="The request's number, e.g. 2026-000042.")


citizen_requests = app_service("citizen_requests", CitizenRequests)


@router.get("/me/dashboard", response_model=Dashboard, responses=error_responses(401))
async def dashboard(
    kiosk: Annotated[KioskIdentity, Depends(authenticated_kiosk)],
    found: Annotated[CitizenRequests, Depends(citizen_requests)],
    citizen_token: CitizenToken = None,
) -> Dashboard:
    """The citizen's requests, newest first (archived ones flagged), the counts of the dashboard's badges (messages
    not read, appointments to come) and the procedures the town pins on « Mon accueil ». 401 ``session_invalid``."""
    return await run_in_threadpool(found.dashboard, kiosk, citizen_token)


@router.get("/me/requests/{number}", response_model=FollowUp, responses=error_responses(401, 404))
async def my_follow_up(
    kiosk: Annotated[KioskIdentity, Depends(authenticated_kiosk)],
    found: Annotated[CitizenRequests, Depends(citizen_requests)],
    number: Annotated[str, _NUMBER],
    citizen_token: CitizenToken = None,
) -> FollowUp:
    """The follow-up of one of the citizen's requests, as its tracking code shows it. 404 ``not_found`` for a number
    that is not one of theirs (someone else's or none: the same answer); 401 ``session_invalid``."""
    return await run_in_threadpool(found.follow_up, kiosk, citizen_token, number)


@router.post(
    "/me/requests/{number}/read",
    status_code=204,
    response_class=Response,
    responses={204: {"description": "Read"}, **error_responses(401, 404, 413, 415, 422)},
    openapi_extra=json_body_schema(ReadUpTo),
)
async def mark_read(
    request: Request,
    kiosk: Annotated[KioskIdentity, Depends(authenticated_kiosk)],
    found: Annotated[CitizenRequests, Depends(citizen_requests)],
    number: Annotated[str, _NUMBER],
    citizen_token: CitizenToken = None,
) -> Response:
    """The citizen opened the follow-up and saw its first ``seen`` events: the town's messages among them are read
    (the dashboard's « Échanges à lire » counts them no more). 404 ``not_found``; 401 ``session_invalid``."""
    body = parse_body(ReadUpTo, await read_json_body(request, MAX_ME_BYTES))
    await run_in_threadpool(found.mark_read, kiosk, citizen_token, number, body)
    return Response(status_code=204)
