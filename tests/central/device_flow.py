"""The log-in from the phone driven as a kiosk and a phone would: the kiosk's ``/v1`` calls with its device token,
the phone's pages fetched and their forms posted as a browser posts them."""

from __future__ import annotations

import datetime as dt
import re
import secrets

import requests
from sqlalchemy import select
from sqlalchemy.orm import Session

from central.credentials import token_hash
from central.models import DeviceAuthorization as DeviceAuthorizationRow
from sync.protocol import DeviceAuthorization
from tests.central.accounts_flow import call, database, form_key
from tests.central.conftest import TIMEOUT

_APPROVAL = re.compile(r'name="approval" value="([A-Za-z0-9_-]{20,})"')


def phone() -> dict[str, str]:
    """The headers of a phone's request: an address of its own (central's phone pages count requests per address,
    and every test's phone is another one)."""
    return {"X-Forwarded-For": f"192.0.2.{secrets.randbelow(254) + 1}"}


def authorize(url: str, token: str) -> DeviceAuthorization:
    asked = requests.post(
        f"{url}/v1/device-authorizations", headers={"Authorization": f"Bearer {token}"}, timeout=TIMEOUT
    )
    assert asked.status_code == 201, asked.text
    return DeviceAuthorization.model_validate_json(asked.content)


def poll(url: str, token: str, device_code: str) -> requests.Response:
    return call(url, token, "POST", "/device-tokens", {"device_code": device_code})


def _row(session: Session, device_code: str) -> DeviceAuthorizationRow:
    found = session.scalar(
        select(DeviceAuthorizationRow).where(DeviceAuthorizationRow.device_code_hash == token_hash(device_code))
    )
    assert found is not None
    return found


def wait_interval(database_url: str, device_code: str) -> None:
    """Move the last poll back by the code's interval, as a kiosk waiting that long before the next poll would."""
    with database(database_url) as session:
        row = _row(session, device_code)
        assert row.polled_at is not None
        row.polled_at -= dt.timedelta(seconds=row.interval_s)


def expire(database_url: str, device_code: str) -> None:
    """Make the authorization expire now, as ten minutes later would."""
    with database(database_url) as session:
        _row(session, device_code).expires_at = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)


def login_form(authorization: DeviceAuthorization) -> str:
    """The anti-forgery key of the log-in page the QR code opens."""
    page = requests.get(authorization.verification_uri_complete, headers=phone(), timeout=TIMEOUT)
    assert page.status_code == 200, page.text
    return form_key(page.text)


def phone_log_in(
    authorization: DeviceAuthorization, email: str, password: str, key: str | None = None
) -> requests.Response:
    """The phone opens the QR code's address and logs in (or posts the form of a page opened before: ``key``)."""
    code = authorization.verification_uri_complete.rsplit("=", 1)[1]
    form = {
        "code": code,
        "step": "login",
        "form_key": key or login_form(authorization),
        "courriel": email,
        "mot_de_passe": password,
    }
    return requests.post(authorization.verification_uri, data=form, headers=phone(), timeout=TIMEOUT)


def approval_of(page: str) -> str:
    found = _APPROVAL.search(page)
    assert found is not None, page
    return str(found.group(1))


def decide(authorization: DeviceAuthorization, approval: str, choice: str) -> requests.Response:
    code = authorization.verification_uri_complete.rsplit("=", 1)[1]
    form = {"code": code, "step": "decide", "approval": approval, "choice": choice}
    return requests.post(authorization.verification_uri, data=form, headers=phone(), timeout=TIMEOUT)
