"""Where the kiosk writes what happened (kiosk/logs.py): a rotating file beside stderr, and a crash's trace."""

from __future__ import annotations

import faulthandler
import logging
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk import logs


@pytest.fixture
def root_handlers() -> Iterator[None]:
    """log_to_folder adds a handler to the root logger and points faulthandler at its folder: the next test starts
    without either."""
    before = list(logging.getLogger().handlers)
    yield
    faulthandler.enable(file=sys.stderr)
    for handler in logging.getLogger().handlers:
        if handler not in before:
            logging.getLogger().removeHandler(handler)
            handler.close()


@pytest.mark.usefixtures("root_handlers")
def test_records_go_to_a_file_in_the_folder(tmp_path: Path) -> None:
    path = logs.log_to_folder(tmp_path / "logs")
    logging.getLogger("kiosk.test").warning("request %s stored", "borne-1-2026-000001")
    assert path == tmp_path / "logs" / "kiosk.log"
    assert "request borne-1-2026-000001 stored" in path.read_text(encoding="utf-8")


@pytest.mark.usefixtures("root_handlers")
def test_the_file_is_rotated_and_old_ones_are_dropped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 2_000)
    folder = tmp_path / "logs"
    logs.log_to_folder(folder)
    for number in range(400):
        logging.getLogger("kiosk.test").warning("line %d of a long day at the counter", number)
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["faults.log", "kiosk.log", *(f"kiosk.log.{n}" for n in range(1, logs.BACKUPS + 1))]
    assert all(p.stat().st_size <= 2_200 for p in folder.glob("kiosk.log*"))


@pytest.mark.usefixtures("root_handlers")
def test_a_folder_that_cannot_be_written_leaves_stderr_only(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "logs"
    blocker.write_text("a file where the folder should be")
    with caplog.at_level(logging.WARNING, logger="kiosk"):
        assert logs.log_to_folder(blocker) is None
    assert "logging to stderr only" in caplog.text


def test_a_crash_leaves_its_trace_in_the_folder(tmp_path: Path) -> None:
    """A segfault in Qt kills the process with no Python traceback: faulthandler writes where it happened."""
    code = (
        "import sys, faulthandler\n"
        "from pathlib import Path\n"
        "from kiosk.logs import setup_logging, log_to_folder\n"
        "setup_logging()\n"
        "log_to_folder(Path(sys.argv[1]))\n"
        "faulthandler._sigsegv()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode != 0
    trace = (tmp_path / "faults.log").read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in trace


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("root_handlers")
def test_the_logs_are_readable_by_the_kiosk_user_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """They name references and what happened at the counter: other users of the machine have no business there,
    and neither do the rotated files."""
    monkeypatch.setattr(logs, "MAX_BYTES", 2_000)
    folder = tmp_path / "logs"
    logs.log_to_folder(folder)
    for number in range(100):
        logging.getLogger("kiosk.test").warning("line %d of a long day at the counter", number)
    assert mode(folder) == 0o700
    files = sorted(folder.iterdir())
    assert [p.name for p in files][:3] == ["faults.log", "kiosk.log", "kiosk.log.1"]
    assert {p.name: mode(p) for p in files} == dict.fromkeys((p.name for p in files), 0o600)


@pytest.mark.usefixtures("root_handlers")
def test_the_logs_of_an_older_install_are_made_private(tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    for name in ("kiosk.log", "kiosk.log.1", "kiosk.log.5", "faults.log"):
        (folder / name).write_text("written when the logs were world-readable\n")
        os.chmod(folder / name, 0o644)
    logs.log_to_folder(folder)
    assert mode(folder) == 0o700
    assert {p.name: mode(p) for p in folder.iterdir()} == dict.fromkeys(
        ("kiosk.log", "kiosk.log.1", "kiosk.log.5", "faults.log"), 0o600
    )
