"""The counter agents' code: ``kiosk agent-code`` as an operator types it at a terminal, the ``agent_code_hash``
setting it prints (read from the file and the environment, refused when argon2 cannot read it whole), and the wait
after a wrong code that keeps the kiosk from being tried code after code, without ever locking an agent out."""

from __future__ import annotations

import asyncio
import datetime as dt
import fcntl
import os
import pty
import select
import subprocess
import sys
import termios
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import argon2
import pytest
from sqlalchemy import Engine

from kiosk.config import ENV_AGENT_CODE_HASH, ConfigError, load_settings
from kiosk.models.db import make_engine, make_session_factory, migrate
from kiosk.models.guard_repository import AGENT_GUARD, GuardStateRepository
from kiosk.models.outbox_repository import OutboxRepository
from kiosk.services.agent import AgentCheck, AgentService, CodeCheck, agent_code_problem, hash_agent_code
from kiosk.services.executors import DbExecutor, Worker
from kiosk.services.guard_keeper import GuardKeeper
from kiosk.services.sync_status import SyncStatus
from tests.sync.kiosk_cache import KioskCache

ROOT = Path(__file__).resolve().parents[2]
KIOSK = str(Path(sys.executable).parent / "kiosk")  # the console script, as installed beside the interpreter
CODE = "4071926"


@pytest.fixture(scope="module")
def code_hash() -> str:
    return hash_agent_code(CODE)


def _env() -> dict[str, str]:
    ignored = {"KIOSK_CONFIG", "KIOSK_DATA_DIR", "KIOSK_RESOURCES", ENV_AGENT_CODE_HASH}
    return {k: v for k, v in os.environ.items() if k not in ignored} | {"PYTHONIOENCODING": "utf-8"}


