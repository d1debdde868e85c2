"""Small catalogues for the unit tests: pydantic objects, summaries and TOML files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kiosk.models.dto import ProcedureSummary
from sync.catalogue import Domain, LocalizedText, Procedure

DOMAINS_TOML = """\
schema_version = 1

[[domains]]
slug = "etat-civil"
title = { fr = "État civil", en = "Civil status" }
icon = "id-card"

[[domains]]
slug = "enfance"
title = { fr = "Enfance", en = "Childhood" }
icon = "child"
"""

VALID_PROCEDURE_TOML = """\
slug = "acte-naissance"
title = { fr = "Demande d'acte de naissance", en = "Birth certificate request" }
domain = "etat-civil"
keywords = ["extrait", "copie intégrale"]
description = { fr = "Obtenir une copie de votre acte de naissance.", en = "Get a copy of your birth record." }
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

# The second field has a type the schema does not know: reported as steps[0].fields[1].type.
MALFORMED_PROCEDURE_TOML = """\
slug = "inscription-creche"
title = "Inscription en crèche"
domain = "enfance"
description = "Demander une place en crèche."
estimated_minutes = 10

[[steps]]
id = "enfant"
title = "L'enfant"

[[steps.fields]]
id = "prenom"
type = "text"
label = "Prénom"

[[steps.fields]]
id = "couleur"
type = "colour"
label = "Couleur préférée"
"""


def write_catalogue(directory: Path, files: dict[str, str]) -> Path:
    """Write ``files`` (name -> TOML text) into ``directory`` and return it."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def domain(slug: str, fr: str, en: str | None = None, icon: str = "folder") -> Domain:
    return Domain(slug=slug, title=LocalizedText(fr=fr, en=en), icon=icon)


def procedure(
    slug: str,
    domain_slug: str,
    title: str,
    *,
    revision: int = 1,
    title_en: str | None = None,
    description: str = "Une démarche.",
    keywords: tuple[str, ...] = (),
    field_label: str = "Nom",
    **extra: Any,
) -> Procedure:
    return Procedure.model_validate(
        {
            "slug": slug,
            "revision": revision,
            "title": {"fr": title, "en": title_en},
            "domain": domain_slug,
            "keywords": keywords,
            "description": description,
            "estimated_minutes": 5,
            "steps": [
                {"id": "main", "title": "Étape", "fields": [{"id": "nom", "type": "text", "label": field_label}]}
            ],
            **extra,
        }
    )


def summary(
    slug: str,
    title: str,
    *,
    title_en: str | None = None,
    domain_title: str = "Divers",
    domain_title_en: str | None = None,
    description: str = "Une démarche.",
    description_en: str | None = None,
    keywords: tuple[str, ...] = (),
) -> ProcedureSummary:
    return ProcedureSummary(
        slug=slug,
        revision=1,
        domain="d",
        domain_title=LocalizedText(fr=domain_title, en=domain_title_en),
        title=LocalizedText(fr=title, en=title_en),
        description=LocalizedText(fr=description, en=description_en),
        keywords=keywords,
        requires_personal_space=False,
        quota=None,
        appointment="none",
        estimated_minutes=5,
        has_attachments=False,
    )
