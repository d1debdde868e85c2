"""Garbage collection on the GUI thread only.

Python's cyclic collector runs in whichever thread happens to allocate; when that is the DB worker, a Qt
object caught in a reference cycle is destroyed off the GUI thread ("Timers cannot be stopped from another
thread", or worse). As qutebrowser does, automatic collection is turned off and a timer collects here.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class MainThreadCollector(QObject):
    """Runs the young generation every second and the older ones when their thresholds are passed."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._threshold = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect)
        self._timer.start()

    def collect(self) -> None:
        gen0, gen1, gen2 = gc.get_count()
        if gen2 > self._threshold[2]:
            gc.collect(2)
        elif gen1 > self._threshold[1]:
            gc.collect(1)
        elif gen0 > self._threshold[0]:
            gc.collect(0)


_installed: dict[int, MainThreadCollector] = {}


def install(app: QObject) -> MainThreadCollector:
    """Install once per application; later calls return the same collector. (Kept in a dict rather than
    found with findChild, whose first call costs the first paint about 5 ms of PySide enum set-up.)"""
    collector = _installed.get(id(app))
    if collector is None:
        collector = _installed[id(app)] = MainThreadCollector(app)
    return collector


def give_back_freed_memory() -> None:
    """Return to the system the memory the process has freed but the C allocator keeps (glibc only).

    After a visitor, their screens, decoded images and documents are freed, but glibc keeps freed memory in its
    arenas, and a worker thread's arena may hold megabytes a visit left there: the kiosk's resident memory
    crept up over a day. Pages given back are also wiped by the kernel: nothing of the visitor stays in them.
    """
    import ctypes  # here: the first paint does not wait for it

    # The process's own symbols, the C library's among them (no search for the library's file).
    trim = getattr(ctypes.CDLL(None), "malloc_trim", None)  # glibc's; musl and others have none, and need none
    if trim is not None:
        trim(0)
