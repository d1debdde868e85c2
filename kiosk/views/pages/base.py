"""The contract of a page: enter/leave, a title for the header and for screen readers, help, retranslation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from kiosk.views.tasks import TaskOwner
from kiosk.views.touch import own_viewport, set_content, touch_scrolling
from kiosk.views.widgets.wrapped_label import WrappedLabel

if TYPE_CHECKING:
    from kiosk.views.context import ViewContext


class Page(QWidget):
    """A screen of the kiosk.

    Signals:
        navigate_requested(object, object): go to a Route with its parameters.
        back_requested(): go back to the previous screen.
        resume_requested(object, object): go on to a Route with its parameters after a detour (the log-in asked
            on the way): « Retour » then leads where the visitor was before it (``Navigator.resume``).
    """

    navigate_requested = Signal(object, object)
    back_requested = Signal()
    resume_requested = Signal(object, object)

    def __init__(self, ctx: ViewContext) -> None:
        super().__init__()
        self.setObjectName("page")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.ctx = ctx
        self.tasks = TaskOwner()
        self.params: Any = None
        # True when the visitor came back to this page with "Retour": what they left must still be there.
        self.returning = False
        ctx.translations.language_changed.connect(self._on_language_changed)

    def enter(self, params: Any) -> None:
        """Called each time the page is shown; ``params`` are the route's."""
        self.params = params

    def leave(self) -> None:
        """Called when another page replaces this one: stop what this page started."""
        self.tasks.cancel_all()

    def title(self) -> str:
        return ""

    def has_own_back_button(self) -> bool:
        """Whether this page shows its own way back (the wizard's "Précédent"): the window then hides the
        header's "Retour", so that a visitor sees one back button, not two that differ."""
        return False

    def has_own_finish_button(self) -> bool:
        """Whether this page shows its own "Terminer" (the confirmation's, large, as the last step): the window
        then hides the header's, so that a visitor sees one, not two."""
        return False

    def help_text(self) -> str:
        """What "Aide" explains on this screen."""
        return self.tr(
            "Touchez une dalle pour ouvrir un service. Le bouton « Retour » revient à l'écran précédent, "
            "« Accueil » à la page d'accueil. Un agent d'accueil peut aussi vous aider."
        )

    def retranslate(self) -> None:
        """Re-read every text: called on a language switch."""

    def _on_language_changed(self, _language: str) -> None:
        # The signal rather than QEvent.LanguageChange: catalogue texts (data) must follow too, and once.
        self.retranslate()


def scroll_area(content: QWidget, opaque: bool = True) -> QScrollArea:
    """A touch-friendly scroll area around ``content`` (the keyboard controller scrolls fields into view).
    ``opaque``: the content fills the window's colour (a page); else it is see-through (inside a card)."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    own_viewport(area)
    set_content(area, content, opaque=opaque)
    touch_scrolling(area)
    return area


def page_title(text: str = "") -> QLabel:
    # Titles come from the catalogue: plain text, and wrapped even inside a long word, so none widens the page.
    label = WrappedLabel(text)
    label.setObjectName("pageTitle")
    return label


def page_layout(widget: QWidget, margin: int = 40, spacing: int = 24) -> QVBoxLayout:
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(margin, margin // 2, margin, margin // 2)
    layout.setSpacing(spacing)
    return layout