def at_a_terminal(*lines: str, timeout: float = 30.0) -> tuple[int, str]:
    """``kiosk agent-code`` run on a pseudo-terminal, a person typing ``lines`` each after its prompt: its exit
    status and everything the terminal showed (stdout and stderr, as a screen mixes them)."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [KIOSK, "agent-code"],
        cwd=ROOT,
        env=_env(),
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        # A session of its own, away from the terminal running the tests: the code is asked on this one.
        start_new_session=True,
    )
    os.close(terminal)
    shown = b""
    typed = 0
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([controller], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(controller, 4096)
                except OSError:  # the program ended: its side of the terminal is closed
                    break
                if not chunk:
                    break
                shown += chunk
            # Each line is typed once its prompt is on the screen, as a person waits to be asked.
            if typed < len(lines) and shown.count(b": ") > typed:
                os.write(controller, lines[typed].encode() + b"\n")
                typed += 1
            if process.poll() is not None and not ready:
                break
        returncode = process.wait(timeout=max(0.1, deadline - time.monotonic()))
    finally:
        os.close(controller)
        if process.poll() is None:
            process.kill()
            process.wait()
    return returncode, shown.decode("utf-8", errors="replace")


def hash_line(shown: str) -> str:
    (line,) = [line for line in shown.splitlines() if line.startswith("agent_code_hash = ")]
    return line.strip()


def test_agent_code_at_a_terminal_prints_a_hash_line_the_kiosk_reads(tmp_path: Path) -> None:
    returncode, shown = at_a_terminal(CODE, CODE)

    assert returncode == 0, shown
    assert CODE not in shown  # never echoed
    assert "New agent code" in shown
    assert "The same code again" in shown
    line = hash_line(shown)
    config = tmp_path / "kiosk.toml"
    config.write_text(line + "\n", encoding="utf-8")
    settings = load_settings(config)
    assert settings.agent_code_hash is not None
    assert argon2.PasswordHasher().verify(settings.agent_code_hash, CODE)
    with pytest.raises(argon2.exceptions.VerifyMismatchError):
        argon2.PasswordHasher().verify(settings.agent_code_hash, "4071925")


@pytest.mark.parametrize(
    ("lines", "said"),
    [
        ((CODE, "4071927"), "the two codes differ; nothing was changed."),
        (("12345",), "the agent code must have 6 to 32 digits, not 5."),
        (("12a456",), "the agent code is made of digits only"),
    ],
)
def test_agent_code_refuses_codes_that_differ_or_are_too_short(lines: tuple[str, ...], said: str) -> None:
    returncode, shown = at_a_terminal(*lines)

    assert returncode == 1, shown
    assert said in shown
    assert "agent_code_hash" not in shown


def test_agent_code_reads_a_code_fed_on_its_standard_input() -> None:
    """A script feeding the code (no terminal): the line alone on stdout, for ``>> kiosk.toml``."""
    result = subprocess.run(
        [KIOSK, "agent-code"],
        cwd=ROOT,
        env=_env(),
        input=f"{CODE}\n{CODE}\n",
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
        # Away from the terminal running the tests, if any: getpass would ask that one, not read the input.
        start_new_session=True,
    )

    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    code_hash = line.removeprefix('agent_code_hash = "').removesuffix('"')
    assert argon2.PasswordHasher().verify(code_hash, CODE)
    assert CODE not in result.stdout + result.stderr


def test_agent_code_reads_a_pipe_even_when_run_from_a_terminal() -> None:
    """``printf '…\\n…\\n' | kiosk agent-code`` typed at a terminal: the codes come from the pipe, not the terminal
    (getpass would open /dev/tty and wait there for someone to type)."""
    controller, terminal = pty.openpty()

    def at_the_terminal() -> None:  # in the child: a session whose controlling terminal is the pseudo-terminal
        os.setsid()
        fcntl.ioctl(terminal, termios.TIOCSCTTY, 0)

    try:
        result = subprocess.run(
            [KIOSK, "agent-code"],
            cwd=ROOT,
            env=_env(),
            input=f"{CODE}\n{CODE}\n",
            stdout=subprocess.PIPE,
            stderr=terminal,
            text=True,
            timeout=30,
            check=False,
            preexec_fn=at_the_terminal,
            pass_fds=(terminal,),
        )
    finally:
        os.close(terminal)
        os.close(controller)

    assert result.returncode == 0
    (line,) = result.stdout.splitlines()
    code_hash = line.removeprefix('agent_code_hash = "').removesuffix('"')
    assert argon2.PasswordHasher().verify(code_hash, CODE)


def test_an_agent_code_is_six_digits_or_more() -> None:
    assert agent_code_problem("123456") is None
    assert agent_code_problem("12345") is not None
    assert agent_code_problem("１２３４５６") is not None  # full-width digits are no keypad's
    assert agent_code_problem("123 456") is not None


# -- the setting --------------------------------------------------------------------------------------------------


def test_no_agent_code_hash_by_default() -> None:
    assert load_settings().agent_code_hash is None


@pytest.mark.parametrize(
    "value",
    [
        '""',
        '"123456"',  # the code itself, not its hash
        '"$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHRzYWx0$"',  # no hash part
        "HALF",  # a line copied in part
        "TRAILING",  # with stray characters after it
        "ARGON2I",  # argon2i, not argon2id
        "12",  # not a string
    ],
)
def test_an_agent_code_hash_argon2_cannot_read_whole_is_refused(tmp_path: Path, code_hash: str, value: str) -> None:
    value = {
        "HALF": f'"{code_hash[:-10]}"',
        "TRAILING": f'"{code_hash[:-2]}!!"',
        "ARGON2I": f'"{argon2.PasswordHasher(type=argon2.Type.I).hash(CODE)}"',
    }.get(value, value)
    config = tmp_path / "kiosk.toml"
    config.write_text(f"agent_code_hash = {value}\n", encoding="utf-8")

    with pytest.raises(ConfigError) as raised:
        load_settings(config)

    message = str(raised.value)
    assert str(config) in message
    assert "agent_code_hash" in message


@pytest.mark.parametrize(
    ("costs", "accepted"),
    [
        ("m=0,t=3,p=4", False),  # the form lets it through; argon2 then refused every code ("Memory cost is too small")
        ("m=31,t=3,p=4", False),  # 8 KiB per lane at least
        ("m=65536,t=0,p=4", False),
        ("m=65536,t=3,p=0", False),
        ("m=32,t=1,p=4", True),
    ],
)
def test_an_agent_code_hash_argon2_cannot_check_with_is_refused(
    tmp_path: Path, code_hash: str, costs: str, accepted: bool
) -> None:
    changed = code_hash.replace("m=65536,t=3,p=4", costs)
    assert changed != code_hash
    config = tmp_path / "kiosk.toml"
    config.write_text(f'agent_code_hash = "{changed}"\n', encoding="utf-8")

    if accepted:
        assert load_settings(config).agent_code_hash == changed
        with pytest.raises(argon2.exceptions.VerifyMismatchError):  # argon2 can check codes with it
            argon2.PasswordHasher().verify(changed, CODE)
        return
    with pytest.raises(ConfigError) as raised:
        load_settings(config)
    assert str(raised.value).startswith(f"{config}: agent_code_hash has costs argon2 cannot check a code with")
    with pytest.raises(argon2.exceptions.VerificationError):  # what the counter would have met
        argon2.PasswordHasher().verify(changed, CODE)


def test_the_agent_code_hash_may_come_from_the_environment(
    tmp_path: Path, code_hash: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('town_name = "Ville"\n', encoding="utf-8")
    monkeypatch.setenv(ENV_AGENT_CODE_HASH, code_hash + "\n")
    assert load_settings(config).agent_code_hash == code_hash

    monkeypatch.setenv(ENV_AGENT_CODE_HASH, "not-a-hash")
    with pytest.raises(ConfigError, match=r"^\$KIOSK_AGENT_CODE_HASH: agent_code_hash must be"):
        load_settings(config)


# -- the wait after a wrong code ------------------------------------------------------------------------------------


class Clock:
    """Monotonic seconds that move only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def checker() -> Iterator[Worker]:
    worker = Worker("test-agent-check")
    yield worker
    worker.shutdown()


