"""The one clock the sync engine and its stores read by default: aware UTC, never the local time of the machine
(a kiosk's zone and its changes of hour must not move a retry or a cursor). Callers take a ``clock`` argument
defaulting to it, so that tests can set the date."""

from __future__ import annotations

import datetime as dt

__all__ = ["utc_now"]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
