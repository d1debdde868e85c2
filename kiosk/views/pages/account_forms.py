"""The forms of "Mon espace", built of labelled inputs (``kiosk.views.widgets.fields.LabelledInput``): log in on the
kiosk, create a space, forgotten password.

What a citizen types is checked here before anything is sent, by the input's kind (empty, an address that is not
one), the message standing under the field it is about. The password field is masked and keeps no undo history;
``forget_password`` empties it, and the page calls it as soon as the password was handed over and whenever the form
is left.
"""

from __future__ import annotations

import itertools
from typing import Final

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.services.account_outcomes import valid_email, valid_name
from kiosk.views.widgets.fields import LabelledInput
from kiosk.views.widgets.wrapped_label import WrappedLabel

MAX_NAME: Final = 100  # sync.protocol.PersonName's


class AccountForm(QWidget):
    """A title, a text, inputs, a message for the whole form, and the button that sends it.

    Signals:
        submitted(): the button was tapped (or Enter typed in the last input) and every input is valid.
    """

    submitted = Signal()

    def __init__(self, inputs: list[LabelledInput]) -> None:
        super().__init__()
        self.inputs = inputs
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("errorText")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        self.send_button = QPushButton()
        self.send_button.setProperty("primary", True)
        self.send_button.clicked.connect(self.send)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(20)
        self.column.addWidget(self.intro)
        for field in inputs:
            self.column.addWidget(field)
        self.column.addWidget(self.message)
        self.column.addWidget(self.send_button, 0, Qt.AlignmentFlag.AlignLeft)
        for before, after in itertools.pairwise(inputs):
            before.edit.returnPressed.connect(lambda after=after: after.edit.setFocus(Qt.FocusReason.TabFocusReason))
        inputs[-1].edit.returnPressed.connect(self.send)

    def send(self) -> None:
        self.say("")
        if not self.send_button.isEnabled():
            return
        problems = [field for field in self.inputs if not self.check(field)]
        if problems:
            problems[0].edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.submitted.emit()

    def check(self, field: LabelledInput) -> bool:
        """Whether ``field`` may be sent; if not, says why under it. (One context for these texts: ``self.tr``
        would look them up under the subclass's name.)"""
        text = field.text()
        if not text or (field.kind == "name" and not valid_name(text)):
            # A name central would not take (blank, control characters) reads as one not typed.
            field.say(QCoreApplication.translate("AccountForm", "Ce champ est à remplir."))
            return False
        if field.kind == "email" and not valid_email(text):
            field.say(
                QCoreApplication.translate(
                    "AccountForm", "Cette adresse de courriel n'est pas valide. Exemple : prenom.nom@exemple.fr"
                )
            )
            return False
        return True

    def say(self, message: str) -> None:
        self.message.setText(message)
        self.message.setAccessibleName(message)
        self.message.setVisible(bool(message))

    def clear(self) -> None:
        for field in self.inputs:
            field.clear()
        self.say("")
        self.send_button.setEnabled(True)


def text_label(object_name: str = "") -> QLabel:
    """A wrapped plain-text label of the account pages."""
    text = WrappedLabel()
    if object_name:
        text.setObjectName(object_name)
    return text


def page_button(primary: bool = False) -> QPushButton:
    """A button of the account pages: the primary one, or one as large."""
    made = QPushButton()
    made.setProperty("primary" if primary else "large", True)
    return made


def email_input() -> LabelledInput:
    return LabelledInput("email", "email")


class LoginForm(AccountForm):
    """ "Me connecter sur la borne": e-mail and password."""

    def __init__(self) -> None:
        self.email = email_input()
        self.password = LabelledInput("password", "password")
        super().__init__([self.email, self.password])
        self.forgotten_button = QPushButton()
        self.column.addWidget(self.forgotten_button, 0, Qt.AlignmentFlag.AlignLeft)

    def forget_password(self) -> None:
        self.password.clear()

    def retranslate(self) -> None:
        self.intro.setText(
            self.tr(
                "Saisissez l'adresse de courriel et le mot de passe de votre espace personnel. Votre mot de passe "
                "reste masqué à l'écran."
            )
        )
        self.email.set_texts(self.tr("Adresse de courriel"), self.tr("Par exemple prenom.nom@exemple.fr"))
        self.password.set_texts(self.tr("Mot de passe"), self.tr("Masqué à l'écran"))
        self.send_button.setText(self.tr("Me connecter"))
        self.forgotten_button.setText(self.tr("Mot de passe oublié ?"))


class CreateForm(AccountForm):
    """ "Créer mon espace": e-mail, first name, last name."""

    def __init__(self) -> None:
        self.email = email_input()
        self.first_name = LabelledInput("first_name", "name", MAX_NAME)
        self.last_name = LabelledInput("last_name", "name", MAX_NAME)
        super().__init__([self.email, self.first_name, self.last_name])

    def retranslate(self) -> None:
        self.intro.setText(
            self.tr(
                "Indiquez votre adresse de courriel, votre prénom et votre nom. Vous recevrez un courriel avec un "
                "lien pour choisir votre mot de passe et finaliser l'inscription."
            )
        )
        self.email.set_texts(self.tr("Adresse de courriel"), self.tr("Par exemple prenom.nom@exemple.fr"))
        self.first_name.set_texts(self.tr("Prénom"))
        self.last_name.set_texts(self.tr("Nom"))
        self.send_button.setText(self.tr("Créer mon espace"))


class ForgottenForm(AccountForm):
    """ "Mot de passe oublié ?": the e-mail the link goes to."""

    def __init__(self) -> None:
        self.email = email_input()
        super().__init__([self.email])

    def retranslate(self) -> None:
        self.intro.setText(
            self.tr(
                "Indiquez l'adresse de courriel de votre espace personnel : vous recevrez un lien pour choisir un "
                "nouveau mot de passe."
            )
        )
        self.email.set_texts(self.tr("Adresse de courriel"), self.tr("Par exemple prenom.nom@exemple.fr"))
        self.send_button.setText(self.tr("Recevoir le lien"))
