"""The log-in from the phone (``central.device_login``, RFC 8628): the two ``/v1`` routes a kiosk calls (with its
device token, as every ``/v1`` call), and the pages the citizen's phone opens (outside ``/v1`` and the OpenAPI
document: the code is the key)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from central import device_pages as pages
from central.accounts import LoginRefused
from central.api.body import read_json_body
from central.api.route_helpers import app_service, error_responses, html_page, json_body_schema, parse_body, read_form
from central.api.services import authenticated_kiosk
from central.device_login import VERIFICATION_PATH, DeviceLogin, normalise_user_code
from central.kiosks import KioskIdentity
from central.rate_limit import SlidingWindow
from sync.protocol import API_PREFIX, MAX_ACCOUNT_BYTES, DeviceAuthorization, DeviceTokenBody, LoginAnswer, LoginBody

router = APIRouter(prefix=API_PREFIX)
pages_router = APIRouter(include_in_schema=False)
_MAX_TYPED = 40

# A user code is 8 letters of 20 (34.5 bits), live 10 minutes: the phone's pages are limited per client address and
# per code (RFC 8628 §5.1), as the follow-up page is. A citizen opens a code's page, logs in, decides: a few answers;
# a guesser needs millions. The passwords typed are limited besides, as any log-in (``central.attempts``).
# Per address, more than the follow-up page allows: the phones of a town hall's public Wi-Fi share one address.
PER_CLIENT = (60, 60.0)  # pages with a code, and posts, per client address per minute
PER_CODE = (20, 600.0)  # answers about one code while it lives
RETRY_AFTER_S = "60"


@dataclass(frozen=True, slots=True)
class PhoneLimits:
    per_client: SlidingWindow
    per_code: SlidingWindow


def make_limits() -> PhoneLimits:
    return PhoneLimits(SlidingWindow(*PER_CLIENT), SlidingWindow(*PER_CODE))


device_login = app_service("device_login", DeviceLogin)


_limits = app_service("phone_limits", PhoneLimits)


def _too_many(request: Request, limits: PhoneLimits, found: DeviceLogin, code: str | None) -> HTMLResponse | None:
    """The 429 page when this client, or this code (when it is one), asked too often; None: go on. The code is
    counted by its keyed digest: the limiter's memory holds no code in clear."""
    client = request.client.host if request.client is not None else "-"
    if limits.per_client.allow(client) and (code is None or limits.per_code.allow(found.user_code_digest(code))):
        return None
    page = html_page(429, pages.too_many_page())
    page.headers["Retry-After"] = RETRY_AFTER_S
    return page


@router.post(
    "/device-authorizations", response_model=DeviceAuthorization, status_code=201, responses=error_responses(401)
)
async def ask_device_authorization(
    kiosk: Annotated[KioskIdentity, Depends(authenticated_kiosk)],
    found: Annotated[DeviceLogin, Depends(device_login)],
) -> DeviceAuthorization:
    """Start a log-in from the phone (RFC 8628 §3.1–3.2), with no body: show ``user_code`` and a QR code of
    ``verification_uri_complete``, then poll ``POST /v1/device-tokens`` every ``interval`` seconds for
    ``expires_in`` seconds at most."""
    return await run_in_threadpool(found.authorize, kiosk)


@router.post(
    "/device-tokens",
    response_model=LoginAnswer,
    status_code=201,
    responses=error_responses(400, 401, 413, 415, 422),
    openapi_extra=json_body_schema(DeviceTokenBody),
)
async def poll_device_token(
    request: Request,
    kiosk: Annotated[KioskIdentity, Depends(authenticated_kiosk)],
    found: Annotated[DeviceLogin, Depends(device_login)],
) -> LoginAnswer:
    """Poll for the citizen's decision (RFC 8628 §3.4–3.5). 201: the access token, as ``POST /v1/sessions`` gives
    it, once only. 400 with ``error``: ``authorization_pending`` (poll again after ``interval``), ``slow_down``
    (polled too soon: the interval grew by 5 s, as the detail and Retry-After say), ``access_denied`` (the citizen
    refused), ``expired_token`` (too late), ``invalid_grant`` (unknown, another kiosk's, or already used)."""
    body = parse_body(DeviceTokenBody, await read_json_body(request, MAX_ACCOUNT_BYTES))
    return await run_in_threadpool(found.token, kiosk, body.device_code)


