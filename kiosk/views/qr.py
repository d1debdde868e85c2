"""Codes QR, made in memory with segno: a pixmap for the screen, PNG bytes for the receipt. What they carry is the
request's follow-up address (``Settings.tracking_link``), which a phone opens."""

from __future__ import annotations

import io

from PySide6.QtGui import QPixmap

BORDER = 4  # the quiet zone the QR specification asks for, in modules


def qr_png(text: str, scale: int, dark: str = "#000000", light: str = "#FFFFFF") -> bytes:
    """A PNG of the code QR of ``text``, ``scale`` pixels per module, with its quiet zone."""
    import segno  # imported when first needed: not on the way to the first paint

    code = segno.make_qr(text, error="m")  # never a Micro QR: phones do not read those
    out = io.BytesIO()
    code.save(out, kind="png", scale=max(1, scale), border=BORDER, dark=dark, light=light)
    return out.getvalue()


def qr_pixmap(text: str, size_px: int, dark: str, light: str) -> QPixmap:
    """The code QR of ``text`` as a square pixmap of about ``size_px``: a whole number of pixels per module, the
    same for every module, so that a camera reads it at a glance (never scaled afterwards, never blurred)."""
    import segno

    modules = int(segno.make_qr(text, error="m").symbol_size(scale=1, border=BORDER)[0])
    pixmap = QPixmap()
    pixmap.loadFromData(qr_png(text, max(1, round(size_px / modules)), dark, light), "PNG")
    return pixmap
