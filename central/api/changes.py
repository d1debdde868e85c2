"""``GET /v1/changes/{scope}``: what a kiosk pulls (the catalogue, the opening hours, and the requests made at
that kiosk), a page at a time in commit order. See ``central.change_feed`` for the cursor and the ETag."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Response
from pydantic import BaseModel

from central.api.errors import ApiError
from central.api.services import Services, authenticated_kiosk, services
from central.change_feed import CursorInvalid, ResyncNeeded
from central.kiosks import KioskIdentity
from sync.protocol import (
    API_PREFIX,
    MAX_PAGE,
    RESYNC,
    CataloguePage,
    ChangeScope,
    ErrorBody,
    RequestsPage,
    SlotsPage,
)

router = APIRouter(prefix=f"{API_PREFIX}/changes")

_CURSOR = Query(
    max_length=200,
    description="The next_cursor of the previous page. Absent: a full snapshot of the live entries.",
)
_LIMIT = Query(ge=1, description=f"Changes per page; at most {MAX_PAGE} are sent whatever is asked.")
_RESPONSES: dict[int | str, dict[str, Any]] = {
    304: {"description": "Nothing changed since the page whose ETag was sent in If-None-Match"},
    400: {"model": ErrorBody, "description": "The cursor is not one central issued for this scope"},
    401: {"model": ErrorBody},
    410: {"model": ErrorBody, "description": "error=resync: the cursor is past the tombstone horizon; pull anew"},
    422: {"model": ErrorBody},
}


def _answer(
    scope: ChangeScope,
    kiosk: KioskIdentity,
    found: Services,
    cursor: str | None,
    limit: int,
    if_none_match: str | None,
) -> Response:
    try:
        answer = found.changes.page(scope, kiosk.id, cursor, limit, if_none_match)
    except CursorInvalid as exc:
        raise ApiError(400, "invalid_cursor", str(exc)) from None
    except ResyncNeeded as exc:
        raise ApiError(410, RESYNC, f"{exc}: pull the {scope} scope again without a cursor") from None
    # no-cache: a proxy may keep the page but must ask central (with the ETag) before reusing it.
    headers = {"ETag": answer.etag, "Cache-Control": "private, no-cache", "Vary": "Authorization"}
    if answer.page is None:
        return Response(status_code=304, headers=headers)
    return Response(answer.page.model_dump_json(), media_type="application/json", headers=headers)


def _add_route(scope: ChangeScope, page: type[BaseModel], description: str) -> None:
    """One route per scope, so that the OpenAPI document names each scope's page model."""

    def changes(
        kiosk: Annotated[KioskIdentity, Depends(authenticated_kiosk)],
        found: Annotated[Services, Depends(services)],
        cursor: Annotated[str | None, _CURSOR] = None,
        limit: Annotated[int, _LIMIT] = MAX_PAGE,
        if_none_match: Annotated[str | None, Header(max_length=1000)] = None,
    ) -> Response:
        return _answer(scope, kiosk, found, cursor, limit, if_none_match)

    router.add_api_route(
        f"/{scope}",
        changes,
        methods=["GET"],
        name=f"{scope}_changes",
        summary=f"{scope.capitalize()} changes",
        description=description,
        response_model=page,
        responses=_RESPONSES,
    )


_add_route(
    "catalogue",
    CataloguePage,
    "The domains and the live revision of each procedure; a withdrawn procedure comes as a tombstone.",
)
_add_route(
    "slots", SlotsPage, "The counter's opening hours (one entry, `opening-hours`), from which the kiosk offers slots."
)
_add_route(
    "requests", RequestsPage, "Number, status and history of the requests made at the calling kiosk, and of no other."
)
