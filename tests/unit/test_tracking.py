"""Tracking codes and the guard against guessing them."""

from __future__ import annotations

import asyncio
import logging
import os
import random
import stat
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from kiosk.models.db import make_engine, make_session_factory, migrate
from kiosk.models.guard_repository import GuardStateRepository
from kiosk.models.guard_state import GuardState
from kiosk.models.tracking_key import TrackingKeyError, code_digest, load_tracking_key
from kiosk.services.executors import DbExecutor
from kiosk.services.guard_keeper import GuardKeeper
from kiosk.services.tracking import (
    TRACKING_ALPHABET,
    DoublingBlock,
    FixedBlock,
    TrackingGuard,
    new_tracking_code,
    normalize_code,
    steady_wall_clock,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_codes_are_eight_letters_of_the_alphabet_and_do_not_repeat() -> None:
    codes = [new_tracking_code() for _ in range(2000)]
    assert all(len(code) == 8 and set(code) <= set(TRACKING_ALPHABET) for code in codes)
    # 20**8 codes: a repeat among 2000 draws has a probability of about 1e-4.
    assert len(set(codes)) == len(codes)
    # Every letter shows up: the draw covers the whole alphabet.
    assert set("".join(codes)) == set(TRACKING_ALPHABET)


def test_an_injected_rng_makes_codes_reproducible() -> None:
    assert new_tracking_code(random.Random(7)) == new_tracking_code(random.Random(7))
    assert new_tracking_code(random.Random(7)) != new_tracking_code(random.Random(8))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BCDFGHJK", "BCDFGHJK"),
        ("bcdf-ghjk", "BCDFGHJK"),
        ("  Bcdf ghjk ", "BCDFGHJK"),
        ("B-C-D-F-G-H-J-K", "BCDFGHJK"),
        ("BCDF–GHJK", "BCDFGHJK"),  # an en dash, as a phone keyboard may type
        ("BCDFGHJ", None),  # too short
        ("BCDFGHJKL", None),  # too long
        ("ABCDFGHJ", None),  # a vowel
        ("BCDFGHJ1", None),  # a digit
        ("BCDFGHJY", None),  # Y is not in the alphabet
        ("BCDFGHßK", None),  # "ß".upper() == "SS" must not make it fit
        ("", None),
        ("--------", None),
    ],
)
def test_normalize_code(text: str, expected: str | None) -> None:
    assert normalize_code(text) == expected


def test_the_displayed_form_reads_back() -> None:
    # the code as the screens and the receipt print it reads back as typed
    from kiosk.views.answers import spaced_code

    assert spaced_code("BCDFGHJK") == "BCDF GHJK"
    assert normalize_code(spaced_code("BCDFGHJK")) == "BCDFGHJK"


def test_five_wrong_codes_in_a_minute_block_for_a_minute() -> None:
    clock = FakeClock()
    guard = TrackingGuard(clock=clock)
    for _ in range(4):
        guard.failed()
        clock.now += 10
    assert guard.blocked_for() == 0.0
    guard.failed()
    assert guard.blocked_for() == 60.0
    clock.now += 59
    assert guard.blocked_for() == pytest.approx(1.0)
    clock.now += 1
    assert guard.blocked_for() == 0.0


def test_wrong_codes_spread_over_more_than_a_minute_do_not_block() -> None:
    clock = FakeClock()
    guard = TrackingGuard(clock=clock)
    for at in (0, 15, 30, 45, 61):  # the first has left the window when the fifth comes
        clock.now = 1000.0 + at
        guard.failed()
    assert guard.blocked_for() == 0.0
    # The window slides: five failures within any 60 s block.
    clock.now = 1000.0 + 62
    guard.failed()
    assert guard.blocked_for() == 60.0


def test_a_success_does_not_forgive_earlier_failures() -> None:
    # Someone holding one valid code must not alternate it with guesses to stay under the limit.
    clock = FakeClock()
    guard = TrackingGuard(clock=clock)
    for _ in range(4):
        guard.failed()
        guard.succeeded()
    guard.failed()
    assert guard.blocked_for() == 60.0
    guard.succeeded()
    assert guard.blocked_for() == 60.0


