"""Errors that stop the kiosk with a message for the operator instead of a traceback. Qt-free."""

from __future__ import annotations

from enum import Enum


class StartupError(Exception):
    """The kiosk cannot start; the message says why in plain words, and what to do."""


class CacheFault(Enum):
    """Why the local cache cannot be used at start-up, for the out-of-service screen: each says what an operator
    does about it. A damaged cache is not one of them: it is set aside and a new one made."""

    DISK_FULL = "disk_full"
    READ_ONLY = "read_only"  # the data folder or the cache cannot be written (a read-only mount, permissions)
    IO_ERROR = "io_error"
    IN_USE = "in_use"  # another program holds it (a second kiosk, an operator's sqlite3 shell)
    CANNOT_OPEN = "cannot_open"


class CacheUnavailable(Exception):  # noqa: N818  (says what the kiosk finds, not that something went wrong)
    """The local cache cannot be used now, and was left exactly as it is: it may hold requests not yet sent, which
    the next start finds once the cause is fixed. The message names the path and the cause, for the log."""

    def __init__(self, fault: CacheFault, message: str) -> None:
        super().__init__(message)
        self.fault = fault
