"""Starting the kiosk: what an operator sees when something on the machine is wrong."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.app import load_logo
from kiosk.config import demo_settings, replace

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]


def test_a_missing_logo_is_said_plainly_and_the_name_is_shown(
    qapp: object, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = replace(demo_settings(), logo=tmp_path / "absent.svg")
    with caplog.at_level(logging.WARNING, logger="kiosk"):
        assert load_logo(settings) is None
    assert any("Logo not found" in r.getMessage() and "absent.svg" in r.getMessage() for r in caplog.records)


def test_an_unreadable_logo_is_said_plainly(qapp: object, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    broken = tmp_path / "logo.png"
    broken.write_bytes(b"not an image")
    with caplog.at_level(logging.WARNING, logger="kiosk"):
        assert load_logo(replace(demo_settings(), logo=broken)) is None
    assert any("cannot be read as an image" in r.getMessage() for r in caplog.records)


def test_no_font_installed_stops_with_a_plain_message(tmp_path: Path) -> None:
    """Qt draws empty boxes without a font and says nothing: the kiosk must say it, not start blank."""
    empty = tmp_path / "fonts.conf"
    empty.write_text('<?xml version="1.0"?><fontconfig><cachedir>' + str(tmp_path) + "</cachedir></fontconfig>")
    env = {**os.environ, "FONTCONFIG_FILE": str(empty), "QT_QPA_PLATFORM": "offscreen", "KIOSK_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "--demo", "run", "--windowed", "--exit-when-painted"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "No font is installed" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_damaged_cache_is_moved_aside_and_rebuilt(tmp_path: Path) -> None:
    from kiosk.app import open_cache

    path = tmp_path / "kiosk.db"
    path.write_bytes(b"this is not a database" * 100)
    engine = open_cache(path)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    finally:
        engine.dispose()
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("kiosk.db.damaged-")]
    assert len(aside) == 1
    assert aside[0].read_bytes().startswith(b"this is not a database")