def test_a_try_during_the_block_starts_it_again() -> None:
    clock = FakeClock()
    guard = TrackingGuard(clock=clock)
    for _ in range(5):
        guard.failed()
    clock.now += 50
    guard.failed()
    assert guard.blocked_for() == 60.0


def test_after_a_block_the_count_starts_afresh() -> None:
    clock = FakeClock()
    guard = TrackingGuard(clock=clock)
    for _ in range(5):
        guard.failed()
    clock.now += 60
    for _ in range(4):
        guard.failed()
    assert guard.blocked_for() == 0.0
    guard.failed()
    assert guard.blocked_for() == 60.0


def test_limits_are_configurable_and_checked() -> None:
    clock = FakeClock()
    guard = TrackingGuard(FixedBlock(limit=2, window_s=10, block_s=30), clock=clock)
    guard.failed()
    guard.failed()
    assert guard.blocked_for() == 30.0
    with pytest.raises(ValueError, match="positive"):
        FixedBlock(limit=0)


# --- The guard across restarts ------------------------------------------------------------------------------------

EPOCH_2027 = 1_800_000_000.0


async def kiosk_process(path: Path, clock: FakeClock, wrong_codes: int) -> float:
    """One run of the kiosk: its guard restored from the cache at ``path``, then ``wrong_codes`` wrong codes
    (saved on the DB worker), then the process ends. How long the field is blocked for at the end."""
    engine = make_engine(path)
    db = DbExecutor()
    try:
        migrate(engine)
        guard = TrackingGuard(clock=clock)
        keeper = GuardKeeper(guard, GuardStateRepository(make_session_factory(engine)), db)
        await keeper.restore()
        for _ in range(wrong_codes):
            guard.failed()
        await keeper.saved()
        return guard.blocked_for()
    finally:
        db.shutdown()
        engine.dispose()


def test_a_restart_does_not_lift_the_block(tmp_path: Path) -> None:
    clock = FakeClock()
    clock.now = EPOCH_2027
    assert asyncio.run(kiosk_process(tmp_path / "kiosk.db", clock, wrong_codes=5)) == 60.0
    clock.now += 20  # the kiosk is killed and starts again 20 s later
    assert asyncio.run(kiosk_process(tmp_path / "kiosk.db", clock, wrong_codes=0)) == 40.0
    clock.now += 40
    assert asyncio.run(kiosk_process(tmp_path / "kiosk.db", clock, wrong_codes=0)) == 0.0


def test_a_restart_does_not_forget_recent_failures(tmp_path: Path) -> None:
    clock = FakeClock()
    clock.now = EPOCH_2027
    assert asyncio.run(kiosk_process(tmp_path / "kiosk.db", clock, wrong_codes=4)) == 0.0
    clock.now += 5
    assert asyncio.run(kiosk_process(tmp_path / "kiosk.db", clock, wrong_codes=1)) == 60.0


def test_a_clock_set_back_between_two_runs_neither_lifts_the_block_nor_stretches_it(tmp_path: Path) -> None:
    clock = FakeClock()
    clock.now = EPOCH_2027
    asyncio.run(kiosk_process(tmp_path / "kiosk.db", clock, wrong_codes=5))
    clock.now -= 86_400  # the machine restarts with its clock a day behind
    assert asyncio.run(kiosk_process(tmp_path / "kiosk.db", clock, wrong_codes=0)) == 60.0
    clock.now += 60
    assert asyncio.run(kiosk_process(tmp_path / "kiosk.db", clock, wrong_codes=0)) == 0.0


def test_a_clock_set_back_while_blocked_keeps_the_block_a_block_long() -> None:
    clock = FakeClock()
    guard = TrackingGuard(clock=clock)
    for _ in range(4):
        guard.failed()
    clock.now -= 3600
    assert guard.blocked_for() == 0.0
    guard.failed()  # the four earlier failures still count, as if just made
    assert guard.blocked_for() == 60.0
    clock.now -= 3600
    assert guard.blocked_for() == 60.0
    clock.now += 59
    assert guard.blocked_for() == pytest.approx(1.0)
    clock.now += 1
    assert guard.blocked_for() == 0.0


