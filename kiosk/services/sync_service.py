"""Where the kiosk stands with central, as the views see it: online or not, how many requests wait to be sent,
and whether central refused this kiosk's token. No Qt: the views subscribe a callback and turn it into a signal.

The state follows the background ``SyncRunner``: each drain's summary says whether central answered; a drain that
had nothing to send asks central's health instead (an idle kiosk must still tell "en ligne" from "hors ligne").
The waiting count is read from the outbox after every drain and every new op (``wake``), so the header counts a
request the moment it is stored, even while central is down and the runner waits out its backoff.

A refused token (401) is for the operator: it is logged as "borne non autorisée" and exposed as ``unauthorized``;
the citizen only ever sees "Hors ligne" and the requests waiting.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from dataclasses import replace
from typing import Protocol

from kiosk.services.executors import Worker
from kiosk.services.sync_status import SyncStatus
from sync.push import DrainSummary

__all__ = ["SyncService"]

log = logging.getLogger(__name__)


class WaitingCount(Protocol):
    """What the service reads of ``kiosk.models.outbox_repository.OutboxRepository``."""

    def waiting_requests(self) -> int: ...


class Runner(Protocol):
    """What the service drives of ``kiosk.services.sync_runner.SyncRunner``."""

    def start(self) -> None: ...
    def wake(self) -> None: ...
    async def stop(self) -> None: ...


Listener = Callable[[SyncStatus], None]


class SyncService:
    """The observable state of the sync. Built before its runner (whose ``on_drained`` is ``drained``), then
    ``attach``-ed to it. Every method runs on the event loop's thread; listeners are called there too."""

    def __init__(
        self, outbox: WaitingCount, db: Worker, network: Worker, probe: Callable[[], bool] | None = None
    ) -> None:
        self._outbox = outbox
        self._db = db
        self._network = network
        self._probe = probe
        self._runner: Runner | None = None
        self._state = SyncStatus()
        self._listeners: list[Listener] = []
        self._tasks: set[asyncio.Task[None]] = set()  # strong references to the refreshes in flight
        self._asked = 0  # refreshes started; only the latest one's count is published
        self._answered = 0

    @property
    def state(self) -> SyncStatus:
        return self._state

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` with each new state (on the event loop's thread); returns the unsubscribe."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def attach(self, runner: Runner) -> None:
        self._runner = runner

    def start(self) -> None:
        """Start the runner, and count what waits from the previous run."""
        if self._runner is not None:
            self._runner.start()
        self._spawn(self._refresh_count())

    def wake(self) -> None:
        """An op was queued (a submit, a cancel): count it now and drain as soon as the runner may."""
        if self._runner is not None:
            self._runner.wake()
        self._spawn(self._refresh_count())

    async def stop(self) -> None:
        """Stop the runner (a drain in progress ends after its current op) and the refreshes in flight."""
        if self._runner is not None:
            await self._runner.stop()
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def drained(self, summary: DrainSummary) -> None:
        """The runner's ``on_drained``: what one drain says of central, then the count."""
        self._spawn(self._after_drain(summary))

    async def _after_drain(self, summary: DrainSummary) -> None:
        reason = summary.stopped_reason
        if reason == "busy":
            return
        if reason == "unauthorized":
            if not self._state.unauthorized:
                log.error(
                    "borne non autorisée: central refused this kiosk's device token; requests stay queued. "
                    "Register the kiosk again (central kiosk add) and put the new token in central_token_file."
                )
            self._publish(replace(self._state, online=False, unauthorized=True))
        elif reason == "unavailable":
            self._publish(replace(self._state, online=False))
        elif summary.sent or summary.retried or summary.dead:
            self._answered_by_central()
        elif self._probe is not None:
            try:
                reachable = await self._network.run(self._probe)
            except Exception:
                log.exception("central's health could not be asked")
                reachable = False
            if reachable:
                self._answered_by_central(token_checked=False)
            else:
                self._publish(replace(self._state, online=False))
        await self._refresh_count()

    def _answered_by_central(self, token_checked: bool = True) -> None:
        # A health answer says nothing of the token (the health check needs none): a refused token stays refused
        # until a drain gets through with it.
        unauthorized = self._state.unauthorized and not token_checked
        if self._state.unauthorized and not unauthorized:
            log.info("central accepts this kiosk's device token again")
        self._publish(replace(self._state, online=not unauthorized, unauthorized=unauthorized))

    async def _refresh_count(self) -> None:
        self._asked += 1
        asked = self._asked
        try:
            waiting = await self._db.run(self._outbox.waiting_requests)
        except Exception:
            log.exception("the number of requests waiting to be sent could not be read")
            return
        if asked > self._answered:  # a slower, older count must not overwrite a newer one
            self._answered = asked
            self._publish(replace(self._state, waiting=waiting))

    def _publish(self, state: SyncStatus) -> None:
        if state == self._state:
            return
        if state.online != self._state.online:  # what the header says, for an operator reading the log
            if state.online:
                log.info("central answered: the kiosk is online")
            else:
                log.info("central does not answer: the kiosk is offline, its requests wait in its outbox")
        self._state = state
        for listener in list(self._listeners):
            try:
                listener(state)
            except Exception:
                log.exception("sync state listener failed")

    def _spawn(self, coro: Coroutine[object, object, None]) -> None:
        task: asyncio.Task[None] = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
