"""The child processes that read documents: no file a visitor brings can take the kiosk down. Blocking; no Qt.

Every parse or drawing of a document's bytes (the check, its thumbnail, the viewer's pages, the receipt's preview)
is a job sent to a child process (``kiosk.services.documents.child``) under limits:

- its address space is capped (``Limits.memory_bytes``, 1 GiB: a 40 Mpx PNG, the largest image accepted, peaks at
  680 MB, a 20-page 300 dpi scan at 180 MB); a parser that wants more fails, or aborts the child;
- each job has a CPU budget (``cpu_s``: the child moves its soft RLIMIT_CPU to "used + budget" before each job, and
  the kernel kills it past that) and a wall-clock timeout (``wall_s``) enforced here: past it the child is killed;
- it dumps no core and writes no file (RLIMIT_CORE and RLIMIT_FSIZE are 0), holds no descriptor but its two pipes
  and /dev/null, and whatever a parser prints goes to /dev/null, never to the kiosk's log.

A job that goes past a limit raises TooComplexError; the child is replaced by a fresh one at once.

Design. A small pool of long-lived children (two, as the files' worker has two threads), each a fresh interpreter
(``python -I -c``: spawned, never forked from the Qt process and its threads) that imports the parsers once and then
serves job after job over two pipes: a file costs a round trip through a pipe, not a process start. Each job holds
one child, and nothing else: a runaway file blocks its own child, never a lock the others need, so the viewer and
the receipt go on in the other child meanwhile. A child whose address space grew past half its cap retires after its
job (no fragments left over from a big scan become the next file's refusal). Children start on first use, never
before the kiosk's first paint. The kiosk unpickles from a child nothing but plain values (no class may be named):
a child that a document subverted can still only answer with data.
"""

from __future__ import annotations

import atexit
import io
import logging
import os
import pickle
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from types import TracebackType
from typing import Any, Final

from kiosk.services.documents.model import TooComplexError, UnrenderableError

log = logging.getLogger("kiosk.documents")

MB: Final = 1024 * 1024
MAX_REPLY_BYTES: Final = 128 * MB  # one answer of a child: pages as PNG; more is no document the kiosk shows
READY: Final = b"ready"

# The child's whole program; argv: the folder holding the kiosk package, then what ``child.main`` takes.
_BOOT: Final = (
    "import sys; sys.path.insert(0, sys.argv[1]); from kiosk.services.documents.child import main; main(sys.argv[2:])"
)
_PACKAGE_ROOT: Final = str(Path(__file__).resolve().parents[3])


@dataclass(frozen=True, slots=True)
class Limits:
    """What one child may take: its address space, and per job CPU seconds and wall-clock seconds.

    ``start_s`` bounds a child's start (an interpreter and the parsers' imports) before its first job.
    """

    memory_bytes: int = 1024 * MB
    cpu_s: int = 10
    wall_s: float = 15.0
    start_s: float = 30.0


class SandboxError(RuntimeError):
    """A child could not be started: the kiosk cannot read documents (the operator must look at the install)."""


class _ChildGoneError(Exception):
    """The child had died before its job was sent: the job did nothing and can go to another child."""


