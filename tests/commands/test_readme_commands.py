"""Every command the README shows, run exactly as a person types it: in a shell, at the top of the checkout, after
`. .venv/bin/activate`. A suite once stayed green while `make run`, the README's first command, failed on its first
line: the list of commands is read from the README itself, and a command without a test fails here.

The machine running the tests has no screen: the kiosk is offscreen, except under Xvfb for the full-screen test.
Each run gets its own data folder (`KIOSK_DATA_DIR`), so nothing of a person's own kiosk is touched.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
SHELL_BLOCK = re.compile(r"^```sh\n(.*?)^```", re.MULTILINE | re.DOTALL)
ACTIVATE = ". .venv/bin/activate"

# What the CI runs itself (.ci/run): running them from inside `make test` would run the suite within itself.
RUN_BY_CI = ("make lint", "make test")


def readme_commands() -> list[str]:
    """The commands of the README's ```sh blocks, without their comments."""
    return [
        command for block in SHELL_BLOCK.findall(README.read_text(encoding="utf-8")) for command in _commands_of(block)
    ]


def _commands_of(block: str) -> list[str]:
    commands = []
    for line in block.splitlines():
        command = line.split("  #", 1)[0].split(" # ", 1)[0].strip()
        if command and not command.startswith("#"):
            commands.append(command)
    return commands


def _environment(data_dir: Path, **extra: str) -> dict[str, str]:
    # A person's shell: no kiosk settings, no venv already active, and not inside `make test` (a make run from
    # inside another prints "Entering/Leaving directory" around its output).
    ignored = {"KIOSK_CONFIG", "KIOSK_RESOURCES", "VIRTUAL_ENV", "MAKELEVEL", "MAKEFLAGS", "MFLAGS"}
    env = {k: v for k, v in os.environ.items() if k not in ignored}
    env.update({"KIOSK_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"})
    env.update(extra)
    return env


def typed(command: str, data_dir: Path, timeout: float, **env: str) -> subprocess.CompletedProcess[str]:
    """Run ``command`` as typed in a shell with the project's environment activated; wait for it to end."""
    return subprocess.run(
        ["bash", "-c", f"{ACTIVATE} && {command}"],
        cwd=ROOT,
        env=_environment(data_dir, **env),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )


