"""The receipt (récapitulatif): one A4 page with the town, the procedure, the date, the tracking code, the code QR
of the request's follow-up (when the town has one online), the documents attached, the appointment and what happens
next.

The same painting goes to a PDF (QPdfWriter, 300 dpi) and to a printer. Both are blocking and run on the files'
worker (``await services.files.run(...)``): Qt allows QPainter on a QPdfWriter, a QPrinter or a QImage off the GUI
thread, never on a QPixmap, so the logo is a QImage, read there too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QMarginsF, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QImageReader, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

from kiosk.views.answers import format_datetime, format_slot, spaced_code
from kiosk.views.qr import qr_png

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from kiosk.models.dto import SubmittedRequest

DPI = 300
MARGIN_MM = 18
MAX_LISTED_FILES = 8
LOGO_PRINT_HEIGHT = 600  # px: an SVG logo is drawn this high, sharp enough for paper
INK = QColor("#161616")
MUTED = QColor("#3A3A3A")
ACCENT = QColor("#000091")


@dataclass(frozen=True, slots=True)
class ReceiptContent:
    """What one receipt shows. ``link`` is the follow-up address the code QR carries ("" prints none: eight
    letters alone are no use to a phone); ``logo`` the town's logo file, if any."""

    request: SubmittedRequest
    town: str
    logo: Path | None
    language: str
    zone: ZoneInfo
    link: str = ""


class ReceiptError(OSError):
    """The receipt could not be painted (Qt refused the PDF or the printer)."""


def load_print_logo(path: Path | None, height: int = LOGO_PRINT_HEIGHT) -> QImage | None:
    """The town's logo as a QImage (which, unlike a QPixmap, may be painted off the GUI thread); an SVG is drawn
    ``height`` px high. None when there is none or it cannot be read. Blocking: reads the file."""
    if path is None or not path.is_file():
        return None
    reader = QImageReader(str(path))
    size = reader.size()
    if reader.format() == b"svg" and size.isValid() and size.height() > 0:
        reader.setScaledSize(QSize(round(size.width() * height / size.height()), height))
    image = reader.read()
    return None if image.isNull() else image


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


def paint_receipt(painter: QPainter, area: QRect, dpi: float, content: ReceiptContent, logo: QImage | None) -> None:
    """Paint the receipt in ``area`` (device pixels) of a device of ``dpi`` dots per inch."""
    request, language, zone = content.request, content.language, content.zone
    pen = _Pen(painter, area, dpi)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)

    # The town: its logo and its name.
    logo_height = pen.mm(18)
    left = 0
    if logo is not None and not logo.isNull():
        scaled = logo.scaledToHeight(logo_height, Qt.TransformationMode.SmoothTransformation)
        painter.drawImage(area.left(), pen.y, scaled)
        left = scaled.width() + pen.mm(6)
    top = pen.y
    pen.y = top + pen.mm(4)
    pen.text(content.town, 18, bold=True, left=left, after_mm=0)
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

    # The tracking code and, beside it, the code QR of the follow-up online.
    qr_size = pen.mm(45) if content.link else 0
    code_top = pen.y
    text_width = area.width() - qr_size - pen.mm(8) if content.link else area.width()
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
    if content.link:
        pen.text(
            QCoreApplication.translate(
                "Receipt",
                "Ou lisez le code QR avec l'appareil photo de votre téléphone : il ouvre le suivi de votre demande.",
            ),
            11,
            color=MUTED,
            width=text_width,
        )
        qr = QImage.fromData(qr_png(content.link, 12))
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


def receipt_pdf(content: ReceiptContent) -> bytes:
    """The one-page A4 receipt as PDF bytes. Blocking: run it on the files' worker.

    Painted in memory, then written by the caller: QPdfWriter on a file says nothing when the disk is full, and
    leaves a truncated PDF behind."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(DPI)
    writer.setPageLayout(_page_layout())
    writer.setTitle(QCoreApplication.translate("Receipt", "Récapitulatif de votre demande"))
    writer.setCreator(content.town)
    painter = QPainter()
    if not painter.begin(writer):
        raise ReceiptError("Qt could not start the receipt's PDF")
    try:
        area = QRect(0, 0, writer.width(), writer.height())
        paint_receipt(painter, area, DPI, content, load_print_logo(content.logo))
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def write_receipt(path: Path, content: ReceiptContent) -> Path:
    """Write the receipt PDF at ``path`` and return it. Blocking: run it on the files' worker. Raises OSError (a
    full disk, a folder that cannot be made or written)."""
    pdf = receipt_pdf(content)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pdf)
    return path


def print_receipt(content: ReceiptContent, printer_name: str) -> bool:
    """Send the receipt to the printer ``printer_name``; False when no printer of that name exists or it refuses
    the job. Blocking: run it on the files' worker."""
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
            painter,
            QRect(0, 0, area.width(), area.height()),
            printer.resolution(),
            content,
            load_print_logo(content.logo),
        )
    finally:
        ended = painter.end()
    return ended
