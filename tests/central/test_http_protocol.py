"""``central serve --workers N``: uvicorn's supervisor binds the listening socket itself (``proto`` 0), so asyncio
leaves Nagle's algorithm on for every connection, and an answer's body waits for the client's delayed ACK of its
head. Central's HTTP protocol turns it off on each connection. Checked here on the socket of a connection made to a
server listening on a socket bound as the supervisor binds it."""

from __future__ import annotations

import http.client
import socket
import threading
from collections.abc import Iterator

import pytest
import uvicorn
from starlette.types import Receive, Scope, Send

from central.api.http_protocol import NO_DELAY_HTTP
from tests.central.waiting import wait_until


async def _hello(scope: Scope, receive: Receive, send: Send) -> None:
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"ok"})


def _serving(http: str) -> Iterator[tuple[uvicorn.Server, int, socket.socket]]:
    config = uvicorn.Config(_hello, host="127.0.0.1", port=0, http=http, lifespan="off", log_config=None)
    listening = config.bind_socket()  # what `uvicorn.run(workers=N)` does before it starts the workers
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listening]}, daemon=True)
    thread.start()
    try:
        wait_until(lambda: server.started, what="the server listening")
        yield server, int(listening.getsockname()[1]), listening
    finally:
        server.should_exit = True
        thread.join(10)
        listening.close()


Served = tuple[str, uvicorn.Server, int, socket.socket]  # the protocol, the server, its port, its listening socket


@pytest.fixture(params=[NO_DELAY_HTTP, "h11"], ids=["central", "control-uvicorn-h11"])
def served(request: pytest.FixtureRequest) -> Iterator[Served]:
    for server, port, listening in _serving(request.param):
        yield request.param, server, port, listening


def test_every_connection_sends_without_waiting_for_acks(served: Served) -> None:
    protocol, server, port, listening = served
    assert listening.proto == 0  # the supervisor's socket: asyncio does not turn Nagle off on what it accepts
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        client.request("GET", "/")
        answer = client.getresponse()
        assert (answer.status, answer.read()) == (200, b"ok")
        (connection,) = server.server_state.connections  # kept alive: its socket is still open
        transport = connection.transport
        no_delay = transport.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    finally:
        client.close()
    # The control (uvicorn's own h11 protocol on the same socket) shows what the test catches.
    assert bool(no_delay) == (protocol == NO_DELAY_HTTP)
