"""`kiosk demo` (what `make run` runs) beyond the README's test of it: a demo central that cannot start leaves the
kiosk open offline, a kiosk killed outright takes its central along, and the shell's own central settings never
reach the demo central. Real processes, as a person starts them."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from tests.commands.test_readme_commands import Running, running  # noqa: F401  (running: the fixture)


def _gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        # A zombie is gone for our purpose: it serves nothing and holds no port.
        try:
            if Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].startswith("Z"):
                return True
        except OSError:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.timeout(120)
def test_a_central_that_cannot_start_leaves_the_demo_kiosk_open_offline(
    tmp_path: Path,
    running: list[Running],  # noqa: F811
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "demo-central").write_text("not a folder")  # central cannot make its data folder there
    kiosk = Running("kiosk demo", data)
    running.append(kiosk)
    kiosk.wait_for("services ready", timeout=90)
    assert "The demo central could not start" in kiosk.output
    assert "The kiosk runs offline" in kiosk.output
    assert "syncing with central" not in kiosk.output
    assert kiosk.stop() == 0, kiosk.output
    assert "Traceback" not in kiosk.output


@pytest.mark.timeout(120)
def test_a_killed_demo_kiosk_takes_its_central_along_and_the_shells_central_is_left_alone(
    tmp_path: Path,
    running: list[Running],  # noqa: F811
) -> None:
    theirs = tmp_path / "their-central.db"
    kiosk = Running("kiosk demo", tmp_path / "data", CENTRAL_DATABASE_URL=f"sqlite:///{theirs}")
    running.append(kiosk)
    kiosk.wait_for("central answered: the kiosk is online", timeout=90)
    (central,) = kiosk.pids(b"bin/central")
    os.kill(kiosk.kiosk_pid(), signal.SIGKILL)  # no clean stop: a crash in Qt, the OOM killer
    assert _gone(central, timeout=20), "central outlived its killed kiosk"
    assert not theirs.exists(), "the demo central used the shell's CENTRAL_DATABASE_URL"
    assert (tmp_path / "data" / "demo-central" / "central.db").is_file()
