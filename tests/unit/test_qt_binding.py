"""The Qt binding must not corrupt the interpreter: PySide6 6.12.0 on Python 3.11 drops a reference to
None on every call returning nothing, and the process aborts ("none_dealloc") after a few thousand calls.
Nor hold what it has no need of: the sources of every module (kiosk.views.binding)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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


def test_modules_imported_after_pyside_leave_no_source_in_memory(tmp_path: Path) -> None:
    """PySide 6.11 reads the source of every module imported after it to look for "PySide6", through linecache,
    which keeps it for the life of the process (some 30 MB for the kiosk). kiosk.views.binding makes it keep none."""
    code = (
        "import linecache, sys\n"
        "import PySide6.QtCore\n"
        "from kiosk.views.binding import keep_no_module_sources\n"
        "keep_no_module_sources()\n"
        f"sys.path.insert(0, {str(tmp_path)!r})\n"
        "import uses_qt, plain\n"
        "print(sorted(f for f in linecache.cache if f.endswith(('uses_qt.py', 'plain.py'))))\n"
        "import __feature__\n"
        "print(__feature__.pyside_feature_dict['uses_qt'], __feature__.pyside_feature_dict['plain'])\n"
    )
    (tmp_path / "uses_qt.py").write_text("from PySide6.QtCore import QObject\n")
    (tmp_path / "plain.py").write_text("X = 1\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    kept, selections = result.stdout.splitlines()
    assert kept == "[]"
    assert selections == "0 -1"  # PySide still tells a module that uses it from one that does not
