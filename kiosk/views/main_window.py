"""The kiosk window: a header (town, connection, language, contrast, help, back, home), the pages, the keyboard."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QCloseEvent, QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QMainWindow, QPushButton, QVBoxLayout, QWidget

from kiosk.views import icons
from kiosk.views.context import ViewContext
from kiosk.views.navigator import Navigator, PageFactory, Route
from kiosk.views.pages.catalogue_pages import DomainsPage, ProceduresPage
from kiosk.views.pages.coming_soon import ComingSoonPage
from kiosk.views.pages.home import HomePage
from kiosk.views.pages.procedure import ProcedurePage
from kiosk.views.pages.search import SearchPage
from kiosk.views.theme import Theme
from kiosk.views.widgets.elided_label import ElidedLabel
from kiosk.views.widgets.keyboard import KeyboardController, OnScreenKeyboard
from kiosk.views.widgets.overlay import Overlay


class Header(QWidget):
    """The band at the top of every screen.

    Signals:
        back_clicked(), home_clicked(), help_clicked(), language_clicked(), contrast_clicked()
    """

    back_clicked = Signal()
    home_clicked = Signal()
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
            button.setIcon(icons.icon(str(button.property("iconName")), color, 32))
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
    """

    start_requested = Signal(str)

    def __init__(self, ctx: ViewContext, logo: QPixmap | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(ctx.settings.town_name)
        central = QWidget()
        central.setObjectName("centralArea")
        self.header = Header(ctx, logo)
        self.navigator = Navigator(self._factories())
        self.keyboard = OnScreenKeyboard()
        self.keyboard.hide()
        self.keyboard_controller = KeyboardController(self.keyboard, self)
        self.keyboard_controller.set_enabled(ctx.settings.keyboard)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.header)
        column.addWidget(self.navigator, 1)
        column.addWidget(self.keyboard)
        self.setCentralWidget(central)
        self._central = central

        self.header.back_clicked.connect(self.navigator.back)
        self.header.home_clicked.connect(self.navigator.home)
        self.header.help_clicked.connect(self.show_help)
        self.header.language_clicked.connect(ctx.translations.toggle)
        self.header.contrast_clicked.connect(lambda: ctx.set_high_contrast(not ctx.theme.high_contrast))
        ctx.theme_changed.connect(self._apply_theme)
        ctx.connection_changed.connect(self.header.set_online)
        self.navigator.page_changed.connect(self._on_page_changed)
        self._apply_theme(ctx.theme)
        self.navigator.home()

    def _factories(self) -> dict[Route, PageFactory]:
        ctx = self.ctx

        def procedure_page() -> ProcedurePage:
            page = ProcedurePage(ctx)
            page.start_requested.connect(self.start_requested)
            return page

        return {
            Route.HOME: lambda: HomePage(ctx),
            Route.DOMAINS: lambda: DomainsPage(ctx),
            Route.PROCEDURES: lambda: ProceduresPage(ctx),
            Route.PROCEDURE: procedure_page,
            Route.SEARCH: lambda: SearchPage(ctx),
            Route.COMING_SOON: lambda: ComingSoonPage(ctx),
        }

    def _apply_theme(self, theme: Theme) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setStyleSheet(theme.stylesheet())
        self.header.set_theme(theme)

    def _on_page_changed(self, route: Route) -> None:
        at_home = route is Route.HOME
        self.header.back_button.setEnabled(self.navigator.can_go_back())
        self.header.home_button.setEnabled(not at_home)
        page = self.navigator.current_page()
        if page is not None:
            self.setWindowTitle(f"{page.title()} · {self.ctx.settings.town_name}")

    def show_help(self) -> Overlay:
        page = self.navigator.current_page()
        text = page.help_text() if page is not None else ""
        overlay = Overlay(self._central, self.tr("Aide"), text)
        overlay.add_button(self.tr("J'ai compris"), "close", primary=True)
        overlay.open()
        return overlay

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Qt focuses the first button when the window shows; a focus ring on a header button reads as
        # "selected" to a visitor, so a fresh screen starts with nothing focused.
        QTimer.singleShot(0, self._clear_initial_focus)

    def _clear_initial_focus(self) -> None:
        focused = QApplication.focusWidget()
        if focused is not None and self.header.isAncestorOf(focused):
            focused.clearFocus()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.keyboard_controller.set_enabled(False)
        page = self.navigator.current_page()
        if page is not None:
            page.leave()
        super().closeEvent(event)
