"""The field editors (kiosk/views/widgets/fields.py), driven as a person would: keys typed into the inputs, taps
on options. What each one returns, the error shown beside it (text, not colour only, and read by screen
readers), and the accessibility walker over one editor of each type."""

from __future__ import annotations

import datetime as dt
import string
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QScrollArea, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.models.dto import Address
from kiosk.services.forms import PROBLEM_CODES, Problem, validate
from kiosk.views.answers import format_day
from kiosk.views.theme import load_theme
from kiosk.views.widgets.fields import (
    AddressEditor,
    CheckboxEditor,
    DateEditor,
    FieldEditor,
    LongTextEditor,
    MultipleChoiceEditor,
    NoticeEditor,
    NumberEditor,
    OptionCheckBox,
    OptionRadioButton,
    SingleChoiceEditor,
    TextEditor,
    make_editor,
    problem_message,
)
from kiosk.views.widgets.keyboard import layout_for
from sync.catalogue import FieldDef
from tests.gui.test_accessibility import INTERACTIVE, accessible_name, problems_on_screen

pytestmark = pytest.mark.gui

LEFT = Qt.MouseButton.LeftButton
TODAY = dt.date(2025, 3, 3)

# The rules to add to resources/themes/kiosk.qss (the editors are usable without them; they give the look).
PROPOSED_QSS = """
QLabel#fieldLabel { font-size: ${font_tile}px; font-weight: bold; color: ${text}; }
QLabel#fieldPartLabel { color: ${text}; }
QFrame#errorLine { background: ${error_bg}; border-left: 6px solid ${error}; border-radius: 6px; }
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"] { border: 3px solid ${error}; }
QGroupBox#choiceGroup { border: none; margin: 0px; padding: 0px; }
QCheckBox[option="true"], QRadioButton[option="true"] {
    font-size: ${font_tile}px; color: ${text}; background: ${surface};
    border: 2px solid ${border}; border-radius: ${radius}px;
}
QCheckBox[option="true"]:checked, QRadioButton[option="true"]:checked {
    background: ${surface_alt}; border: 3px solid ${primary};
}
QCheckBox[option="true"]:focus, QRadioButton[option="true"]:focus { border: ${focus_width}px solid ${focus}; }
QFrame#notice { background: ${surface_alt}; border: 2px solid ${primary}; border-radius: ${radius}px; }
QLabel#noticeTitle { font-weight: bold; }
"""


def fdef(field_type: str, field_id: str = "champ", **extra: Any) -> FieldDef:
    data: dict[str, Any] = {"id": field_id, "type": field_type, "label": {"fr": "Libellé", "en": "Label"}, **extra}
    return FieldDef.model_validate(data)


def options(*values: str) -> list[dict[str, Any]]:
    return [{"value": v, "label": {"fr": v.replace("_", " ").capitalize(), "en": v.upper()}} for v in values]


ONE_OF_EACH: list[FieldDef] = [
    fdef("text", "nom", label="Nom de naissance", help="Le nom inscrit sur l'acte.", required=True, max_length=80),
    fdef("email", "courriel", label="Courriel", max_length=120),
    fdef("phone", "telephone", label="Téléphone"),
    fdef("long_text", "description", label="Description", required=True, min_length=10, max_length=1000),
    fdef("number", "exemplaires", label="Nombre d'exemplaires", required=True, min=1, max=5),
    fdef("date", "naissance", label="Date de naissance", required=True, min_date="today-120y", max_date="today"),
    fdef("single_choice", "reponse", label="Avez-vous un justificatif ?", required=True, options=options("oui", "non")),
    fdef(
        "single_choice",
        "categorie",
        label="Nature du problème",
        required=True,
        options=[
            *options("voirie", "eclairage", "depot_sauvage", "proprete", "tag", "mobilier_urbain", "espaces_verts"),
            {"value": "autre", "label": "Autre problème, que vous décrirez à l'étape suivante en quelques mots précis"},
        ],
    ),
    fdef(
        "multiple_choice", "materiel", label="Matériel souhaité", options=options("tables", "sonorisation", "cuisine")
    ),
    fdef(
        "checkbox",
        "reglement",
        label="J'ai lu et j'accepte le règlement d'utilisation des salles municipales",
        required=True,
    ),
    fdef("address", "adresse", label="Adresse du lieu", required=True),
    fdef("notice", "bon_a_savoir", label="Bon à savoir", text="Pour un passeport, l'acte n'est plus nécessaire."),
]


