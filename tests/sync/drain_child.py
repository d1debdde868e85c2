"""A kiosk process that drains its outbox until nothing waits: the process the kill tests SIGKILL at random.

``python -m tests.sync.drain_child CACHE URL TOKEN [--fresh-keys]``. It prints "ready" once its imports are
done, then drains. ``--fresh-keys`` is the control run's client, with idempotency switched off on the kiosk's
side: every attempt goes out as a new op of a new request (fresh op_id and client UUID), as a client that does
not keep its keys would; central is left as it is. The answer is mapped back to the op that was queued.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import sys
import time
import uuid
from pathlib import Path

from kiosk.models.db import make_engine, make_session_factory
from kiosk.models.outbox_repository import OutboxRepository
from sync.backoff import Backoff
from sync.client import CentralClient, Reply
from sync.protocol import CancelOp, OpAnswer, SubmitOp
from sync.push import PushEngine


class FreshKeys:
    """The control: a client that makes a new key (and a new request identity) for every attempt."""

    def __init__(self, client: CentralClient) -> None:
        self._client = client

    def push(self, op: SubmitOp | CancelOp) -> Reply:
        fresh = uuid.uuid4()
        body = op.body.model_copy(update={"client_uuid": fresh})
        reply = self._client.push(op.model_copy(update={"op_id": uuid.uuid4(), "aggregate_id": fresh, "body": body}))
        if not 200 <= reply.status < 300:
            return reply
        answer = OpAnswer.model_validate_json(reply.body)
        mapped = answer.model_copy(update={"op_id": op.op_id, "aggregate_id": op.aggregate_id})
        return dataclasses.replace(reply, body=mapped.model_dump_json().encode())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("cache", type=Path)
    parser.add_argument("url")
    parser.add_argument("token")
    parser.add_argument("--fresh-keys", action="store_true")
    args = parser.parse_args()
    engine = make_engine(args.cache)
    outbox = OutboxRepository(make_session_factory(engine))
    client = CentralClient(args.url, args.token, timeout=(3.05, 10.0))
    sender = FreshKeys(client) if args.fresh_keys else client
    push = PushEngine(outbox, sender, backoff=Backoff(0.01, 0.05, random.Random()))
    print("ready", flush=True)
    deadline = time.monotonic() + 60
    while outbox.waiting() and time.monotonic() < deadline:
        summary = push.drain()
        if summary.stopped_reason == "unauthorized":
            return 2
        time.sleep(0.005)
    return 0 if outbox.waiting() == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
