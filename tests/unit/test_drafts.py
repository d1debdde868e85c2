"""What leaves the wizard at "Valider": only what is visible now, even through conditions across steps."""

from __future__ import annotations

from kiosk.models.dto import ProcedureDetail, ProcedureSummary
from kiosk.services.documents import PNG, AcceptedDocument
from kiosk.services.drafts import DraftState, contact_problems, to_draft
from sync.catalogue import LocalizedText, Procedure

CHAINED = {
    "slug": "chaine",
    "title": "Démarche à conditions enchaînées",
    "domain": "cadre-de-vie",
    "description": "Pour les tests.",
    "estimated_minutes": 5,
    "steps": [
        {
            "id": "un",
            "title": "Un",
            "fields": [
                {
                    "id": "motif",
                    "type": "single_choice",
                    "label": "Motif",
                    "options": [{"value": "degat", "label": "Dégât"}, {"value": "autre", "label": "Autre"}],
                }
            ],
        },
        {
            "id": "deux",
            "title": "Deux",
            "fields": [
                {
                    "id": "photo_possible",
                    "type": "checkbox",
                    "label": "J'ai une photo",
                    "show_if": {"field": "motif", "equals": "degat"},
                }
            ],
        },
        {
            "id": "trois",
            "title": "Trois",
            "fields": [
                {"id": "commentaire", "type": "text", "label": "Commentaire"},
                {
                    "id": "photo",
                    "type": "attachment",
                    "label": "Photo",
                    "show_if": {"field": "photo_possible", "equals": True},
                },
            ],
        },
    ],
}


def detail() -> ProcedureDetail:
    definition = Procedure.model_validate(CHAINED)
    title = LocalizedText(fr="Cadre de vie")
    summary = ProcedureSummary(
        slug="chaine",
        revision=1,
        domain="cadre-de-vie",
        domain_title=title,
        title=definition.title,
        description=definition.description,
        keywords=(),
        requires_personal_space=False,
        quota=None,
        appointment="none",
        estimated_minutes=5,
        has_attachments=True,
    )
    return ProcedureDetail(summary=summary, definition=definition)


def photo() -> AcceptedDocument:
    return AcceptedDocument("photo.png", PNG, b"\x89PNG...", 8, 1, b"")


def test_a_file_hidden_through_a_chain_of_conditions_is_not_sent() -> None:
    state = DraftState(detail())
    state.answers.update({"motif": "degat", "photo_possible": True, "commentaire": "Trou"})
    state.documents["photo"] = [photo()]
    assert state.visible_attachment_fields() == ["photo"]
    assert [a.field_id for a in to_draft(state).documents] == ["photo"]

    # The visitor changes the first answer: the checkbox is hidden, and so, through it, the photo.
    state.answers["motif"] = "autre"
    assert state.visible_attachment_fields() == []
    draft = to_draft(state)
    assert draft.documents == ()
    assert dict(draft.answers) == {"motif": "autre", "commentaire": "Trou"}


def test_the_way_to_be_informed_needs_its_contact() -> None:
    assert contact_problems({"notify_by": "email"})["email"].code == "required_for_notification"
    assert contact_problems({"notify_by": "sms", "email": "a@b.fr"})["phone"].code == "required_for_notification"
    assert contact_problems({"notify_by": "email", "email": "a@b.fr"}) == {}
    assert contact_problems({"notify_by": "post"}) == {}
