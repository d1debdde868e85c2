"""The public terminal's idle timer: any touch, key or mouse event restarts it; before it ends the session,
a warning counts down and a large "Continuer" gives the visitor more time, any number of times.

A person's input reaches the kiosk through its window (the platform delivers touches, clicks and keys to the
native window, which hands them to the widget underneath): the guard watches that window only. An application-wide
event filter would see every event of every widget (paints, layouts, polish: thousands for a screen change), each
one a call into Python: it made every screen change a quarter slower.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication, QWidget

# Events that mean a person is there. Paint, timers and focus changes do not.
_ACTIVITY = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.KeyPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
    }
)


class IdleGuard(QObject):
    """Watches the kiosk's window for a person's activity.

    After ``timeout_s - warning_s`` seconds without activity it asks for a warning; ``warning_s`` seconds
    later, unless ``extend()`` was called, the session has expired. Seconds are the kiosk's: each lasts
    ``second_ms`` milliseconds (``Settings.second_ms``, 1000 at the counter), so that a test shortens every
    timer at once and waits on these signals rather than on the clock.

    Signals:
        warning_started(int): seconds left before the session ends; the window shows the warning.
        countdown(int): seconds left, every second while the warning shows.
        expired(): the visitor has gone; the window wipes the session.
    """

    warning_started = Signal(int)
    countdown = Signal(int)
    expired = Signal()

    def __init__(self, timeout_s: int, warning_s: int, second_ms: int = 1000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._warning_s = max(1, warning_s)
        self._left = 0
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(max(0, timeout_s - warning_s) * second_ms)
        self._quiet.timeout.connect(self._start_warning)
        self._tick = QTimer(self)
        self._tick.setInterval(second_ms)
        self._tick.timeout.connect(self._on_tick)
        self._enabled = False
        self._watched: QObject | None = None

    @property
    def watching(self) -> bool:
        """Whether activity is being watched (and the session will end after a silence)."""
        return self._enabled

    @property
    def warning(self) -> bool:
        return self._tick.isActive()

    def start(self, window: QWidget) -> None:
        """Watch for activity in ``window`` from now on. Once shown it has a native window, which receives the
        input; before that, the whole application is watched instead (slower, never blind)."""
        if not self._enabled:
            handle: QWindow | None = window.windowHandle()
            self._watched = handle if handle is not None else QApplication.instance()
            if self._watched is not None:
                self._watched.installEventFilter(self)
            self._enabled = True
        self.extend()

    def stop(self) -> None:
        if self._watched is not None:
            self._watched.removeEventFilter(self)
            self._watched = None
        self._enabled = False
        self._quiet.stop()
        self._tick.stop()

    def remaining_ms(self) -> int:
        """Milliseconds of quiet left before the warning; -1 when not counting (stopped, or warning already)."""
        return self._quiet.remainingTime()

    def extend(self) -> None:
        """The visitor is here: end any warning and start counting again (if watching at all)."""
        self._tick.stop()
        if self._enabled:
            self._quiet.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # During the warning only "Continuer" extends: a stray touch must not hide the question unanswered.
        if event.type() in _ACTIVITY and not self.warning:
            self._quiet.start()
        return False

    def _start_warning(self) -> None:
        self._left = self._warning_s
        self._tick.start()
        self.warning_started.emit(self._left)

    def _on_tick(self) -> None:
        self._left -= 1
        if self._left > 0:
            self.countdown.emit(self._left)
            return
        self._tick.stop()
        self.expired.emit()
