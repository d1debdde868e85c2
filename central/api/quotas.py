"""``GET /v1/me/quotas/{slug}``: the signed-in citizen's count of a procedure's requests against its quota, which
the kiosk asks before the wizard starts and again at submission (``central.quotas``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from starlette.concurrency import run_in_threadpool

from central.api.route_helpers import CitizenToken, app_service, error_responses
from central.api.services import authenticated_kiosk
from central.kiosks import KioskIdentity
from central.quotas import QuotaService
from sync.personal_space import QuotaState
from sync.protocol import API_PREFIX

router = APIRouter(prefix=API_PREFIX)


quotas = app_service("quotas", QuotaService)


@router.get("/me/quotas/{slug}", response_model=QuotaState, responses=error_responses(401, 404))
async def my_quota(
    slug: str,
    kiosk: Annotated[KioskIdentity, Depends(authenticated_kiosk)],
    found: Annotated[QuotaService, Depends(quotas)],
    citizen_token: CitizenToken = None,
) -> QuotaState:
    """How many requests of this procedure the citizen made in the quota's current calendar period, whether one
    more is allowed and when the next period starts. 401 ``session_invalid`` without a valid citizen's session;
    404 ``not_found`` for a procedure central does not offer or without quota."""
    return await run_in_threadpool(found.for_citizen, kiosk, citizen_token, slug)