def test_each_wrong_code_in_a_row_doubles_the_wait_up_to_a_cap_and_the_right_one_ends_it(
    code_hash: str, checker: Worker, engine: Engine, db_executor: Worker
) -> None:
    clock = Clock()
    agent = AgentService(
        OutboxRepository(make_session_factory(engine)), db_executor, checker, code_hash=code_hash, clock=clock
    )

    async def scenario() -> list[int]:
        waits = []
        for _ in range(8):
            result = await agent.check("000000")
            assert result.result is CodeCheck.REFUSED
            waits.append(result.wait_s)
            assert agent.wait_s() == result.wait_s
            # Too soon: not even checked, the wait goes on.
            clock.now += result.wait_s - 0.5
            too_soon = await agent.check(CODE)
            assert (too_soon.result, too_soon.wait_s) == (CodeCheck.TOO_SOON, 1)
            clock.now += 0.5
            assert agent.wait_s() == 0
        assert (await agent.check(CODE)).result is CodeCheck.ACCEPTED
        # The right code starts the count again: the next mistake waits a second.
        assert (await agent.check("111111")).wait_s == 1
        return waits

    assert asyncio.run(scenario()) == [1, 2, 4, 8, 16, 32, 60, 60]


def test_without_an_agent_code_no_code_opens(checker: Worker, engine: Engine, db_executor: Worker) -> None:
    agent = AgentService(OutboxRepository(make_session_factory(engine)), db_executor, checker, code_hash=None)

    assert asyncio.run(agent.check(CODE)).result is CodeCheck.REFUSED


async def agent_process(path: Path, clock: Clock, code_hash: str, codes: list[str]) -> list[AgentCheck]:
    """One run of the kiosk as far as the agent code goes: its service on the cache at ``path``, the wait restored
    as the kiosk restores it (``kiosk.app``), ``codes`` tried, the wait saved, and the process ends."""
    engine = make_engine(path)
    db = DbExecutor()
    checker = Worker("test-agent-check")
    try:
        migrate(engine)
        sessions = make_session_factory(engine)
        agent = AgentService(OutboxRepository(sessions), db, checker, code_hash=code_hash, clock=clock)
        keeper = GuardKeeper(agent.guard, GuardStateRepository(sessions, AGENT_GUARD), db)
        await keeper.restore()
        results = [await agent.check(code) for code in codes]
        await keeper.saved()
        results.append(AgentCheck(CodeCheck.TOO_SOON, agent.wait_s()))  # how long it waits as it ends
        return results
    finally:
        checker.shutdown()
        db.shutdown()
        engine.dispose()


