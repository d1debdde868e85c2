"""« Mon profil » (route PROFILE, from « Mon tableau de bord »): what the logged-in citizen's space holds on central —
identity, postal address, contact means, the preferred channel — and their clé enfance: the family it links, or the
field to type it with how to obtain one. « Je modifie mon espace » opens the form (``ProfileForm``); « Enregistrer »
saves it on central.

The profile is asked of central each time the page opens, and held by this page only: the visitor's wipe destroys
the page, and the citizen leaving their space empties it at once. A session that ended on central leads back to
« Mon espace », which says why.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from kiosk.views.navigator import Route
from kiosk.views.pages.account_forms import text_label
from kiosk.views.pages.base import Page, page_title, scroll_area
from kiosk.views.pages.profile_form import ProfileForm
from kiosk.views.pages.profile_texts import channel_text, child_key_text, family_lines, identity_lines
from kiosk.views.plural import count_text
from kiosk.views.widgets.fields import LabelledInput

if TYPE_CHECKING:
    from kiosk.services.citizen import CitizenIdentity
    from kiosk.services.profile_outcomes import ProfileActions, ProfileOutcome
    from kiosk.views.context import ViewContext
    from kiosk.views.session import VisitorSession
    from sync.personal_space import Profile

FAMILY_PROCEDURE = "ma-famille"
KEY_MAX_CHARS = 20  # twelve letters and digits, with the dashes or spaces people type


class ProfilePage(Page):
    """« Mon profil » (the ``show`` view) and « Je modifie mon espace » (the ``edit`` view)."""

    def __init__(self, ctx: ViewContext, visitor: VisitorSession) -> None:
        super().__init__(ctx)
        self.visitor = visitor
        self.profile: Profile | None = None
        self.loading = False
        self._said = ""  # the status line's message, to say it again in another language
        self._key_said = ""
        self._blocked_seconds = 0
        self.stack = QStackedWidget()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.stack)

        content = QWidget()
        content.setMaximumWidth(1200)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(40, 20, 40, 40)
        layout.setSpacing(20)
        self._title = page_title()
        self.status = text_label("muted")
        self.identity = text_label()
        self.identity.setTextFormat(Qt.TextFormat.PlainText)
        self.edit_button = QPushButton()
        self.edit_button.setProperty("primary", True)
        self.edit_button.clicked.connect(self.open_form)
        self.key_title = text_label("sectionTitle")
        self.family = text_label()
        self.family.setTextFormat(Qt.TextFormat.PlainText)
        self.key_input = LabelledInput("child_key", "name", KEY_MAX_CHARS)
        self.key_input.edit.setMaximumWidth(520)
        self.key_input.edit.returnPressed.connect(self.send_key)
        self.key_input.edit.textEdited.connect(self._key_edited)
        self.key_button = QPushButton()
        self.key_button.setProperty("large", True)
        self.key_button.clicked.connect(self.send_key)
        self.how_title = text_label("sectionTitle")
        self.how_text = text_label()
        self.family_button = QPushButton()
        self.family_button.setProperty("large", True)
        self.family_button.clicked.connect(lambda: self.navigate_requested.emit(Route.PROCEDURE, FAMILY_PROCEDURE))
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_button)
        key_row.addStretch(1)
        family_row = QHBoxLayout()
        family_row.addWidget(self.family_button)
        family_row.addStretch(1)
        edit_row = QHBoxLayout()
        edit_row.addWidget(self.edit_button)
        edit_row.addStretch(1)
        widget: QWidget
        for widget in (self._title, self.status, self.identity):
            layout.addWidget(widget)
        layout.addLayout(edit_row)
        for widget in (self.key_title, self.family, self.key_input):
            layout.addWidget(widget)
        layout.addLayout(key_row)
        for widget in (self.how_title, self.how_text):
            layout.addWidget(widget)
        layout.addLayout(family_row)
        layout.addStretch(1)
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        row.addWidget(content, 100)
        row.addStretch(1)
        self.show_view = scroll_area(holder)
        self.stack.addWidget(self.show_view)
        self.form: ProfileForm | None = None
        self._unblock = QTimer(self)
        self._unblock.setSingleShot(True)
        self._unblock.timeout.connect(self._key_unblocked)
        visitor.citizen_changed.connect(self._on_citizen)  # bound: dropped with the page
        self.retranslate()

    # --- Page -----------------------------------------------------------------------------------------------

    def enter(self, params: Any) -> None:
        super().enter(params)
        if self.form is not None and self.returning:
            return  # back from elsewhere while editing: the form is where it was left
        self._close_form()
        self.key_input.clear()  # and its error line: a key is never left for whoever comes next
        self._key_said = "blocked" if self._unblock.isActive() else ""
        if self._key_said:
            self.say_key("blocked")  # left and back: the wait central asked for is not over
        self.tasks.spawn(self._load())

    def title(self) -> str:
        return self.tr("Mon profil")

    def help_text(self) -> str:
        return self.tr(
            "Votre profil remplit « Mes informations » de vos démarches. Touchez « Je modifie mon espace » pour "
            "changer votre adresse, vos téléphones ou la façon d'être contacté, puis « Enregistrer ». La clé "
            "enfance relie votre espace au dossier de vos enfants."
        )

    def retranslate(self) -> None:
        self._title.setText(self.tr("Mon profil"))
        self._title.setAccessibleName(self._title.text())
        self.edit_button.setText(self.tr("Je modifie mon espace"))
        self.key_title.setText(self.tr("Clé enfance"))
        self.key_input.set_texts(
            self.tr("Votre clé enfance"), self.tr("12 lettres et chiffres, par exemple K7QX-2M9P-4TRW")
        )
        self.key_input.edit.setPlaceholderText(self.tr("Par exemple : K7QX-2M9P-4TRW"))
        self.key_button.setText(self.tr("Valider la clé"))
        self.how_title.setText(self.tr("Comment l'obtenir ?"))
        self.how_text.setText(
            self.tr(
                "Si l'un de vos enfants est déjà inscrit à l'école, à la cantine ou à la crèche, votre clé enfance "
                "vous a été envoyée par courrier. Sinon, adressez-vous à la Direction de l'Éducation ou au service "
                "Petite enfance de la mairie, ou faites la démarche « Ma famille » : une fois votre dossier accepté, "
                "la clé est ajoutée à votre espace et vous est envoyée par courriel."
            )
        )
        self.family_button.setText(self.tr("Faire la démarche « Ma famille »"))
        if self.form is not None:
            self.form.retranslate()
        self._refresh()

    # --- Showing --------------------------------------------------------------------------------------------

    def _profiles(self) -> ProfileActions | None:
        services = self.ctx.services_if_up()
        return services.profile if services is not None else None

    async def _load(self) -> None:
        token = self.visitor.citizen_token()
        found = self._profiles()
        if token is None or found is None:
            self.profile = None
            self._said = "logged_out" if token is None else "unavailable"
            self._refresh()
            return
        self.loading, self._said = True, "loading"
        self._refresh()
        try:
            outcome = await found.load(token)
        finally:
            self.loading = False
        self._take(outcome, on_error="offline")

    def _take(self, outcome: ProfileOutcome, on_error: str) -> bool:
        """Show the profile of an ``ok`` outcome; whether it was one. A session ended leads to « Mon espace »."""
        if outcome.result == "expired":
            self.profile = None
            self.visitor.citizen_expired()  # the header follows its signal; « Mon espace » says why
            QTimer.singleShot(0, self, lambda: self.navigate_requested.emit(Route.ACCOUNT, "expired"))
            return False
        if outcome.result == "ok" and outcome.profile is not None:
            self.show_profile(outcome.profile)
            return True
        if outcome.result == "offline" or on_error == "offline":
            self._said = "offline"
        self._refresh()
        return False

    def _refresh(self) -> None:
        profile = self.profile
        status = self._status_text(self._said)
        self.status.setText(status)
        self.status.setVisible(bool(status))
        shown = profile is not None
        widget: QWidget
        for widget in (self.identity, self.edit_button, self.key_title):
            widget.setVisible(shown)
        family = None if profile is None else profile.family
        self.family.setVisible(family is not None)
        asking = shown and family is None
        for widget in (self.key_input, self.key_button, self.how_title, self.how_text, self.family_button):
            widget.setVisible(asking)
        if profile is None:
            self.identity.clear()
            self.family.clear()
            return
        lines = identity_lines(profile)
        lines.append(self.tr("Être contacté : %1").replace("%1", channel_text(profile.details.notify_by)))
        self.identity.setText("\n".join(lines))
        self.identity.setAccessibleName(self.identity.text())
        if family is not None:
            self.family.setText("\n".join([child_key_text(family.key_hint), *family_lines(family)]))
            self.family.setAccessibleName(self.family.text())
        if self._key_said:
            self.say_key(self._key_said)

    def show_profile(self, profile: Profile) -> None:
        """Show ``profile`` as central gave it (``kiosk shots`` stages one: the demo town has no central)."""
        self.profile, self._said = profile, ""
        self._refresh()

    def _status_text(self, kind: str) -> str:
        return {
            "": "",
            "loading": self.tr("Chargement de votre profil…"),
            "offline": self.tr(
                "Votre profil ne peut pas être affiché : la borne ne joint pas la mairie. Réessayez dans un moment."
            ),
            "logged_out": self.tr("Connectez-vous à votre espace personnel pour voir votre profil."),
            "unavailable": self.tr("Les espaces personnels ne sont pas disponibles sur cette borne."),
            "saved": self.tr("Votre profil est enregistré."),
        }.get(kind, "")

    def _on_citizen(self, citizen: CitizenIdentity | None) -> None:
        if citizen is None:
            # Nothing of the citizen's stays on screen, even before the wipe rebuilds the pages.
            self.profile = None
            self._close_form()
            self._said = "logged_out"
            self._refresh()

    # --- Editing --------------------------------------------------------------------------------------------

    def open_form(self) -> None:
        if self.profile is None:
            return
        self._close_form()
        self.form = ProfileForm(self.ctx, self.profile.details, self.tasks)
        self.form.save_requested.connect(self._save)
        self.form.cancelled.connect(self._close_form)
        self.stack.addWidget(self.form)
        self.stack.setCurrentWidget(self.form)

    def _close_form(self) -> None:
        form, self.form = self.form, None
        if form is not None:
            self.stack.removeWidget(form)
            form.deleteLater()  # what was typed goes with it
        self.stack.setCurrentWidget(self.show_view)

    def _save(self) -> None:
        form, token, found = self.form, self.visitor.citizen_token(), self._profiles()
        if form is None or form.busy:
            return
        if token is None or found is None:
            form.say("offline")
            return
        self.tasks.spawn(self._saving(form, found, token))

    async def _saving(self, form: ProfileForm, found: ProfileActions, token: str) -> None:
        form.set_busy(True)
        try:
            outcome = await found.save(token, form.answers)
        finally:
            # Unless the form was closed meanwhile: a log-out closes it (``_close_form``) while central answers.
            if shiboken6.isValid(form):
                form.set_busy(False)
        if outcome.result == "invalid":
            form.refused(outcome.field)
            return
        if self._take(outcome, on_error="keep"):
            self._said = "saved"
            self._close_form()
            self._refresh()
        elif outcome.result != "expired":
            form.say("offline")

    # --- The clé enfance ------------------------------------------------------------------------------------

    def send_key(self) -> None:
        token, found = self.visitor.citizen_token(), self._profiles()
        if not self.key_button.isEnabled() or token is None or found is None:
            return
        if not self.key_input.text():
            self.say_key("empty")
            return
        self.key_button.setEnabled(False)
        self.tasks.spawn(self._send_key(found, token, self.key_input.text()))

    async def _send_key(self, found: ProfileActions, token: str, typed: str) -> None:
        try:
            outcome = await found.add_child_key(token, typed)
        finally:
            self.key_button.setEnabled(not self._unblock.isActive())
        if outcome.result == "ok":
            self.key_input.clear()
            self._key_said = ""
            self.key_input.say("")
            self._take(outcome, on_error="keep")
            return
        if outcome.result == "expired":
            self._take(outcome, on_error="keep")
            return
        if outcome.result == "blocked":
            self._blocked_seconds = max(1, math.ceil(outcome.retry_after))
            self.key_button.setEnabled(False)
            self._unblock.start(int(self._blocked_seconds * 1000))
        kind = {"invalid": "malformed", "refused": outcome.reason}.get(outcome.result, outcome.result)
        self.say_key(kind)

    def _key_edited(self, _text: str) -> None:
        if self._key_said != "blocked":
            self._key_said = ""
            self.key_input.say("")

    def _key_unblocked(self) -> None:
        self.key_button.setEnabled(True)
        if self._key_said == "blocked":
            self._key_said = ""
            self.key_input.say("")

    def say_key(self, kind: str) -> None:
        self._key_said = kind
        texts = {
            "empty": self.tr("Tapez votre clé enfance : 12 lettres et chiffres."),
            "malformed": self.tr("Une clé enfance a 12 lettres et chiffres, par exemple K7QX-2M9P-4TRW. Vérifiez-la."),
            "child_key_unknown": self.tr(
                "Cette clé enfance n'est pas reconnue. Vérifiez les 12 caractères sur le courrier de la mairie."
            ),
            "child_key_taken": self.tr(
                "Cette clé enfance est déjà reliée à un autre espace personnel. Une clé est personnelle : "
                "adressez-vous à la Direction de l'Éducation."
            ),
            "family_linked": self.tr("Votre espace est déjà relié à une famille, avec une autre clé enfance."),
            "offline": self.tr(
                "La clé n'a pas pu être vérifiée : la borne ne joint pas la mairie. Réessayez plus tard."
            ),
        }
        if kind == "blocked":
            text = count_text(
                self._blocked_seconds,
                self.tr("Trop de clés erronées. Réessayez dans %1 seconde."),
                self.tr("Trop de clés erronées. Réessayez dans %1 secondes."),
            )
        else:
            text = texts.get(kind, texts["offline"])
        self.key_input.say(text)  # beside the field, as every field's error
