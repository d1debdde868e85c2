"""Citizens' accounts: the ``/v1`` routes a kiosk calls (with its device token, as every ``/v1`` call; the
citizen's access token in ``Citizen-Token``), and the pages the account mails link to (outside ``/v1`` and the
OpenAPI document: the link's token is the key)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from central import account_pages as pages
from central.accounts import (
    FINALISE_PATH,
    RESET_PATH,
    AccountService,
    LinkView,
    Purpose,
)
from central.api.body import read_json_body
from central.api.route_helpers import (
    CitizenToken,
    accounts,
    error_responses,
    html_page,
    json_body_schema,
    parse_body,
    read_form,
)
from central.api.services import authenticated_kiosk
from central.kiosks import KioskIdentity
from central.passwords import refusal
from sync.protocol import (
    API_PREFIX,
    MAX_ACCOUNT_BYTES,
    Accepted,
    AccountCreate,
    CitizenSession,
    LoginAnswer,
    LoginBody,
    PasswordResetBody,
)

router = APIRouter(prefix=API_PREFIX)
pages_router = APIRouter(include_in_schema=False)
_MAX_TOKEN = 100


_ACCEPTED = Accepted(status="accepted")


@router.post(
    "/accounts",
    response_model=Accepted,
    status_code=202,
    responses=error_responses(401, 413, 415, 422),
    openapi_extra=json_body_schema(AccountCreate),
)
async def create_account(
    request: Request,
    _kiosk: Annotated[KioskIdentity, Depends(authenticated_kiosk)],
    found: Annotated[AccountService, Depends(accounts)],
) -> Accepted:
    """Ask for a personal space. Central mails a "Finaliser l'inscription" link, valid 2 days, to the address; if
    the address has a space already, it mails its owner so instead. The answer is the same 202 either way."""
    body = parse_body(AccountCreate, await read_json_body(request, MAX_ACCOUNT_BYTES))
    await run_in_threadpool(found.create, body)
    return _ACCEPTED


@router.post(
    "/password-resets",
    response_model=Accepted,
    status_code=202,
    responses=error_responses(401, 413, 415, 422),
    openapi_extra=json_body_schema(PasswordResetBody),
)
async def request_password_reset(
    request: Request,
    _kiosk: Annotated[KioskIdentity, Depends(authenticated_kiosk)],
    found: Annotated[AccountService, Depends(accounts)],
) -> Accepted:
    """ "Mot de passe oublié ?": central mails a single-use link, valid 30 min, if the address has an active
    space, and nothing otherwise. The answer is the same 202 either way."""
    body = parse_body(PasswordResetBody, await read_json_body(request, MAX_ACCOUNT_BYTES))
    await run_in_threadpool(found.request_reset, body)
    return _ACCEPTED


@router.post(
    "/sessions",
    response_model=LoginAnswer,
    status_code=201,
    responses=error_responses(401, 413, 415, 422, 429),
    openapi_extra=json_body_schema(LoginBody),
)
async def log_in(
    request: Request,
    kiosk: Annotated[KioskIdentity, Depends(authenticated_kiosk)],
    found: Annotated[AccountService, Depends(accounts)],
) -> LoginAnswer:
    """Log a citizen in: a 15-minute access token for this kiosk, and the profile basics. 401 ``login_failed``
    for an unknown address and a wrong password alike; 429 ``too_many_logins`` with Retry-After when this address
    or this kiosk tried too often (the delay grows with each attempt)."""
    body = parse_body(LoginBody, await read_json_body(request, MAX_ACCOUNT_BYTES))
    return await run_in_threadpool(found.login, kiosk, body)


@router.get("/sessions/current", response_model=CitizenSession, responses=error_responses(401))
async def current_session(
    kiosk: Annotated[KioskIdentity, Depends(authenticated_kiosk)],
    found: Annotated[AccountService, Depends(accounts)],
    citizen_token: CitizenToken = None,
) -> CitizenSession:
    """The citizen's session while it is valid. 401 ``session_invalid`` when the token is missing, unknown, another
    kiosk's, expired or ended."""
    return await run_in_threadpool(found.current, kiosk, citizen_token)


