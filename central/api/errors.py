"""Every error the API answers is an ``ErrorBody``: ``{"error": code, "detail": ...}``, whatever raised it (our
checks, a service's ``central.errors.Refused``, a body that does not validate, an unknown route, a bug)."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from pydantic_core import ErrorDetails
from starlette.exceptions import HTTPException as StarletteHTTPException

from central.errors import Refused
from sync.protocol import ErrorBody, ErrorItem

log = logging.getLogger("central.api")

_MAX_ITEMS = 100
_HTTP_CODES = {404: "not_found", 405: "method_not_allowed", 413: "body_too_large", 415: "unsupported_media_type"}


class ApiError(Exception):
    """Answer ``status`` with ``ErrorBody(error, detail)``."""

    def __init__(
        self, status: int, error: str, detail: str | list[ErrorItem], headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(error)
        self.status = status
        self.body = ErrorBody(error=error, detail=detail)
        self.headers = dict(headers or {})


def error_response(status: int, body: ErrorBody, headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse(body.model_dump(mode="json"), status_code=status, headers=dict(headers or {}))


def error_items(errors: list[ErrorDetails], prefix: tuple[str | int, ...] = ("body",)) -> list[ErrorItem]:
    """Pydantic's errors as ``ErrorItem``s: where and what, never the value sent (it may be personal data)."""
    return [
        ErrorItem(loc=[*prefix, *error["loc"]][:30], msg=error["msg"][:500], type=error["type"][:100])
        for error in errors[:_MAX_ITEMS]
    ]


def invalid_body(exc: ValidationError, prefix: tuple[str | int, ...] = ("body",)) -> ErrorBody:
    errors = exc.errors(include_url=False, include_input=False, include_context=False)
    return ErrorBody(error="invalid_body", detail=error_items(errors, prefix))


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.body, exc.headers)

    @app.exception_handler(Refused)
    async def _refused(_request: Request, exc: Refused) -> JSONResponse:
        headers = {} if exc.retry_after is None else {"Retry-After": str(exc.retry_after)}
        return error_response(exc.status, ErrorBody(error=exc.error, detail=exc.detail), headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        items = [
            ErrorItem(loc=list(e.get("loc", ()))[:30], msg=str(e.get("msg", ""))[:500], type=str(e.get("type", "")))
            for e in list(exc.errors())[:_MAX_ITEMS]
        ]
        return error_response(422, ErrorBody(error="invalid_body", detail=items))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        return error_response(exc.status_code, ErrorBody(error=code, detail=str(exc.detail)[:2000]), exc.headers)

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> JSONResponse:
        # The type and the frames only: a database error's message holds the statement's parameters.
        log.error("unhandled_error", exc_info=(type(exc), exc, exc.__traceback__), extra={"method": request.method})
        return error_response(500, ErrorBody(error="internal_error", detail="central failed; the error is logged"))
