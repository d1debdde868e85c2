"""On-screen keyboard driven as a person would: taps on keys, and checks on what the field contains."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QRect, QRegularExpression, Qt, QTranslator
from PySide6.QtGui import QAccessible, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kiosk.views.widgets.keyboard import LAYOUTS, KeyboardController, OnScreenKeyboard

pytestmark = pytest.mark.gui

LEFT = Qt.MouseButton.LeftButton


@dataclass
class Kiosk:
    window: QWidget
    keyboard: OnScreenKeyboard
    controller: KeyboardController
    edit: QLineEdit
    button: QPushButton
    layout: QVBoxLayout


def _activate(qtbot: QtBot, window: QWidget) -> None:
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def _dock(qtbot: QtBot, window: QWidget, layout: QVBoxLayout) -> tuple[OnScreenKeyboard, KeyboardController]:
    """Dock a keyboard at the bottom of ``layout``, as the main window does, and register the window."""
    keyboard = OnScreenKeyboard(window)
    layout.addWidget(keyboard)
    controller = KeyboardController(keyboard, window)
    # Stop reacting to focus changes before the window goes, so a half-deleted window is never touched.
    qtbot.addWidget(window, before_close_func=lambda _w: controller.set_enabled(False))
    return keyboard, controller


@pytest.fixture
def kiosk(qtbot: QtBot) -> Kiosk:
    window = QWidget()
    window.resize(1280, 900)
    layout = QVBoxLayout(window)
    edit = QLineEdit(window)
    edit.setObjectName("name")
    layout.addWidget(edit)
    button = QPushButton("Suivant", window)
    layout.addWidget(button)
    layout.addStretch(1)
    keyboard, controller = _dock(qtbot, window, layout)
    _activate(qtbot, window)
    # Activation focuses the first field; start each test the way a page opens, with no field being edited.
    button.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is button and not keyboard.isVisible())
    return Kiosk(window, keyboard, controller, edit, button, layout)


def visible_keys(keyboard: OnScreenKeyboard) -> list[QPushButton]:
    return [key for key in keyboard.findChildren(QPushButton) if key.isVisible()]


def spoken_name(widget: QWidget) -> str:
    """The name as assistive technology reads it, not merely the accessibleName property."""
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)


def find_key(keyboard: OnScreenKeyboard, name: str) -> QPushButton:
    matches = [key for key in visible_keys(keyboard) if spoken_name(key) == name]
    names = sorted(spoken_name(key) for key in visible_keys(keyboard))
    assert len(matches) == 1, f"expected one visible key named {name!r}, found {len(matches)} among {names}"
    return matches[0]


def tap(qtbot: QtBot, keyboard: OnScreenKeyboard, *names: str) -> None:
    """Tap keys by their spoken name, checking that no tap ever moves the focus."""
    for name in names:
        before = QApplication.focusWidget()
        qtbot.mouseClick(find_key(keyboard, name), LEFT)
        assert QApplication.focusWidget() is before, f"tapping {name!r} moved the focus"


def focus_by_tap(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, LEFT)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def show_for(qtbot: QtBot, kiosk: Kiosk, widget: QWidget) -> None:
    focus_by_tap(qtbot, widget)
    qtbot.waitUntil(kiosk.keyboard.isVisible)


def letters(*chars: str) -> list[str]:
    return [f"Touche {c}" for c in chars]


# -- typing ---------------------------------------------------------------------------------------------------


def test_tapping_the_field_shows_the_text_layout_and_keeps_focus(qtbot: QtBot, kiosk: Kiosk) -> None:
    assert not kiosk.keyboard.isVisible()
    with qtbot.waitSignal(kiosk.controller.visibility_changed) as shown:
        focus_by_tap(qtbot, kiosk.edit)
    assert shown.args == [True]
    assert kiosk.keyboard.isVisible()
    assert kiosk.keyboard.current_layout() == "text"
    assert kiosk.keyboard.current_page() == "letters"
    tap(qtbot, kiosk.keyboard, *letters("b", "o", "n"))
    assert kiosk.edit.text() == "bon"
    assert QApplication.focusWidget() is kiosk.edit
    assert kiosk.edit.hasFocus()


def test_emile_with_shift_and_the_accents_page(qtbot: QtBot, kiosk: Kiosk) -> None:
    show_for(qtbot, kiosk, kiosk.edit)
    tap(qtbot, kiosk.keyboard, "Majuscule", "Accents")
    assert kiosk.keyboard.current_page() == "accents"
    tap(qtbot, kiosk.keyboard, "Touche e accent aigu majuscule", "Lettres")
    assert kiosk.keyboard.current_page() == "letters"
    # Shift was one-shot: the rest of the name is lowercase without touching Shift again.
    tap(qtbot, kiosk.keyboard, *letters("m", "i", "l", "e"))
    assert kiosk.edit.text() == "Émile"


def test_mixed_text_with_the_123_page_and_back(qtbot: QtBot, kiosk: Kiosk) -> None:
    show_for(qtbot, kiosk, kiosk.edit)
    tap(qtbot, kiosk.keyboard, "Majuscule", "Touche H", "Touche i", "Espace", "Chiffres")
    assert kiosk.keyboard.current_page() == "symbols"
    tap(qtbot, kiosk.keyboard, "Touche 4", "Touche 2", "Touche point d'exclamation", "Lettres", "Espace")
    tap(qtbot, kiosk.keyboard, *letters("o", "k"))
    assert kiosk.edit.text() == "Hi 42! ok"


def test_second_shift_tap_locks_capitals_and_a_third_releases(qtbot: QtBot, kiosk: Kiosk) -> None:
    show_for(qtbot, kiosk, kiosk.edit)
    tap(qtbot, kiosk.keyboard, "Majuscule", "Majuscule")
    shift = find_key(kiosk.keyboard, "Majuscules verrouillées")
    assert shift.isChecked()
    tap(qtbot, kiosk.keyboard, "Touche A", "Touche B", "Touche virgule")
    tap(qtbot, kiosk.keyboard, "Majuscules verrouillées", "Touche c")
    assert kiosk.edit.text() == "AB,c"
    assert not find_key(kiosk.keyboard, "Majuscule").isChecked()


def test_backspace_deletes_and_the_edit_stays_undoable(qtbot: QtBot, kiosk: Kiosk) -> None:
    show_for(qtbot, kiosk, kiosk.edit)
    tap(qtbot, kiosk.keyboard, *letters("a", "b", "c"))
    tap(qtbot, kiosk.keyboard, "Effacer")
    assert kiosk.edit.text() == "ab"
    assert kiosk.edit.isUndoAvailable()
    kiosk.edit.undo()
    assert kiosk.edit.text() == "abc"


def test_enter_emits_return_pressed(qtbot: QtBot, kiosk: Kiosk) -> None:
    show_for(qtbot, kiosk, kiosk.edit)
    tap(qtbot, kiosk.keyboard, "Touche x")
    with qtbot.waitSignal(kiosk.edit.returnPressed, timeout=1000):
        tap(qtbot, kiosk.keyboard, "Valider")
    assert kiosk.edit.text() == "x"


def test_enter_in_a_multiline_field_starts_a_new_line(qtbot: QtBot) -> None:
    window = QWidget()
    window.resize(1280, 900)
    layout = QVBoxLayout(window)
    notes = QPlainTextEdit(window)
    layout.addWidget(notes)
    keyboard, _controller = _dock(qtbot, window, layout)
    _activate(qtbot, window)
    focus_by_tap(qtbot, notes)
    qtbot.waitUntil(keyboard.isVisible)
    tap(qtbot, keyboard, "Touche a", "Valider", "Touche b")
    assert notes.toPlainText() == "a\nb"


def test_validators_apply_to_keyboard_input(qtbot: QtBot, kiosk: Kiosk) -> None:
    kiosk.edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,5}"), kiosk.edit))
    kiosk.edit.setProperty("keyboard", "digits")
    show_for(qtbot, kiosk, kiosk.edit)
    tap(qtbot, kiosk.keyboard, *letters("7", "5", "0", "0", "1", "9"))
    assert kiosk.edit.text() == "75001"


# -- layout choice ----------------------------------------------------------------------------------------------


def test_email_hint_shows_the_email_layout_and_shortcuts_type_their_text(qtbot: QtBot, kiosk: Kiosk) -> None:
    kiosk.edit.setInputMethodHints(Qt.InputMethodHint.ImhEmailCharactersOnly)
    show_for(qtbot, kiosk, kiosk.edit)
    assert kiosk.keyboard.current_layout() == "email"
    names = {spoken_name(key) for key in visible_keys(kiosk.keyboard)}
    assert "Espace" not in names
    assert {"Touche arobase", "Saisir point com", "Saisir arobase gmail point com"} <= names
    tap(qtbot, kiosk.keyboard, "Touche j", "Touche 7", "Touche arobase", "Touche m", "Saisir point f r")
    assert kiosk.edit.text() == "j7@m.fr"
    kiosk.edit.clear()
    tap(qtbot, kiosk.keyboard, "Touche z", "Saisir arobase orange point f r")
    assert kiosk.edit.text() == "z@orange.fr"


def test_keyboard_property_selects_the_digits_pad(qtbot: QtBot, kiosk: Kiosk) -> None:
    kiosk.edit.setProperty("keyboard", "digits")
    with qtbot.waitSignal(kiosk.keyboard.layout_changed) as changed:
        show_for(qtbot, kiosk, kiosk.edit)
    assert changed.args == ["digits"]
    assert kiosk.keyboard.current_layout() == "digits"
    names = {spoken_name(key) for key in visible_keys(kiosk.keyboard)}
    assert {f"Touche {d}" for d in "0123456789"} | {"Effacer", "Valider", "Masquer le clavier"} == names
    assert find_key(kiosk.keyboard, "Valider").text() == "OK"


def test_property_wins_over_input_method_hints(qtbot: QtBot, kiosk: Kiosk) -> None:
    kiosk.edit.setInputMethodHints(Qt.InputMethodHint.ImhEmailCharactersOnly)
    kiosk.edit.setProperty("keyboard", "phone")
    show_for(qtbot, kiosk, kiosk.edit)
    assert kiosk.keyboard.current_layout() == "phone"


def test_dialable_hint_shows_the_phone_pad(qtbot: QtBot, kiosk: Kiosk) -> None:
    kiosk.edit.setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)
    show_for(qtbot, kiosk, kiosk.edit)
    assert kiosk.keyboard.current_layout() == "phone"
    tap(qtbot, kiosk.keyboard, "Touche plus", "Touche 3", "Touche 3", "Espace", "Touche 6")
    assert kiosk.edit.text() == "+33 6"


def test_spin_box_gets_digits_and_receives_the_keys(qtbot: QtBot, kiosk: Kiosk) -> None:
    spin = QSpinBox(kiosk.window)
    spin.setRange(0, 500)
    kiosk.layout.addWidget(spin)
    spin.show()
    show_for(qtbot, kiosk, spin)
    assert kiosk.keyboard.current_layout() == "digits"
    spin.selectAll()
    tap(qtbot, kiosk.keyboard, "Touche 4", "Touche 2")
    assert spin.text() == "42"
    tap(qtbot, kiosk.keyboard, "Valider")
    assert spin.value() == 42


def test_switching_fields_switches_layout(qtbot: QtBot, kiosk: Kiosk) -> None:
    postcode = QLineEdit(kiosk.window)
    postcode.setProperty("keyboard", "digits")
    kiosk.layout.addWidget(postcode)
    postcode.show()
    show_for(qtbot, kiosk, kiosk.edit)
    assert kiosk.keyboard.current_layout() == "text"
    focus_by_tap(qtbot, postcode)
    qtbot.waitUntil(lambda: kiosk.keyboard.current_layout() == "digits")
    assert kiosk.keyboard.isVisible()
    assert kiosk.controller.target() is postcode


# -- showing and hiding -----------------------------------------------------------------------------------------


def test_focus_on_a_button_hides_the_keyboard(qtbot: QtBot, kiosk: Kiosk) -> None:
    show_for(qtbot, kiosk, kiosk.edit)
    with qtbot.waitSignal(kiosk.controller.visibility_changed) as hidden:
        focus_by_tap(qtbot, kiosk.button)
    assert hidden.args == [False]
    assert not kiosk.keyboard.isVisible()


def test_focus_going_nowhere_hides_the_keyboard(qtbot: QtBot, kiosk: Kiosk) -> None:
    show_for(qtbot, kiosk, kiosk.edit)
    kiosk.edit.clearFocus()
    qtbot.waitUntil(lambda: not kiosk.keyboard.isVisible())


def test_read_only_field_does_not_show_the_keyboard(qtbot: QtBot, kiosk: Kiosk) -> None:
    kiosk.edit.setReadOnly(True)
    focus_by_tap(qtbot, kiosk.edit)
    QApplication.processEvents()
    assert not kiosk.keyboard.isVisible()

    other = QLineEdit(kiosk.window)
    kiosk.layout.addWidget(other)
    other.show()
    show_for(qtbot, kiosk, other)
    focus_by_tap(qtbot, kiosk.edit)
    qtbot.waitUntil(lambda: not kiosk.keyboard.isVisible())


def test_hide_key_hides_and_tapping_the_field_again_brings_it_back(qtbot: QtBot, kiosk: Kiosk) -> None:
    show_for(qtbot, kiosk, kiosk.edit)
    with (
        qtbot.waitSignal(kiosk.keyboard.hide_requested),
        qtbot.waitSignal(kiosk.controller.visibility_changed) as hidden,
    ):
        qtbot.mouseClick(find_key(kiosk.keyboard, "Masquer le clavier"), LEFT)
    assert hidden.args == [False]
    assert not kiosk.keyboard.isVisible()
    show_for(qtbot, kiosk, kiosk.edit)
    tap(qtbot, kiosk.keyboard, "Touche o")
    assert kiosk.edit.text() == "o"


def test_disabled_controller_leaves_the_keyboard_hidden(qtbot: QtBot, kiosk: Kiosk) -> None:
    kiosk.controller.set_enabled(False)
    focus_by_tap(qtbot, kiosk.edit)
    QApplication.processEvents()
    assert not kiosk.keyboard.isVisible()
    kiosk.controller.set_enabled(True)
    assert kiosk.keyboard.isVisible()
    kiosk.controller.set_enabled(False)
    assert not kiosk.keyboard.isVisible()


def test_hardware_keyboard_still_types(qtbot: QtBot, kiosk: Kiosk) -> None:
    show_for(qtbot, kiosk, kiosk.edit)
    qtbot.keyClicks(kiosk.edit, "Mairie 2")
    tap(qtbot, kiosk.keyboard, "Touche a")
    qtbot.keyClick(kiosk.edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(kiosk.edit, "b")
    assert kiosk.edit.text() == "Mairie 2b"
    assert kiosk.keyboard.isVisible()


def test_field_at_the_bottom_of_a_scroll_area_is_scrolled_into_view(qtbot: QtBot) -> None:
    window = QWidget()
    window.setFixedSize(1000, 700)
    layout = QVBoxLayout(window)
    scroll = QScrollArea(window)
    scroll.setWidgetResizable(True)
    content = QWidget()
    content_layout = QVBoxLayout(content)
    filler = QLabel("Formulaire", content)
    filler.setFixedHeight(560)
    content_layout.addWidget(filler)
    field = QLineEdit(content)
    content_layout.addWidget(field)
    scroll.setWidget(content)
    layout.addWidget(scroll)
    keyboard, _controller = _dock(qtbot, window, layout)
    _activate(qtbot, window)

    viewport = scroll.viewport()

    def field_in_viewport() -> bool:
        rect = QRect(field.mapTo(viewport, field.rect().topLeft()), field.size())
        return viewport.rect().contains(rect)

    assert field_in_viewport()
    assert scroll.verticalScrollBar().value() == 0
    focus_by_tap(qtbot, field)
    qtbot.waitUntil(keyboard.isVisible)
    # The keyboard took real space from the page: the viewport is now shorter than the content below the field.
    qtbot.waitUntil(lambda: scroll.geometry().bottom() < keyboard.geometry().top())
    qtbot.waitUntil(field_in_viewport)
    assert scroll.verticalScrollBar().value() > 0
    assert not keyboard.geometry().intersects(QRect(field.mapTo(window, field.rect().topLeft()), field.size()))


# -- accessibility and size -------------------------------------------------------------------------------------


def _gap(a: QRect, b: QRect) -> int:
    horizontal = max(b.left() - a.right() - 1, a.left() - b.right() - 1)
    vertical = max(b.top() - a.bottom() - 1, a.top() - b.bottom() - 1)
    return max(horizontal, vertical)


def _check_keys(keyboard: OnScreenKeyboard, where: str) -> None:
    keys = visible_keys(keyboard)
    assert len(keys) >= 12, where
    rects = []
    for key in keys:
        assert key.width() >= 60, f"{where}: {key.text()!r} is {key.width()} px wide"
        assert key.height() >= 60, f"{where}: {key.text()!r} is {key.height()} px high"
        assert spoken_name(key).strip(), f"{where}: {key.text()!r} has no accessible name"
        assert key.focusPolicy() == Qt.FocusPolicy.NoFocus
        assert key.objectName() in {"keyboardKey", "keyboardKeyAction"}
        if key.objectName() == "keyboardKey":
            assert key.font().pixelSize() >= 22, f"{where}: {key.text()!r} font too small"
        rects.append(QRect(key.mapTo(keyboard, key.rect().topLeft()), key.size()))
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            assert _gap(a, b) >= 8, f"{where}: keys closer than 8 px: {a} {b}"


def test_every_key_is_large_spaced_and_named_on_every_page(qtbot: QtBot) -> None:
    window = QWidget()
    window.setFixedSize(1920, 1080)
    layout = QVBoxLayout(window)
    edit = QLineEdit(window)
    layout.addWidget(edit)
    layout.addStretch(1)
    keyboard, _controller = _dock(qtbot, window, layout)
    _activate(qtbot, window)
    focus_by_tap(qtbot, edit)
    qtbot.waitUntil(keyboard.isVisible)
    assert keyboard.objectName() == "onScreenKeyboard"
    assert keyboard.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)

    for name in LAYOUTS:
        keyboard.set_layout(name)
        QApplication.processEvents()
        _check_keys(keyboard, name)
    keyboard.set_layout("text")
    for switch, page in (("Chiffres", "symbols"), ("Accents", "accents")):
        tap(qtbot, keyboard, switch)
        assert keyboard.current_page() == page
        QApplication.processEvents()
        _check_keys(keyboard, page)
        tap(qtbot, keyboard, "Lettres")


def test_unknown_layout_is_rejected(qtbot: QtBot) -> None:
    keyboard = OnScreenKeyboard()
    qtbot.addWidget(keyboard)
    with pytest.raises(ValueError, match="klingon"):
        keyboard.set_layout("klingon")
    assert keyboard.current_layout() == "text"


_ENGLISH_TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="fr_FR">
<context>
    <name>OnScreenKeyboard</name>
    <message><source>Touche %1</source><translation>Key %1</translation></message>
    <message><source>Effacer</source><translation>Delete</translation></message>
    <message><source>Masquer le clavier</source><translation>Hide keyboard</translation></message>
    <message><source>Masquer
le clavier</source><translation>Hide
keyboard</translation></message>
    <message><source>virgule</source><translation>comma</translation></message>
</context>
</TS>
"""


