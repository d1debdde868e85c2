"""What central's routes share: the OpenAPI descriptions of the raw JSON bodies they read themselves (size cap
first, then strict validation) and that parsing, and for the citizen's pages the plain HTML answers and the
capped form reader."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar
from urllib.parse import parse_qs

from fastapi import Header, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ValidationError

from central.account_pages import HEADERS
from central.accounts import AccountService
from central.api.body import read_capped
from central.api.errors import ApiError, invalid_body
from sync.protocol import CITIZEN_TOKEN, ErrorBody

__all__ = [
    "CitizenToken",
    "accounts",
    "app_service",
    "error_responses",
    "html_page",
    "json_body_schema",
    "parse_body",
    "read_form",
]

_M = TypeVar("_M", bound=BaseModel)
_S = TypeVar("_S")
# The citizen's access token of a /v1/sessions or /v1/me call; ``AccountService.signed_in`` checks it (401
# ``session_invalid`` when missing, unknown, another kiosk's, expired or ended).
CitizenToken = Annotated[
    str | None,
    Header(alias=CITIZEN_TOKEN, description="The citizen's access token, from POST /v1/sessions."),
]


def app_service(name: str, kind: type[_S]) -> Callable[[Request], _S]:
    """A route dependency: the service the app factory kept as ``app.state.<name>``, a ``kind``."""

    def service(request: Request) -> _S:
        found = getattr(request.app.state, name)
        assert isinstance(found, kind)
        return found

    return service


accounts = app_service("accounts", AccountService)


_MAX_FORM_BYTES = 8_000  # a password field is 256 characters at most


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {status: {"model": ErrorBody} for status in statuses}


def json_body_schema(model: type[BaseModel] | str) -> dict[str, Any]:
    """The route's JSON body, for the OpenAPI document: the route reads it raw, so FastAPI cannot declare it.
    ``model`` is the schema's model, or its name in the document's components (a union such as "Op")."""
    name = model if isinstance(model, str) else model.__name__
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}},
        }
    }


def parse_body(model: type[_M], raw: bytes) -> _M:
    try:
        return model.model_validate_json(raw)
    except ValidationError as exc:
        raise ApiError(422, "invalid_body", invalid_body(exc).detail) from None


def html_page(status: int, text: str) -> HTMLResponse:
    return HTMLResponse(text, status_code=status, headers=HEADERS)


async def read_form(request: Request) -> dict[str, str] | None:
    """The fields of an urlencoded form within the form cap (the first value of each), or None when it is not
    one, is too large or cannot be read."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "application/x-www-form-urlencoded":
        return None
    raw = await read_capped(request, _MAX_FORM_BYTES)
    if raw is None:
        return None
    try:
        fields = parse_qs(raw.decode("utf-8"), keep_blank_values=True, strict_parsing=False, max_num_fields=10)
    except (UnicodeDecodeError, ValueError):
        return None
    return {name: values[0] for name, values in fields.items()}
