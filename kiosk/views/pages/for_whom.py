"""« Pour qui ? »: a procedure the logged-in citizen makes for a member of their family (the guide: « Le changement
de coordonnées est également disponible en sélection d'un membre de la famille »).

The choice travels as the route parameter of « La démarche » and of the wizard (``ProcedureFor``), and of the
dashboard's « Coordonnées » (``ContactsFor``): never as state of its own, so the navigator's history holds it and the
visitor's wipe, which resets the navigator and destroys the pages, leaves nothing of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["ContactsFor", "ProcedureFor", "Relative", "procedure_params", "procedure_slug", "relative_of"]


@dataclass(frozen=True, slots=True)
class Relative:
    """A member of the citizen's family, as « Mes informations » names them."""

    first_name: str
    last_name: str

    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True, slots=True)
class ProcedureFor:
    """The parameter of « La démarche » (Route.PROCEDURE) and of the wizard (Route.WIZARD) for a procedure made for
    ``relative`` (made for the citizen themselves, the parameter is the plain slug)."""

    slug: str
    relative: Relative


@dataclass(frozen=True, slots=True)
class ContactsFor:
    """The parameter of the dashboard's « Coordonnées » once « Pour qui ? » is answered: the procedures that change
    them, for ``relative`` (None: for the citizen)."""

    relative: Relative | None


def procedure_slug(params: Any) -> str:
    """The slug of a procedure route's parameter."""
    return params.slug if isinstance(params, ProcedureFor) else str(params)


def relative_of(params: Any) -> Relative | None:
    """For whom a procedure route's parameter is (None: the one filling it)."""
    return params.relative if isinstance(params, ProcedureFor) else None


def procedure_params(slug: str, relative: Relative | None) -> str | ProcedureFor:
    """The parameter of a procedure route for ``slug`` made for ``relative`` (or the visitor: the plain slug)."""
    return slug if relative is None else ProcedureFor(slug, relative)
