"""Settings read from a TOML file and the environment (kiosk/config.py). No Qt."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from kiosk.config import (
    ENV_CONFIG,
    ENV_DATA_DIR,
    MAX_CONFIG_BYTES,
    ConfigError,
    Settings,
    demo_settings,
    load_settings,
)
from kiosk.paths import resources_dir

KNOWN_KEYS = (
    "agent_code_hash, catalogue_dir, central_token_file, central_url, data_dir, document_folders, fullscreen, "
    "high_contrast, idle_timeout_s, idle_warning_s, keyboard, kiosk_id, language, logo, opening_hours, printer, "
    "retention_days, timezone, town_name, tracking_url"
)


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (ENV_CONFIG, ENV_DATA_DIR, "KIOSK_RESOURCES"):
        monkeypatch.delenv(name, raising=False)


def write_config(directory: Path, text: str, name: str = "config.toml") -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file() -> None:
    settings = load_settings()

    assert settings == Settings(data_dir=settings.data_dir)
    assert settings.town_name == "Mairie"
    assert settings.logo is None
    assert settings.language == "fr"
    assert settings.high_contrast is False
    assert settings.fullscreen is True
    assert settings.keyboard is True
    assert settings.idle_timeout_s == 90
    assert settings.catalogue_dir == resources_dir() / "catalogue"
    assert settings.database_path == settings.data_dir / "kiosk.db"


def test_known_keys_are_read(tmp_path: Path) -> None:
    path = write_config(
        tmp_path,
        'town_name = "Ville de Test"\nlanguage = "en"\nhigh_contrast = true\nfullscreen = false\n'
        "keyboard = false\nidle_timeout_s = 120\n",
    )
    settings = load_settings(path)

    assert (settings.town_name, settings.language, settings.idle_timeout_s) == ("Ville de Test", "en", 120)
    assert (settings.high_contrast, settings.fullscreen, settings.keyboard) == (True, False, False)


def test_relative_paths_are_resolved_against_the_config_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_config(
        tmp_path / "etc",
        'logo = "logo.svg"\ndata_dir = "../var/kiosk"\ncatalogue_dir = "catalogue"\n',
    )
    (tmp_path / "etc" / "catalogue").mkdir()
    monkeypatch.chdir(tmp_path)  # resolved against the file, not the working directory
    settings = load_settings(Path("etc") / "config.toml")

    folder = (tmp_path / "etc").resolve()
    assert settings.logo == folder / "logo.svg"
    assert settings.data_dir == folder / ".." / "var" / "kiosk"
    assert settings.catalogue_dir == folder / "catalogue"
    assert settings.database_path == folder / ".." / "var" / "kiosk" / "kiosk.db"


def test_absolute_paths_are_kept(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    path = write_config(tmp_path / "etc", f'data_dir = "{data_dir.as_posix()}"\n')
    assert load_settings(path).data_dir == data_dir


def test_an_unknown_key_names_the_file_the_key_and_the_known_keys(tmp_path: Path) -> None:
    path = write_config(tmp_path, "idle_timout = 120\n")
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert str(info.value) == f"{path}: unknown key(s) idle_timout. Known keys: {KNOWN_KEYS}."


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('idle_timeout_s = "90"', "idle_timeout_s must be a int, not '90'."),
        ("idle_timeout_s = true", "idle_timeout_s must be a int, not True."),
        ("high_contrast = 1", "high_contrast must be a bool, not 1."),
        ("town_name = 3", "town_name must be a str, not 3."),
        ('logo = ["a.svg"]', "logo must be a str, not ['a.svg']."),
        ('timezone = "Europe/Pariss"', "timezone 'Europe/Pariss' is not a known time zone"),
        ("idle_warning_s = 10", "idle_warning_s must be at least 20 seconds and shorter than idle_timeout_s"),
        ('tracking_url = "https://ville.example/suivi"', "tracking_url must be an http(s) address"),
        ('town_name = ""', "town_name must be 1 to 100 characters"),
        ('town_name = "' + "Valmont" * 20 + '"', "town_name must be 1 to 100 characters"),
        ('town_name = "Ville\u202e de Valmont"', "town_name must hold visible characters only"),
        ('town_name = "\u200b\u200b"', "town_name must hold visible characters only"),
        ('printer = "hp\\nlaser"', "printer must hold visible characters only"),
        ('tracking_url = "https://ville.example/suivi code={code}"', "tracking_url must be an http(s) address"),
        ('data_dir = ""', "data_dir must be a path"),
        ('logo = "logo\\u0000.svg"', "logo must be a path"),
        ('document_folders = ["docs", ""]', "document_folders must be a list of folder paths"),
        ('catalogue_dir = "absent"', "catalogue_dir must be a folder"),
        ('opening_hours = "absent.toml"', "opening_hours must be a file"),
    ],
)
def test_a_wrong_type_or_value_names_the_file_and_the_key(tmp_path: Path, line: str, message: str) -> None:
    path = write_config(tmp_path, line + "\n")
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert str(info.value).startswith(f"{path}: {message}"), str(info.value)


def test_invalid_toml_is_a_config_error(tmp_path: Path) -> None:
    path = write_config(tmp_path, 'town_name = "Mairie\n')
    with pytest.raises(ConfigError, match="not valid TOML") as info:
        load_settings(path)
    assert str(info.value).startswith(f"{path}: ")


def test_a_file_that_is_not_utf8_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('town_name = "Mairie de Sète"\n'.encode("latin-1"))
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(path)


def test_a_missing_file_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "absent.toml"
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert str(info.value) == f"Configuration file not found: {path}"


def test_a_directory_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_settings(tmp_path)
    assert str(info.value) == f"{tmp_path}: is a folder, not a configuration file (a TOML file)."


def test_an_unsupported_language_is_refused(tmp_path: Path) -> None:
    path = write_config(tmp_path, 'language = "de"\n')
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert str(info.value) == f"{path}: language must be one of fr, en, not 'de'."


def test_an_override_language_is_checked_too() -> None:
    with pytest.raises(ConfigError, match="language must be one of fr, en"):
        load_settings(language="es")


@pytest.mark.parametrize("seconds", [0, 29, -5])
def test_a_short_idle_timeout_is_refused(tmp_path: Path, seconds: int) -> None:
    with pytest.raises(ConfigError, match="idle_timeout_s must be between 30 and 86400 seconds"):
        load_settings(write_config(tmp_path, f"idle_timeout_s = {seconds}\n"))


@pytest.mark.parametrize("seconds", [86_401, 2_200_000, 2**63 - 1])
def test_a_long_idle_timeout_is_refused_with_the_file_and_the_key(tmp_path: Path, seconds: int) -> None:
    """Qt's timers count milliseconds in 32 bits: 2,200,000 s overflowed them and the kiosk exited."""
    path = write_config(tmp_path, f"idle_timeout_s = {seconds}\n")
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert str(info.value) == (f"{path}: idle_timeout_s must be between 30 and 86400 seconds (a day), not {seconds}.")


