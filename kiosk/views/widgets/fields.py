"""One editor per field type of a procedure (sync.catalogue.FieldDef), built from the definition (data, not code).

Every editor shows, top to bottom: the visible label (a QLabel whose buddy is the input; never a placeholder),
the help text (muted), the error line when there is one (a warning icon and the message in text, so an error is
never told by colour alone), then the input. Optional fields say "(facultatif)" after their label; a field
without that mark must be answered (checkboxes and notices carry no mark: see ``FieldEditor``).

Touch sizes: text inputs are at least 64 px high; options (radio buttons, check boxes) are rows of at least
64 px, the whole row is the tap target and the text wraps instead of being cut. Digits-only inputs (number, the
parts of a date, the postcode) set the on-screen keyboard's "digits" layout through the ``"keyboard"`` dynamic
property; there is no spin box (spin arrows are tiny touch targets).

Citizen messages for validation problems (kiosk.services.forms.Problem) are made in one place:
:func:`problem_message`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final, Literal

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRect, QRectF, QRegularExpression, QSize, Qt, Signal
from PySide6.QtGui import (
    QFontMetrics,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QRegularExpressionValidator,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.models.dto import Address, AnswerValue
from kiosk.services.forms import Problem, normalize
from kiosk.views import icons
from kiosk.views.answers import format_day, format_number
from kiosk.views.plural import count_text
from kiosk.views.widgets.keyboard import KEYBOARD_PROPERTY
from sync.catalogue import FieldDef
from sync.protocol import MAX_PASSWORD

__all__ = [
    "AddressEditor",
    "CheckboxEditor",
    "DateEditor",
    "FieldEditor",
    "InputKind",
    "LabelledInput",
    "LongTextEdit",
    "LongTextEditor",
    "MultipleChoiceEditor",
    "NoticeEditor",
    "NumberEditor",
    "OptionCheckBox",
    "OptionRadioButton",
    "SingleChoiceEditor",
    "TextEditor",
    "line_edit",
    "make_editor",
    "problem_message",
    "set_keyboard",
]

#: Minimum height of a text input and of an option row (px).
INPUT_MIN_HEIGHT = 64
#: The longest e-mail address an input takes (RFC 5321's path limit; sync.protocol.EmailAddress's too).
MAX_EMAIL: Final = 254
#: Size of the tick box / radio circle drawn in an option row (px), unless the stylesheet asks for more.
INDICATOR_SIZE = 36
_OPTION_PAD = 14  # inside an option row, left/right and top/bottom
_OPTION_GAP = 18  # between the indicator and the text
_ERROR_ICON_SIZE = 32
# Up to this many options with short labels sit side by side (Oui / Non); otherwise one option per row.
_ROW_MAX_OPTIONS = 3
_ROW_MAX_LABEL = 24

_KEYBOARDS = {"text": "text", "long_text": "text", "email": "email", "phone": "phone", "number": "digits"}
# Without a max_length in the definition, still keep pasted novels out of one-line inputs.
_DEFAULT_MAX_LENGTH = {"text": 500, "email": MAX_EMAIL, "phone": 20, "number": 15}


def set_keyboard(widget: QWidget, layout: str) -> None:
    """The on-screen keyboard's ``layout`` for ``widget`` ("text", "email", "phone", "digits"), and the matching
    input-method hints."""
    widget.setProperty(KEYBOARD_PROPERTY, layout)
    hints = Qt.InputMethodHint
    if layout == "digits":
        widget.setInputMethodHints(hints.ImhDigitsOnly | hints.ImhNoPredictiveText)
    elif layout == "phone":
        widget.setInputMethodHints(hints.ImhDialableCharactersOnly | hints.ImhNoPredictiveText)
    elif layout == "email":
        widget.setInputMethodHints(hints.ImhEmailCharactersOnly | hints.ImhNoAutoUppercase | hints.ImhNoPredictiveText)


def _repolish(widget: QWidget) -> None:
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def _wrapped_label(object_name: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if object_name:
        label.setObjectName(object_name)
    return label


def line_edit(object_name: str, keyboard: str, max_length: int | None, parent: QWidget) -> QLineEdit:
    """A one-line input named ``object_name``, touch-high, with the ``keyboard`` layout (see ``set_keyboard``)."""
    edit = QLineEdit(parent)
    edit.setObjectName(object_name)
    edit.setMinimumHeight(INPUT_MIN_HEIGHT)
    if max_length is not None:
        edit.setMaxLength(max_length)
    set_keyboard(edit, keyboard)
    return edit


# --- options: large, wrapping radio buttons and check boxes -------------------------------------------------


def _indicator_size(button: QAbstractButton) -> int:
    option = QStyleOptionButton()
    option.initFrom(button)
    metric = button.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, option, button)
    return max(INDICATOR_SIZE, metric)


def _text_left(button: QAbstractButton) -> int:
    return _OPTION_PAD + _indicator_size(button) + _OPTION_GAP


def _option_text_height(button: QAbstractButton, width: int) -> int:
    text_width = max(1, width - _text_left(button) - _OPTION_PAD)
    flags = int(Qt.TextFlag.TextWordWrap)
    return QFontMetrics(button.font()).boundingRect(QRect(0, 0, text_width, 100_000), flags, button.text()).height()


def _option_height(button: QAbstractButton, width: int) -> int:
    return max(INPUT_MIN_HEIGHT, _option_text_height(button, width) + 2 * _OPTION_PAD)


def _option_size_hint(button: QAbstractButton) -> QSize:
    natural = QFontMetrics(button.font()).horizontalAdvance(button.text())
    width = _text_left(button) + min(natural, 900) + _OPTION_PAD + 4
    return QSize(width, _option_height(button, width))


def _option_minimum_size_hint(button: QAbstractButton) -> QSize:
    natural = QFontMetrics(button.font()).horizontalAdvance(button.text())
    width = _text_left(button) + min(natural, 160) + _OPTION_PAD
    return QSize(width, _option_height(button, width))


def _paint_option(button: QCheckBox | QRadioButton, radio: bool) -> None:
    """The row's stylesheet box (background, border, :checked, :focus), a large indicator drawn in the text
    colour (so it contrasts in every theme; ticked is a filled box or dot, not a colour change), the text."""
    painter = QPainter(button)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    option = QStyleOptionButton()
    button.initStyleOption(option)
    option.rect = button.rect()
    button.style().drawPrimitive(QStyle.PrimitiveElement.PE_Widget, option, painter, button)
    palette = button.palette()
    group = QPalette.ColorGroup.Active if button.isEnabled() else QPalette.ColorGroup.Disabled
    ink = palette.color(group, button.foregroundRole())
    paper = palette.color(group, button.backgroundRole())
    size = _indicator_size(button)
    box = QRectF(_OPTION_PAD, (button.height() - size) / 2, size, size)
    pen_width = max(3.0, size / 12)
    inner = box.adjusted(pen_width / 2, pen_width / 2, -pen_width / 2, -pen_width / 2)
    painter.setPen(QPen(ink, pen_width))
    if radio:
        painter.setBrush(paper)
        painter.drawEllipse(inner)
        if button.isChecked():
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(ink)
            dot = size * 0.25
            painter.drawEllipse(inner.adjusted(dot, dot, -dot, -dot))
    else:
        checked = button.isChecked()
        painter.setBrush(ink if checked else paper)
        painter.drawRoundedRect(inner, size / 8, size / 8)
        if checked:
            tick = QPainterPath()
            tick.moveTo(box.left() + size * 0.24, box.top() + size * 0.52)
            tick.lineTo(box.left() + size * 0.43, box.top() + size * 0.71)
            tick.lineTo(box.left() + size * 0.77, box.top() + size * 0.30)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            pen = QPen(paper, max(3.0, size / 9))
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            painter.drawPath(tick)
    left = _text_left(button)
    text_rect = QRect(left, 0, max(1, button.width() - left - _OPTION_PAD), button.height())
    painter.setFont(button.font())
    painter.setPen(ink)
    align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    painter.drawText(text_rect, int(align) | int(Qt.TextFlag.TextWordWrap), button.text())
    painter.end()


def _option_policy() -> QSizePolicy:
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    policy.setHeightForWidth(True)
    return policy


class _OptionRow:
    """What a check box and a radio button share as large rows: a big box or circle and text that wraps;
    tapping anywhere on the row ticks it. Mixed into the Qt class (listed first, so its methods win)."""

    RADIO = False

    def _setup_row(self: Any) -> None:
        self.setProperty("option", True)
        self.setSizePolicy(_option_policy())
        self.setMinimumHeight(INPUT_MIN_HEIGHT)

    def sizeHint(self: Any) -> QSize:
        return _option_size_hint(self)

    def minimumSizeHint(self: Any) -> QSize:
        return _option_minimum_size_hint(self)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self: Any, width: int) -> int:
        return _option_height(self, width)

    def hitButton(self: Any, pos: QPoint) -> bool:
        return bool(self.rect().contains(pos))

    def paintEvent(self: Any, event: QPaintEvent) -> None:
        _paint_option(self, radio=self.RADIO)


class OptionCheckBox(_OptionRow, QCheckBox):
    """A check box as a large row."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._setup_row()


