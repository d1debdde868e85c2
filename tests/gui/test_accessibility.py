"""The accessibility walker: every screen (the same scenes as `kiosk shots`), landscape and portrait, normal
and high contrast. Interactive widgets have a name a screen reader reads, a touch target of at least 48 px,
and no button or label is cut off."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAccessible, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTextEdit,
    QWidget,
)

from kiosk.tools.shots import SCENES, SIZES, show_scene
from kiosk.views.main_window import MainWindow
from kiosk.views.widgets.elided_label import ElidedLabel
from tests.gui.driver import Visitor

pytestmark = pytest.mark.gui

INTERACTIVE = (QAbstractButton, QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox, QAbstractItemView)
MIN_TARGET = 48
SQUEEZE_TOLERANCE = 4  # a button's padding may give a few pixels without cutting anything


def accessible_name(widget: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(widget)
    return iface.text(QAccessible.Text.Name).strip() if iface is not None else ""


def problems_on_screen(root: QWidget) -> list[str]:
    found: list[str] = []
    window = root.window()
    # The theme's colours, in the kiosk's window (a test may walk a bare window of editors).
    palette = {QColor(c).name() for c in window.ctx.theme.colors.values()} if isinstance(window, MainWindow) else None
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        text = widget.text() if isinstance(widget, (QLabel, QAbstractButton, QLineEdit)) else ""
        label = f"{type(widget).__name__}({widget.objectName() or text!r})"
        # A colour of Qt's own palette the theme does not set (the theme sets Window): a patch of another colour
        # on the screen, and in high contrast a background the contrast checks never measured.
        fill = widget.palette().color(widget.backgroundRole())
        if palette is not None and widget.autoFillBackground() and fill.alpha() and fill.name() not in palette:
            found.append(f"{label}: fills its background with {fill.name()}, not a colour of the theme")
        if isinstance(widget, INTERACTIVE):
            if not accessible_name(widget):
                found.append(f"{label}: no accessible name")
            iface = QAccessible.queryAccessibleInterface(widget)
            if iface is not None and iface.role() == QAccessible.Role.Client:
                found.append(f"{label}: no accessible role")
            if widget.width() < MIN_TARGET or widget.height() < MIN_TARGET:
                found.append(f"{label}: {widget.width()}×{widget.height()} px, under {MIN_TARGET} px")
            if isinstance(widget, QAbstractItemView) and widget.model() is not None and widget.model().rowCount():
                row = widget.sizeHintForRow(0)
                if row < MIN_TARGET:
                    found.append(f"{label}: rows of {row} px, under {MIN_TARGET} px")
        # A layout that under-sizes its content (height-for-width lost through an aligned item) squeezes
        # buttons and cards: their bottom is cut off even though each widget, alone, is large enough.
        containers = (QAbstractScrollArea, QLabel, QStackedWidget)  # their minimum includes what is not shown
        if isinstance(widget, QAbstractButton | QFrame) and not isinstance(widget, containers):
            # A wrapping option row needs its height for its width; a frame may hold a scroll area, whose
            # height-for-width is only a wish: for frames, the minimum is what is needed.
            hfw = isinstance(widget, QAbstractButton) and widget.hasHeightForWidth()
            needed = widget.heightForWidth(widget.width()) if hfw else widget.minimumSizeHint().height()
            if needed > 0 and widget.height() < needed - SQUEEZE_TOLERANCE:
                found.append(f"{label}: squeezed to {widget.height()} px, needs {needed}")
        button_text = isinstance(widget, QPushButton) and widget.text() and widget.objectName() != "tile"
        if button_text and widget.sizeHint().width() > widget.width() + 1:
            found.append(f"{label}: text cut off ({widget.width()} px for {widget.sizeHint().width()})")
        if isinstance(widget, QLabel) and not isinstance(widget, ElidedLabel) and widget.text():
            if not widget.wordWrap() and widget.sizeHint().width() > widget.width() + 1:
                found.append(f"{label}: text cut off ({widget.width()} px for {widget.sizeHint().width()})")
            if widget.wordWrap() and widget.heightForWidth(widget.width()) > widget.height() + 2:
                found.append(f"{label}: wrapped text cut off")
    return found


@pytest.mark.parametrize("orientation", list(SIZES))
@pytest.mark.parametrize("theme", ["normal", "contrast"])
@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.timeout(180)  # some thirty scenes, each built and laid out as a visitor would meet it
def test_every_screen_is_named_large_and_uncut(visitor: Visitor, orientation: str, theme: str, language: str) -> None:
    visitor.window.resize(*SIZES[orientation])
    visitor.ctx.set_high_contrast(theme == "contrast")
    report: list[str] = []
    visitor.ctx.translations.set_language(language)
    for name, scene in SCENES.items():

        def look(name: str = name) -> None:
            found = problems_on_screen(visitor.window)
            report.extend(f"{name} [{language}]: {p}" for p in found)
            # A screen whose content needs more than the screen makes the window grow: on a kiosk, the
            # bottom (the keyboard, the buttons) would fall off the display.
            size = (visitor.window.width(), visitor.window.height())
            if size != SIZES[orientation]:
                report.append(f"{name} [{language}]: the window grew to {size[0]}×{size[1]}")

        # As `kiosk shots` does: after each scene its overlays are closed and its citizen signed out.
        visitor.run(show_scene(visitor.window, scene, look))
        visitor.settle()
    assert not report, "\n".join(report)


def test_the_walker_catches_what_it_should(visitor: Visitor) -> None:
    """A walker that finds nothing proves nothing: plant a nameless, tiny, clipped widget and see it caught."""
    page = visitor.page
    clipped = QPushButton("Un texte bien trop long pour ce bouton", page)
    clipped.setGeometry(10, 10, 120, 64)
    tiny = QCheckBox(page)
    tiny.setObjectName("tiny")
    tiny.setGeometry(10, 100, 30, 30)
    nameless = QLineEdit(page)
    nameless.setObjectName("nameless")
    nameless.setGeometry(10, 160, 300, 64)
    grey = QWidget(page)
    grey.setObjectName("grey")
    grey.setAutoFillBackground(True)
    grey.setBackgroundRole(QPalette.ColorRole.Mid)  # a colour of Qt's palette the theme does not set
    grey.setGeometry(10, 240, 300, 64)
    for widget in (clipped, tiny, nameless, grey):
        widget.show()
    found = problems_on_screen(visitor.window)
    assert any(p.startswith("QWidget('grey'): fills its background with #") for p in found), found
    assert "QCheckBox('tiny'): 30×30 px, under 48 px" in found
    assert "QCheckBox('tiny'): no accessible name" in found
    assert "QLineEdit('nameless'): no accessible name" in found
    assert any(p.startswith("QPushButton('Un texte bien trop long") and "text cut off" in p for p in found)
