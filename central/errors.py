"""Errors of central's services, for the CLI and the API to turn into messages. They carry no personal data."""

from __future__ import annotations


class CentralError(Exception):
    """Something an operator or agent asked cannot be done; the message says why, in plain words."""


class KioskExists(CentralError):  # noqa: N818
    pass


class KioskNotFound(CentralError):  # noqa: N818
    pass


class RequestNotFound(CentralError):  # noqa: N818
    pass


class TransitionRefused(CentralError):  # noqa: N818
    """The request's status cannot go where it was asked to (the workflow of central.workflow)."""


class Refused(Exception):  # noqa: N818  (an outcome)
    """A call central refuses, as the API answers it: ``status`` with ``ErrorBody(error, detail)``, and
    ``Retry-After: retry_after`` when set (the API's error handlers turn it into that answer, for every route)."""

    def __init__(self, status: int, error: str, detail: str, retry_after: int | None = None) -> None:
        super().__init__(error)
        self.status, self.error, self.detail, self.retry_after = status, error, detail, retry_after
