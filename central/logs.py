"""Central's logs: one JSON object per line on stderr, for a journal or a collector to index.

Logs hold no personal data: kiosk names, op ids, request numbers, kinds and statuses; never a requester, an
answer, a tracking code, a token, nor an exception's message (a database error's message carries the
statement's parameters).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
import traceback
from types import TracebackType
from typing import Any

# Record attributes that are not fields of ours; uvicorn adds color_message (the message with terminal colours).
_STANDARD = frozenset(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {
    "message",
    "asctime",
    "color_message",
}


class JsonLines(logging.Formatter):
    """``{"ts", "level", "logger", "event", ...fields}``; an exception as its type and frames, never its text."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        line.update((k, v) for k, v in record.__dict__.items() if k not in _STANDARD)
        if record.exc_info and record.exc_info[0] is not None:
            line["exception"] = record.exc_info[0].__name__
            line["frames"] = frames(record.exc_info[2])
        return json.dumps(line, default=str, ensure_ascii=False)


def frames(tb: TracebackType | None) -> list[str]:
    """Where an exception went through, as "file:line function": enough to find a bug, no value in it."""
    return [f"{f.filename}:{f.lineno} {f.name}" for f in traceback.extract_tb(tb)][-12:]


def setup_logging(level: int = logging.INFO) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLines())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("alembic").setLevel(logging.WARNING)  # "Context impl SQLiteImpl." at every schema check
