"""The confirmation: the request is stored on the kiosk; here are its reference, its tracking code, the code QR
that opens its follow-up on a phone, and a receipt to print. Shown only after the submission's transaction has
committed."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.services.documents import PDF
from kiosk.views import icons
from kiosk.views.answers import format_slot, spaced_code
from kiosk.views.pages.base import Page, page_layout, page_title, scroll_area
from kiosk.views.qr import qr_pixmap
from kiosk.views.receipt import ReceiptContent, print_receipt, write_receipt
from kiosk.views.widgets.icon_line import IconLine
from kiosk.views.widgets.overlay import Overlay

if TYPE_CHECKING:
    from kiosk.models.dto import SubmittedRequest
    from kiosk.views.context import Services, ViewContext
    from kiosk.views.theme import Theme

log = logging.getLogger(__name__)
T = TypeVar("T")

QR_SIZE = 280
RECEIPT_PREVIEW_WIDTH = 760


def spelled_code(code: str) -> str:
    """ "B, C, D, F, G, H, J, K": a screen reader spells the code instead of reading it as a word."""
    return ", ".join(code)


def receipt_file_name(reference: str) -> str:
    """ "recapitulatif-<reference>.pdf", with anything but letters, digits and dashes left out of the name."""
    return f"recapitulatif-{re.sub(r'[^A-Za-z0-9_-]', '-', reference)}.pdf"


def _failure(exc: BaseException) -> str:
    """What the log says of a failed receipt: the kind of error and the system's reason, never a file's content."""
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else ""
    return f"{type(exc).__name__}: {reason}" if reason else type(exc).__name__


class ConfirmationPage(Page):
    """ "Votre demande a bien été prise en compte" (route CONFIRMATION, params: a SubmittedRequest).

    Signals:
        finished(): the visitor tapped "Terminer" (the page's own: the window hides the header's here): end the
            session (wipe) and show a fresh home.
        receipt_shown(object): the Path of the receipt PDF, once its preview is on screen.
    """

    finished = Signal()
    receipt_shown = Signal(object)

    def __init__(self, ctx: ViewContext) -> None:
        super().__init__(ctx)
        self.request: SubmittedRequest | None = None
        self.receipt_path: Path | None = None
        self.receipt_overlay: Overlay | None = None
        content = QWidget()
        layout = page_layout(content, spacing=20)

        self._check = QLabel()
        self._check.setFixedSize(96, 96)
        self._title = page_title()
        self._title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self._procedure = QLabel()
        self._procedure.setObjectName("sectionTitle")
        self._procedure.setWordWrap(True)
        self._procedure.setTextFormat(Qt.TextFormat.PlainText)
        self._procedure.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self._reference = QLabel()
        self._reference.setObjectName("muted")
        self._reference.setWordWrap(True)
        self._reference.setAlignment(Qt.AlignmentFlag.AlignHCenter)

        card = QFrame()
        card.setObjectName("card")
        card_row = QHBoxLayout(card)
        card_row.setContentsMargins(32, 28, 32, 28)
        card_row.setSpacing(40)
        code_column = QVBoxLayout()
        code_column.setSpacing(12)
        self._code_title = QLabel()
        self._code_title.setObjectName("sectionTitle")
        self._code_title.setWordWrap(True)
        self.code_label = QLabel()
        self.code_label.setObjectName("huge")
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        font = QFont(self.code_label.font())
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 6)
        self.code_label.setFont(font)
        self._code_hint = QLabel()
        self._code_hint.setWordWrap(True)
        self._qr_hint = QLabel()
        self._qr_hint.setWordWrap(True)
        code_column.addStretch(1)
        code_column.addWidget(self._code_title)
        code_column.addWidget(self.code_label)
        code_column.addWidget(self._code_hint)
        code_column.addWidget(self._qr_hint)
        code_column.addStretch(1)
        self.qr_label = QLabel()
        self.qr_label.setMinimumSize(QR_SIZE, QR_SIZE)
        self.qr_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        card_row.addLayout(code_column, 1)
        card_row.addWidget(self.qr_label, 0, Qt.AlignmentFlag.AlignVCenter)

        self._status = IconLine("hourglass", ctx.theme.colors["primary"])
        self._appointment = IconLine("calendar", ctx.theme.colors["primary"])
        self.print_message = QLabel()
        self.print_message.setWordWrap(True)
        self.print_message.setTextFormat(Qt.TextFormat.PlainText)
        self.print_message.hide()

        self.print_button = QPushButton()
        self.print_button.setIconSize(QSize(32, 32))
        self.print_button.setMinimumHeight(64)
        self.print_button.clicked.connect(self.print_receipt)
        self.finish_button = QPushButton()
        self.finish_button.setProperty("primary", True)
        self.finish_button.clicked.connect(self.finished.emit)
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.finish_button)

        layout.addWidget(self._check, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self._title)
        layout.addWidget(self._procedure)
        layout.addWidget(self._reference)
        layout.addWidget(card)
        layout.addWidget(self._status)
        layout.addWidget(self._appointment)
        layout.addWidget(self.print_message)
        layout.addStretch(1)
        layout.addLayout(buttons)
        page_layout(self, margin=0, spacing=0).addWidget(scroll_area(content))
        ctx.theme_changed.connect(self._on_theme)
        ctx.connection_changed.connect(self._on_connection)  # a bound method: dropped with the page
        self.retranslate()

    # --- Page -----------------------------------------------------------------------------------------------

    def enter(self, params: Any) -> None:
        super().enter(params)
        if params is not self.request:
            self.request = params
            self.receipt_path = None
            self.print_message.hide()
        self._paint_images()
        self.retranslate()

    def leave(self) -> None:
        if self.receipt_overlay is not None:
            self.receipt_overlay.dismiss()
        super().leave()

    def has_own_finish_button(self) -> bool:
        return True  # its "Terminer", large, beside the receipt: the visitor sees one, not two

    def tracking_link(self) -> str:
        """The follow-up address the code QR carries; "" when the town has none (then no code QR is shown)."""
        return self.ctx.settings.tracking_link(self.request.tracking_code) if self.request is not None else ""

    def title(self) -> str:
        return self.tr("Demande enregistrée")

    def help_text(self) -> str:
        return self.tr(
            "Votre demande est enregistrée sur la borne. Notez le code de suivi : il vous permet de suivre ou "
            "d'annuler votre demande avec la touche « Suivre une demande ». S'il y a un code QR, lisez-le avec "
            "l'appareil photo de votre téléphone pour suivre votre demande depuis chez vous. Touchez « Terminer » "
            "quand vous avez fini : vos informations sont alors effacées de l'écran."
        )

    def retranslate(self) -> None:
        self._title.setText(self.tr("Votre demande a bien été prise en compte"))
        self._title.setAccessibleName(self._title.text())
        self._code_title.setText(self.tr("Votre code de suivi"))
        self._code_hint.setText(self.tr("Notez ce code : il vous sera demandé pour suivre votre demande."))
        self._qr_hint.setText(
            self.tr(
                "Ou lisez le code QR avec l'appareil photo de votre téléphone : il ouvre le suivi de votre demande."
            )
        )
        self.print_button.setText(self.tr("Imprimer le récapitulatif"))
        self.print_button.setAccessibleName(self.tr("Imprimer le récapitulatif de votre demande"))
        self.finish_button.setText(self.tr("Terminer"))
        self.finish_button.setAccessibleName(self.tr("Terminer et effacer mes informations de l'écran"))
        self.qr_label.setAccessibleName(self.tr("Code QR : le suivi de votre demande sur votre téléphone"))
        if self.ctx.online:
            status = self.tr("En attente d'envoi : votre demande part vers la mairie.")
        else:
            status = self.tr("En attente d'envoi : votre demande partira dès que la borne sera connectée à la mairie.")
        self._status.label.setText(status)
        request = self.request
        if request is None:
            self._procedure.clear()
            self._reference.clear()
            self.code_label.clear()
            self._appointment.hide()
            self.print_button.setEnabled(False)
            return
        lang = self.ctx.language
        self._procedure.setText(request.procedure_title.get(lang))
        self._reference.setText(self.tr("Référence : %1").replace("%1", request.reference))
        self.code_label.setText(spaced_code(request.tracking_code))
        self.code_label.setAccessibleName(
            self.tr("Code de suivi : %1").replace("%1", spelled_code(request.tracking_code))
        )
        if request.appointment is not None:
            slot = request.appointment
            self._appointment.label.setText(
                self.tr("Rendez-vous : %1 — %2")
                .replace("%1", format_slot(slot, lang, self.ctx.settings.zone))
                .replace("%2", slot.place)
            )
        self._appointment.setVisible(request.appointment is not None)
        self.print_button.setEnabled(True)

    # --- Images ---------------------------------------------------------------------------------------------

    def _on_theme(self, _theme: Theme) -> None:
        self._paint_images()

    def _on_connection(self, _online: bool) -> None:
        self.retranslate()

    def _paint_images(self) -> None:
        colors = self.ctx.theme.colors
        self._check.setPixmap(icons.pixmap("check", colors["success"], 96))
        self._status.set_color(colors["primary"])
        self._appointment.set_color(colors["primary"])
        self.print_button.setIcon(icons.icon("document", colors["primary"], 32))
        link = self.tracking_link()
        if link:
            # Dark on light whatever the theme: phone cameras read that best.
            self.qr_label.setPixmap(qr_pixmap(link, QR_SIZE, "#000000", "#FFFFFF"))
        else:
            self.qr_label.clear()
        # Without a follow-up online, a code QR would hold the eight letters only: of no use to a phone.
        self.qr_label.setVisible(bool(link))
        self._qr_hint.setVisible(bool(link))

    def qr_pixmap(self) -> QPixmap:
        return self.qr_label.pixmap()

    # --- The receipt ---------------------------------------------------------------------------------------

    def print_receipt(self) -> None:
        """Write the receipt PDF to the session folder, print it when a printer is set, and show it."""
        request = self.request
        if request is None or not self.print_button.isEnabled():
            return
        # Off until the receipt is done: a second quick tap would print a second copy.
        self.print_button.setEnabled(False)
        self.print_message.hide()
        self.tasks.spawn(self._make_receipt(request))

    async def _make_receipt(self, request: SubmittedRequest) -> None:
        try:
            await self._receipt(request)
        finally:
            self.print_button.setEnabled(self.request is not None)

    async def _receipt(self, request: SubmittedRequest) -> None:
        """Save, print, show: each may fail on its own (a full disk, a printer gone, a PDF that cannot be read
        back), and the visitor is told what they have; the tracking code on the screen is what matters."""
        services = await self.ctx.services()
        settings = self.ctx.settings
        content = ReceiptContent(
            request, settings.town_name, settings.logo, self.ctx.language, settings.zone, self.tracking_link()
        )
        path = settings.session_dir / receipt_file_name(request.reference)
        saved = await self._attempt("save", services.files.run(write_receipt, path, content))
        self.receipt_path = saved
        printed = False
        if settings.printer:
            printed = bool(await self._attempt("print", services.files.run(print_receipt, content, settings.printer)))
            if not printed:
                log.warning("The receipt printer did not take the receipt; check `printer` in the config")
        preview = await self._attempt("show", self._render(services, saved)) if saved is not None else None

        if preview is None:
            if printed:
                self._say(self.tr("Le récapitulatif a été envoyé à l'imprimante, mais il ne peut pas être affiché."))
            else:
                self._say(
                    self.tr(
                        "Le récapitulatif ne peut pas être imprimé ni affiché pour le moment. Votre demande est bien "
                        "enregistrée : c'est le code de suivi ci-dessus qui compte. Notez-le."
                    ),
                    error=True,
                )
            return
        if printed:
            message = self.tr("Le récapitulatif a été envoyé à l'imprimante. Le voici :")
        elif settings.printer:
            message = self.tr(
                "L'imprimante de la borne ne répond pas : voici le récapitulatif à l'écran. Notez votre code de suivi."
            )
        else:
            message = self.tr(
                "Aucune imprimante n'est reliée à cette borne : voici le récapitulatif à l'écran. "
                "Notez votre code de suivi."
            )
        self._say(message)
        self._show_preview(preview, path, message)

    async def _attempt(self, what: str, work: Awaitable[T]) -> T | None:
        """The result of ``work``, or None when it failed (logged by kind, never by content)."""
        try:
            return await work
        except Exception as exc:
            log.warning("The receipt could not %s: %s", what, _failure(exc))
            return None

    async def _render(self, services: Services, path: Path) -> bytes:
        """The saved PDF, read back and rendered: what is shown is what the kiosk kept."""
        pdf = await services.files.run(path.read_bytes)
        pages = await services.documents.render_pages(pdf, PDF, RECEIPT_PREVIEW_WIDTH, max_pages=1)
        if not pages:
            raise ValueError("the receipt has no page")
        return pages[0]

    def _say(self, message: str, error: bool = False) -> None:
        self.print_message.setObjectName("errorText" if error else "")
        self.print_message.style().unpolish(self.print_message)
        self.print_message.style().polish(self.print_message)
        self.print_message.setText(message)
        self.print_message.show()

    def _show_preview(self, png: bytes, path: Path, message: str) -> None:
        image = QImage.fromData(png).convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
        # A thin edge, so the white sheet stands out from the white card around it.
        edge = QPainter(image)
        edge.setPen(QPen(QColor("#6A6A6A"), 2))
        edge.drawRect(1, 1, image.width() - 2, image.height() - 2)
        edge.end()
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(16)
        note = QLabel(message)
        note.setWordWrap(True)
        note.setTextFormat(Qt.TextFormat.PlainText)
        preview = QLabel()
        preview.setPixmap(QPixmap.fromImage(image))
        preview.setAccessibleName(self.tr("Aperçu du récapitulatif"))
        preview.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        area = scroll_area(preview, opaque=False)  # in the overlay's card
        # As much of the sheet as the window allows (the rest of the overlay takes about 600 px in high contrast).
        area.setMinimumSize(RECEIPT_PREVIEW_WIDTH + 40, max(300, min(image.height() + 8, self.window().height() - 660)))
        column.addWidget(note)
        column.addWidget(area, 1)
        if self.receipt_overlay is not None:
            self.receipt_overlay.dismiss()
        overlay = Overlay(self.window(), self.tr("Récapitulatif de votre demande"), body=body)
        close = overlay.add_button(self.tr("Fermer"), "close", primary=True)
        close.setAccessibleName(self.tr("Fermer le récapitulatif"))
        overlay.finished.connect(self._on_receipt_closed)
        self.receipt_overlay = overlay
        overlay.open()
        self.receipt_shown.emit(path)

    def _on_receipt_closed(self, _role: str) -> None:
        self.receipt_overlay = None
