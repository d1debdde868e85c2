"""In-app on-screen keyboard for the touch-only kiosk, and the controller that shows it for text fields.

The keyboard is a plain widget docked under the pages (never an overlay), so the page area shrinks when it
appears and the focused field is scrolled into view rather than covered. Keys send real ``QKeyEvent`` s to the
focused widget, so validators, input masks, ``textChanged``, ``returnPressed`` and undo behave exactly as with
a hardware keyboard. There is no long-press anywhere: every character is one visible tap away.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from typing import Final

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTextEdit,
    QWidget,
)

__all__ = ["KEYBOARD_PROPERTY", "LAYOUTS", "KeyboardController", "OnScreenKeyboard", "layout_for"]

_log = logging.getLogger(__name__)

_CONTEXT: Final = "OnScreenKeyboard"

#: Dynamic property a form sets on a field to force a layout, e.g. ``edit.setProperty("keyboard", "digits")``.
KEYBOARD_PROPERTY: Final = "keyboard"
#: The public layouts, in the order they are documented.
LAYOUTS: Final = ("text", "digits", "phone", "email")

# Sizes follow the accessibility targets (X1: primary targets >= 60 px, spacing >= 8 px; X7: large glyphs).
KEY_MIN_SIZE: Final = 64
KEY_SPACING: Final = 8
MAX_KEYS_WIDTH = 1500
CHAR_FONT_PX: Final = 28
ACTION_FONT_PX: Final = 22
# The numeric pads are used for postcodes and dates by people who may have poor motor control: bigger keys,
# but capped in width so a 1920 px screen does not turn "0" into a 600 px bar.
PAD_KEY_MIN_HEIGHT: Final = 80
PAD_KEY_MIN_WIDTH: Final = 120
PAD_MAX_WIDTH: Final = 720


class _Kind(enum.Enum):
    CHAR = "char"  # types ``text`` (one key event per character)
    SHORTCUT = "shortcut"  # types a whole chunk such as "@gmail.com"
    SPACE = "space"
    BACKSPACE = "backspace"
    ENTER = "enter"
    SHIFT = "shift"
    PAGE = "page"  # switches to the page named in ``text``
    GAP = "gap"  # empty cell that keeps the grid aligned


@dataclass(frozen=True, slots=True)
class _KeySpec:
    kind: _Kind
    text: str = ""
    span: int = 1


def _chars(chars: str) -> list[_KeySpec]:
    return [_KeySpec(_Kind.CHAR, c) for c in chars]


_BACKSPACE: Final = _KeySpec(_Kind.BACKSPACE, span=2)
_ENTER: Final = _KeySpec(_Kind.ENTER, span=2)
_SHIFT: Final = _KeySpec(_Kind.SHIFT, span=2)
_TO_LETTERS: Final = _KeySpec(_Kind.PAGE, "letters", span=2)
_TO_SYMBOLS: Final = _KeySpec(_Kind.PAGE, "symbols", span=2)
_TO_ACCENTS: Final = _KeySpec(_Kind.PAGE, "accents", span=2)

# Pages are grids of 12 columns (letters) or 3-4 columns (pads); each row's spans add up to the column count.
_PAGES: Final[dict[str, list[list[_KeySpec]]]] = {
    "letters": [
        [*_chars("azertyuiop"), _BACKSPACE],
        [*_chars("qsdfghjklm"), _ENTER],
        [_SHIFT, *_chars("wxcvbn,.'-")],
        [_TO_SYMBOLS, _TO_ACCENTS, _KeySpec(_Kind.SPACE, " ", span=8)],
    ],
    "symbols": [
        [*_chars("1234567890"), _BACKSPACE],
        [*_chars("@#%&*()+=€"), _ENTER],
        [_KeySpec(_Kind.GAP), *_chars(',.-/?!:;"_'), _KeySpec(_Kind.GAP)],
        [_TO_LETTERS, _TO_ACCENTS, _KeySpec(_Kind.SPACE, " ", span=8)],
    ],
    "accents": [
        [*_chars("éèêëàâçùûü"), _BACKSPACE],
        [*_chars("ôîïÿœæ«»'-"), _ENTER],
        [_SHIFT, _TO_LETTERS, _TO_SYMBOLS, _KeySpec(_Kind.SPACE, " ", span=6)],
    ],
    "digits": [
        _chars("123"),
        _chars("456"),
        _chars("789"),
        [_KeySpec(_Kind.BACKSPACE), _KeySpec(_Kind.CHAR, "0"), _KeySpec(_Kind.ENTER)],
    ],
    "phone": [
        [*_chars("123"), _KeySpec(_Kind.CHAR, "+")],
        [*_chars("456"), _KeySpec(_Kind.SPACE, " ")],
        [*_chars("789"), _KeySpec(_Kind.BACKSPACE)],
        [_KeySpec(_Kind.CHAR, "0", span=3), _KeySpec(_Kind.ENTER)],
    ],
    "email": [
        [*_chars("1234567890"), _BACKSPACE],
        [*_chars("azertyuiop"), _KeySpec(_Kind.CHAR, ".", span=2)],
        [*_chars("qsdfghjklm"), _ENTER],
        [*_chars("wxcvbn-_"), _KeySpec(_Kind.CHAR, "@", span=4)],
        [
            _KeySpec(_Kind.SHORTCUT, ".fr", span=3),
            _KeySpec(_Kind.SHORTCUT, ".com", span=3),
            _KeySpec(_Kind.SHORTCUT, "@gmail.com", span=3),
            _KeySpec(_Kind.SHORTCUT, "@orange.fr", span=3),
        ],
    ],
}

_PAD_PAGES: Final = frozenset({"digits", "phone"})
_LAYOUT_START_PAGE: Final = {"text": "letters", "digits": "digits", "phone": "phone", "email": "email"}
# Enter reads "OK" where the field is a short value that the person confirms, "Entrée" where it is prose.
_OK_PAGES: Final = frozenset({"digits", "phone", "email"})

# Spoken names for characters a screen reader would otherwise mumble or skip. Keyed by the lowercase glyph.
_CHAR_NAMES: Final[dict[str, object]] = {
    ",": QT_TRANSLATE_NOOP("OnScreenKeyboard", "virgule"),
    ".": QT_TRANSLATE_NOOP("OnScreenKeyboard", "point"),
    "'": QT_TRANSLATE_NOOP("OnScreenKeyboard", "apostrophe"),
    "-": QT_TRANSLATE_NOOP("OnScreenKeyboard", "tiret"),
    "_": QT_TRANSLATE_NOOP("OnScreenKeyboard", "tiret bas"),
    "@": QT_TRANSLATE_NOOP("OnScreenKeyboard", "arobase"),
    "#": QT_TRANSLATE_NOOP("OnScreenKeyboard", "dièse"),
    "%": QT_TRANSLATE_NOOP("OnScreenKeyboard", "pour cent"),
    "&": QT_TRANSLATE_NOOP("OnScreenKeyboard", "esperluette"),
    "*": QT_TRANSLATE_NOOP("OnScreenKeyboard", "astérisque"),
    "(": QT_TRANSLATE_NOOP("OnScreenKeyboard", "parenthèse ouvrante"),
    ")": QT_TRANSLATE_NOOP("OnScreenKeyboard", "parenthèse fermante"),
    "+": QT_TRANSLATE_NOOP("OnScreenKeyboard", "plus"),
    "=": QT_TRANSLATE_NOOP("OnScreenKeyboard", "égal"),
    "€": QT_TRANSLATE_NOOP("OnScreenKeyboard", "euro"),
    "/": QT_TRANSLATE_NOOP("OnScreenKeyboard", "barre oblique"),
    "?": QT_TRANSLATE_NOOP("OnScreenKeyboard", "point d'interrogation"),
    "!": QT_TRANSLATE_NOOP("OnScreenKeyboard", "point d'exclamation"),
    ":": QT_TRANSLATE_NOOP("OnScreenKeyboard", "deux-points"),
    ";": QT_TRANSLATE_NOOP("OnScreenKeyboard", "point-virgule"),
    '"': QT_TRANSLATE_NOOP("OnScreenKeyboard", "guillemet droit"),
    "«": QT_TRANSLATE_NOOP("OnScreenKeyboard", "guillemet ouvrant"),
    "»": QT_TRANSLATE_NOOP("OnScreenKeyboard", "guillemet fermant"),
    "é": QT_TRANSLATE_NOOP("OnScreenKeyboard", "e accent aigu"),
    "è": QT_TRANSLATE_NOOP("OnScreenKeyboard", "e accent grave"),
    "ê": QT_TRANSLATE_NOOP("OnScreenKeyboard", "e accent circonflexe"),
    "ë": QT_TRANSLATE_NOOP("OnScreenKeyboard", "e tréma"),
    "à": QT_TRANSLATE_NOOP("OnScreenKeyboard", "a accent grave"),
    "â": QT_TRANSLATE_NOOP("OnScreenKeyboard", "a accent circonflexe"),
    "ç": QT_TRANSLATE_NOOP("OnScreenKeyboard", "c cédille"),
    "ù": QT_TRANSLATE_NOOP("OnScreenKeyboard", "u accent grave"),
    "û": QT_TRANSLATE_NOOP("OnScreenKeyboard", "u accent circonflexe"),
    "ü": QT_TRANSLATE_NOOP("OnScreenKeyboard", "u tréma"),
    "ô": QT_TRANSLATE_NOOP("OnScreenKeyboard", "o accent circonflexe"),
    "î": QT_TRANSLATE_NOOP("OnScreenKeyboard", "i accent circonflexe"),
    "ï": QT_TRANSLATE_NOOP("OnScreenKeyboard", "i tréma"),
    "ÿ": QT_TRANSLATE_NOOP("OnScreenKeyboard", "y tréma"),
    "œ": QT_TRANSLATE_NOOP("OnScreenKeyboard", "e dans l'o"),
    "æ": QT_TRANSLATE_NOOP("OnScreenKeyboard", "e dans l'a"),
}

_SHORTCUT_NAMES: Final[dict[str, object]] = {
    ".fr": QT_TRANSLATE_NOOP("OnScreenKeyboard", "Saisir point f r"),
    ".com": QT_TRANSLATE_NOOP("OnScreenKeyboard", "Saisir point com"),
    "@gmail.com": QT_TRANSLATE_NOOP("OnScreenKeyboard", "Saisir arobase gmail point com"),
    "@orange.fr": QT_TRANSLATE_NOOP("OnScreenKeyboard", "Saisir arobase orange point f r"),
}


def _translate(text: object) -> str:
    return QCoreApplication.translate(_CONTEXT, str(text))


def _has_case(char: str) -> bool:
    upper = char.upper()
    return len(upper) == 1 and upper != char


def _key_code(char: str) -> int:
    # Same convention as Qt's own keyboard backends: the code is the uppercase code point (Key_A, Key_Eacute...),
    # which is also Qt's code for characters that have no named Qt::Key.
    if char == " ":
        return int(Qt.Key.Key_Space.value)
    upper = char.upper()
    return ord(upper) if len(upper) == 1 else ord(char)


def _send_key(target: QWidget, key: int, text: str) -> None:
    press = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, text)
    release = QKeyEvent(QEvent.Type.KeyRelease, key, Qt.KeyboardModifier.NoModifier, text)
    # sendEvent goes through QApplication.notify, so an ignored Return still propagates to parents (dialog
    # default buttons) as a hardware Return would.
    QApplication.sendEvent(target, press)
    QApplication.sendEvent(target, release)


class _Shift(enum.Enum):
    OFF = 0
    ONCE = 1  # next character only
    LOCKED = 2


# One tap gives a single capital (the common case: a name's initial); a second tap locks, a third releases.
_NEXT_SHIFT: Final = {_Shift.OFF: _Shift.ONCE, _Shift.ONCE: _Shift.LOCKED, _Shift.LOCKED: _Shift.OFF}


class OnScreenKeyboard(QWidget):
    """French on-screen keyboard whose keys send real key events to the focused widget.

    Layouts: ``"text"`` (AZERTY with a "123" page and an accents page), ``"digits"`` (numeric pad),
    ``"phone"`` (pad with "+" and space) and ``"email"`` (letters, digits, "@", ".", "-", "_" and domain
    shortcuts, no space). Keys never take focus, so the field keeps its cursor, selection and focus ring.

    Styling: the widget is ``#onScreenKeyboard``; keys that type are ``#keyboardKey``, the others (Shift,
    Backspace, Enter, page switches, hide) are ``#keyboardKeyAction``. Every key also has a dynamic property
    ``keyRole`` (``char``, ``shortcut``, ``space``, ``backspace``, ``enter``, ``shift``, ``page``, ``hide``);
    Shift is checkable and ``:checked`` while capitals are active; its ``capsLock`` property is ``true`` when
    locked.

    Signals:
        hide_requested: The person tapped "Masquer le clavier". The keyboard has already hidden itself.
        layout_changed(str): The layout set by :meth:`set_layout` changed; carries its name.
        key_activated(str): A key was tapped; carries the key's accessible name (for speech echo).
    """

    hide_requested = Signal()
    layout_changed = Signal(str)
    key_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("onScreenKeyboard")
        # Showing the keyboard must never steal activation or focus from the field being edited.
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        self._layout_name = "text"
        self._page_name = "letters"
        self._shift = _Shift.OFF
        self._keys: list[tuple[QPushButton, _KeySpec]] = []
        self._pages: dict[str, QWidget] = {}

        # The hide key sits beside the keys rather than above them: a row of its own would cost the page
        # 72 px of height, which a 1080 px screen cannot spare. Keys stay within reach on wide screens.
        root = QHBoxLayout(self)
        root.setContentsMargins(KEY_SPACING, KEY_SPACING, KEY_SPACING, KEY_SPACING)
        root.setSpacing(KEY_SPACING)
        root.addStretch(1)

        self._stack = QStackedWidget(self)
        self._stack.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._stack.setMaximumWidth(MAX_KEYS_WIDTH)
        root.addWidget(self._stack, 12)
        self._hide_key = self._new_button("hide", action=True)
        # Never narrower than its words: on a portrait screen the letter keys give the width instead.
        self._hide_key.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self._hide_key.clicked.connect(self._on_hide_clicked)
        root.addWidget(self._hide_key, 0, Qt.AlignmentFlag.AlignBottom)
        root.addStretch(1)
        # The keys (about 180 buttons) are built on first use: the home screen has no text field, and its
        # first paint must not wait for them.
        self._built = False
        self._retranslate()

    def _ensure_built(self) -> None:
        if self._built:
            return
        self._built = True
        for name, rows in _PAGES.items():
            page = self._build_page(name, rows)
            self._pages[name] = page
            self._stack.addWidget(page)
        self._show_page(self._page_name)
        self._retranslate()

    # -- public API -------------------------------------------------------------------------------------------

    def current_layout(self) -> str:
        """Name of the current layout: ``"text"``, ``"digits"``, ``"phone"`` or ``"email"``."""
        return self._layout_name

    def current_page(self) -> str:
        """Name of the page on screen: a layout name, or ``"letters"``, ``"symbols"``, ``"accents"`` for text."""
        return self._page_name

    def set_layout(self, name: str) -> None:
        """Switch to a layout (see :data:`LAYOUTS`). Resets Shift and returns "text" to its letters page.

        Raises:
            ValueError: ``name`` is not a known layout.
        """
        if name not in _LAYOUT_START_PAGE:
            raise ValueError(f"unknown keyboard layout {name!r}; expected one of {LAYOUTS}")
        self._ensure_built()
        changed = name != self._layout_name
        self._layout_name = name
        self._set_shift(_Shift.OFF)
        self._show_page(_LAYOUT_START_PAGE[name])
        if changed:
            self.layout_changed.emit(name)

    # -- Qt overrides -----------------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        self._ensure_built()
        super().showEvent(event)

    # -- construction -----------------------------------------------------------------------------------------

    def _new_button(self, role: str, *, action: bool) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName("keyboardKeyAction" if action else "keyboardKey")
        button.setProperty("keyRole", role)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAutoDefault(False)
        button.setMinimumSize(KEY_MIN_SIZE, KEY_MIN_SIZE)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        font = QFont(button.font())
        font.setPixelSize(CHAR_FONT_PX if role == "char" else ACTION_FONT_PX)
        button.setFont(font)
        return button

    def _build_page(self, name: str, rows: list[list[_KeySpec]]) -> QWidget:
        page = QWidget(self._stack)
        page.setObjectName(f"keyboardPage_{name}")
        grid = QGridLayout()
        grid.setSpacing(KEY_SPACING)
        grid.setContentsMargins(0, 0, 0, 0)
        columns = sum(spec.span for spec in rows[0])
        for column in range(columns):
            grid.setColumnStretch(column, 1)

        pad = name in _PAD_PAGES
        for row_index, row in enumerate(rows):
            column = 0
            for spec in row:
                if spec.kind is not _Kind.GAP:
                    button = self._make_key(spec)
                    if pad:
                        button.setMinimumSize(PAD_KEY_MIN_WIDTH, PAD_KEY_MIN_HEIGHT)
                    grid.addWidget(button, row_index, column, 1, spec.span)
                column += spec.span

        if pad:
            # Centre a width-capped pad; a numeric pad stretched over 1920 px is hard to aim at.
            holder = QWidget(page)
            holder.setMaximumWidth(PAD_MAX_WIDTH)
            holder.setLayout(grid)
            outer = QHBoxLayout(page)
            outer.setContentsMargins(0, 0, 0, 0)
            outer.addStretch(1)
            outer.addWidget(holder, 4)
            outer.addStretch(1)
        else:
            page.setLayout(grid)
        return page

    def _make_key(self, spec: _KeySpec) -> QPushButton:
        typing_key = spec.kind in (_Kind.CHAR, _Kind.SHORTCUT, _Kind.SPACE)
        button = self._new_button(spec.kind.value, action=not typing_key)
        if spec.kind is _Kind.SHIFT:
            button.setCheckable(True)
            button.setProperty("capsLock", False)
        if spec.kind is _Kind.BACKSPACE:
            # Holding Backspace repeats, as on a hardware keyboard; a single tap still deletes one character.
            button.setAutoRepeat(True)
        button.clicked.connect(lambda _checked=False, s=spec, b=button: self._on_key(s, b))
        self._keys.append((button, spec))
        return button

    # -- behaviour --------------------------------------------------------------------------------------------

    def _on_key(self, spec: _KeySpec, button: QPushButton) -> None:
        name = button.accessibleName()
        if spec.kind is _Kind.SHIFT:
            self._set_shift(_NEXT_SHIFT[self._shift])
        elif spec.kind is _Kind.PAGE:
            self._show_page(spec.text)
        else:
            self._type(spec)
        self.key_activated.emit(name)

    def _type(self, spec: _KeySpec) -> None:
        target = QApplication.focusWidget()
        # Only the focused field is a legitimate receiver; with no focus the tap is dropped rather than
        # delivered to whatever widget happens to be around.
        if target is None or self.isAncestorOf(target) or target is self:
            return
        if spec.kind is _Kind.BACKSPACE:
            _send_key(target, int(Qt.Key.Key_Backspace.value), "")
        elif spec.kind is _Kind.ENTER:
            _send_key(target, int(Qt.Key.Key_Return.value), "\r")
        elif spec.kind is _Kind.CHAR:
            char = spec.text.upper() if self._shift is not _Shift.OFF and _has_case(spec.text) else spec.text
            _send_key(target, _key_code(char), char)
            if self._shift is _Shift.ONCE:
                self._set_shift(_Shift.OFF)
        else:  # SPACE, SHORTCUT: one event per character, like typing them
            for char in spec.text:
                _send_key(target, _key_code(char), char)

    def _on_hide_clicked(self) -> None:
        self.hide()
        self.hide_requested.emit()

    def _show_page(self, name: str) -> None:
        self._ensure_built()
        self._page_name = name
        self._stack.setCurrentWidget(self._pages[name])
        self._refresh_enter_labels()

    def _set_shift(self, state: _Shift) -> None:
        self._shift = state
        self._retranslate()

    # -- labels and accessible names --------------------------------------------------------------------------

    def _refresh_enter_labels(self) -> None:
        for button, spec in self._keys:
            if spec.kind is _Kind.ENTER:
                self._label_key(button, spec)

    def _retranslate(self) -> None:
        self.setAccessibleName(self.tr("Clavier virtuel"))
        # On two lines: the key stands beside the letters, where a portrait screen has little width to give.
        self._hide_key.setText(self.tr("Masquer\nle clavier"))
        self._hide_key.setMinimumWidth(self._hide_key.sizeHint().width())
        self._hide_key.setAccessibleName(self.tr("Masquer le clavier"))
        for button, spec in self._keys:
            self._label_key(button, spec)

    def _label_key(self, button: QPushButton, spec: _KeySpec) -> None:
        label, name = self._describe(spec, self._page_for(button))
        button.setText(label)
        button.setAccessibleName(name)
        if spec.kind is _Kind.SHIFT:
            button.setChecked(self._shift is not _Shift.OFF)
            locked = self._shift is _Shift.LOCKED
            if button.property("capsLock") != locked:
                button.setProperty("capsLock", locked)
                # Dynamic properties used in style sheet selectors only take effect after a repolish.
                button.style().unpolish(button)
                button.style().polish(button)

    def _page_for(self, button: QPushButton) -> str:
        for name, page in self._pages.items():
            if page.isAncestorOf(button):
                return name
        return self._page_name

    def _describe(self, spec: _KeySpec, page: str) -> tuple[str, str]:
        """Visible label and spoken name of a key in the current shift state and language."""
        kind = spec.kind
        if kind is _Kind.CHAR:
            shifted = self._shift is not _Shift.OFF and _has_case(spec.text)
            glyph = spec.text.upper() if shifted else spec.text
            spoken_raw = _CHAR_NAMES.get(spec.text)
            if spoken_raw is None:
                return glyph, self.tr("Touche %1").replace("%1", glyph)
            spoken = _translate(spoken_raw)
            if shifted:
                spoken = self.tr("%1 majuscule").replace("%1", spoken)
            return glyph, self.tr("Touche %1").replace("%1", spoken)
        if kind is _Kind.SHORTCUT:
            return spec.text, _translate(_SHORTCUT_NAMES[spec.text])
        if kind is _Kind.SPACE:
            return self.tr("Espace"), self.tr("Espace")
        if kind is _Kind.BACKSPACE:
            return "⌫", self.tr("Effacer")
        if kind is _Kind.ENTER:
            label = self.tr("OK") if page in _OK_PAGES else self.tr("Entrée")
            return label, self.tr("Valider")
        if kind is _Kind.SHIFT:
            if self._shift is _Shift.LOCKED:
                return "⇪", self.tr("Majuscules verrouillées")
            return "⇧", self.tr("Majuscule")
        if kind is _Kind.PAGE:
            if spec.text == "letters":
                return self.tr("ABC"), self.tr("Lettres")
            if spec.text == "symbols":
                return self.tr("123"), self.tr("Chiffres")
            return self.tr("é à ç"), self.tr("Accents")
        return "", ""


def _is_text_input(widget: QWidget) -> bool:
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit | QAbstractSpinBox):
        return not widget.isReadOnly()
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return False


def layout_for(widget: QWidget) -> str:
    """Keyboard layout for a text input: its ``"keyboard"`` property, else its input method hints, else "text"."""
    forced = widget.property(KEYBOARD_PROPERTY)
    if forced is not None:
        if forced in LAYOUTS:
            return str(forced)
        _log.warning("ignoring unknown keyboard layout %r on %s", forced, widget.objectName() or type(widget))
    hints = widget.inputMethodHints()
    if isinstance(widget, QComboBox) and (line_edit := widget.lineEdit()) is not None:
        hints |= line_edit.inputMethodHints()
    imh = Qt.InputMethodHint
    if hints & imh.ImhEmailCharactersOnly:
        return "email"
    if hints & (imh.ImhDigitsOnly | imh.ImhFormattedNumbersOnly):
        return "digits"
    if hints & imh.ImhDialableCharactersOnly:
        return "phone"
    return "text"


class KeyboardController(QObject):
    """Shows the on-screen keyboard while an editable text input has focus, and hides it otherwise.

    The keyboard must be docked in the window's layout (typically at the bottom of the central widget), so
    showing it shrinks the page area; the controller then scrolls the nearest ``QScrollArea`` so the focused
    field stays visible. Real key events are never filtered, so a hardware keyboard keeps working.

    Layout choice, per focused widget: the ``"keyboard"`` dynamic property (``"text"``, ``"digits"``,
    ``"phone"``, ``"email"``), else ``inputMethodHints()`` (email, digits/formatted numbers, dialable), else
    ``"text"``. Read-only inputs are ignored.

    Signals:
        visibility_changed(bool): The keyboard was shown (True) or hidden (False) by the controller or by its
            own hide key.
    """

    visibility_changed = Signal(bool)

    def __init__(self, keyboard: OnScreenKeyboard, parent: QObject | None = None, *, scroll_margin: int = 24) -> None:
        super().__init__(parent)
        self._keyboard = keyboard
        self._scroll_margin = scroll_margin
        self._enabled = True
        self._target: QWidget | None = None
        self._shown = False
        keyboard.hide()
        keyboard.hide_requested.connect(self._on_hide_requested)
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            raise RuntimeError("KeyboardController needs a QApplication")
        app.focusChanged.connect(self._on_focus_changed)

    def is_enabled(self) -> bool:
        """Whether the keyboard appears automatically for text inputs."""
        return self._enabled

    def set_enabled(self, enabled: bool) -> None:
        """Turn the automatic keyboard on or off (e.g. off for an agent with a hardware keyboard)."""
        self._enabled = enabled
        if enabled:
            self._update_for(QApplication.focusWidget())
        else:
            self._hide()

    def target(self) -> QWidget | None:
        """The text input the keyboard is currently serving, if any."""
        return self._target

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._enabled:
            self._update_for(new)

    def _update_for(self, widget: QWidget | None) -> None:
        if widget is not None and (widget is self._keyboard or self._keyboard.isAncestorOf(widget)):
            return
        if widget is None or not _is_text_input(widget):
            self._hide()
            return
        self._target = widget
        self._keyboard.set_layout(layout_for(widget))
        self._keyboard.show()
        self._set_shown(True)
        # The page area only shrinks once the pending layout request has been processed; scrolling before that
        # would use the old viewport height and leave the field under the keyboard.
        QTimer.singleShot(0, self, self._ensure_target_visible)

    def _ensure_target_visible(self) -> None:
        target = self._target
        if target is None or not shiboken6.isValid(target) or not self._keyboard.isVisible():
            return
        parent = target.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None:
            parent.ensureWidgetVisible(target, 0, self._scroll_margin)

    def _on_hide_requested(self) -> None:
        target = self._target
        self._hide()
        # Dropping focus means the next tap on the field is a focus change, which brings the keyboard back.
        if target is not None and shiboken6.isValid(target) and target.hasFocus():
            target.clearFocus()

    def _hide(self) -> None:
        self._target = None
        self._keyboard.hide()
        self._set_shown(False)

    def _set_shown(self, shown: bool) -> None:
        if shown != self._shown:
            self._shown = shown
            self.visibility_changed.emit(shown)
