"""The memory figure of ``kiosk bench``: growth per journey, robust to what is not growth (kiosk/tools/soak.py)."""

from __future__ import annotations

from kiosk.tools.soak import _slope


def test_a_leak_shows_as_its_growth_per_journey() -> None:
    assert _slope([150_000 + 24 * n for n in range(250)]) == 24


def test_a_one_time_step_is_not_growth() -> None:
    # A worker thread used for the first time at journey 120 takes its own memory, once.
    assert _slope([150_000] * 120 + [152_500] * 130) == 0


def test_the_allocators_ups_and_downs_are_not_growth() -> None:
    assert _slope([172_080 + (400 if n % 2 else 0) for n in range(250)]) == 0


def test_a_leak_under_noise_is_still_seen() -> None:
    samples = [170_000 + 5 * n + (400 if n % 2 else 0) + (2_000 if n > 90 else 0) for n in range(250)]
    assert 4 <= _slope(samples) <= 7
