"""Where the kiosk finds its shipped resources (themes, icons, translations, demo data)."""

from __future__ import annotations

import os
from pathlib import Path

_SHIPPED = Path(__file__).resolve().parent / "resources"  # inside the package: a wheel ships it


def resources_dir() -> Path:
    """The resources directory: ``KIOSK_RESOURCES`` when set, else the one inside the package."""
    override = os.environ.get("KIOSK_RESOURCES")
    if override:
        return Path(override)
    return _SHIPPED
