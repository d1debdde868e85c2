"""The kiosk's HTTP client for central's ``/v1``: one op per call, with its device token and Idempotency-Key.

Blocking (``requests``): run it on the network executor, never on the GUI thread. Every call has a (connect,
read) timeout, follows no redirect (a captive portal answering 302 is not central), and reads at most
``MAX_ANSWER_BYTES`` of an answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import requests

from sync.protocol import API_PREFIX, IDEMPOTENCY_KEY, IDEMPOTENT_REPLAYED, CancelOp, SubmitOp, canonical_json

__all__ = ["DEFAULT_TIMEOUT", "MAX_ANSWER_BYTES", "CentralClient", "CentralUnreachable", "Reply"]

# Connect a little over a multiple of 3 s (TCP's first SYN retransmit), read long enough for a busy central.
DEFAULT_TIMEOUT: Final = (3.05, 15.0)
MAX_ANSWER_BYTES: Final = 256 * 1024


class CentralUnreachable(Exception):  # noqa: N818
    """No HTTP answer: refused or reset connection, timeout, DNS, TLS, an answer too big or cut short.
    The message names the failure's type only (never a URL with a token or a body)."""


@dataclass(frozen=True, slots=True)
class Reply:
    """Central's HTTP answer to one op, as received."""

    status: int
    body: bytes
    retry_after: str | None
    replayed: bool


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
        self._timeout = timeout
        self._session = session if session is not None else requests.Session()
        # Never read from the environment: a proxy or .netrc setting of the machine must not redirect the token.
        self._session.trust_env = False
        self._session.headers["Authorization"] = f"Bearer {token}"

    def push(self, op: SubmitOp | CancelOp) -> Reply:
        """Send one op; its ``op_id`` is the Idempotency-Key. Raises ``CentralUnreachable`` without an answer."""
        headers = {IDEMPOTENCY_KEY: str(op.op_id), "Content-Type": "application/json"}
        try:
            with self._session.post(
                self._ops_url,
                data=canonical_json(op),
                headers=headers,
                timeout=self._timeout,
                allow_redirects=False,
                stream=True,
            ) as response:
                body = _read_capped(response)
                return Reply(
                    status=response.status_code,
                    body=body,
                    retry_after=response.headers.get("Retry-After"),
                    replayed=response.headers.get(IDEMPOTENT_REPLAYED, "").lower() == "true",
                )
        except requests.RequestException as exc:
            raise CentralUnreachable(type(exc).__name__) from None

    def close(self) -> None:
        self._session.close()


def _read_capped(response: requests.Response) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_content(chunk_size=16 * 1024):
        size += len(chunk)
        if size > MAX_ANSWER_BYTES:
            raise CentralUnreachable("AnswerTooLarge")
        chunks.append(chunk)
    return b"".join(chunks)
