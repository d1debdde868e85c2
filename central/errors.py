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