def editor_for(qtbot: QtBot, field: FieldDef, language: str = "fr") -> FieldEditor:
    editor = make_editor(field, language)
    qtbot.addWidget(editor)
    editor.resize(1200, max(200, editor.sizeHint().height()))
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def apply_style(qapp: QApplication, high_contrast: bool = False) -> None:
    theme = load_theme(high_contrast)
    extra = string.Template(PROPOSED_QSS).substitute({**theme.colors, **theme.sizes})
    qapp.setStyleSheet(theme.stylesheet() + extra)


@pytest.fixture
def styled(qapp: QApplication) -> None:
    """The kiosk's stylesheet and the rules proposed for kiosk.qss, as on the kiosk (the next test starts
    without them: see tests/conftest.py)."""
    apply_style(qapp)


# --- one editor per type ------------------------------------------------------------------------------------


def test_make_editor_builds_the_editor_of_each_type(qtbot: QtBot) -> None:
    expected = {
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
    for field in ONE_OF_EACH:
        editor = make_editor(field, "fr")
        qtbot.addWidget(editor)
        assert type(editor) is expected[field.type]
        assert editor.field is field


def test_attachments_have_their_own_editor() -> None:
    with pytest.raises(ValueError, match="attachment"):
        make_editor(fdef("attachment", max_files=2), "fr")


def test_a_text_field_is_typed_trimmed_and_has_a_visible_label_as_its_buddy(qtbot: QtBot) -> None:
    editor = editor_for(qtbot, ONE_OF_EACH[0])
    assert isinstance(editor, TextEditor)
    assert editor.value() is None
    qtbot.keyClicks(editor.edit, "  Le   Gall ")
    assert editor.value() == "Le Gall"
    assert editor.label.isVisible()
    assert editor.label.text() == "Nom de naissance"
    assert editor.label.buddy() is editor.edit
    assert accessible_name(editor.edit) == "Nom de naissance"
    assert not editor.edit.placeholderText()
    assert editor.help.isVisible()
    assert editor.help.text() == "Le nom inscrit sur l'acte."
    assert isinstance(editor.edit, QLineEdit)
    assert editor.edit.maxLength() == 80
    assert layout_for(editor.edit) == "text"
    assert editor.edit.height() >= 64


def test_an_optional_field_says_so_and_a_required_one_does_not(qtbot: QtBot) -> None:
    optional = editor_for(qtbot, fdef("text", label="Précisions"))
    required = editor_for(qtbot, fdef("text", label="Précisions", required=True))
    assert optional.label.text() == "Précisions (facultatif)"
    assert required.label.text() == "Précisions"


@pytest.mark.parametrize(("field_type", "layout"), [("email", "email"), ("phone", "phone"), ("number", "digits")])
def test_email_phone_and_number_bring_their_keyboard_layout(qtbot: QtBot, field_type: str, layout: str) -> None:
    editor = editor_for(qtbot, fdef(field_type))
    assert isinstance(editor, TextEditor)
    assert layout_for(editor.edit) == layout


def test_an_email_is_kept_as_typed(qtbot: QtBot) -> None:
    editor = editor_for(qtbot, ONE_OF_EACH[1])
    assert isinstance(editor, TextEditor)
    qtbot.keyClicks(editor.edit, "Lea.Martin@Exemple.FR")
    assert editor.value() == "Lea.Martin@Exemple.FR"
    qtbot.keyClicks(editor.edit, "@")
    assert validate(editor.field, editor.value(), TODAY) == Problem("email")


def test_a_phone_is_kept_as_typed(qtbot: QtBot) -> None:
    editor = editor_for(qtbot, ONE_OF_EACH[2])
    assert isinstance(editor, TextEditor)
    qtbot.keyClicks(editor.edit, "06 12 34 56 78")
    assert editor.value() == "06 12 34 56 78"
    assert validate(editor.field, editor.value(), TODAY) is None
    qtbot.keyClick(editor.edit, Qt.Key.Key_Backspace)
    assert validate(editor.field, editor.value(), TODAY) == Problem("phone")


def test_a_long_text_keeps_its_lines_and_is_three_lines_high(qtbot: QtBot, styled: None) -> None:
    editor = editor_for(qtbot, ONE_OF_EACH[3])
    assert isinstance(editor, LongTextEditor)
    qtbot.keyClicks(editor.edit, "Un trou  profond")
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.edit, "devant la mairie. ")  # QTest types ASCII only
    assert editor.value() == "Un trou profond\ndevant la mairie."
    assert layout_for(editor.edit) == "text"
    assert editor.edit.height() >= 3 * editor.edit.fontMetrics().lineSpacing()
    assert editor.edit.height() >= 64


