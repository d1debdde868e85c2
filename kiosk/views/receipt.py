"""The receipt (récapitulatif): one A4 page with the town, the procedure, the date, the tracking code and its QR
code, the documents attached, the appointment and what happens next.

The same painting goes to a PDF (QPdfWriter, 300 dpi) and to a printer. Qt paint devices live on the GUI thread;
one page takes a few milliseconds. Also here: dates and times as the visitor reads them, in the kiosk's language.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QMarginsF, QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen, QPixmap

from kiosk.views.answers import format_datetime, format_slot, spaced_code
from kiosk.views.qr import qr_png

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from kiosk.models.dto import SubmittedRequest

DPI = 300
MARGIN_MM = 18
MAX_LISTED_FILES = 8
INK = QColor("#161616")
MUTED = QColor("#3A3A3A")
ACCENT = QColor("#000091")


def next_steps_text() -> str:
    return QCoreApplication.translate(
        "Receipt",
        "Votre demande sera transmise à la mairie dès que possible ; conservez ce code pour suivre votre demande "
        "à la borne, touche « Suivre une demande ».",
    )


# --- The page ---------------------------------------------------------------------------------------------------


class _Pen:
    """Writes blocks of text down the page, one under the other."""

    def __init__(self, painter: QPainter, area: QRect, dpi: float) -> None:
        self.painter = painter
        self.area = area
        self.dpi = dpi
        self.y = area.top()

    def mm(self, value: float) -> int:
        return round(value * self.dpi / 25.4)

    def font(self, points: float, bold: bool = False, spacing: float = 0.0) -> QFont:
        font = QFont("DejaVu Sans")
        font.setPointSizeF(points)
        font.setBold(bold)
        if spacing:
            font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, spacing)
        return font

    def text(
        self,
        text: str,
        points: float,
        bold: bool = False,
        color: QColor = INK,
        left: int = 0,
        width: int | None = None,
        after_mm: float = 2.5,
        spacing: float = 0.0,
    ) -> QRect:
        painter = self.painter
        painter.setFont(self.font(points, bold, spacing))
        painter.setPen(QPen(color))
        box_width = width if width is not None else self.area.width() - left
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
        probe = QRect(self.area.left() + left, self.y, box_width, 100_000)
        bounds = painter.boundingRect(probe, flags, text)
        painter.drawText(QRect(probe.left(), self.y, box_width, bounds.height()), flags, text)
        self.y += bounds.height() + self.mm(after_mm)
        return bounds

    def rule(self, after_mm: float = 4.0) -> None:
        self.painter.setPen(QPen(MUTED, max(1, self.mm(0.3))))
        self.painter.drawLine(self.area.left(), self.y, self.area.right(), self.y)
        self.y += self.mm(after_mm)


def _files_text(request: SubmittedRequest) -> list[str]:
    files = request.documents
    if not files:
        return [QCoreApplication.translate("Receipt", "Aucun document joint")]
    if len(files) == 1:
        lines = [QCoreApplication.translate("Receipt", "1 document joint :")]
    else:
        lines = [QCoreApplication.translate("Receipt", "%1 documents joints :").replace("%1", str(len(files)))]
    shown = files if len(files) <= MAX_LISTED_FILES else files[: MAX_LISTED_FILES - 1]
    lines += [f"•  {f.filename}" for f in shown]
    if len(shown) < len(files):
        lines.append(
            QCoreApplication.translate("Receipt", "•  et %1 autres").replace("%1", str(len(files) - len(shown)))
        )
    return lines


def paint_receipt(
    painter: QPainter,
    area: QRect,
    dpi: float,
    request: SubmittedRequest,
    town: str,
    logo: QPixmap | None,
    language: str,
    zone: ZoneInfo,
) -> None:
    """Paint the receipt in ``area`` (device pixels) of a device of ``dpi`` dots per inch."""
    pen = _Pen(painter, area, dpi)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)

    # The town: its logo and its name.
    logo_height = pen.mm(18)
    left = 0
    if logo is not None and not logo.isNull():
        scaled = logo.scaledToHeight(logo_height, Qt.TransformationMode.SmoothTransformation)
        painter.drawPixmap(area.left(), pen.y, scaled)
        left = scaled.width() + pen.mm(6)
    top = pen.y
    pen.y = top + pen.mm(4)
    pen.text(town, 18, bold=True, left=left, after_mm=0)
    pen.y = max(pen.y, top + logo_height) + pen.mm(6)
    pen.rule()

    pen.text(
        QCoreApplication.translate("Receipt", "Récapitulatif de votre demande"), 24, bold=True, color=ACCENT, after_mm=4
    )
    pen.text(request.procedure_title.get(language), 17, bold=True, after_mm=3)
    pen.text(
        QCoreApplication.translate("Receipt", "Demande enregistrée le %1").replace(
            "%1", format_datetime(request.created_at, language, zone)
        ),
        12,
    )
    pen.text(QCoreApplication.translate("Receipt", "Référence : %1").replace("%1", request.reference), 12, after_mm=6)

    # The tracking code and its QR code, side by side.
    qr_size = pen.mm(45)
    code_top = pen.y
    text_width = area.width() - qr_size - pen.mm(8)
    pen.text(QCoreApplication.translate("Receipt", "Votre code de suivi"), 14, bold=True, width=text_width, after_mm=2)
    pen.text(spaced_code(request.tracking_code), 36, bold=True, color=ACCENT, width=text_width, after_mm=2, spacing=12)
    pen.text(
        QCoreApplication.translate(
            "Receipt", "Gardez ce code : il vous sera demandé pour suivre ou annuler votre demande."
        ),
        11,
        color=MUTED,
        width=text_width,
    )
    qr = QImage.fromData(qr_png(request.tracking_code, 12))
    painter.drawImage(QRect(area.right() - qr_size, code_top, qr_size, qr_size), qr)
    pen.y = max(pen.y, code_top + qr_size) + pen.mm(4)
    pen.rule()

    pen.text(QCoreApplication.translate("Receipt", "Documents joints"), 14, bold=True, after_mm=2)
    for line in _files_text(request):
        pen.text(line, 12, after_mm=1.2)
    pen.y += pen.mm(4)

    if request.appointment is not None:
        pen.text(QCoreApplication.translate("Receipt", "Rendez-vous en mairie"), 14, bold=True, after_mm=2)
        pen.text(format_slot(request.appointment, language, zone), 12, after_mm=1.2)
        pen.text(request.appointment.place, 12, after_mm=5)

    pen.rule()
    pen.text(QCoreApplication.translate("Receipt", "Et maintenant ?"), 14, bold=True, after_mm=2)
    pen.text(next_steps_text(), 12)


def _page_layout() -> QPageLayout:
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, margins, QPageLayout.Unit.Millimeter
    )


def write_receipt(
    path: Path, request: SubmittedRequest, town: str, logo: QPixmap | None, language: str, zone: ZoneInfo
) -> None:
    """Write the one-page A4 receipt as a PDF at ``path`` (GUI thread: a Qt paint device)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = QPdfWriter(str(path))
    writer.setResolution(DPI)
    writer.setPageLayout(_page_layout())
    writer.setTitle(QCoreApplication.translate("Receipt", "Récapitulatif de votre demande"))
    writer.setCreator(town)
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write the receipt {path.name}")
    try:
        paint_receipt(painter, QRect(0, 0, writer.width(), writer.height()), DPI, request, town, logo, language, zone)
    finally:
        painter.end()


