"""Device tokens of the kiosks and digests of tracking codes.

A device token is 32 random bytes: with that much entropy a plain SHA-256 is enough to store it (no salt or slow
hash needed: nobody can enumerate 2**256 tokens). A tracking code has only 20**8 values, so its digest is keyed
(HMAC with the town's secret): a copy of the database alone does not give the codes back.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

TOKEN_BYTES = 32


def new_device_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def tracking_code_digest(secret: bytes, code: str) -> str:
    return hmac.new(secret, code.encode(), hashlib.sha256).hexdigest()
