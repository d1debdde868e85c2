"""Waiting on a condition another process makes true (central serve, an SMTP server): no signal crosses a process
boundary, so the condition is polled, and the wait ends as soon as it holds."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Connection, text

T = TypeVar("T")


def wait_until(check: Callable[[], T], timeout: float = 15, what: str = "the condition") -> T:
    """The first truthy value of ``check()``; AssertionError if none came within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not (found := check()):
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not come true within {timeout} s")
        time.sleep(0.05)
    return found


def lock_waiters(connection: Connection) -> int:
    """How many sessions of ``connection``'s PostgreSQL database wait for a lock now. The activity view is read
    afresh: within a transaction PostgreSQL would otherwise keep showing the first look at it."""
    connection.execute(text("SELECT pg_stat_clear_snapshot()"))
    return int(
        connection.scalar(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
            )
        )
        or 0
    )
