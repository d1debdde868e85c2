"""Schemathesis against the OpenAPI document that the real central serves: every operation, with a valid device
token, gets generated bodies, parameters and headers, valid and not (the "coverage" phase sends malformed values,
missing and unknown fields), on a fixed deterministic budget. Central must never answer 5xx, must answer every 4xx
with an ``ErrorBody``, and every answer must match the document.

Schemathesis' engine runs the fuzz, not its pytest plugin: the plugin's lazy loading (needed for a schema served by
a fixture) sets ``Function._nodeid``, which pytest 9 no longer has.
"""

from __future__ import annotations

import json
from typing import Any

import schemathesis
from pydantic import ValidationError
from schemathesis import Case, CheckContext, Response
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import Status, events

from sync.protocol import OP, ErrorBody, OpBatchAnswer
from tests.central.conftest import Central

SEED = 20261130
# Per operation, for the fuzzing phase; the coverage phase sends its own fixed set of valid and invalid values.
MAX_EXAMPLES = 10
BATCH = "/v1/ops/batch"


@schemathesis.check
def error_body_on_4xx(_ctx: CheckContext, response: Response, _case: Case[Any]) -> bool | None:
    """Every 4xx names its problem as an ``ErrorBody`` (a HEAD answer carries no body by definition)."""
    if 400 <= response.status_code < 500 and response.request.method != "HEAD":
        ErrorBody.model_validate_json(response.content)
    return None


@schemathesis.check
def batch_answers_each_malformed_op_422(_ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
    """A batch is 200 as a whole once its envelope is valid: each op that does not validate gets its own 422 in
    its result, and the valid ones are applied (schemathesis' ``negative_data_rejection`` stands aside for it)."""
    if case.operation.path != BATCH or response.status_code != 200:
        return None
    ops = json.loads(response.request.body or b"{}")["ops"]
    results = OpBatchAnswer.model_validate_json(response.content).results
    assert len(results) == len(ops), "one result per op"
    for op, result in zip(ops, results, strict=True):
        try:
            OP.validate_json(json.dumps(op))  # JSON mode, as on the wire: strict, yet a UUID is a string
        except ValidationError:
            assert result.status == 422, f"a malformed op got {result.status}"
            assert result.error is not None
            assert result.error.error == "invalid_body"
    return None


def fuzz_config(url: str, token: str) -> SchemathesisConfig:
    return SchemathesisConfig.from_dict(
        {
            "seed": SEED,
            "base-url": url,
            "headers": {"Authorization": f"Bearer {token}"},
            "generation": {
                "mode": "all",
                "max-examples": MAX_EXAMPLES,
                "deterministic": True,
                "database": "none",
            },
            "checks": {
                "enabled": False,
                "not_a_server_error": {"enabled": True},
                "status_code_conformance": {"enabled": True},
                "content_type_conformance": {"enabled": True},
                "response_schema_conformance": {"enabled": True},
                "response_headers_conformance": {"enabled": True},
                "negative_data_rejection": {"enabled": True},
                "error_body_on_4xx": {"enabled": True},
                "batch_answers_each_malformed_op_422": {"enabled": True},
            },
            "operations": [
                {
                    "include-path": BATCH,
                    "include-method": "POST",
                    "checks": {"negative_data_rejection": {"enabled": False}},
                }
            ],
            "phases": {
                "examples": {"enabled": False},
                "stateful": {"enabled": False},
                "coverage": {"enabled": True},
                "fuzzing": {"enabled": True},
            },
        }
    )


def failures_of(found: events.EngineEvent) -> list[str]:
    if isinstance(found, events.ScenarioFinished):
        return [
            f"{found.phase} {found.recorder.label} [{check.name}] {check.failure_info.failure.title}: "
            f"{check.failure_info.failure.message}"
            for checks in found.recorder.checks.values()
            for check in checks
            if check.status == Status.FAILURE and check.failure_info is not None
        ]
    if isinstance(found, events.NonFatalError | events.FatalError):
        return [f"error: {found!r}"]
    if isinstance(found, events.EngineFinished):
        return [f"{failure.operation}: {failure.title}: {failure.message}" for failure in found.failures]
    return []


def test_central_answers_every_generated_call_as_its_openapi_document_says(
    sqlite_only: None, server: Central, token: str
) -> None:
    # One backend is enough: the fuzz exercises parsing and answers, which the backends share.
    api = schemathesis.openapi.from_url(f"{server.url}/v1/openapi.json", config=fuzz_config(server.url, token))
    failures: list[str] = []
    phases: set[str] = set()
    statuses: set[int] = set()
    for found in schemathesis.engine.from_schema(api).execute():
        failures.extend(failures_of(found))
        if isinstance(found, events.ScenarioFinished):
            phases.add(found.phase)
            statuses.update(i.response.status_code for i in found.recorder.interactions.values() if i.response)
    assert not failures, "\n".join(sorted(set(failures)))
    # The budget did reach central: both phases ran, and valid and refused calls were both answered.
    assert phases == {"coverage", "fuzzing"}
    assert {200, 401, 422} <= statuses, statuses
