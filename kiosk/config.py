"""Settings: a frozen dataclass read from a TOML file and the environment. No Qt here.

An operator edits one TOML file. A key we do not know is an error with a clear message (a typo such as
``idle_timout`` must not silently keep the default), and so is a value of the wrong type.
"""

from __future__ import annotations

import dataclasses
import os
import re
import stat
import tomllib
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kiosk.paths import resources_dir

APP_NAME = "kiosk-espace-citoyens"
ENV_CONFIG = "KIOSK_CONFIG"
ENV_DATA_DIR = "KIOSK_DATA_DIR"
ENV_AGENT_CODE_HASH = "KIOSK_AGENT_CODE_HASH"
# A configuration file is a few hundred bytes; anything much larger is not one (and is not read into memory).
MAX_CONFIG_BYTES = 64_000
# Bounds of what an operator sets. Qt's timers count milliseconds in a signed 32-bit int (24.8 days): a day is far
# below that, and far beyond any visitor's pause. The warning needs time to be read (at least 20 s).
IDLE_TIMEOUT_S = (30, 86_400)
IDLE_WARNING_MIN_S = 20
# A kiosk's id prefixes every request reference ("borne-1-2026-000042", 60 characters at most in the cache) and
# names the kiosk to central: lower case only, so that "Borne-1" and "borne-1" cannot be two kiosks.
KIOSK_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
MAX_NAME_CHARS = 100  # the town's name fits the header; a printer's name
MAX_URL_CHARS = 2_000
MAX_PATH_CHARS = 4_096
MAX_DOCUMENT_FOLDERS = 32
# A device token as ``central kiosk add`` prints it: one line of visible ASCII, no spaces.
DEVICE_TOKEN = re.compile(r"[\x21-\x7e]{16,512}")
MAX_TOKEN_FILE_BYTES = 4_096
# A cancelled request is kept a day at least (its visitor may come back to check), a year at most (personal data).
RETENTION_DAYS = (1, 365)
# The argon2id hash line `kiosk agent-code` prints (PHC string format; salt and hash in unpadded base64).
# Its hash part is 32 bytes at least (43 characters): argon2 reads a line cut short, or with stray characters at its
# end, as a shorter hash, so the whole form is matched here.
ARGON2ID_HASH = re.compile(
    r"\$argon2id\$v=19\$m=(?P<m>[0-9]{1,10}),t=(?P<t>[0-9]{1,10}),p=(?P<p>[0-9]{1,3})"
    r"\$[A-Za-z0-9+/]{11,88}\$[A-Za-z0-9+/]{43,88}"
)


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
    # Days a cancelled request (answers, files, history) stays in the cache once central has it; then it is purged.
    retention_days: int = 30
    # The town hall's central service this kiosk syncs with, and the file holding this kiosk's device token (read
    # when the sync starts, never kept in the settings: they are logged and shown in error messages). Both or
    # neither: without them the kiosk keeps every request in its outbox.
    central_url: str = ""
    central_token_file: Path | None = None
    # The argon2 hash of the counter agents' code (``kiosk agent-code`` prints it), which opens "Espace agent" by a
    # long press on the town's name. None: no agent screen at this kiosk.
    agent_code_hash: str | None = None
    # Not read from the file: seconds between two syncs when nothing wakes the sync earlier (tests shorten it).
    sync_idle_s: float = 30.0
    # Not read from the file: seconds between two pulls of what central changed (tests shorten it).
    sync_pull_s: float = 60.0
    # Not read from the file: how long one second of a visible countdown lasts (the idle warning, a blocked
    # tracking field, the wait after a wrong agent code) and of the long press that opens "Espace agent". 1000 at
    # the counter; tests shorten it so that they wait on events, not on the clock.
    second_ms: int = 1000

    @property
    def syncs(self) -> bool:
        """Whether this kiosk sends its requests to central."""
        return bool(self.central_url) and self.central_token_file is not None

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
    "retention_days": int,
    "central_url": str,
    "central_token_file": str,
    "agent_code_hash": str,
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


def _resolve(source: str, key: str, base: Path, value: str) -> Path:
    """``value`` as a path, relative to the configuration's folder; a value that cannot name a file is refused here,
    not when the kiosk first uses it (an empty string would otherwise mean the configuration's own folder)."""
    try:
        if not value.strip() or "\0" in value or len(value) > MAX_PATH_CHARS:
            raise ValueError(value)
        path = Path(value).expanduser()
    except (ValueError, RuntimeError):  # RuntimeError: "~someone" names no known user
        raise ConfigError(f"{source}: {key} must be a path to a file or folder, not {value!r}.") from None
    return path if path.is_absolute() else (base / path)


