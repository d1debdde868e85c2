"""Errors that stop the kiosk with a message for the operator instead of a traceback. Qt-free."""

from __future__ import annotations


class StartupError(Exception):
    """The kiosk cannot start; the message says why in plain words, and what to do."""