def print_receipt(
    request: SubmittedRequest, town: str, logo: QPixmap | None, language: str, zone: ZoneInfo, printer_name: str
) -> bool:
    """Send the receipt to the printer ``printer_name``; False when no printer of that name exists."""
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    if not printer_name:
        return False
    info = QPrinterInfo.printerInfo(printer_name)
    if info.isNull():
        return False
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(_page_layout())
    printer.setDocName(QCoreApplication.translate("Receipt", "Récapitulatif de votre demande"))
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        area = printer.pageLayout().paintRectPixels(printer.resolution())
        paint_receipt(
            painter, QRect(0, 0, area.width(), area.height()), printer.resolution(), request, town, logo, language, zone
        )
    finally:
        painter.end()
    return True


def render_receipt_png(pdf_path: Path, width_px: int) -> bytes:
    """The first page of the receipt PDF as PNG bytes, ``width_px`` wide. Blocking: run it off the GUI thread.

    Rendered with pypdfium2 through ``kiosk.services.documents.render_pages``, which holds the one lock every
    pdfium call must take (pdfium is not thread-safe, and the document viewer may be rendering meanwhile).
    """
    from kiosk.services.documents import PDF, render_pages

    pages = render_pages(pdf_path.read_bytes(), PDF, width_px, max_pages=1)
    if not pages:
        raise ValueError(f"{pdf_path.name} has no page")
    return pages[0]
