"""The language of the interface, switchable live. French is the source language; English is shipped.

Qt sends ``QEvent.LanguageChange`` to every widget when a translator is installed or removed; widgets
re-read their texts in ``changeEvent``. Catalogue texts (data, not code) are picked with ``language``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTranslator, Signal

from kiosk.config import LANGUAGES
from kiosk.paths import resources_dir


def locale_for(language: str) -> QLocale:
    """How dates and numbers read: French as in France; English as in the United Kingdom, like the English the
    kiosk ships (a bare English locale is American: "11/30/26" for 30 November)."""
    if language == "en":
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    return QLocale(QLocale.Language.French, QLocale.Country.France)


class Translations(QObject):
    """Holds the current language and the installed translator.

    Signals:
        language_changed(str): after the switch, with the new language code ("fr" or "en").
    """

    language_changed = Signal(str)

    def __init__(self, default: str = "fr", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._default = default
        self._language = "fr"
        self._translator: QTranslator | None = None
        if default != "fr":
            self.set_language(default)

    @property
    def language(self) -> str:
        return self._language

    @property
    def default(self) -> str:
        return self._default

    def set_language(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r}")
        if language == self._language:
            return
        app = QCoreApplication.instance()
        if self._translator is not None and app is not None:
            QCoreApplication.removeTranslator(self._translator)
            self._translator = None
        if language != "fr":
            translator = QTranslator(self)
            path = resources_dir() / "translations" / f"kiosk_{language}.qm"
            if not translator.load(str(path)):
                raise FileNotFoundError(f"translation file missing: {path} (run `make translations`)")
            QCoreApplication.installTranslator(translator)
            self._translator = translator
        self._language = language
        QLocale.setDefault(locale_for(language))
        self.language_changed.emit(language)

    def toggle(self) -> None:
        self.set_language("en" if self._language == "fr" else "fr")

    def reset(self) -> None:
        """Back to the kiosk's default language, for the next visitor."""
        self.set_language(self._default)
