"""A procedure field's ``pattern``, compiled and matched by RE2, the only way catalogue patterns are run.

Python's ``re`` backtracks: ``(a+)+$`` against 27 ``a`` and a ``b`` freezes the kiosk for seconds and doubles with
each character. RE2 matches in time linear in the answer whatever the pattern, and refuses what it cannot run
that way (back-references, look-arounds). The catalogue check compiles with the same engine the kiosk matches
with, so a pattern that passes the check is one the kiosk can run.
"""

from __future__ import annotations

import functools
from typing import Any

import re2  # type: ignore[import-untyped]  # google-re2 ships no annotations

__all__ = ["PatternError", "compile_pattern", "pattern_matches"]


class PatternError(ValueError):
    """RE2 cannot compile the pattern; the message is RE2's reason."""


def _options() -> Any:
    options = re2.Options()
    options.log_errors = False  # the reason is in the exception; RE2 would also print it to stderr
    return options


_OPTIONS = _options()


@functools.lru_cache(maxsize=256)
def compile_pattern(pattern: str) -> Any:
    """The compiled pattern; PatternError when RE2 refuses it. Compiled once per pattern."""
    try:
        return re2.compile(pattern, _OPTIONS)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else exc
        raise PatternError(reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)) from None


def pattern_matches(pattern: str, text: str) -> bool:
    """Whether ``pattern`` matches the whole of ``text``."""
    return compile_pattern(pattern).fullmatch(text) is not None
