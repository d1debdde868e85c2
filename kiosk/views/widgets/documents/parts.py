"""Small parts the document widgets share: big buttons with icons in the theme's ink, a framed page image, a touch
scroll area that gives way, and where an overlay goes."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QFrame, QMainWindow, QPushButton, QScrollArea, QWidget

from kiosk.views import icons
from kiosk.views.touch import see_through, touch_scrolling

BUTTON_HEIGHT = 64
ICON_SIZE = 32
PAGE_BORDER = "#767676"  # around a page or thumbnail: a white page must show on a white card


def overlay_host(widget: QWidget) -> QWidget:
    """Where overlays go: the window's central area (as the help overlay), else the window."""
    window = widget.window()
    central = window.centralWidget() if isinstance(window, QMainWindow) else None
    return central if central is not None else window


def ink(widget: QWidget, role: QPalette.ColorRole = QPalette.ColorRole.ButtonText) -> str:
    """The colour the stylesheet gives ``widget``'s text: icons drawn with it follow the theme."""
    widget.ensurePolished()
    return widget.palette().color(role).name()


def set_icon(button: QPushButton, name: str) -> None:
    button.setIcon(icons.icon(name, ink(button), ICON_SIZE))
    button.setIconSize(QSize(ICON_SIZE, ICON_SIZE))


def framed_pixmap(png: bytes) -> QPixmap:
    """The PNG with a thin line around it, so that a white page shows on a white card."""
    image = QImage()
    image.loadFromData(png, "PNG")
    image = image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    painter.setPen(QPen(QColor(PAGE_BORDER), 2))
    painter.drawRect(QRectF(1, 1, image.width() - 2, image.height() - 2))
    painter.end()
    return QPixmap.fromImage(image)


def big_button(primary: bool = False) -> QPushButton:
    button = QPushButton()
    button.setProperty("primary", primary)
    button.setMinimumHeight(BUTTON_HEIGHT)
    button.setMinimumWidth(BUTTON_HEIGHT)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


class TouchScrollArea(QScrollArea):
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
