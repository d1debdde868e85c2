"""The kiosk window: the composition of the header, the pages, the keyboard and the overlays, its theme and its
first paint. The header lives in ``header``, the pages of each route in ``routes``, the visitor's session (idle
watch, "Terminer", wipe) in ``session``."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QColor, QPalette, QPixmap, QShowEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QVBoxLayout, QWidget

from kiosk.views import touch
from kiosk.views.context import ViewContext
from kiosk.views.header import Header
from kiosk.views.navigator import Navigator, Route
from kiosk.views.routes import PageLinks, page_factories
from kiosk.views.session import VisitorSession
from kiosk.views.theme import Theme
from kiosk.views.widgets.overlay import Overlay

if TYPE_CHECKING:
    from kiosk.errors import CacheFault
    from kiosk.views.widgets.keyboard import KeyboardController, OnScreenKeyboard

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """The window of the kiosk. Its ``session`` is the visitor's (idle watch, "Terminer", wipe).

    Signals:
        start_requested(str): a visitor asked to fill the procedure with this slug.
        session_ended(str): the visitor's traces were wiped ("idle", "finished", "error"); the home screen shows.
    """

    start_requested = Signal(str)
    session_ended = Signal(str)

    def __init__(self, ctx: ViewContext, logo: QPixmap | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(ctx.settings.town_name)
        central = QWidget()
        central.setObjectName("centralArea")
        self.header = Header(ctx, logo)
        self._storing = False  # a request is being stored: the header lets nobody leave its confirmation
        links = PageLinks(
            start_procedure=self.start_requested.emit,
            storing=self._on_storing,
            finish_session=lambda: self.session.end("finished"),
            visitor=lambda: self.session,
        )
        self.navigator = Navigator(page_factories(ctx, links))
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.header)
        column.addWidget(self.navigator, 1)
        self._column = column
        self._keyboard: OnScreenKeyboard | None = None
        self._keyboard_controller: KeyboardController | None = None
        self.setCentralWidget(central)
        self._central = central
        self.session = VisitorSession(ctx, self, self)
        self.session.ended.connect(self.session_ended)
        self._started = False  # whether what waits for the first paint has started

        self.header.back_clicked.connect(self.navigator.back)
        self.header.home_clicked.connect(self.navigator.home)
        self.header.help_clicked.connect(self.show_help)
        self.header.finish_clicked.connect(self.session.request_finish)
        self.header.log_out_clicked.connect(lambda: self.session.request_finish("logged_out"))
        self.session.citizen_changed.connect(self.header.set_citizen)
        self.header.language_clicked.connect(ctx.translations.toggle)
        self.header.contrast_clicked.connect(lambda: ctx.set_high_contrast(not ctx.theme.high_contrast))
        self.header.agent_requested.connect(self.open_agent_screen)
        self._said_no_agent_code = False
        ctx.theme_changed.connect(self._apply_theme)
        ctx.connection_changed.connect(self.header.set_online)
        self.navigator.page_changed.connect(self._on_page_changed)
        self.navigator.first_painted.connect(self._on_first_paint)
        self._apply_theme(ctx.theme)
        self.navigator.home()

    @property
    def keyboard(self) -> OnScreenKeyboard:
        if self._keyboard is None:
            self._build_keyboard()
        assert self._keyboard is not None
        return self._keyboard

    @property
    def keyboard_controller(self) -> KeyboardController:
        if self._keyboard_controller is None:
            self._build_keyboard()
        assert self._keyboard_controller is not None
        return self._keyboard_controller

    def _build_keyboard(self) -> None:
        # Imported and built just after the first paint (or when first needed): the home screen has no text
        # field, and its first paint must not wait for a keyboard of some 180 keys.
        from kiosk.views.widgets import keyboard as keyboard_module

        if self._keyboard is not None:
            return
        keyboard = keyboard_module.OnScreenKeyboard()
        keyboard.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # paint keyboard_bg
        keyboard.hide()
        controller = keyboard_module.KeyboardController(keyboard, self)
        controller.set_enabled(self.ctx.settings.keyboard)
        self._column.addWidget(keyboard)
        self._keyboard, self._keyboard_controller = keyboard, controller

    def _drop_keyboard(self) -> None:
        if self._keyboard is None or self._keyboard_controller is None:
            return
        self._keyboard_controller.set_enabled(False)
        self._keyboard_controller.deleteLater()
        self._column.removeWidget(self._keyboard)
        self._keyboard.deleteLater()
        self._keyboard = self._keyboard_controller = None

    # -- what the visitor's session wipes (kiosk.views.session.SessionScreens) -------------------------------

    def end_session(self, reason: str) -> None:
        """Wipe everything of the visitor (see ``VisitorSession.end``)."""
        self.session.end(reason)

    def overlay_host(self) -> QWidget:
        return self._central

    def screens_visited(self) -> bool:
        return self.navigator.visited

    def unsaved_draft(self) -> bool:
        wizard = self.navigator.existing_page(Route.WIZARD)
        if wizard is None:
            return False
        from kiosk.views.pages.wizard.page import WizardPage  # already loaded: the wizard exists

        return isinstance(wizard, WizardPage) and wizard.state is not None and not wizard.state.is_empty()

    def rebuild_screens(self) -> None:
        self._drop_keyboard()
        # Unlocked whatever the pages said: a store cancelled by the wipe never says it is over, and the next
        # visitor must be able to leave the screen.
        self._storing = False
        self.navigator.reset()
        self._build_keyboard()
        QTimer.singleShot(0, self._clear_initial_focus)

    def _apply_theme(self, theme: Theme) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            palette = app.palette()
            palette.setColor(QPalette.ColorRole.Window, QColor(theme.colors["background"]))
            app.setPalette(palette)
        stylesheet = theme.stylesheet()
        # Re-polishing every widget costs tens of milliseconds: only when the theme really changes.
        if isinstance(app, QApplication) and app.styleSheet() != stylesheet:
            app.setStyleSheet(stylesheet)
        self.header.set_theme(theme)

    def _on_storing(self, busy: bool) -> None:
        """While a request is being stored nothing may take the visitor away from its confirmation."""
        self._storing = busy
        self._update_header()

    def _on_page_changed(self, _route: Route) -> None:
        self._update_header()
        # The button tapped on the old screen is hidden now, and Qt hands its focus to the next in the chain: a
        # header button, which would show a focus ring on the new screen. A new screen starts with none there.
        QTimer.singleShot(0, self, self._clear_initial_focus)
        page = self.navigator.current_page()
        if page is not None:
            self.setWindowTitle(f"{page.title()} · {self.ctx.settings.town_name}")

    def _update_header(self) -> None:
        header, locked = self.header, self._storing
        page = self.navigator.current_page()
        # A page with its own way back (the wizard's "Précédent") shows one back button, not two.
        header.back_button.setVisible(page is None or not page.has_own_back_button())
        header.finish_button.setVisible(page is None or not page.has_own_finish_button())  # the same for "Terminer"
        header.back_button.setEnabled(not locked and self.navigator.can_go_back())
        header.home_button.setEnabled(not locked and self.navigator.route is not Route.HOME)
        header.finish_button.setEnabled(not locked)
        header.log_out_button.setEnabled(not locked)  # "Se déconnecter" wipes too: not while a request is stored

    def show_full_screen(self) -> None:
        """Cover the whole screen, with or without a window manager: ``showFullScreen`` alone is a request that
        only a window manager carries out (and kiosks often run none), so the geometry is set as well, and set
        again when the screen changes (a kiosk turned to portrait, a monitor plugged in)."""
        screen = self.screen()
        self.setGeometry(screen.geometry())
        screen.geometryChanged.connect(self.setGeometry)
        self.showFullScreen()

    def show_out_of_service(self, fault: CacheFault | None = None) -> Overlay:
        """The services could not start: say so to the visitor, with nothing to tap that would fail (and, when its
        cache is the cause, what the operator does about it)."""
        return self.session.show_out_of_service(fault)

    def open_agent_screen(self) -> None:
        """A counter agent's long press on the town's name: "Espace agent", which asks the agent code first."""
        if self.ctx.settings.agent_code_hash is None:
            if not self._said_no_agent_code:  # once: a visitor leaning on the header must not fill the log
                self._said_no_agent_code = True
                log.info("long press on the town's name: no agent screen, as agent_code_hash is not configured")
            return
        if self._storing:  # nothing takes the visitor away from a request being stored
            return
        self.navigator.go(Route.AGENT)

    def show_help(self) -> Overlay:
        page = self.navigator.current_page()
        text = page.help_text() if page is not None else ""
        overlay = Overlay(self._central, self.tr("Aide"), text)
        overlay.add_button(self.tr("J'ai compris"), "close", primary=True)
        overlay.open()
        return overlay

    # If no paint is ever seen (a page whose every layer is opaque, a platform that paints otherwise), what
    # waits for the first paint starts anyway after this long: the idle wipe must always run.
    FIRST_PAINT_GRACE_MS = 3000

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.navigator.painted:
            self._after_first_paint()
        else:
            QTimer.singleShot(self.FIRST_PAINT_GRACE_MS, self, self._after_first_paint)
        # Qt focuses the first button when the window shows; a focus ring on a header button reads as
        # "selected" to a visitor, so a fresh screen starts with nothing focused.
        QTimer.singleShot(0, self._clear_initial_focus)

    def _on_first_paint(self, _route: object) -> None:
        self.navigator.first_painted.disconnect(self._on_first_paint)
        QTimer.singleShot(0, self, self._after_first_paint)

    def _after_first_paint(self) -> None:
        """What the home screen does not need to be seen, started on the next turn of the event loop after
        its first paint: the session's idle guard (an application-wide event filter, which makes PySide wrap every
        event and object type on the way), the keyboard, touch scrolling. Once only."""
        if self._started:
            return
        self._started = True
        self.session.start()
        self._build_keyboard()
        touch.first_screen_painted()

    def _clear_initial_focus(self) -> None:
        focused = QApplication.focusWidget()
        if focused is not None and self.header.isAncestorOf(focused):
            focused.clearFocus()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.session.stop()
        if self._keyboard_controller is not None:
            self._keyboard_controller.set_enabled(False)
        page = self.navigator.current_page()
        if page is not None:
            page.leave()
        super().closeEvent(event)
