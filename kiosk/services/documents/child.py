"""The program of a child process that reads documents (started by ``sandbox``): no Qt, and nothing said aloud.

It imports the parsers, limits itself (address space, core dumps, file writes), says it is ready, then serves jobs
from its pipe until the pipe closes: each job under a fresh CPU budget, each answer plain values only. What a
parser logs or warns (pypdf writes the bytes around a bad token) goes nowhere: logging is off, warnings are ignored,
and stdout and stderr are /dev/null.
"""

from __future__ import annotations

import logging
import math
import os
import pickle
import resource
import signal
import sys
import warnings
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from kiosk.services.documents.sandbox import READY


def _quiet() -> None:
    logging.disable(logging.CRITICAL)
    logging.lastResort = None
    warnings.simplefilter("ignore")
    sys.dont_write_bytecode = True


def _limit(memory_bytes: int) -> None:
    for kind, value in ((resource.RLIMIT_AS, memory_bytes), (resource.RLIMIT_CORE, 0), (resource.RLIMIT_FSIZE, 0)):
        _soft, hard = resource.getrlimit(kind)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        resource.setrlimit(kind, (value, value))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write to a file fails (EFBIG) instead of killing the child


def _cpu_budget(seconds: int) -> None:
    """The soft CPU limit at what this process has used so far plus ``seconds``: past it the kernel kills it."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    _soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    limit = math.ceil(usage.ru_utime + usage.ru_stime) + seconds
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (limit, hard))


def _address_space() -> int:
    with open("/proc/self/statm", "rb") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _jobs() -> dict[str, Callable[..., Any]]:
    """The jobs a child does, by name; imported here, before the limits, so that a job never waits on an import."""
    from PIL import Image

    from kiosk.services.documents.contained import plain_outcome
    from kiosk.services.documents.content import inspect_content
    from kiosk.services.documents.rendering import page_count, render_pages

    Image.preinit()  # Pillow's JPEG and PNG plugins

    def inspect(filename: str, data: bytes, media_type: str) -> tuple[Any, ...]:
        return plain_outcome(inspect_content(filename, data, media_type), data)

    return {"inspect": inspect, "render_pages": render_pages, "page_count": page_count}


def serve(jobs: Connection, replies: Connection, memory_bytes: int) -> None:
    """Answer each job (name, arguments, CPU seconds) with (status, value, retiring) until the pipe closes."""
    table = _jobs()
    _limit(memory_bytes)
    replies.send_bytes(READY)
    while True:
        try:
            name, args, cpu_s = pickle.loads(jobs.recv_bytes())
        except EOFError:
            return
        _cpu_budget(cpu_s)
        status: str
        value: Any
        try:
            status, value = "ok", table[name](*args)
        except MemoryError:
            status, value = "too_complex", "memory"
        except Exception as exc:  # a parser's own error: the job failed, the child goes on
            status, value = "failed", type(exc).__name__
        # After a memory error the heap is suspect; a grown one would refuse the next file for the last one's sake.
        retiring = status == "too_complex" or _address_space() > memory_bytes // 2
        replies.send_bytes(pickle.dumps((status, value, retiring), protocol=pickle.HIGHEST_PROTOCOL))
        if retiring:
            return


def main(argv: list[str]) -> None:
    """``argv``: the pipe to read jobs from, the pipe to answer on, the address-space cap in bytes."""
    _quiet()
    jobs_fd, replies_fd, memory = (int(arg) for arg in argv)
    serve(Connection(jobs_fd, writable=False), Connection(replies_fd, readable=False), memory)
