"""The logged-in citizen's profile and clé enfance (``/v1/me/...``): the kiosk's device token, and the citizen's
access token in ``Citizen-Token`` (401 ``session_invalid`` when it is not valid)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool

from central.api.body import read_json_body
from central.api.route_helpers import CitizenToken, app_service, error_responses, json_body_schema, parse_body
from central.api.services import authenticated_kiosk
from central.kiosks import KioskIdentity
from central.profiles import ProfileService
from sync.personal_space import MAX_ME_BYTES, ChildKeyBody, Profile, ProfileDetails
from sync.protocol import API_PREFIX

router = APIRouter(prefix=API_PREFIX)


profiles = app_service("profiles", ProfileService)


@router.get("/me/profile", response_model=Profile, responses=error_responses(401))
async def read_profile(
    kiosk: Annotated[KioskIdentity, Depends(authenticated_kiosk)],
    found: Annotated[ProfileService, Depends(profiles)],
    citizen_token: CitizenToken = None,
) -> Profile:
    """The citizen's profile: the account's e-mail, what they filled in (their names alone until first saved), and
    the family of their clé enfance if one is linked."""
    return await run_in_threadpool(found.profile, kiosk, citizen_token)


@router.put(
    "/me/profile",
    response_model=Profile,
    responses=error_responses(401, 413, 415, 422),
    openapi_extra=json_body_schema(ProfileDetails),
)
async def save_profile(
    request: Request,
    kiosk: Annotated[KioskIdentity, Depends(authenticated_kiosk)],
    found: Annotated[ProfileService, Depends(profiles)],
    citizen_token: CitizenToken = None,
) -> Profile:
    """« Je modifie mon espace »: replace the identity, address and contact means; the saved profile back."""
    body = parse_body(ProfileDetails, await read_json_body(request, MAX_ME_BYTES))
    return await run_in_threadpool(found.save, kiosk, citizen_token, body)


@router.post(
    "/me/child-key",
    response_model=Profile,
    responses=error_responses(401, 409, 413, 415, 422, 429),
    openapi_extra=json_body_schema(ChildKeyBody),
)
async def add_child_key(
    request: Request,
    kiosk: Annotated[KioskIdentity, Depends(authenticated_kiosk)],
    found: Annotated[ProfileService, Depends(profiles)],
    citizen_token: CitizenToken = None,
) -> Profile:
    """Link the family of a clé enfance to the space: the profile with it; 422 ``child_key_unknown``, 409
    ``child_key_taken`` (another space's) or ``family_linked`` (this space has another family), 429
    ``too_many_attempts`` with Retry-After after repeated wrong keys."""
    body = parse_body(ChildKeyBody, await read_json_body(request, MAX_ME_BYTES))
    return await run_in_threadpool(found.add_child_key, kiosk, citizen_token, body)
