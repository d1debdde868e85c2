"""A fault-injecting HTTP proxy on 127.0.0.1 in front of a real central: test infrastructure, not a mock.

Each call is forwarded to central unchanged, or answered by the proxy itself with a chosen fault: a status of its
own (503 with Retry-After, 401...), a stall (no answer in time), a lost answer (the call is forwarded, central
commits, and the proxy drops the connection without replying), an error after central's commit, or the network
down (the proxy drops the connection, central never hears of it). ``decide`` picks the fault per call; every call
is recorded.
"""

from __future__ import annotations

import asyncio
import http.client
import random
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Literal
from urllib.parse import urlsplit

from sync.protocol import IDEMPOTENCY_KEY, IDEMPOTENT_REPLAYED


@dataclass(frozen=True)
class Fault:
    kind: Literal["forward", "answer", "lose_answer", "fail_after_commit", "network_down", "stall"]
    status: int = 0
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    seconds: float = 0.0  # how long a stall holds the call before dropping it


FORWARD = Fault("forward")
LOSE_ANSWER = Fault("lose_answer")
NETWORK_DOWN = Fault("network_down")
# Central commits, then its answer is an error: a worker that crashed after its commit, a proxy's 500.
FAIL_AFTER_COMMIT = Fault(
    "fail_after_commit", 500, body=b'{"error":"internal","detail":"the worker stopped after its commit"}'
)


def stall(seconds: float) -> Fault:
    """A central that takes the call and answers nothing for ``seconds`` (then drops it): slow, not down."""
    return Fault("stall", seconds=seconds)


def answer(status: int, *headers: tuple[str, str], body: bytes = b"") -> Fault:
    return Fault("answer", status, headers, body)


@dataclass(frozen=True)
class Call:
    at: float  # time.monotonic() when the call arrived
    path: str
    key: str | None  # its Idempotency-Key
    fault: Fault
    upstream_status: int | None  # central's status when forwarded
    replayed: bool  # central said Idempotent-Replayed


@dataclass
class FaultProxy:
    upstream: str
    decide: Callable[[], Fault] = lambda: FORWARD
    # When set, decides instead of ``decide`` from the call's method and path (the kiosk's pushes down while its
    # citizen calls go through, one kind of call slowed...).
    route: Callable[[str, str], Fault] | None = None
    calls: list[Call] = field(default_factory=list)

    def __post_init__(self) -> None:
        target = urlsplit(self.upstream)
        self._host, self._port = target.hostname or "127.0.0.1", target.port or 80
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, name="fault-proxy", daemon=True)
        self._thread.start()

    def record(self, call: Call) -> None:
        with self._lock:
            self.calls.append(call)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def forward(
        self, method: str, path: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        connection = http.client.HTTPConnection(self._host, self._port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.getheaders(), response.read()
        finally:
            connection.close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                self._serve()

            def do_POST(self) -> None:
                self._serve()

            def do_PUT(self) -> None:
                self._serve()

            def _serve(self) -> None:
                arrived = time.monotonic()
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                fault = proxy.decide() if proxy.route is None else proxy.route(self.command, self.path)
                key = self.headers.get(IDEMPOTENCY_KEY)
                if fault.kind == "stall":
                    proxy.record(Call(arrived, self.path, key, fault, None, False))
                    time.sleep(fault.seconds)
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                if fault.kind == "network_down":
                    proxy.record(Call(arrived, self.path, key, fault, None, False))
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                if fault.kind == "answer":
                    proxy.record(Call(arrived, self.path, key, fault, None, False))
                    self._reply(fault.status, [("Content-Type", "application/json"), *fault.headers], fault.body)
                    return
                headers = {k: v for k, v in self.headers.items() if k.lower() not in {"host", "connection"}}
                status, upstream_headers, answer_body = proxy.forward(self.command, self.path, headers, body)
                replayed = any(k.lower() == IDEMPOTENT_REPLAYED.lower() and v == "true" for k, v in upstream_headers)
                proxy.record(Call(arrived, self.path, key, fault, status, replayed))
                if fault.kind == "lose_answer":
                    # Central has committed; the kiosk never hears of it.
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                if fault.kind == "fail_after_commit":
                    self._reply(fault.status, [("Content-Type", "application/json")], fault.body)
                    return
                passed = [(k, v) for k, v in upstream_headers if k.lower() not in {"connection", "transfer-encoding"}]
                self._reply(status, passed, answer_body)

            def _reply(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
                self.send_response(status)
                for name, value in headers:
                    if name.lower() != "content-length":
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler


def lose_answers(probability: float, seed: int) -> Callable[[], Fault]:
    """Lose central's answer to a share of the calls, drawn from a seeded generator (a reproducible run)."""
    rng = random.Random(seed)
    lock = threading.Lock()

    def decide() -> Fault:
        with lock:
            return LOSE_ANSWER if rng.random() < probability else FORWARD

    return decide


async def until_held(proxy: FaultProxy, path: str) -> None:
    """Until a call to ``path`` reached the proxy, which holds it (a ``stall``): the caller acts while it waits."""
    for _ in range(100):
        if any(call.path.endswith(path) and call.fault.kind == "stall" for call in list(proxy.calls)):
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"no call to {path} reached central")
