"""What the routes of central's citizen pages and their API share (accounts, the phone log-in): the OpenAPI
descriptions of raw JSON bodies, their strict parsing, the plain HTML answers and the capped form reader."""

from __future__ import annotations

from typing import Any, TypeVar
from urllib.parse import parse_qs

from fastapi import Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ValidationError

from central import account_pages as pages
from central.api.errors import ApiError, invalid_body
from sync.protocol import ErrorBody

__all__ = ["error_responses", "html_page", "json_body_schema", "parse_body", "read_form"]

_M = TypeVar("_M", bound=BaseModel)
_MAX_FORM_BYTES = 8_000


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {status: {"model": ErrorBody} for status in statuses}


def json_body_schema(model: type[BaseModel]) -> dict[str, Any]:
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{model.__name__}"}}},
        }
    }


def parse_body(model: type[_M], raw: bytes) -> _M:
    try:
        return model.model_validate_json(raw)
    except ValidationError as exc:
        raise ApiError(422, "invalid_body", invalid_body(exc).detail) from None


def html_page(status: int, text: str) -> HTMLResponse:
    return HTMLResponse(text, status_code=status, headers=pages.HEADERS)


async def read_form(request: Request) -> dict[str, str] | None:
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "application/x-www-form-urlencoded":
        return None
    try:
        raw = await _read_body(request)
        fields = parse_qs(raw.decode("utf-8"), keep_blank_values=True, strict_parsing=False, max_num_fields=10)
    except (UnicodeDecodeError, ValueError):
        return None
    return {name: values[0] for name, values in fields.items()}


async def _read_body(request: Request) -> bytes:
    """The body within the form cap (a password field is 256 characters at most)."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > _MAX_FORM_BYTES:
            raise ValueError("form too large")
        chunks.append(chunk)
    return b"".join(chunks)
