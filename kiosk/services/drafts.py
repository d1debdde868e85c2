"""A request being filled in: the answers of each step, kept while the visitor goes back and forth, and
turned into a RequestDraft only at "Valider". Qt-free, so the rules are tested without a screen.

Nothing here is written to disk: an unsent draft lives in memory and dies with the visitor's session.
"""

from __future__ import annotations

import tomllib
import uuid
from dataclasses import dataclass, field
from functools import lru_cache

from kiosk.models.dto import Address, AnswerValue, DocumentFile, ProcedureDetail, RequestDraft, Requester, Slot
from kiosk.paths import resources_dir
from kiosk.services.documents import AcceptedDocument
from kiosk.services.forms import Problem, clean_answers, visible_fields, visible_steps
from sync.catalogue import Step

NOTIFY_NEEDS = {"email": "email", "sms": "phone"}


@lru_cache(maxsize=1)
def requester_step() -> Step:
    """The "Mes informations" form (resources/forms/requester.toml), in the procedures' own schema."""
    with (resources_dir() / "forms" / "requester.toml").open("rb") as fh:
        return Step.model_validate(tomllib.load(fh))


@dataclass
class DraftState:
    """Everything entered so far for one procedure, pinned to the definition's revision at the start."""

    detail: ProcedureDetail
    client_uuid: str = field(default_factory=lambda: str(uuid.uuid4()))
    answers: dict[str, AnswerValue] = field(default_factory=dict)
    requester: dict[str, AnswerValue] = field(default_factory=dict)
    appointment: Slot | None = None
    documents: dict[str, list[AcceptedDocument]] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        return self.detail.summary.slug

    def visible_steps(self) -> list[Step]:
        return visible_steps(self.detail.definition, self.answers)

    def visible_attachment_fields(self) -> list[str]:
        """Attachment fields shown now; a field hidden through a chain of conditions across steps is not."""
        answers = clean_answers(self.detail.definition, self.answers)
        return [f.id for step in self.visible_steps() for f in visible_fields(step, answers) if f.type == "attachment"]

    def is_empty(self) -> bool:
        return not (self.answers or self.requester or self.appointment or any(self.documents.values()))


def contact_problems(answers: dict[str, AnswerValue]) -> dict[str, Problem]:
    """The way to be informed needs its contact: an e-mail to be written to, a phone for text messages."""
    needed = NOTIFY_NEEDS.get(str(answers.get("notify_by", "")))
    if needed and not str(answers.get(needed, "")).strip():
        return {needed: Problem("required_for_notification", {"channel": answers["notify_by"]})}
    return {}


def requester_of(answers: dict[str, AnswerValue]) -> Requester:
    address = answers.get("address")
    if not isinstance(address, Address):
        address = Address(line="", postcode="", city="")
    return Requester(
        civility=str(answers.get("civility", "")),
        last_name=str(answers.get("last_name", "")).strip(),
        first_name=str(answers.get("first_name", "")).strip(),
        address=address,
        email=str(answers.get("email", "")).strip(),
        phone=str(answers.get("phone", "")).strip(),
        notify_by=str(answers.get("notify_by", "none")),
    )


def to_draft(state: DraftState) -> RequestDraft:
    """The request as it will be stored: only what is visible now (hidden answers and files are dropped)."""
    kept_fields = set(state.visible_attachment_fields())
    documents = tuple(
        DocumentFile(
            field_id=field_id,
            position=position,
            filename=doc.filename,
            media_type=doc.media_type,
            content=doc.content,
        )
        for field_id, docs in state.documents.items()
        if field_id in kept_fields
        for position, doc in enumerate(docs, start=1)
    )
    appointment = state.appointment if state.detail.definition.appointment != "none" else None
    return RequestDraft(
        client_uuid=state.client_uuid,
        procedure_slug=state.slug,
        procedure_revision=state.detail.definition.revision,
        answers=clean_answers(state.detail.definition, state.answers),
        requester=requester_of(state.requester),
        appointment=appointment,
        documents=documents,
    )
