"""The kiosk's HTTP client for central's ``/v1``: one op per call, with its device token and Idempotency-Key;
a page of changes per call, with the cursor and the ETag of the page before.

Blocking (``requests``): run it on the network executor, never on the GUI thread. Every call has a (connect,
read) timeout, follows no redirect (a captive portal answering 302 is not central), and reads at most
``MAX_ANSWER_BYTES`` of an answer (``MAX_PAGE_BYTES`` of a page of changes).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

import requests

from sync.personal_space import AttachByCode, ChildKeyBody, ProfileDetails, ReadUpTo
from sync.protocol import (
    API_PREFIX,
    CITIZEN_TOKEN,
    IDEMPOTENCY_KEY,
    IDEMPOTENT_REPLAYED,
    AccountCreate,
    AnyOp,
    ChangeScope,
    CodeLeaseRequest,
    DeviceTokenBody,
    LoginBody,
    LookupQuery,
    PasswordResetBody,
    canonical_json,
)

__all__ = ["DEFAULT_TIMEOUT", "MAX_ANSWER_BYTES", "MAX_PAGE_BYTES", "CentralClient", "CentralUnreachable", "Reply"]

# Connect a little over a multiple of 3 s (TCP's first SYN retransmit), read long enough for a busy central.
DEFAULT_TIMEOUT: Final = (3.05, 15.0)
MAX_ANSWER_BYTES: Final = 256 * 1024
# A page of changes carries whole procedures: larger, but still bounded (the pull engine halves its page size
# when a page would not fit).
MAX_PAGE_BYTES: Final = 8 * 1024 * 1024
_JSON: Final = {"Content-Type": "application/json"}


class CentralUnreachable(Exception):  # noqa: N818
    """No HTTP answer: refused or reset connection, timeout, DNS, TLS, an answer too big or cut short.
    The message names the failure's type only (never a URL with a token or a body).

    ``connected``: a connection was made and the call sent, but no whole answer came back in time (a read timeout,
    an answer cut short or too big): central, or something in front of it, is there but slow or broken. False when
    no connection could be made at all: the network, or central, is down."""

    def __init__(self, failure: str, *, connected: bool) -> None:
        super().__init__(failure)
        self.connected = connected


@dataclass(frozen=True, slots=True)
class Reply:
    """Central's HTTP answer to one call, as received."""

    status: int
    body: bytes
    retry_after: str | None
    replayed: bool
    etag: str | None = None
    # The answer's Date header: the server's clock, against which a Retry-After date is read (the kiosk's may be
    # years off).
    date: str | None = None


