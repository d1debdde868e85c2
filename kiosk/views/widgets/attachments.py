"""Attaching documents at the kiosk: a touch picker over the allowed folders, the field of one pièce, a viewer.

No QFileDialog (it keeps a history of paths in QSettings): the picker browses the configured folders only,
shows where it is relative to its folder (never an absolute path), and is destroyed when it closes. Listing
folders, checking files and rendering pages run off the GUI thread (the loop's executor, or a given one).
Everything a visitor picked lives in these widgets only: the session wipe destroys them, and with the editor go
its picker and viewer. Icons take their colour from the stylesheet (the widgets' palette), so they follow a
switch to high contrast.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable, Coroutine, Sequence
from concurrent.futures import Executor
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QDate, QEvent, QLocale, QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QPen, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.services.documents import (
    JPEG,
    MAX_PDF_PAGES,
    PDF,
    PNG,
    AcceptedDocument,
    FolderEntry,
    FolderListing,
    OutsideFoldersError,
    Refusal,
    inspect_file,
    list_folder,
    render_pages,
)
from kiosk.views import icons
from kiosk.views.plural import count_text
from kiosk.views.tasks import TaskOwner
from kiosk.views.theme import Theme
from kiosk.views.touch import see_through, touch_scrolling
from kiosk.views.widgets.elided_label import ElidedLabel
from kiosk.views.widgets.fields import optional_label
from kiosk.views.widgets.overlay import Overlay
from sync.catalogue import FieldDef

__all__ = ["AttachmentEditor", "DocumentViewer", "FilePicker", "format_size", "refusal_message"]

log = logging.getLogger(__name__)
T = TypeVar("T")

LISTED_ENTRIES = 200  # rows the picker shows in one folder
ROW_HEIGHT = 76
THUMBNAIL_BOX = 140
BUTTON_HEIGHT = 64
ICON_SIZE = 32
PAGE_BORDER = "#767676"  # around a page or thumbnail: a white page must show on a white card


def refusal_message(refusal: Refusal) -> str:
    """Why ``refusal``'s file was not attached, in the current language. The one place for these texts."""
    if refusal.code == "extension_mismatch":
        detected = {
            PDF: QCoreApplication.translate(
                "Attachments", "Le nom de ce fichier annonce un autre type que son contenu : c'est en réalité un PDF."
            ),
            JPEG: QCoreApplication.translate(
                "Attachments",
                "Le nom de ce fichier annonce un autre type que son contenu : c'est en réalité une image JPEG.",
            ),
            PNG: QCoreApplication.translate(
                "Attachments",
                "Le nom de ce fichier annonce un autre type que son contenu : c'est en réalité une image PNG.",
            ),
        }
        if refusal.detected in detected:
            return detected[refusal.detected]
    messages = {
        "outside_folders": QCoreApplication.translate(
            "Attachments", "Ce fichier n'est pas dans un dossier autorisé : il ne peut pas être joint."
        ),
        "unreadable": QCoreApplication.translate(
            "Attachments", "Ce fichier ne peut pas être lu. La clé USB a peut-être été retirée."
        ),
        "empty": QCoreApplication.translate("Attachments", "Ce fichier est vide."),
        "too_large": QCoreApplication.translate("Attachments", "Ce fichier dépasse 10 Mo."),
        "unsupported_type": QCoreApplication.translate(
            "Attachments", "Ce fichier n'est pas un PDF, un JPEG ou un PNG."
        ),
        "extension_mismatch": QCoreApplication.translate(
            "Attachments", "Le nom de ce fichier annonce un autre type que son contenu."
        ),
        "image_bomb": QCoreApplication.translate("Attachments", "L'image est trop grande pour être ouverte."),
        "image_corrupt": QCoreApplication.translate(
            "Attachments", "Cette image est abîmée ou incomplète : elle ne peut pas être ouverte."
        ),
        "pdf_encrypted": QCoreApplication.translate(
            "Attachments", "Ce PDF est protégé par un mot de passe : il ne peut pas être joint."
        ),
        "pdf_scripted": QCoreApplication.translate(
            "Attachments", "Ce PDF contient des scripts : il ne peut pas être joint."
        ),
        "pdf_corrupt": QCoreApplication.translate("Attachments", "Ce PDF est abîmé : il ne peut pas être lu."),
        "pdf_too_many_pages": QCoreApplication.translate(
            "Attachments", "Ce PDF a plus de 30 pages : il ne peut pas être joint."
        ),
    }
    return messages.get(refusal.code, QCoreApplication.translate("Attachments", "Ce fichier ne peut pas être joint."))


