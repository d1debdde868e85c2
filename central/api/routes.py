"""The ``/v1`` routes: health, and the ops kiosks push (one per call, or a batch)."""

from __future__ import annotations

import json
import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, JsonValue, ValidationError
from sqlalchemy import text
from starlette.concurrency import run_in_threadpool

from central.api.body import read_json_body
from central.api.errors import ApiError, error_response, invalid_body
from central.api.route_helpers import error_responses, json_body_schema, parse_body
from central.api.services import Services, authenticated_kiosk, services
from central.kiosks import KioskIdentity
from central.ops import OpOutcome
from sync.protocol import (
    API_PREFIX,
    IDEMPOTENCY_KEY,
    IDEMPOTENT_REPLAYED,
    MAX_BATCH_OPS,
    MAX_OP_BYTES,
    OP,
    PROTOCOL_VERSION,
    AnyOp,
    Health,
    OpAnswer,
    OpBatchAnswer,
    OpResult,
)

router = APIRouter(prefix=API_PREFIX)


@router.get("/health", response_model=Health, responses=error_responses(500))
def health(found: Annotated[Services, Depends(services)]) -> Health:
    """Whether this worker can reach its database."""
    with found.engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    return Health(status="ok", protocol=PROTOCOL_VERSION)


@router.post(
    "/ops",
    response_model=OpAnswer,
    status_code=201,
    responses={
        200: {"model": OpAnswer, "description": "Applied earlier, or the request existed"},
        **error_responses(400, 401, 404, 409, 413, 415, 422),
    },
    openapi_extra=json_body_schema("Op"),
)
async def push_op(
    request: Request,
    kiosk: Annotated[KioskIdentity, Depends(authenticated_kiosk)],
    found: Annotated[Services, Depends(services)],
    idempotency_key: Annotated[
        str | None, Header(alias=IDEMPOTENCY_KEY, description="The op's op_id, made once on the kiosk.")
    ] = None,
) -> JSONResponse:
    """Apply one op exactly once. A replay returns the first answer with ``Idempotent-Replayed: true``; the same
    key with another op → 422; the same op still being applied elsewhere → 409 (retry); no key → 400."""
    key = _idempotency_key(idempotency_key)
    raw = await read_json_body(request, MAX_OP_BYTES)
    try:
        op = OP.validate_json(raw)
    except ValidationError as exc:
        return error_response(422, invalid_body(exc))
    if op.op_id != key:
        raise ApiError(422, "idempotency_key_mismatch", "the Idempotency-Key header must equal the body's op_id")
    outcome = await run_in_threadpool(found.ops.apply, kiosk, op)
    headers = {IDEMPOTENT_REPLAYED: "true"} if outcome.replayed else {}
    if outcome.status == 409:
        headers["Retry-After"] = "1"
    return JSONResponse(outcome.body.model_dump(mode="json"), status_code=outcome.status, headers=headers)


class _RawBatch(BaseModel):
    # Each op is validated on its own, so that one malformed op gets its own 422 and the others are applied.
    model_config = ConfigDict(extra="forbid", strict=True)
    ops: Annotated[list[JsonValue], Field(min_length=1, max_length=MAX_BATCH_OPS)]


@router.post(
    "/ops/batch",
    response_model=OpBatchAnswer,
    responses=error_responses(401, 413, 415, 422),
    openapi_extra=json_body_schema("OpBatch"),
)
async def push_ops(
    request: Request,
    kiosk: Annotated[KioskIdentity, Depends(authenticated_kiosk)],
    found: Annotated[Services, Depends(services)],
) -> OpBatchAnswer:
    """Apply several ops in order, each in its own transaction and with its own answer (the status it would have
    had alone). Each op's op_id is its idempotency key; no header is needed."""
    raw = await read_json_body(request, MAX_OP_BYTES)
    batch = parse_body(_RawBatch, raw)
    return await run_in_threadpool(_apply_batch, found, kiosk, batch.ops)


def _apply_batch(found: Services, kiosk: KioskIdentity, items: list[JsonValue]) -> OpBatchAnswer:
    results: list[OpResult] = []
    for index, item in enumerate(items):
        op_id = _op_id_of(item)
        try:
            op: AnyOp = OP.validate_json(json.dumps(item))
        except ValidationError as exc:
            results.append(
                OpResult(op_id=op_id, status=422, replayed=False, error=invalid_body(exc, ("body", "ops", index)))
            )
            continue
        results.append(_result(op.op_id, found.ops.apply(kiosk, op)))
    return OpBatchAnswer(results=results)


def _result(op_id: uuid.UUID, outcome: OpOutcome) -> OpResult:
    if isinstance(outcome.body, OpAnswer):
        return OpResult(op_id=op_id, status=outcome.status, replayed=outcome.replayed, answer=outcome.body)
    return OpResult(op_id=op_id, status=outcome.status, replayed=outcome.replayed, error=outcome.body)


def _op_id_of(item: JsonValue) -> uuid.UUID | None:
    value = item.get("op_id") if isinstance(item, dict) else None
    try:
        return uuid.UUID(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _idempotency_key(header: str | None) -> uuid.UUID:
    if header is None or not header.strip():
        raise ApiError(400, "idempotency_key_missing", f"an op needs an {IDEMPOTENCY_KEY} header: its op_id")
    # A structured-field string may come quoted: "Idempotency-Key: \"8e03...\"".
    value = header.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1]
    try:
        return uuid.UUID(value)
    except ValueError:
        raise ApiError(400, "idempotency_key_invalid", f"the {IDEMPOTENCY_KEY} must be the op's UUID") from None
