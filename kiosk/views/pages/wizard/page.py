"""The procedure wizard: Mon rendez-vous (when the procedure has one), Mes informations, Ma demande (one page
per step of the procedure), Le récapitulatif, then "Valider". The draft survives going back and forth; the
confirmation appears only once the request, its files and its outbox row are committed together."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Protocol

import shiboken6
from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from kiosk.services.drafts import DraftState, contact_problems, requester_step, to_draft
from kiosk.services.profile_answers import relative_prefill, requester_prefill
from kiosk.services.requests import SubmissionFailed
from kiosk.views.navigator import Route
from kiosk.views.pages.base import Page
from kiosk.views.pages.for_whom import procedure_params, procedure_slug, relative_of
from kiosk.views.pages.padlock import padlock_overlay, quota_reached_overlay, session_ended_overlay
from kiosk.views.pages.procedure import procedure_help_overlay
from kiosk.views.pages.wizard.appointment_step import AppointmentStep
from kiosk.views.pages.wizard.form_step import FormStep
from kiosk.views.pages.wizard.summary_step import SummaryStep
from kiosk.views.painted import AfterPaint
from kiosk.views.widgets.overlay import Overlay
from kiosk.views.widgets.progress import StepProgress

if TYPE_CHECKING:
    from kiosk.models.dto import AnswerValue, SubmittedRequest
    from kiosk.services.citizen import CitizenIdentity
    from kiosk.views.context import ViewContext
    from kiosk.views.pages.for_whom import ProcedureFor, Relative
    from kiosk.views.session import VisitorSession

log = logging.getLogger(__name__)
APPOINTMENT, REQUESTER, SUMMARY = "appointment", "requester", "summary"
NAV_SPACING = 16  # px between the bar's buttons (all four fit a portrait screen in high contrast)


class StepView(Protocol):
    def problems(self) -> dict[str, str]: ...
    def is_complete(self) -> bool: ...
    def show_problems(self) -> None: ...
    def title(self) -> str: ...
    def retranslate(self) -> None: ...


class _SameWidth(QWidget):
    """Two buttons side by side, of one size whatever their texts: the larger one's ("Précédent", "Suivant")."""

    def __init__(self, first: QPushButton, second: QPushButton, spacing: int) -> None:
        super().__init__()
        self._buttons = (first, second)
        self._spacing = spacing
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(spacing)
        row.addWidget(first, 1)  # equal stretches share an equal room equally
        row.addWidget(second, 1)

    def sizeHint(self) -> QSize:
        hints = [b.sizeHint() for b in self._buttons if not b.isHidden()]
        if not hints:
            return QSize(0, 0)
        width = max(h.width() for h in hints)
        return QSize(width * len(hints) + self._spacing * (len(hints) - 1), max(h.height() for h in hints))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()


