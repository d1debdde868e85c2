"""Central's settings: a frozen dataclass from a TOML file, then the environment.

The file is ``--config FILE`` or ``$CENTRAL_CONFIG``; the environment overrides it key by key
(``CENTRAL_DATABASE_URL``, ``CENTRAL_HOST``, ``CENTRAL_PORT``, ``CENTRAL_TIMEZONE``, ``CENTRAL_DATA_DIR``,
``CENTRAL_SECRET_KEY``, ``CENTRAL_TOMBSTONE_DAYS``, ``CENTRAL_PUBLIC_URL``, ``CENTRAL_MAIL_FROM``,
``CENTRAL_SMTP_HOST|PORT|SECURITY|USER``, ``CENTRAL_MAIL_RETRY_S``, ``CENTRAL_PINNED_PROCEDURES``; the SMTP password
only from ``CENTRAL_SMTP_PASSWORD``), so that several workers behind a load balancer share one
file and differ only by what their unit sets. An unknown key or a value of the wrong type is an error naming the
file and the key.
"""

from __future__ import annotations

import os
import secrets
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import TypeAdapter, ValidationError
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from sync.catalogue import Slug
from sync.personal_space import MAX_PINNED

APP_NAME = "central-espace-citoyens"
ENV_CONFIG = "CENTRAL_CONFIG"
DATABASE_FILE = "central.db"
SECRET_FILE = "secret.key"
MAX_CONFIG_BYTES = 64_000

# The TOML key, its type, and the environment variable that overrides it.
_KEYS: dict[str, tuple[type, str]] = {
    "database_url": (str, "CENTRAL_DATABASE_URL"),
    "host": (str, "CENTRAL_HOST"),
    "port": (int, "CENTRAL_PORT"),
    "timezone": (str, "CENTRAL_TIMEZONE"),
    "data_dir": (str, "CENTRAL_DATA_DIR"),
    "secret_key": (str, "CENTRAL_SECRET_KEY"),
    "tombstone_days": (int, "CENTRAL_TOMBSTONE_DAYS"),
    "public_url": (str, "CENTRAL_PUBLIC_URL"),
    "mail_from": (str, "CENTRAL_MAIL_FROM"),
    "smtp_host": (str, "CENTRAL_SMTP_HOST"),
    "smtp_port": (int, "CENTRAL_SMTP_PORT"),
    "smtp_security": (str, "CENTRAL_SMTP_SECURITY"),
    "smtp_user": (str, "CENTRAL_SMTP_USER"),
    "mail_retry_s": (int, "CENTRAL_MAIL_RETRY_S"),
    "pinned_procedures": (list, "CENTRAL_PINNED_PROCEDURES"),
}
# Only from the environment (a unit's secret), never from a file that may be world-readable or committed.
ENV_SMTP_PASSWORD = "CENTRAL_SMTP_PASSWORD"
SMTP_SECURITIES = ("starttls", "ssl", "none")
MAIL_FOLDER = "mail-outbox"
_SLUG = TypeAdapter(Slug)


class ConfigError(Exception):
    """The configuration cannot be used; the message says which file or variable, and which key."""


@dataclass(frozen=True, slots=True)
class CentralSettings:
    data_dir: Path
    # SQLAlchemy URL: "sqlite:///path/central.db" or "postgresql+psycopg://user@host/db". Empty: data_dir's file.
    database_url: str = ""
    host: str = "127.0.0.1"
    port: int = 8000
    # The town's clock: the year of a request number is the town's year when the request arrives.
    timezone: str = "Europe/Paris"
    # Keys the digests of tracking codes, so that a copy of the database alone cannot brute-force them. Every
    # worker of one town must share it. Empty: a key file in data_dir, made at first use.
    secret_key: str = ""
    # How long a deletion stays in the change log (``central changes prune`` removes older ones): a kiosk offline
    # longer than this resyncs the scope whole.
    tombstone_days: int = 90
    # The address the public reaches central at, e.g. "https://demarches.ville.fr": the acknowledgement mail links
    # to {public_url}/suivi/{code}, the account mails to {public_url}/compte/..., and the kiosks' tracking_url is
    # "{public_url}/suivi/{code}". Empty: this server's own http://host:port.
    public_url: str = ""
    # Acknowledgement mails. No smtp_host: each mail is written to data_dir/mail-outbox/ (central mail list|show).
    mail_from: str = "ne-pas-repondre@localhost"
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_security: str = "starttls"  # or "ssl" (port 465), or "none" (a relay on the same machine)
    smtp_user: str = ""
    smtp_password: str = ""  # $CENTRAL_SMTP_PASSWORD only
    # The first retry of a mail the server could not take; each next one waits twice as long (capped at 1 h).
    mail_retry_s: int = 60
    # The procedures the town pins on « Mon accueil » for a logged-in citizen (``sync.personal_space.Dashboard``),
    # by slug, in this order; the environment's is comma-separated. A slug not live (unknown, withdrawn) is skipped.
    pinned_procedures: tuple[str, ...] = ()

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / DATABASE_FILE}"

    @property
    def mail_folder(self) -> Path:
        return self.data_dir / MAIL_FOLDER

    def public_link(self, path: str) -> str:
        """The public address of one of central's pages (``path`` starts with "/"), as the mails link to it."""
        base = self.public_url.rstrip("/") or f"http://{self.host}:{self.port}"
        return f"{base}{path}"

    def tracking_page(self, code: str) -> str:
        """The public follow-up page of the request with this tracking code."""
        return self.public_link(f"/suivi/{code}")

    def secret(self) -> bytes:
        """The tracking-code key: the configured one, else the data folder's key file (created 0600 once)."""
        if self.secret_key:
            return self.secret_key.encode()
        path = self.data_dir / SECRET_FILE
        try:
            return path.read_bytes().strip()
        except FileNotFoundError:
            pass
        self.data_dir.mkdir(parents=True, exist_ok=True)
        fresh = secrets.token_hex(32).encode()
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another worker made it first: use theirs
            return path.read_bytes().strip()
        with os.fdopen(fd, "wb") as fh:
            fh.write(fresh)
            fh.flush()
            os.fsync(fh.fileno())
        return fresh


