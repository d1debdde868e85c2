"""The ``/v1`` routes a kiosk uses besides its ops: files by content hash, its pool of tracking codes, and the
look-up of a code typed at it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from central.api.body import read_json_body
from central.api.errors import ApiError
from central.api.route_helpers import app_service, error_responses, json_body_schema, parse_body
from central.api.services import authenticated_kiosk
from central.blobs import BlobStore
from central.codes import CodePool
from central.kiosks import KioskIdentity
from central.lookup import RequestLookup
from sync.protocol import (
    API_PREFIX,
    MAX_LOOKUP_BYTES,
    BlobStored,
    CodeLease,
    CodeLeaseRequest,
    FollowUp,
    LookupQuery,
)

router = APIRouter(prefix=API_PREFIX)
_SHA256 = Path(pattern=r"^[0-9a-f]{64}$", description="The SHA-256 of the file's bytes, lowercase hex.")
# An upload announced a little over the cap is read and thrown away so that the client sees the 413; a bigger
# one is refused before its first byte (the connection then closes).
_DRAIN_FACTOR = 2


@dataclass(frozen=True, slots=True)
class Desk:
    blobs: BlobStore
    codes: CodePool
    lookup: RequestLookup


desk = app_service("desk", Desk)


_FILE_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            media_type: {"schema": {"type": "string", "format": "binary"}}
            for media_type in ("application/pdf", "image/jpeg", "image/png")
        },
    }
}


@router.put(
    "/blobs/{sha256}",
    response_model=BlobStored,
    status_code=201,
    responses={200: {"model": BlobStored, "description": "Held already"}, **error_responses(400, 401, 413, 415, 422)},
    openapi_extra=_FILE_BODY,
)
async def put_blob(
    request: Request,
    sha256: Annotated[str, _SHA256],
    _kiosk: Annotated[KioskIdentity, Depends(authenticated_kiosk)],
    found: Annotated[Desk, Depends(desk)],
) -> JSONResponse:
    """Upload a file of a request by its SHA-256, before the op that names it. Idempotent: 201 when new, 200 when
    central holds it already. The body is the file (Content-Type: its media type, checked against its first
    bytes); 413 over the kiosk's cap per file, 415 not PDF/JPEG/PNG or not the type announced, 422 another hash."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    announced = request.headers.get("content-length", "")
    limit = found.blobs.limit
    if announced.isdigit() and int(announced) > limit:
        if int(announced) <= limit * _DRAIN_FACTOR:
            async for _chunk in request.stream():
                pass
        raise ApiError(413, "body_too_large", f"a file is at most {limit} bytes")
    try:
        new, stored = await found.blobs.receive(sha256, media_type, request.stream())
    except ClientDisconnect:  # nothing was kept; the kiosk uploads again
        raise ApiError(400, "upload_interrupted", "the upload stopped before its end") from None
    return JSONResponse(stored.model_dump(mode="json"), status_code=201 if new else 200)


@router.head(
    "/blobs/{sha256}",
    status_code=200,
    responses={
        200: {"description": "Central holds the file"},
        # A HEAD answer has no body: the status alone says what went wrong.
        401: {"description": "No device token, or an unknown or revoked one"},
        404: {"description": "Central does not hold it"},
    },
)
async def head_blob(
    sha256: Annotated[str, _SHA256],
    _kiosk: Annotated[KioskIdentity, Depends(authenticated_kiosk)],
    found: Annotated[Desk, Depends(desk)],
) -> Response:
    """Whether central holds this file: 200 (its size and type in ``X-Blob-Size``, ``X-Blob-Type``) or 404."""
    stored = await run_in_threadpool(found.blobs.held, sha256)
    if stored is None:
        return Response(status_code=404)
    return Response(status_code=200, headers={"X-Blob-Size": str(stored.size), "X-Blob-Type": stored.media_type})


@router.post(
    "/codes/lease",
    response_model=CodeLease,
    responses=error_responses(401, 413, 415, 422),
    openapi_extra=json_body_schema(CodeLeaseRequest),
)
async def lease_codes(
    request: Request,
    kiosk: Annotated[KioskIdentity, Depends(authenticated_kiosk)],
    found: Annotated[Desk, Depends(desk)],
) -> CodeLease:
    """Tracking codes reserved for this kiosk, given in clear this once. A kiosk holding its limit of unused
    codes gets none (an empty list, not an error)."""
    wanted = parse_body(CodeLeaseRequest, await read_json_body(request, MAX_LOOKUP_BYTES))
    return await run_in_threadpool(found.codes.lease, kiosk, wanted.count)


@router.post(
    "/requests/lookup",
    response_model=FollowUp,
    responses=error_responses(401, 404, 409, 413, 415, 422, 429),
    openapi_extra=json_body_schema(LookupQuery),
)
async def lookup_request(
    request: Request,
    kiosk: Annotated[KioskIdentity, Depends(authenticated_kiosk)],
    found: Annotated[Desk, Depends(desk)],
) -> FollowUp:
    """The follow-up of the request with this tracking code (any kiosk's). 404 unknown; 409 ``last_name_needed``
    when two requests share the code and no or another name was given; 429 with Retry-After when this kiosk or
    this code was tried too often."""
    query = parse_body(LookupQuery, await read_json_body(request, MAX_LOOKUP_BYTES))
    return await run_in_threadpool(found.lookup.find, kiosk, query)
