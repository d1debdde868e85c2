"""Tracking codes and the guard against guessing them."""

from __future__ import annotations

import random

import pytest

from kiosk.services.tracking import TRACKING_ALPHABET, TrackingGuard, new_tracking_code, normalize_code


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
    guard = TrackingGuard(limit=2, window_s=10, block_s=30, clock=clock)
    guard.failed()
    guard.failed()
    assert guard.blocked_for() == 30.0
    with pytest.raises(ValueError, match="positive"):
        TrackingGuard(limit=0)
