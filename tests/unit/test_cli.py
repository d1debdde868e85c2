"""The real command lines, ``python -m kiosk`` and ``python -m central``, in a subprocess."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.unit.catalogue_data import MALFORMED_PROCEDURE_TOML, VALID_PROCEDURE_TOML

ROOT = Path(__file__).resolve().parents[2]
SUMMARY = re.compile(r"(\d+) domain\(s\), (\d+) valid procedure\(s\), (\d+) error\(s\) in (\d+) file\(s\)\.")


def run(module: str, *args: str | Path, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"KIOSK_CONFIG", "KIOSK_DATA_DIR", "KIOSK_RESOURCES"}}
    env.update({"QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8", **(extra_env or {})})
    return subprocess.run(
        [sys.executable, "-m", module, *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=50,
        check=False,
    )


@pytest.fixture(scope="module")
def listing() -> dict[str, Any]:
    result = run("kiosk", "catalogue", "list", "--json")
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_kiosk_catalogue_check_passes_on_the_demo_catalogue() -> None:
    result = run("kiosk", "catalogue", "check")

    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    match = SUMMARY.fullmatch(lines[0])
    assert match, lines[0]
    domains, procedures, errors, files = map(int, match.groups())
    assert errors == 0
    assert domains >= 6
    assert procedures >= 15
    assert files == procedures + 1  # domains.toml and one file per procedure, all valid


def test_kiosk_catalogue_check_reports_a_malformed_file(tmp_path: Path) -> None:
    bad = tmp_path / "inscription-creche.toml"
    bad.write_text(MALFORMED_PROCEDURE_TOML, encoding="utf-8")
    result = run("kiosk", "catalogue", "check", bad)

    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{bad}: steps[0].fields[1].type: Input should be 'text'")
    assert lines[1:] == ["0 domain(s), 0 valid procedure(s), 1 error(s) in 1 file(s)."]


def test_kiosk_catalogue_check_accepts_a_valid_file_alone(tmp_path: Path) -> None:
    good = tmp_path / "acte.toml"
    good.write_text(VALID_PROCEDURE_TOML, encoding="utf-8")
    result = run("kiosk", "catalogue", "check", good)

    assert result.returncode == 0
    assert result.stdout == "0 domain(s), 1 valid procedure(s), 0 error(s) in 1 file(s).\n"


def test_kiosk_catalogue_check_reports_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "absent.toml"
    result = run("kiosk", "catalogue", "check", missing)

    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == f"{missing}: file not found"
    assert "1 error(s) in 1 file(s)." in result.stdout


def test_kiosk_catalogue_list_json_describes_the_demo_catalogue(listing: dict[str, Any]) -> None:
    procedures: list[dict[str, Any]] = listing["procedures"]
    slugs = {p["slug"] for p in procedures}

    assert listing["errors"] == []
    assert len(procedures) >= 15
    assert len({p["domain"] for p in procedures}) >= 6
    assert {p["domain"] for p in procedures} <= {d["slug"] for d in listing["domains"]}
    assert Counter(p["access"] for p in procedures)["personal_space"] >= 3
    assert sum(p["quota"] is not None for p in procedures) >= 2
    assert sum(p["appointment"] != "none" for p in procedures) >= 3
    with_attachment = [p for p in procedures if any(f["type"] == "attachment" for s in p["steps"] for f in s["fields"])]
    assert len(with_attachment) >= 4
    assert {"changement-adresse", "changement-telephone", "changement-courriel"} <= slugs


def test_the_three_contact_procedures_share_one_domain(listing: dict[str, Any]) -> None:
    by_slug = {p["slug"]: p for p in listing["procedures"]}
    contact = ("changement-adresse", "changement-telephone", "changement-courriel")
    domains = {by_slug[slug]["domain"] for slug in contact}
    assert len(domains) == 1
    titles = {d["slug"]: d["title"]["fr"] for d in listing["domains"]}
    assert titles[domains.pop()] == "Coordonnées"


def test_a_config_with_an_unknown_key_is_a_one_line_error(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text("idle_timout = 120\n", encoding="utf-8")
    result = run("kiosk", "--config", config, "catalogue", "check")

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"kiosk: configuration error: {config}: unknown key(s) idle_timout. Known keys: ")


def test_kiosk_config_from_the_environment_is_used(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text("high_contrast = 1\n", encoding="utf-8")
    result = run("kiosk", "catalogue", "check", extra_env={"KIOSK_CONFIG": str(config)})

    assert result.returncode == 2
    assert result.stderr == f"kiosk: configuration error: {config}: high_contrast must be a bool, not 1.\n"


def test_central_catalogue_check_passes_on_the_demo_catalogue() -> None:
    result = run("central", "catalogue", "check", "resources/catalogue")

    assert result.returncode == 0, result.stdout + result.stderr
    assert SUMMARY.fullmatch(result.stdout.strip())
    assert "0 error(s)" in result.stdout


def test_central_catalogue_check_fails_on_a_bad_directory(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text(MALFORMED_PROCEDURE_TOML, encoding="utf-8")
    result = run("central", "catalogue", "check", tmp_path)

    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith(f"{tmp_path / 'bad.toml'}: steps[0].fields[1].type: ")


def test_kiosk_run_without_a_screen_says_so_plainly(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}}
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "--demo", "run"],
        cwd=ROOT,
        env={**env, "KIOSK_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=50,
        check=False,
    )
    assert result.returncode == 2
    assert "no screen found" in result.stderr
    assert "Traceback" not in result.stderr


def test_kiosk_run_paints_the_home_screen_and_can_exit(tmp_path: Path) -> None:
    result = run(
        "kiosk", "--demo", "run", "--windowed", "--exit-when-painted", extra_env={"KIOSK_DATA_DIR": str(tmp_path)}
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "home-painted"
