"""QR codes of tracking codes, made in memory with segno: a pixmap for the screen, PNG bytes for the receipt."""

from __future__ import annotations

import io

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap

BORDER = 4  # the quiet zone the QR specification asks for, in modules


def qr_png(text: str, scale: int, dark: str = "#000000", light: str = "#FFFFFF") -> bytes:
    """A PNG of the QR code of ``text``, ``scale`` pixels per module, with its quiet zone."""
    import segno  # imported when first needed: not on the way to the first paint

    code = segno.make_qr(text, error="m")  # never a Micro QR: phones do not read those
    out = io.BytesIO()
    code.save(out, kind="png", scale=max(1, scale), border=BORDER, dark=dark, light=light)
    return out.getvalue()


def qr_pixmap(text: str, size_px: int, dark: str, light: str) -> QPixmap:
    """The QR code of ``text`` as a square pixmap of about ``size_px``: whole pixels per module, never blurred."""
    import segno

    modules = int(segno.make_qr(text, error="m").symbol_size(scale=1, border=BORDER)[0])
    scale = max(1, size_px // modules)
    pixmap = QPixmap()
    pixmap.loadFromData(qr_png(text, scale, dark, light), "PNG")
    if pixmap.width() < size_px:
        # Too few pixels per module to reach the size: enlarge without smoothing, so modules stay sharp.
        pixmap = pixmap.scaled(
            size_px, size_px, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation
        )
    return pixmap
