"""``central bench``: central's latency under the load of a town's kiosks, on PostgreSQL.

500 simulated kiosks each pull the requests and catalogue changes every 30 s (cursor and ETag, as the kiosk's pull
engine does: a poll with nothing new is a 304), while 10 requests a second are submitted (the file's ``PUT`` by
hash, then the op), for 60 s, against ``central serve --workers 2`` on a fresh PostgreSQL database (created, then
dropped). Each kiosk is synced once before the clock starts, so the polls measured are the steady ones.

The load is open: each call starts at its planned time whatever the answers before it, so a slow central gets
more calls in flight, not fewer. Target: ``central_p99_ms`` (the p99 of every call's time to its whole answer)
<= 100 ms. The figures go to stdout as one JSON line with ``--json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final

from sync.protocol import (
    API_PREFIX,
    CODE_ALPHABET,
    IDEMPOTENCY_KEY,
    MAX_PAGE,
    Address,
    ChangeScope,
    DocumentRef,
    ProcedureRef,
    Requester,
    SubmitBody,
    SubmitOp,
    canonical_json,
)

if TYPE_CHECKING:
    import requests

__all__ = ["add_bench_command", "run_bench"]

# Where the PostgreSQL server is found when --database-url is not given (the tests' variable as a fallback).
URL_ENV: Final = ("CENTRAL_BENCH_POSTGRES_URL", "CENTRAL_TEST_POSTGRES_URL")
CENTRAL: Final = str(Path(sys.executable).parent / "central")
PROCEDURE: Final = ProcedureRef(slug="acte-de-naissance", revision=1)  # of the demo catalogue (central seed --demo)
FILE_BYTES: Final = 20_000
_TIMEOUT: Final = (3.05, 30.0)
_SCOPES: Final[tuple[ChangeScope, ...]] = ("requests", "catalogue")


def add_bench_command(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    bench = sub.add_parser("bench", help="central's latency under simulated kiosks, on a fresh PostgreSQL database")
    bench.add_argument(
        "--database-url",
        help=f"a PostgreSQL server where a database may be created and dropped (default: ${URL_ENV[0]}, "
        f"then ${URL_ENV[1]})",
    )
    bench.add_argument("--seconds", type=float, default=60.0, help="how long the load lasts (default: 60)")
    bench.add_argument("--kiosks", type=int, default=500, help="simulated kiosks (default: 500)")
    bench.add_argument("--poll-seconds", type=float, default=30.0, help="each kiosk's pull period (default: 30)")
    bench.add_argument("--submits", type=float, default=10.0, help="requests submitted per second (default: 10)")
    bench.add_argument("--workers", type=int, default=2, help="central serve --workers (default: 2)")
    bench.add_argument("--json", action="store_true", help="print the figures as one JSON line")
    bench.set_defaults(handler=_bench)


def _bench(args: argparse.Namespace) -> int:
    from sqlalchemy.engine import make_url  # here: every other command of the CLI starts without it

    url = args.database_url or next((os.environ[name] for name in URL_ENV if os.environ.get(name)), None)
    if not url or not make_url(url).get_backend_name().startswith("postgresql"):
        raise ValueError(f"central bench needs a PostgreSQL server: --database-url or ${URL_ENV[0]}")
    if args.seconds <= 0 or args.kiosks < 1 or args.poll_seconds <= 0 or args.submits < 0 or args.workers < 1:
        raise ValueError("the durations, the kiosks and the workers must be positive")
    load = Load(args.seconds, args.kiosks, args.poll_seconds, args.submits, args.workers)
    figures = run_bench(url, load)
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:>32}  {value}")
    return 0


@dataclass(frozen=True, slots=True)
class Load:
    seconds: float
    kiosks: int
    poll_seconds: float
    submits_per_second: float
    workers: int


@dataclass
class _Kiosk:
    """A simulated kiosk: its token and where its pulls stand (cursor and kept ETag per scope)."""

    name: str
    token: str
    cursors: dict[str, str | None] = field(default_factory=lambda: dict.fromkeys(_SCOPES))
    etags: dict[str, str | None] = field(default_factory=lambda: dict.fromkeys(_SCOPES))
    lock: threading.Lock = field(default_factory=threading.Lock)  # one pull at a time, as the pull engine


@dataclass
class _Timings:
    """Every measured call: its route and its milliseconds; and the calls that failed."""

    by_route: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    failures: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, route: str, ms: float, ok: bool) -> None:
        with self.lock:
            self.by_route[route].append(ms)
            if not ok:
                self.failures[route] += 1


def run_bench(admin_url: str, load: Load) -> dict[str, float | int | dict[str, dict[str, float]]]:
    """Create a database on ``admin_url``'s server, run ``load`` against central on it, drop it; the figures."""
    with _fresh_database(admin_url) as url, tempfile.TemporaryDirectory(prefix="central-bench-") as scratch:
        env = {k: v for k, v in os.environ.items() if not k.startswith("CENTRAL_")}
        env.update(CENTRAL_DATABASE_URL=url, CENTRAL_DATA_DIR=scratch, CENTRAL_TIMEZONE="Europe/Paris")
        _central(env, "db", "upgrade")
        _central(env, "seed", "--demo")  # the demo catalogue: what the kiosks pull
        kiosks = _register(url, load.kiosks)
        with _serving(env, Path(scratch) / "central.log", load.workers) as base:
            plan = _plan(kiosks, load)
            polling = list({id(kiosk): kiosk for _, kind, kiosk in plan if kind == "pull"}.values())
            threads = min(256, 16 + int(load.submits_per_second * 4 + load.kiosks / load.poll_seconds * 4))
            with ThreadPoolExecutor(max_workers=threads) as pool:
                warm = _Timings()  # the kiosks that poll in the bench get in step first: their polls are steady
                list(pool.map(lambda kiosk: _pull(base, kiosk, warm), polling))
                if sum(warm.failures.values()):
                    raise RuntimeError(f"the kiosks could not sync before the bench: {dict(warm.failures)}")
                timings = _Timings()
                started, ended, late = _drive(pool, base, plan, timings)
    return _figures(timings, started, ended, late, load)


