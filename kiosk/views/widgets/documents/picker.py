"""The document picker: a touch file browser over the allowed folders, in an overlay.

No QFileDialog (it keeps a history of paths in QSettings): the picker browses the configured folders only, shows
where it is relative to its folder (never an absolute path), lists them on the files' worker (DocumentService),
and is destroyed when it closes, with its tasks.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.services.documents import FolderEntry, FolderListing, OutsideFoldersError
from kiosk.views import icons
from kiosk.views.tasks import TaskOwner, widget_tasks
from kiosk.views.widgets.documents.parts import ICON_SIZE, TouchScrollArea, big_button, ink, set_icon
from kiosk.views.widgets.documents.texts import format_date, format_size
from kiosk.views.widgets.elided_label import ElidedLabel
from kiosk.views.widgets.overlay import Overlay

if TYPE_CHECKING:
    import asyncio

    from kiosk.services.documents import DocumentService

LISTED_ENTRIES = 200  # rows the picker shows in one folder
ROW_HEIGHT = 76


class _EntryRow(QPushButton):
    """One row of the picker: a big button with an icon, the name, and the size and date (or "Dossier")."""

    def __init__(self, entry: FolderEntry) -> None:
        super().__init__()
        self.setObjectName("fileRow")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.entry = entry
        self._icon = QLabel()
        self._icon.setFixedSize(48, 48)
        self.name_label = ElidedLabel(entry.name)
        self.name_label.setObjectName("fileRowName")
        self.detail_label = QLabel()
        self.detail_label.setObjectName("muted")
        self._chevron = QLabel()
        self._chevron.setFixedSize(36, 36)
        self._chevron.setVisible(entry.is_folder)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(self.name_label)
        texts.addWidget(self.detail_label)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 8, 16, 8)
        row.setSpacing(16)
        row.addWidget(self._icon)
        row.addLayout(texts, 1)
        row.addWidget(self._chevron)
        self._row = row
        for child in (self._icon, self.name_label, self.detail_label, self._chevron):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)  # the row takes the tap
        self._paint_icons()
        self.retranslate()

    def _paint_icons(self) -> None:
        color = ink(self)
        self._icon.setPixmap(icons.pixmap("folder" if self.entry.is_folder else "document", color, 44))
        self._chevron.setPixmap(icons.pixmap("chevron-right", color, ICON_SIZE))

    def retranslate(self) -> None:
        if self.entry.is_folder:
            detail = QCoreApplication.translate("DocumentPicker", "Dossier")
            name = QCoreApplication.translate("DocumentPicker", "Dossier %1").replace("%1", self.entry.name)
        else:
            detail = f"{format_size(self.entry.size)} · {format_date(self.entry.modified)}"
            name = f"{self.entry.name}, {format_size(self.entry.size)}"
        self.detail_label.setText(detail)
        self.setAccessibleName(name)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in {QEvent.Type.StyleChange, QEvent.Type.PaletteChange}:
            self._paint_icons()

    def sizeHint(self) -> QSize:
        hint = self._row.sizeHint()
        return QSize(hint.width(), max(ROW_HEIGHT, hint.height()))

    def minimumSizeHint(self) -> QSize:
        hint = self._row.minimumSize()
        return QSize(hint.width(), max(ROW_HEIGHT, hint.height()))


class DocumentPicker(Overlay):
    """Choose one document from the allowed folders (``documents.folders``), by touch, in an overlay over ``host``.

    Folders first, then files; "Dossier parent" goes up (never above the allowed folders); the place is named
    from its folder down. With no folder to offer, it asks for a USB key and "Actualiser" looks again. One-shot:
    it is deleted when it closes, and remembers nothing. ``tasks``: the opener's (see kiosk.views.tasks).

    Signals:
        document_chosen(object): the Path of the file tapped (still to be checked: DocumentService.inspect).
        cancelled(): closed without a choice ("Annuler", Escape, or dismiss()).
        listing_shown(): the rows of a place are on screen.
    """

    document_chosen = Signal(object)
    cancelled = Signal()
    listing_shown = Signal()

    def __init__(self, host: QWidget, documents: DocumentService, tasks: TaskOwner | None = None) -> None:
        body = QWidget()
        super().__init__(host, QCoreApplication.translate("DocumentPicker", "Choisir un fichier"), body=body)
        self._body = body
        self._documents = documents
        # A child of the opener's tasks (waiting for the page waits for the listing); they end with the picker.
        self.tasks = widget_tasks(self, tasks)
        self.listing: FolderListing | None = None
        self._chosen: Path | None = None
        self._notice = ""
        self._loading: asyncio.Task[None] | None = None

        self.up_button = big_button()
        self.up_button.clicked.connect(self._go_up)
        self.crumbs_label = QLabel()
        self.crumbs_label.setObjectName("sectionTitle")
        self.crumbs_label.setWordWrap(True)
        self.crumbs_label.setTextFormat(Qt.TextFormat.PlainText)
        self.refresh_button = big_button()
        self.refresh_button.clicked.connect(self._refresh)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setObjectName("muted")
        self._rows = QWidget()
        self._rows_layout = QVBoxLayout(self._rows)
        self._rows_layout.setContentsMargins(0, 0, 8, 0)
        self._rows_layout.setSpacing(10)
        self._rows_layout.addStretch(1)
        self.area = TouchScrollArea(self._rows)

        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(self.up_button)
        top.addWidget(self.crumbs_label, 1)
        top.addWidget(self.refresh_button)
        column = QVBoxLayout(self._body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(16)
        column.addLayout(top)
        column.addWidget(self.message_label)
        column.addWidget(self.area, 1)
        self.cancel_button = self.add_button(QCoreApplication.translate("DocumentPicker", "Annuler"), "close")
        self.finished.connect(self._on_finished)
        set_icon(self.up_button, "back")
        self.retranslate()
        self._fit(host)

    # -- opening and closing

    def open(self) -> None:
        super().open()
        self._load(None)

    def rows(self) -> list[_EntryRow]:
        """The rows on screen, in order (folders first)."""
        return [row for row in self._rows.findChildren(_EntryRow) if not row.isHidden()]

    def _on_finished(self, role: str) -> None:
        self.tasks.cancel_all()
        if role == "chosen" and self._chosen is not None:
            self.document_chosen.emit(self._chosen)
        else:
            self.cancelled.emit()

    def _choose(self, path: Path) -> None:
        self._chosen = path
        self._finish("chosen")

    # -- navigation

    def _load(self, folder: Path | None, notice: str = "") -> None:
        if self._loading is not None:
            self._loading.cancel()  # a second tap wins over the first
        self._notice = notice
        self.message_label.setText(QCoreApplication.translate("DocumentPicker", "Chargement…"))
        self.message_label.show()
        self._loading = self.tasks.spawn(self._list(folder))

    async def _list(self, folder: Path | None) -> None:
        try:
            listing = await self._documents.list_folder(folder, LISTED_ENTRIES)
        except (OutsideFoldersError, OSError):
            if folder is None:
                listing = FolderListing(None, (), False, None, (), ())
            else:  # the key was pulled out, the folder removed: back to the top, and say so
                self._loading = None
                self._load(None, QCoreApplication.translate("DocumentPicker", "Ce dossier n'est plus disponible."))
                return
        self._loading = None
        self._show(listing)

    def _go_up(self) -> None:
        if self.listing is not None and self.listing.can_go_up:
            self._load(self.listing.parent)

    def _refresh(self) -> None:
        self._load(self.listing.folder if self.listing is not None else None)

    def _tapped(self, entry: FolderEntry) -> None:
        if entry.is_folder:
            self._load(entry.path)
        else:
            self._choose(entry.path)

    def _show(self, listing: FolderListing) -> None:
        self.listing = listing
        for row in self._rows.findChildren(_EntryRow):
            row.hide()
            row.deleteLater()
        for index, entry in enumerate(listing.entries):
            row = _EntryRow(entry)
            row.clicked.connect(functools.partial(self._tapped, entry))
            self._rows_layout.insertWidget(index, row)
        self.area.verticalScrollBar().setValue(0)
        self.retranslate()
        focused = QApplication.focusWidget()
        if self.isVisible() and (focused is None or not self.isAncestorOf(focused) or focused.isHidden()):
            # The row tapped is gone: keep the focus in the picker, on the way back or out.
            (self.up_button if listing.can_go_up else self.cancel_button).setFocus(Qt.FocusReason.OtherFocusReason)
        self.listing_shown.emit()

    # -- texts and size

    def retranslate(self) -> None:
        title = QCoreApplication.translate("DocumentPicker", "Choisir un fichier")
        self._title.setText(title)
        self.setAccessibleName(title)
        self.cancel_button.setText(QCoreApplication.translate("DocumentPicker", "Annuler"))
        self.up_button.setText(QCoreApplication.translate("DocumentPicker", "Dossier parent"))
        self.up_button.setAccessibleName(QCoreApplication.translate("DocumentPicker", "Dossier parent"))
        self.refresh_button.setText(QCoreApplication.translate("DocumentPicker", "Actualiser"))
        self.refresh_button.setAccessibleName(QCoreApplication.translate("DocumentPicker", "Actualiser la liste"))
        listing = self.listing
        if listing is None or listing.folder is None:
            self.crumbs_label.setText(QCoreApplication.translate("DocumentPicker", "Dossiers disponibles"))
        else:
            self.crumbs_label.setText(" › ".join(listing.crumbs))
        self.crumbs_label.setAccessibleName(
            QCoreApplication.translate("DocumentPicker", "Emplacement : %1").replace("%1", self.crumbs_label.text())
        )
        self.up_button.setVisible(listing is not None and listing.can_go_up)
        if listing is None:
            return
        messages = [self._notice] if self._notice else []
        if listing.nothing_available:
            messages.append(
                QCoreApplication.translate(
                    "DocumentPicker",
                    "Branchez une clé USB sur la borne, attendez quelques secondes, puis touchez « Actualiser ». "
                    "Aucun dossier de documents n'est disponible pour le moment.",
                )
            )
        elif not listing.entries:
            messages.append(QCoreApplication.translate("DocumentPicker", "Ce dossier est vide."))
        if listing.truncated:
            messages.append(
                QCoreApplication.translate(
                    "DocumentPicker", "Ce dossier contient beaucoup de fichiers : seuls les %1 premiers sont affichés."
                ).replace("%1", str(len(listing.entries)))
            )
        if listing.entries:
            messages.append(
                QCoreApplication.translate(
                    "DocumentPicker", "Touchez un dossier pour l'ouvrir, ou un fichier pour le joindre."
                )
            )
        self.message_label.setText("\n".join(messages))
        self.message_label.setVisible(bool(messages))
        for row in self.rows():
            row.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() in {QEvent.Type.StyleChange, QEvent.Type.PaletteChange}:
            set_icon(self.up_button, "back")

    def _fit(self, host: QWidget) -> None:
        self._body.setMinimumWidth(max(320, min(1000, host.width() - 240)))
        self.area.preferred_height = max(220, min(900, host.height() - 560))
        self.area.updateGeometry()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._host and event.type() == QEvent.Type.Resize and hasattr(self, "area"):
            self._fit(self._host)
        return super().eventFilter(watched, event)
