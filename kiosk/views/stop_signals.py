"""SIGTERM (systemd, an operator's ``kill``) and SIGINT (Ctrl+C in a terminal) end the kiosk cleanly: the
kiosk's main coroutine is told to stop, the services close their database, the process exits 0.

Python runs a signal handler only when the interpreter runs, and Qt's event loop may sleep in C++ for a long
time: the signal is also written to a socket that Qt watches, which wakes the loop at once.
"""

from __future__ import annotations

import logging
import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class StopOnSignals(QObject):
    """Calls ``stop`` on SIGTERM or SIGINT. Keep a reference for as long as the kiosk runs; ``close`` gives the
    signals back."""

    def __init__(self, app: QApplication, stop: Callable[[], None]) -> None:
        super().__init__(app)
        self._stop = stop
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self._previous = {sig: signal.signal(sig, self._on_signal) for sig in STOP_SIGNALS}

    def _on_signal(self, number: int, _frame: object) -> None:
        log.info("%s received: the kiosk stops", signal.Signals(number).name)
        self._stop()

    def _drain(self) -> None:
        # The bytes only woke the loop; the Python handler above has run (or runs now) and does the work.
        try:
            while self._reader.recv(64):
                pass
        except BlockingIOError:
            pass

    def close(self) -> None:
        """Give the signals back to their previous handlers."""
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        signal.set_wakeup_fd(self._previous_fd)
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()
