"""The citizen logged in at the terminal: who they are, and the one holder of their access token for the visitor's
session (``kiosk.views.session`` owns it).

The token lives in memory only: never on disk, never in a log, never in a repr. Plain Python, no pydantic: the
header and the session, which the first paint builds, read these.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CitizenHolder", "CitizenIdentity", "CitizenLogin"]


@dataclass(frozen=True, slots=True)
class CitizenIdentity:
    """What the kiosk shows of the logged-in citizen: the header's first name, and their space's page."""

    first_name: str
    last_name: str
    email: str


class CitizenLogin:
    """A successful log-in: the citizen's identity, their short-lived access token and the attach grant of the
    log-in (``sync.protocol.LoginAnswer.attach_grant``), neither in any repr."""

    __slots__ = ("_attach_grant", "_token", "expires_in", "identity")

    def __init__(self, identity: CitizenIdentity, token: str, expires_in: int, attach_grant: str) -> None:
        self.identity = identity
        self._token = token
        self.expires_in = expires_in  # seconds, on central's clock
        self._attach_grant = attach_grant

    @property
    def token(self) -> str:
        return self._token

    @property
    def attach_grant(self) -> str:
        """What a ``request.attach`` op carries to attach a request of this visit to the citizen's space."""
        return self._attach_grant

    def __repr__(self) -> str:
        return "CitizenLogin(<hidden>)"


class CitizenHolder:
    """The citizen logged in at the terminal for this visitor, if any: their identity and their access token, held
    in memory only, by the visitor's session (which forgets it when the session ends)."""

    __slots__ = ("_login",)

    def __init__(self) -> None:
        self._login: CitizenLogin | None = None

    def sign_in(self, login: CitizenLogin) -> None:
        self._login = login

    @property
    def identity(self) -> CitizenIdentity | None:
        return None if self._login is None else self._login.identity

    @property
    def logged_in(self) -> bool:
        return self._login is not None

    def token(self) -> str | None:
        return None if self._login is None else self._login.token

    def attach_grant(self) -> str | None:
        return None if self._login is None else self._login.attach_grant

    def forget(self) -> str | None:
        """Drop the citizen; the token they held, for one last call to end it on central."""
        login, self._login = self._login, None
        return None if login is None else login.token

    def __repr__(self) -> str:
        return f"CitizenHolder(logged_in={self.logged_in})"
