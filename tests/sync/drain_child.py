"""A kiosk process that drains its outbox until nothing waits: the process the kill tests SIGKILL at random.

``Spawner.start`` forks one and returns once it has opened the cache. ``fresh_keys`` is the control run's client,
with idempotency switched off on the kiosk's side: every attempt goes out as a new op of a new request (fresh
op_id and client UUID), as a client that does not keep its keys would; central is left as it is. The answer is
mapped back to the op that was queued.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import random
import sys
import time
import uuid
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from kiosk.models.db import make_engine, make_session_factory
from kiosk.models.outbox_repository import OutboxRepository
from sync.backoff import Backoff
from sync.client import CentralClient, Reply
from sync.clock import utc_now
from sync.protocol import AnyOp, OpAnswer
from sync.push import PushEngine


class FreshKeys:
    """The control: a client that makes a new key (and a new request identity) for every attempt."""

    def __init__(self, client: CentralClient) -> None:
        self._client = client

    def push(self, op: AnyOp) -> Reply:
        fresh = uuid.uuid4()
        body = op.body.model_copy(update={"client_uuid": fresh})
        reply = self._client.push(op.model_copy(update={"op_id": uuid.uuid4(), "aggregate_id": fresh, "body": body}))
        if not 200 <= reply.status < 300:
            return reply
        answer = OpAnswer.model_validate_json(reply.body)
        mapped = answer.model_copy(update={"op_id": op.op_id, "aggregate_id": op.aggregate_id})
        return dataclasses.replace(reply, body=mapped.model_dump_json().encode())


# The engine's backoff in these runs: its smallest wait is also how soon to look again when nothing was due.
BACKOFF = (0.01, 0.05)


def drain_until_empty(push: PushEngine, outbox: OutboxRepository, within: float) -> bool:
    """Drain until nothing waits, as the kiosk's runner would: after a drain that central's outage ended, come
    back when the engine says (``resume_at``), not before. False when ``within`` seconds were not enough; raises
    on a refused token (nothing would ever go)."""
    deadline = time.monotonic() + within
    while outbox.waiting():
        if time.monotonic() > deadline:
            return False
        summary = push.drain()
        if summary.stopped_reason == "unauthorized":
            raise PermissionError("central refused the kiosk's token")
        if summary.resume_at is not None:
            time.sleep(max(0.0, (summary.resume_at - utc_now()).total_seconds()))
        elif not (summary.sent or summary.retried or summary.dead):  # only retries not due yet: their wait
            time.sleep(BACKOFF[0])
    return True


def drain(cache: Path, url: str, token: str, fresh_keys: bool, ready: Connection) -> None:
    """The kiosk's drain, as the child process runs it: open the cache, say "ready", drain until nothing waits.
    Exits 0 once the outbox is empty, 2 on a refused token, 1 when a minute was not enough."""
    engine = make_engine(cache)
    outbox = OutboxRepository(make_session_factory(engine))
    client = CentralClient(url, token, timeout=(3.05, 10.0))
    sender = FreshKeys(client) if fresh_keys else client
    push = PushEngine(outbox, sender, backoff=Backoff(*BACKOFF, random.Random()))
    ready.send(os.getpid())
    ready.close()
    try:
        sys.exit(0 if drain_until_empty(push, outbox, within=60) else 1)
    except PermissionError:
        sys.exit(2)


class Spawner:
    """Starts drain children quickly, so that a test can kill forty of them: a fork server that imported this
    module (the kiosk's models, the sync engine, SQLAlchemy, requests) once, and forks a fresh child from it each
    time — a real process, with its own connections, that a SIGKILL stops wherever it is."""

    def __init__(self) -> None:
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload([__name__])

    def start(self, cache: Path, url: str, token: str, *, fresh_keys: bool) -> BaseProcess:
        """A child draining ``cache``, returned once it has opened it and is about to send."""
        receiving, sending = self._context.Pipe(duplex=False)
        process = self._context.Process(target=drain, args=(cache, url, token, fresh_keys, sending), daemon=True)
        process.start()
        sending.close()
        if not receiving.poll(30):
            process.kill()
            raise AssertionError("the drain child did not start")
        receiving.recv()
        receiving.close()
        return process
