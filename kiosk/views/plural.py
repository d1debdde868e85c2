"""Counts in sentences. French is the source language and has no translator of its own, so Qt's %n
plural forms would show "3 démarche(s)"; each form is written out instead (French: 0 and 1 are singular)."""

from __future__ import annotations


def count_text(count: int, one: str, many: str) -> str:
    """``one`` when count is 0 or 1, else ``many``; both are translated strings with ``%1`` for the count."""
    return (one if count <= 1 else many).replace("%1", str(count))
