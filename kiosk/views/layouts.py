"""Emptying a layout whose content is rebuilt (the summary, the progress of steps, the slots of a day)."""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QLayout


def clear_layout(layout: QLayout) -> None:
    """Remove everything from ``layout``: its widgets are deleted later (one of them may be sending the signal
    being handled), nested layouts are emptied, and every layout item is freed.

    ``takeAt`` hands the item to the caller, and PySide does not free it when the last Python reference goes:
    each summary and progress row rebuilt for a visitor leaked ~100 bytes, some 3 KB a visit.
    """
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            continue
        widget = item.widget()
        if widget is not None:
            widget.deleteLater()
        else:
            inner = item.layout()
            if inner is not None:
                clear_layout(inner)
        shiboken6.delete(item)