def _default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME))


def _read_file(path: Path) -> dict[str, Any]:
    try:
        if path.stat().st_size > MAX_CONFIG_BYTES:
            raise ConfigError(f"{path}: larger than {MAX_CONFIG_BYTES} bytes: not a configuration file")
        with path.open("rb") as fh:
            raw = tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"Configuration file not found: {path}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    unknown = sorted(set(raw) - set(_KEYS))
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) {', '.join(unknown)}. Known keys: {', '.join(sorted(_KEYS))}.")
    for key, value in raw.items():
        expected = _KEYS[key][0]
        if not isinstance(value, expected) or isinstance(value, bool):
            raise ConfigError(f"{path}: {key} must be a {expected.__name__}, not {value!r}.")
        if isinstance(value, list):
            if not all(isinstance(item, str) for item in value):
                raise ConfigError(f"{path}: {key} must be a list of strings, not {value!r}.")
            raw[key] = tuple(value)
    if "data_dir" in raw:
        raw["data_dir"] = str((path.resolve().parent / Path(raw["data_dir"]).expanduser()).resolve())
    return raw


def _from_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, (kind, variable) in _KEYS.items():
        text = environ.get(variable, "")
        if not text:
            continue
        if kind is int:
            try:
                values[key] = int(text)
            except ValueError:
                raise ConfigError(f"{variable} must be a whole number, not {text!r}.") from None
        elif kind is list:
            values[key] = tuple(item.strip() for item in text.split(",") if item.strip())
        else:
            values[key] = text
    return values


def load_settings(path: Path | None = None, environ: Mapping[str, str] | None = None) -> CentralSettings:
    """Settings from ``path`` (or ``$CENTRAL_CONFIG``, or none), then the environment's ``CENTRAL_*``."""
    environ = os.environ if environ is None else environ
    if path is None and environ.get(ENV_CONFIG):
        path = Path(environ[ENV_CONFIG])
    values = _read_file(path) if path is not None else {}
    values.update(_from_environment(environ))
    data_dir = Path(values.pop("data_dir")) if "data_dir" in values else _default_data_dir()
    values["smtp_password"] = environ.get(ENV_SMTP_PASSWORD, "")
    settings = CentralSettings(data_dir=data_dir, **values)
    if not 1 <= settings.tombstone_days <= 3650:
        raise ConfigError(f"tombstone_days must be between 1 and 3650, not {settings.tombstone_days}.")
    if not 0 < settings.port < 65536:
        raise ConfigError(f"port must be between 1 and 65535, not {settings.port}.")
    _check_mail(settings)
    _check_pinned(settings.pinned_procedures)
    try:
        settings.zone  # noqa: B018  (the look-up is the check)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"timezone {settings.timezone!r} is not a known time zone, e.g. Europe/Paris.") from None
    try:
        backend = make_url(settings.url).get_backend_name()
    except ArgumentError:
        raise ConfigError("database_url is not a database URL, e.g. postgresql+psycopg://user@host/db") from None
    if backend not in {"sqlite", "postgresql"}:
        raise ConfigError(f"database_url: central runs on SQLite or PostgreSQL, not {backend}.")
    return settings


def _check_mail(settings: CentralSettings) -> None:
    url = settings.public_url
    if url and (not url.startswith(("https://", "http://")) or any(c.isspace() or c in "?#" for c in url)):
        raise ConfigError(f"public_url must be an http(s) address without spaces, query or fragment, not {url!r}.")
    if settings.smtp_security not in SMTP_SECURITIES:
        raise ConfigError(f"smtp_security must be one of {', '.join(SMTP_SECURITIES)}, not {settings.smtp_security!r}.")
    if not 0 < settings.smtp_port < 65536:
        raise ConfigError(f"smtp_port must be between 1 and 65535, not {settings.smtp_port}.")
    if "@" not in settings.mail_from or any(c.isspace() for c in settings.mail_from):
        raise ConfigError(f"mail_from must be an e-mail address, not {settings.mail_from!r}.")
    if not 1 <= settings.mail_retry_s <= 3600:
        raise ConfigError(f"mail_retry_s must be between 1 and 3600, not {settings.mail_retry_s}.")


def _check_pinned(slugs: tuple[str, ...]) -> None:
    if len(slugs) > MAX_PINNED:
        raise ConfigError(f"pinned_procedures: at most {MAX_PINNED} procedures, not {len(slugs)}.")
    for slug in slugs:
        try:
            _SLUG.validate_python(slug)
        except ValidationError:
            raise ConfigError(
                f"pinned_procedures: {slug!r} is not a procedure's slug, e.g. changement-adresse."
            ) from None
    if len(set(slugs)) != len(slugs):
        raise ConfigError("pinned_procedures: a procedure is pinned twice.")
