"""Mon rendez-vous: pick a day, then a time. Only free slots are offered."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.views.answers import format_slot, format_time
from kiosk.views.layouts import clear_layout
from kiosk.views.pages.base import scroll_area

if TYPE_CHECKING:
    from kiosk.models.dto import Slot
    from kiosk.services.drafts import DraftState
    from kiosk.views.context import ViewContext
    from kiosk.views.tasks import TaskOwner

DAYS_SHOWN = 10


class AppointmentStep(QWidget):
    """Days as big buttons, then the free times of the chosen day. An optional appointment can be declined.

    Signals:
        changed(): the chosen slot changed.
    """

    changed = Signal()

    def __init__(self, ctx: ViewContext, state: DraftState, tasks: TaskOwner) -> None:
        super().__init__()
        self.ctx = ctx
        self.state = state
        # The wizard page's tasks: leaving it, abandoning or the end of the session cancel the slot search too.
        self.tasks = tasks
        self._slots: list[Slot] = []
        self._day: dt.date | None = (
            state.appointment.starts_at.astimezone(self.ctx.settings.zone).date() if state.appointment else None
        )
        self._declined = False
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(40, 16, 40, 40)
        column.setSpacing(24)
        # No heading: the wizard's progress names the step ("Mon rendez-vous") once, above.
        self._intro = QLabel()
        self._intro.setWordWrap(True)
        self._chosen = QLabel()
        self._chosen.setObjectName("sectionTitle")
        self._chosen.setWordWrap(True)
        self.decline_button = QPushButton()
        self.decline_button.setCheckable(True)
        self.decline_button.setObjectName("slot")
        self.decline_button.toggled.connect(self._on_decline)
        self._days_label = QLabel()
        self._days_label.setObjectName("sectionTitle")
        self._days = QGridLayout()
        self._days.setSpacing(12)
        self._times_label = QLabel()
        self._times_label.setObjectName("sectionTitle")
        self._times = QGridLayout()
        self._times.setSpacing(12)
        self._day_group = QButtonGroup(self)
        self._time_group = QButtonGroup(self)
        self._status = QLabel()
        self._status.setObjectName("muted")
        for widget in (self._intro, self._chosen, self.decline_button, self._status, self._days_label):
            column.addWidget(widget)
        column.addLayout(self._days)
        column.addWidget(self._times_label)
        column.addLayout(self._times)
        column.addStretch(1)
        self.decline_button.setVisible(state.detail.definition.appointment == "optional")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll_area(content))
        self.retranslate()
        self.tasks.spawn(self._load())

    async def _load(self) -> None:
        self._say(self.tr("Recherche des créneaux libres…"))
        services = await self.ctx.services()
        self._slots = await services.slots.available()
        none = self.tr("Aucun créneau libre pour le moment : l'accueil vous en proposera un.")
        self._say("" if self._slots else none)
        self._build_days()

    def _say(self, text: str, error: bool = False) -> None:
        """The status line, shown only when it says something (empty, it would leave a gap above the days)."""
        self._status.setText(text)
        self._status.setObjectName("errorText" if error else "muted")
        self._status.style().polish(self._status)
        self._status.setVisible(bool(text))

    def _days_available(self) -> list[dt.date]:
        days: list[dt.date] = []
        for slot in self._slots:
            day = slot.starts_at.astimezone(self.ctx.settings.zone).date()
            if day not in days:
                days.append(day)
        return days[:DAYS_SHOWN]

    def _build_days(self) -> None:
        _clear(self._days, self._day_group)
        locale = QLocale(QLocale.Language.English if self.ctx.language == "en" else QLocale.Language.French)
        for index, day in enumerate(self._days_available()):
            button = QPushButton(locale.toString(QDate(day.year, day.month, day.day), "ddd d MMM"))
            button.setObjectName("day")
            button.setCheckable(True)
            button.setMinimumSize(180, 64)
            button.setAccessibleName(locale.toString(QDate(day.year, day.month, day.day), "dddd d MMMM"))
            button.clicked.connect(lambda _=False, d=day: self._choose_day(d))
            self._day_group.addButton(button)
            self._days.addWidget(button, index // 5, index % 5)
            if day == self._day:
                button.setChecked(True)
        if self._day is not None:
            self._build_times()

    def _choose_day(self, day: dt.date) -> None:
        self._day = day
        self._build_times()

    def _build_times(self) -> None:
        _clear(self._times, self._time_group)
        slots = [s for s in self._slots if s.starts_at.astimezone(self.ctx.settings.zone).date() == self._day]
        for index, slot in enumerate(slots):
            button = QPushButton(format_time(slot.starts_at, self.ctx.language, self.ctx.settings.zone))
            button.setObjectName("slot")
            button.setCheckable(True)
            button.setMinimumSize(130, 64)
            button.setAccessibleName(format_slot(slot, self.ctx.language, self.ctx.settings.zone))
            button.clicked.connect(lambda _=False, s=slot: self._choose(s))
            self._time_group.addButton(button)
            self._times.addWidget(button, index // 6, index % 6)
            if self.state.appointment is not None and self.state.appointment.id == slot.id:
                button.setChecked(True)
        self.retranslate()

    def slots(self) -> list[Slot]:
        """The free slots offered (empty until they are loaded: await ``tasks.idle()``)."""
        return list(self._slots)

    def choose(self, slot: Slot) -> None:
        """Pick ``slot``, as tapping its day then its time does."""
        day = slot.starts_at.astimezone(self.ctx.settings.zone).date()
        if day != self._day:
            self._day = day
            self._build_days()
        self._choose(slot)
        for button in self._time_group.buttons():
            button.setChecked(button.accessibleName() == format_slot(slot, self.ctx.language, self.ctx.settings.zone))

    def _choose(self, slot: Slot) -> None:
        self.state.appointment = slot
        self.decline_button.setChecked(False)
        self.retranslate()
        self.changed.emit()

    def _on_decline(self, declined: bool) -> None:
        self._declined = declined
        if declined:
            self.state.appointment = None
            checked = self._time_group.checkedButton()
            if checked is not None:
                self._time_group.setExclusive(False)
                checked.setChecked(False)
                self._time_group.setExclusive(True)
        self.retranslate()
        self.changed.emit()

    def problems(self) -> dict[str, str]:
        required = self.state.detail.definition.appointment == "required"
        if self.state.appointment is None and (required or not self._declined):
            return {"appointment": self.tr("Choisissez un jour puis une heure de rendez-vous.")}
        return {}

    def is_complete(self) -> bool:
        return not self.problems()

    def show_problems(self) -> None:
        problems = self.problems()
        self._say(problems.get("appointment", ""), error=bool(problems))

    def title(self) -> str:
        return self.tr("Mon rendez-vous")

    def retranslate(self) -> None:
        required = self.state.detail.definition.appointment == "required"
        self._intro.setText(
            self.tr("Cette démarche se termine par un rendez-vous en mairie. Choisissez un jour puis une heure.")
            if required
            else self.tr("Vous pouvez prendre un rendez-vous en mairie, ou continuer sans rendez-vous.")
        )
        self.decline_button.setText(self.tr("Je ne souhaite pas de rendez-vous"))
        self._days_label.setText(self.tr("Jour"))
        self._times_label.setText(self.tr("Heure"))
        self._times_label.setVisible(self._day is not None)
        slot = self.state.appointment
        self._chosen.setText(
            QCoreApplication.translate("AppointmentStep", "Rendez-vous choisi : %1").replace(
                "%1", format_slot(slot, self.ctx.language, self.ctx.settings.zone)
            )
            if slot is not None
            else ""
        )
        self._chosen.setVisible(slot is not None)


def _clear(grid: QGridLayout, group: QButtonGroup) -> None:
    for button in group.buttons():
        group.removeButton(button)
    clear_layout(grid)
