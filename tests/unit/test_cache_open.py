"""Opening the local cache at start-up (kiosk.models.db.open_cache) when the machine is not well: a damaged file is
set aside, anything else (a full disk, a read-only folder, an I/O error, another program holding the file) leaves the
file exactly as it is, and says why. Real SQLite files on real (small) disks; the faults come from the kernel."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.errors import CacheFault, CacheUnavailable
from kiosk.models.db import make_engine, migrate, open_cache
from tests.small_disk import SmallDisk, small_disk

ROOT = Path(__file__).resolve().parents[2]
PROBE_ROWS = 300


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[SmallDisk]:
    with small_disk(tmp_path / "disk") as mounted:
        yield mounted


def make_cache(path: Path) -> None:
    """A cache with rows of its own (standing for requests not yet sent), closed as a kiosk that stopped."""
    engine = open_cache(path)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("CREATE TABLE probe (id INTEGER PRIMARY KEY, value TEXT)")
            connection.exec_driver_sql("CREATE INDEX probe_value ON probe (value)")
            for number in range(PROBE_ROWS):
                connection.exec_driver_sql(f"INSERT INTO probe (value) VALUES ('unsent {number:05d}')")
    finally:
        engine.dispose()


def probe_rows(path: Path) -> int:
    engine = open_cache(path)
    try:
        with engine.connect() as connection:
            count: int = connection.exec_driver_sql("SELECT count(*) FROM probe").scalar_one()
            return count
    finally:
        engine.dispose()


def snapshot(folder: Path) -> dict[str, str]:
    """Every file of the folder that holds data, by name, with a hash of its bytes. A failed open may leave an empty
    -wal and a -shm behind: the -shm is an index of the -wal that SQLite rebuilds at every open, it holds no data."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file() and p.stat().st_size > 0 and not p.name.endswith("-shm")
    }


def assert_nothing_set_aside(folder: Path) -> None:
    assert not [p.name for p in folder.iterdir() if ".damaged-" in p.name]


def test_a_file_that_is_not_a_database_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.db"
    path.write_bytes(b"this is not a database" * 100)
    open_cache(path).dispose()
    [aside] = [p for p in tmp_path.iterdir() if p.name.startswith("kiosk.db.damaged-")]
    assert aside.read_bytes().startswith(b"this is not a database")


def test_a_cache_that_fails_its_integrity_check_is_set_aside(tmp_path: Path) -> None:
    """A damaged page that the migration does not read: SQLite opens the file, but its check says it is broken."""
    path = tmp_path / "kiosk.db"
    make_cache(path)
    data = bytearray(path.read_bytes())
    last_page = len(data) - 4096  # a page of the probe table or its index, never read by the migration
    data[last_page + 100 : last_page + 600] = b"\xa5" * 500
    path.write_bytes(bytes(data))

    engine = open_cache(path)
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    finally:
        engine.dispose()
    [aside] = [p for p in tmp_path.iterdir() if p.name.startswith("kiosk.db.damaged-")]
    assert aside.read_bytes() == bytes(data)


def refused_then_kept(path: Path, fault: CacheFault, break_it: Callable[[], None], fix_it: Callable[[], None]) -> str:
    """A cache with rows of its own; ``break_it`` (the machine); the kiosk starts: refused for ``fault``, with every
    file as it was and nothing set aside; ``fix_it``; the kiosk starts: every row is there. Returns what was said."""
    make_cache(path)
    before = snapshot(path.parent)
    break_it()
    with pytest.raises(CacheUnavailable) as info:
        open_cache(path)
    assert info.value.fault is fault
    assert snapshot(path.parent) == before
    assert_nothing_set_aside(path.parent)
    fix_it()
    assert probe_rows(path) == PROBE_ROWS
    assert_nothing_set_aside(path.parent)
    return str(info.value)


def test_a_full_disk_leaves_the_cache_as_it_is_until_space_is_freed(disk: SmallDisk) -> None:
    """The fault the issue found: the healthy cache was renamed *.damaged-* and its unsent requests lost."""
    path = disk.root / "data" / "kiosk.db"
    said = refused_then_kept(path, CacheFault.DISK_FULL, disk.fill, disk.free)
    assert said.startswith(f"The disk holding {path.parent} is full (0 bytes free): the cache {path} cannot be opened")


def test_a_full_disk_before_the_first_start_is_said(disk: SmallDisk) -> None:
    (disk.root / "data").mkdir()
    disk.fill()
    with pytest.raises(CacheUnavailable) as info:
        open_cache(disk.root / "data" / "kiosk.db")
    assert info.value.fault is CacheFault.DISK_FULL


def test_a_read_only_data_folder_is_said_to_be_one(disk: SmallDisk) -> None:
    path = disk.root / "data" / "kiosk.db"
    said = refused_then_kept(path, CacheFault.READ_ONLY, disk.read_only, disk.read_write)
    assert said.startswith(f"The data folder {path.parent} is read-only (its disk is mounted read-only)")


def test_a_data_folder_that_cannot_be_made_on_a_read_only_disk_is_said(disk: SmallDisk) -> None:
    disk.read_only()
    with pytest.raises(CacheUnavailable) as info:
        open_cache(disk.root / "data" / "kiosk.db")
    assert info.value.fault is CacheFault.READ_ONLY


