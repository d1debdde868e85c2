"""``central bench``: run as typed with a tiny load, it prints its figures as one JSON line and leaves no database
behind. Figures, not verdicts: the latency targets are read from the bench's output, never asserted here."""

from __future__ import annotations

import json
import os

import pytest
from sqlalchemy import create_engine, text

from central.bench import Load, _figures, _Kiosk, _plan, _Timings
from tests.central.conftest import POSTGRES_ENV, central

ROUTES = {"GET /changes/catalogue", "GET /changes/requests", "PUT /blobs/{sha256}", "POST /ops"}


def bench_databases(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            names = connection.execute(text("SELECT datname FROM pg_database WHERE datname LIKE 'central_bench_%'"))
            return {name for (name,) in names}
    finally:
        engine.dispose()


@pytest.mark.timeout(240)
@pytest.mark.skipif(not os.environ.get(POSTGRES_ENV), reason=f"central bench runs on PostgreSQL: set {POSTGRES_ENV}")
def test_central_bench_prints_every_figure_as_json_and_drops_its_database() -> None:
    url = os.environ[POSTGRES_ENV]
    before = bench_databases(url)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CENTRAL_") or k == POSTGRES_ENV}

    result = central(env, "bench", "--json", "--seconds", "3", timeout=220)

    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (line,) = [line for line in result.stdout.splitlines() if line.startswith("{")]
    figures = json.loads(line)
    for key in ("central_p99_ms", "central_p95_ms", "central_p50_ms", "central_calls_per_s", "central_seconds"):
        assert isinstance(figures[key], int | float)
        assert figures[key] > 0
    assert figures["central_kiosks"] == 500
    assert figures["central_failed_calls"] == 0
    assert set(figures["central_routes"]) == ROUTES
    for route in figures["central_routes"].values():
        assert set(route) == {"calls", "failed", "p50_ms", "p95_ms", "p99_ms"}
        assert route["calls"] > 0
    assert figures["central_calls"] == sum(route["calls"] for route in figures["central_routes"].values())
    assert bench_databases(url) == before


def test_central_bench_refuses_a_database_other_than_postgresql() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CENTRAL_")}

    result = central(env, "bench", "--database-url", "sqlite:///central.db", "--seconds", "1")

    assert result.returncode == 1
    assert "central bench needs a PostgreSQL server" in result.stderr


def test_the_load_is_each_kiosk_every_period_plus_the_submits_spread_over_the_run() -> None:
    kiosks = [_Kiosk(f"bench-{n}", "token") for n in range(500)]

    plan = _plan(kiosks, Load(seconds=60, kiosks=500, poll_seconds=30, submits_per_second=10, workers=2))

    pulls = [(at, kiosk.name) for at, kind, kiosk in plan if kind == "pull"]
    submits = [at for at, kind, _ in plan if kind == "submit"]
    assert len(pulls) == 1000  # each of the 500 kiosks twice in 60 s
    assert {name for _, name in pulls} == {k.name for k in kiosks}
    assert len(submits) == 600
    assert [at for at, _, _ in plan] == sorted(at for at, _, _ in plan)
    assert all(0 <= at < 60 for at, _, _ in plan)
    # Spread evenly: every 6-second slice holds a tenth of the calls, give or take one.
    for start in range(0, 60, 6):
        in_slice = [at for at, _, _ in plan if start <= at < start + 6]
        assert abs(len(in_slice) - 160) <= 2, (start, len(in_slice))


def test_a_route_called_once_has_its_one_time_as_every_quantile() -> None:
    timings = _Timings()
    timings.add("GET /changes/catalogue", 12.0, ok=True)
    timings.add("POST /ops", 30.0, ok=True)
    timings.add("POST /ops", 50.0, ok=False)

    figures = _figures(timings, 0.0, 2.0, 0.0, Load(2, 1, 30, 1, 2))

    routes = figures["central_routes"]
    assert isinstance(routes, dict)
    assert routes["GET /changes/catalogue"] == {"calls": 1, "failed": 0, "p50_ms": 12.0, "p95_ms": 12.0, "p99_ms": 12.0}
    assert routes["POST /ops"]["calls"] == 2
    assert routes["POST /ops"]["failed"] == 1
    assert (figures["central_calls"], figures["central_failed_calls"], figures["central_calls_per_s"]) == (3, 1, 1.5)