@router.delete(
    "/sessions/current",
    status_code=204,
    responses={204: {"description": "Logged out"}, **error_responses(401)},
    response_class=Response,
)
async def log_out(
    kiosk: Annotated[KioskIdentity, Depends(authenticated_kiosk)],
    found: Annotated[AccountService, Depends(accounts)],
    citizen_token: CitizenToken = None,
) -> Response:
    """Log the citizen out: the token is refused from now on. 401 ``session_invalid`` if it was no longer valid."""
    await run_in_threadpool(found.logout, kiosk, citizen_token)
    return Response(status_code=204)


# --- The pages of the mailed links ----------------------------------------------------------------------------


async def _show(found: AccountService, purpose: Purpose, token: str, path: str) -> HTMLResponse:
    view = await run_in_threadpool(found.open_link, purpose, token) if len(token) <= _MAX_TOKEN else None
    if view is not None and view.state == "password":
        key = found.form_key(purpose, token, "password")
        return html_page(200, pages.password_page(purpose, view, path, key, pages.PasswordErrors()))
    if view is not None and view.state == "consent":
        return html_page(200, pages.consent_page(view, path, found.form_key(purpose, token, "consent")))
    return html_page(*pages.state_page(purpose, view or LinkView("unknown")))


async def _post(request: Request, found: AccountService, purpose: Purpose, token: str, path: str) -> Response:
    form = await read_form(request)
    if form is None:
        return html_page(400, pages.bad_form_page())
    if len(token) > _MAX_TOKEN:
        return html_page(*pages.state_page(purpose, LinkView("unknown")))
    step = form.get("step", "")
    if step not in {"password", "consent"} or not found.form_key_matches(
        purpose, token, step, form.get("form_key", "")
    ):
        return html_page(403, pages.forged_page())
    if step == "consent":
        choice = form.get("choice")
        if choice not in {"accept", "refuse"}:
            return html_page(400, pages.bad_form_page())
        view = await run_in_threadpool(found.share, token, choice == "accept")
        if view.state == "password":
            # The registration started again at a kiosk since this page was served (asking again clears the
            # password): nothing is shared; the link's page asks for a password anew (a GET: a reload posts nothing).
            return RedirectResponse(path, status_code=303, headers=pages.HEADERS)
        return html_page(*pages.state_page(purpose, view))
    current = await run_in_threadpool(found.open_link, purpose, token)
    if current.state != "password":
        return await _show(found, purpose, token, path)
    password, confirmation = form.get("mot_de_passe", ""), form.get("confirmation", "")
    errors = pages.PasswordErrors(
        password="Saisissez un mot de passe." if not password else refusal(password),
        confirmation="Les deux mots de passe ne sont pas identiques."
        if password and password != confirmation
        else None,
    )
    if errors:
        key = found.form_key(purpose, token, "password")
        return html_page(422, pages.password_page(purpose, current, path, key, errors))
    view = await run_in_threadpool(found.set_password, purpose, token, password)
    if view.state == "consent":  # the finalise link's next step, on a page of its own (a reload posts nothing)
        return RedirectResponse(path, status_code=303, headers=pages.HEADERS)
    return html_page(*pages.state_page(purpose, view))


@pages_router.get(FINALISE_PATH + "{token}", response_class=HTMLResponse)
async def finalise_page(token: str, found: Annotated[AccountService, Depends(accounts)]) -> HTMLResponse:
    return await _show(found, "finalise", token, FINALISE_PATH + token)


@pages_router.post(FINALISE_PATH + "{token}", response_class=HTMLResponse)
async def finalise_post(request: Request, token: str, found: Annotated[AccountService, Depends(accounts)]) -> Response:
    return await _post(request, found, "finalise", token, FINALISE_PATH + token)


@pages_router.get(RESET_PATH + "{token}", response_class=HTMLResponse)
async def reset_page(token: str, found: Annotated[AccountService, Depends(accounts)]) -> HTMLResponse:
    return await _show(found, "reset", token, RESET_PATH + token)


@pages_router.post(RESET_PATH + "{token}", response_class=HTMLResponse)
async def reset_post(request: Request, token: str, found: Annotated[AccountService, Depends(accounts)]) -> Response:
    return await _post(request, found, "reset", token, RESET_PATH + token)
