"""Every event code central can write into a request's history has its own sentence at the kiosk (issue 9,
item 10): without one, "Suivi de la demande" says only the kind ("Rendez-vous"), and the citizen learns nothing.

The codes are read from central's source (each ``RequestEvent(code=...)``), so a code central adds later without
a sentence fails here."""

from __future__ import annotations

import ast
import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import central
from kiosk.models.dto import RequestEvent
from kiosk.models.pull_store import kiosk_event_code
from kiosk.views.request_texts import event_text, kind_text
from sync.protocol import REQUEST_STATUSES, RequestEventData

STATUS_CHANGED = "status_changed"  # central's code for a status change; the status itself says which


def _constants(tree: ast.Module) -> dict[str, str]:
    """Module-level ``NAME: Final = "text"`` and ``NAME = "text"``."""
    found: dict[str, str] = {}
    for node in tree.body:
        target, value = (
            (node.target, node.value)
            if isinstance(node, ast.AnnAssign)
            else (node.targets[0], node.value)
            if isinstance(node, ast.Assign) and len(node.targets) == 1
            else (None, None)
        )
        if isinstance(target, ast.Name) and isinstance(value, ast.Constant) and isinstance(value.value, str):
            found[target.id] = value.value
    return found


def _strings(node: ast.expr, constants: dict[str, str]) -> set[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _strings(node.body, constants) | _strings(node.orelse, constants)
    if isinstance(node, ast.Name) and node.id in constants:
        return {constants[node.id]}
    raise AssertionError(f"an event code this test cannot read: {ast.unparse(node)}")


def central_event_codes() -> set[str]:
    """Every (kind, code) central writes, from each ``RequestEvent(...)`` call in its source."""
    codes: set[str] = set()
    for path in Path(central.__file__).parent.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = _constants(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "RequestEvent":
                code = next(keyword.value for keyword in node.keywords if keyword.arg == "code")
                kind = next(keyword.value for keyword in node.keywords if keyword.arg == "kind")
                codes |= {f"{k}:{c}" for k in _strings(kind, constants) for c in _strings(code, constants)}
    return codes


def _central_events() -> list[RequestEventData]:
    at = dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC)
    events: list[RequestEventData] = []
    for kind_code in sorted(central_event_codes()):
        kind, code = kind_code.split(":", 1)
        statuses = [status for status in REQUEST_STATUSES if status != "draft"] if code == STATUS_CHANGED else [None]
        events += [
            RequestEventData.model_validate_json(
                json.dumps({"kind": kind, "code": code, "status": status, "text": "", "at": at.isoformat()})
            )
            for status in statuses
        ]
    return events


def test_central_writes_the_codes_this_test_knows() -> None:
    # The reader above must find them; an empty set would make the test below pass for nothing.
    codes = central_event_codes()
    assert {"appointment:appointment_to_reschedule", "exchange:message", f"operation:{STATUS_CHANGED}"} <= codes


@pytest.mark.parametrize("event", _central_events(), ids=lambda event: f"{event.code}-{event.status}")
def test_each_event_central_sends_has_its_own_sentence(event: RequestEventData) -> None:
    shown = RequestEvent(kind=event.kind, code=kiosk_event_code(event), at=event.at, detail="")
    sentence = event_text(shown, "fr", ZoneInfo("Europe/Paris"), {})
    assert sentence != kind_text(event.kind), f"{event.code} ({event.status}) has no sentence of its own"
