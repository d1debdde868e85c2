"""Pulling changes as a kiosk does, and small catalogue directories with slugs of their own (the test database is
shared by every test of a session, so each test makes its own procedures and reads only the changes after its
own cursor)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path

import requests

from sync.protocol import PAGE_MODELS, CatalogueChange, ChangeScope, RequestChange, SlotsChange
from tests.central.wire import TIMEOUT

Change = CatalogueChange | SlotsChange | RequestChange


def get_changes(
    base_url: str,
    token: str | None,
    scope: str,
    cursor: str | None = None,
    limit: int | None = None,
    etag: str | None = None,
) -> requests.Response:
    params: dict[str, str | int] = {}
    if cursor is not None:
        params["cursor"] = cursor
    if limit is not None:
        params["limit"] = limit
    headers = {} if token is None else {"Authorization": f"Bearer {token}"}
    if etag is not None:
        headers["If-None-Match"] = etag
    return requests.get(f"{base_url}/v1/changes/{scope}", params=params, headers=headers, timeout=TIMEOUT)


@dataclass
class Replica:
    """What a kiosk holds of one scope: each entity's newest change, and its cursor. A page is applied whole
    with its cursor, and only a newer version replaces what is held, as the sync engine does."""

    scope: ChangeScope
    cursor: str | None = None
    entities: dict[str, Change] = field(default_factory=dict)
    pages: int = 0

    def apply(self, body: bytes) -> bool:
        """Apply a 200's page; returns ``has_more``."""
        page = PAGE_MODELS[self.scope].model_validate_json(body)
        for change in page.changes:
            held = self.entities.get(change.id)
            if held is None or change.version > held.version:
                self.entities[change.id] = change
        self.cursor, self.pages = page.next_cursor, self.pages + 1
        return page.has_more

    def pull(self, base_url: str, token: str, limit: int | None = None) -> list[Change]:
        """Pull while ``has_more``; the changes received, in order."""
        received: list[Change] = []
        while True:
            response = get_changes(base_url, token, self.scope, self.cursor, limit)
            assert response.status_code == 200, response.text
            page = PAGE_MODELS[self.scope].model_validate_json(response.content)
            received.extend(page.changes)
            if not self.apply(response.content):
                return received

    def live(self) -> set[str]:
        return {key for key, change in self.entities.items() if not change.deleted}


def up_to_date(base_url: str, token: str, scope: ChangeScope) -> Replica:
    """A replica that has pulled everything so far: what a test changes next is all it receives."""
    replica = Replica(scope)
    replica.pull(base_url, token)
    return replica


DOMAIN_TOML = """\
schema_version = 1

[[domains]]
slug = "{domain}"
title = {{ fr = "Domaine {domain}", en = "Domain {domain}" }}
icon = "folder"
"""

PROCEDURE_TOML = """\
schema_version = 1
slug = "{slug}"
revision = {revision}
title = {{ fr = "{title}", en = "Procedure {slug}" }}
domain = "{domain}"
description = "Une démarche de test."
estimated_minutes = 5

[[steps]]
id = "demandeur"
title = "Le demandeur"

[[steps.fields]]
id = "nom"
type = "text"
label = "Nom"
required = true
"""


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def write_catalogue(directory: Path, domain: str, procedures: dict[str, tuple[int, str]]) -> Path:
    """A catalogue directory: ``domain`` and, per slug, (revision, French title)."""
    (directory / "procedures").mkdir(parents=True, exist_ok=True)
    (directory / "domains.toml").write_text(DOMAIN_TOML.format(domain=domain), encoding="utf-8")
    for old in (directory / "procedures").glob("*.toml"):
        old.unlink()
    for slug, (revision, title) in procedures.items():
        text = PROCEDURE_TOML.format(slug=slug, revision=revision, title=title, domain=domain)
        (directory / "procedures" / f"{slug}.toml").write_text(text, encoding="utf-8")
    return directory
