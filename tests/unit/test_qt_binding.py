"""The Qt binding must not corrupt the interpreter: PySide6 6.12.0 on Python 3.11 drops a reference to
None on every call returning nothing, and the process aborts ("none_dealloc") after a few thousand calls."""

from __future__ import annotations

import sys

import pytest

pytestmark = pytest.mark.gui


def test_void_calls_keep_none_alive(qapp: object) -> None:
    from PySide6.QtWidgets import QApplication, QLineEdit

    field = QLineEdit()
    before = sys.getrefcount(None)
    for _ in range(5000):
        field.clear()
        field.setText("x")
        QApplication.focusWidget()
    assert abs(sys.getrefcount(None) - before) < 100
