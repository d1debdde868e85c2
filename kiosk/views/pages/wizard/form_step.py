"""A page of questions: the fields of one step (a procedure's own, or "Mes informations"), kept in sync with
the draft's answers, shown or hidden as their conditions say, and checked before going on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.services.forms import Problem, clean_answers, validate_step, visible_fields
from kiosk.views.pages.base import page_title, scroll_area
from kiosk.views.widgets.documents.editor import AttachmentEditor
from kiosk.views.widgets.fields import FieldEditor, make_editor, problem_message

if TYPE_CHECKING:
    from kiosk.models.dto import AnswerValue
    from kiosk.services.documents import AcceptedDocument
    from kiosk.views.context import ViewContext
    from kiosk.views.tasks import TaskOwner
    from sync.catalogue import FieldDef, Procedure, Step

ExtraRules = Callable[[dict[str, "AnswerValue"]], dict[str, Problem]]
Editor = FieldEditor | AttachmentEditor


class FormStep(QWidget):
    """The editors of one step over a dict of answers (and, for attachments, a dict of documents).

    Errors appear once the visitor asks what is missing, then follow the answers live, beside each field.

    Signals:
        changed(): an answer changed (the wizard re-checks whether Next may be enabled).
    """

    changed = Signal()

    def __init__(
        self,
        ctx: ViewContext,
        step: Step,
        answers: dict[str, AnswerValue],
        documents: dict[str, list[AcceptedDocument]],
        extra_rules: ExtraRules | None = None,
        procedure: Procedure | None = None,
        tasks: TaskOwner | None = None,
        heading: bool = True,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.step = step
        self._answers = answers
        self._documents = documents
        self._extra_rules = extra_rules
        self._procedure = procedure
        self._tasks = tasks
        self._showing_problems = False
        self._editors: dict[str, Editor] = {}
        self._fields: dict[str, FieldDef] = {f.id: f for f in step.fields}

        column = QWidget()
        column.setMaximumWidth(1200)
        self._layout = QVBoxLayout(column)
        self._layout.setContentsMargins(40, 16, 40, 40)
        self._layout.setSpacing(28)
        # A procedure's step has a title of its own; "Mes informations" has none here: the wizard's progress
        # names the step (``heading=False``).
        self._title = page_title()
        if not heading:
            self._title.hide()
        self._layout.addWidget(self._title)
        for field in step.fields:
            editor = self._make_editor(field)
            self._editors[field.id] = editor
            self._layout.addWidget(editor)
        self._layout.addStretch(1)
        # Centred between stretches, not with an alignment flag: Qt ignores height-for-width through an aligned
        # item, and the scroll area would then squeeze wrapped texts and cards below their height.
        holder = QWidget()
        centred = QHBoxLayout(holder)
        centred.setContentsMargins(0, 0, 0, 0)
        centred.addStretch(1)
        centred.addWidget(column, 100)
        centred.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self._scroll = scroll_area(holder)
        outer.addWidget(self._scroll)
        self._refresh_visibility()
        self.retranslate()

    def _make_editor(self, field: FieldDef) -> Editor:
        if field.type == "attachment":
            # Steps are built once the procedure was loaded from the catalogue: the services are up.
            documents = self.ctx.attached_services().documents
            attachment = AttachmentEditor(field, self.ctx.language, documents, self, tasks=self._tasks)
            attachment.set_documents(list(self._documents.get(field.id, [])))
            attachment.changed.connect(lambda f=field.id, e=attachment: self._on_documents(f, e))
            return attachment
        editor = make_editor(field, self.ctx.language, self)
        if field.id in self._answers:
            editor.set_value(self._answers[field.id])
        editor.value_changed.connect(lambda f=field.id, e=editor: self._on_value(f, e))
        return editor

    def editor(self, field_id: str) -> Editor:
        return self._editors[field_id]

    def field_ids(self) -> list[str]:
        return list(self._editors)

    def set_answer(self, field_id: str, value: AnswerValue) -> None:
        """Answer as the visitor would: through the field's editor, which keeps the draft in step."""
        editor = self._editors[field_id]
        assert isinstance(editor, FieldEditor), f"{field_id} is an attachment"
        editor.set_value(value)

    def set_documents(self, field_id: str, documents: list[AcceptedDocument]) -> None:
        editor = self._editors[field_id]
        assert isinstance(editor, AttachmentEditor), f"{field_id} is not an attachment"
        editor.set_documents(documents)
        self._on_documents(field_id, editor)

    def _on_value(self, field_id: str, editor: FieldEditor) -> None:
        value = editor.value()
        if value is None or value == "" or value == ():
            self._answers.pop(field_id, None)
        else:
            self._answers[field_id] = value
        self._after_change()

    def _on_documents(self, field_id: str, editor: AttachmentEditor) -> None:
        self._documents[field_id] = editor.documents()
        self._after_change()

    def _after_change(self) -> None:
        self._refresh_visibility()
        if self._showing_problems:
            self._write_problems()
        self.changed.emit()

    def _effective(self) -> dict[str, AnswerValue]:
        """The answers that count now: in a procedure, an answer to a field hidden (even through a chain of
        conditions across steps) must neither show nor require anything."""
        if self._procedure is None:
            return dict(self._answers)
        return clean_answers(self._procedure, self._answers)

    def _refresh_visibility(self) -> None:
        shown = {f.id for f in visible_fields(self.step, self._effective())}
        for field_id, editor in self._editors.items():
            editor.setVisible(field_id in shown)

    def problems(self) -> dict[str, str]:
        """Field id → message, for the fields shown now, in their order on the page."""
        today = dt.date.today()
        answers = self._effective()
        found = validate_step(self.step, answers, today)
        for field in visible_fields(self.step, answers):
            if field.type == "attachment" and field.required and not self._documents.get(field.id):
                found[field.id] = Problem("required", {})
        if self._extra_rules is not None:
            for field_id, problem in self._extra_rules(self._answers).items():
                found.setdefault(field_id, problem)
        order = [f.id for f in self.step.fields]
        lang = self.ctx.language
        return {fid: problem_message(found[fid], self._fields[fid], lang) for fid in sorted(found, key=order.index)}

    def is_complete(self) -> bool:
        return not self.problems()

    def show_problems(self) -> None:
        """Write every problem beside its field and put the focus on the first one."""
        self._showing_problems = True
        problems = self._write_problems()
        if problems:
            first = self._editors[next(iter(problems))]
            if isinstance(first, FieldEditor):
                first.focus_input()
            else:
                first.setFocus(Qt.FocusReason.OtherFocusReason)  # passes to its "Ajouter un fichier"
            self._scroll.ensureWidgetVisible(first, 0, 40)

    def _write_problems(self) -> dict[str, str]:
        problems = self.problems()
        for field_id, editor in self._editors.items():
            editor.set_problem(problems.get(field_id))
        return problems

    def title(self) -> str:
        return self.step.title.get(self.ctx.language)

    def retranslate(self) -> None:
        self._title.setText(self.title())
        self._title.setAccessibleName(self._title.text())
        for editor in self._editors.values():
            editor.retranslate(self.ctx.language)
        if self._showing_problems:
            self._write_problems()