OPEN_IN_A_CHILD = """
import os, resource, signal, sys
from pathlib import Path
from kiosk.errors import CacheUnavailable
from kiosk.models.db import open_cache

how, path, warm = sys.argv[1:]
if how == "file-size-limit":
    # No file may grow beyond 1 KB: every larger write fails with EFBIG, an I/O error (SIGXFSZ is ignored so that
    # the write fails instead of killing the process), while the disk has room to spare.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))
elif how == "nobody":
    open_cache(Path(warm)).dispose()  # as root, once: every module the next call needs is loaded
    os.setgroups([])
    os.setresgid(65534, 65534, 65534)
    os.setresuid(65534, 65534, 65534)
try:
    open_cache(Path(path)).dispose()
except CacheUnavailable as exc:
    print(exc.fault.name)
    print(exc)
else:
    print("opened")
"""


def open_in_a_child(how: str, path: Path, warm: Path) -> tuple[str, str]:
    """open_cache in a process of its own, limited ``how``: the fault's name and the message."""
    result = subprocess.run(
        [sys.executable, "-c", OPEN_IN_A_CHILD, how, str(path), str(warm)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    fault, said, *_ = [*result.stdout.splitlines(), "", ""]
    return fault, said


def test_an_io_error_leaves_the_cache_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "data" / "kiosk.db"
    make_cache(path)
    before = snapshot(path.parent)
    fault, said = open_in_a_child("file-size-limit", path, tmp_path / "warm" / "kiosk.db")
    assert fault == "IO_ERROR", said
    assert said.startswith(f"The disk holding {path.parent} reports an I/O error on the cache {path} (SQLITE_IOERR")
    assert snapshot(path.parent) == before
    assert_nothing_set_aside(path.parent)
    assert probe_rows(path) == PROBE_ROWS


@pytest.mark.skipif(os.geteuid() != 0, reason="changing to another user (nobody) needs root")
def test_a_cache_this_user_may_not_write_is_said_to_be_read_only(tmp_path: Path) -> None:
    """The kiosk runs as a user who cannot write the data folder (it belongs to root): not a damaged cache."""
    with tempfile.TemporaryDirectory(dir="/tmp") as shared:  # pytest's tmp_path is closed to other users
        folder = Path(shared) / "data"
        path = folder / "kiosk.db"
        make_cache(path)
        os.chmod(shared, 0o755)
        os.chmod(folder, 0o755)
        os.chmod(path, 0o644)
        before = snapshot(folder)
        fault, said = open_in_a_child("nobody", path, tmp_path / "warm" / "kiosk.db")
        assert fault == "READ_ONLY", said
        assert said.startswith(f"The data folder {folder} is read-only (the kiosk's user (uid 65534) may not write")
        assert snapshot(folder) == before
        assert_nothing_set_aside(folder)


def test_a_cache_held_by_another_program_is_left_alone(tmp_path: Path) -> None:
    """Another program (a second kiosk, an operator's sqlite3 shell) holds the cache locked: wait, then say so."""
    path = tmp_path / "kiosk.db"
    holders: list[sqlite3.Connection] = []

    def hold() -> None:
        holder = sqlite3.connect(path, isolation_level=None)
        holders.append(holder)
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("INSERT INTO probe (value) VALUES ('held')")

    def let_go() -> None:
        holders[0].execute("ROLLBACK")
        holders[0].close()

    try:
        said = refused_then_kept(path, CacheFault.IN_USE, hold, let_go)
    finally:
        for holder in holders:
            holder.close()
    assert said.startswith(f"The cache {path} is held by another program (SQLITE_BUSY")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_cache_is_readable_by_the_kiosk_user_only(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    path = folder / "kiosk.db"
    engine = open_cache(path)
    try:
        with engine.begin() as connection:  # the -wal and -shm files exist while the kiosk runs
            connection.exec_driver_sql("CREATE TABLE probe (value TEXT)")
        assert mode(folder) == 0o700
        for name in ("kiosk.db", "kiosk.db-wal", "kiosk.db-shm"):
            assert mode(folder / name) == 0o600, name
    finally:
        engine.dispose()


def test_an_existing_world_readable_cache_is_made_private(tmp_path: Path) -> None:
    """A kiosk installed before this check: folder 0755, database 0644, a -wal left by a power cut."""
    folder = tmp_path / "data"
    folder.mkdir(mode=0o755)
    path = folder / "kiosk.db"
    engine = make_engine(path)
    migrate(engine)
    engine.dispose()
    os.chmod(folder, 0o755)
    os.chmod(path, 0o644)
    (folder / "kiosk.db-wal").touch(mode=0o644)
    os.chmod(folder / "kiosk.db-wal", 0o644)

    open_cache(path).dispose()
    assert mode(folder) == 0o700
    assert mode(path) == 0o600
    assert all(mode(p) == 0o600 for p in folder.iterdir() if p.name.startswith("kiosk.db"))


def test_a_data_folder_shared_by_every_user_is_not_closed(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """data_dir = "/tmp" by mistake: closing it to other users would break the machine; the cache is still 0600."""
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    open_cache(shared / "kiosk.db").dispose()
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert mode(shared / "kiosk.db") == 0o600
    assert "a folder shared by every user" in caplog.text
