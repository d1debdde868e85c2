""" "Mon espace" (route ACCOUNT): the ways into the personal space, and the citizen's space once logged in.

The route's parameter names the view: None or "ways" (the ways in), "login" (« Me connecter sur la borne »),
"phone" (« Me connecter avec mon téléphone »: kiosk.views.pages.account_phone), "create" (« Créer mon espace »),
"forgotten" (« Mot de passe oublié ? »), "why" (« Pourquoi se créer un espace personnel ? »); "sent" comes after a
form central accepted; "expired", the ways in saying that the citizen's session ended on central. Logged in, every
view but "why" is the citizen's space ("space"), which goes on to « Mon tableau de bord » (route DASHBOARD).

The citizen's token is the visitor's session's (``VisitorSession.sign_in``), never this page's; the password is
emptied from its field as soon as it is handed over, and whenever the page is left. Offline, or on a kiosk that does
not sync, the page says so plainly and points to the procedures that need no personal space.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from kiosk.views.navigator import Route
from kiosk.views.pages.account_forms import AccountForm, CreateForm, ForgottenForm, LoginForm, page_button, text_label
from kiosk.views.pages.account_phone import PhoneLoginView
from kiosk.views.pages.account_texts import outcome_message, reasons
from kiosk.views.pages.base import Page, page_layout, page_title, scroll_area
from kiosk.views.pages.padlock import AccountVisit

if TYPE_CHECKING:
    from kiosk.services.account_outcomes import AccountActions
    from kiosk.services.citizen import CitizenIdentity, CitizenLogin
    from kiosk.views.context import ViewContext
    from kiosk.views.session import VisitorSession

VIEWS = ("ways", "login", "phone", "create", "forgotten", "sent", "why", "space")
EXPIRED = "expired"  # the ways in, saying the citizen's session ended (from the pages of the space)
_LOGGED_IN_SHOWS_SPACE = frozenset({"ways", "login", "phone", "create", "forgotten", "sent"})


class AccountPage(Page):
    """ "Mon espace": its views in a stack; ``view`` names the one on show."""

    def __init__(self, ctx: ViewContext, visitor: VisitorSession) -> None:
        super().__init__(ctx)
        self.visitor = visitor
        self.view = "ways"
        self._sent = "created"  # what the "sent" view confirms: "created" or "reset"
        self._said: dict[int, tuple[str, float]] = {}  # per form (its id): what its message says, to say it again
        self._expired = False  # the last session check found the citizen's session ended
        # Where to go once logged in, when the page was opened on the way there (a padlocked procedure, a wizard
        # whose session ended): kept while the citizen moves between the ways in, dropped on any other entry.
        self._then: tuple[Route, Any] | None = None
        self.stack = QStackedWidget()
        page_layout(self, margin=0, spacing=0).addWidget(scroll_area(self.stack))
        self.titles: dict[str, QLabel] = {}
        self.login_form = LoginForm()
        self.create_form = CreateForm()
        self.forgotten_form = ForgottenForm()
        self.phone_view = PhoneLoginView(self._account, self._signed_in, lambda: self._go("ways"))
        self._views: dict[str, QWidget] = {
            "ways": self._build_ways(),
            "login": self._form_view("login", self.login_form),
            "phone": self._form_view("phone", self.phone_view),
            "create": self._form_view("create", self.create_form),
            "forgotten": self._form_view("forgotten", self.forgotten_form),
            "sent": self._build_sent(),
            "why": self._build_why(),
            "space": self._build_space(),
        }
        for widget in self._views.values():
            self.stack.addWidget(widget)
        self.login_form.submitted.connect(self._log_in)
        self.create_form.submitted.connect(self._create)
        self.forgotten_form.submitted.connect(self._forgotten)
        self.login_form.forgotten_button.clicked.connect(lambda: self._go("forgotten"))
        # Central's rate limit on log-ins: « Me connecter » waits while it runs, whatever the page does meanwhile.
        self._unblock = QTimer(self)
        self._unblock.setSingleShot(True)
        self._unblock.timeout.connect(self._unblocked)
        visitor.citizen_changed.connect(self._on_citizen)  # bound methods: dropped with the page
        ctx.connection_changed.connect(self._on_connection)
        self.retranslate()

    # -- building ------------------------------------------------------------------------------------------

    def _view(self, key: str) -> tuple[QWidget, QVBoxLayout]:
        widget = QWidget()
        layout = page_layout(widget)
        title = page_title()
        self.titles[key] = title
        layout.addWidget(title)
        return widget, layout

    def _form_view(self, key: str, form: QWidget) -> QWidget:
        widget, layout = self._view(key)
        layout.addWidget(form)
        layout.addStretch(1)
        return widget

    def _build_ways(self) -> QWidget:
        widget, layout = self._view("ways")
        self.intro = text_label()
        self.notice = text_label("sectionTitle")  # offline, or not available here: information, not an error
        self.expired_notice = text_label("errorText")  # the session that ended on central
        self.phone_button = page_button()
        self.phone_button.clicked.connect(lambda: self._go("phone"))
        self.login_button = page_button(primary=True)
        self.create_button = page_button()
        self.why_button = page_button()
        self.procedures_button = page_button()
        self.login_button.clicked.connect(lambda: self._go("login"))
        self.create_button.clicked.connect(lambda: self._go("create"))
        self.why_button.clicked.connect(lambda: self._go("why"))
        self.procedures_button.clicked.connect(lambda: self.navigate_requested.emit(Route.DOMAINS, None))
        layout.addWidget(self.intro)
        layout.addWidget(self.expired_notice)
        layout.addWidget(self.notice)
        # The ways in, one under the other; a second way (the phone) first, as the one a public screen prefers.
        for button in (self.phone_button, self.login_button, self.create_button, self.why_button):
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.procedures_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return widget

    def _build_sent(self) -> QWidget:
        widget, layout = self._view("sent")
        self.sent_text = text_label()
        self.sent_button = page_button(primary=True)
        self.sent_button.clicked.connect(lambda: self._go("ways"))
        layout.addWidget(self.sent_text)
        layout.addWidget(self.sent_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return widget

    def _build_why(self) -> QWidget:
        widget, layout = self._view("why")
        self.reasons = [text_label() for _ in range(4)]
        for reason in self.reasons:
            layout.addWidget(reason)
        self.why_create_button = page_button(primary=True)
        self.why_create_button.clicked.connect(lambda: self._go("create"))
        layout.addWidget(self.why_create_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return widget

    def _build_space(self) -> QWidget:
        widget, layout = self._view("space")
        self.citizen_name = text_label("sectionTitle")
        self.citizen_email = text_label()
        self.leaving_text = text_label("muted")
        for label in (self.citizen_name, self.citizen_email, self.leaving_text):
            layout.addWidget(label)
        layout.addStretch(1)
        return widget

    # -- showing -------------------------------------------------------------------------------------------

    def enter(self, params: Any) -> None:
        super().enter(params)
        if isinstance(params, AccountVisit):
            self._then, params = params.then, params.view
        elif not self.returning:
            self._then = None
        view = str(params) if params in VIEWS else "ways"
        if not self.returning:
            for form in (self.login_form, self.create_form, self.forgotten_form):
                form.clear()
            self._said.clear()
            # "expired": a page of the space found the citizen's session ended on central (it said so to the
            # visitor's session): the ways in, saying why.
            self._expired = params == EXPIRED
            if self._unblock.isActive():  # left and back: the wait central asked for is not over
                self._block(self._unblock.remainingTime() / 1000)
        self.login_form.forget_password()
        self._show(view)

    def leave(self) -> None:
        self.login_form.forget_password()
        self.phone_view.stop()
        super().leave()

    def _go(self, view: str) -> None:
        self.navigate_requested.emit(Route.ACCOUNT, view if self._then is None else AccountVisit(view, self._then))

    def _logged_in(self) -> None:
        """The token was just received: back where the citizen was going, or their space."""
        then, self._then = self._then, None
        if then is None:
            self._show("space")  # on to « Mon tableau de bord »
        else:
            self.resume_requested.emit(*then)

    def _show(self, view: str) -> None:
        """Show ``view`` ("space": on the way to « Mon tableau de bord »)."""
        citizen = self.visitor.citizen
        if citizen is not None and view in _LOGGED_IN_SHOWS_SPACE:
            view = "space"
        if citizen is None and view == "space":
            view = "ways"
        if view != "ways":
            self._expired = False
        if view != "phone":
            self.phone_view.stop()  # « Annuler », or another view: no poll goes on
        elif not self.phone_view.running:
            self.phone_view.start()
        self.view = view
        self.stack.setCurrentWidget(self._views[view])
        self._refresh()
        if view == "space":
            # Logged in, « Mon espace » is « Mon tableau de bord », which asks central for the citizen's requests
            # (and so finds out whether the session still holds). Not from inside the navigator's own call.
            QTimer.singleShot(0, self, self._to_dashboard)
        form = {"login": self.login_form, "create": self.create_form, "forgotten": self.forgotten_form}.get(view)
        if form is not None:
            QTimer.singleShot(0, self, lambda: self._focus(form))

    def _to_dashboard(self) -> None:
        if self.view == "space" and self.isVisible() and self.visitor.citizen is not None:
            self.navigate_requested.emit(Route.DASHBOARD, None)

    def _focus(self, form: AccountForm) -> None:
        if form.isVisible() and form.inputs[0].edit.isEnabled():
            form.inputs[0].edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _account(self) -> AccountActions | None:
        services = self.ctx.services_if_up()
        return services.account if services is not None else None

    def _on_connection(self, _online: bool) -> None:
        self._refresh()

    def _on_citizen(self, citizen: CitizenIdentity | None) -> None:
        if citizen is None and self.view == "space":
            self._show("ways")
        else:
            self._refresh()

    def _refresh(self) -> None:
        """What depends on the connection, on the citizen and on the last form sent: the ways' notice, the "sent"
        view's text, the space's identity."""
        configured = not self.ctx.ready or self._account() is not None
        usable = configured and self.ctx.online
        for button in (self.phone_button, self.login_button, self.create_button):
            button.setEnabled(usable)
        expired = (
            self.tr("Votre session a expiré. Reconnectez-vous pour retrouver votre espace personnel.")
            if self._expired
            else ""
        )
        self.expired_notice.setText(expired)
        self.expired_notice.setAccessibleName(expired)
        self.expired_notice.setVisible(bool(expired))
        if not configured:
            notice = self.tr(
                "Les espaces personnels ne sont pas disponibles sur cette borne. Les démarches sans espace personnel "
                "restent possibles, et un agent d'accueil peut vous aider au guichet."
            )
        elif not usable:
            notice = self.tr(
                "La borne n'est pas reliée à la mairie pour le moment : impossible de se connecter ou de créer un "
                "espace personnel. Les démarches sans espace personnel restent possibles."
            )
        else:
            notice = ""
        self.notice.setText(notice)
        self.notice.setAccessibleName(notice)
        self.notice.setVisible(bool(notice))
        self.procedures_button.setVisible(bool(notice))
        self.sent_text.setText(  # what the last form sent
            self.tr(
                "Un courriel vous a été envoyé pour finaliser l'inscription (lien valable 2 jours). Ouvrez-le sur "
                "votre téléphone ou votre ordinateur pour choisir votre mot de passe, puis connectez-vous."
            )
            if self._sent == "created"
            else self.tr(
                "Si cette adresse correspond à un espace personnel, un courriel vous a été envoyé avec un lien pour "
                "choisir un nouveau mot de passe (valable 30 minutes)."
            )
        )
        citizen = self.visitor.citizen
        if citizen is not None:
            self.citizen_name.setText(f"{citizen.first_name} {citizen.last_name}")
            self.citizen_email.setText(self.tr("Adresse de courriel : %1").replace("%1", citizen.email))

    # -- asking central ------------------------------------------------------------------------------------

    def _log_in(self) -> None:
        form = self.login_form
        email, password = form.email.text(), form.password.text()
        form.forget_password()  # gone from the field at once: a second try starts from nothing
        form.send_button.setEnabled(False)
        self._say(form, "working")
        self.tasks.spawn(self._logging_in(email, password))

    async def _logging_in(self, email: str, password: str) -> None:
        form = self.login_form
        account = self._account()
        if account is None:
            form.send_button.setEnabled(True)
            self._say(form, "offline")
            return
        try:
            outcome = await account.log_in(email, password)
        finally:
            form.send_button.setEnabled(True)
        if outcome.result == "logged_in" and outcome.login is not None:
            self._said.pop(id(form), None)
            form.clear()
            self.visitor.sign_in(outcome.login)
            self._logged_in()
        elif outcome.result == "refused":
            self._say(form, "refused")
        elif outcome.result == "blocked":
            wait = max(1.0, outcome.retry_after)
            self._unblock.start(math.ceil(wait) * 1000)  # central's seconds, not the kiosk's (tests shorten those)
            self._block(wait)
        else:
            self._say(form, "offline")

    def _block(self, seconds: float) -> None:
        """« Me connecter » waits for central's rate limit (``_unblock`` runs), and the form says how long."""
        self.login_form.send_button.setEnabled(False)
        self._say(self.login_form, "blocked", seconds)

    def _unblocked(self) -> None:
        """Central's wait is over: « Me connecter » again, and no word left of a wait that has passed."""
        form = self.login_form
        form.send_button.setEnabled(True)
        said = self._said.get(id(form))
        if said is not None and said[0] == "blocked":
            self._said.pop(id(form))
            form.say("")

    def _signed_in(self, login: CitizenLogin) -> None:
        """Logged in from the phone: as with the password, the visitor's session holds the token."""
        self.visitor.sign_in(login)
        self._logged_in()

    def _create(self) -> None:
        form = self.create_form
        values = (form.email.text(), form.first_name.text(), form.last_name.text())
        self._send(form, "created", lambda account: account.create_account(*values))

    def _forgotten(self) -> None:
        email = self.forgotten_form.email.text()
        self._send(self.forgotten_form, "reset", lambda account: account.forgotten_password(email))

    def _send(self, form: AccountForm, kind: str, call: Any) -> None:
        form.send_button.setEnabled(False)
        self._say(form, "working")
        self.tasks.spawn(self._sending(form, kind, call))

    async def _sending(self, form: AccountForm, kind: str, call: Any) -> None:
        account = self._account()
        try:
            outcome = None if account is None else await call(account)
        finally:
            form.send_button.setEnabled(True)
        if outcome is not None and outcome.result == "accepted":
            self._said.pop(id(form), None)
            form.clear()
            self._sent = kind
            self._go("sent")
        elif outcome is not None and outcome.result == "invalid":
            self._say(form, "invalid")
        else:
            self._say(form, "offline")

    # -- texts ---------------------------------------------------------------------------------------------

    def _say(self, form: AccountForm, kind: str, seconds: float = 0.0) -> None:
        self._said[id(form)] = (kind, seconds)
        form.say(outcome_message(kind, seconds))

    def title(self) -> str:
        return self.tr("Mon espace")

    def retranslate(self) -> None:
        titles = {
            "ways": self.tr("Mon espace"),
            "login": self.tr("Me connecter sur la borne"),
            "phone": self.tr("Me connecter avec mon téléphone"),
            "create": self.tr("Créer mon espace"),
            "forgotten": self.tr("Mot de passe oublié ?"),
            "sent": self.tr("Un courriel vous a été envoyé"),
            "why": self.tr("Pourquoi se créer un espace personnel ?"),
            "space": self.tr("Mon espace"),
        }
        for key, text in titles.items():
            self.titles[key].setText(text)
            self.titles[key].setAccessibleName(text)
        self.intro.setText(
            self.tr(
                "Votre espace personnel réutilise vos coordonnées dans vos démarches et vous permet de suivre vos "
                "demandes. Comment voulez-vous vous connecter ?"
            )
        )
        self.phone_button.setText(self.tr("Me connecter avec mon téléphone"))
        self.login_button.setText(self.tr("Me connecter sur la borne"))
        self.create_button.setText(self.tr("Créer mon espace"))
        self.why_button.setText(self.tr("Pourquoi se créer un espace personnel ?"))
        self.procedures_button.setText(self.tr("Faire une démarche sans espace personnel"))
        for form in (self.login_form, self.create_form, self.forgotten_form):
            form.retranslate()
            for field in form.inputs:
                if field.error.isVisibleTo(form):
                    form.check(field)  # said again, in the new language
            said = self._said.get(id(form))
            if said is not None:
                form.say(outcome_message(*said))
        self.phone_view.retranslate()
        self.sent_button.setText(self.tr("Retour à Mon espace"))
        for label, text in zip(self.reasons, reasons(), strict=True):
            label.setText(f"• {text}")
        self.why_create_button.setText(self.tr("Créer mon espace"))
        self.leaving_text.setText(
            self.tr("En partant, touchez « Se déconnecter » en haut de l'écran : rien de votre espace ne reste ici.")
        )
        self._refresh()

    def help_text(self) -> str:
        return self.tr(
            "Connectez-vous avec votre téléphone (scannez le code QR, puis autorisez la borne) ou avec l'adresse de "
            "courriel et le mot de passe de votre espace personnel, ou créez votre espace : un courriel vous "
            "permettra de choisir votre mot de passe. Touchez « Se déconnecter » ou « Terminer » en partant."
        )
