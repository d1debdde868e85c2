"""The central service beside the demo kiosk (``kiosk demo``, what ``make run`` runs), so that one command shows
everything, the sync included.

Central is another program (the kiosk never imports it): it runs as ``central`` from this interpreter's folder, on
127.0.0.1, with its own data folder inside the kiosk's (``demo-central/``: database, the demo kiosk's token, mails,
and ``central.log``, where its output goes instead of the terminal). Its database is migrated and seeded with the
demo town (``central seed --demo`` registers kiosk borne-demo once and writes its token there, 0600), then it
serves until the kiosk closes, however the kiosk ends: a clean stop stops it (SIGTERM, then SIGKILL), and a kiosk
that dies without a word takes it along (Linux: it gets SIGTERM when its parent dies). It has a process group of
its own, so that Ctrl+C in the terminal reaches the kiosk only, which stops central after its own sync.

A demo central that cannot start never keeps the demo from opening: the kiosk then runs offline, and says so.
No Qt here, and no settings of the operator's own central: none of the shell's ``CENTRAL_*`` variables reaches it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from kiosk.config import Settings, demo_settings
from kiosk.tools.central_process import (
    HOST,
    CentralStartError,
    central_environment,
    central_program,
    pick_port,
    wait_until_healthy,
)

log = logging.getLogger("kiosk.demo")

FOLDER = "demo-central"
TOKEN_FILE = "borne-demo.token"
LOG_FILE = "central.log"
PREFERRED_PORT = 8000  # the usual address, when it is free: the same from one run to the next
PREPARE_TIMEOUT_S = 120.0  # `central db upgrade` or `central seed --demo`
HEALTH_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 10.0
PR_SET_PDEATHSIG = 1
# What the demo town pins on « Mon accueil » for a logged-in citizen (central's pinned_procedures).
DEMO_PINNED = ("changement-adresse", "inscription-periscolaire", "reservation-salle")


@dataclass
class DemoCentral:
    """A running demo central: its address, the demo kiosk's token file, and the process to stop."""

    url: str
    token_file: Path
    log_file: Path
    process: subprocess.Popen[bytes]
    output: IO[bytes]

    def stop(self) -> None:
        """SIGTERM to central's process group (uvicorn shuts down gracefully), SIGKILL if it is still there after
        ``STOP_TIMEOUT_S``."""
        try:
            if self.process.poll() is None:
                _signal_group(self.process, signal.SIGTERM)
                try:
                    self.process.wait(STOP_TIMEOUT_S)
                except subprocess.TimeoutExpired:
                    log.warning("The demo central did not stop within %.0f s: killed.", STOP_TIMEOUT_S)
                    _signal_group(self.process, signal.SIGKILL)
                    self.process.wait()
        finally:
            self.output.close()
        log.info("demo central stopped")


def _signal_group(process: subprocess.Popen[bytes], signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signum)  # its own group: uvicorn and any worker it started


def _dies_with_parent() -> Callable[[], None] | None:
    """What the child runs before ``central serve``: on Linux, ask for SIGTERM when the kiosk dies (a SIGKILL, a
    crash in Qt), so that no central outlives its kiosk. Resolved here, in the parent: a child of a threaded
    process must not load libraries before it execs."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    prctl = ctypes.CDLL(None, use_errno=True).prctl
    parent = os.getpid()

    def ask() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # the kiosk died before the request counted
            os._exit(1)

    return ask


def _prepare(program: Path, args: list[str], env: dict[str, str], output: IO[bytes]) -> None:
    command = ["central", *args]
    output.write(f"--- {' '.join(command)}\n".encode())
    output.flush()
    try:
        done = subprocess.run(
            [str(program), *args], env=env, stdout=output, stderr=output, timeout=PREPARE_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        raise CentralStartError(f"`{' '.join(command)}` took more than {PREPARE_TIMEOUT_S:.0f} s") from None
    except OSError as exc:
        raise CentralStartError(f"`{' '.join(command)}` could not run: {exc.strerror or exc}") from None
    if done.returncode != 0:
        raise CentralStartError(f"`{' '.join(command)}` failed (exit status {done.returncode})")


def start_demo_central(folder: Path) -> DemoCentral:
    """Migrate, seed and serve a central in ``folder``; return once it answers its health check."""
    program = central_program()
    if not program.is_file():
        raise CentralStartError(f"{program} is not installed (pip install -e . installs it beside the kiosk)")
    token_file = folder / TOKEN_FILE
    log_file = folder / LOG_FILE
    env = central_environment(folder)
    env["CENTRAL_PINNED_PROCEDURES"] = ",".join(DEMO_PINNED)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        output = log_file.open("ab")
    except OSError as exc:
        raise CentralStartError(f"its folder {folder} cannot be used: {exc.strerror or exc}") from None
    try:
        _prepare(program, ["db", "upgrade"], env, output)
        _prepare(program, ["seed", "--demo", "--token-file", str(token_file)], env, output)
        if not token_file.is_file():
            raise CentralStartError(
                f"central has kiosk borne-demo but its token file {token_file} is gone; delete {folder} to start the "
                "demo central afresh"
            )
        port = pick_port(PREFERRED_PORT)
        url = f"http://{HOST}:{port}"
        output.write(f"--- central serve --host {HOST} --port {port}\n".encode())
        output.flush()
        process = subprocess.Popen(
            [str(program), "serve", "--host", HOST, "--port", str(port)],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=output,
            process_group=0,
            preexec_fn=_dies_with_parent(),  # resolved before the fork: nothing is loaded after it
        )
    except BaseException:
        output.close()
        raise
    central = DemoCentral(url=url, token_file=token_file, log_file=log_file, process=process, output=output)
    try:
        wait_until_healthy(process, url, HEALTH_TIMEOUT_S)
    except BaseException:  # Ctrl+C while it starts, too
        central.stop()
        raise
    return central


@contextlib.contextmanager
def beside_demo_central(settings: Settings) -> Iterator[Settings]:
    """The demo kiosk's settings syncing with a demo central started now in ``settings.data_dir``, which is
    stopped when the block ends; the demo settings alone (offline) when it cannot start."""
    folder = settings.data_dir / FOLDER
    try:
        central = start_demo_central(folder)
    except CentralStartError as exc:
        log.warning(
            "The demo central could not start: %s. The kiosk runs offline: its requests wait in its outbox. "
            "Central's output: %s",
            exc,
            folder / LOG_FILE,
        )
        yield settings
        return
    try:
        log.info("demo central answered at %s (its log: %s)", central.url, central.log_file)
        yield demo_settings(
            data_dir=settings.data_dir,
            central_url=central.url,
            central_token_file=central.token_file,
            tracking_url=f"{central.url}/suivi/{{code}}",
        )
    finally:
        central.stop()