def test_a_restart_keeps_the_wait_after_wrong_codes_and_its_count(tmp_path: Path, code_hash: str) -> None:
    """The wait used to live in the service's memory, on a monotonic clock: restarting the kiosk ended it."""
    path = tmp_path / "kiosk.db"
    clock = Clock()
    clock.now = 1_800_000_000.0
    first = asyncio.run(agent_process(path, clock, code_hash, ["000000"]))
    assert [(r.result, r.wait_s) for r in first] == [(CodeCheck.REFUSED, 1), (CodeCheck.TOO_SOON, 1)]

    # Killed and started again at once: still waiting, and the right code is not even checked.
    again = asyncio.run(agent_process(path, clock, code_hash, [CODE]))
    assert [(r.result, r.wait_s) for r in again] == [(CodeCheck.TOO_SOON, 1), (CodeCheck.TOO_SOON, 1)]

    clock.now += 1
    # The count goes on across the restart: the second wrong code in a row waits two seconds.
    second = asyncio.run(agent_process(path, clock, code_hash, ["111111"]))
    assert [(r.result, r.wait_s) for r in second] == [(CodeCheck.REFUSED, 2), (CodeCheck.TOO_SOON, 2)]

    clock.now += 2
    right = asyncio.run(agent_process(path, clock, code_hash, [CODE, "222222"]))
    assert [(r.result, r.wait_s) for r in right] == [
        (CodeCheck.ACCEPTED, 0),
        (CodeCheck.REFUSED, 1),  # the right code ended the run: one second again
        (CodeCheck.TOO_SOON, 1),
    ]


def test_an_agent_code_hash_argon2_cannot_use_is_no_wrong_code(
    checker: Worker, engine: Engine, db_executor: Worker, code_hash: str
) -> None:
    """m=0 was counted as a wrong code: every agent kept out, longer at each try. It is an error, and no wait."""
    unusable = code_hash.replace("m=65536", "m=0")
    agent = AgentService(OutboxRepository(make_session_factory(engine)), db_executor, checker, code_hash=unusable)

    with pytest.raises(argon2.exceptions.VerificationError, match="Memory cost is too small"):
        asyncio.run(agent.check(CODE))
    assert agent.wait_s() == 0


# -- what the agent screen reads ------------------------------------------------------------------------------------


def test_the_overview_lists_the_refused_sends_newest_first_and_counts_what_waits(
    tmp_path: Path, checker: Worker, db_executor: Worker
) -> None:
    cache = KioskCache(tmp_path / "kiosk.db")
    try:
        first, second, third = cache.submit(3)
        now = dt.datetime.now(dt.UTC)
        ops = {op.aggregate_id: op for op in cache.outbox.next_due(now)}
        cache.outbox.mark_dead(ops[uuid.UUID(first.client_uuid)].op_id, "422 invalid_op: answers.nom", now)
        later = now + dt.timedelta(minutes=5)
        cache.outbox.mark_dead(ops[uuid.UUID(third.client_uuid)].op_id, "409 request_decided", later)
        agent = AgentService(
            cache.outbox,
            db_executor,
            checker,
            code_hash=None,
            central_url="https://mairie.example:8443/kiosques/",
            token_file=tmp_path / "device-token",
            status=lambda: SyncStatus(online=False, waiting=1, unauthorized=True),
        )

        overview = asyncio.run(agent.overview())

        assert overview.central_host == "mairie.example"  # the host alone, never the whole address
        assert overview.token_file == str(tmp_path / "device-token")
        assert (overview.online, overview.unauthorized) == (False, True)
        assert overview.waiting == 1  # the second request: refused ones wait no more
        assert [(d.reference, d.kind, d.refused_at, d.reason) for d in overview.dead_letters] == [
            (third.reference, "request.submit", later, "409 request_decided"),
            (first.reference, "request.submit", now, "422 invalid_op: answers.nom"),
        ]
        assert overview.dead_total == 2
        assert "Dupont" not in repr(overview)  # no personal data reaches the agent screen
        letters, total = cache.outbox.dead_letters(limit=1)
        assert ([d.reference for d in letters], total) == ([third.reference], 2)
        assert second.reference not in repr(overview)
    finally:
        cache.close()