def _register(url: str, count: int) -> list[_Kiosk]:
    from central.db import make_engine, make_session_factory
    from central.kiosks import KioskRegistry

    engine = make_engine(url)
    try:
        registry = KioskRegistry(make_session_factory(engine))
        return [_Kiosk(name, registry.add(name)) for name in (f"bench-{n:04d}" for n in range(count))]
    finally:
        engine.dispose()


def _plan(kiosks: list[_Kiosk], load: Load) -> list[tuple[float, str, _Kiosk]]:
    """(seconds from the start, "pull" or "submit", the kiosk) of every call, in time order."""
    rng = random.Random(9)
    plan: list[tuple[float, str, _Kiosk]] = []
    for n, kiosk in enumerate(kiosks):  # the kiosks' polls spread evenly over a period
        at = n * load.poll_seconds / len(kiosks)
        while at < load.seconds:
            plan.append((at, "pull", kiosk))
            at += load.poll_seconds
    if load.submits_per_second > 0:
        at = 0.0
        while at < load.seconds:
            plan.append((at, "submit", rng.choice(kiosks)))
            at += 1 / load.submits_per_second
    return sorted(plan, key=lambda item: item[0])


def _drive(
    pool: ThreadPoolExecutor, base: str, plan: list[tuple[float, str, _Kiosk]], timings: _Timings
) -> tuple[float, float, float]:
    """Start each planned call at its time; wait for all. (start, end, the latest start behind its plan, s)."""
    futures: list[Future[None]] = []
    late = 0.0
    start = time.perf_counter()
    for at, kind, kiosk in plan:
        delay = start + at - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        late = max(late, -delay)
        work = _pull if kind == "pull" else _submit
        futures.append(pool.submit(work, base, kiosk, timings))
    for future in futures:
        future.result()
    return start, time.perf_counter(), late


_local = threading.local()


def _session() -> requests.Session:
    """One HTTP session (kept-alive connection) per worker thread."""
    import requests

    session: requests.Session | None = getattr(_local, "session", None)
    if session is None:
        session = requests.Session()
        session.trust_env = False
        _local.session = session
    return session


def _call(
    timings: _Timings, route: str, method: str, url: str, ok: set[int], **kwargs: object
) -> requests.Response | None:
    import requests

    start = time.perf_counter()
    try:
        response = _session().request(method, url, timeout=_TIMEOUT, allow_redirects=False, **kwargs)  # type: ignore[arg-type]
    except requests.RequestException:
        timings.add(route, (time.perf_counter() - start) * 1000, ok=False)
        return None
    timings.add(route, (time.perf_counter() - start) * 1000, ok=response.status_code in ok)
    return response


def _pull(base: str, kiosk: _Kiosk, timings: _Timings) -> None:
    """Each scope as the kiosk's pull engine asks for it: pages until nothing more, the ETag kept on a page
    that changed nothing (the next poll is then a 304)."""
    auth = {"Authorization": f"Bearer {kiosk.token}"}
    with kiosk.lock:
        for scope in _SCOPES:
            for _ in range(20):  # a bound: a few pages at most in this bench
                cursor, etag = kiosk.cursors[scope], kiosk.etags[scope]
                params: dict[str, str | int] = {"limit": MAX_PAGE, **({} if cursor is None else {"cursor": cursor})}
                headers = {**auth, **({} if etag is None else {"If-None-Match": etag})}
                url = f"{base}{API_PREFIX}/changes/{scope}"
                response = _call(
                    timings, f"GET /changes/{scope}", "GET", url, {200, 304}, params=params, headers=headers
                )
                if response is None or response.status_code != 200:
                    break
                page = response.json()
                following = page["next_cursor"]
                unchanged = not page["has_more"] and following == cursor
                kiosk.cursors[scope] = following
                kiosk.etags[scope] = response.headers.get("ETag") if unchanged else None
                if unchanged:
                    break