class CentralClient:
    """Pushes ops to central at ``base_url`` (e.g. ``https://mairie.example/``) as the kiosk with ``token``."""

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        session: requests.Session | None = None,
    ) -> None:
        self._ops_url = base_url.rstrip("/") + API_PREFIX + "/ops"
        self._changes_url = base_url.rstrip("/") + API_PREFIX + "/changes/"
        self._health_url = base_url.rstrip("/") + API_PREFIX + "/health"
        self._blobs_url = base_url.rstrip("/") + API_PREFIX + "/blobs/"
        self._lease_url = base_url.rstrip("/") + API_PREFIX + "/codes/lease"
        self._lookup_url = base_url.rstrip("/") + API_PREFIX + "/requests/lookup"
        self._accounts_url = base_url.rstrip("/") + API_PREFIX + "/accounts"
        self._sessions_url = base_url.rstrip("/") + API_PREFIX + "/sessions"
        self._resets_url = base_url.rstrip("/") + API_PREFIX + "/password-resets"
        self._me_url = base_url.rstrip("/") + API_PREFIX + "/me"
        self._device_authorizations_url = base_url.rstrip("/") + API_PREFIX + "/device-authorizations"
        self._device_tokens_url = base_url.rstrip("/") + API_PREFIX + "/device-tokens"
        self._timeout = timeout
        self._session = session if session is not None else requests.Session()
        # Never read from the environment: a proxy or .netrc setting of the machine must not redirect the token.
        self._session.trust_env = False
        self._session.headers["Authorization"] = f"Bearer {token}"

    def push(self, op: AnyOp) -> Reply:
        """Send one op; its ``op_id`` is the Idempotency-Key. Raises ``CentralUnreachable`` without an answer."""
        headers = {IDEMPOTENCY_KEY: str(op.op_id), "Content-Type": "application/json"}
        return self._call("POST", self._ops_url, data=canonical_json(op), headers=headers)

    def changes(self, scope: ChangeScope, cursor: str | None, etag: str | None, limit: int) -> Reply:
        """Ask for the page of ``scope`` after ``cursor`` (None: a full snapshot); ``etag`` goes as If-None-Match
        (304: nothing new). Raises ``CentralUnreachable`` without an answer, or with one over ``MAX_PAGE_BYTES``."""
        params: dict[str, str | int] = {"limit": limit}
        if cursor is not None:
            params["cursor"] = cursor
        headers = {} if etag is None else {"If-None-Match": etag}
        return self._call("GET", self._changes_url + scope, cap=MAX_PAGE_BYTES, params=params, headers=headers)

    def put_blob(self, sha256: str, content: bytes, media_type: str) -> Reply:
        """Upload a file by its content hash (``PUT /v1/blobs/{sha256}``; idempotent: 201 new, 200 held already).
        Raises ``CentralUnreachable`` without an answer."""
        return self._call("PUT", self._blobs_url + sha256, data=content, headers={"Content-Type": media_type})

    def lease_codes(self, wanted: CodeLeaseRequest) -> Reply:
        """Ask for tracking codes reserved for this kiosk (``POST /v1/codes/lease``). Raises ``CentralUnreachable``
        without an answer."""
        return self._call("POST", self._lease_url, data=canonical_json(wanted), headers=_JSON)

    def lookup(self, query: LookupQuery) -> Reply:
        """Ask for the follow-up of the request with a code typed here (``POST /v1/requests/lookup``; any
        kiosk's request). Raises ``CentralUnreachable`` without an answer."""
        return self._call("POST", self._lookup_url, data=canonical_json(query), headers=_JSON)

    # -- a citizen's account (the personal space) --------------------------------------------------------------
    # Each raises ``CentralUnreachable`` without an answer. The citizen's password and token travel in the body or
    # the ``Citizen-Token`` header only: never in a URL, which proxies and logs keep.

    def create_account(self, body: AccountCreate) -> Reply:
        """Ask for a personal space (``POST /v1/accounts``): 202 whether the address has one or not."""
        return self._call("POST", self._accounts_url, data=canonical_json(body), headers=_JSON)

    def log_in(self, body: LoginBody) -> Reply:
        """Log a citizen in (``POST /v1/sessions``): 201 with a ``LoginAnswer``; 401 ``login_failed``; 429
        ``too_many_logins`` with Retry-After."""
        return self._call("POST", self._sessions_url, data=canonical_json(body), headers=_JSON)

    def current_session(self, citizen_token: str) -> Reply:
        """The session ``citizen_token`` opens (``GET /v1/sessions/current``): 200 with a ``CitizenSession``;
        401 ``session_invalid`` once it expired or ended."""
        return self._call("GET", self._sessions_url + "/current", headers={CITIZEN_TOKEN: citizen_token})

    def log_out(self, citizen_token: str) -> Reply:
        """End the session ``citizen_token`` opens (``DELETE /v1/sessions/current``): 204; 401 if it had ended."""
        return self._call("DELETE", self._sessions_url + "/current", headers={CITIZEN_TOKEN: citizen_token})

    def request_password_reset(self, body: PasswordResetBody) -> Reply:
        """ "Mot de passe oublié ?" (``POST /v1/password-resets``): 202 whether the address has a space or not."""
        return self._call("POST", self._resets_url, data=canonical_json(body), headers=_JSON)

    def my_quota(self, citizen_token: str, slug: str) -> Reply:
        """The citizen's count against the quota of procedure ``slug`` (``GET /v1/me/quotas/{slug}``): 200 with a
        ``QuotaState``; 401 ``session_invalid``; 404 ``not_found`` for a procedure without quota. ``slug`` is a
        catalogue slug (lowercase letters, digits, dashes): nothing to escape in the path."""
        return self._call("GET", self._me_url + "/quotas/" + slug, headers={CITIZEN_TOKEN: citizen_token})

    def attach_by_code(self, citizen_token: str, body: AttachByCode) -> Reply:
        """Attach a request of any kiosk to the citizen's space by its tracking code and the requester's last name
        (``POST /v1/me/attachments``): 200 with a ``MyRequest``; 404 ``not_found``; 409 ``attached_elsewhere``;
        429 with Retry-After; 401 ``session_invalid``."""
        headers = {**_JSON, CITIZEN_TOKEN: citizen_token}
        return self._call("POST", self._me_url + "/attachments", data=canonical_json(body), headers=headers)

    # -- the citizen's own requests (« Mon tableau de bord »; central/citizen_requests.py) ------------------------
    # ``number`` is a request number central gave (digits and a dash, ``RequestNumber``): nothing to escape in a path.

    def my_dashboard(self, citizen_token: str) -> Reply:
        """The citizen's requests and the dashboard's counts (``GET /v1/me/dashboard``): 200 with a ``Dashboard``;
        401 ``session_invalid``."""
        return self._call("GET", self._me_url + "/dashboard", headers={CITIZEN_TOKEN: citizen_token})

    def my_follow_up(self, citizen_token: str, number: str) -> Reply:
        """The follow-up of one of the citizen's requests (``GET /v1/me/requests/{number}``): 200 with a
        ``FollowUp``; 404 ``not_found``; 401 ``session_invalid``."""
        return self._call("GET", self._me_url + "/requests/" + number, headers={CITIZEN_TOKEN: citizen_token})

    def mark_read(self, citizen_token: str, number: str, body: ReadUpTo) -> Reply:
        """The citizen saw the follow-up's first ``body.seen`` events (``POST /v1/me/requests/{number}/read``): 204;
        404 ``not_found``; 401 ``session_invalid``."""
        headers = {**_JSON, CITIZEN_TOKEN: citizen_token}
        url = self._me_url + "/requests/" + number + "/read"
        return self._call("POST", url, data=canonical_json(body), headers=headers)

    # -- the citizen's profile and clé enfance (« Mon profil »; central/profiles.py) ------------------------------

    def my_profile(self, citizen_token: str) -> Reply:
        """The citizen's profile (``GET /v1/me/profile``): 200 with a ``Profile``; 401 ``session_invalid``."""
        return self._call("GET", self._me_url + "/profile", headers={CITIZEN_TOKEN: citizen_token})

    def save_profile(self, citizen_token: str, body: ProfileDetails) -> Reply:
        """« Je modifie mon espace » (``PUT /v1/me/profile``): 200 with the ``Profile``; 422; 401."""
        headers = {**_JSON, CITIZEN_TOKEN: citizen_token}
        return self._call("PUT", self._me_url + "/profile", data=canonical_json(body), headers=headers)

    def add_child_key(self, citizen_token: str, body: ChildKeyBody) -> Reply:
        """A clé enfance (``POST /v1/me/child-key``): 200 with the ``Profile``; 422 ``child_key_unknown``; 409
        ``child_key_taken`` or ``family_linked``; 429 with Retry-After; 401 ``session_invalid``."""
        headers = {**_JSON, CITIZEN_TOKEN: citizen_token}
        return self._call("POST", self._me_url + "/child-key", data=canonical_json(body), headers=headers)

    # -- the log-in from the phone (RFC 8628; central/device_login.py) -----------------------------------------

    def authorize_device(self) -> Reply:
        """Start a log-in from the phone (``POST /v1/device-authorizations``, no body): 201 with a
        ``DeviceAuthorization``."""
        return self._call("POST", self._device_authorizations_url)

    def device_token(self, body: DeviceTokenBody) -> Reply:
        """Ask whether the citizen approved on their phone (``POST /v1/device-tokens``): 201 with a ``LoginAnswer``;
        400 ``authorization_pending``, ``slow_down`` (with Retry-After), ``access_denied``, ``expired_token`` or
        ``invalid_grant``. The device code goes in the body, never in a URL."""
        return self._call("POST", self._device_tokens_url, data=canonical_json(body), headers=_JSON)

    def _call(self, method: str, url: str, *, cap: int = MAX_ANSWER_BYTES, **kwargs: Any) -> Reply:
        try:
            with self._session.request(
                method, url, timeout=self._timeout, allow_redirects=False, stream=True, **kwargs
            ) as response:
                return Reply(
                    status=response.status_code,
                    body=_read_capped(response, cap),
                    retry_after=response.headers.get("Retry-After"),
                    replayed=response.headers.get(IDEMPOTENT_REPLAYED, "").lower() == "true",
                    etag=response.headers.get("ETag"),
                    date=response.headers.get("Date"),
                )
        except requests.RequestException as exc:
            # requests' ConnectionError covers refused, reset and TLS failures and the connect timeout; a read
            # timeout or a broken body came over a connection that was made.
            connected = not isinstance(exc, requests.ConnectionError)
            raise CentralUnreachable(type(exc).__name__, connected=connected) from None

    def reachable(self) -> bool:
        """Whether central answers its health check (``GET /v1/health``, no token needed): how an idle kiosk, with
        nothing to send, still knows whether it is online. Never raises."""
        try:
            with self._session.get(
                self._health_url, timeout=self._timeout, allow_redirects=False, stream=True
            ) as response:
                return response.status_code == 200 and bool(_read_capped(response))
        except (requests.RequestException, CentralUnreachable):
            return False

    def close(self) -> None:
        self._session.close()


def _read_capped(response: requests.Response, limit: int = MAX_ANSWER_BYTES) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_content(chunk_size=16 * 1024):
        size += len(chunk)
        if size > limit:
            raise CentralUnreachable("AnswerTooLarge", connected=True)
        chunks.append(chunk)
    return b"".join(chunks)
