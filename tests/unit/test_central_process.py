"""The kiosk tools' way of starting central as a program: waiting for its health check, with real processes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.tools.central_process import CentralStartError, pick_port, wait_until_healthy


def test_waiting_returns_once_the_health_check_answers(tmp_path: Path) -> None:
    (tmp_path / "v1").mkdir()
    (tmp_path / "v1" / "health").write_text("ok")
    port = pick_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_healthy(server, f"http://127.0.0.1:{port}", timeout_s=30)
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_process_that_ends_at_once_is_reported_with_its_exit_status() -> None:
    ended = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
    ended.wait(timeout=30)
    with pytest.raises(CentralStartError, match="exit status 3"):
        wait_until_healthy(ended, f"http://127.0.0.1:{pick_port()}", timeout_s=30)


def test_a_preferred_port_in_use_gives_another_free_port() -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = taken.getsockname()[1]
        assert pick_port(busy) != busy
