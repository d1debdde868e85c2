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

from tests.unit.catalogue_data import DOMAINS_TOML, MALFORMED_PROCEDURE_TOML, VALID_PROCEDURE_TOML

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
    assert lines[0].startswith(
        f"{bad}: procedure 'inscription-creche': steps[0].fields[1].type: Input should be 'text'"
    )
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
    (tmp_path / "domains.toml").write_text(DOMAINS_TOML, encoding="utf-8")
    (tmp_path / "bad.toml").write_text(MALFORMED_PROCEDURE_TOML, encoding="utf-8")
    result = run("central", "catalogue", "check", tmp_path)

    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith(
        f"{tmp_path / 'bad.toml'}: procedure 'inscription-creche': steps[0].fields[1].type: "
    )


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


def test_kiosk_run_with_a_bad_configuration_names_the_file_and_the_key(tmp_path: Path) -> None:
    """2,200,000 s passed the configuration, then overflowed Qt's timers: it must stop before anything starts."""
    config = tmp_path / "bad.toml"
    config.write_text("idle_timeout_s = 2200000\n", encoding="utf-8")
    data = tmp_path / "data"
    result = run(
        "kiosk", "run", "--config", config, "--windowed", "--exit-when-painted", extra_env={"KIOSK_DATA_DIR": str(data)}
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"kiosk: configuration error: {config}: idle_timeout_s must be between 30 and 86400" in result.stderr
    assert "Traceback" not in result.stderr
    assert not data.exists()  # nothing was started


def test_kiosk_run_with_a_fifo_as_configuration_stops_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    env = {k: v for k, v in os.environ.items() if k not in {"KIOSK_CONFIG", "KIOSK_DATA_DIR"}}
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "run", "--config", str(fifo), "--windowed", "--exit-when-painted"],
        cwd=ROOT,
        env={**env, "QT_QPA_PLATFORM": "offscreen", "KIOSK_DATA_DIR": str(tmp_path / "data")},
        capture_output=True,
        text=True,
        timeout=20,  # a FIFO blocked the reading for ever
        check=False,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"{fifo}: is a FIFO, not a configuration file" in result.stderr


def _strict_json(text: str) -> Any:
    def refuse(name: str) -> None:
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


def test_kiosk_catalogue_list_json_is_always_valid_json(tmp_path: Path) -> None:
    """``min = nan`` was accepted, then printed as NaN, which no JSON reader takes."""
    catalogue = tmp_path / "catalogue"
    (catalogue / "procedures").mkdir(parents=True)
    (catalogue / "domains.toml").write_text(DOMAINS_TOML, encoding="utf-8")
    number = '\n[[steps.fields]]\nid = "age"\ntype = "number"\nlabel = "Âge"\nmin = nan\nmax = inf\n'
    (catalogue / "procedures" / "acte.toml").write_text(VALID_PROCEDURE_TOML + number, encoding="utf-8")
    config = tmp_path / "kiosk.toml"
    config.write_text('catalogue_dir = "catalogue"\n', encoding="utf-8")

    result = run("kiosk", "--config", config, "catalogue", "list", "--json")

    assert result.returncode == 0, result.stderr
    listing = _strict_json(result.stdout)
    assert listing["procedures"] == []
    assert any("steps[0].fields[1].min: Input should be a finite number" in e for e in listing["errors"])


def test_kiosk_catalogue_check_refuses_a_revision_sqlite_cannot_hold(tmp_path: Path) -> None:
    path = tmp_path / "acte.toml"
    path.write_text("revision = 99999999999999999999\n" + VALID_PROCEDURE_TOML, encoding="utf-8")
    result = run("kiosk", "catalogue", "check", path)

    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        f"{path}: procedure 'acte-naissance': revision: Input should be less than or equal to 1000000"
    )


@pytest.mark.parametrize("program", [("kiosk", "catalogue", "check"), ("central", "catalogue", "check")])
def test_catalogue_check_does_not_hang_on_a_fifo(tmp_path: Path, program: tuple[str, ...]) -> None:
    catalogue = tmp_path / "catalogue"
    (catalogue / "procedures").mkdir(parents=True)
    (catalogue / "domains.toml").write_text(DOMAINS_TOML, encoding="utf-8")
    fifo = catalogue / "procedures" / "attente.toml"
    os.mkfifo(fifo)
    env = {k: v for k, v in os.environ.items() if k not in {"KIOSK_CONFIG", "KIOSK_DATA_DIR"}}
    result = subprocess.run(
        [sys.executable, "-m", *program, str(catalogue)],
        cwd=ROOT,
        env={**env, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=20,  # reading the FIFO waited for a writer for ever
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{fifo}: is not a regular file (a FIFO): not read" in result.stdout.splitlines()


def _processes_naming(text: str) -> list[str]:
    """The command lines of the running processes that name ``text`` (read from /proc)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            words = cmdline.read_bytes().decode(errors="replace").split("\0")
        except OSError:  # ended meanwhile
            continue
        if text in words:
            found.append(" ".join(words))
    return found


def test_kiosk_shots_with_a_bad_configuration_says_so_once_and_starts_nothing(tmp_path: Path) -> None:
    """The portrait renderer was started before the settings were read: two errors, and an orphan left rendering."""
    config = tmp_path / "bad.toml"
    config.write_text("idle_timout = 120\n", encoding="utf-8")
    out = str(tmp_path / "shots")

    result = run("kiosk", "shots", "--config", config, "--out", out)

    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"kiosk: configuration error: {config}: unknown key(s) idle_timout.")
    assert _processes_naming(out) == []
    assert not Path(out).exists()
