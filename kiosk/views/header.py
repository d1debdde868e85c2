"""The band at the top of every screen: back, home, the town, the connection, the logged-in citizen ("Bonjour …"
and "Se déconnecter"), contrast, language, help, finish."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QMouseEvent, QPaintEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QVBoxLayout,
    QWidget,
)

from kiosk.services.citizen import CitizenIdentity
from kiosk.views import icons
from kiosk.views.context import ViewContext
from kiosk.views.plural import count_text
from kiosk.views.theme import Theme

ICON = 32  # px, the header buttons' icons


class HeaderButton(QPushButton):
    """A header button: its icon beside its name, or, when ``stacked`` (a narrow portrait screen), its name in
    smaller letters under the icon. A bare icon would not do: a lone ✕ reads as "close the program"."""

    PADDING = 6  # px between the border and what is drawn inside, when stacked

    def __init__(self, icon_name: str) -> None:
        super().__init__()
        self.setObjectName("headerButton")
        self.setProperty("iconName", icon_name)
        self.setIconSize(QSize(ICON, ICON))
        self.setMinimumHeight(64)
        # Tab reaches it (a hardware keyboard), a tap does not focus it: a focus ring left on "Contraste" after a
        # tap reads as "selected" to a visitor.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self._stacked = False
        self._small = QFont()
        self._colors = ("#000000", "#000000", "#000000")  # text, text when checked, text when disabled

    def set_stacked(self, stacked: bool, small_font_px: int) -> None:
        self._small = QFont(self.font())
        self._small.setPixelSize(small_font_px)
        self._small.setBold(True)
        self._stacked = stacked
        self.updateGeometry()
        self.update()

    @property
    def stacked(self) -> bool:
        return self._stacked

    def set_colors(self, text: str, checked: str, disabled: str) -> None:
        """The name's colours when stacked (the stylesheet's ``:checked`` colour is no palette colour)."""
        self._colors = (text, checked, disabled)
        self.update()

    def sizeHint(self) -> QSize:
        if not self._stacked:
            return super().sizeHint()
        metrics = QFontMetrics(self._small)
        width = max(ICON, metrics.horizontalAdvance(self.text())) + 2 * self.PADDING
        height = ICON + metrics.height() + 2 + 2 * self.PADDING
        return QSize(max(width, 64), max(height, 64))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint() if self._stacked else super().minimumSizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._stacked:
            super().paintEvent(event)
            return
        painter = QStylePainter(self)
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = ""
        option.icon = QIcon()
        painter.drawControl(QStyle.ControlElement.CE_PushButton, option)  # the stylesheet's frame and fill
        metrics = QFontMetrics(self._small)
        inner = self.rect().adjusted(self.PADDING, self.PADDING, -self.PADDING, -self.PADDING)
        block = ICON + 2 + metrics.height()
        top = inner.top() + max(0, (inner.height() - block) // 2)
        enabled = self.isEnabled()
        mode = QIcon.Mode.Normal if enabled else QIcon.Mode.Disabled
        state = QIcon.State.On if self.isChecked() else QIcon.State.Off
        pixmap = self.icon().pixmap(QSize(ICON, ICON), self.devicePixelRatioF(), mode, state)
        painter.drawPixmap(inner.left() + (inner.width() - ICON) // 2, top, pixmap)
        text, checked, disabled = self._colors
        painter.setPen(QColor(disabled if not enabled else checked if self.isChecked() else text))
        painter.setFont(self._small)
        painter.drawText(
            QRect(inner.left(), top + ICON + 2, inner.width(), metrics.height()),
            int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
            self.text(),
        )


class Header(QWidget):
    """The band at the top of every screen.

    Signals:
        back_clicked(), home_clicked(), finish_clicked(), help_clicked(), language_clicked(), contrast_clicked()
        log_out_clicked(): "Se déconnecter", shown while a citizen is logged in.
        agent_requested(): a long press (``LONG_PRESS_SECONDS``) on the town's name or logo: a counter agent asks
            for "Espace agent". Nothing shows it: it is no button for a citizen to find.
    """

    back_clicked = Signal()
    home_clicked = Signal()
    finish_clicked = Signal()
    help_clicked = Signal()
    language_clicked = Signal()
    contrast_clicked = Signal()
    agent_requested = Signal()
    log_out_clicked = Signal()

    LONG_PRESS_SECONDS = 3  # kiosk seconds (``Settings.second_ms``): longer than any tap, or a finger resting
    # Below this width (portrait kiosks) the buttons write their names under their icons, in smaller letters,
    # and the town's name wraps onto two lines.
    COMPACT_BELOW = 1500
    GREETING_NAME_CHARS = 40

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
        # Wrapped, never shortened: "Ville de…" tells a visitor nothing. One line in landscape, two in portrait.
        self.town = QLabel(ctx.settings.town_name)
        self.town.setObjectName("townName")
        self.town.setTextFormat(Qt.TextFormat.PlainText)
        self.town.setWordWrap(True)
        self.town.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.town.setAccessibleName(ctx.settings.town_name)
        self.connection_icon = QLabel()
        self.connection = QLabel()
        self.connection.setObjectName("connectionState")
        # The state's icon and its name: side by side, or the name under the icon in portrait, as the buttons.
        connection_box = QWidget()
        self._connection_row = QBoxLayout(QBoxLayout.Direction.LeftToRight, connection_box)
        self._connection_row.setContentsMargins(0, 0, 0, 0)
        self._connection_row.setSpacing(6)
        self._connection_row.addWidget(self.connection_icon, 0, Qt.AlignmentFlag.AlignCenter)
        self._connection_row.addWidget(self.connection, 0, Qt.AlignmentFlag.AlignCenter)
        # How many requests wait to be sent to the town hall: shown only when some do (a calm line, no colour).
        self.waiting = QLabel()
        self.waiting.setObjectName("syncWaiting")
        self.waiting.setTextFormat(Qt.TextFormat.PlainText)
        self.waiting.setWordWrap(True)  # two lines rather than a window wider than a portrait screen
        self.waiting.hide()
        # The logged-in citizen: their first name, and the way out of their space. Hidden while anonymous.
        self._citizen: CitizenIdentity | None = None
        self.greeting = QLabel()
        self.greeting.setObjectName("citizenGreeting")
        self.greeting.setTextFormat(Qt.TextFormat.PlainText)
        self.log_out_button = self._button("account", self.log_out_clicked)
        self.contrast_button = self._button("contrast", self.contrast_clicked)
        self.contrast_button.setCheckable(True)
        self.language_button = self._button("language", self.language_clicked)
        self.help_button = self._button("help", self.help_clicked)
        self.finish_button = self._button("close", self.finish_clicked)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        row = QHBoxLayout()
        column.addLayout(row)
        row.setContentsMargins(16, 12, 16, 12)
        row.setSpacing(12)
        self._row = row
        row.addWidget(self.back_button)
        row.addWidget(self.home_button)
        row.addWidget(self.logo)
        row.addWidget(self.town, 1)
        row.addWidget(connection_box)
        row.addWidget(self.waiting)
        row.addWidget(self.contrast_button)
        row.addWidget(self.language_button)
        row.addWidget(self.help_button)
        row.addWidget(self.finish_button)
        # The citizen's line under the band, right-aligned: the band itself has no room left in portrait, and a
        # greeting squeezed between the buttons would cut their names.
        self.citizen_bar = QWidget()
        bar = QHBoxLayout(self.citizen_bar)
        bar.setContentsMargins(16, 0, 16, 12)
        bar.setSpacing(16)
        bar.addStretch(1)
        bar.addWidget(self.greeting)
        bar.addWidget(self.log_out_button)
        self.citizen_bar.hide()
        column.addWidget(self.citizen_bar)
        self._long_press = QTimer(self)
        self._long_press.setSingleShot(True)
        self._long_press.setInterval(self.LONG_PRESS_SECONDS * ctx.settings.second_ms)
        self._long_press.timeout.connect(self.agent_requested)
        for widget in (self.town, self.logo):
            widget.installEventFilter(self)
        self._compact = False
        self.set_theme(ctx.theme)
        self.retranslate()
        ctx.sync_changed.connect(self._on_sync)  # a bound method: dropped with the header

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The long press on the town's name or logo: held still on it for ``LONG_PRESS_SECONDS``."""
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonRelease, QEvent.Type.Leave, QEvent.Type.Hide):
            self._long_press.stop()
        elif isinstance(event, QMouseEvent) and isinstance(watched, QWidget):
            if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
                self._long_press.start()
            elif kind == QEvent.Type.MouseMove and not watched.rect().contains(event.position().toPoint()):
                self._long_press.stop()  # slid off: a swipe, not a press
        return False

    @property
    def buttons(self) -> tuple[HeaderButton, ...]:
        return (
            self.back_button,
            self.home_button,
            self.contrast_button,
            self.language_button,
            self.help_button,
            self.finish_button,
        )

    @property
    def all_buttons(self) -> tuple[HeaderButton, ...]:
        """``buttons`` and "Se déconnecter", shown only while a citizen is logged in."""
        return (*self.buttons, self.log_out_button)

    @property
    def compact(self) -> bool:
        return self._compact

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        compact = event.size().width() < self.COMPACT_BELOW
        if compact != self._compact:
            self._compact = compact
            self._apply_compact()

    def _apply_compact(self) -> None:
        compact = self._compact
        small = self._ctx.theme.size("font_small")
        for button in self.buttons:
            button.set_stacked(compact, small)
        # In portrait the connection's name goes under its icon: an icon alone says "offline" to few visitors.
        self._connection_row.setDirection(
            QBoxLayout.Direction.TopToBottom if compact else QBoxLayout.Direction.LeftToRight
        )
        self._connection_row.setSpacing(0 if compact else 6)
        self._row.setSpacing(6 if compact else 12)

    def _button(self, icon_name: str, signal: SignalInstance) -> HeaderButton:
        button = HeaderButton(icon_name)
        # So that the window may be narrower than the buttons' texts before it switches to compact: see
        # resizeEvent.
        button.setMinimumWidth(64)
        button.clicked.connect(signal.emit)
        return button

    def set_theme(self, theme: Theme) -> None:
        color = theme.colors["header_text"]
        for button in self.all_buttons:
            icon = icons.icon(str(button.property("iconName")), color, ICON)
            # A checked header button is drawn on the primary colour: its icon switches colour with it.
            icon.addPixmap(
                icons.pixmap(str(button.property("iconName")), theme.colors["on_primary"], ICON),
                QIcon.Mode.Normal,
                QIcon.State.On,
            )
            button.setIcon(icon)
            button.set_colors(color, theme.colors["on_primary"], theme.colors["text_muted"])
        self.contrast_button.setChecked(theme.high_contrast)
        self._apply_compact()
        self.set_online(self._ctx.online)

    def set_online(self, online: bool) -> None:
        color = self._ctx.theme.colors["header_text"]
        self.connection_icon.setPixmap(icons.pixmap("online" if online else "offline", color, 36))
        self.retranslate()

    def set_citizen(self, citizen: CitizenIdentity | None) -> None:
        """The citizen logged in now (``VisitorSession.citizen_changed``), or None: anonymous."""
        self._citizen = citizen
        self.citizen_bar.setVisible(citizen is not None)
        self.retranslate()

    def _on_sync(self, _state: object) -> None:
        self.retranslate()

    def retranslate(self) -> None:
        labels = {
            self.back_button: (self.tr("Retour"), self.tr("Retour à l'écran précédent")),
            self.home_button: (self.tr("Accueil"), self.tr("Accueil")),
            self.help_button: (self.tr("Aide"), self.tr("Aide")),
            self.contrast_button: (self.tr("Contraste"), self.tr("Contraste élevé")),
            self.finish_button: (self.tr("Terminer"), self.tr("Terminer et tout effacer pour la personne suivante")),
            self.log_out_button: (
                self.tr("Se déconnecter"),
                self.tr("Se déconnecter de votre espace personnel et tout effacer"),
            ),
        }
        for button, (text, name) in labels.items():
            button.setText(text)
            button.setToolTip(name)
            button.setAccessibleName(name)
        # The switch is written in the language it switches to, for those who do not read the current one.
        self.language_button.setText("English" if self._ctx.language == "fr" else "Français")
        self.language_button.setAccessibleName(
            "Switch to English" if self._ctx.language == "fr" else "Passer en français"
        )
        online = self._ctx.online
        self.connection.setText(self.tr("En ligne") if online else self.tr("Hors ligne"))
        name = self.tr("Connexion à la mairie : en ligne") if online else self.tr("Connexion à la mairie : hors ligne")
        tip = (
            ""
            if online
            else self.tr("Vos démarches sont enregistrées sur la borne et envoyées dès le retour du réseau.")
        )
        for widget in (self.connection, self.connection_icon):
            widget.setAccessibleName(name)
            widget.setToolTip(tip)
        waiting = self._ctx.waiting
        text = count_text(waiting, self.tr("%1 demande en attente d'envoi"), self.tr("%1 demandes en attente d'envoi"))
        self.waiting.setText(text)
        self.waiting.setAccessibleName(text)
        self.waiting.setVisible(waiting > 0)
        citizen = self._citizen
        name = "" if citizen is None else citizen.first_name
        if len(name) > self.GREETING_NAME_CHARS:  # one line, never wider than a portrait screen
            name = name[: self.GREETING_NAME_CHARS - 1] + "…"
        greeting = "" if citizen is None else self.tr("Bonjour %1").replace("%1", name)
        self.greeting.setText(greeting)
        self.greeting.setAccessibleName(greeting)
        for button in self.all_buttons:
            button.updateGeometry()  # a stacked button's width follows its name

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