# --- The phone's pages ----------------------------------------------------------------------------------------


@pages_router.get(VERIFICATION_PATH, response_class=HTMLResponse)
async def phone_page(
    request: Request,
    found: Annotated[DeviceLogin, Depends(device_login)],
    limits: Annotated[PhoneLimits, Depends(_limits)],
    code: str | None = None,
) -> HTMLResponse:
    if code is None:
        return html_page(200, pages.code_page())
    typed = code[:_MAX_TYPED]
    letters = normalise_user_code(typed)
    if (too_many := _too_many(request, limits, found, letters)) is not None:
        return too_many
    if letters is None:
        error = "Le code est fait de 8 lettres, par exemple BCDF-GHJK." if typed.strip() else "Saisissez le code."
        return html_page(422, pages.code_page(typed, error))
    view = await run_in_threadpool(found.open, letters)
    if view.state == "login":
        return html_page(200, pages.login_page(view, found.form_key(letters, "login")))
    return html_page(*pages.state_page(view))


@pages_router.post(VERIFICATION_PATH, response_class=HTMLResponse)
async def phone_post(
    request: Request,
    found: Annotated[DeviceLogin, Depends(device_login)],
    limits: Annotated[PhoneLimits, Depends(_limits)],
) -> Response:
    form = await read_form(request)
    letters = normalise_user_code(form.get("code", "")[:_MAX_TYPED]) if form is not None else None
    if (too_many := _too_many(request, limits, found, letters)) is not None:
        return too_many
    if form is None or letters is None:
        return html_page(400, pages.bad_form_page())
    step = form.get("step", "")
    if step == "decide":
        choice = form.get("choice")
        if choice not in {"approve", "refuse"}:
            return html_page(400, pages.bad_form_page())
        decided = await run_in_threadpool(found.decide, letters, form.get("approval", ""), choice == "approve")
        return html_page(403, pages.forged_page()) if decided is None else html_page(*pages.state_page(decided))
    if step != "login" or not found.form_key_matches(letters, "login", form.get("form_key", "")):
        return html_page(403, pages.forged_page())
    view = await run_in_threadpool(found.open, letters)
    if view.state != "login":
        return html_page(*pages.state_page(view))
    email, password = form.get("courriel", "").strip(), form.get("mot_de_passe", "")
    key = found.form_key(letters, "login")
    errors = pages.LoginErrors(
        email="Saisissez votre adresse électronique." if not email else None,
        password="Saisissez votre mot de passe." if not password else None,
    )
    if errors:
        return html_page(422, pages.login_page(view, key, email, errors))
    try:
        body = LoginBody(email=email, password=password)
    except ValidationError:
        # An address central cannot hold, or a password longer than any allowed: no account has them.
        return html_page(401, pages.login_page(view, key, email, pages.LoginErrors(password=pages.WRONG_LOGIN)))
    try:
        view = await run_in_threadpool(found.log_in, letters, body)
    except LoginRefused as refused:
        if refused.retry_after is None:
            return html_page(401, pages.login_page(view, key, email, pages.LoginErrors(password=pages.WRONG_LOGIN)))
        wait = f"Trop d'essais de connexion : réessayez dans {refused.retry_after} s."
        page = html_page(429, pages.login_page(view, key, email, pages.LoginErrors(password=wait)))
        page.headers["Retry-After"] = str(refused.retry_after)
        return page
    if view.state == "approve":
        return html_page(200, pages.approve_page(view))
    return html_page(*pages.state_page(view))