@pytest.fixture
def english_translator(tmp_path: Path) -> QTranslator:
    """A real .qm built with lrelease, as the Linguist workflow produces.

    A Python QTranslator subclass overriding ``translate`` is not an option: with PySide6 6.12 every call
    through it drops one reference to None, and the interpreter aborts after a few hundred translations.
    """
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    if not lrelease.exists():
        pytest.skip("pyside6-lrelease is not installed next to the interpreter")
    source = tmp_path / "kiosk_en.ts"
    source.write_text(_ENGLISH_TS, encoding="utf-8")
    compiled = tmp_path / "kiosk_en.qm"
    subprocess.run([str(lrelease), "-silent", str(source), "-qm", str(compiled)], check=True, timeout=30)
    translator = QTranslator()
    assert translator.load(str(compiled))
    return translator


def test_language_change_retranslates_names_live(qtbot: QtBot, kiosk: Kiosk, english_translator: QTranslator) -> None:
    show_for(qtbot, kiosk, kiosk.edit)
    translator = english_translator
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert app.installTranslator(translator)
    try:
        qtbot.waitUntil(lambda: find_key_named(kiosk.keyboard, "Key a") is not None)
        assert find_key(kiosk.keyboard, "Delete").text() == "⌫"
        assert find_key(kiosk.keyboard, "Hide keyboard").text() == "Hide\nkeyboard"
        assert find_key(kiosk.keyboard, "Key comma").text() == ","
    finally:
        app.removeTranslator(translator)
    qtbot.waitUntil(lambda: find_key_named(kiosk.keyboard, "Touche a") is not None)
    assert find_key(kiosk.keyboard, "Masquer le clavier")


def find_key_named(keyboard: OnScreenKeyboard, name: str) -> QPushButton | None:
    return next((key for key in visible_keys(keyboard) if spoken_name(key) == name), None)


def test_key_activated_reports_the_spoken_name(qtbot: QtBot, kiosk: Kiosk) -> None:
    show_for(qtbot, kiosk, kiosk.edit)
    spoken: list[str] = []
    kiosk.keyboard.key_activated.connect(spoken.append)
    tap(qtbot, kiosk.keyboard, "Touche q", "Effacer", "Chiffres")
    assert spoken == ["Touche q", "Effacer", "Chiffres"]


def test_language_change_event_alone_keeps_french(qtbot: QtBot, kiosk: Kiosk) -> None:
    show_for(qtbot, kiosk, kiosk.edit)
    QApplication.sendEvent(kiosk.keyboard, QEvent(QEvent.Type.LanguageChange))
    assert find_key(kiosk.keyboard, "Touche a").text() == "a"