class WizardPage(Page):
    """Fills one procedure (route parameter: its slug, or a ``ProcedureFor`` when the citizen makes it for a member
    of their family).

    Signals:
        submitted(object): the SubmittedRequest, once it is stored on the kiosk.
        busy_changed(bool): storing the request began or ended; leaving the screen meanwhile would hide the
            tracking code of a request that is stored anyway, so the window locks its header.
    """

    submitted = Signal(object)
    busy_changed = Signal(bool)

    def __init__(self, ctx: ViewContext, visitor: VisitorSession) -> None:
        super().__init__(ctx)
        self.visitor = visitor  # the logged-in citizen, if any: their quota, their session
        self.state: DraftState | None = None
        self._views: dict[str, QWidget] = {}
        self._key = ""
        self._submitting = False
        # The e-mail of the citizen whose profile « Mes informations » was prefilled from (None: not prefilled).
        self._prefilled_for: str | None = None
        # The member of the citizen's family the draft is for (None: the one filling it); from the route parameter.
        self._relative: Relative | None = None
        visitor.citizen_changed.connect(self._on_citizen)  # bound: dropped with the page

        self.progress = StepProgress()
        self.help_button = QPushButton()
        self.help_button.clicked.connect(self._show_help)
        top = QHBoxLayout()
        top.setContentsMargins(40, 12, 40, 0)
        top.setSpacing(16)
        top.addWidget(self.progress, 1)
        top.addWidget(self.help_button)
        self.stack = QStackedWidget()
        self.status = QLabel()
        self.status.setObjectName("muted")
        self.status.setWordWrap(True)

        bar = QWidget()
        bar.setObjectName("wizardBar")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.abandon_button = QPushButton()
        self.abandon_button.clicked.connect(self._confirm_abandon)
        self.missing_button = QPushButton()
        self.missing_button.clicked.connect(self._show_problems)
        # The one way back in the wizard (the header's "Retour" is hidden here), as large as "Suivant" beside it.
        self.previous_button = QPushButton()
        self.previous_button.setProperty("large", True)
        self.previous_button.clicked.connect(self._previous)
        self.next_button = QPushButton()
        self.next_button.setProperty("primary", True)
        self.next_button.clicked.connect(self._next)
        row = QHBoxLayout(bar)
        row.setContentsMargins(40, 16, 40, 16)
        row.setSpacing(NAV_SPACING)
        row.addWidget(self.abandon_button)
        row.addStretch(1)
        row.addWidget(self.missing_button)
        row.addWidget(_SameWidth(self.previous_button, self.next_button, NAV_SPACING))

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        # The step's name is written once, in the progress at the top; the steps' pages do not repeat it.
        column.addLayout(top)
        column.addWidget(self.status)
        column.addWidget(self.stack, 1)
        column.addWidget(bar)
        self.retranslate()

    # -- lifecycle ---------------------------------------------------------------------------------------

    def enter(self, params: Any) -> None:
        super().enter(params)
        slug, relative = procedure_slug(params), relative_of(params)
        if self.state is not None and self.state.slug == slug and self._relative == relative:
            self.go(self._key)  # back from "La démarche" or elsewhere: the draft is where it was left
            return
        self.discard()
        self._relative = relative
        self.status.setText(self.tr("Chargement de la démarche…"))
        self.tasks.spawn(self._start(slug))

    async def _start(self, slug: str) -> None:
        catalogue = await self.ctx.catalogue()
        detail = await catalogue.procedure(slug)
        if detail is None:
            self.status.setText(self.tr("Cette démarche n'est plus disponible."))
            return
        # The definition is pinned here: a catalogue update while the visitor fills it changes nothing.
        state = DraftState(detail)
        identity = self.visitor.citizen
        prefill = await self._prefill()
        state.requester.update(prefill)
        self._prefilled_for = identity.email if prefill and identity is not None else None
        self.status.setText("")
        self.state = state
        self.go(self._keys()[0])

    async def _prefill(self) -> dict[str, AnswerValue]:
        """« Mes informations » of the logged-in citizen: from their profile on central (the network worker asks
        it), or the identity of their log-in when it cannot be read; for a member of their family, the member's
        names with the citizen's address and contact means. A copy for this request: editing it changes nothing of
        the profile, and it dies with the draft."""
        identity, token = self.visitor.citizen, self.visitor.citizen_token()
        if identity is None or token is None:
            return {}
        relative = self._relative
        services = await self.ctx.services()
        outcome = None if services.profile is None else await services.profile.load(token)
        profile = None if outcome is None else outcome.profile
        prefill = requester_prefill(profile, identity)
        if relative is None:
            return prefill
        # A member of another citizen's family (the route kept across « Me reconnecter » with another space) is not
        # this one's: their own details instead. Profile unread: the family the dashboard just read is trusted.
        family = profile.family if profile is not None else None
        members = {(m.first_name, m.last_name) for m in family.members} if family is not None else set()
        if profile is not None and (relative.first_name, relative.last_name) not in members:
            return prefill
        return relative_prefill(prefill, relative.first_name, relative.last_name)

    def _on_citizen(self, identity: CitizenIdentity | None) -> None:
        """Another citizen logged in while a draft prefilled for the previous one waits (« Me reconnecter » with
        another space): nothing of the previous one's « Mes informations » stays; the new one's profile fills them.
        A log-out alone keeps them: the same citizen logging in again finds what they typed."""
        state = self.state
        if identity is None or state is None or self._prefilled_for in {None, identity.email}:
            return
        state.requester.clear()
        self._prefilled_for = None
        self._rebuild_requester()
        self.tasks.spawn(self._prefill_again(state, identity))

    async def _prefill_again(self, state: DraftState, identity: CitizenIdentity) -> None:
        prefill = await self._prefill()
        if state is not self.state or self.visitor.citizen != identity:
            return  # abandoned, or yet another log-in meanwhile (which prefills for itself)
        state.requester.update(prefill)
        self._prefilled_for = identity.email if prefill else None
        self._rebuild_requester()

    def _rebuild_requester(self) -> None:
        """Rebuild « Mes informations » from the draft (its editors show what it holds), and the summary on show."""
        view = self._views.pop(REQUESTER, None)
        if view is not None:
            self.stack.removeWidget(view)
            view.deleteLater()
        if self._key in {REQUESTER, SUMMARY}:
            self.go(self._key)

    def has_own_back_button(self) -> bool:
        return True  # "Précédent", beside "Suivant"; on the first step it goes back to "La démarche"

    def discard(self) -> None:
        """Forget the draft and destroy its pages (abandon, submission, or the end of the session)."""
        self.tasks.cancel_all(but_current=True)  # a slot list or a file check of the old draft
        self.state = None
        for view in self._views.values():
            self.stack.removeWidget(view)
            view.deleteLater()
        self._views.clear()
        self._key = ""
        self._update_buttons()

    # -- steps -------------------------------------------------------------------------------------------

    def _keys(self) -> list[str]:
        assert self.state is not None
        keys = [APPOINTMENT] if self.state.detail.definition.appointment != "none" else []
        keys.append(REQUESTER)
        keys += [f"step:{step.id}" for step in self.state.visible_steps()]
        keys.append(SUMMARY)
        return keys

    def view(self, key: str) -> QWidget:
        """The page of step ``key``, built on first visit and kept while the draft lives."""
        assert self.state is not None
        existing = self._views.get(key)
        if existing is not None:
            return existing
        state = self.state
        view: QWidget
        if key == APPOINTMENT:
            appointment = AppointmentStep(self.ctx, state, self.tasks)
            appointment.changed.connect(self._update_buttons)
            view = appointment
        elif key == REQUESTER:
            form = FormStep(
                self.ctx, requester_step(), state.requester, {}, contact_problems, tasks=self.tasks, heading=False
            )
            form.changed.connect(self._update_buttons)
            view = form
        elif key == SUMMARY:
            summary = SummaryStep(self.ctx, state)
            summary.edit_requested.connect(self.go)
            view = summary
        else:
            step = next(s for s in state.detail.definition.steps if f"step:{s.id}" == key)
            form = FormStep(
                self.ctx, step, state.answers, state.documents, procedure=state.detail.definition, tasks=self.tasks
            )
            form.changed.connect(self._update_buttons)
            view = form
        self._views[key] = view
        self.stack.addWidget(view)
        return view

    def current_view(self) -> StepView | None:
        view = self._views.get(self._key)
        return view  # type: ignore[return-value]

    def go(self, key: str) -> None:
        if self.state is None:
            return
        if key not in self._keys():
            key = self._keys()[0]
        focused = self.focusWidget()
        if focused is not None:
            focused.clearFocus()  # the keyboard goes away with the field it served
        self._key = key
        view = self.view(key)
        if isinstance(view, SummaryStep):
            view.refresh()
        self.stack.setCurrentWidget(view)
        self._update_buttons()
        # The next step's page is built while the visitor reads this one, so "Suivant" only has to show it:
        # once this one is on the screen and settled (built before, it would hold this step back as long).
        AfterPaint(view, lambda: QTimer.singleShot(self.PREPARE_AFTER_MS, self, self._prepare_next))

    PREPARE_AFTER_MS = 100  # after the step's first paint: what follows it (focus, keyboard) is drawn first

    def _prepare_next(self) -> None:
        if self.state is None or self._key not in (keys := self._keys()):
            return
        index = keys.index(self._key)
        if index + 1 < len(keys):
            # Styled now too: the first show of a page otherwise polishes each of its widgets on the tap.
            self.view(keys[index + 1]).ensurePolished()

    def _step_names(self) -> tuple[list[str], int]:
        """The guide's step names, and the index of the current one (several procedure pages are one step)."""
        names = [self.tr("La démarche")]
        keys = self._keys() if self.state is not None else []
        if APPOINTMENT in keys:
            names.append(self.tr("Mon rendez-vous"))
        names += [self.tr("Mes informations"), self.tr("Ma demande"), self.tr("Le récapitulatif")]
        own = [k for k in keys if k.startswith("step:")]
        if self._key.startswith("step:") and len(own) > 1:
            position = f"{own.index(self._key) + 1}/{len(own)}"
            names[-2] = self.tr("Ma demande (%1)").replace("%1", position)
        current = {
            APPOINTMENT: 1,
            REQUESTER: names.index(self.tr("Mes informations")),
            SUMMARY: len(names) - 1,
        }.get(self._key, len(names) - 2)
        return names, current

    def _update_buttons(self) -> None:
        view = self.current_view()
        ready = self.state is not None and view is not None
        for button in (self.abandon_button, self.previous_button, self.next_button, self.help_button):
            button.setEnabled(ready and not self._submitting)
        if not ready or view is None:
            self.missing_button.hide()
            return
        complete = view.is_complete()
        self.next_button.setEnabled(complete and not self._submitting)
        self.missing_button.setVisible(not complete)
        self.next_button.setText(self.tr("Valider") if self._key == SUMMARY else self.tr("Suivant"))
        self.next_button.setAccessibleName(
            self.tr("Valider ma demande") if self._key == SUMMARY else self.tr("Étape suivante")
        )
        names, current = self._step_names()
        self.progress.set_steps(names, current)

    def _next(self) -> None:
        view = self.current_view()
        if view is None or self.state is None:
            return
        if not view.is_complete():
            view.show_problems()
            return
        if self._key == SUMMARY:
            self._start_submit()
            return
        keys = self._keys()
        self.go(keys[keys.index(self._key) + 1])

    def _previous(self) -> None:
        if self.state is None:
            return
        keys = self._keys()
        index = keys.index(self._key)
        if index == 0:
            self.back_requested.emit()  # to "La démarche"; the draft waits here
        else:
            self.go(keys[index - 1])

    def _show_problems(self) -> None:
        view = self.current_view()
        if view is not None:
            view.show_problems()

    # -- submission --------------------------------------------------------------------------------------

    def _start_submit(self) -> None:
        # Marked busy before the task even starts: a second tap on "Valider" finds the button already off.
        if self._submitting or self.state is None:
            return
        self._set_submitting(True)
        self.tasks.spawn(self._submit())

    def _set_submitting(self, busy: bool) -> None:
        self._submitting = busy
        self.status.setText(self.tr("Enregistrement de votre demande…") if busy else "")
        self._update_buttons()
        self.busy_changed.emit(busy)

    async def _submit(self) -> None:
        assert self.state is not None
        try:
            if not await self._may_store():
                return
            draft = to_draft(self.state)
            services = await self.ctx.services()
            # Logged in: the request is made in the citizen's space (its attach op queued with its submit).
            result: SubmittedRequest = await services.requests.submit(draft, self.visitor.citizen_attach_grant())
        except Exception as exc:
            # SubmissionFailed (a full disk…) or anything unforeseen: the visitor is told, the draft stays.
            if not isinstance(exc, SubmissionFailed):
                log.error("unexpected %s while storing a request; the draft stays on screen", type(exc).__name__)
            self._show_failure()
            return
        finally:
            # In every outcome, a cancellation too (the session wiped during a slow store), unless the wipe has
            # already destroyed this page (the window unlocks its header itself then).
            if shiboken6.isValid(self):
                self._set_submitting(False)
        self.discard()
        self.submitted.emit(result)
        self.navigate_requested.emit(Route.CONFIRMATION, result)

    async def _may_store(self) -> bool:
        """What the personal space asks before the request is stored; when it says no, an overlay says why, nothing
        is stored and the draft stays. A padlocked procedure needs a citizen logged in (they may have logged out, or
        their session ended, since it started); a quota is counted again by central, since the citizen may have made
        a request elsewhere meanwhile (that call also tells a session that ended; without a quota, the session is
        asked alone). Central not answering: stored, as for anyone (it counts at attach)."""
        assert self.state is not None
        slug, definition = self.state.slug, self.state.detail.definition
        token = self.visitor.citizen_token()
        if token is not None and definition.quota is not None:
            services = await self.ctx.services()
            check = None if services.quotas is None else await services.quotas.check(token, slug)
            if not shiboken6.isValid(self):
                return False  # the session was wiped meanwhile
            if check is not None and check.result == "reached" and check.state is not None:
                quota_reached_overlay(self.window(), check.state, self.ctx.language, self.ctx.settings.zone).open()
                return False
            if check is not None and check.result == "expired":
                self.citizen_session_ended()
                return False
        elif token is not None and definition.access == "personal_space":
            # No quota to count, but a padlocked procedure is made in a space whose session must still hold (a
            # password reset elsewhere ends it): asked like the quota, and let through when central does not answer.
            services = await self.ctx.services()
            session = None if services.account is None else await services.account.check(token)
            if not shiboken6.isValid(self):
                return False
            if session == "expired":
                self.citizen_session_ended()
                return False
        if definition.access == "personal_space" and self.visitor.citizen is None:
            padlock_overlay(self.window(), (Route.WIZARD, self._params(slug)), self.navigate_requested.emit).open()
            return False
        return True

    def _params(self, slug: str) -> str | ProcedureFor:
        """The route parameter that shows this draft again (for the same person)."""
        return procedure_params(slug, self._relative)

    def citizen_session_ended(self) -> None:
        """Central answered ``session_invalid`` to a call made for this wizard: the citizen is anonymous again, the
        draft stays, and « Me reconnecter » leads to the log-in and back here, where the draft was left."""
        self.visitor.citizen_expired()
        if self.state is not None:
            then = (Route.WIZARD, self._params(self.state.slug))
            session_ended_overlay(self.window(), then, self.navigate_requested.emit).open()

    def _show_failure(self) -> None:
        overlay = Overlay(
            self.window(),
            self.tr("Votre demande n'a pas pu être enregistrée"),
            self.tr(
                "La borne n'a pas pu enregistrer votre demande (mémoire pleine ou erreur). Rien n'a été "
                "enregistré et vos informations sont toujours à l'écran : vous pouvez réessayer, ou demander "
                "de l'aide à l'accueil."
            ),
        )
        overlay.add_button(self.tr("Fermer"), "close")
        overlay.add_button(self.tr("Réessayer"), "retry", primary=True)
        overlay.finished.connect(lambda role: self._start_submit() if role == "retry" else None)
        overlay.open()

    # -- overlays ----------------------------------------------------------------------------------------

    def _confirm_abandon(self) -> None:
        overlay = Overlay(
            self.window(),
            self.tr("Abandonner cette démarche ?"),
            self.tr("Ce que vous avez saisi sera effacé et rien ne sera envoyé à la mairie."),
        )
        # The safe answer is the large one: a hurried tap must not erase the visitor's work.
        overlay.add_button(self.tr("Oui, abandonner"), "abandon")
        overlay.add_button(self.tr("Non, continuer"), "continue", primary=True)
        overlay.finished.connect(self._on_abandon_answer)
        overlay.open()

    def _on_abandon_answer(self, role: str) -> None:
        if role == "abandon":
            self.discard()
            self.navigate_requested.emit(Route.HOME, None)

    def _show_help(self) -> None:
        if self.state is not None:
            procedure_help_overlay(self.window(), self.state.detail, self.ctx.language).open()

    # -- texts -------------------------------------------------------------------------------------------

    def title(self) -> str:
        if self.state is not None:
            return self.state.detail.definition.title.get(self.ctx.language)
        return self.tr("Saisie de la démarche")

    def help_text(self) -> str:
        return self.tr(
            "Remplissez chaque étape puis touchez « Suivant ». S'il manque quelque chose, « Voir ce qui manque » "
            "l'indique à côté du champ. « Précédent » revient en arrière sans rien perdre. Au récapitulatif, "
            "vérifiez puis touchez « Valider »."
        )

    def retranslate(self) -> None:
        self.help_button.setText(self.tr("Aide à la saisie"))
        self.abandon_button.setText(self.tr("Abandonner"))
        self.missing_button.setText(self.tr("Voir ce qui manque"))
        self.previous_button.setText(self.tr("Précédent"))
        for view in self._views.values():
            view.retranslate()  # type: ignore[attr-defined]
        self._update_buttons()
