"""« Je modifie mon espace »: the profile's form (resources/forms/profile.toml through the wizard's ``FormStep``: the
same editors, keyboard and checks as « Mes informations »), « Enregistrer » and « Annuler ». The answers live in this
widget only: « Annuler », a save, or the wipe destroys it with them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.services.profile_answers import answers_of, profile_problems, profile_step
from kiosk.views.pages.account_forms import text_label
from kiosk.views.pages.wizard.form_step import FormStep
from kiosk.views.widgets.fields import FieldEditor

if TYPE_CHECKING:
    from kiosk.models.dto import AnswerValue
    from kiosk.views.context import ViewContext
    from kiosk.views.tasks import TaskOwner
    from sync.personal_space import ProfileDetails


class ProfileForm(QWidget):
    """Signals: save_requested() once the form has no problem left; cancelled()."""

    save_requested = Signal()
    cancelled = Signal()

    def __init__(self, ctx: ViewContext, details: ProfileDetails, tasks: TaskOwner) -> None:
        super().__init__()
        self.answers: dict[str, AnswerValue] = answers_of(details)
        self.busy = False
        self._said = ""
        self.step = FormStep(ctx, profile_step(), self.answers, {}, profile_problems, tasks=tasks)
        self.message = text_label("errorText")
        self.message.hide()
        self.cancel_button = QPushButton()
        self.cancel_button.setProperty("large", True)
        self.cancel_button.clicked.connect(self.cancelled)
        self.save_button = QPushButton()
        self.save_button.setProperty("primary", True)
        self.save_button.clicked.connect(self._save)
        bar = QWidget()
        bar.setObjectName("wizardBar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(40, 16, 40, 16)
        row.setSpacing(16)
        row.addWidget(self.message, 1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.save_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.step, 1)
        column.addWidget(bar)
        self.retranslate()

    def retranslate(self) -> None:
        self.step.retranslate()
        self.cancel_button.setText(self.tr("Annuler"))
        self.cancel_button.setAccessibleName(self.tr("Annuler les modifications"))
        self.save_button.setText(self.tr("Enregistrer"))
        self.save_button.setAccessibleName(self.tr("Enregistrer mon profil"))
        if self._said:
            self.say(self._said)

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.save_button.setEnabled(not busy)
        if busy:
            self.say("saving")
        elif self._said == "saving":
            self._said = ""
            self.message.hide()

    def _save(self) -> None:
        if self.busy:
            return
        if self.step.problems():
            self.step.show_problems()  # each problem in French beside its field, the focus on the first
            self.say("problems")
            return
        self.save_requested.emit()

    def refused(self, field_id: str) -> None:
        """Central (or the wire contract) refused the answer of ``field_id``: say so beside it."""
        editor = self.step.editor(field_id) if field_id in self.step.field_ids() else None
        if isinstance(editor, FieldEditor):
            editor.set_problem(self.tr("Cette réponse n'est pas acceptée : vérifiez-la."))
            editor.focus_input()
        self.say("problems")

    def say(self, kind: str) -> None:
        self._said = kind
        text = {
            "saving": self.tr("Enregistrement…"),
            "problems": self.tr("Vérifiez les champs signalés."),
            "offline": self.tr(
                "Votre profil n'a pas pu être enregistré : la borne ne joint pas la mairie. Réessayez plus tard."
            ),
        }.get(kind, "")
        self.message.setObjectName("muted" if kind == "saving" else "errorText")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.setAccessibleName(text)
        self.message.setVisible(bool(text))
