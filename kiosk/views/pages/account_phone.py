""" "Me connecter avec mon téléphone" (the "phone" view of "Mon espace"): a QR code and a short code the citizen
opens on their own phone, where they log in and allow the kiosk; meanwhile the kiosk asks central at its interval.

The polling is a task of this view's own owner, not counted among the page's busy tasks: waiting for a phone may
last the code's ten minutes, and the page is settled meanwhile (it answers touches, it can be left). ``stop`` —
« Annuler », leaving the view or the page (``AccountPage.leave``: « Terminer », the idle wipe) — cancels it, and
nothing of the code stays on screen; the widget's destruction cancels it too. The token the service hands back is given
to ``on_login`` at once (the visitor's session holds it, as with the password), never kept here.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.views.pages.account_forms import page_button, text_label
from kiosk.views.qr import qr_pixmap
from kiosk.views.tasks import widget_tasks

if TYPE_CHECKING:
    from kiosk.services.account_outcomes import AccountActions, PhoneCode
    from kiosk.services.citizen import CitizenLogin

# Large enough for a phone held at arm's length: about 11 px per module for central's short address, with the quiet
# zone of 4 modules around (kiosk.views.qr).
QR_SIZE: Final = 440
STATES: Final = ("working", "showing", "denied", "expired", "offline")


class PhoneLoginView(QWidget):
    """The code, the QR code, the steps and the time left; or what ended the attempt, and the way to a new one.

    Signals:
        state_changed(str): one of ``STATES``, each time the view shows another.
    """

    state_changed = Signal(str)

    def __init__(
        self,
        account: Callable[[], AccountActions | None],
        on_login: Callable[[CitizenLogin], None],
        on_cancel: Callable[[], None],
    ) -> None:
        super().__init__()
        self._tasks = widget_tasks(self, None)
        self._account = account
        self._on_login = on_login
        self.state = "working"
        self.code: PhoneCode | None = None  # the code on show: its QR code's address is what a phone opens
        self._ends_at = 0.0  # time.monotonic() when the code expires
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(16)
        row = QHBoxLayout()
        row.setSpacing(40)
        self.qr_label = QLabel()
        self.qr_label.setMinimumSize(QR_SIZE, QR_SIZE)
        self.qr_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        details = QVBoxLayout()
        details.setSpacing(12)
        self.code_title = text_label("sectionTitle")
        self.code_label = QLabel()
        self.code_label.setObjectName("huge")
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        font = QFont(self.code_label.font())
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 6)
        self.code_label.setFont(font)
        self.address_label = text_label()
        self.steps = [text_label() for _ in range(3)]
        self.countdown = text_label("muted")
        # The steps first (what to do), then the code and the address for a phone that cannot scan.
        for widget in (*self.steps, self.code_title, self.code_label, self.address_label, self.countdown):
            details.addWidget(widget)
        details.addStretch(1)
        row.addWidget(self.qr_label, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(details, 1)
        self.message = text_label("sectionTitle")  # working, denied, expired, offline: said plainly
        self.again_button = page_button(primary=True)
        self.cancel_button = page_button()
        self.again_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(on_cancel)
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        buttons.addWidget(self.again_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        self.details = QWidget()
        self.details.setLayout(row)
        column.addWidget(self.details)
        column.addWidget(self.message)
        column.addLayout(buttons)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._show_time_left)
        self.retranslate()
        self._set_state("working")

    @property
    def running(self) -> bool:
        """Asking central for a code, or waiting for the phone."""
        return self._tasks.busy

    def start(self) -> None:
        """A new code (the one before, if any, forgotten), then the wait for the phone."""
        self.stop()
        self._set_state("working")
        self._tasks.spawn(self._log_in())

    def stop(self) -> None:
        """No more polling, and nothing of the code left on screen."""
        self._tasks.cancel_all(but_current=True)
        self._tick.stop()
        self.code = None
        self.qr_label.clear()
        self.code_label.clear()

    async def _log_in(self) -> None:
        account = self._account()
        if account is None:
            self._set_state("offline")
            return
        started = await account.start_phone_login()
        if started.code is None:
            self._set_state("offline")
            return
        code = started.code
        self.show_code(code)
        outcome = await account.wait_phone_login(code)
        if outcome.result == "logged_in" and outcome.login is not None:
            self.stop()
            self._on_login(outcome.login)
            return
        self.show_end(outcome.result)

    def show_code(self, code: PhoneCode) -> None:
        """The code, its QR code and the time it is valid (also how ``kiosk shots`` shows one without central)."""
        self.code = code
        self._ends_at = time.monotonic() + code.expires_in
        # Dark on light whatever the theme: phone cameras read that best.
        self.qr_label.setPixmap(qr_pixmap(code.verification_uri_complete, QR_SIZE, "#000000", "#FFFFFF"))
        self.code_label.setText(code.user_code)
        self._set_state("showing")
        self._tick.start()

    def show_end(self, state: str) -> None:
        """What ended the attempt ("denied", "expired", "offline"), the code gone with it."""
        self._tick.stop()
        self.code = None
        self._set_state(state if state in STATES else "offline")

    def _set_state(self, state: str) -> None:
        self.state = state
        showing = state == "showing"
        self.details.setVisible(showing)
        if not showing:
            self.qr_label.clear()
            self.code_label.clear()
        self.again_button.setVisible(state in ("denied", "expired", "offline"))
        self.retranslate()
        self.state_changed.emit(state)

    def _show_time_left(self) -> None:
        left = self._ends_at - time.monotonic()
        if left <= 0:
            self._tick.stop()
        text = (
            self.tr("Code valable encore %1 min").replace("%1", str(math.ceil(left / 60)))
            if left >= 60
            else self.tr("Code valable moins d'une minute")
        )
        self.countdown.setText(text)
        self.countdown.setAccessibleName(text)

    def retranslate(self) -> None:
        self.code_title.setText(self.tr("Votre code :"))
        code = self.code_label.text()
        # Spelled by a screen reader, letter by letter, rather than read as a word.
        self.code_label.setAccessibleName(
            self.tr("Code de connexion : %1").replace("%1", ", ".join(c for c in code if c != "-")) if code else ""
        )
        self.qr_label.setAccessibleName(self.tr("Code QR à scanner avec votre téléphone"))
        address = self.code.verification_uri if self.code is not None else ""
        address_text = self.tr("Sans appareil photo ? Ouvrez %1 sur votre téléphone et tapez ce code.").replace(
            "%1", address
        )
        self.address_label.setText(address_text)
        self.address_label.setAccessibleName(address_text)
        texts = (
            self.tr("1. Scannez le code avec votre téléphone"),
            self.tr("2. Connectez-vous à votre espace"),
            self.tr("3. Autorisez la borne"),
        )
        for label, text in zip(self.steps, texts, strict=True):
            label.setText(text)
            label.setAccessibleName(text)
        messages = {
            "working": self.tr("Préparation du code…"),
            "showing": self.tr("La borne attend votre accord sur le téléphone."),
            "denied": self.tr("Connexion refusée sur le téléphone."),
            "expired": self.tr("Le code a expiré."),
            "offline": self.tr(
                "La borne n'est pas reliée à la mairie pour le moment : la connexion avec le téléphone est "
                "impossible. Réessayez dans un instant."
            ),
        }
        message = messages.get(self.state, "")
        self.message.setText(message)
        self.message.setAccessibleName(message)
        self.message.setObjectName("errorText" if self.state in ("denied", "expired", "offline") else "sectionTitle")
        self.message.style().polish(self.message)
        self.again_button.setText(self.tr("Nouveau code") if self.state == "expired" else self.tr("Réessayer"))
        self.cancel_button.setText(self.tr("Annuler"))
        if self.code is not None and self.state == "showing":
            self._show_time_left()
