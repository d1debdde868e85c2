"""Starting ``central`` as another program from the kiosk's tools (the demo kiosk's central, the sync bench): where
it is installed, a free port on 127.0.0.1, and waiting until it answers its health check. The kiosk never imports
central: it runs it, as an operator would."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

__all__ = ["HOST", "CentralStartError", "central_environment", "central_program", "pick_port", "wait_until_healthy"]

HOST = "127.0.0.1"


class CentralStartError(Exception):
    """Central could not start; the message says why, for the log."""


def central_program() -> Path:
    """``central`` as installed beside this interpreter (the same virtual environment as the kiosk)."""
    return Path(sys.executable).parent / "central"


def central_environment(data_dir: Path) -> dict[str, str]:
    """This environment without the operator's ``CENTRAL_*`` settings (a database URL there would be written to by
    a demo or a bench), central's data in ``data_dir``."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("CENTRAL_")}
    env["CENTRAL_DATA_DIR"] = str(data_dir)
    return env


def pick_port(preferred: int = 0) -> int:
    """``preferred`` when nothing listens there on 127.0.0.1, else a port the system says is free."""
    for port in (preferred, 0) if preferred else (0,):  # 0 is "any free port": asking twice changes nothing
        with socket.socket() as probe:
            try:
                probe.bind((HOST, port))
            except OSError:
                continue
            return int(probe.getsockname()[1])
    raise CentralStartError(f"no free port on {HOST}")


def wait_until_healthy(process: subprocess.Popen[bytes], url: str, timeout_s: float) -> None:
    """Return once central at ``url`` answers 200 on ``/v1/health``; CentralStartError if ``process`` ends first or
    ``timeout_s`` passes. (Polled: a process in another program has no signal to wait on.)"""
    deadline = time.monotonic() + timeout_s
    while True:
        if process.poll() is not None:
            raise CentralStartError(f"`central serve` stopped at once (exit status {process.returncode})")
        try:
            with urllib.request.urlopen(f"{url}/v1/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() > deadline:
            raise CentralStartError(f"central did not answer at {url}/v1/health within {timeout_s:.0f} s")
        time.sleep(0.1)