def test_the_default_clock_ignores_a_wall_clock_changed_while_running() -> None:
    wall, steady = FakeClock(), FakeClock()
    wall.now, steady.now = EPOCH_2027, 5.0
    clock = steady_wall_clock(wall, steady)
    assert clock() == EPOCH_2027
    wall.now -= 3600  # set back by hand, or by NTP
    steady.now += 10
    assert clock() == EPOCH_2027 + 10
    wall.now += 7200
    assert clock() == EPOCH_2027 + 10


def test_a_state_that_cannot_be_saved_is_logged_and_the_guard_still_blocks(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "kiosk.db"
    migrate_engine = make_engine(path)
    migrate(migrate_engine)
    migrate_engine.dispose()
    read_only = make_engine(path)

    @event.listens_for(read_only, "connect")
    def _query_only(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA query_only = ON")

    async def run() -> float:
        db = DbExecutor()
        try:
            guard = TrackingGuard(clock=FakeClock())
            keeper = GuardKeeper(guard, GuardStateRepository(make_session_factory(read_only)), db)
            await keeper.restore()
            for _ in range(5):
                guard.failed()
            await keeper.saved()
            return guard.blocked_for()
        finally:
            db.shutdown()

    with caplog.at_level(logging.WARNING):
        assert asyncio.run(run()) == 60.0
    read_only.dispose()
    assert "tracking guard's state could not be saved" in caplog.text


# --- The key of the codes at rest ---------------------------------------------------------------------------------


def test_the_key_is_made_once_private_and_kept(tmp_path: Path) -> None:
    database = tmp_path / "data" / "kiosk.db"
    key = load_tracking_key(database)
    path = tmp_path / "data" / "tracking.key"
    assert len(key) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_tracking_key(database) == key
    assert [p.name for p in path.parent.iterdir()] == ["tracking.key"]  # no draft left behind
    path.chmod(0o644)  # restored from a backup with loose permissions
    assert load_tracking_key(database) == key
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # A keyed hash: the same code gives another digest under another kiosk's key.
    assert code_digest(key, "BCDFGHJK") != code_digest(load_tracking_key(tmp_path / "other" / "kiosk.db"), "BCDFGHJK")


@pytest.mark.parametrize("damage", ["short", "fifo", "folder"])
def test_a_damaged_key_is_reported_and_never_replaced(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "tracking.key"
    if damage == "short":
        path.write_bytes(b"0123")
    elif damage == "fifo":
        os.mkfifo(path)  # must not hang the start
    else:
        path.mkdir()
    with pytest.raises((TrackingKeyError, IsADirectoryError)):
        load_tracking_key(tmp_path / "kiosk.db")
    assert path.exists()


# --- The doubling wait (the agents' code) ---------------------------------------------------------------------------


def test_a_doubling_block_doubles_at_each_wrong_code_in_a_row_up_to_its_cap_and_the_right_code_ends_it() -> None:
    clock = FakeClock()
    guard = TrackingGuard(DoublingBlock(first_s=1, max_s=60), clock=clock)
    blocks = []
    for _ in range(9):
        guard.failed()
        blocks.append(guard.blocked_for())
        clock.now += blocks[-1]
    assert blocks == [1, 2, 4, 8, 16, 32, 60, 60, 60]
    assert len(guard.state().failures) == 7  # enough to know the next block is the cap: the row is not kept whole

    guard.failed()
    guard.succeeded()
    assert guard.blocked_for() == 0.0
    assert guard.state() == GuardState()
    guard.failed()
    assert guard.blocked_for() == 1.0


def test_a_doubling_block_restored_goes_on_counting_and_a_clock_set_back_does_not_stretch_it() -> None:
    clock = FakeClock()
    first = TrackingGuard(DoublingBlock(first_s=1, max_s=60), clock=clock)
    for _ in range(3):
        first.failed()
        clock.now += first.blocked_for()
    saved = first.state()

    clock.now -= 86_400  # restarted with its clock a day behind
    again = TrackingGuard(DoublingBlock(first_s=1, max_s=60), clock=clock)
    again.restore(saved)
    # Its end, a day ahead now, is brought back: never longer than the longest wait, rather than a day long.
    assert again.blocked_for() == 60.0
    clock.now += 60
    again.failed()
    assert again.blocked_for() == 8.0  # the fourth in a row
    with pytest.raises(ValueError, match="first_s"):
        DoublingBlock(first_s=0, max_s=60)
