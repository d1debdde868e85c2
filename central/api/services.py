"""What the routes use, built once per worker by the app factory and kept on ``app.state``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine

from central.api.errors import ApiError
from central.api.route_helpers import app_service
from central.change_feed import ChangeFeed
from central.kiosks import KioskIdentity, KioskRegistry
from central.ops import OpService


@dataclass(frozen=True, slots=True)
class Services:
    engine: Engine
    kiosks: KioskRegistry
    ops: OpService
    changes: ChangeFeed


services = app_service("services", Services)


_bearer = HTTPBearer(auto_error=False, description="The kiosk's device token, from `central kiosk add NAME`.")


def authenticated_kiosk(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    found: Annotated[Services, Depends(services)],
) -> KioskIdentity:
    """The kiosk calling, from ``Authorization: Bearer <device token>``; 401 for a missing, unknown or revoked
    token (one answer for all three: a caller learns nothing about which tokens exist)."""
    kiosk = None if credentials is None else found.kiosks.authenticate(credentials.credentials)
    if kiosk is None:
        raise ApiError(401, "unauthorized", "unknown or revoked device token", headers={"WWW-Authenticate": "Bearer"})
    return kiosk
