"""The document viewer: the pages of a document, one at a time, rendered off the GUI thread; and the overlay it
is shown in (a card's "Voir", a stored document of a request's follow-up)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QPixmap, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.services.documents import MAX_PDF_PAGES, AcceptedDocument
from kiosk.views.tasks import TaskOwner, widget_tasks
from kiosk.views.widgets.documents.parts import TouchScrollArea, big_button, framed_pixmap, set_icon
from kiosk.views.widgets.overlay import Overlay

if TYPE_CHECKING:
    from kiosk.services.documents import DocumentService

log = logging.getLogger(__name__)


class DocumentViewer(QWidget):
    """The pages of an accepted document, one at a time in a scroll area, with "Page x / y", "Page précédente",
    "Page suivante" and "Fermer". Pages are rendered on the files' worker (``documents``) the first time they are
    shown; ``tasks`` is the opener's (see kiosk.views.tasks). Icons take their colour from the stylesheet.

    Signals:
        closed(): the visitor tapped "Fermer".
        page_shown(int): the page (0-based) now on screen.
    """

    closed = Signal()
    page_shown = Signal(int)

    def __init__(
        self,
        document: AcceptedDocument,
        documents: DocumentService,
        tasks: TaskOwner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("documentViewer")
        self.document = document
        self._documents = documents
        # A child of the opener's tasks (waiting for the page waits for the rendering); they end with the viewer.
        self.tasks = widget_tasks(self, tasks)
        self.page_count = max(1, min(document.page_count, MAX_PDF_PAGES))
        self.current = 0
        self._rendered: dict[int, bytes] = {}
        self._width_px = 0

        self.name_label = QLabel(document.filename)
        self.name_label.setObjectName("sectionTitle")
        self.name_label.setWordWrap(True)
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)  # a file name is the visitor's text, not markup
        self.page_label = QLabel()
        self.page_label.setObjectName("muted")
        self.close_button = big_button(primary=True)
        self.close_button.clicked.connect(self.closed.emit)
        self.image_label = QLabel()
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.image_label.setObjectName("muted")
        self.area = TouchScrollArea(self.image_label)
        self.previous_button = big_button()
        self.previous_button.clicked.connect(lambda: self.show_page(self.current - 1))
        self.next_button = big_button()
        self.next_button.setLayoutDirection(Qt.LayoutDirection.RightToLeft)  # the arrow after the text
        self.next_button.clicked.connect(lambda: self.show_page(self.current + 1))

        names = QVBoxLayout()
        names.setSpacing(4)
        names.addWidget(self.name_label)
        names.addWidget(self.page_label)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addLayout(names, 1)
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        pages = QHBoxLayout()
        pages.setSpacing(16)
        pages.addWidget(self.previous_button)
        pages.addStretch(1)
        pages.addWidget(self.next_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(16)
        column.addLayout(top)
        column.addWidget(self.area, 1)
        column.addLayout(pages)
        multi = self.page_count > 1
        self.previous_button.setVisible(multi)
        self.next_button.setVisible(multi)
        self._paint_icons()
        self.retranslate()

    def fit(self, host: QWidget) -> None:
        """Take most of ``host`` (the overlay's host), yet give way to a wrapped title or large fonts."""
        self.setMinimumWidth(max(360, min(1000, host.width() - 240)))
        self.area.preferred_height = max(300, host.height() - 560)
        self.area.updateGeometry()

    def show_page(self, index: int) -> None:
        """Show page ``index`` (0-based), rendering it off the GUI thread the first time."""
        index = max(0, min(index, self.page_count - 1))
        self.current = index
        self.retranslate()
        png = self._rendered.get(index)
        if png is not None:
            self._display(png)
            return
        self.image_label.setPixmap(QPixmap())
        self.image_label.setText(QCoreApplication.translate("DocumentViewer", "Chargement de la page…"))
        self.tasks.spawn(self._render(index))

    async def _render(self, index: int) -> None:
        width = self._target_width()
        doc = self.document
        try:
            pages = await self._documents.render_pages(doc.content, doc.media_type, width, 1, index)
        except Exception as exc:  # a document that renders badly must not break the session
            log.warning("page rendering failed: %s", type(exc).__name__)
            pages = []
        if index != self.current:
            if pages:
                self._rendered[index] = pages[0]
            return
        if not pages:
            self.image_label.setText(
                QCoreApplication.translate("DocumentViewer", "Cette page ne peut pas être affichée.")
            )
            return
        self._rendered[index] = pages[0]
        self._display(pages[0])

    def _display(self, png: bytes) -> None:
        pixmap = framed_pixmap(png)
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        self.image_label.setText("")
        self.image_label.setPixmap(pixmap)
        self.image_label.setAccessibleName(self.page_label.text())
        self.area.verticalScrollBar().setValue(0)
        self.page_shown.emit(self.current)

    def _target_width(self) -> int:
        if not self._width_px:
            logical = max(400, min(1000, self.area.viewport().width() - 40))
            self._width_px = round(logical * self.devicePixelRatioF())
        return self._width_px

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._rendered and not self.tasks.busy:
            self.show_page(self.current)

    def _paint_icons(self) -> None:
        set_icon(self.previous_button, "back")
        set_icon(self.next_button, "chevron-right")

    def retranslate(self) -> None:
        self.page_label.setText(
            QCoreApplication.translate("DocumentViewer", "Page %1 / %2")
            .replace("%1", str(self.current + 1))
            .replace("%2", str(self.page_count))
        )
        self.previous_button.setText(QCoreApplication.translate("DocumentViewer", "Page précédente"))
        self.previous_button.setAccessibleName(QCoreApplication.translate("DocumentViewer", "Page précédente"))
        self.next_button.setText(QCoreApplication.translate("DocumentViewer", "Page suivante"))
        self.next_button.setAccessibleName(QCoreApplication.translate("DocumentViewer", "Page suivante"))
        self.previous_button.setEnabled(self.current > 0)
        self.next_button.setEnabled(self.current < self.page_count - 1)
        self.close_button.setText(QCoreApplication.translate("DocumentViewer", "Fermer"))
        self.close_button.setAccessibleName(QCoreApplication.translate("DocumentViewer", "Fermer le document"))
        self.setAccessibleName(self.document.filename)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() in {QEvent.Type.StyleChange, QEvent.Type.PaletteChange}:
            self._paint_icons()


def open_viewer(
    host: QWidget, document: AcceptedDocument, documents: DocumentService, tasks: TaskOwner | None = None
) -> tuple[DocumentViewer, Overlay]:
    """``document`` in a viewer, in an overlay over ``host``, the focus on "Fermer" (what "Voir" does).

    "Fermer" dismisses the overlay; the overlay's ``finished`` says when it is gone (the viewer goes with it).
    """
    viewer = DocumentViewer(document, documents, tasks)
    viewer.fit(host)
    # A neutral title: the overlay's title label would read a file name as markup; the viewer shows it.
    overlay = Overlay(host, QCoreApplication.translate("DocumentViewer", "Document joint"), body=viewer)
    viewer.closed.connect(overlay.dismiss)
    rendering = viewer.tasks
    overlay.finished.connect(lambda _role: rendering.cancel_all())  # at once, not when the viewer is deleted
    overlay.open()
    viewer.close_button.setFocus(Qt.FocusReason.OtherFocusReason)
    return viewer, overlay
