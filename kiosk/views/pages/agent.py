""" "Espace agent" (route AGENT): a counter agent's view of the kiosk's sync, behind the agent code.

Opened by a long press on the town's name or logo in the header (nothing shows it to a citizen), it first asks
the agent code on the digits keypad, masked; every visit asks it again (entering the page locks it, and so does
leaving it). Unlocked, it shows the kiosk's standing with central — and, when central refuses this kiosk's token,
"Borne non autorisée" with what to do, which a citizen never sees (the header says "Hors ligne") — the requests
waiting to be sent and the ops central refused for good ("Envois refusés"). It is a page of the visitor's session:
"Terminer" and the idle wipe destroy it with the others.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from kiosk.views.answers import format_datetime
from kiosk.views.navigator import Route
from kiosk.views.pages.base import Page, page_layout, page_title, scroll_area
from kiosk.views.pages.code_wait import CodeWait
from kiosk.views.plural import count_text
from kiosk.views.widgets.fields import LabelledInput
from kiosk.views.widgets.wrapped_label import WrappedLabel

if TYPE_CHECKING:
    from kiosk.models.dto import AgentOverview, DeadLetter
    from kiosk.services.agent import AgentCheck
    from kiosk.views.context import ViewContext

MAX_CODE_DIGITS = 32  # kiosk.services.agent.MAX_CODE_DIGITS (not imported: the page loads before the services)


class AgentPage(Page):
    """The agent code, then the agent screen.

    ``countdown`` ticks once a (kiosk) second while a wrong code makes the next try wait, to say how long.
    """

    def __init__(self, ctx: ViewContext) -> None:
        super().__init__(ctx)
        self.unlocked = False
        self.overview: AgentOverview | None = None
        self._said = ""  # what the code's message says (a key of _code_message), to say it again in another language
        self._wait_s = 0
        self._checking = False
        self.stack = QStackedWidget()
        page_layout(self, margin=0, spacing=0).addWidget(self.stack)
        self.stack.addWidget(self._build_lock())
        self.stack.addWidget(self._build_screen())
        self.countdown = CodeWait(self, ctx.settings.second_ms, self._wait_seconds, self._show_wait)
        ctx.sync_changed.connect(self._on_sync)  # a bound method: dropped with the page
        self.retranslate()

    # -- building ------------------------------------------------------------------------------------------

    def _build_lock(self) -> QWidget:
        lock = QWidget()
        layout = page_layout(lock)
        self._lock_title = page_title()
        self._lock_text = QLabel()
        self._lock_text.setWordWrap(True)
        # Masked digits on the digits keypad, with no hint nor history of them kept; its error line says how the
        # check went.
        self.code = LabelledInput("agentCode", "digits", MAX_CODE_DIGITS)
        self.code_field = self.code.edit
        self.message = self.code.error
        self.code_field.returnPressed.connect(self.submit)
        self.submit_button = QPushButton()
        self.submit_button.setProperty("primary", True)
        self.submit_button.clicked.connect(self.submit)
        self.lock_quit_button = self._quit_button()
        layout.addWidget(self._lock_title)
        layout.addWidget(self._lock_text)
        layout.addWidget(self.code)
        layout.addWidget(self.submit_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.lock_quit_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return lock

    def _build_screen(self) -> QWidget:
        screen = QWidget()
        outer = QVBoxLayout(screen)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        content = QWidget()
        layout = page_layout(content)
        self._title = page_title()
        # "Borne non autorisée": first and framed in the error colours, for the agent who must act on it.
        self.unauthorized = QFrame()
        self.unauthorized.setObjectName("errorLine")
        alert = QVBoxLayout(self.unauthorized)
        alert.setContentsMargins(28, 20, 28, 20)
        alert.setSpacing(8)
        self._alert_title = QLabel()
        self._alert_title.setObjectName("errorText")
        self._alert_title.setWordWrap(True)
        self._alert_text = WrappedLabel()
        alert.addWidget(self._alert_title)
        alert.addWidget(self._alert_text)
        self.unauthorized.hide()
        self._connection_title = self._section()
        self.connection = WrappedLabel()
        self._waiting_title = self._section()
        self.waiting = QLabel()
        self.waiting.setWordWrap(True)
        self._dead_title = self._section()
        self._dead_text = QLabel()
        self._dead_text.setObjectName("muted")
        self._dead_text.setWordWrap(True)
        self.dead_list = QVBoxLayout()
        self.dead_list.setSpacing(12)
        self.no_dead = QLabel()
        self.no_dead.setWordWrap(True)
        self._more_dead = QLabel()
        self._more_dead.setObjectName("muted")
        self._more_dead.setWordWrap(True)
        self._more_dead.hide()
        for widget in (
            self._title,
            self.unauthorized,
            self._connection_title,
            self.connection,
            self._waiting_title,
            self.waiting,
            self._dead_title,
            self._dead_text,
        ):
            layout.addWidget(widget)
        layout.addLayout(self.dead_list)
        layout.addWidget(self.no_dead)
        layout.addWidget(self._more_dead)
        layout.addStretch(1)
        outer.addWidget(scroll_area(content), 1)
        bar = QHBoxLayout()
        bar.setContentsMargins(40, 12, 40, 20)
        self.quit_button = self._quit_button()
        bar.addWidget(self.quit_button)
        bar.addStretch(1)
        outer.addLayout(bar)
        return screen

    def _section(self) -> QLabel:
        label = QLabel()
        label.setObjectName("sectionTitle")
        label.setWordWrap(True)
        return label

    def _quit_button(self) -> QPushButton:
        button = QPushButton()
        button.setProperty("large", True)
        button.clicked.connect(lambda: self.navigate_requested.emit(Route.HOME, None))
        return button

    # -- the code ------------------------------------------------------------------------------------------

    def enter(self, params: Any) -> None:
        super().enter(params)
        self.lock()
        if self.isVisible():
            self.code_field.setFocus(Qt.FocusReason.OtherFocusReason)
        else:  # the navigator shows the page just after entering it: focus it then, for the keypad to come up
            QTimer.singleShot(0, self, self._focus_code)

    def leave(self) -> None:
        self.lock()
        super().leave()

    def lock(self) -> None:
        """Back to the code: nothing of the agent screen stays behind it, and the code typed is gone."""
        self.tasks.cancel_all(but_current=True)
        self.unlocked = False
        self._checking = False
        self.overview = None
        self.code_field.setText("")
        self._clear_dead_letters()
        self.stack.setCurrentIndex(0)
        self._say("")
        self._refresh_wait()

    def _focus_code(self) -> None:
        if self.isVisible() and not self.unlocked and self.code_field.isEnabled():
            self.code_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> None:
        if self._checking or self.unlocked or not self.submit_button.isEnabled():
            return
        code = self.code_field.text()
        # Gone from the field at once: it is checked from here on, and a second try starts from nothing.
        self.code_field.setText("")
        if not code:
            self._say("empty")
            return
        self._checking = True
        self.submit_button.setEnabled(False)
        self._say("checking")
        self.tasks.spawn(self._check(code))

    async def _check(self, code: str) -> None:
        from kiosk.services.agent import CodeCheck

        try:
            agent = (await self.ctx.services()).agent
            if agent is None:  # kiosk.app always builds it; the header opens this page only with an agent code
                raise RuntimeError("no agent service")
            result: AgentCheck = await agent.check(code)
        except Exception:
            # Not "Vérification du code…" for ever: the check ended, without an answer (the task's owner logs why).
            # A cancellation is the page being left: it locked itself already, and says nothing.
            self._say("failed")
            raise
        finally:
            self._checking = False
            self._refresh_wait()
        if result.result is CodeCheck.ACCEPTED:
            self.unlock()
        else:
            self._say("wrong")

    def _refresh_wait(self) -> None:
        """The seconds left before a code may be tried again, counted down; the button waits for them."""
        self.countdown.refresh()

    def _wait_seconds(self) -> int:
        services = self.ctx.services_if_up()
        agent = services.agent if services is not None else None
        return agent.wait_s() if agent is not None else 0

    def _show_wait(self, seconds: int) -> None:
        self._wait_s = seconds
        self.submit_button.setEnabled(seconds == 0 and not self._checking)
        # The wait is the kiosk's: opened again meanwhile (by the next visitor's agent, say, or after a restart),
        # the screen says why "Valider" waits.
        if self._said == "wrong" or (seconds > 0 and self._said in ("", "failed")):
            self._say("wrong")

    def _say(self, kind: str) -> None:
        self._said = kind
        self.code.say(self._code_message(kind))

    def _code_message(self, kind: str) -> str:
        if kind == "empty":
            return self.tr("Saisissez votre code agent.")
        if kind == "checking":
            return self.tr("Vérification du code…")
        if kind == "failed":
            return self.tr(
                "Le code n'a pas pu être vérifié. Réessayez ; si cela se reproduit, prévenez le service informatique."
            )
        if kind == "wrong":
            if self._wait_s > 0:
                return count_text(
                    self._wait_s,
                    self.tr("Code incorrect. Nouvel essai possible dans %1 seconde."),
                    self.tr("Code incorrect. Nouvel essai possible dans %1 secondes."),
                )
            return self.tr("Code incorrect. Vous pouvez réessayer.")
        return ""

    # -- the agent screen ----------------------------------------------------------------------------------

    def unlock(self) -> None:
        self.unlocked = True
        self._say("")
        self.stack.setCurrentIndex(1)
        self.code_field.clearFocus()  # the keypad goes away with it
        self.refresh()

    def refresh(self) -> None:
        """Read the overview again (the sync's state changed, or the screen was just opened)."""
        if self.unlocked:
            self.tasks.spawn(self._load())

    async def _load(self) -> None:
        services = await self.ctx.services()
        if services.agent is None or not self.unlocked:
            return
        overview = await services.agent.overview()
        if self.unlocked:
            self.show_overview(overview)

    def _on_sync(self, _state: object) -> None:
        self.refresh()

    def show_overview(self, overview: AgentOverview) -> None:
        self.overview = overview
        self._fill_overview()

    def _fill_overview(self) -> None:
        overview = self.overview
        if overview is None:
            return
        self.unauthorized.setVisible(overview.unauthorized)
        self._alert_text.setText(
            self.tr(
                "Central refuse le jeton de cette borne. Enregistrez-la à nouveau (central kiosk add NOM) et placez "
                "le nouveau jeton dans %1. Les demandes restent en attente et partiront ensuite."
            ).replace("%1", overview.token_file or "central_token_file")
        )
        self.connection.setText(self._connection_text(overview))
        self.waiting.setText(
            count_text(
                overview.waiting,
                self.tr("%1 demande en attente d'envoi"),
                self.tr("%1 demandes en attente d'envoi"),
            )
            if overview.waiting
            else self.tr("Aucune demande en attente d'envoi")
        )
        self.waiting.setAccessibleName(self.waiting.text())
        self._clear_dead_letters()
        for letter in overview.dead_letters:
            self.dead_list.addWidget(self._dead_letter_card(letter))
        self.no_dead.setVisible(not overview.dead_letters)
        shown = len(overview.dead_letters)
        self._more_dead.setVisible(overview.dead_total > shown)
        self._more_dead.setText(
            self.tr("Les %1 plus récents sur %2 ; le journal de la borne les garde tous.")
            .replace("%1", str(shown))
            .replace("%2", str(overview.dead_total))
        )

    def _connection_text(self, overview: AgentOverview) -> str:
        host = overview.central_host
        if not host:
            return self.tr(
                "Cette borne n'est reliée à aucun central : ses demandes restent sur la borne, en attente d'envoi."
            )
        if overview.unauthorized:
            return self.tr("Hors ligne : central (%1) refuse le jeton de cette borne.").replace("%1", host)
        if overview.online:
            return self.tr("En ligne : central (%1) répond.").replace("%1", host)
        return self.tr(
            "Hors ligne : central (%1) ne répond pas. Les demandes attendent sur la borne et partiront à son retour."
        ).replace("%1", host)

    def _dead_letter_card(self, letter: DeadLetter) -> QFrame:
        card = QFrame()
        card.setObjectName("card")
        column = QVBoxLayout(card)
        column.setContentsMargins(24, 16, 24, 16)
        column.setSpacing(4)
        heading = WrappedLabel(f"{letter.reference} · {self._kind_text(letter.kind)}")
        heading.setObjectName("codeValue")
        when = QLabel(
            self.tr("Refusé le %1").replace(
                "%1", format_datetime(letter.refused_at, self.ctx.language, self.ctx.settings.zone)
            )
        )
        when.setObjectName("muted")
        when.setWordWrap(True)
        # Central's reason names fields and rules, never what a visitor typed: shown as it came, in plain text.
        reason = WrappedLabel(self.tr("Motif donné par central : %1").replace("%1", letter.reason or "—"))
        for widget in (heading, when, reason):
            column.addWidget(widget)
        return card

    def _kind_text(self, kind: str) -> str:
        if kind == "request.submit":
            return self.tr("Envoi de la demande")
        if kind == "request.cancel":
            return self.tr("Annulation de la demande")
        return self.tr("Opération %1").replace("%1", kind)

    def _clear_dead_letters(self) -> None:
        while (item := self.dead_list.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()

    # -- texts ---------------------------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Espace agent")

    def retranslate(self) -> None:
        for title in (self._lock_title, self._title):
            title.setText(self.tr("Espace agent"))
            title.setAccessibleName(title.text())
        self._lock_text.setText(
            self.tr("Réservé aux agents d'accueil de la mairie. Saisissez votre code agent sur le pavé numérique.")
        )
        self.code.set_texts(self.tr("Code agent"), self.tr("Des chiffres, masqués à l'écran"))
        self.submit_button.setText(self.tr("Valider"))
        self.submit_button.setAccessibleName(self.tr("Valider le code agent"))
        for button in (self.lock_quit_button, self.quit_button):
            button.setText(self.tr("Quitter l'espace agent"))
            button.setAccessibleName(self.tr("Quitter l'espace agent et revenir à l'accueil"))
        self._alert_title.setText(self.tr("Borne non autorisée"))
        self._connection_title.setText(self.tr("Connexion avec central"))
        self._waiting_title.setText(self.tr("Demandes en attente d'envoi"))
        self._dead_title.setText(self.tr("Envois refusés"))
        self._dead_text.setText(
            self.tr(
                "Central a refusé ces envois pour de bon : ils ne repartiront pas. Retrouvez la demande à la mairie "
                "par sa référence."
            )
        )
        self.no_dead.setText(self.tr("Aucun envoi refusé"))
        if self._said:
            self._say(self._said)
        self._fill_overview()

    def help_text(self) -> str:
        return self.tr(
            "Espace réservé aux agents d'accueil : la connexion de la borne avec central, les demandes en attente "
            "d'envoi et les envois refusés. « Quitter l'espace agent » revient à l'accueil ; l'espace se ferme "
            "aussi avec « Terminer » et quand la borne reste inactive."
        )
