"""Where the kiosk finds its shipped resources (themes, icons, translations, demo data, catalogue)."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
# An installed wheel carries the top-level resources/ folder inside the package (pyproject.toml maps it);
# a checkout (editable install) has it beside the package.
_CANDIDATES = (_PACKAGE / "resources", _PACKAGE.parent / "resources")


@cache
def _shipped() -> Path:
    for candidate in _CANDIDATES:
        if (candidate / "themes").is_dir():
            return candidate
    return _CANDIDATES[0]


def resources_dir() -> Path:
    """The resources directory: ``KIOSK_RESOURCES`` when set, else the one shipped with the kiosk."""
    override = os.environ.get("KIOSK_RESOURCES")
    if override:
        return Path(override)
    return _shipped()
