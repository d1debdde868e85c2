"""SVG icons tinted with a theme colour. Icons draw with ``currentColor``; we substitute it before rendering."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from kiosk.paths import resources_dir

FALLBACK = "folder"


@lru_cache(maxsize=64)
def _svg(name: str) -> str:
    path = resources_dir() / "icons" / f"{name}.svg"
    if not path.exists():
        path = resources_dir() / "icons" / f"{FALLBACK}.svg"
    return path.read_text(encoding="utf-8")


@lru_cache(maxsize=512)
def _image(name: str, color: str, size: int, ratio: float) -> QImage:
    renderer = QSvgRenderer(QByteArray(_svg(name).replace("currentColor", color).encode("utf-8")))
    px = round(size * ratio)
    image = QImage(px, px, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    image.setDevicePixelRatio(ratio)
    return image


def pixmap(name: str, color: str, size: int, ratio: float = 1.0) -> QPixmap:
    """The icon ``name`` in ``color`` (#RRGGBB), ``size`` logical pixels square."""
    return QPixmap.fromImage(_image(name, color, size, ratio))


def icon(name: str, color: str, size: int = 32) -> QIcon:
    result = QIcon()
    result.addPixmap(pixmap(name, color, size))
    return result
