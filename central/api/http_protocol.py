"""The HTTP protocol ``central serve`` runs: uvicorn's h11 one, with Nagle's algorithm off on every connection.

Why: with ``--workers N`` uvicorn binds the listening socket itself with ``proto`` 0, the accepted sockets inherit
it, and asyncio only sets ``TCP_NODELAY`` on a socket whose ``proto`` is ``IPPROTO_TCP`` (uvicorn issue #3149).
An answer goes out as two writes (the head, then the body); with Nagle on, the body waits for the kiosk's ACK of
the head, which Linux delays by up to 40 ms on a kept-alive connection: +40 ms on most ops and changed pages
(``central bench``: ``POST /ops`` at p50 60 ms seen by the client, 16 ms inside central).
"""

from __future__ import annotations

import asyncio
import socket

from uvicorn.protocols.http.h11_impl import H11Protocol

# For uvicorn's ``http`` setting (an import string: the workers are separate processes that import it).
NO_DELAY_HTTP = "central.api.http_protocol:NoDelayH11Protocol"


def set_no_delay(transport: asyncio.BaseTransport) -> None:
    """Send each write at once on ``transport``'s TCP socket (nothing to do for a Unix socket)."""
    sock = transport.get_extra_info("socket")
    if sock is not None and sock.family in {socket.AF_INET, socket.AF_INET6}:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class NoDelayH11Protocol(H11Protocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        set_no_delay(transport)
        super().connection_made(transport)