def _read_config_file(path: Path) -> bytes:
    """The bytes of the configuration file, which must be a regular file of at most MAX_CONFIG_BYTES: a FIFO would
    block the start for ever, and a device or a huge file would fill the memory. Opened non-blocking (a FIFO then
    opens at once), and checked on the open file, not on its name (which could change in between)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise ConfigError(f"Configuration file not found: {path}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        kind = _kind_of(info.st_mode)
        if kind != "file":
            raise ConfigError(f"{path}: is a {kind}, not a configuration file (a TOML file).")
        data = b"" if info.st_size > MAX_CONFIG_BYTES else _read_at_most(fd, MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    size = max(info.st_size, len(data))
    if size > MAX_CONFIG_BYTES:
        raise ConfigError(f"{path}: {size} bytes is too large for a configuration file ({MAX_CONFIG_BYTES} at most).")
    return data


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size < limit and (chunk := os.read(fd, limit - size)):
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _kind_of(mode: int) -> str:
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "socket" if stat.S_ISSOCK(mode) else "special file"


def _found_at(path: Path) -> str:
    """What ``path`` names, without opening it: "missing", "file", "folder", "FIFO"..."""
    try:
        return _kind_of(path.stat().st_mode)
    except (FileNotFoundError, NotADirectoryError):
        return "missing"
    except OSError as exc:
        return f"unreachable path ({exc.strerror or type(exc).__name__})"


def _is_a(path: Path, wanted: str) -> str:
    """Nothing ("") when ``path`` is a ``wanted`` ("file" or "folder"), else what it is instead, for a message."""
    found = _found_at(path)
    if found == wanted:
        return ""
    return f"{path} does not exist" if found == "missing" else f"{path} is a {found}"


def _text_problem(key: str, value: str, longest: int, *, required: bool) -> str | None:
    if len(value) > longest or (required and not value.strip()):
        return f"{key} must be {1 if required else 0} to {longest} characters, not {len(value)}."
    # Control characters break a line; zero-width and bidi-override characters make a text look empty or read
    # backwards on screen ("U+202E"): none belongs in a name.
    if not value.isprintable():
        return f"{key} must hold visible characters only (no control, invisible or direction-changing character)."
    return None


def _timezone_problem(settings: Settings) -> str | None:
    try:
        settings.zone  # noqa: B018  (the look-up is the check)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return f'timezone {settings.timezone!r} is not a known time zone; use a name such as "Europe/Paris".'
    return None


def _tracking_url_problem(settings: Settings) -> str | None:
    url = settings.tracking_url
    if not url:
        return None
    if (
        len(url) > MAX_URL_CHARS
        or not url.startswith(("https://", "http://"))
        or url.count("{code}") != 1
        or any(c.isspace() or not c.isprintable() for c in url)
    ):
        return (
            f"tracking_url must be an http(s) address of at most {MAX_URL_CHARS} characters, without spaces, "
            'holding {code} once, e.g. "https://www.ville.fr/suivi?code={code}".'
        )
    return None


def _central_url_problem(settings: Settings) -> str | None:
    url = settings.central_url
    if not url:
        return None if settings.central_token_file is None else "central_url must be set with central_token_file."
    parts = urllib.parse.urlsplit(url) if url.isascii() else None
    if (
        parts is None
        or len(url) > MAX_URL_CHARS
        or parts.scheme not in {"http", "https"}
        or not parts.hostname
        or parts.username is not None
        or parts.password is not None
        or parts.query
        or parts.fragment
        or "?" in url
        or "#" in url
        or any(c.isspace() or not c.isprintable() for c in url)
    ):
        # No credentials in it (the URL is logged), no query (the API's paths are added to it).
        return (
            f"central_url must be an http(s) address of at most {MAX_URL_CHARS} characters, without spaces, "
            'user, query or fragment, e.g. "https://mairie.example/".'
        )
    return None


def read_device_token(path: Path) -> str:
    """The device token in ``path`` (one line; surrounding blanks ignored). Raises ``ConfigError`` naming the file
    and what is wrong, never quoting what it holds."""
    found = _is_a(path, "file")
    if found:
        raise ConfigError(f"central_token_file must be a file holding this kiosk's device token, and {found}.")
    try:
        # What is checked is what is read: the mode and kind come from the open file, not from the path before it
        # is opened (a file swapped in between would otherwise be read unchecked). Non-blocking: a FIFO put in the
        # token's place must not hang the kiosk's start.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        with os.fdopen(descriptor, "rb") as file:
            info = os.fstat(file.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise ConfigError(
                    f"central_token_file must be a file holding this kiosk's device token, and {path} is not one."
                )
            if info.st_mode & 0o077:
                raise ConfigError(
                    f"central_token_file {path} is readable by other users (mode {stat.S_IMODE(info.st_mode):04o}): "
                    f"the device token lets anyone act as this kiosk. Run chmod 600 {path} and start again."
                )
            data = file.read(MAX_TOKEN_FILE_BYTES + 1)
    except OSError as exc:
        raise ConfigError(f"central_token_file {path} cannot be read: {exc.strerror or type(exc).__name__}") from None
    try:
        token = data.decode("ascii").strip()
    except UnicodeDecodeError:
        token = ""
    if len(data) > MAX_TOKEN_FILE_BYTES or not DEVICE_TOKEN.fullmatch(token):
        raise ConfigError(
            f"central_token_file {path} holds no token: put in it the one line `central kiosk add` printed."
        )
    return token


def _central_token_file_problem(settings: Settings) -> str | None:
    path = settings.central_token_file
    if path is None:
        return "central_token_file must be set with central_url." if settings.central_url else None
    try:
        read_device_token(path)  # checked now, read again when the sync starts: the token is never kept here
    except ConfigError as exc:
        return str(exc)
    return None


def _agent_code_hash_problem(settings: Settings) -> str | None:
    code_hash = settings.agent_code_hash
    if code_hash is None:
        return None
    # Caught here rather than at the counter, where argon2 would refuse every code typed against such a hash.
    form = ARGON2ID_HASH.fullmatch(code_hash)
    if form is None:
        # The value is not quoted: a hash is no secret, but a half-pasted one helps nobody in a log.
        return (
            "agent_code_hash must be the argon2id hash line that `kiosk agent-code` prints "
            '(agent_code_hash = "$argon2id$v=19$m=..."), copied whole.'
        )
    memory_kib, passes, lanes = int(form["m"]), int(form["t"]), int(form["p"])
    # argon2's own bounds: it needs 8 KiB of memory per lane, one pass and one lane at least.
    if lanes < 1 or passes < 1 or memory_kib < 8 * lanes:
        return (
            f"agent_code_hash has costs argon2 cannot check a code with (m={memory_kib}, t={passes}, p={lanes}; "
            "m must be 8 times p or more, t and p 1 or more): make it again with `kiosk agent-code`."
        )
    return None


def _idle_timeout_problem(settings: Settings) -> str | None:
    low, high = IDLE_TIMEOUT_S
    if not low <= settings.idle_timeout_s <= high:
        return f"idle_timeout_s must be between {low} and {high} seconds (a day), not {settings.idle_timeout_s}."
    return None


def _idle_warning_problem(settings: Settings) -> str | None:
    if not IDLE_WARNING_MIN_S <= settings.idle_warning_s < settings.idle_timeout_s:
        return (
            f"idle_warning_s must be at least {IDLE_WARNING_MIN_S} seconds and shorter than idle_timeout_s "
            f"({settings.idle_timeout_s}), not {settings.idle_warning_s}."
        )
    return None


def _retention_problem(settings: Settings) -> str | None:
    low, high = RETENTION_DAYS
    if low <= settings.retention_days <= high:
        return None
    return f"retention_days must be between {low} and {high} days, not {settings.retention_days}."


def _kiosk_id_problem(settings: Settings) -> str | None:
    if KIOSK_ID.fullmatch(settings.kiosk_id):
        return None
    return (
        "kiosk_id must be 1 to 40 lower-case letters, digits or hyphens, starting with a letter or digit "
        f'(e.g. "mairie-accueil-1"), not {settings.kiosk_id!r}: it names this kiosk in every request reference.'
    )


def _language_problem(settings: Settings) -> str | None:
    if settings.language in LANGUAGES:
        return None
    return f"language must be one of {', '.join(LANGUAGES)}, not {settings.language!r}."


def _data_dir_problem(settings: Settings) -> str | None:
    found = _is_a(settings.data_dir, "folder")
    if not found or found.endswith("does not exist"):  # made at the first start
        return None
    return f"data_dir must be a folder, and {found}."


def _catalogue_dir_problem(settings: Settings) -> str | None:
    found = _is_a(settings.catalogue_dir, "folder")
    return f"catalogue_dir must be a folder holding the catalogue, and {found}." if found else None


def _opening_hours_problem(settings: Settings) -> str | None:
    if settings.opening_hours is None:
        return None
    found = _is_a(settings.opening_hours, "file")
    return f"opening_hours must be a file (TOML), and {found}." if found else None


# Each setting's check once the file, the environment and the overrides are merged, in the order a message would
# be most useful in. (A logo that is missing is allowed: the header then shows the name alone; document folders
# are mount points that exist only while a USB key is in.)
_RULES: tuple[tuple[str, Callable[[Settings], str | None]], ...] = (
    ("town_name", lambda s: _text_problem("town_name", s.town_name, MAX_NAME_CHARS, required=True)),
    ("printer", lambda s: _text_problem("printer", s.printer, MAX_NAME_CHARS, required=False)),
    ("language", _language_problem),
    ("idle_timeout_s", _idle_timeout_problem),
    ("idle_warning_s", _idle_warning_problem),
    ("kiosk_id", _kiosk_id_problem),
    ("timezone", _timezone_problem),
    ("tracking_url", _tracking_url_problem),
    ("central_url", _central_url_problem),
    ("central_token_file", _central_token_file_problem),
    ("agent_code_hash", _agent_code_hash_problem),
    ("retention_days", _retention_problem),
    ("data_dir", _data_dir_problem),
    ("catalogue_dir", _catalogue_dir_problem),
    ("opening_hours", _opening_hours_problem),
)


def _validate(settings: Settings, sources: dict[str, str | None], file_source: str | None) -> None:
    """Raise ConfigError for the first setting the kiosk cannot run with, naming where it was set: the file, the
    environment variable, or (an override given in code) nothing. A default that clashes with a value of the file
    (idle_warning_s with a short idle_timeout_s) names the file: that is where the operator fixes it."""
    for key, rule in _RULES:
        problem = rule(settings)
        if problem is not None:
            where = sources.get(key, file_source)
            raise ConfigError(f"{where}: {problem}" if where else problem)


def load_settings(path: Path | None = None, **overrides: Any) -> Settings:
    """Settings from ``path`` (or ``$KIOSK_CONFIG``, or none), then ``$KIOSK_DATA_DIR`` and
    ``$KIOSK_AGENT_CODE_HASH``, then ``overrides``; every
    value is checked here, so that a kiosk that starts can run with what it was given."""
    path = path or (Path(os.environ[ENV_CONFIG]) if os.environ.get(ENV_CONFIG) else None)
    values: dict[str, Any] = {}
    sources: dict[str, str | None] = {}
    file_source = None if path is None else str(path)
    if path is not None:
        source = str(path)
        try:
            raw = tomllib.loads(_read_config_file(path).decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from None
        values = _check(source, raw)
        base = path.resolve().parent
        for key in ("logo", "data_dir", "catalogue_dir", "opening_hours", "central_token_file"):
            if key in values:
                values[key] = _resolve(source, key, base, values[key])
        if "document_folders" in values:
            folders = values["document_folders"]
            if len(folders) > MAX_DOCUMENT_FOLDERS or not all(isinstance(f, str) and f.strip() for f in folders):
                raise ConfigError(
                    f"{path}: document_folders must be a list of folder paths ({MAX_DOCUMENT_FOLDERS} at most)."
                )
            values["document_folders"] = tuple(_resolve(source, "document_folders", base, f) for f in folders)
        sources = dict.fromkeys(values, source)
    if os.environ.get(ENV_DATA_DIR):
        values["data_dir"] = Path(os.environ[ENV_DATA_DIR])
        sources["data_dir"] = f"${ENV_DATA_DIR}"
    if os.environ.get(ENV_AGENT_CODE_HASH):  # a kiosk image may keep it out of the configuration file
        values["agent_code_hash"] = os.environ[ENV_AGENT_CODE_HASH].strip()
        sources["agent_code_hash"] = f"${ENV_AGENT_CODE_HASH}"
    values.update(overrides)
    sources.update(dict.fromkeys(overrides))
    settings = Settings(**values)
    _validate(settings, sources, file_source)
    return settings


def demo_settings(**overrides: Any) -> Settings:
    """The demo configuration shipped in resources/demo/config.toml."""
    return load_settings(resources_dir() / "demo" / "config.toml", **overrides)


def replace(settings: Settings, **changes: Any) -> Settings:
    return dataclasses.replace(settings, **changes)
