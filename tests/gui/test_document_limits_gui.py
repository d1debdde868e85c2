"""A hostile PDF picked by touch: refused under the field with a plain reason, and the next file is attached as
ever (the child process that read it was replaced). Driven with taps, on the kiosk's own sandbox."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.gui.test_attachments_gui import Kiosk, pdf_bytes
from tests.unit.document_files import nested_forms_pdf

pytestmark = pytest.mark.gui


@pytest.fixture
def kiosk(qtbot: QtBot, event_loop_qt: asyncio.AbstractEventLoop, tmp_path: Path) -> Iterator[Kiosk]:
    usb = tmp_path / "CLE-USB"
    usb.mkdir()
    (usb / "imbrique.pdf").write_bytes(nested_forms_pdf())
    (usb / "releve.pdf").write_bytes(pdf_bytes(2))
    person = Kiosk(qtbot, event_loop_qt, [usb])
    yield person
    person.close()


def test_a_hostile_pdf_is_refused_as_too_complex_and_the_next_file_is_attached(kiosk: Kiosk) -> None:
    kiosk.add("imbrique.pdf")
    editor = kiosk.editor
    assert editor.documents() == []
    assert editor.error_label.isVisible()
    assert "Ce document est trop complexe pour être affiché." in editor.error_text()
    kiosk.add("releve.pdf")
    [doc] = editor.documents()
    assert doc.page_count == 2
    assert editor.error_text() == ""