def _submit(base: str, kiosk: _Kiosk, timings: _Timings) -> None:
    """A request as a kiosk sends it: its file by hash, then the submit op."""
    content = b"%PDF-1.7\n" + secrets.token_bytes(FILE_BYTES - 9)
    sha256 = hashlib.sha256(content).hexdigest()
    auth = {"Authorization": f"Bearer {kiosk.token}"}
    put = _call(
        timings,
        "PUT /blobs/{sha256}",
        "PUT",
        f"{base}{API_PREFIX}/blobs/{sha256}",
        {200, 201},
        data=content,
        headers={**auth, "Content-Type": "application/pdf"},
    )
    if put is None or put.status_code not in {200, 201}:
        return
    op = _submit_op(kiosk, content, sha256)
    headers = {**auth, IDEMPOTENCY_KEY: str(op.op_id), "Content-Type": "application/json"}
    _call(timings, "POST /ops", "POST", f"{base}{API_PREFIX}/ops", {200, 201}, data=canonical_json(op), headers=headers)


def _submit_op(kiosk: _Kiosk, content: bytes, sha256: str) -> SubmitOp:
    client = uuid.uuid4()
    now = dt.datetime.now(dt.UTC)
    number = secrets.randbelow(1_000_000)
    return SubmitOp(
        op_id=uuid.uuid4(),
        kind="request.submit",
        aggregate_id=client,
        body=SubmitBody(
            client_uuid=client,
            reference=f"{kiosk.name}-{now.year}-{number:06d}",
            tracking_code="".join(secrets.choice(CODE_ALPHABET) for _ in range(8)),
            channel="kiosk",
            procedure=PROCEDURE,
            answers={"concerne": "moi", "nom_naissance": "Martin", "prenoms": "Léa Anne"},
            requester=Requester(
                civility="madame",
                last_name="Martin",
                first_name="Léa",
                address=Address(line="12 rue de la Mairie", postcode="44000", city="Nantes"),
                email="lea.martin@example.org",
                phone="0612345678",
                notify_by="email",
            ),
            appointment=None,
            documents=[
                DocumentRef(
                    field_id="piece",
                    position=1,
                    filename="piece.pdf",
                    media_type="application/pdf",
                    size=len(content),
                    sha256=sha256,
                )
            ],
            submitted_at=now,
        ),
    )


def _figures(
    timings: _Timings, started: float, ended: float, late: float, load: Load
) -> dict[str, float | int | dict[str, dict[str, float]]]:
    every = [ms for samples in timings.by_route.values() for ms in samples]
    if not every:
        raise RuntimeError("no call was made: the run is shorter than the first call's time")
    per_route = {
        route: {
            "calls": len(samples),
            "failed": timings.failures.get(route, 0),
            "p50_ms": round(_quantile(samples, 50), 1),
            "p95_ms": round(_quantile(samples, 95), 1),
            "p99_ms": round(_quantile(samples, 99), 1),
        }
        for route, samples in sorted(timings.by_route.items())
    }
    elapsed = ended - started
    return {
        "central_p99_ms": round(_quantile(every, 99), 1),
        "central_p95_ms": round(_quantile(every, 95), 1),
        "central_p50_ms": round(_quantile(every, 50), 1),
        "central_calls": len(every),
        "central_failed_calls": sum(timings.failures.values()),
        "central_calls_per_s": round(len(every) / elapsed, 1),
        "central_late_start_ms": round(late * 1000, 1),  # how far behind its plan the driver started a call
        "central_kiosks": load.kiosks,
        "central_seconds": round(elapsed, 1),
        "central_routes": per_route,
    }


def _quantile(samples: list[float], percent: int) -> float:
    if len(samples) == 1:  # a route called once (a short run): its one time is every quantile
        return samples[0]
    return statistics.quantiles(samples, n=100, method="inclusive")[percent - 1]


@contextmanager
def _fresh_database(admin_url: str) -> Iterator[str]:
    """A new database on the server of ``admin_url``, dropped after (whatever happened)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = make_url(admin_url)
    name = f"central_bench_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield admin.set(database=name).render_as_string(hide_password=False)
        finally:
            with engine.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        engine.dispose()


def _central(env: dict[str, str], *args: str) -> None:
    done = subprocess.run([CENTRAL, *args], env=env, capture_output=True, text=True, timeout=300, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"central {' '.join(args)} failed: {done.stderr[-2000:]}")


@contextmanager
def _serving(env: dict[str, str], log: Path, workers: int) -> Iterator[str]:
    """``central serve --workers N`` on 127.0.0.1 and a free port: its base URL while it runs."""
    import requests

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    command = [CENTRAL, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    with log.open("wb") as sink:
        process = subprocess.Popen(command, env=env, stdout=sink, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"central serve exited with {process.returncode}: see {log}")
            try:
                if requests.get(f"{base}{API_PREFIX}/health", timeout=1).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("central serve did not answer within 60 s")
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
