"""Central's command line, run exactly as an operator or agent types it (``.venv/bin/central ...``)."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import pytest
import requests

from central.cli import openapi_text
from central.db import HEAD
from sync.protocol import OpAnswer
from tests.central.conftest import ROOT, Central, InProcess, add_kiosk, central
from tests.central.wire import LAST_NAME, PASSPORT_PNG, TIMEOUT, push, slot_at, submit_op


def submitted(server: Central, token: str) -> str:
    response = push(server.url, token, submit_op())
    assert response.status_code == 201, response.text
    return OpAnswer.model_validate_json(response.content).request.number


def test_db_upgrade_is_idempotent(central_env: dict[str, str]) -> None:
    again = central(central_env, "db", "upgrade")
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == f"database at migration {HEAD}"


def test_serve_refuses_a_database_not_upgraded(tmp_path: Path, central_env: dict[str, str]) -> None:
    env = {**central_env, "CENTRAL_DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.db'}"}
    result = central(env, "serve", "--port", "1")
    assert result.returncode == 1
    assert "run `central db upgrade`" in result.stderr
    for command in (["kiosk", "add", "borne-1"], ["requests", "list"]):
        refused = central(env, *command)
        assert refused.returncode == 1
        assert "run `central db upgrade`" in refused.stderr


def test_kiosk_add_prints_a_token_once_and_refuses_a_duplicate(
    central_env: dict[str, str], server: Central, cli: InProcess
) -> None:
    name = f"borne-{uuid.uuid4().hex[:8]}"
    added = central(central_env, "kiosk", "add", name)
    assert added.returncode == 0, added.stderr
    token = added.stdout.strip()
    assert len(token) >= 43
    assert "\n" not in token
    assert "shown this once" in added.stderr
    assert push(server.url, token, submit_op()).status_code == 201
    duplicate = cli("kiosk", "add", name)
    assert duplicate.returncode == 1
    assert f"a kiosk named {name} is already registered" in duplicate.stderr
    assert duplicate.stdout == ""
    bad = cli("kiosk", "add", "borne 1/../x")
    assert bad.returncode == 1
    assert "a kiosk name is" in bad.stderr


def test_kiosk_revoke_refuses_the_token_from_then_on(
    central_env: dict[str, str], server: Central, cli: InProcess
) -> None:
    name = f"borne-{uuid.uuid4().hex[:8]}"
    token = add_kiosk(central_env, name)
    revoked = central(central_env, "kiosk", "revoke", name)
    assert revoked.returncode == 0, revoked.stderr
    assert revoked.stdout.strip() == f"Kiosk {name} revoked: its token is refused from now on."
    assert push(server.url, token, submit_op()).status_code == 401
    assert cli("kiosk", "revoke", name).stdout.strip() == f"Kiosk {name} was revoked already."
    unknown = cli("kiosk", "revoke", "borne-nobody")
    assert unknown.returncode == 1
    assert "no kiosk is named borne-nobody" in unknown.stderr


def test_requests_list_shows_number_procedure_status_and_date_only(
    central_env: dict[str, str], server: Central, token: str, cli: InProcess
) -> None:
    number = submitted(server, token)
    listed = central(central_env, "requests", "list")
    assert listed.returncode == 0, listed.stderr
    header, *rows = listed.stdout.splitlines()
    assert header.split() == ["NUMBER", "PROCEDURE", "STATUS", "RECEIVED", "KIOSK"]
    line = next(row for row in rows if row.startswith(number))
    assert "acte-naissance (rev. 2)" in line
    assert "submitted" in line
    assert LAST_NAME not in listed.stdout
    only_closed = cli("requests", "list", "--status", "closed")
    assert number not in only_closed.stdout


def test_request_status_follows_the_workflow_and_is_in_the_history(
    central_env: dict[str, str], server: Central, token: str, cli: InProcess
) -> None:
    number = submitted(server, token)
    moved = central(central_env, "request", "status", number, "in_progress", "--comment", "Dossier complet")
    assert moved.returncode == 0, moved.stderr
    assert moved.stdout.strip() == f"Request {number} is now in_progress."
    refused = cli("request", "status", number, "closed")
    assert refused.returncode == 1
    assert f"request {number} is in_progress: it cannot become closed" in refused.stderr
    assert cli("request", "status", number, "accepted").returncode == 0
    final = cli("request", "status", number, "closed")
    assert final.returncode == 0, final.stderr
    after = cli("request", "status", number, "in_progress")
    assert after.returncode == 1
    assert "possible: none: it is final" in after.stderr
    unknown = cli("request", "status", "1999-000001", "accepted")
    assert unknown.returncode == 1
    assert "no request has the number 1999-000001" in unknown.stderr
    invalid = cli("request", "status", number, "lost")
    assert invalid.returncode == 2  # argparse: not one of the statuses

    shown = central(central_env, "requests", "show", number)
    assert shown.returncode == 0, shown.stderr
    history = shown.stdout.split("History\n")[1].splitlines()
    assert [line.split()[2:4] for line in history] == [
        ["operation", "submitted"],
        ["operation", "status_changed"],
        ["operation", "status_changed"],
        ["operation", "status_changed"],
    ]
    assert '-> in_progress  "Dossier complet"' in history[1]
    assert history[-1].endswith("-> closed")


def test_request_message_is_added_to_the_history(
    central_env: dict[str, str], server: Central, token: str, cli: InProcess
) -> None:
    number = submitted(server, token)
    written = central(central_env, "request", "message", number, "Merci de fournir un justificatif de domicile.")
    assert written.returncode == 0, written.stderr
    assert written.stdout.strip() == f"Message added to the history of request {number}."
    shown = cli("requests", "show", number).stdout
    assert 'exchange   message  "Merci de fournir un justificatif de domicile."' in shown
    empty = cli("request", "message", number, "  ")
    assert empty.returncode == 1
    assert "the message is empty" in empty.stderr


def test_requests_show_gives_an_agent_the_whole_request(
    central_env: dict[str, str], server: Central, token: str, cli: InProcess
) -> None:
    slot = slot_at(dt.datetime(2027, 1, 5, 10, 15, tzinfo=dt.timezone(dt.timedelta(hours=1))))
    response = push(server.url, token, submit_op(appointment=slot))
    number = OpAnswer.model_validate_json(response.content).request.number
    shown = central(central_env, "requests", "show", number)
    assert shown.returncode == 0, shown.stderr
    text = shown.stdout
    assert text.startswith(f"Request {number}\n")
    assert "procedure    acte-naissance, revision 2" in text
    assert f"requester    madame Zoé {LAST_NAME}" in text
    assert "address      3 rue des Lilas, Bât. B, 75011, Paris" in text
    assert "appointment  2027-01-05 10:15-10:30, Accueil, guichet 2" in text  # the town's clock (Paris)
    assert 'motifs: ["mariage", "passeport"]' in text
    assert f"piece_identite #1  image/png  {len(PASSPORT_PNG)} bytes  passeport.png" in text
    missing = cli("requests", "show", "1999-000001")
    assert missing.returncode == 1
    assert "no request has the number 1999-000001" in missing.stderr


def test_the_committed_openapi_document_is_the_one_the_app_serves(server: Central, tmp_path: Path) -> None:
    committed = (ROOT / "docs" / "openapi.json").read_text(encoding="utf-8")
    assert openapi_text() == committed, "run: central openapi --out docs/openapi.json"
    served = requests.get(f"{server.url}/v1/openapi.json", timeout=TIMEOUT)
    assert served.status_code == 200
    import json

    assert served.json() == json.loads(committed)
    out = tmp_path / "openapi.json"
    exported = central(server.env, "openapi", "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    assert out.read_text(encoding="utf-8") == committed


@pytest.mark.parametrize("body", ["Op", "OpBatch"])
def test_the_openapi_document_describes_the_op_bodies(body: str) -> None:
    import json

    document = json.loads(openapi_text())
    schemas = document["components"]["schemas"]
    assert body in schemas
    route = "/v1/ops" if body == "Op" else "/v1/ops/batch"
    content = document["paths"][route]["post"]["requestBody"]["content"]["application/json"]
    assert content["schema"] == {"$ref": f"#/components/schemas/{body}"}
    assert schemas["SubmitBody"]["additionalProperties"] is False
