"""The card of a document attached to a field: what the visitor sees of it before sending."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout

from kiosk.services.documents import AcceptedDocument
from kiosk.views.widgets.documents.parts import big_button, framed_pixmap
from kiosk.views.widgets.documents.texts import format_size, kind_text
from kiosk.views.widgets.elided_label import ElidedLabel

THUMBNAIL_BOX = 140


class DocumentCard(QFrame):
    """One attached document: its thumbnail, its name, what it is, and "Voir" and "Retirer".

    Signals:
        view_requested(): "Voir" was tapped.
        remove_requested(): "Retirer" was tapped.
    """

    view_requested = Signal()
    remove_requested = Signal()

    def __init__(self, document: AcceptedDocument) -> None:
        super().__init__()
        self.setObjectName("card")
        self.document = document
        self.thumbnail = QLabel()
        self.thumbnail.setFixedSize(THUMBNAIL_BOX, THUMBNAIL_BOX)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail.setPixmap(
            framed_pixmap(document.thumbnail_png).scaled(
                THUMBNAIL_BOX,
                THUMBNAIL_BOX,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        self.name_label = ElidedLabel(document.filename)
        self.name_label.setObjectName("sectionTitle")
        self.detail_label = QLabel()
        self.detail_label.setObjectName("muted")
        self.view_button = big_button()
        self.remove_button = big_button()
        self.view_button.clicked.connect(self.view_requested)
        self.remove_button.clicked.connect(self.remove_requested)
        buttons = QHBoxLayout()
        buttons.setSpacing(16)
        buttons.addWidget(self.view_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        texts = QVBoxLayout()
        texts.setSpacing(8)
        texts.addWidget(self.name_label)
        texts.addWidget(self.detail_label)
        texts.addStretch(1)
        texts.addLayout(buttons)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 16, 16, 16)
        row.setSpacing(20)
        row.addWidget(self.thumbnail, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(texts, 1)
        self.retranslate()

    def retranslate(self) -> None:
        doc = self.document
        self.detail_label.setText(f"{kind_text(doc)} · {format_size(doc.size)}")
        self.thumbnail.setAccessibleName(
            QCoreApplication.translate("DocumentCard", "Aperçu de %1").replace("%1", doc.filename)
        )
        self.view_button.setText(QCoreApplication.translate("DocumentCard", "Voir"))
        self.view_button.setAccessibleName(
            QCoreApplication.translate("DocumentCard", "Voir %1").replace("%1", doc.filename)
        )
        self.remove_button.setText(QCoreApplication.translate("DocumentCard", "Retirer"))
        self.remove_button.setAccessibleName(
            QCoreApplication.translate("DocumentCard", "Retirer %1").replace("%1", doc.filename)
        )