class Running:
    """A long-running command (the kiosk) started in its own session, its output read as it comes."""

    def __init__(self, command: str, data_dir: Path, **env: str) -> None:
        self.process = subprocess.Popen(
            ["bash", "-c", f"{ACTIVATE} && {command}"],
            cwd=ROOT,
            env=_environment(data_dir, **env),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            start_new_session=True,
        )
        self.lines: list[str] = []
        self._seen = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self._seen:
                self.lines.append(line)
                self._seen.notify_all()
        with self._seen:
            self._seen.notify_all()

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def wait_for(self, text: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        with self._seen:
            while text not in self.output:
                left = deadline - time.monotonic()
                if left <= 0 or (self.process.poll() is not None and not self._reader.is_alive()):
                    raise AssertionError(f"no {text!r} (exit code {self.process.poll()}):\n{self.output}")
                self._seen.wait(min(left, 0.5))

    def pids(self, program: bytes) -> list[int]:
        """The processes of this session (under bash and make) running ``program`` (``bin/kiosk``), from /proc."""
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                pid = int(entry.name)
                cmdline = (entry / "cmdline").read_bytes().split(b"\0")
                if os.getsid(pid) == self.process.pid and any(part.endswith(program) for part in cmdline[:2]):
                    found.append(pid)
            except (OSError, ProcessLookupError):
                continue
        return found

    def kiosk_pid(self) -> int:
        """The kiosk process of this session."""
        found = self.pids(b"bin/kiosk")
        assert len(found) == 1, f"kiosk processes in the session: {found}\n{self.output}"
        return found[0]

    def stop(self) -> int:
        """SIGTERM to the kiosk (as systemd or an operator would send), then the exit code of the whole command."""
        os.kill(self.kiosk_pid(), signal.SIGTERM)
        code = self.process.wait(timeout=30)
        self._reader.join(timeout=10)
        return code

    def kill(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self._reader.join(timeout=10)
        if self.process.stdout is not None:
            self.process.stdout.close()


@pytest.fixture
def running() -> Iterator[list[Running]]:
    started: list[Running] = []
    yield started
    for run in started:
        run.kill()


def test_every_command_of_the_readme_has_its_test() -> None:
    shown = readme_commands()
    assert "make run" in shown
    assert "make test" in shown
    untested = sorted(set(shown) - set(TESTED))
    assert not untested, f"README commands without a test in {Path(__file__).name}: {untested}"
    unshown = sorted(set(TESTED) - set(shown))
    assert not unshown, f"tested here but no longer in the README: {unshown}"


def test_the_ci_runs_lint_and_the_readmes_test_command_as_typed() -> None:
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    for command in RUN_BY_CI:
        assert command in lines


def _wait_for_line(log: Path, pattern: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not (log.is_file() and re.search(pattern, log.read_text(encoding="utf-8"))):
        assert time.monotonic() < deadline, f"no {pattern!r} in {log}"
        time.sleep(0.2)


@pytest.mark.timeout(240)
@pytest.mark.parametrize("command", ["make run", "make run WINDOWED=1"])
def test_make_run_opens_the_kiosk_and_stops_cleanly(command: str, tmp_path: Path, running: list[Running]) -> None:
    """The demo kiosk opens beside a demo central on 127.0.0.1 it syncs with; stopping the kiosk stops central."""
    kiosk = Running(command, tmp_path / "data")
    running.append(kiosk)
    kiosk.wait_for("home screen painted", timeout=180)  # the first run may install what is missing
    kiosk.wait_for("services ready", timeout=60)
    kiosk.wait_for("central answered: the kiosk is online", timeout=60)  # the header's "En ligne"
    assert re.search(r"syncing with central at http://127\.0\.0\.1:\d+\n", kiosk.output), kiosk.output
    assert len(kiosk.pids(b"bin/central")) == 1, kiosk.output  # `central serve`, in the kiosk's session
    # Central's output is in its log, not the terminal; the kiosk's first pull, with its token, got its answer.
    central_log = tmp_path / "data" / "demo-central" / "central.log"
    _wait_for_line(central_log, r'"route": "/v1/changes/catalogue", "status": 200', timeout=60)
    assert kiosk.stop() == 0, kiosk.output
    assert kiosk.pids(b"bin/central") == [], "central outlived its kiosk"
    assert "demo central stopped" in kiosk.output
    assert "Traceback" not in kiosk.output
    assert " ERROR " not in kiosk.output
    assert (tmp_path / "data" / "kiosk.db").is_file()
    assert "services ready" in (tmp_path / "data" / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert '"route"' not in kiosk.output


def test_kiosk_catalogue_check(tmp_path: Path) -> None:
    result = typed("kiosk catalogue check", tmp_path, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"\b0 error\(s\)", result.stdout), result.stdout


def test_kiosk_catalogue_list_json(tmp_path: Path) -> None:
    result = typed("kiosk catalogue list --json", tmp_path, timeout=60)
    assert result.returncode == 0, result.stderr
    listing = json.loads(result.stdout)
    assert len(listing["procedures"]) >= 15
    assert listing["errors"] == []


def test_central_catalogue_check(tmp_path: Path) -> None:
    result = typed("central catalogue check resources/catalogue", tmp_path, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"\b0 error\(s\)", result.stdout), result.stdout


@pytest.mark.timeout(300)
def test_make_shots_renders_every_screen(tmp_path: Path) -> None:
    result = typed("make shots", tmp_path, timeout=280)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    count = int(re.findall(r"(\d+) screenshot\(s\) in shots", result.stdout)[-1])
    pngs = list((ROOT / "shots").glob("*.png"))
    assert count >= 100
    assert len(pngs) >= count
    assert all(png.stat().st_size > 10_000 for png in pngs)


@pytest.mark.timeout(900)
def test_make_bench_prints_every_figure_as_json(tmp_path: Path) -> None:
    # Fewer journeys and requests (KIOSK_BENCH_QUICK): the figures' presence is tested here, not their values.
    result = typed("make bench", tmp_path, timeout=880, KIOSK_BENCH_QUICK="1")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (line,) = [line for line in result.stdout.splitlines() if line.startswith("{")]
    figures = json.loads(line)
    # Figures, not verdicts: targets are read from the bench, never asserted as timings in tests.
    for key in ("start_to_home_s", "bare_qt_window_s", "nav_p95_ms", "search_p95_ms", "wizard_step_p95_ms"):
        assert isinstance(figures[key], int | float)
        assert figures[key] > 0
    assert isinstance(figures["rss_growth_kb_per_journey"], int | float)
    assert figures["steady_rss_mb"] > 50
    for key in ("sync_drain_s", "sync_plain_loop_s", "sync_drain_ratio"):
        assert isinstance(figures[key], int | float)
        assert figures[key] > 0


def _messages(ts: bytes) -> list[tuple[str, str, str, str]]:
    """(context, source, translation, state) of every message: what a translator sees, not where it is."""
    import xml.etree.ElementTree as ET

    found = []
    for context in ET.fromstring(ts).iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            text = "" if translation is None else translation.text or ""
            state = "" if translation is None else translation.get("type", "")
            found.append((name, message.findtext("source") or "", text, state))
    return found


@pytest.mark.timeout(120)
def test_make_translations_leaves_the_shipped_translations_as_they_are(tmp_path: Path) -> None:
    """Run on an up-to-date tree, it finds no string to add, drop or translate, and builds the shipped .qm (only
    the line numbers of the .ts may move with the code). The files are put back as they were either way."""
    ts, qm = (ROOT / "resources" / "translations" / name for name in ("kiosk_en.ts", "kiosk_en.qm"))
    with open("/tmp/kiosk-ts.lock", "w") as lock:  # a lock shared with the developers' helpers
        fcntl.flock(lock, fcntl.LOCK_EX)
        before = ts.read_bytes(), qm.read_bytes()
        try:
            result = typed("make translations", tmp_path, timeout=110)
            after = ts.read_bytes(), qm.read_bytes()
        finally:
            ts.write_bytes(before[0])
            qm.write_bytes(before[1])
    assert result.returncode == 0, result.stdout + result.stderr
    assert _messages(after[0]) == _messages(before[0]), "run `make translations`, translate, and commit"
    assert after[1] == before[1], "the shipped .qm is not built from the .ts: run `make translations`"


# --- Full screen on a real X server with no window manager -----------------------------------------------------


@contextmanager
def _xvfb(width: int, height: int) -> Iterator[str]:
    """A virtual X screen of this size, on a display number Xvfb picks free."""
    process = subprocess.Popen(
        ["Xvfb", "-displayfd", "1", "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        display = process.stdout.readline().strip()
        assert display, "Xvfb did not start"
        yield f":{display}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()


def _window_geometry(display: str, title: str) -> tuple[int, int, int, int]:
    tree = subprocess.run(
        ["xwininfo", "-root", "-children"], env={**os.environ, "DISPLAY": display}, capture_output=True, text=True
    ).stdout
    for line in tree.splitlines():
        if title in line:
            width, height, x, y = map(int, re.search(r"(\d+)x(\d+)\+(-?\d+)\+(-?\d+)", line).groups())  # type: ignore[union-attr]
            return width, height, x, y
    raise AssertionError(f"no window titled {title!r}:\n{tree}")


@pytest.mark.timeout(120)
@pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("xwininfo")),
    reason="needs Xvfb and xwininfo (Debian: xvfb x11-utils, installed by the Makefile's system-deps)",
)
@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_full_screen_covers_the_screen_without_a_window_manager(
    size: tuple[int, int], tmp_path: Path, running: list[Running]
) -> None:
    with _xvfb(*size) as display:
        kiosk = Running("kiosk --demo run", tmp_path / "data", QT_QPA_PLATFORM="xcb", DISPLAY=display)
        running.append(kiosk)
        kiosk.wait_for("home screen painted", timeout=60)
        assert _window_geometry(display, "Valmont-sur-Loire") == (*size, 0, 0)
        assert kiosk.stop() == 0, kiosk.output


# --- The central service: the README's commands in the order it gives them, on one fresh data folder ----------

CENTRAL_SECTION = re.compile(r"^## The central service\n(.*?)^## ", re.MULTILINE | re.DOTALL)


def central_commands() -> list[str]:
    """The commands of the README's central section, in order."""
    section = CENTRAL_SECTION.search(README.read_text(encoding="utf-8"))
    assert section is not None, "the README has no central section"
    return [command for block in SHELL_BLOCK.findall(section.group(1)) for command in _commands_of(block)]


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.timeout(240)
def test_the_central_commands_in_the_readmes_order(tmp_path: Path) -> None:
    import requests

    port = _free_port()
    env = {"CENTRAL_DATA_DIR": str(tmp_path / "central"), "CENTRAL_PORT": str(port)}
    openapi = ROOT / "docs" / "openapi.json"
    shipped = openapi.read_bytes()
    commands = central_commands()
    assert commands[-1] == "central serve", "the README ends the central commands with the one that keeps running"
    try:
        for command in commands[:-1]:
            result = typed(command, tmp_path, timeout=90, **env)
            assert result.returncode == 0, f"{command}\n{result.stdout}{result.stderr}"
            if command == "central requests list":
                assert len(re.findall(r"\b\d{4}-\d{6}\b", result.stdout)) == 3, result.stdout  # the seeded requests
        assert openapi.read_bytes() == shipped, "docs/openapi.json is not what central serves: run the command"
    finally:
        openapi.write_bytes(shipped)
    server = subprocess.Popen(
        ["bash", "-c", f"{ACTIVATE} && exec central serve"],
        cwd=ROOT,
        env=_environment(tmp_path, **env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                health = requests.get(f"http://127.0.0.1:{port}/v1/health", timeout=2)
                break
            except requests.ConnectionError:
                assert server.poll() is None, "central serve stopped"
                assert time.monotonic() < deadline, "central serve did not start"
                time.sleep(0.2)
        assert health.status_code == 200
        page = requests.get(f"http://127.0.0.1:{port}/suivi/DMBCDFGH", timeout=5)  # a seeded request's code
        assert page.status_code == 200
        assert 'lang="fr"' in page.text
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output, _ = server.communicate(timeout=30)
    # uvicorn shuts down gracefully, then ends by the signal it caught (systemd counts SIGTERM as a clean stop).
    assert server.returncode in (0, -signal.SIGTERM), output
    assert "Application shutdown complete." in output, output
    assert "Traceback" not in output, output


TESTED = {
    "make run": test_make_run_opens_the_kiosk_and_stops_cleanly,
    "make test": test_the_ci_runs_lint_and_the_readmes_test_command_as_typed,
    "make run WINDOWED=1": test_make_run_opens_the_kiosk_and_stops_cleanly,
    "make lint": test_the_ci_runs_lint_and_the_readmes_test_command_as_typed,
    "make shots": test_make_shots_renders_every_screen,
    "make bench": test_make_bench_prints_every_figure_as_json,
    "make translations": test_make_translations_leaves_the_shipped_translations_as_they_are,
    ACTIVATE: test_kiosk_catalogue_check,  # every test here types it first
    "kiosk catalogue check": test_kiosk_catalogue_check,
    "kiosk catalogue list --json": test_kiosk_catalogue_list_json,
    "central catalogue check resources/catalogue": test_central_catalogue_check,
    **dict.fromkeys(central_commands(), test_the_central_commands_in_the_readmes_order),
}