def test_a_day_is_the_longest_idle_timeout(tmp_path: Path) -> None:
    settings = load_settings(write_config(tmp_path, "idle_timeout_s = 86400\nidle_warning_s = 600\n"))
    assert (settings.idle_timeout_s, settings.idle_warning_s) == (86_400, 600)


def test_thirty_seconds_is_enough(tmp_path: Path) -> None:
    settings = load_settings(write_config(tmp_path, "idle_timeout_s = 30\nidle_warning_s = 20\n"))
    assert (settings.idle_timeout_s, settings.idle_warning_s) == (30, 20)


def test_the_warning_must_leave_time_and_come_before_the_end(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="idle_warning_s"):
        load_settings(write_config(tmp_path, "idle_warning_s = 10\n"))
    with pytest.raises(ConfigError, match="idle_warning_s"):
        load_settings(write_config(tmp_path, "idle_timeout_s = 40\nidle_warning_s = 40\n"))


def test_document_folders_are_resolved_against_the_file(tmp_path: Path) -> None:
    settings = load_settings(write_config(tmp_path, 'document_folders = ["docs", "/media"]\n'))
    assert settings.document_folders == (tmp_path / "docs", Path("/media"))
    with pytest.raises(ConfigError, match="document_folders"):
        load_settings(write_config(tmp_path, "document_folders = [1, 2]\n"))


