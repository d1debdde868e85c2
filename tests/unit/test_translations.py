"""Every French string of the interface has its English translation, and the shipped .qm matches the .ts."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from kiosk.paths import resources_dir

ROOT = Path(__file__).resolve().parents[2]
TS = resources_dir() / "translations" / "kiosk_en.ts"
QM = resources_dir() / "translations" / "kiosk_en.qm"
BIN = Path(sys.executable).parent


def _messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    out: dict[tuple[str, str], ET.Element] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            out[(name, message.findtext("source") or "")] = message
    return out


def test_every_string_is_translated() -> None:
    unfinished = [
        source
        for (_, source), message in _messages(TS).items()
        if (translation := message.find("translation")) is None
        or translation.get("type") == "unfinished"
        or not (translation.text or "").strip()
    ]
    assert not unfinished


def test_the_ts_file_knows_every_string_in_the_code(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "kiosk").rglob("*.py"))
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), "-extensions", "py", "-source-language", "fr_FR", *sources, "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    missing = set(_messages(fresh)) - set(_messages(TS))
    assert not missing, f"run `make translations` and translate: {sorted(missing)}"


def test_the_shipped_qm_is_built_from_the_ts(tmp_path: Path) -> None:
    built = tmp_path / "kiosk_en.qm"
    subprocess.run([str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(built)], check=True, capture_output=True)
    assert built.read_bytes() == QM.read_bytes(), "run `make translations`"


def test_no_translation_call_hides_inside_an_f_string() -> None:
    """lupdate does not look inside f-strings: a translate() there is never offered to translators."""
    import re

    hidden = re.compile(r"""f(["']).*?(translate\(|self\.tr\()""")
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "kiosk").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if hidden.search(line)
    ]
    assert not offenders


def test_dates_read_as_the_shipped_languages_write_them(qapp: object) -> None:
    """The English shipped is British: a short date is 30/11/2026, never the American 11/30/26 of a bare English
    locale (the picker shows a file's date that way)."""
    from datetime import datetime

    from kiosk.views.i18n import Translations
    from kiosk.views.widgets.documents.texts import format_date

    translations = Translations("fr")
    try:
        for language in ("en", "fr"):
            translations.set_language(language)
            assert format_date(datetime(2026, 11, 30, 9, 15)) == "30/11/2026"
    finally:
        translations.set_language("fr")
