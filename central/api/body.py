"""Reading a body within a size cap, before anything parses it."""

from __future__ import annotations

from fastapi import Request

from central.api.errors import ApiError

# A body announced a little over the cap is still read (and thrown away) so that the client, still sending,
# receives the 413 instead of a connection reset; anything bigger is refused without reading it.
_DRAIN_FACTOR = 4


async def read_json_body(request: Request, limit: int) -> bytes:
    """The body's bytes; 415 unless it is JSON, 413 when it is over ``limit`` bytes."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "application/json":
        raise ApiError(415, "unsupported_media_type", "send the op as application/json")
    announced = request.headers.get("content-length")
    too_large = ApiError(413, "body_too_large", f"the body is larger than {limit} bytes")
    if announced is not None and announced.isdigit() and int(announced) > limit:
        if int(announced) <= limit * _DRAIN_FACTOR:
            async for _chunk in request.stream():
                pass
        raise too_large
    raw = await read_capped(request, limit)
    if raw is None:
        raise too_large
    return raw


async def read_capped(request: Request, limit: int) -> bytes | None:
    """The body's bytes, or None as soon as it goes over ``limit`` bytes (the rest is not read)."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)