def test_kiosk_config_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_config(tmp_path, 'town_name = "Depuis l\'environnement"\n')
    monkeypatch.setenv(ENV_CONFIG, str(path))
    assert load_settings().town_name == "Depuis l'environnement"


def test_an_explicit_path_wins_over_kiosk_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_CONFIG, str(write_config(tmp_path, 'town_name = "Env"\n', "env.toml")))
    explicit = write_config(tmp_path, 'town_name = "Explicite"\n', "explicit.toml")
    assert load_settings(explicit).town_name == "Explicite"


def test_a_missing_kiosk_config_file_is_a_config_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_CONFIG, str(tmp_path / "absent.toml"))
    with pytest.raises(ConfigError, match="Configuration file not found"):
        load_settings()


def test_kiosk_data_dir_wins_over_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_config(tmp_path, 'data_dir = "from-file"\n')
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path / "from-env"))
    settings = load_settings(path)
    assert settings.data_dir == tmp_path / "from-env"
    assert settings.database_path == tmp_path / "from-env" / "kiosk.db"


def test_overrides_win_over_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path / "from-env"))
    assert load_settings(data_dir=tmp_path / "override").data_dir == tmp_path / "override"


def test_demo_settings_load_the_shipped_config() -> None:
    settings = demo_settings()

    demo = resources_dir() / "demo"
    assert settings.town_name == "Ville de Valmont-sur-Loire"
    assert settings.logo == demo.resolve() / "logo.svg"
    assert settings.logo is not None
    assert settings.logo.is_file()
    assert settings.catalogue_dir.resolve() == (resources_dir() / "catalogue").resolve()
    assert (settings.catalogue_dir / "domains.toml").is_file()


def test_demo_settings_accept_overrides(tmp_path: Path) -> None:
    settings = demo_settings(data_dir=tmp_path, fullscreen=False)
    assert (settings.data_dir, settings.fullscreen) == (tmp_path, False)


def test_the_towns_time_zone_is_one_setting(tmp_path: Path) -> None:
    settings = load_settings(write_config(tmp_path, 'timezone = "America/Cayenne"\n'))
    assert settings.zone.key == "America/Cayenne"
    assert load_settings().timezone == "Europe/Paris"


@pytest.mark.parametrize("zone", ["Europe/Pariss", "", "../../etc/passwd"])
def test_an_unknown_time_zone_is_refused(tmp_path: Path, zone: str) -> None:
    with pytest.raises(ConfigError, match="is not a known time zone"):
        load_settings(write_config(tmp_path, f'timezone = "{zone}"\n'))


def test_the_opening_hours_are_a_file_beside_the_config(tmp_path: Path) -> None:
    (tmp_path / "horaires.toml").write_text('place = "Mairie"\n', encoding="utf-8")
    settings = load_settings(write_config(tmp_path, 'opening_hours = "horaires.toml"\n'))
    assert settings.opening_hours == tmp_path.resolve() / "horaires.toml"
    assert load_settings().opening_hours is None  # no hours: no appointment is offered at the kiosk
    demo = demo_settings()
    assert demo.opening_hours is not None
    assert demo.opening_hours.is_file()


def test_the_tracking_link_carries_the_code(tmp_path: Path) -> None:
    settings = load_settings(write_config(tmp_path, 'tracking_url = "https://ville.example/suivi?code={code}"\n'))
    assert settings.tracking_link("BCDFGHJK") == "https://ville.example/suivi?code=BCDFGHJK"
    assert load_settings().tracking_link("BCDFGHJK") == ""