def format_size(size: int) -> str:
    """A file size for people: "812 octets", "45 Ko", "2,4 Mo" (the decimal mark of the current language)."""
    if size < 1024:
        return QCoreApplication.translate("Attachments", "%1 octets").replace("%1", str(size))
    if size < 1024 * 1024:
        return QCoreApplication.translate("Attachments", "%1 Ko").replace("%1", str(-(-size // 1024)))
    megabytes = QLocale().toString(size / (1024 * 1024), "f", 1)
    return QCoreApplication.translate("Attachments", "%1 Mo").replace("%1", megabytes)


def _format_date(moment: datetime) -> str:
    # The default locale follows the visitor's language (kiosk.views.i18n sets it).
    return QLocale().toString(QDate(moment.year, moment.month, moment.day), QLocale.FormatType.ShortFormat)


def _kind_text(doc: AcceptedDocument) -> str:
    if doc.media_type == PDF:
        pages = count_text(
            doc.page_count,
            QCoreApplication.translate("Attachments", "PDF, %1 page"),
            QCoreApplication.translate("Attachments", "PDF, %1 pages"),
        )
        return pages
    if doc.media_type == JPEG:
        return QCoreApplication.translate("Attachments", "Image JPEG")
    return QCoreApplication.translate("Attachments", "Image PNG")


def _overlay_host(widget: QWidget) -> QWidget:
    """Where overlays go: the window's central area (as the help overlay), else the window."""
    window = widget.window()
    central = window.centralWidget() if isinstance(window, QMainWindow) else None
    return central if central is not None else window


def _ink(widget: QWidget, role: QPalette.ColorRole = QPalette.ColorRole.ButtonText) -> str:
    """The colour the stylesheet gives ``widget``'s text: icons drawn with it follow the theme."""
    widget.ensurePolished()
    return widget.palette().color(role).name()


def _set_icon(button: QPushButton, name: str) -> None:
    button.setIcon(icons.icon(name, _ink(button), ICON_SIZE))
    button.setIconSize(QSize(ICON_SIZE, ICON_SIZE))


def _pixmap(png: bytes) -> QPixmap:
    """The PNG with a thin line around it, so that a white page shows on a white card."""
    image = QImage()
    image.loadFromData(png, "PNG")
    image = image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    painter.setPen(QPen(QColor(PAGE_BORDER), 2))
    painter.drawRect(QRectF(1, 1, image.width() - 2, image.height() - 2))
    painter.end()
    return QPixmap.fromImage(image)


def _button(primary: bool = False) -> QPushButton:
    button = QPushButton()
    button.setProperty("primary", primary)
    button.setMinimumHeight(BUTTON_HEIGHT)
    button.setMinimumWidth(BUTTON_HEIGHT)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


class _Tasks:
    """Tasks of one widget, started on a shared TaskOwner (so ``settle`` waits for them) and cancellable alone."""

    def __init__(self, owner: TaskOwner | None, executor: Executor | None) -> None:
        self.owner = owner if owner is not None else TaskOwner()
        self.executor = executor
        self._mine: set[asyncio.Task[Any]] = set()

    def spawn(self, coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        task = self.owner.spawn(coro)
        self._mine.add(task)
        task.add_done_callback(self._mine.discard)
        return task

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` off the GUI thread."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, functools.partial(fn, *args))

    @property
    def busy(self) -> bool:
        return bool(self._mine)

    def cancel(self) -> None:
        for task in list(self._mine):
            task.cancel()

    async def idle(self) -> None:
        while self._mine:
            await asyncio.wait(list(self._mine))


class _ScrollArea(QScrollArea):
    """A touch scroll area that asks for ``preferred_height`` but gives way (to a wrapped title, big fonts)."""

    def __init__(self, content: QWidget) -> None:
        super().__init__()
        self.preferred_height = 400
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        see_through(self, content)
        touch_scrolling(self)

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.preferred_height)

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), 160)


# ------------------------------------------------------------------------------------------------ picker


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
        color = _ink(self)
        self._icon.setPixmap(icons.pixmap("folder" if self.entry.is_folder else "document", color, 44))
        self._chevron.setPixmap(icons.pixmap("chevron-right", color, ICON_SIZE))

    def retranslate(self) -> None:
        if self.entry.is_folder:
            detail = QCoreApplication.translate("Attachments", "Dossier")
            name = QCoreApplication.translate("Attachments", "Dossier %1").replace("%1", self.entry.name)
        else:
            detail = f"{format_size(self.entry.size)} · {_format_date(self.entry.modified)}"
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


class FilePicker(Overlay):
    """Choose one file from the allowed folders (``roots``), by touch, in an overlay over ``host``.

    Folders first, then files; "Dossier parent" goes up (never above the roots); the place is named from its
    root down. With no root to offer, it asks for a USB key and "Actualiser" looks again. One-shot: it is
    deleted when it closes, and remembers nothing.

    Signals:
        file_chosen(object): the Path of the file tapped (still to be checked with inspect_file).
        cancelled(): closed without a choice ("Annuler", Escape, or dismiss()).
        listing_shown(): the rows of a place are on screen.
    """

    file_chosen = Signal(object)
    cancelled = Signal()
    listing_shown = Signal()

    def __init__(
        self,
        host: QWidget,
        roots: Sequence[Path],
        executor: Executor | None = None,
        tasks: TaskOwner | None = None,
    ) -> None:
        body = QWidget()
        super().__init__(host, QCoreApplication.translate("Attachments", "Choisir un fichier"), body=body)
        self._body = body
        self._roots = tuple(roots)
        self.tasks = _Tasks(tasks, executor)
        self.listing: FolderListing | None = None
        self._chosen: Path | None = None
        self._notice = ""
        self._loading: asyncio.Task[None] | None = None

        self.up_button = _button()
        self.up_button.clicked.connect(self._go_up)
        self.crumbs_label = QLabel()
        self.crumbs_label.setObjectName("sectionTitle")
        self.crumbs_label.setWordWrap(True)
        self.crumbs_label.setTextFormat(Qt.TextFormat.PlainText)
        self.refresh_button = _button()
        self.refresh_button.clicked.connect(self._refresh)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setObjectName("muted")
        self._rows = QWidget()
        self._rows_layout = QVBoxLayout(self._rows)
        self._rows_layout.setContentsMargins(0, 0, 8, 0)
        self._rows_layout.setSpacing(10)
        self._rows_layout.addStretch(1)
        self.area = _ScrollArea(self._rows)

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
        self.cancel_button = self.add_button(QCoreApplication.translate("Attachments", "Annuler"), "close")
        self.finished.connect(self._on_finished)
        _set_icon(self.up_button, "back")
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
        self.tasks.cancel()
        if role == "chosen" and self._chosen is not None:
            self.file_chosen.emit(self._chosen)
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
        self.message_label.setText(QCoreApplication.translate("Attachments", "Chargement…"))
        self.message_label.show()
        self._loading = self.tasks.spawn(self._list(folder))

    async def _list(self, folder: Path | None) -> None:
        try:
            listing = await self.tasks.run(list_folder, self._roots, folder, LISTED_ENTRIES)
        except (OutsideFoldersError, OSError):
            if folder is None:
                listing = FolderListing(None, (), False, None, (), ())
            else:  # the key was pulled out, the folder removed: back to the top, and say so
                self._loading = None
                self._load(None, QCoreApplication.translate("Attachments", "Ce dossier n'est plus disponible."))
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
        title = QCoreApplication.translate("Attachments", "Choisir un fichier")
        self._title.setText(title)
        self.setAccessibleName(title)
        self.cancel_button.setText(QCoreApplication.translate("Attachments", "Annuler"))
        self.up_button.setText(QCoreApplication.translate("Attachments", "Dossier parent"))
        self.up_button.setAccessibleName(QCoreApplication.translate("Attachments", "Dossier parent"))
        self.refresh_button.setText(QCoreApplication.translate("Attachments", "Actualiser"))
        self.refresh_button.setAccessibleName(QCoreApplication.translate("Attachments", "Actualiser la liste"))
        listing = self.listing
        if listing is None or listing.folder is None:
            self.crumbs_label.setText(QCoreApplication.translate("Attachments", "Dossiers disponibles"))
        else:
            self.crumbs_label.setText(" › ".join(listing.crumbs))
        self.crumbs_label.setAccessibleName(
            QCoreApplication.translate("Attachments", "Emplacement : %1").replace("%1", self.crumbs_label.text())
        )
        self.up_button.setVisible(listing is not None and listing.can_go_up)
        if listing is None:
            return
        messages = [self._notice] if self._notice else []
        if listing.nothing_available:
            messages.append(
                QCoreApplication.translate(
                    "Attachments",
                    "Branchez une clé USB sur la borne, attendez quelques secondes, puis touchez « Actualiser ». "
                    "Aucun dossier de documents n'est disponible pour le moment.",
                )
            )
        elif not listing.entries:
            messages.append(QCoreApplication.translate("Attachments", "Ce dossier est vide."))
        if listing.truncated:
            messages.append(
                QCoreApplication.translate(
                    "Attachments", "Ce dossier contient beaucoup de fichiers : seuls les %1 premiers sont affichés."
                ).replace("%1", str(len(listing.entries)))
            )
        if listing.entries:
            messages.append(
                QCoreApplication.translate(
                    "Attachments", "Touchez un dossier pour l'ouvrir, ou un fichier pour le joindre."
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
            _set_icon(self.up_button, "back")

    def _fit(self, host: QWidget) -> None:
        self._body.setMinimumWidth(max(320, min(1000, host.width() - 240)))
        self.area.preferred_height = max(220, min(900, host.height() - 560))
        self.area.updateGeometry()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._host and event.type() == QEvent.Type.Resize and hasattr(self, "area"):
            self._fit(self._host)
        return super().eventFilter(watched, event)


# ------------------------------------------------------------------------------------------------ viewer


class DocumentViewer(QWidget):
    """The pages of an accepted document, one at a time in a scroll area, with "Page x / y", "Page précédente",
    "Page suivante" and "Fermer". Pages are rendered off the GUI thread the first time they are shown.

    Signals:
        closed(): the visitor tapped "Fermer".
        page_shown(int): the page (0-based) now on screen.
    """

    closed = Signal()
    page_shown = Signal(int)

    def __init__(
        self,
        document: AcceptedDocument,
        theme: Theme | None = None,
        executor: Executor | None = None,
        tasks: TaskOwner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        # ``theme`` is accepted for callers that have one; icons take their colour from the stylesheet.
        super().__init__(parent)
        self.setObjectName("documentViewer")
        self.document = document
        self.tasks = _Tasks(tasks, executor)
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
        self.close_button = _button(primary=True)
        self.close_button.clicked.connect(self.closed.emit)
        self.image_label = QLabel()
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.image_label.setObjectName("muted")
        self.area = _ScrollArea(self.image_label)
        self.previous_button = _button()
        self.previous_button.clicked.connect(lambda: self.show_page(self.current - 1))
        self.next_button = _button()
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
        self.image_label.setText(QCoreApplication.translate("Attachments", "Chargement de la page…"))
        self.tasks.spawn(self._render(index))

    async def _render(self, index: int) -> None:
        width = self._target_width()
        doc = self.document
        try:
            pages = await self.tasks.run(render_pages, doc.content, doc.media_type, width, 1, index)
        except Exception as exc:  # a document that renders badly must not break the session
            log.warning("page rendering failed: %s", type(exc).__name__)
            pages = []
        if index != self.current:
            if pages:
                self._rendered[index] = pages[0]
            return
        if not pages:
            self.image_label.setText(QCoreApplication.translate("Attachments", "Cette page ne peut pas être affichée."))
            return
        self._rendered[index] = pages[0]
        self._display(pages[0])

    def _display(self, png: bytes) -> None:
        pixmap = _pixmap(png)
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
        _set_icon(self.previous_button, "back")
        _set_icon(self.next_button, "chevron-right")

    def retranslate(self) -> None:
        self.page_label.setText(
            QCoreApplication.translate("Attachments", "Page %1 / %2")
            .replace("%1", str(self.current + 1))
            .replace("%2", str(self.page_count))
        )
        self.previous_button.setText(QCoreApplication.translate("Attachments", "Page précédente"))
        self.previous_button.setAccessibleName(QCoreApplication.translate("Attachments", "Page précédente"))
        self.next_button.setText(QCoreApplication.translate("Attachments", "Page suivante"))
        self.next_button.setAccessibleName(QCoreApplication.translate("Attachments", "Page suivante"))
        self.previous_button.setEnabled(self.current > 0)
        self.next_button.setEnabled(self.current < self.page_count - 1)
        self.close_button.setText(QCoreApplication.translate("Attachments", "Fermer"))
        self.close_button.setAccessibleName(QCoreApplication.translate("Attachments", "Fermer le document"))
        self.setAccessibleName(self.document.filename)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() in {QEvent.Type.StyleChange, QEvent.Type.PaletteChange}:
            self._paint_icons()


# ------------------------------------------------------------------------------------------------ editor


class _DocumentCard(QFrame):
    """One attached file: its thumbnail, its name, what it is, and "Voir" and "Retirer"."""

    def __init__(self, document: AcceptedDocument) -> None:
        super().__init__()
        self.setObjectName("card")
        self.document = document
        self.thumbnail = QLabel()
        self.thumbnail.setFixedSize(THUMBNAIL_BOX, THUMBNAIL_BOX)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail.setPixmap(
            _pixmap(document.thumbnail_png).scaled(
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
        self.view_button = _button()
        self.remove_button = _button()
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
        self.detail_label.setText(f"{_kind_text(doc)} · {format_size(doc.size)}")
        self.thumbnail.setAccessibleName(
            QCoreApplication.translate("Attachments", "Aperçu de %1").replace("%1", doc.filename)
        )
        self.view_button.setText(QCoreApplication.translate("Attachments", "Voir"))
        self.view_button.setAccessibleName(
            QCoreApplication.translate("Attachments", "Voir %1").replace("%1", doc.filename)
        )
        self.remove_button.setText(QCoreApplication.translate("Attachments", "Retirer"))
        self.remove_button.setAccessibleName(
            QCoreApplication.translate("Attachments", "Retirer %1").replace("%1", doc.filename)
        )


class _Leftovers:
    """What an editor opened over the window, closed without a word when the editor is destroyed (session wipe).

    A plain object (not the editor) is connected to ``destroyed``: it is still whole when the editor is not.
    """

    def __init__(self, tasks: _Tasks) -> None:
        self.tasks = tasks
        self.overlays: list[Overlay] = []

    def close_all(self) -> None:
        self.tasks.cancel()
        for overlay in self.overlays:
            if not shiboken6.isValid(overlay):  # already gone with the window
                continue
            if isinstance(overlay, FilePicker):
                overlay.tasks.cancel()
            overlay.hide()
            overlay.deleteLater()
        self.overlays.clear()

    def forget(self, overlay: Overlay | None) -> None:
        if overlay in self.overlays:
            self.overlays.remove(overlay)


class AttachmentEditor(QWidget):
    """One attachment field (a pièce, ``field.type == "attachment"``): the label and help, a card per file,
    "Ajouter un fichier" (up to ``field.max_files``), and the reason a file was refused, in words, beside it.

    ``roots`` are the allowed folders (Settings.document_folders). A chosen file is checked off the GUI thread
    (``executor``, default the event loop's) and either added or refused. Pass the page's ``tasks`` so that
    waiting for the page waits for the checks too.

    Signals:
        changed(): a file was added or removed (not emitted by set_documents).
    """

    changed = Signal()

    def __init__(
        self,
        field: FieldDef,
        language: str,
        roots: Sequence[Path],
        parent: QWidget | None = None,
        *,
        executor: Executor | None = None,
        tasks: TaskOwner | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentEditor")
        self.setProperty("fieldId", field.id)
        self._field = field
        self._language = language
        self._roots = tuple(roots)
        self._executor = executor
        self.tasks = _Tasks(tasks, executor)
        self.max_files = field.max_files
        self._documents: list[AcceptedDocument] = []
        self._cards: list[_DocumentCard] = []
        self._refusal: Refusal | None = None
        self._duplicate = ""
        self._problem: str | None = None
        self._checking = False
        self.picker: FilePicker | None = None
        self.viewer: DocumentViewer | None = None
        self._viewer_overlay: Overlay | None = None
        # When the session's widgets are destroyed, checks stop and the picker or viewer goes with them.
        self._leftovers = _Leftovers(self.tasks)
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
        self.add_button = _button()
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

    def cards(self) -> list[_DocumentCard]:
        return list(self._cards)

    # -- the picker

    def open_picker(self) -> FilePicker | None:
        """Open the picker over the window (what "Ajouter un fichier" does); None when no file may be added."""
        if len(self._documents) >= self.max_files or self._checking or self.picker is not None:
            return None
        picker = FilePicker(_overlay_host(self), self._roots, self._executor, self.tasks.owner)
        picker.file_chosen.connect(self._on_chosen)
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
            result: AcceptedDocument | Refusal = await self.tasks.run(inspect_file, path, self._roots)
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
        viewer = DocumentViewer(document, None, self._executor, self.tasks.owner)
        host = _overlay_host(self)
        viewer.fit(host)
        # A neutral title: the overlay's title label would read a file name as markup; the viewer shows it.
        overlay = Overlay(host, QCoreApplication.translate("Attachments", "Document joint"), body=viewer)
        viewer.closed.connect(overlay.dismiss)
        overlay.finished.connect(self._on_viewer_finished)
        self.viewer = viewer
        self._viewer_overlay = overlay
        self._leftovers.overlays.append(overlay)
        overlay.open()
        viewer.close_button.setFocus(Qt.FocusReason.OtherFocusReason)
        return viewer

    def _on_viewer_finished(self, _role: str) -> None:
        if self.viewer is not None:
            self.viewer.tasks.cancel()
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
            card = _DocumentCard(doc)
            card.view_button.clicked.connect(functools.partial(self.open_viewer, doc))
            card.remove_button.clicked.connect(functools.partial(self._remove, doc))
            self._cards_box.addWidget(card)
            self._cards.append(card)

    def _update(self) -> None:
        count = len(self._documents)
        self.add_button.setText(QCoreApplication.translate("Attachments", "Ajouter un fichier"))
        self.add_button.setAccessibleName(
            QCoreApplication.translate("Attachments", "Ajouter un fichier : %1").replace(
                "%1", self._field.label.get(self._language)
            )
        )
        self.add_button.setEnabled(count < self.max_files and not self._checking)
        self.rules_label.setText(
            QCoreApplication.translate("Attachments", "Un fichier : PDF, JPEG ou PNG, 10 Mo au plus.")
            if self.max_files == 1
            else QCoreApplication.translate(
                "Attachments", "Jusqu'à %1 fichiers (recto, verso…) : PDF, JPEG ou PNG, 10 Mo au plus chacun."
            ).replace("%1", str(self.max_files))
        )
        if self._checking:
            status = QCoreApplication.translate("Attachments", "Vérification du fichier…")
        elif count >= self.max_files:
            status = QCoreApplication.translate(
                "Attachments", "Nombre maximal de fichiers atteint. Retirez-en un pour en ajouter un autre."
            )
        elif count:
            status = count_text(
                count,
                QCoreApplication.translate("Attachments", "%1 fichier joint sur %2"),
                QCoreApplication.translate("Attachments", "%1 fichiers joints sur %2"),
            ).replace("%2", str(self.max_files))
        else:
            status = ""
        self.status_label.setText(status)
        self.status_label.setVisible(bool(status))
        errors: list[str] = []
        if self._refusal is not None:
            errors.append(refusal_message(self._refusal))
            errors.append(
                QCoreApplication.translate("Attachments", "Fichier non joint : %1").replace(
                    "%1", self._refusal.filename
                )
            )
        elif self._duplicate:
            errors.append(
                QCoreApplication.translate("Attachments", "Ce fichier est déjà joint : %1").replace(
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
        _set_icon(self.add_button, "attachment")
        self.error_icon.setPixmap(
            icons.pixmap("warning", _ink(self.error_label, QPalette.ColorRole.WindowText), ICON_SIZE)
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate(self._language)
        elif event.type() in {QEvent.Type.StyleChange, QEvent.Type.PaletteChange}:
            self._paint_icons()
