"""Settings read from a TOML file and the environment (kiosk/config.py). No Qt."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import ENV_CONFIG, ENV_DATA_DIR, ConfigError, Settings, demo_settings, load_settings
from kiosk.paths import resources_dir

KNOWN_KEYS = (
    "catalogue_dir, data_dir, document_folders, fullscreen, high_contrast, idle_timeout_s, idle_warning_s, keyboard, "
    "kiosk_id, language, logo, opening_hours, printer, timezone, town_name, tracking_url"
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
    ],
)
def test_a_wrong_type_names_the_key(tmp_path: Path, line: str, message: str) -> None:
    path = write_config(tmp_path, line + "\n")
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert str(info.value) == f"{path}: {message}"


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
    assert str(info.value) == f"{tmp_path}: cannot be read: Is a directory"


def test_an_unsupported_language_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_settings(write_config(tmp_path, 'language = "de"\n'))
    assert str(info.value) == "language must be one of fr, en, not 'de'."


def test_an_override_language_is_checked_too() -> None:
    with pytest.raises(ConfigError, match="language must be one of fr, en"):
        load_settings(language="es")


@pytest.mark.parametrize("seconds", [0, 29])
def test_a_short_idle_timeout_is_refused(tmp_path: Path, seconds: int) -> None:
    with pytest.raises(ConfigError, match="idle_timeout_s must be at least 30 seconds"):
        load_settings(write_config(tmp_path, f"idle_timeout_s = {seconds}\n"))


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