@pytest.mark.parametrize("url", ["https://ville.example/suivi", "ftp://ville.example/{code}", "{code}{code}"])
def test_a_tracking_url_without_its_code_or_not_on_the_web_is_refused(tmp_path: Path, url: str) -> None:
    with pytest.raises(ConfigError, match="tracking_url"):
        load_settings(write_config(tmp_path, f'tracking_url = "{url}"\n'))


@pytest.mark.parametrize(
    "kiosk_id", ["bad id/..", "", "Borne-1", "-borne", "borne_1", "borne.1", "b" * 41, "borne-1\n", "bornë"]
)
def test_a_kiosk_id_that_cannot_name_a_kiosk_is_refused(tmp_path: Path, kiosk_id: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f"kiosk_id = {json.dumps(kiosk_id)}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert str(info.value).startswith(f"{path}: kiosk_id must be 1 to 40 lower-case letters, digits or hyphens")


@pytest.mark.parametrize("kiosk_id", ["borne-1", "valmont-accueil-1", "7", "b" * 40])
def test_a_kiosk_id_of_letters_digits_and_hyphens_is_kept(tmp_path: Path, kiosk_id: str) -> None:
    assert load_settings(write_config(tmp_path, f'kiosk_id = "{kiosk_id}"\n')).kiosk_id == kiosk_id


def test_a_data_dir_that_is_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "kiosk-data").write_text("a file where the data folder should be")
    path = write_config(tmp_path, 'data_dir = "kiosk-data"\n')
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert str(info.value).startswith(f"{path}: data_dir must be a folder")


def test_an_opening_hours_fifo_is_refused_without_opening_it(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "hours.toml")
    path = write_config(tmp_path, 'opening_hours = "hours.toml"\n')
    with pytest.raises(ConfigError, match="opening_hours must be a file"):
        load_settings(path)


def test_the_data_dir_from_the_environment_is_named_when_wrong(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path / "file"))
    with pytest.raises(ConfigError) as info:
        load_settings()
    assert str(info.value).startswith(f"${ENV_DATA_DIR}: data_dir must be a folder")


def _load_in_thread(path: Path) -> tuple[threading.Thread, list[BaseException | Settings]]:
    outcome: list[BaseException | Settings] = []

    def load() -> None:
        try:
            outcome.append(load_settings(path))
        except BaseException as exc:  # the test looks at what came out, whatever it is
            outcome.append(exc)

    thread = threading.Thread(target=load, daemon=True)
    thread.start()
    thread.join(5)
    return thread, outcome


def test_a_fifo_as_the_configuration_file_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    thread, outcome = _load_in_thread(fifo)
    if thread.is_alive():  # blocked in open(): let it go (a writer opens the other end) and fail the test
        os.close(os.open(fifo, os.O_WRONLY))
        thread.join(5)
        pytest.fail("reading a FIFO as the configuration hung")
    [error] = outcome
    assert isinstance(error, ConfigError)
    assert str(error) == f"{fifo}: is a FIFO, not a configuration file (a TOML file)."


def test_a_device_as_the_configuration_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_settings(Path("/dev/null"))
    assert str(info.value) == "/dev/null: is a device, not a configuration file (a TOML file)."


def test_a_huge_configuration_file_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    with path.open("wb") as fh:
        fh.truncate(MAX_CONFIG_BYTES + 1)
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert str(info.value) == (
        f"{path}: {MAX_CONFIG_BYTES + 1} bytes is too large for a configuration file ({MAX_CONFIG_BYTES} at most)."
    )


def test_a_symlink_to_a_configuration_file_is_followed(tmp_path: Path) -> None:
    target = write_config(tmp_path / "etc", 'town_name = "Lien"\n')
    link = tmp_path / "config.toml"
    link.symlink_to(target)
    assert load_settings(link).town_name == "Lien"
