"""Work-arounds for the Qt binding, PySide6 6.11.3 (pinned: see pyproject.toml and tests/unit/test_qt_binding.py).

PySide checks every module imported after it for the text "PySide6" (its ``__feature__`` switches apply only to
modules that use it), and reads the module's source with ``inspect.getsource``, which keeps every line of every
module in ``linecache`` for the life of the process: some 30 MB of the kiosk's 200. The same check here reads the
file and keeps nothing. Newer PySide releases no longer read sources; if the hook is gone, nothing is changed.
"""

from __future__ import annotations

import linecache
import logging
from types import ModuleType

log = logging.getLogger(__name__)


def _uses_pyside(module: ModuleType) -> bool:
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False  # a built-in or compiled module: what inspect.getsource could not read either
    try:
        with open(path, encoding="utf-8", errors="replace") as source:
            return "PySide6" in source.read()
    except OSError:
        return False


def keep_no_module_sources() -> None:
    """Make PySide's import check keep no source in memory, and drop what it kept so far."""
    try:
        import shibokensupport.feature as feature  # type: ignore[import-not-found]  # PySide's own, no stubs
    except ImportError:
        return
    if not callable(getattr(feature, "_mod_uses_pyside", None)):
        log.debug("PySide no longer has the import check this works around")
        return
    feature._mod_uses_pyside = _uses_pyside
    linecache.clearcache()
