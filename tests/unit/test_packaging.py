"""A wheel of the project installs a kiosk that runs away from this checkout: its resources (catalogue, themes,
icons, translations, demo) and its migrations travel inside the package."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# No network, no index, no user configuration: the build and the install use this environment only.
OFFLINE = ["--no-deps", "--no-index", "--disable-pip-version-check"]
PIP_ENV = {**os.environ, "PIP_CONFIG_FILE": os.devnull, "PIP_USER": "0"}


def _project_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if listed.returncode != 0 or not listed.stdout:
        pytest.skip(f"the project's files are listed by git, which cannot here: {listed.stderr.strip()}")
    return [name for name in listed.stdout.splitlines() if (ROOT / name).is_file()]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built from a copy of the project's files (not the working directory, which holds caches and a venv),
    with the pinned setuptools of the dev environment and no network."""
    source = tmp_path_factory.mktemp("source")
    for name in _project_files():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", *OFFLINE, "--no-build-isolation", "--quiet", "-w", str(out), "."],
        cwd=source,
        env=PIP_ENV,
        check=True,
        capture_output=True,
        timeout=240,
    )
    (built,) = out.glob("*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The wheel unpacked into a directory of its own, first on the path of a child Python (whose other
    dependencies come from this environment)."""
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", *OFFLINE, "--quiet", "--target", str(target), str(wheel)],
        env=PIP_ENV,
        check=True,
        capture_output=True,
        timeout=240,
    )
    return {**os.environ, "PYTHONPATH": str(target), "QT_QPA_PLATFORM": "offscreen", "KIOSK_RESOURCES": ""}


def test_the_wheel_carries_the_resources_and_the_migrations(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    # The top-level resources/ folder travels inside the package (pyproject.toml maps it there).
    shipped = {f"kiosk/{name}" for name in _project_files() if name.startswith("resources/")}
    assert shipped, "no resources in the project?"
    assert shipped <= names, sorted(shipped - names)[:5]
    assert "kiosk/resources/translations/kiosk_en.qm" in names  # the compiled translation
    assert {"kiosk/models/migrations/env.py", "kiosk/models/migrations/versions/0001_catalogue.py"} <= names


def test_every_package_of_the_tree_is_listed_for_the_wheel() -> None:
    """pyproject.toml lists the packages (so that resources/ can be mapped into kiosk/): a new package left
    out of the list would be missing from the wheel, and the installed kiosk would fail on its import."""
    import tomllib

    from setuptools import find_packages  # type: ignore[import-untyped]  # no stubs; used here only

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = set(find_packages(str(ROOT), include=["kiosk*", "sync*", "central*"]))
    assert found | {"kiosk.resources"} == listed, sorted(found ^ (listed - {"kiosk.resources"}))


def _run(env: dict[str, str], cwd: Path, *code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *code], cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_the_installed_kiosk_runs_from_anywhere(installed: dict[str, str], tmp_path: Path) -> None:
    env = {**installed, "KIOSK_DATA_DIR": str(tmp_path / "data")}
    where = _run(env, tmp_path, "-c", "import kiosk; print(kiosk.__file__)")
    assert where.stdout.startswith(installed["PYTHONPATH"]), where.stdout + where.stderr  # not this checkout

    check = _run(env, tmp_path, "-m", "kiosk", "catalogue", "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "0 error(s)" in check.stdout

    started = _run(env, tmp_path, "-m", "kiosk", "--demo", "run", "--windowed", "--exit-when-painted")
    assert started.returncode == 0, started.stdout + started.stderr
    assert "home-painted" in started.stdout

    migrated = _run(
        env,
        tmp_path,
        "-c",
        "import sys; from pathlib import Path; from kiosk.models.db import open_cache; "
        "from sqlalchemy import inspect; "
        "print(sorted(inspect(open_cache(Path(sys.argv[1]))).get_table_names()))",
        str(tmp_path / "cache.db"),
    )
    assert migrated.returncode == 0, migrated.stderr
    assert "'procedure'" in migrated.stdout
    assert "'request'" in migrated.stdout
