"""Settings: a frozen dataclass read from a TOML file and the environment. No Qt here.

An operator edits one TOML file. A key we do not know is an error with a clear message (a typo such as
``idle_timout`` must not silently keep the default), and so is a value of the wrong type.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kiosk.paths import resources_dir

APP_NAME = "kiosk-espace-citoyens"
ENV_CONFIG = "KIOSK_CONFIG"
ENV_DATA_DIR = "KIOSK_DATA_DIR"


class ConfigError(Exception):
    """The configuration cannot be used; the message says which file and key, for an operator."""


@dataclass(frozen=True, slots=True)
class Settings:
    town_name: str = "Mairie"
    logo: Path | None = None
    language: str = "fr"
    high_contrast: bool = False
    fullscreen: bool = True
    data_dir: Path = field(default_factory=lambda: _default_data_dir())
    catalogue_dir: Path = field(default_factory=lambda: resources_dir() / "catalogue")
    keyboard: bool = True
    idle_timeout_s: int = 90
    idle_warning_s: int = 30
    kiosk_id: str = "borne-1"
    # Where a visitor may pick documents from: removable-media mount points, a demo folder. Nothing else.
    document_folders: tuple[Path, ...] = ()
    # A printer name for the receipt; "" prints nothing (the receipt is still shown and saved as PDF).
    printer: str = ""
    # The town's clock: every date shown, every slot offered and the year of a reference are in this zone.
    timezone: str = "Europe/Paris"
    # The counter's opening hours (a TOML file) from which appointment slots are offered; none: no slots.
    opening_hours: Path | None = None
    # The follow-up page a phone opens from the confirmation's QR code; "{code}" stands for the tracking code.
    # Empty: no QR code (eight letters alone are no use to a phone).
    tracking_url: str = ""
    # Not read from the file: how long one second of a visible countdown lasts (the idle warning, a blocked
    # tracking field). 1000 at the counter; tests shorten it so that they wait on events, not on the clock.
    second_ms: int = 1000

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def tracking_link(self, code: str) -> str:
        """The follow-up address of the request with this code, or "" when none is configured."""
        return self.tracking_url.replace("{code}", code) if self.tracking_url else ""

    @property
    def database_path(self) -> Path:
        return self.data_dir / "kiosk.db"

    @property
    def session_dir(self) -> Path:
        """Temporary files of the visitor at the terminal; emptied when the session ends."""
        return self.data_dir / "session"


def _default_data_dir() -> Path:
    import platformdirs  # only when no data_dir is configured: it costs the first paint a few milliseconds

    return Path(platformdirs.user_data_dir(APP_NAME))


_TYPES: dict[str, type] = {
    "town_name": str,
    "logo": str,
    "language": str,
    "high_contrast": bool,
    "fullscreen": bool,
    "data_dir": str,
    "catalogue_dir": str,
    "keyboard": bool,
    "idle_timeout_s": int,
    "idle_warning_s": int,
    "kiosk_id": str,
    "document_folders": list,
    "printer": str,
    "timezone": str,
    "opening_hours": str,
    "tracking_url": str,
}
LANGUAGES: tuple[str, ...] = ("fr", "en")


def _check(source: str, raw: dict[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(raw) - set(_TYPES))
    if unknown:
        known = ", ".join(sorted(_TYPES))
        raise ConfigError(f"{source}: unknown key(s) {', '.join(unknown)}. Known keys: {known}.")
    values: dict[str, Any] = {}
    for key, value in raw.items():
        expected = _TYPES[key]
        # bool is an int in Python; a true/false idle timeout is still a mistake
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ConfigError(f"{source}: {key} must be a {expected.__name__}, not {value!r}.")
        values[key] = value
    return values


def _resolve(base: Path, value: str) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else (base / path)


def load_settings(path: Path | None = None, **overrides: Any) -> Settings:
    """Settings from ``path`` (or ``$KIOSK_CONFIG``, or none), then ``$KIOSK_DATA_DIR``, then ``overrides``."""
    path = path or (Path(os.environ[ENV_CONFIG]) if os.environ.get(ENV_CONFIG) else None)
    values: dict[str, Any] = {}
    if path is not None:
        try:
            with path.open("rb") as fh:
                raw = tomllib.load(fh)
        except FileNotFoundError:
            raise ConfigError(f"Configuration file not found: {path}") from None
        except OSError as exc:
            raise ConfigError(f"{path}: cannot be read: {exc.strerror or exc}") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from None
        values = _check(str(path), raw)
        base = path.resolve().parent
        for key in ("logo", "data_dir", "catalogue_dir", "opening_hours"):
            if key in values:
                values[key] = _resolve(base, values[key])
        if "document_folders" in values:
            folders = values["document_folders"]
            if not all(isinstance(f, str) for f in folders):
                raise ConfigError(f"{path}: document_folders must be a list of folder paths.")
            values["document_folders"] = tuple(_resolve(base, f) for f in folders)
    if os.environ.get(ENV_DATA_DIR):
        values["data_dir"] = Path(os.environ[ENV_DATA_DIR])
    values.update(overrides)
    settings = Settings(**values)
    if settings.language not in LANGUAGES:
        raise ConfigError(f"language must be one of {', '.join(LANGUAGES)}, not {settings.language!r}.")
    if settings.idle_timeout_s < 30:
        raise ConfigError("idle_timeout_s must be at least 30 seconds: people need time to read.")
    if not 20 <= settings.idle_warning_s < settings.idle_timeout_s:
        raise ConfigError("idle_warning_s must be at least 20 seconds and shorter than idle_timeout_s.")
    try:
        settings.zone  # noqa: B018  (the look-up is the check)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f'timezone {settings.timezone!r} is not a known time zone; use a name such as "Europe/Paris".'
        ) from None
    if settings.tracking_url and (
        not settings.tracking_url.startswith(("https://", "http://")) or settings.tracking_url.count("{code}") != 1
    ):
        raise ConfigError(
            "tracking_url must be an http(s) address holding {code} once, "
            'e.g. "https://www.ville.fr/suivi?code={code}".'
        )
    return settings


def demo_settings(**overrides: Any) -> Settings:
    """The demo configuration shipped in resources/demo/config.toml."""
    return load_settings(resources_dir() / "demo" / "config.toml", **overrides)


def replace(settings: Settings, **changes: Any) -> Settings:
    return dataclasses.replace(settings, **changes)