class OptionRadioButton(_OptionRow, QRadioButton):
    """A radio button as a large row."""

    RADIO = True

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._setup_row()


# --- the editors --------------------------------------------------------------------------------------------


def optional_label(label: str) -> str:
    """``label`` marked as optional: "Téléphone (facultatif)". (A plain call, so that lupdate finds the words:
    it does not look inside f-strings.)"""
    mark = QCoreApplication.translate("FieldEditor", "(facultatif)")
    return f"{label} {mark}"


class FieldEditor(QWidget):
    """The editor of one field: label, help, error line and input(s). Build it with :func:`make_editor`.

    Required or optional: an optional field's label ends with "(facultatif)"; an unmarked field must be
    answered. This reads without a legend to learn (unlike "*"), is read out by screen readers as part of the
    name, and marks the few optional fields rather than most fields. A checkbox is not marked (not ticking it
    is itself an answer; a required one, such as accepting rules, says so when left unticked), nor a notice.

    Signals:
        value_changed(): the answer changed (typed, tapped, or set with ``set_value``).
    """

    value_changed = Signal()

    def __init__(self, field: FieldDef, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._field = field
        self._language = language
        self._problem: str | None = None
        self.setObjectName("fieldEditor")
        self.setProperty("fieldId", field.id)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self._layout = layout
        self.label = _wrapped_label("fieldLabel", self)
        self.help = _wrapped_label("muted", self)
        self.error_line = QFrame(self)
        self.error_line.setObjectName("errorLine")
        self._error_icon = QLabel(self.error_line)
        self._error_icon.setObjectName("errorIcon")
        self._error_icon.setFixedSize(_ERROR_ICON_SIZE + 4, _ERROR_ICON_SIZE + 4)
        self.error_text = _wrapped_label("errorText", self.error_line)
        row = QHBoxLayout(self.error_line)
        row.setContentsMargins(8, 6, 8, 6)
        row.setSpacing(12)
        row.addWidget(self._error_icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.error_text, 1)
        self.error_line.hide()
        layout.addWidget(self.label)
        layout.addWidget(self.help)
        layout.addWidget(self.error_line)

    # -- public API

    @property
    def field(self) -> FieldDef:
        return self._field

    @property
    def language(self) -> str:
        return self._language

    def value(self) -> AnswerValue | None:
        """The answer, normalized (see ``kiosk.services.forms.normalize``); None when nothing is entered."""
        raise NotImplementedError

    def set_value(self, value: AnswerValue | None) -> None:
        """Show ``value`` (as returned by ``value()``); None empties the editor."""
        raise NotImplementedError

    def set_problem(self, text: str | None) -> None:
        """Show ``text`` (from :func:`problem_message`) beside the field, or hide the error line with None.

        The message is also the inputs' accessible description, and the inputs get the dynamic property
        ``invalid`` (for a stylesheet border). Messages are not retranslated here: set them again after a
        language switch.
        """
        self._problem = text or None
        self.error_text.setText(text or "")
        self.error_line.setVisible(self._problem is not None)
        if self._problem is not None:
            self._paint_error_icon()
        self._describe_inputs()
        for widget in self.inputs():
            if bool(widget.property("invalid")) != (self._problem is not None):
                widget.setProperty("invalid", self._problem is not None)
                _repolish(widget)

    def problem(self) -> str | None:
        """The message shown, if any."""
        return self._problem

    def focus_input(self) -> None:
        """Give the focus to the input to fix first (the first input, or the first empty part)."""
        inputs = self.inputs()
        if inputs:
            inputs[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def inputs(self) -> list[QWidget]:
        """The interactive widgets of this editor, in focus order (empty for a notice)."""
        return []

    def retranslate(self, language: str) -> None:
        """Re-read every text in ``language`` (catalogue texts) and the current translator (fixed texts)."""
        self._language = language
        label = self._field.label.get(language)
        if not self._field.required and self._field.type not in {"checkbox", "notice"}:
            label = optional_label(label)
        self.label.setText(label)
        help_text = self._field.help.get(language) if self._field.help else ""
        self.help.setText(help_text)
        self.help.setVisible(bool(help_text))
        self._describe_inputs()

    # -- for subclasses

    def _add_input(self, widget: QWidget) -> None:
        self._layout.addWidget(widget)

    def _add_input_layout(self, layout: QHBoxLayout | QVBoxLayout | QGridLayout) -> None:
        self._layout.addLayout(layout)

    def _emit_changed(self, *_args: object) -> None:
        self.value_changed.emit()

    def _describe_inputs(self) -> None:
        parts = [p for p in (self._problem, self.help.text()) if p]
        description = " ".join(parts)
        for widget in self.inputs():
            widget.setAccessibleDescription(description)

    def _paint_error_icon(self) -> None:
        self.error_text.ensurePolished()
        color = self.error_text.palette().color(QPalette.ColorRole.WindowText).name()
        self._error_icon.setPixmap(icons.pixmap("warning", color, _ERROR_ICON_SIZE))

    def changeEvent(self, event: QEvent) -> None:
        kind = event.type()
        if kind == QEvent.Type.LanguageChange:
            self.retranslate(self._language)
        elif kind in {QEvent.Type.StyleChange, QEvent.Type.PaletteChange} and self._problem is not None:
            self._paint_error_icon()
        super().changeEvent(event)


class _TextInputEditor(FieldEditor):
    """An editor of one text input, ``edit`` (``text()``/``setText()``): its answer is the normalised text."""

    edit: QLineEdit | LongTextEdit

    def _use_input(self, edit: QLineEdit | LongTextEdit, language: str) -> None:
        self.edit = edit
        self.label.setBuddy(edit)
        edit.textChanged.connect(self._emit_changed)
        self._add_input(edit)
        self.retranslate(language)

    def inputs(self) -> list[QWidget]:
        return [self.edit]

    def value(self) -> AnswerValue | None:
        return normalize(self._field, self.edit.text())

    def set_value(self, value: AnswerValue | None) -> None:
        self.edit.setText("" if value is None else str(value))

    def retranslate(self, language: str) -> None:
        super().retranslate(language)
        self.edit.setAccessibleName(self.label.text())


class TextEditor(_TextInputEditor):
    """text, email, phone: one line, with the matching on-screen keyboard layout."""

    def __init__(self, field: FieldDef, language: str, parent: QWidget | None = None) -> None:
        super().__init__(field, language, parent)
        max_length = field.max_length or _DEFAULT_MAX_LENGTH.get(field.type)
        self._use_input(line_edit(field.id, _KEYBOARDS.get(field.type, "text"), max_length, self), language)


class NumberEditor(TextEditor):
    """number: a one-line input with the digits keypad (no spin box). A typed non-number is kept as text, so
    validation can say "not_a_number"."""

    def __init__(self, field: FieldDef, language: str, parent: QWidget | None = None) -> None:
        super().__init__(field, language, parent)
        self.edit.setMaximumWidth(360)

    def set_value(self, value: AnswerValue | None) -> None:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = "" if value is None else str(value)
        if isinstance(value, float) and self._language == "fr":
            text = text.replace(".", ",")
        self.edit.setText(text)


class LongTextEdit(QPlainTextEdit):
    """A multi-line input at least three lines high; Tab moves on instead of typing a tab."""

    LINES = 3

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def _height_for_lines(self, lines: int) -> int:
        margins = self.contentsMargins()
        inner = round(self.document().documentMargin() * 2) + margins.top() + margins.bottom()
        return max(INPUT_MIN_HEIGHT, QFontMetrics(self.font()).lineSpacing() * lines + inner + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self._height_for_lines(self.LINES))

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._height_for_lines(self.LINES + 1))

    def text(self) -> str:
        """As QLineEdit's: one text-input interface for the editors."""
        return self.toPlainText()

    def setText(self, text: str) -> None:
        self.setPlainText(text)


class LongTextEditor(_TextInputEditor):
    """long_text: several lines, text keyboard."""

    def __init__(self, field: FieldDef, language: str, parent: QWidget | None = None) -> None:
        super().__init__(field, language, parent)
        edit = LongTextEdit(self)
        edit.setObjectName(field.id)
        set_keyboard(edit, "text")
        self._use_input(edit, language)


class DateEditor(FieldEditor):
    """date: three digit inputs in the French order, jour / mois / année, each with its visible label.

    ``value()`` is the ISO date, None when all three are empty, and an ISO-looking text that is not a date
    (such as "2025-02-31" or "85-07-14") when the parts do not make one: validation says "not_a_date".
    Typing the second digit of the day or the month moves on to the next part.
    """

    def __init__(self, field: FieldDef, language: str, parent: QWidget | None = None) -> None:
        super().__init__(field, language, parent)
        self.example = _wrapped_label("muted", self)
        self._layout.insertWidget(self._layout.indexOf(self.error_line), self.example)
        self.day = line_edit(f"{field.id}.day", "digits", 2, self)
        self.month = line_edit(f"{field.id}.month", "digits", 2, self)
        self.year = line_edit(f"{field.id}.year", "digits", 4, self)
        self._part_labels: list[QLabel] = []
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(4)
        for column, (edit, width) in enumerate(((self.day, 120), (self.month, 120), (self.year, 170))):
            part = _wrapped_label("fieldPartLabel", self)
            part.setBuddy(edit)
            edit.setFixedWidth(width)
            edit.textChanged.connect(self._emit_changed)
            self._part_labels.append(part)
            grid.addWidget(part, 0, column)
            grid.addWidget(edit, 1, column)
        grid.setColumnStretch(3, 1)
        self.label.setBuddy(self.day)
        self.day.textEdited.connect(lambda text: self._advance(text, self.month))
        self.month.textEdited.connect(lambda text: self._advance(text, self.year))
        self._add_input_layout(grid)
        self.retranslate(language)

    def _advance(self, text: str, following: QLineEdit) -> None:
        if len(text) == 2:
            following.setFocus(Qt.FocusReason.TabFocusReason)

    def inputs(self) -> list[QWidget]:
        return [self.day, self.month, self.year]

    def focus_input(self) -> None:
        empty = [edit for edit in (self.day, self.month, self.year) if not edit.text().strip()]
        (empty[0] if empty else self.day).setFocus(Qt.FocusReason.OtherFocusReason)

    def value(self) -> AnswerValue | None:
        day, month, year = (edit.text().strip() for edit in (self.day, self.month, self.year))
        if not (day or month or year):
            return None
        return f"{year}-{month.zfill(2)}-{day.zfill(2)}"

    def set_value(self, value: AnswerValue | None) -> None:
        parts = str(value).split("-") if isinstance(value, str) else []
        year, month, day = parts if len(parts) == 3 else ("", "", "")
        self.day.setText(day)
        self.month.setText(month)
        self.year.setText(year)

    def retranslate(self, language: str) -> None:
        super().retranslate(language)
        self.example.setText(QCoreApplication.translate("FieldEditor", "Par exemple : 14 07 1985"))
        names = (
            QCoreApplication.translate("FieldEditor", "Jour"),
            QCoreApplication.translate("FieldEditor", "Mois"),
            QCoreApplication.translate("FieldEditor", "Année"),
        )
        field_label = self._field.label.get(language)
        for part, edit, name in zip(self._part_labels, self.inputs(), names, strict=True):
            part.setText(name)
            edit.setAccessibleName(f"{field_label} : {name.lower()}")


class _ChoiceEditor(FieldEditor):
    """The options of a choice in a group named by the question (the visible label is the editor's)."""

    def __init__(self, field: FieldDef, language: str, parent: QWidget | None, exclusive: bool) -> None:
        super().__init__(field, language, parent)
        self.group_box = QGroupBox(self)
        self.group_box.setObjectName("choiceGroup")
        self.group_box.setFlat(True)
        self.buttons = QButtonGroup(self)
        self.buttons.setExclusive(exclusive)
        side_by_side = len(field.options) <= _ROW_MAX_OPTIONS and all(
            len(option.label.get(lang)) <= _ROW_MAX_LABEL for option in field.options for lang in ("fr", "en")
        )
        box: QHBoxLayout | QVBoxLayout = QHBoxLayout(self.group_box) if side_by_side else QVBoxLayout(self.group_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(16 if side_by_side else 10)
        self._options: dict[str, QAbstractButton] = {}
        for index, option in enumerate(field.options):
            button = self._make_button()
            button.setObjectName(f"{field.id}.{option.value}")
            button.setProperty("optionValue", option.value)
            self.buttons.addButton(button, index)
            self._options[option.value] = button
            box.addWidget(button)
        if side_by_side:
            box.addStretch(1)
        self.label.setBuddy(self.group_box)
        self.buttons.idToggled.connect(self._on_toggled)
        self._add_input(self.group_box)

    def _make_button(self) -> QAbstractButton:
        raise NotImplementedError

    def _on_toggled(self, _id: int, checked: bool) -> None:
        if checked or not self.buttons.exclusive():
            self.value_changed.emit()

    def option_button(self, value: str) -> QAbstractButton:
        """The radio button or check box of the option ``value``."""
        return self._options[value]

    def inputs(self) -> list[QWidget]:
        return list(self._options.values())

    def focus_input(self) -> None:
        checked = self.buttons.checkedButton()
        (checked or next(iter(self._options.values()))).setFocus(Qt.FocusReason.OtherFocusReason)

    def _ticked(self) -> tuple[str, ...]:
        return tuple(value for value, button in self._options.items() if button.isChecked())

    def _set_ticked(self, values: set[str]) -> None:
        exclusive = self.buttons.exclusive()
        self.buttons.setExclusive(False)  # an exclusive group cannot be emptied otherwise
        for value, button in self._options.items():
            button.setChecked(value in values)
        self.buttons.setExclusive(exclusive)

    def retranslate(self, language: str) -> None:
        super().retranslate(language)
        self.group_box.setAccessibleName(self.label.text())
        for option in self._field.options:
            self._options[option.value].setText(option.label.get(language))
        self.group_box.updateGeometry()


class SingleChoiceEditor(_ChoiceEditor):
    """single_choice: large radio buttons; one per row (always so beyond three options or with long labels)."""

    def __init__(self, field: FieldDef, language: str, parent: QWidget | None = None) -> None:
        super().__init__(field, language, parent, exclusive=True)
        self.retranslate(language)

    def _make_button(self) -> QAbstractButton:
        return OptionRadioButton(parent=self.group_box)

    def value(self) -> AnswerValue | None:
        ticked = self._ticked()
        return ticked[0] if ticked else None

    def set_value(self, value: AnswerValue | None) -> None:
        self._set_ticked({value} if isinstance(value, str) else set())


class MultipleChoiceEditor(_ChoiceEditor):
    """multiple_choice: large check boxes; ``value()`` is the tuple of ticked values, None when none is."""

    def __init__(self, field: FieldDef, language: str, parent: QWidget | None = None) -> None:
        super().__init__(field, language, parent, exclusive=False)
        self.retranslate(language)

    def _make_button(self) -> QAbstractButton:
        return OptionCheckBox(parent=self.group_box)

    def value(self) -> AnswerValue | None:
        return self._ticked() or None

    def set_value(self, value: AnswerValue | None) -> None:
        self._set_ticked(set(value) if isinstance(value, tuple) else set())


class CheckboxEditor(FieldEditor):
    """checkbox: one large check box whose text is the label. ``value()`` is always a bool."""

    def __init__(self, field: FieldDef, language: str, parent: QWidget | None = None) -> None:
        super().__init__(field, language, parent)
        self.label.hide()  # the check box's own text is the label
        self.check = OptionCheckBox(parent=self)
        self.check.setObjectName(field.id)
        self.check.toggled.connect(self._emit_changed)
        self._add_input(self.check)
        self.retranslate(language)

    def inputs(self) -> list[QWidget]:
        return [self.check]

    def value(self) -> AnswerValue | None:
        return self.check.isChecked()

    def set_value(self, value: AnswerValue | None) -> None:
        self.check.setChecked(value is True)

    def retranslate(self, language: str) -> None:
        super().retranslate(language)
        self.check.setText(self.label.text())
        self.check.updateGeometry()


class AddressEditor(FieldEditor):
    """address: numéro et voie, complément (facultatif), code postal (digits keypad) and commune, each labelled.

    ``value()`` is an :class:`~kiosk.models.dto.Address`, None when every part is empty.
    """

    def __init__(self, field: FieldDef, language: str, parent: QWidget | None = None) -> None:
        super().__init__(field, language, parent)
        self.line = line_edit(f"{field.id}.line", "text", 150, self)
        self.complement = line_edit(f"{field.id}.complement", "text", 150, self)
        self.postcode = line_edit(f"{field.id}.postcode", "digits", 5, self)
        self.city = line_edit(f"{field.id}.city", "text", 100, self)
        self.postcode.setFixedWidth(200)
        self._part_labels: dict[QLineEdit, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(4)
        places = {self.line: (0, 0, 1, 2), self.complement: (2, 0, 1, 2), self.postcode: (4, 0, 1, 1)}
        places[self.city] = (4, 1, 1, 1)
        for edit, (row, column, _rows, span) in places.items():
            part = _wrapped_label("fieldPartLabel", self)
            part.setBuddy(edit)
            edit.textChanged.connect(self._emit_changed)
            self._part_labels[edit] = part
            grid.addWidget(part, row, column, 1, span)
            grid.addWidget(edit, row + 1, column, 1, span)
            if row < 4:
                grid.setRowMinimumHeight(row + 1, INPUT_MIN_HEIGHT)
        grid.setColumnStretch(1, 1)
        self.label.setBuddy(self.line)
        self._add_input_layout(grid)
        self.retranslate(language)

    def inputs(self) -> list[QWidget]:
        return [self.line, self.complement, self.postcode, self.city]

    def focus_input(self) -> None:
        empty = [edit for edit in (self.line, self.postcode, self.city) if not edit.text().strip()]
        (empty[0] if empty else self.line).setFocus(Qt.FocusReason.OtherFocusReason)

    def value(self) -> AnswerValue | None:
        typed = Address(
            line=self.line.text(),
            postcode=self.postcode.text(),
            city=self.city.text(),
            complement=self.complement.text(),
        )
        return normalize(self._field, typed)

    def set_value(self, value: AnswerValue | None) -> None:
        address = value if isinstance(value, Address) else Address("", "", "")
        self.line.setText(address.line)
        self.complement.setText(address.complement)
        self.postcode.setText(address.postcode)
        self.city.setText(address.city)

    def retranslate(self, language: str) -> None:
        super().retranslate(language)
        names = {
            self.line: QCoreApplication.translate("FieldEditor", "Numéro et voie"),
            self.complement: QCoreApplication.translate("FieldEditor", "Complément d'adresse (facultatif)"),
            self.postcode: QCoreApplication.translate("FieldEditor", "Code postal"),
            self.city: QCoreApplication.translate("FieldEditor", "Commune"),
        }
        field_label = self._field.label.get(language)
        for edit, name in names.items():
            self._part_labels[edit].setText(name)
            edit.setAccessibleName(f"{field_label} : {name}")


class NoticeEditor(FieldEditor):
    """notice: a framed text with an information icon; nothing to enter (``value()`` is None)."""

    def __init__(self, field: FieldDef, language: str, parent: QWidget | None = None) -> None:
        super().__init__(field, language, parent)
        self.label.hide()
        self.frame = QFrame(self)
        self.frame.setObjectName("notice")
        self._icon = QLabel(self.frame)
        self._icon.setFixedSize(44, 44)
        self.title = _wrapped_label("noticeTitle", self.frame)
        self.text = _wrapped_label("noticeText", self.frame)
        texts = QVBoxLayout()
        texts.setSpacing(6)
        texts.addWidget(self.title)
        texts.addWidget(self.text)
        row = QHBoxLayout(self.frame)
        row.setContentsMargins(20, 16, 20, 16)
        row.setSpacing(16)
        row.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(texts, 1)
        self._add_input(self.frame)
        self.retranslate(language)

    def value(self) -> AnswerValue | None:
        return None

    def set_value(self, value: AnswerValue | None) -> None:
        """Nothing to set: a notice has no answer."""

    def retranslate(self, language: str) -> None:
        super().retranslate(language)
        self.title.setText(self._field.label.get(language))
        self.text.setText(self._field.text.get(language) if self._field.text else "")

    def _paint_notice_icon(self) -> None:
        self.title.ensurePolished()
        color = self.title.palette().color(QPalette.ColorRole.WindowText).name()
        self._icon.setPixmap(icons.pixmap("info", color, 40))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in {QEvent.Type.StyleChange, QEvent.Type.PaletteChange}:
            self._paint_notice_icon()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        self._paint_notice_icon()
        super().showEvent(event)


_EDITORS: dict[str, type[FieldEditor]] = {
    "text": TextEditor,
    "email": TextEditor,
    "phone": TextEditor,
    "long_text": LongTextEditor,
    "number": NumberEditor,
    "date": DateEditor,
    "single_choice": SingleChoiceEditor,
    "multiple_choice": MultipleChoiceEditor,
    "checkbox": CheckboxEditor,
    "address": AddressEditor,
    "notice": NoticeEditor,
}


def make_editor(field: FieldDef, language: str, parent: QWidget | None = None) -> FieldEditor:
    """The editor for ``field``, its texts in ``language``.

    Raises:
        ValueError: for an "attachment" field, which has its own editor (files, thumbnails, the picker).
    """
    editor_class = _EDITORS.get(field.type)
    if editor_class is None:
        raise ValueError(f"no form editor for {field.type!r} fields (attachments have their own editor)")
    return editor_class(field, language, parent)


# --- a labelled input outside a procedure (the personal space's forms, the agent's code) ------------------------

# name: a person's name, shown as typed; email: an address (the e-mail keyboard); password: masked text; digits: a
# masked code of digits only (the digits keypad).
InputKind = Literal["name", "email", "password", "digits"]
_MASKED: Final = frozenset({"password", "digits"})
_INPUT_KEYBOARDS: Final[dict[str, str]] = {"name": "text", "email": "email", "password": "text", "digits": "digits"}
_INPUT_MAX_LENGTH: Final[dict[str, int]] = {"email": MAX_EMAIL, "password": MAX_PASSWORD}


class LabelledInput(QWidget):
    """A visible label (the input's buddy, never a placeholder), the input, and its error line when there is one.

    ``kind`` says what is typed (``InputKind``): it picks the on-screen keyboard, the input-method hints, whether
    the text is masked, and the longest text taken unless ``max_length`` says otherwise (an e-mail's, a password's;
    none for the others). A masked input gives nothing to a word list, a completion or an undo, and ``text()`` is
    what was typed, spaces included; the others' ``text()`` is stripped.
    """

    def __init__(self, name: str, kind: InputKind, max_length: int | None = None) -> None:
        super().__init__()
        self.kind: InputKind = kind
        self.label = QLabel()
        self.label.setObjectName("sectionTitle")
        self.label.setWordWrap(True)
        self.edit = line_edit(
            name, _INPUT_KEYBOARDS[kind], _INPUT_MAX_LENGTH.get(kind) if max_length is None else max_length, self
        )
        self.edit.setMaximumWidth(720)
        hints = Qt.InputMethodHint
        if self.masked:
            # Qt keeps no undo history in password mode; ``clear`` uses setText, which drops any history too.
            self.edit.setEchoMode(QLineEdit.EchoMode.Password)
            self.edit.setInputMethodHints(
                self.edit.inputMethodHints() | hints.ImhHiddenText | hints.ImhSensitiveData | hints.ImhNoPredictiveText
            )
        elif kind == "name":
            self.edit.setInputMethodHints(hints.ImhNoPredictiveText)
        if kind == "digits":
            self.edit.setValidator(QRegularExpressionValidator(QRegularExpression("[0-9]*"), self.edit))
        self.label.setBuddy(self.edit)
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.hide()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        column.addWidget(self.label)
        column.addWidget(self.edit)
        column.addWidget(self.error)
        self.edit.textEdited.connect(lambda _text: self.say(""))

    @property
    def masked(self) -> bool:
        """A password or a secret code: shown as dots, with no hint nor history of it kept."""
        return self.kind in _MASKED

    def set_texts(self, label: str, description: str = "") -> None:
        self.label.setText(label)
        self.edit.setAccessibleName(label)
        self.edit.setAccessibleDescription(description)

    def text(self) -> str:
        return self.edit.text() if self.masked else self.edit.text().strip()

    def say(self, message: str) -> None:
        self.error.setText(message)
        self.error.setAccessibleName(message)
        self.error.setVisible(bool(message))

    def clear(self) -> None:
        """Empty the input (with setText: QLineEdit.clear() can be undone) and its error line."""
        self.edit.setText("")
        self.say("")


# --- messages -----------------------------------------------------------------------------------------------


def problem_message(problem: Problem, field: FieldDef, language: str) -> str:
    """The message a citizen reads beside ``field`` for ``problem``: plain, saying what to do.

    Texts go through the translator (context "FieldProblems"); ``language`` picks the catalogue's own texts
    (a pattern's message) and how dates and numbers are written.
    """
    code = problem.code
    params = problem.params
    kind = field.type

    if code == "required":
        if kind == "single_choice":
            return QCoreApplication.translate("FieldProblems", "Choisissez une réponse.")
        if kind == "multiple_choice":
            return QCoreApplication.translate("FieldProblems", "Cochez au moins une réponse.")
        if kind == "date":
            return QCoreApplication.translate("FieldProblems", "Indiquez la date : jour, mois et année.")
        if kind == "address":
            return QCoreApplication.translate(
                "FieldProblems", "Indiquez l'adresse : numéro et voie, code postal et commune."
            )
        if kind == "attachment":
            return QCoreApplication.translate("FieldProblems", "Joignez ce document : au moins un fichier.")
        return QCoreApplication.translate("FieldProblems", "Ce champ est obligatoire.")
    if code == "too_short":
        count = int(str(params.get("min", 0)))
        return count_text(
            count,
            QCoreApplication.translate("FieldProblems", "Au moins %1 caractère."),
            QCoreApplication.translate("FieldProblems", "Au moins %1 caractères."),
        )
    if code == "too_long":
        count = int(str(params.get("max", 0)))
        return count_text(
            count,
            QCoreApplication.translate("FieldProblems", "Trop long : au plus %1 caractère."),
            QCoreApplication.translate("FieldProblems", "Trop long : au plus %1 caractères."),
        )
    if code == "pattern":
        if field.pattern_message is not None:
            return field.pattern_message.get(language)
        return QCoreApplication.translate("FieldProblems", "La réponse n'a pas le format attendu.")
    if code == "email":
        return QCoreApplication.translate(
            "FieldProblems",
            "Courriel incomplet : il manque le « @ » ou le domaine (exemple : nom@exemple.fr).",
        )
    if code == "phone":
        return QCoreApplication.translate(
            "FieldProblems", "Numéro de téléphone incorrect : 10 chiffres, par exemple 06 12 34 56 78."
        )
    if code == "not_a_number":
        return QCoreApplication.translate("FieldProblems", "Écrivez un nombre en chiffres, par exemple 2.")
    if code == "below_min":
        text = QCoreApplication.translate("FieldProblems", "Le nombre doit être au moins %1.")
        return text.replace("%1", format_number(params.get("min"), language))
    if code == "above_max":
        text = QCoreApplication.translate("FieldProblems", "Le nombre doit être au plus %1.")
        return text.replace("%1", format_number(params.get("max"), language))
    if code == "not_a_date":
        return QCoreApplication.translate(
            "FieldProblems",
            "Cette date n'existe pas : vérifiez le jour (1 à 31), le mois (1 à 12) et l'année (4 chiffres).",
        )
    if code in {"date_before", "date_after"}:
        bound = params.get("date")
        shown = format_day(bound, language) if isinstance(bound, dt.date) else str(bound)
        if code == "date_before":
            text = QCoreApplication.translate("FieldProblems", "La date doit être le %1 ou après.")
        else:
            text = QCoreApplication.translate("FieldProblems", "La date doit être le %1 ou avant.")
        return text.replace("%1", shown)
    if code == "invalid_choice":
        return QCoreApplication.translate("FieldProblems", "Choisissez une des réponses proposées.")
    if code == "address_incomplete":
        missing = params.get("missing")
        if missing == "postcode":
            return QCoreApplication.translate("FieldProblems", "Adresse incomplète : indiquez le code postal.")
        if missing == "city":
            return QCoreApplication.translate("FieldProblems", "Adresse incomplète : indiquez la commune.")
        return QCoreApplication.translate("FieldProblems", "Adresse incomplète : indiquez le numéro et la voie.")
    if code == "postcode":
        return QCoreApplication.translate("FieldProblems", "Code postal incorrect : 5 chiffres, par exemple 75001.")
    if code == "checkbox_required":
        return QCoreApplication.translate("FieldProblems", "Cochez cette case pour continuer.")
    if code == "required_for_notification":  # kiosk.services.drafts.contact_problems
        if params.get("channel") == "sms":
            return QCoreApplication.translate(
                "FieldProblems", "Indiquez un numéro de téléphone : vous avez choisi d'être informé(e) par SMS."
            )
        if params.get("channel") == "post":  # kiosk.services.profile.profile_problems
            return QCoreApplication.translate(
                "FieldProblems", "Indiquez votre adresse : vous avez choisi d'être contacté(e) par courrier."
            )
        return QCoreApplication.translate(
            "FieldProblems", "Indiquez votre courriel : vous avez choisi d'être informé(e) par courriel."
        )
    return QCoreApplication.translate("FieldProblems", "Réponse incorrecte : vérifiez ce champ.")
