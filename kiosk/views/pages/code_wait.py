"""The countdown of a code field that a guard makes wait after wrong codes (the tracking code's, the agent code's)."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

__all__ = ["CodeWait", "whole_seconds"]


def whole_seconds(left: float) -> int:
    """A wait (a guard's, central's Retry-After) as the seconds a page says: rounded up, at least 1 while any."""
    return max(1, math.ceil(left)) if left > 0 else 0


class CodeWait(QTimer):
    """Ticks once a (kiosk) second while ``seconds_left()`` is above 0, and hands each count to ``show`` (0 once the
    wait is over), for the page to say it and to keep what must wait disabled.

    The seconds are read again at each tick, never counted down here: the guard is the kiosk's, and another page
    (or a restart) may have changed the wait meanwhile.
    """

    def __init__(
        self, parent: QObject, second_ms: int, seconds_left: Callable[[], int], show: Callable[[int], None]
    ) -> None:
        super().__init__(parent)
        self.setInterval(second_ms)
        self._seconds_left = seconds_left
        self._show = show
        self.timeout.connect(self.refresh)

    def refresh(self) -> int:
        """Read the wait again, show it, and tick while it lasts. The seconds left."""
        left = self._seconds_left()
        if left > 0:
            if not self.isActive():
                self.start()
        else:
            self.stop()
        self._show(left)
        return left
