"""What the tests of central's pages in a real browser share: Debian's chromium driven by Playwright (skipped where
it is not installed), a page whose console and script errors are collected, and what a screen reader would be
told of the focus and of a field."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (make system-deps installs it)"
)


@contextmanager
def chromium_page(errors: list[str], **context_options: Any) -> Iterator[Any]:
    """A page of a new chromium, in French unless ``context_options`` say otherwise (Playwright's ``new_context``
    options: a phone's viewport...); the console's errors and the page's uncaught errors are appended to
    ``errors``. The browser is closed on leaving."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        try:
            page = browser.new_context(**{"locale": "fr-FR", **context_options}).new_page()
            page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
            page.on("pageerror", lambda error: errors.append(str(error)))
            yield page
        finally:
            browser.close()


def focused(page: Any) -> str:
    """The focused element as ``tag#id``."""
    description: str = page.evaluate(
        "() => { const e = document.activeElement; return e ? e.tagName.toLowerCase() + '#' + (e.id || '') : ''; }"
    )
    return description


def described_by(page: Any, field: str) -> str:
    """The text a screen reader reads after the field's label: what ``aria-describedby`` points at."""
    text: str = page.evaluate(
        "(id) => (document.getElementById(id).getAttribute('aria-describedby') || '').split(' ')"
        ".map(ref => document.getElementById(ref).textContent).join(' ')",
        field,
    )
    return text
