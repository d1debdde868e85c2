"""The editor of a catalogue field of type "attachment" (a pièce): its documents as cards, "Ajouter un fichier"
(the picker), "Voir" (the viewer), "Retirer", and why a file was refused, in words, beside the field.

Everything a visitor picked lives in this widget only: the session wipe destroys it, and with it go its picker,
its viewer and their tasks. Icons take their colour from the stylesheet, so they follow a switch to high contrast.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.services.documents import AcceptedDocument, Refusal
from kiosk.views import icons
from kiosk.views.plural import count_text
from kiosk.views.tasks import TaskOwner, widget_tasks
from kiosk.views.widgets.documents.card import DocumentCard
from kiosk.views.widgets.documents.parts import ICON_SIZE, big_button, ink, overlay_host, set_icon
from kiosk.views.widgets.documents.picker import DocumentPicker
from kiosk.views.widgets.documents.texts import refusal_message
from kiosk.views.widgets.documents.viewer import DocumentViewer, open_viewer
from kiosk.views.widgets.fields import optional_label
from kiosk.views.widgets.overlay import Overlay

if TYPE_CHECKING:
    import asyncio

    from kiosk.services.documents import DocumentService
    from sync.catalogue import FieldDef

log = logging.getLogger(__name__)


class _Leftovers:
    """What an editor opened over the window, closed without a word when the editor is destroyed (session wipe).

    A plain object (not the editor) is connected to ``destroyed``: it is still whole when the editor is not. (The
    tasks of the picker and the viewer are children of the editor's, which end with the editor.)
    """

    def __init__(self) -> None:
        self.overlays: list[Overlay] = []

    def close_all(self) -> None:
        for overlay in self.overlays:
            if not shiboken6.isValid(overlay):  # already gone with the window
                continue
            overlay.hide()
            overlay.deleteLater()
        self.overlays.clear()

    def forget(self, overlay: Overlay | None) -> None:
        if overlay in self.overlays:
            self.overlays.remove(overlay)


class AttachmentEditor(QWidget):
    """One attachment field (a pièce, ``field.type == "attachment"``): the label and help, a card per file,
    "Ajouter un fichier" (up to ``field.max_files``), and the reason a file was refused, in words, beside it.

    ``documents`` lists the allowed folders for the picker, checks a chosen file on the files' worker (it is then
    added or refused) and renders pages for the viewer. Pass the page's ``tasks`` so that waiting for the page
    waits for the checks, the listings and the pages too, and leaving it cancels them (see kiosk.views.tasks).

    Signals:
        changed(): a file was added or removed (not emitted by set_documents).
    """

    changed = Signal()

    def __init__(
        self,
        field: FieldDef,
        language: str,
        documents: DocumentService,
        parent: QWidget | None = None,
        *,
        tasks: TaskOwner | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentEditor")
        self.setProperty("fieldId", field.id)
        self._field = field
        self._language = language
        self._service = documents
        self.tasks = widget_tasks(self, tasks)
        self.max_files = field.max_files
        self._documents: list[AcceptedDocument] = []
        self._cards: list[DocumentCard] = []
        self._refusal: Refusal | None = None
        self._duplicate = ""
        self._problem: str | None = None
        self._checking = False
        self.picker: DocumentPicker | None = None
        self.viewer: DocumentViewer | None = None
        self._viewer_overlay: Overlay | None = None
        # When the session's widgets are destroyed, checks stop and the picker or viewer goes with them.
        self._leftovers = _Leftovers()
        self.destroyed.connect(self._leftovers.close_all)

        self.label = QLabel()
        self.label.setObjectName("fieldLabel")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.help = QLabel()
        self.help.setObjectName("muted")
        self.help.setWordWrap(True)
        self.help.setTextFormat(Qt.TextFormat.PlainText)
        self.rules_label = QLabel()
        self.rules_label.setObjectName("muted")
        self.rules_label.setWordWrap(True)
        self._cards_box = QVBoxLayout()
        self._cards_box.setSpacing(12)
        self.add_button = big_button()
        self.add_button.clicked.connect(self.open_picker)
        self.status_label = QLabel()
        self.status_label.setObjectName("muted")
        self.status_label.setWordWrap(True)
        self.error_icon = QLabel()
        self.error_icon.setFixedSize(ICON_SIZE + 4, ICON_SIZE + 4)
        self.error_label = QLabel()
        self.error_label.setObjectName("errorText")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self._error_row = QWidget()
        error_row = QHBoxLayout(self._error_row)
        error_row.setContentsMargins(0, 0, 0, 0)
        error_row.setSpacing(12)
        error_row.addWidget(self.error_icon, 0, Qt.AlignmentFlag.AlignTop)
        error_row.addWidget(self.error_label, 1)

        add_row = QHBoxLayout()
        add_row.setSpacing(16)
        add_row.addWidget(self.add_button)
        add_row.addWidget(self.status_label, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        column.addWidget(self.label)
        column.addWidget(self.help)
        column.addWidget(self.rules_label)
        column.addWidget(self._error_row)
        column.addLayout(self._cards_box)
        column.addLayout(add_row)
        self.setFocusProxy(self.add_button)
        self._paint_icons()
        self.retranslate(language)

    # -- public API

    @property
    def field(self) -> FieldDef:
        return self._field

    def documents(self) -> list[AcceptedDocument]:
        return list(self._documents)

    def set_documents(self, documents: Sequence[AcceptedDocument]) -> None:
        """Show ``documents`` (the visitor came back to this step). No ``changed`` signal."""
        self._documents = list(documents)[: self.max_files]
        self._refusal = None
        self._duplicate = ""
        self._rebuild_cards()
        self._update()

    def error_text(self) -> str:
        """The error written beside the field: a refused file, or the form's problem ("" when none)."""
        return self.error_label.text() if not self._error_row.isHidden() else ""

    def set_problem(self, text: str | None) -> None:
        """A problem of the form (e.g. a required pièce without a file), shown like a refusal; None clears it.
        Not retranslated here: set it again after a language switch (as FieldEditor.set_problem)."""
        self._problem = text or None
        self._update()

    def problem(self) -> str | None:
        return self._problem

    def retranslate(self, language: str) -> None:
        """Re-read the pièce's label and help in ``language`` (catalogue texts) and the fixed texts."""
        self._language = language
        label = self._field.label.get(language)
        if not self._field.required:
            label = optional_label(label)
        self.label.setText(label)
        help_text = self._field.help.get(language) if self._field.help else ""
        self.help.setText(help_text)
        self.help.setVisible(bool(help_text))
        self._update()

    @property
    def checking(self) -> bool:
        """A chosen file is being checked."""
        return self._checking

    def cards(self) -> list[DocumentCard]:
        return list(self._cards)

    # -- the picker

    def open_picker(self) -> DocumentPicker | None:
        """Open the picker over the window (what "Ajouter un fichier" does); None when no file may be added."""
        if len(self._documents) >= self.max_files or self._checking or self.picker is not None:
            return None
        picker = DocumentPicker(overlay_host(self), self._service, self.tasks)
        picker.document_chosen.connect(self._on_chosen)
        picker.finished.connect(self._on_picker_finished)
        self.picker = picker
        self._leftovers.overlays.append(picker)
        picker.open()
        return picker

    def _on_picker_finished(self, _role: str) -> None:
        self._leftovers.forget(self.picker)
        self.picker = None
        if self.isVisible() and self.add_button.isEnabled():
            self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_chosen(self, path: Path) -> None:
        self._checking = True
        self._refusal = None
        self._duplicate = ""
        self._update()
        task = self.tasks.spawn(self._check(path))
        # Cancelled before it even started (the visitor left the page at once), the check's own ``finally``
        # never runs: the field must not stay "checking" with "Ajouter un fichier" disabled for good.
        task.add_done_callback(self._on_check_done)

    def _on_check_done(self, task: asyncio.Task[None]) -> None:
        if task.cancelled() and self._checking and shiboken6.isValid(self):
            self._checking = False
            self._update()

    async def _check(self, path: Path) -> None:
        try:
            result: AcceptedDocument | Refusal = await self._service.inspect(path)
        except Exception as exc:  # a parser crash must not end the visitor's session
            log.warning("attachment check failed: %s", type(exc).__name__)
            result = Refusal("unreadable", path.name)
        finally:
            self._checking = False
        if isinstance(result, Refusal):
            self._refusal = result
        elif any(doc.content == result.content for doc in self._documents):
            self._duplicate = result.filename
        elif len(self._documents) < self.max_files:
            self._documents.append(result)
            self._problem = None  # the form's problem here was the missing file; the form re-checks on changed
            self._rebuild_cards()
            self.changed.emit()
        self._update()
        if self.isVisible():
            self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- the viewer

    def open_viewer(self, document: AcceptedDocument) -> DocumentViewer:
        """Show ``document`` in an overlay over the window (what "Voir" does)."""
        if self._viewer_overlay is not None:
            self._viewer_overlay.dismiss()
        viewer, overlay = open_viewer(overlay_host(self), document, self._service, self.tasks)
        overlay.finished.connect(self._on_viewer_finished)
        self.viewer = viewer
        self._viewer_overlay = overlay
        self._leftovers.overlays.append(overlay)
        return viewer

    def _on_viewer_finished(self, _role: str) -> None:
        self._leftovers.forget(self._viewer_overlay)
        self.viewer = None
        self._viewer_overlay = None

    # -- cards and texts

    def _remove(self, document: AcceptedDocument) -> None:
        self._documents = [doc for doc in self._documents if doc is not document]
        self._refusal = None
        self._duplicate = ""
        self._rebuild_cards()
        self._update()
        self.changed.emit()
        self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _rebuild_cards(self) -> None:
        for card in self._cards:
            card.hide()
            self._cards_box.removeWidget(card)
            card.deleteLater()
        self._cards = []
        for doc in self._documents:
            card = DocumentCard(doc)
            card.view_requested.connect(functools.partial(self.open_viewer, doc))
            card.remove_requested.connect(functools.partial(self._remove, doc))
            self._cards_box.addWidget(card)
            self._cards.append(card)

    def _update(self) -> None:
        count = len(self._documents)
        self.add_button.setText(QCoreApplication.translate("AttachmentEditor", "Ajouter un fichier"))
        self.add_button.setAccessibleName(
            QCoreApplication.translate("AttachmentEditor", "Ajouter un fichier : %1").replace(
                "%1", self._field.label.get(self._language)
            )
        )
        self.add_button.setEnabled(count < self.max_files and not self._checking)
        self.rules_label.setText(
            QCoreApplication.translate("AttachmentEditor", "Un fichier : PDF, JPEG ou PNG, 10 Mo au plus.")
            if self.max_files == 1
            else QCoreApplication.translate(
                "AttachmentEditor", "Jusqu'à %1 fichiers (recto, verso…) : PDF, JPEG ou PNG, 10 Mo au plus chacun."
            ).replace("%1", str(self.max_files))
        )
        if self._checking:
            status = QCoreApplication.translate("AttachmentEditor", "Vérification du fichier…")
        elif count >= self.max_files:
            status = QCoreApplication.translate(
                "AttachmentEditor", "Nombre maximal de fichiers atteint. Retirez-en un pour en ajouter un autre."
            )
        elif count:
            status = count_text(
                count,
                QCoreApplication.translate("AttachmentEditor", "%1 fichier joint sur %2"),
                QCoreApplication.translate("AttachmentEditor", "%1 fichiers joints sur %2"),
            ).replace("%2", str(self.max_files))
        else:
            status = ""
        self.status_label.setText(status)
        self.status_label.setVisible(bool(status))
        errors: list[str] = []
        if self._refusal is not None:
            errors.append(refusal_message(self._refusal))
            errors.append(
                QCoreApplication.translate("AttachmentEditor", "Fichier non joint : %1").replace(
                    "%1", self._refusal.filename
                )
            )
        elif self._duplicate:
            errors.append(
                QCoreApplication.translate("AttachmentEditor", "Ce fichier est déjà joint : %1").replace(
                    "%1", self._duplicate
                )
            )
        if self._problem:
            errors.append(self._problem)
        error = "\n".join(errors)
        self.error_label.setText(error)
        self._error_row.setVisible(bool(error))
        self.add_button.setAccessibleDescription(error)
        for card in self._cards:
            card.retranslate()

    def _paint_icons(self) -> None:
        set_icon(self.add_button, "attachment")
        self.error_icon.setPixmap(
            icons.pixmap("warning", ink(self.error_label, QPalette.ColorRole.WindowText), ICON_SIZE)
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate(self._language)
        elif event.type() in {QEvent.Type.StyleChange, QEvent.Type.PaletteChange}:
            self._paint_icons()
