"""The kiosk window: a header (town, connection, language, contrast, help, back, home), the pages, the keyboard."""

from __future__ import annotations

import gc as python_gc
import logging
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import (
    QClipboard,
    QCloseEvent,
    QColor,
    QGuiApplication,
    QIcon,
    QPalette,
    QPixmap,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QMainWindow, QPushButton, QVBoxLayout, QWidget

from kiosk.views import icons, touch
from kiosk.views.context import ViewContext
from kiosk.views.navigator import Navigator, PageFactory, Route
from kiosk.views.pages.base import Page
from kiosk.views.pages.home import HomePage
from kiosk.views.plural import count_text
from kiosk.views.session_guard import IdleGuard
from kiosk.views.theme import Theme
from kiosk.views.widgets.elided_label import ElidedLabel
from kiosk.views.widgets.overlay import Overlay

if TYPE_CHECKING:
    from kiosk.views.widgets.keyboard import KeyboardController, OnScreenKeyboard

log = logging.getLogger(__name__)


def empty_directory(directory: Path) -> None:
    """Delete what a visitor left in ``directory`` (receipts, previews), keeping the directory."""
    if not directory.exists():
        return
    for entry in directory.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


class IdleWarning(Overlay):
    """ "Êtes-vous toujours là ?" with a countdown and a large "Continuer".

    Signals:
        finished(str): inherited; "continue" when the visitor wants more time.
    """

    def __init__(self, host: QWidget, seconds: int) -> None:
        super().__init__(host, self.tr("Êtes-vous toujours là ?"), " ")
        self.add_button(self.tr("Continuer"), "continue", primary=True).setMinimumSize(360, 96)
        self.set_seconds(seconds)

    def set_seconds(self, seconds: int) -> None:
        self.text_label.setText(
            count_text(
                seconds,
                self.tr(
                    "Sans action de votre part, cette session se termine dans %1 seconde et tout ce que vous avez "
                    "saisi sera effacé. Touchez « Continuer » pour poursuivre."
                ),
                self.tr(
                    "Sans action de votre part, cette session se termine dans %1 secondes et tout ce que vous "
                    "avez saisi sera effacé. Touchez « Continuer » pour poursuivre."
                ),
            )
        )


class Header(QWidget):
    """The band at the top of every screen.

    Signals:
        back_clicked(), home_clicked(), finish_clicked(), help_clicked(), language_clicked(), contrast_clicked()
    """

    back_clicked = Signal()
    home_clicked = Signal()
    finish_clicked = Signal()
    help_clicked = Signal()
    language_clicked = Signal()
    contrast_clicked = Signal()

    def __init__(self, ctx: ViewContext, logo: QPixmap | None) -> None:
        super().__init__()
        self.setObjectName("header")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._ctx = ctx
        self.back_button = self._button("back", self.back_clicked)
        self.home_button = self._button("home", self.home_clicked)
        self.logo = QLabel()
        if logo is not None:
            self.logo.setPixmap(logo)
        self.logo.setVisible(logo is not None)
        self.town = ElidedLabel(ctx.settings.town_name)
        self.town.setObjectName("townName")
        self.connection_icon = QLabel()
        self.connection = QLabel()
        self.connection.setObjectName("connectionState")
        self.contrast_button = self._button("contrast", self.contrast_clicked)
        self.contrast_button.setCheckable(True)
        self.language_button = self._button("language", self.language_clicked)
        self.help_button = self._button("help", self.help_clicked)
        self.finish_button = self._button("close", self.finish_clicked)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 12, 16, 12)
        row.setSpacing(12)
        self._row = row
        row.addWidget(self.back_button)
        row.addWidget(self.home_button)
        row.addWidget(self.logo)
        row.addWidget(self.town, 1)
        row.addWidget(self.connection_icon)
        row.addWidget(self.connection)
        row.addWidget(self.contrast_button)
        row.addWidget(self.language_button)
        row.addWidget(self.help_button)
        row.addWidget(self.finish_button)
        self._compact = False
        self.set_theme(ctx.theme)
        self.retranslate()

    # Below this width (portrait kiosks) the header buttons show their icon only; names stay for screen readers.
    COMPACT_BELOW = 1500

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        compact = event.size().width() < self.COMPACT_BELOW
        if compact != self._compact:
            self._compact = compact
            self.retranslate()

    def _button(self, icon_name: str, signal: SignalInstance) -> QPushButton:
        button = QPushButton()
        button.setObjectName("headerButton")
        button.setProperty("iconName", icon_name)
        button.setIconSize(QSize(32, 32))
        button.setMinimumHeight(64)
        button.setMinimumWidth(64)  # so the window may be narrower than the buttons' texts: see resizeEvent
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.clicked.connect(signal.emit)
        return button

    def set_theme(self, theme: Theme) -> None:
        color = theme.colors["header_text"]
        for button in self.findChildren(QPushButton):
            icon = icons.icon(str(button.property("iconName")), color, 32)
            # A checked header button is drawn on the primary colour: its icon switches colour with it.
            icon.addPixmap(
                icons.pixmap(str(button.property("iconName")), theme.colors["on_primary"], 32),
                QIcon.Mode.Normal,
                QIcon.State.On,
            )
            button.setIcon(icon)
        self.contrast_button.setChecked(theme.high_contrast)
        self.set_online(self._ctx.online)

    def set_online(self, online: bool) -> None:
        color = self._ctx.theme.colors["header_text"]
        self.connection_icon.setPixmap(icons.pixmap("online" if online else "offline", color, 36))
        self.retranslate()

    def retranslate(self) -> None:
        labels = {
            self.back_button: (self.tr("Retour"), self.tr("Retour à l'écran précédent")),
            self.home_button: (self.tr("Accueil"), self.tr("Accueil")),
            self.help_button: (self.tr("Aide"), self.tr("Aide")),
            self.contrast_button: (self.tr("Contraste"), self.tr("Contraste élevé")),
            self.finish_button: (self.tr("Terminer"), self.tr("Terminer et tout effacer pour la personne suivante")),
        }
        for button, (text, name) in labels.items():
            button.setText("" if self._compact else text)
            button.setToolTip(name)
            button.setAccessibleName(name)
        # The switch is written in the language it switches to, for those who do not read the current one.
        self.language_button.setText("English" if self._ctx.language == "fr" else "Français")
        self.language_button.setAccessibleName(
            "Switch to English" if self._ctx.language == "fr" else "Passer en français"
        )
        online = self._ctx.online
        self.connection.setText(self.tr("En ligne") if online else self.tr("Hors ligne"))
        self.connection.setAccessibleName(
            self.tr("Connexion à la mairie : en ligne") if online else self.tr("Connexion à la mairie : hors ligne")
        )
        self.connection.setToolTip(
            ""
            if online
            else self.tr("Vos démarches sont enregistrées sur la borne et envoyées dès le retour du réseau.")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class MainWindow(QMainWindow):
    """The window of the kiosk.

    Signals:
        start_requested(str): a visitor asked to fill the procedure with this slug.
        session_ended(str): the visitor's traces were wiped ("idle", "finished"); the home screen shows.
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
        self.navigator = Navigator(self._factories())
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
        self.idle = IdleGuard(ctx.settings.idle_timeout_s, ctx.settings.idle_warning_s, self)
        self.idle.warning_started.connect(self._on_idle_warning)
        self.idle.expired.connect(lambda: self.end_session("idle"))
        self._idle_overlay: Overlay | None = None
        self._started = False  # whether what waits for the first paint has started

        self.header.back_clicked.connect(self.navigator.back)
        self.header.home_clicked.connect(self.navigator.home)
        self.header.help_clicked.connect(self.show_help)
        self.header.finish_clicked.connect(self._on_finish_clicked)
        self.header.language_clicked.connect(ctx.translations.toggle)
        self.header.contrast_clicked.connect(lambda: ctx.set_high_contrast(not ctx.theme.high_contrast))
        ctx.theme_changed.connect(self._apply_theme)
        ctx.connection_changed.connect(self.header.set_online)
        self.navigator.page_changed.connect(self._on_page_changed)
        self.navigator.first_painted.connect(self._on_first_paint)
        self._apply_theme(ctx.theme)
        self.navigator.home()

    def _factories(self) -> dict[Route, PageFactory]:
        """One builder per route. Pages other than home are imported on first visit: their modules pull in
        the catalogue schema (pydantic) and more, which the first paint of the home screen must not wait for."""
        ctx = self.ctx

        def domains() -> Page:
            from kiosk.views.pages.catalogue_pages import DomainsPage

            return DomainsPage(ctx)

        def procedures() -> Page:
            from kiosk.views.pages.catalogue_pages import ProceduresPage

            return ProceduresPage(ctx)

        def procedure() -> Page:
            from kiosk.views.pages.procedure import ProcedurePage

            page = ProcedurePage(ctx)
            page.start_requested.connect(self.start_requested)
            return page

        def search() -> Page:
            from kiosk.views.pages.search import SearchPage

            return SearchPage(ctx)

        def coming_soon() -> Page:
            from kiosk.views.pages.coming_soon import ComingSoonPage

            return ComingSoonPage(ctx)

        def wizard() -> Page:
            from kiosk.views.pages.wizard.page import WizardPage

            page = WizardPage(ctx)
            page.busy_changed.connect(self._on_storing)
            return page

        def confirmation() -> Page:
            from kiosk.views.pages.confirmation import ConfirmationPage

            page = ConfirmationPage(ctx)
            page.finished.connect(lambda: self.end_session("finished"))
            return page

        def find_request() -> Page:
            from kiosk.views.pages.tracking import FindRequestPage

            return FindRequestPage(ctx, ctx.tracking_guard)

        def follow_up() -> Page:
            from kiosk.views.pages.tracking import FollowUpPage

            return FollowUpPage(ctx)

        return {
            Route.HOME: lambda: HomePage(ctx),
            Route.DOMAINS: domains,
            Route.PROCEDURES: procedures,
            Route.PROCEDURE: procedure,
            Route.SEARCH: search,
            Route.COMING_SOON: coming_soon,
            Route.WIZARD: wizard,
            Route.CONFIRMATION: confirmation,
            Route.FIND_REQUEST: find_request,
            Route.FOLLOW_UP: follow_up,
        }

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

    # -- the visitor's session ---------------------------------------------------------------------------

    def session_in_progress(self) -> bool:
        """Whether anything of a visitor may be here: any screen visited since the last wipe (back at home,
        a draft or a tracking code still lives in its page), or changed preferences."""
        ctx = self.ctx
        return (
            self.navigator.visited
            or ctx.language != ctx.translations.default
            or ctx.theme.high_contrast != ctx.settings.high_contrast
        )

    def _on_idle_warning(self, seconds: int) -> None:
        if not self.session_in_progress():
            self.idle.extend()  # nobody's traces to protect: no need to ask the empty room
            return
        self._idle_overlay = IdleWarning(self._central, seconds)
        self.idle.countdown.connect(self._idle_overlay.set_seconds)
        self._idle_overlay.finished.connect(self._on_idle_answer)
        self._idle_overlay.open()

    def _on_idle_answer(self, _role: str) -> None:
        self._idle_overlay = None
        self.idle.extend()

    def _on_finish_clicked(self) -> None:
        if self._draft_in_progress():
            overlay = Overlay(
                self._central,
                self.tr("Terminer et tout effacer ?"),
                self.tr("La démarche en cours n'a pas été validée : ce que vous avez saisi sera effacé."),
            )
            overlay.add_button(self.tr("Oui, terminer"), "finish")
            overlay.add_button(self.tr("Non, continuer"), "continue", primary=True)
            overlay.finished.connect(lambda role: self.end_session("finished") if role == "finish" else None)
            overlay.open()
        else:
            self.end_session("finished")

    def _draft_in_progress(self) -> bool:
        wizard = self.navigator.existing_page(Route.WIZARD)
        if wizard is None:
            return False
        from kiosk.views.pages.wizard.page import WizardPage  # already loaded: the wizard exists

        return isinstance(wizard, WizardPage) and wizard.state is not None and not wizard.state.is_empty()

    def end_session(self, reason: str) -> None:
        """Wipe everything of the visitor: pages and drafts are destroyed and built anew (never just cleared:
        a cleared field can be undone), the clipboard emptied, temporary files deleted, language and display
        back to the kiosk's defaults. Requests already submitted stay in the outbox until sent."""
        for overlay in self.findChildren(Overlay):
            overlay.dismiss()
        self._idle_overlay = None
        self._drop_keyboard()
        self.navigator.reset()
        self._build_keyboard()
        clipboard = QGuiApplication.clipboard()
        clipboard.clear(QClipboard.Mode.Clipboard)
        if clipboard.supportsSelection():
            clipboard.clear(QClipboard.Mode.Selection)
        empty_directory(self.ctx.settings.session_dir)
        self.ctx.reset_preferences()
        QTimer.singleShot(0, self._clear_initial_focus)
        python_gc.collect()  # what the destroyed pages held goes now, on this thread
        log.info("session ended (%s)", reason)
        self.idle.extend()
        self.session_ended.emit(reason)

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
        self.header.finish_button.setEnabled(not busy)
        if busy:
            self.header.back_button.setEnabled(False)
            self.header.home_button.setEnabled(False)
        else:
            self._on_page_changed(self.navigator.route or Route.HOME)

    def _on_page_changed(self, route: Route) -> None:
        at_home = route is Route.HOME
        self.header.back_button.setEnabled(self.navigator.can_go_back())
        self.header.home_button.setEnabled(not at_home)
        page = self.navigator.current_page()
        if page is not None:
            self.setWindowTitle(f"{page.title()} · {self.ctx.settings.town_name}")

    def show_full_screen(self) -> None:
        """Cover the whole screen, with or without a window manager: ``showFullScreen`` alone is a request that
        only a window manager carries out (and kiosks often run none), so the geometry is set as well, and set
        again when the screen changes (a kiosk turned to portrait, a monitor plugged in)."""
        screen = self.screen()
        self.setGeometry(screen.geometry())
        screen.geometryChanged.connect(self.setGeometry)
        self.showFullScreen()

    def show_out_of_service(self) -> Overlay:
        """The services could not start: say so to the visitor, with nothing to tap that would fail."""
        overlay = Overlay(
            self._central,
            self.tr("Borne momentanément hors service"),
            self.tr("Cette borne ne peut pas enregistrer de démarche pour le moment. Adressez-vous à l'accueil."),
        )
        overlay.open()
        return overlay

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
        its first paint: the idle guard (an application-wide event filter, which makes PySide wrap every
        event and object type on the way), the keyboard, touch scrolling. Once only."""
        if self._started:
            return
        self._started = True
        self.idle.start()
        self._build_keyboard()
        touch.first_screen_painted()

    def _clear_initial_focus(self) -> None:
        focused = QApplication.focusWidget()
        if focused is not None and self.header.isAncestorOf(focused):
            focused.clearFocus()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.idle.stop()
        if self._keyboard_controller is not None:
            self._keyboard_controller.set_enabled(False)
        page = self.navigator.current_page()
        if page is not None:
            page.leave()
        super().closeEvent(event)
