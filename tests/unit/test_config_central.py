"""The kiosk's link to central in its configuration: ``central_url`` and ``central_token_file`` (kiosk/config.py).
Both or neither; the token file is the kiosk user's alone (0600) and its token never appears in a message."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.config import ENV_CONFIG, ENV_DATA_DIR, ConfigError, load_settings, read_device_token

TOKEN = "tok_s3cr3t-device-token-value"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (ENV_CONFIG, ENV_DATA_DIR, "KIOSK_RESOURCES"):
        monkeypatch.delenv(name, raising=False)


def token_file(folder: Path, text: str = TOKEN + "\n", mode: int = 0o600) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "device-token"
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def config(folder: Path, text: str) -> Path:
    path = folder / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_without_central_the_kiosk_has_no_sync(tmp_path: Path) -> None:
    settings = load_settings(config(tmp_path, 'town_name = "Valmont"\n'))
    assert (settings.central_url, settings.central_token_file, settings.syncs) == ("", None, False)


def test_a_central_and_its_token_file_relative_to_the_configuration(tmp_path: Path) -> None:
    token_file(tmp_path / "secrets")
    settings = load_settings(
        config(tmp_path, 'central_url = "https://mairie.example/"\ncentral_token_file = "secrets/device-token"\n')
    )
    assert settings.central_url == "https://mairie.example/"
    assert settings.central_token_file == tmp_path / "secrets" / "device-token"
    assert settings.syncs
    assert read_device_token(settings.central_token_file) == TOKEN


@pytest.mark.parametrize(
    "url",
    [
        "ftp://mairie.example/",
        "mairie.example",
        "https://",
        "https://mairie.example/ path",
        "https://agent:secret@mairie.example/",
        "https://mairie.example/?token=1",
        "https://mairie.example/#x",
        "https://" + "a" * 2001 + ".example/",
    ],
)
def test_a_central_url_that_is_not_a_plain_web_address_is_refused(tmp_path: Path, url: str) -> None:
    token_file(tmp_path)
    path = config(tmp_path, f'central_url = "{url}"\ncentral_token_file = "device-token"\n')
    with pytest.raises(ConfigError, match=r"config\.toml: central_url must be an http\(s\) address"):
        load_settings(path)


def test_one_without_the_other_is_refused(tmp_path: Path) -> None:
    token_file(tmp_path)
    with pytest.raises(ConfigError, match=r"config\.toml: central_token_file must be set with central_url"):
        load_settings(config(tmp_path, 'central_url = "http://127.0.0.1:8000"\n'))
    with pytest.raises(ConfigError, match=r"config\.toml: central_url must be set with central_token_file"):
        load_settings(config(tmp_path, 'central_token_file = "device-token"\n'))


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o644, 0o660])
def test_a_token_file_others_may_read_is_refused_without_quoting_it(tmp_path: Path, mode: int) -> None:
    token_file(tmp_path, mode=mode)
    path = config(tmp_path, 'central_url = "http://127.0.0.1:8000"\ncentral_token_file = "device-token"\n')
    with pytest.raises(ConfigError, match=r"central_token_file .* readable by other users") as caught:
        load_settings(path)
    assert "chmod 600" in str(caught.value)
    assert TOKEN not in str(caught.value)


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda folder: folder / "missing", "does not exist"),
        (lambda folder: folder, "is a folder"),
        (lambda folder: token_file(folder, text="\n"), "holds no token"),
        (lambda folder: token_file(folder, text=TOKEN + " " + TOKEN), "holds no token"),
    ],
)
def test_a_token_file_that_holds_no_token_is_refused(tmp_path: Path, make: object, problem: str) -> None:
    assert callable(make)
    target = make(tmp_path / "t")
    (tmp_path / "t").mkdir(exist_ok=True)
    path = config(tmp_path, f'central_url = "http://127.0.0.1:8000"\ncentral_token_file = "{target}"\n')
    with pytest.raises(ConfigError, match=f"central_token_file.*{problem}") as caught:
        load_settings(path)
    assert TOKEN not in str(caught.value)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_a_token_file_the_kiosk_cannot_read_is_refused(tmp_path: Path) -> None:
    token_file(tmp_path, mode=0o000)
    path = config(tmp_path, 'central_url = "http://127.0.0.1:8000"\ncentral_token_file = "device-token"\n')
    with pytest.raises(ConfigError, match=r"central_token_file.*cannot be read"):
        load_settings(path)


def test_the_settings_never_show_the_token(tmp_path: Path) -> None:
    token_file(tmp_path)
    settings = load_settings(
        config(tmp_path, 'central_url = "http://127.0.0.1:8000"\ncentral_token_file = "device-token"\n')
    )
    assert TOKEN not in repr(settings)