class _PlainUnpickler(pickle.Unpickler):
    """Only what pickle builds without naming a class: None, bools, numbers, str, bytes, tuples, lists, dicts."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError("a child answers with plain values only")


def _plain_loads(payload: bytes) -> Any:
    return _PlainUnpickler(io.BytesIO(payload)).load()


def _death_reason(returncode: int | None) -> str:
    if returncode == -signal.SIGXCPU:
        return "cpu"
    if returncode in (-signal.SIGABRT, -signal.SIGTRAP, -signal.SIGKILL, -signal.SIGSEGV, -signal.SIGBUS):
        return "memory"  # PDFium aborts (or traps) when an allocation fails; the kernel's OOM killer sends SIGKILL
    return "crash"


class _Child:
    """One child process and its two pipes. Used by one thread at a time (the pool hands it out)."""

    def __init__(self, limits: Limits) -> None:
        jobs_read, jobs_write = os.pipe()
        replies_read, replies_write = os.pipe()
        arguments = [_PACKAGE_ROOT, str(jobs_read), str(replies_write), str(limits.memory_bytes)]
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-I", "-c", _BOOT, *arguments],
                pass_fds=(jobs_read, replies_write),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                cwd="/",  # no hold on the folder the kiosk started in (or on a USB key)
                start_new_session=True,  # a Ctrl+C at the terminal is for the kiosk, which then ends its children
            )
        except OSError as exc:
            for fd in (jobs_write, replies_read):
                os.close(fd)
            raise SandboxError(f"cannot start a documents process: {exc.strerror or exc}") from None
        finally:
            os.close(jobs_read)
            os.close(replies_write)
        self._jobs = Connection(jobs_write, readable=False)
        self._replies = Connection(replies_read, writable=False)
        self._ready = False

    @property
    def pid(self) -> int:
        return self.process.pid

    def call(self, job: str, args: tuple[Any, ...], limits: Limits) -> tuple[str, Any, bool]:
        """(status, value, retiring) of ``job`` run by this child. Raises TooComplexError past a limit (the child
        is then dead), _ChildGoneError if it died before the job (or never started)."""
        if not self._ready:
            self._await_ready(limits.start_s)
        try:
            self._jobs.send_bytes(pickle.dumps((job, args, limits.cpu_s), protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            raise _ChildGoneError from None
        if not self._replies.poll(limits.wall_s):
            self.stop()
            raise TooComplexError("time")
        try:
            reply = _plain_loads(self._replies.recv_bytes(MAX_REPLY_BYTES))
        except (EOFError, OSError, pickle.UnpicklingError, ValueError, TypeError) as exc:
            # Dead (a limit, or a crash in a parser), an answer too large, or no answer at all.
            self.stop(kill=not isinstance(exc, EOFError))
            raise TooComplexError(_death_reason(self.process.returncode)) from None
        if not (isinstance(reply, tuple) and len(reply) == 3 and isinstance(reply[0], str)):
            self.stop()
            raise TooComplexError("crash")
        status, value, retiring = reply
        return status, value, bool(retiring)

    def _await_ready(self, timeout: float) -> None:
        try:
            ready = self._replies.poll(timeout) and self._replies.recv_bytes(len(READY)) == READY
        except (EOFError, OSError):
            ready = False
        if not ready:
            self.stop()
            raise _ChildGoneError
        self._ready = True

    def stop(self, kill: bool = True) -> None:
        """End the child: killed at once, or (``kill`` False) given a moment to end by itself first."""
        if self.process.poll() is None and kill:
            self.process.kill()
        self._jobs.close()
        self._replies.close()
        try:
            self.process.wait(timeout=None if kill else 5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Sandbox:
    """A pool of at most ``processes`` children reading documents under ``limits``; started on first use.

    ``run(job, *args)`` is blocking and thread-safe: each caller gets a child of its own (waiting for one only when
    ``processes`` jobs already run). Close it (or use it as a context manager) to end its children.
    """

    def __init__(self, limits: Limits | None = None, processes: int = 2) -> None:
        self.limits = limits or Limits()
        self._processes = processes
        self._idle: list[_Child] = []
        self._children: set[_Child] = set()
        self._free = threading.Condition()
        self._closed = False

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def pids(self) -> list[int]:
        """The process ids of the children alive now (for the bench, and for tests that look at them)."""
        with self._free:
            return [child.pid for child in self._children if child.process.poll() is None]

    def run(self, job: str, *args: Any) -> Any:
        """The plain value ``job`` returns in a child. Raises TooComplexError past a limit, UnrenderableError
        when the job failed (its exception's type name), SandboxError when no child can be started."""
        for attempt in range(2):
            child = self._take()
            healthy = False
            try:
                status, value, retiring = child.call(job, args, self.limits)
                healthy = not retiring
            except _ChildGoneError:
                if attempt == 0:
                    continue  # it died idle (the system's OOM killer, an operator): the job goes to a fresh one
                log.error("No documents process starts and stays up: documents cannot be read. Check the install.")
                raise SandboxError("no documents process starts and stays up") from None
            except TooComplexError as exc:
                log.warning("A document went past the %s limit of its process: refused, the process replaced.", exc)
                raise
            finally:
                self._give_back(child, healthy)
            if status == "ok":
                return value
            if status == "too_complex":
                log.warning("A document went past the %s limit of its process: refused.", value)
                raise TooComplexError(str(value))
            raise UnrenderableError(str(value))
        raise AssertionError("unreachable")

    def _take(self) -> _Child:
        with self._free:
            while True:
                if self._closed:
                    raise SandboxError("the documents processes are closed")
                if self._idle:
                    return self._idle.pop()
                if len(self._children) < self._processes:
                    return self._spawn()
                self._free.wait()

    def _spawn(self) -> _Child:
        """A new child, counted in the pool. Hold ``_free``: starting a process takes milliseconds (the child
        imports its parsers on its own time, after this returns)."""
        child = _Child(self.limits)
        self._children.add(child)
        return child

    def _give_back(self, child: _Child, healthy: bool) -> None:
        if not healthy:
            child.stop(kill=False)  # a retiring child ends by itself; a dead one is reaped
        with self._free:
            closed = self._closed
            if healthy and not closed:
                self._idle.append(child)
            else:
                self._children.discard(child)
                if not healthy and not closed:
                    try:
                        self._idle.append(self._spawn())  # at once: it starts while the visitor reads the refusal
                    except SandboxError as exc:
                        log.error("%s", exc)
            self._free.notify()
        if healthy and closed:
            child.stop(kill=False)

    def close(self) -> None:
        """End the idle children now, the busy ones when their job ends. Further jobs raise SandboxError."""
        with self._free:
            self._closed = True
            idle, self._idle = self._idle, []
            for child in idle:
                self._children.discard(child)
            self._free.notify_all()
        for child in idle:
            child.stop(kill=False)


_shared: Sandbox | None = None
_shared_lock = threading.Lock()


def shared_sandbox() -> Sandbox:
    """The kiosk's sandbox, made on first use (its children start with its first job) and closed at exit."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Sandbox()
            atexit.register(_shared.close)
        return _shared