def test_a_number_is_typed_on_the_digits_pad_and_a_word_is_not_a_number(qtbot: QtBot) -> None:
    editor = editor_for(qtbot, ONE_OF_EACH[4])
    assert isinstance(editor, NumberEditor)
    qtbot.keyClicks(editor.edit, "3")
    assert editor.value() == 3
    editor.edit.clear()
    qtbot.keyClicks(editor.edit, "trois")
    assert editor.value() == "trois"
    assert validate(editor.field, editor.value(), TODAY) == Problem("not_a_number")
    editor.set_value(2.5)
    assert editor.edit.text() == "2,5"
    assert editor.value() == 2.5


def test_a_date_is_typed_day_month_year_and_moves_on_by_itself(qtbot: QtBot) -> None:
    editor = editor_for(qtbot, ONE_OF_EACH[5])
    assert isinstance(editor, DateEditor)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    assert [layout_for(w) for w in editor.inputs()] == ["digits", "digits", "digits"]
    assert [e.x() for e in editor.inputs()] == sorted(e.x() for e in editor.inputs())  # jour, mois, année
    assert editor.value() is None
    qtbot.mouseClick(editor.day, LEFT)
    qtbot.keyClicks(editor.day, "14")
    qtbot.waitUntil(editor.month.hasFocus)
    qtbot.keyClicks(editor.month, "07")
    qtbot.waitUntil(editor.year.hasFocus)
    qtbot.keyClicks(editor.year, "1985")
    assert editor.value() == "1985-07-14"
    assert validate(editor.field, editor.value(), TODAY) is None
    assert accessible_name(editor.day) == "Date de naissance : jour"


def test_an_impossible_date_is_a_problem_not_a_crash(qtbot: QtBot) -> None:
    editor = editor_for(qtbot, ONE_OF_EACH[5])
    assert isinstance(editor, DateEditor)
    qtbot.keyClicks(editor.day, "31")
    qtbot.keyClicks(editor.month, "02")
    qtbot.keyClicks(editor.year, "2024")
    assert editor.value() == "2024-02-31"
    assert validate(editor.field, editor.value(), TODAY) == Problem("not_a_date")
    editor.year.clear()
    qtbot.keyClicks(editor.year, "85")
    assert validate(editor.field, editor.value(), TODAY) == Problem("not_a_date")
    editor.year.clear()
    qtbot.keyClicks(editor.day, "x")  # the digits-only inputs take no letters
    assert editor.day.text() == "31"
    editor.set_value("2024-02-29")
    assert (editor.day.text(), editor.month.text(), editor.year.text()) == ("29", "02", "2024")
    editor.set_value(None)
    assert editor.value() is None


def test_a_single_choice_is_tapped(qtbot: QtBot) -> None:
    editor = editor_for(qtbot, ONE_OF_EACH[6])
    assert isinstance(editor, SingleChoiceEditor)
    assert editor.value() is None
    with qtbot.waitSignal(editor.value_changed, timeout=1000):
        qtbot.mouseClick(editor.option_button("non"), LEFT)
    assert editor.value() == "non"
    qtbot.mouseClick(editor.option_button("oui"), LEFT)
    assert editor.value() == "oui"
    assert not editor.option_button("non").isChecked()
    editor.set_value(None)
    assert editor.value() is None
    assert editor.group_box.accessibleName() == "Avez-vous un justificatif ?"


