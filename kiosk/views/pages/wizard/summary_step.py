"""Le récapitulatif: everything entered, section by section, each with "Modifier" back to its step."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.services.drafts import requester_step
from kiosk.services.forms import clean_answers, visible_fields
from kiosk.views.answers import format_answer, format_slot
from kiosk.views.layouts import clear_layout
from kiosk.views.pages.base import scroll_area

if TYPE_CHECKING:
    from kiosk.services.drafts import DraftState
    from kiosk.views.context import ViewContext


class SummaryStep(QWidget):
    """Read-only view of the draft, brought up to date each time it is shown.

    Signals:
        edit_requested(str): the key of the step to go back to ("appointment", "requester", "step:<id>").
    """

    edit_requested = Signal(str)

    def __init__(self, ctx: ViewContext, state: DraftState) -> None:
        super().__init__()
        self.ctx = ctx
        self.state = state
        self._content = QWidget()
        self._column = QVBoxLayout(self._content)
        self._column.setContentsMargins(40, 16, 40, 40)
        self._column.setSpacing(24)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll_area(self._content))
        # The language and what the cards show, values aside: when it is unchanged, only values are updated.
        self._shape: tuple[str, list[tuple[str, str, list[str]]]] = ("", [])
        self._values: list[list[QLabel]] = []  # per card, the labels of its values
        self.refresh()

    def refresh(self) -> None:
        """Show the draft as it is now. When only values changed (the usual case: the visitor answered the
        last step after this page was prepared), the labels take the new texts and nothing is rebuilt."""
        sections = self._sections()
        cards = [(key, title, [label for label, _ in rows]) for key, title, rows in sections]
        shape = (self.ctx.language, cards)
        if shape == self._shape:  # same language, same cards, same rows
            for values, (_key, _title, rows) in zip(self._values, sections, strict=True):
                for label, (_name, value) in zip(values, rows, strict=True):
                    if label.text() != value:
                        label.setText(value)
            return
        self._shape = shape
        self._values = []
        clear_layout(self._column)
        # No heading: the wizard's progress names the step ("Le récapitulatif") once, above.
        intro = QLabel(self.tr("Vérifiez vos informations. Touchez « Modifier » pour corriger une partie."))
        intro.setWordWrap(True)
        self._column.addWidget(intro)
        for key, heading, rows in sections:
            self._values.append(self._section(key, heading, rows))
        self._column.addStretch(1)

    def _sections(self) -> list[tuple[str, str, list[tuple[str, str]]]]:
        """(step key, title, [(label, value)]) for each part of the summary, in the language shown."""
        lang = self.ctx.language
        sections = []
        definition = self.state.detail.definition
        if definition.appointment != "none":
            slot = self.state.appointment
            text = format_slot(slot, lang, self.ctx.settings.zone) if slot else self.tr("Sans rendez-vous")
            sections.append(("appointment", self.tr("Mon rendez-vous"), [(self.tr("Créneau"), text)]))
        person = requester_step()
        rows = [(f.label.get(lang), format_answer(f, self.state.requester.get(f.id), lang)) for f in person.fields]
        sections.append(("requester", person.title.get(lang), rows))
        shown = clean_answers(definition, self.state.answers)  # what will be sent: hidden answers are not
        for step in self.state.visible_steps():
            rows = []
            for field in visible_fields(step, shown):
                if field.type == "notice":
                    continue
                if field.type == "attachment":
                    docs = self.state.documents.get(field.id, [])
                    value = ", ".join(d.filename for d in docs) if docs else self.tr("Aucun fichier")
                else:
                    value = format_answer(field, self.state.answers.get(field.id), lang)
                rows.append((field.label.get(lang), value))
            sections.append((f"step:{step.id}", step.title.get(lang), rows))
        return sections

    def _section(self, key: str, title: str, rows: list[tuple[str, str]]) -> list[QLabel]:
        """A card for one part of the summary; returns the labels showing its values."""
        card = QFrame()
        card.setObjectName("card")
        box = QVBoxLayout(card)
        box.setContentsMargins(28, 20, 28, 24)
        box.setSpacing(12)
        head = QHBoxLayout()
        heading = QLabel(title)
        heading.setObjectName("sectionTitle")
        heading.setWordWrap(True)
        edit = QPushButton(self.tr("Modifier"))
        edit.setAccessibleName(QCoreApplication.translate("SummaryStep", "Modifier : %1").replace("%1", title))
        edit.clicked.connect(lambda _=False, k=key: self.edit_requested.emit(k))
        head.addWidget(heading, 1)
        head.addWidget(edit, 0, Qt.AlignmentFlag.AlignTop)
        box.addLayout(head)
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(10)
        grid.setColumnStretch(1, 1)
        values = []
        for index, (label, value) in enumerate(rows):
            name = QLabel(label)
            name.setObjectName("muted")
            name.setWordWrap(True)
            name.setMaximumWidth(420)
            shown = QLabel(value)
            shown.setWordWrap(True)
            shown.setTextFormat(Qt.TextFormat.PlainText)
            grid.addWidget(name, index, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(shown, index, 1, Qt.AlignmentFlag.AlignTop)
            values.append(shown)
        box.addLayout(grid)
        self._column.addWidget(card)
        return values

    def problems(self) -> dict[str, str]:
        return {}

    def is_complete(self) -> bool:
        return True

    def show_problems(self) -> None:
        """Nothing to show: every step was checked on the way here."""

    def title(self) -> str:
        return self.tr("Le récapitulatif")

    def retranslate(self) -> None:
        self.refresh()