def test_many_options_make_a_vertical_list_of_large_radio_buttons(qtbot: QtBot, styled: None) -> None:
    editor = editor_for(qtbot, ONE_OF_EACH[7])
    assert isinstance(editor, SingleChoiceEditor)
    buttons = editor.inputs()
    assert all(isinstance(b, OptionRadioButton) for b in buttons)
    assert len({b.x() for b in buttons}) == 1
    assert [b.y() for b in buttons] == sorted(b.y() for b in buttons)
    assert all(b.height() >= 60 for b in buttons)
    # Tapping near the right end of the row still picks it: the whole row is the target.
    last = editor.option_button("autre")
    qtbot.mouseClick(last, LEFT, pos=QPoint(last.width() - 10, last.height() // 2))
    assert editor.value() == "autre"
    assert last.height() >= last.heightForWidth(last.width())  # the long label wraps and is not cut


def test_a_multiple_choice_is_ticked_and_unticked(qtbot: QtBot) -> None:
    editor = editor_for(qtbot, ONE_OF_EACH[8])
    assert isinstance(editor, MultipleChoiceEditor)
    assert all(isinstance(b, OptionCheckBox) for b in editor.inputs())
    assert editor.value() is None
    qtbot.mouseClick(editor.option_button("cuisine"), LEFT)
    qtbot.mouseClick(editor.option_button("tables"), LEFT)
    assert editor.value() == ("tables", "cuisine")
    qtbot.mouseClick(editor.option_button("cuisine"), LEFT)
    assert editor.value() == ("tables",)
    editor.set_value(("sonorisation",))
    assert editor.value() == ("sonorisation",)


def test_a_checkbox_is_one_large_box_with_the_label_as_its_text(qtbot: QtBot, styled: None) -> None:
    editor = editor_for(qtbot, ONE_OF_EACH[9])
    assert isinstance(editor, CheckboxEditor)
    assert editor.check.text() == ONE_OF_EACH[9].label.fr
    assert not editor.label.isVisible()
    assert editor.value() is False
    assert validate(editor.field, editor.value(), TODAY) == Problem("checkbox_required")
    qtbot.mouseClick(editor.check, LEFT)
    assert editor.value() is True
    assert editor.check.height() >= 60
    qtbot.keyClick(editor.check, Qt.Key.Key_Space)
    assert editor.value() is False


def test_an_address_has_four_labelled_inputs(qtbot: QtBot) -> None:
    editor = editor_for(qtbot, ONE_OF_EACH[10])
    assert isinstance(editor, AddressEditor)
    assert editor.value() is None
    qtbot.keyClicks(editor.line, "12  rue de la Paix")
    qtbot.keyClicks(editor.complement, "Batiment B")
    qtbot.keyClicks(editor.postcode, "35000")
    qtbot.keyClicks(editor.city, "Rennes")
    assert editor.value() == Address("12 rue de la Paix", "35000", "Rennes", "Batiment B")
    assert layout_for(editor.postcode) == "digits"
    assert editor.postcode.maxLength() == 5
    labels = {label.buddy(): label.text() for label in editor.findChildren(QLabel) if label.buddy() is not None}
    assert labels[editor.postcode] == "Code postal"
    assert labels[editor.city] == "Commune"
    assert labels[editor.complement] == "Complément d'adresse (facultatif)"
    assert accessible_name(editor.postcode) == "Adresse du lieu : Code postal"
    editor.set_value(None)
    qtbot.keyClicks(editor.line, "1 rue Haute")
    assert validate(editor.field, editor.value(), TODAY) == Problem("address_incomplete", {"missing": "postcode"})


def test_a_notice_is_a_framed_text_without_input(qtbot: QtBot) -> None:
    editor = editor_for(qtbot, ONE_OF_EACH[11])
    assert isinstance(editor, NoticeEditor)
    assert editor.value() is None
    assert editor.inputs() == []
    assert not editor.findChildren(QLineEdit)
    assert editor.text.text() == "Pour un passeport, l'acte n'est plus nécessaire."
    assert editor.title.text() == "Bon à savoir"


def test_retranslate_shows_the_catalogue_texts_in_english(qtbot: QtBot) -> None:
    editor = editor_for(qtbot, fdef("single_choice", required=True, options=options("oui", "non")))
    assert isinstance(editor, SingleChoiceEditor)
    editor.retranslate("en")
    assert editor.label.text() == "Label"
    assert editor.option_button("oui").text() == "OUI"
    editor.retranslate("fr")
    assert editor.option_button("oui").text() == "Oui"


# --- errors beside the field --------------------------------------------------------------------------------


def _problem_for(field: FieldDef) -> Problem:
    return {
        "checkbox": Problem("checkbox_required"),
        "address": Problem("address_incomplete", {"missing": "postcode"}),
        "date": Problem("date_after", {"date": TODAY}),
    }.get(field.type, Problem("required"))


@pytest.mark.parametrize("field", [f for f in ONE_OF_EACH if f.type != "notice"], ids=lambda f: f.type)
def test_a_problem_is_written_beside_the_field_and_read_by_screen_readers(
    qtbot: QtBot, styled: None, field: FieldDef
) -> None:
    editor = editor_for(qtbot, field)
    error = editor.findChild(QLabel, "errorText")
    assert error is not None
    assert not error.isVisible()
    message = problem_message(_problem_for(field), field, "fr")
    editor.set_problem(message)
    assert error.isVisible()
    assert error.text() == message
    icon = editor.findChild(QLabel, "errorIcon")
    assert icon is not None
    assert icon.isVisible()
    assert not icon.pixmap().isNull()  # an icon as well as the colour
    for widget in editor.inputs():
        assert message in widget.accessibleDescription()
        assert widget.property("invalid") is True
    # Beside the field: between its label and its input, within the editor.
    first_input = editor.inputs()[0]
    assert error.mapTo(editor, error.rect().topLeft()).y() < first_input.mapTo(editor, first_input.rect().topLeft()).y()
    editor.set_problem(None)
    assert not error.isVisible()
    assert all(message not in w.accessibleDescription() for w in editor.inputs())
    assert all(w.property("invalid") is False for w in editor.inputs())


def test_the_help_text_stays_in_the_description_next_to_the_error(qtbot: QtBot) -> None:
    editor = editor_for(qtbot, ONE_OF_EACH[0])
    editor.set_problem("Ce champ est obligatoire.")
    assert editor.inputs()[0].accessibleDescription() == "Ce champ est obligatoire. Le nom inscrit sur l'acte."


def test_focus_goes_to_the_part_to_fix(qtbot: QtBot) -> None:
    editor = editor_for(qtbot, ONE_OF_EACH[10])
    assert isinstance(editor, AddressEditor)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    qtbot.keyClicks(editor.line, "1 rue Haute")
    editor.focus_input()
    qtbot.waitUntil(editor.postcode.hasFocus)
    date = editor_for(qtbot, ONE_OF_EACH[5])
    assert isinstance(date, DateEditor)
    date.activateWindow()
    qtbot.waitUntil(date.isActiveWindow)
    date.focus_input()
    qtbot.waitUntil(date.day.hasFocus)


# --- messages -----------------------------------------------------------------------------------------------

PARAMS: dict[str, dict[str, object]] = {
    "too_short": {"min": 10},
    "too_long": {"max": 80},
    "below_min": {"min": 1},
    "above_max": {"max": 5},
    "date_before": {"date": dt.date(2025, 3, 3)},
    "date_after": {"date": dt.date(2025, 3, 3)},
    "address_incomplete": {"missing": "city"},
}


@pytest.mark.parametrize("code", PROBLEM_CODES)
def test_every_problem_has_a_french_message(code: str) -> None:
    field = fdef("text", pattern=r"\d{5}", pattern_message={"fr": "Cinq chiffres.", "en": "Five digits."})
    message = problem_message(Problem(code, PARAMS.get(code, {})), field, "fr")
    assert message.strip()
    assert message.endswith(".")
    assert "%1" not in message


@pytest.mark.parametrize(
    ("problem", "field", "expected"),
    [
        (Problem("required"), fdef("text"), "Ce champ est obligatoire."),
        (Problem("required"), fdef("single_choice", options=options("a", "b")), "Choisissez une réponse."),
        (Problem("too_short", {"min": 10}), fdef("long_text"), "Au moins 10 caractères."),
        (Problem("too_short", {"min": 1}), fdef("long_text"), "Au moins 1 caractère."),
        (Problem("too_long", {"max": 80}), fdef("text"), "Trop long : au plus 80 caractères."),
        (
            Problem("email"),
            fdef("email"),
            "Courriel incomplet : il manque le « @ » ou le domaine (exemple : nom@exemple.fr).",
        ),
        (Problem("phone"), fdef("phone"), "Numéro de téléphone incorrect : 10 chiffres, par exemple 06 12 34 56 78."),
        (Problem("below_min", {"min": 1}), fdef("number"), "Le nombre doit être au moins 1."),
        (Problem("above_max", {"max": 2.5}), fdef("number"), "Le nombre doit être au plus 2,5."),
        (
            Problem("date_before", {"date": dt.date(2025, 3, 3)}),
            fdef("date"),
            "La date doit être le 03/03/2025 ou après.",
        ),
        (
            Problem("date_after", {"date": dt.date(2024, 2, 29)}),
            fdef("date"),
            "La date doit être le 29/02/2024 ou avant.",
        ),
        (
            Problem("address_incomplete", {"missing": "city"}),
            fdef("address"),
            "Adresse incomplète : indiquez la commune.",
        ),
        (Problem("postcode"), fdef("address"), "Code postal incorrect : 5 chiffres, par exemple 75001."),
        (Problem("checkbox_required"), fdef("checkbox"), "Cochez cette case pour continuer."),
    ],
    ids=lambda v: v.code if isinstance(v, Problem) else "",
)
def test_french_messages(problem: Problem, field: FieldDef, expected: str) -> None:
    assert problem_message(problem, field, "fr") == expected


def test_a_pattern_problem_shows_the_fields_own_message_in_the_current_language() -> None:
    field = fdef("text", pattern=r"\d\d:\d\d", pattern_message={"fr": "Format 14:00.", "en": "Format 2 pm."})
    assert problem_message(Problem("pattern"), field, "fr") == "Format 14:00."
    assert problem_message(Problem("pattern"), field, "en") == "Format 2 pm."


def test_the_contact_needed_for_a_notification_is_asked_for() -> None:
    """The wizard's own rule (kiosk.services.drafts.contact_problems) has its message here too."""
    email = problem_message(Problem("required_for_notification", {"channel": "email"}), fdef("email"), "fr")
    sms = problem_message(Problem("required_for_notification", {"channel": "sms"}), fdef("phone"), "fr")
    assert email == "Indiquez votre courriel : vous avez choisi d'être informé(e) par courriel."
    assert "SMS" in sms
    attachment = problem_message(Problem("required"), fdef("attachment"), "fr")
    assert attachment == "Joignez ce document : au moins un fichier."


def test_dates_are_written_the_french_or_the_english_way() -> None:
    assert format_day(dt.date(2025, 3, 3), "fr") == "03/03/2025"
    assert format_day(dt.date(2025, 3, 3), "en") == "3 March 2025"


def test_messages_for_real_validation_problems_of_every_type() -> None:
    """What validate() finds, problem_message() can say: a message for each type's typical mistake."""
    cases: list[tuple[FieldDef, object]] = [
        (fdef("text", required=True), "  "),
        (fdef("email"), "nom@exemple"),
        (fdef("phone"), "06 12"),
        (fdef("long_text", min_length=10), "court"),
        (fdef("number", max=5), "6"),
        (fdef("date", min_date="today"), "2025-03-02"),
        (fdef("single_choice", options=options("a", "b")), "c"),
        (fdef("multiple_choice", required=True, options=options("a", "b")), ()),
        (fdef("checkbox", required=True), False),
        (fdef("address"), Address("1 rue Haute", "123", "Rennes")),
    ]
    for field, value in cases:
        problem = validate(field, value, TODAY)  # type: ignore[arg-type]
        assert problem is not None, field.type
        assert problem_message(problem, field, "fr").strip()


# --- the accessibility walker -------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
@pytest.mark.parametrize("theme", ["normal", "contrast"])
def test_one_editor_of_each_type_passes_the_accessibility_walker(
    qtbot: QtBot, styled: None, qapp: QApplication, size: tuple[int, int], theme: str
) -> None:
    apply_style(qapp, high_contrast=theme == "contrast")
    window = QWidget()
    window.setObjectName("page")
    qtbot.addWidget(window)
    content = QWidget()
    column = QVBoxLayout(content)
    column.setContentsMargins(48, 32, 48, 32)
    column.setSpacing(32)
    editors = [make_editor(field, "fr") for field in ONE_OF_EACH]
    for editor in editors:
        column.addWidget(editor)
    column.addStretch(1)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(content)
    QVBoxLayout(window).addWidget(scroll)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    report = problems_on_screen(window)
    # With errors showing, and in English, nothing is cut either.
    for editor in editors:
        editor.set_problem(problem_message(_problem_for(editor.field), editor.field, "fr"))
        editor.retranslate("en")
    qtbot.wait(10)
    report += [f"[errors, en] {p}" for p in problems_on_screen(window)]
    assert not report, "\n".join(report)
    # Inputs are at least 64 px high and options at least 60 px.
    for editor in editors:
        for widget in editor.inputs():
            is_option = isinstance(widget, OptionCheckBox | OptionRadioButton)
            assert widget.height() >= (60 if is_option else 64), (editor.field.id, widget.objectName())
            if isinstance(widget, OptionCheckBox | OptionRadioButton):  # wrapped option text is not cut
                assert widget.height() >= widget.heightForWidth(widget.width()), widget.objectName()
    checked = [w for w in window.findChildren(QWidget) if isinstance(w, INTERACTIVE) and w.isVisible()]
    assert len(checked) == sum(len(e.inputs()) for e in editors) == 26
