"""« Mon tableau de bord » (route DASHBOARD): the logged-in citizen's space, as dalles with badges — their latest
requests, all of them, the town's messages to read, the appointments to come, their contact details (the
procedures that change them), their profile, attaching a request, the catalogue, and what is still to come (« Mes
pièces », « Mes actualités »).

The route's parameter: None, the tiles; "contacts", « Coordonnées »: the three procedures that change them, asking
first « Pour qui ? » when the citizen's space has a family (their profile, read from central; offline or without a
family, for the citizen only); a ``ContactsFor``, the three procedures once that is answered. The counts come from
central each time the page is shown (coming back from a follow-up shows the messages just read as read), with the
citizen's token, and live in this page only: nothing is stored, and the wipe destroys the page. Offline, the badges
go (nothing old is shown as current) and the page says why; a session that ended on central sends the citizen to
« Mon espace », which says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from PySide6.QtCore import QTimer

from kiosk.views.navigator import Route
from kiosk.views.pages.for_whom import ContactsFor, Relative, procedure_params
from kiosk.views.pages.tile_screen import TileScreen
from kiosk.views.plural import count_text
from kiosk.views.widgets.tile import Tile

if TYPE_CHECKING:
    from kiosk.services.citizen import CitizenIdentity
    from kiosk.services.dashboard_outcomes import DashboardActions, DashboardOutcome
    from kiosk.services.profile_outcomes import ProfileActions
    from kiosk.views.context import ViewContext
    from kiosk.views.session import VisitorSession
    from sync.personal_space import Profile

# The tiles of the dashboard, in the guide's order: key, icon.
TILES: Final = (
    ("latest", "clock"),
    ("all", "folder"),
    ("unread", "news"),
    ("appointments", "calendar"),
    ("contacts", "address-card"),
    ("profile", "account"),
    ("attach", "attachment"),
    ("catalogue", "new-procedure"),
    ("documents", "document"),
    ("news", "info"),
)
# « Coordonnées »: the procedures that change them, by slug (the demo catalogue's).
CONTACT_PROCEDURES: Final = (
    ("changement-adresse", "house"),
    ("changement-telephone", "id-card"),
    ("changement-courriel", "address-card"),
)
LATEST: Final = 4  # « Dernières demandes »: the guide's four


class DashboardPage(TileScreen):
    """« Mon tableau de bord ». ``outcome`` is central's last answer for this visit (None before the first)."""

    def __init__(self, ctx: ViewContext, visitor: VisitorSession) -> None:
        super().__init__(ctx)
        self.visitor = visitor
        self.view = "tiles"  # or "contacts" (the three procedures), "for_whom" (« Pour qui ? »)
        self.relative: Relative | None = None  # « Coordonnées » for a member of the family (None: the citizen)
        # « Pour qui ? »: the family members of the citizen's profile, one tile each (asked again at each visit).
        self.relatives: list[tuple[Relative, Tile]] = []
        self._asking = False  # reading the profile for « Pour qui ? »
        self._visits = 0  # a profile read for an earlier visit of the page is not shown on a later one
        self.outcome: DashboardOutcome | None = None
        self.loading = False
        self._failed = False  # the last load got no dashboard (offline, or an answer that was not one)
        self._tiles: dict[str, Tile] = {}
        for key, icon in (*TILES, *CONTACT_PROCEDURES, ("me", "account")):
            tile = Tile(ctx.theme, icon)
            tile.clicked.connect(lambda _=False, k=key: self._open(k))
            self._tiles[key] = tile
        self.grid.set_tiles(list(self._tiles.values()))
        visitor.citizen_changed.connect(self._on_citizen)
        ctx.connection_changed.connect(self._on_connection)
        self.retranslate()

    def tile(self, key: str) -> Tile:
        return self._tiles[key]

    # -- showing -------------------------------------------------------------------------------------------

    def enter(self, params: Any) -> None:
        super().enter(params)
        self._visits += 1
        self.relative = params.relative if isinstance(params, ContactsFor) else None
        self.view = "contacts" if params == "contacts" or isinstance(params, ContactsFor) else "tiles"
        self._set_relatives([])
        if self.visitor.citizen is None:
            self._show_tiles([])
            self._leave_for_account(None)
            return
        if params == "contacts" and self._profiles() is not None and self.ctx.online:
            # « Pour qui ? » only for a space with a family: nothing is shown until the profile says.
            self._show_tiles([])
            self._asking = True
            self.tasks.spawn(self._ask_for_whom(self._visits))
        else:
            self._show_contacts_or_tiles()
        self.retranslate()
        if self.view == "tiles":
            self.tasks.spawn(self._load())

    def _show_tiles(self, shown: list[Tile]) -> None:
        for tile in (*self._tiles.values(), *(t for _, t in self.relatives)):
            if tile not in shown:
                tile.hide()
        self.grid.reorder(shown)

    def _show_contacts_or_tiles(self) -> None:
        keys = [k for k, _ in CONTACT_PROCEDURES] if self.view == "contacts" else [k for k, _ in TILES]
        self._show_tiles([self._tiles[key] for key in keys])

    def _profiles(self) -> ProfileActions | None:
        services = self.ctx.services_if_up()
        return services.profile if services is not None else None

    async def _ask_for_whom(self, visit: int) -> None:
        """The citizen's family from their profile on central: « Pour qui ? » with « Moi » and each member; no
        family, offline, or no answer: the three procedures, for the citizen."""
        token, profiles = self.visitor.citizen_token(), self._profiles()
        try:
            outcome = None if token is None or profiles is None else await profiles.load(token)
        finally:
            self._asking = self._asking and visit != self._visits
        if visit != self._visits:
            return
        if outcome is not None and outcome.result == "expired":
            self.visitor.citizen_expired()
            self._leave_for_account("expired")
            return
        self.show_family(outcome.profile if outcome is not None else None)

    def show_family(self, profile: Profile | None) -> None:
        """« Coordonnées » for the citizen of ``profile``: « Pour qui ? » with « Moi » and each other member of
        their family (the citizen may be one of the members central holds: they are « Moi »), or, without a family
        (or no profile), the three procedures for the citizen."""
        family = profile.family if profile is not None else None
        me = (
            (profile.details.first_name.casefold(), profile.details.last_name.casefold())
            if profile is not None
            else None
        )
        relatives = [
            Relative(m.first_name, m.last_name)
            for m in (family.members if family is not None else [])
            if (m.first_name.casefold(), m.last_name.casefold()) != me
        ]
        self.view = "for_whom" if relatives else "contacts"
        self._set_relatives(relatives)
        if relatives:
            self._show_tiles([self._tiles["me"], *(t for _, t in self.relatives)])
        else:
            self._show_contacts_or_tiles()
        self.retranslate()

    def _set_relatives(self, relatives: list[Relative]) -> None:
        old = [tile for _, tile in self.relatives]
        if old:  # out of the grid first: it must not lay out a tile about to be destroyed
            self.grid.reorder([tile for tile in self.grid.tiles() if tile not in old])
        for tile in old:
            tile.hide()
            tile.deleteLater()
        self.relatives = []
        for relative in relatives:
            tile = Tile(self.ctx.theme, "account", self.grid)
            tile.clicked.connect(lambda _=False, r=relative: self._open_for(r))
            self.relatives.append((relative, tile))

    def _open_for(self, relative: Relative) -> None:
        self.navigate_requested.emit(Route.DASHBOARD, ContactsFor(relative))

    def relative_tile(self, name: str) -> Tile:
        """The tile of « Pour qui ? » for the member named ``name`` (first and last name)."""
        return next(tile for relative, tile in self.relatives if relative.name() == name)

    def _dashboard(self) -> DashboardActions | None:
        services = self.ctx.services_if_up()
        return services.dashboard if services is not None else None

    async def _load(self) -> None:
        token = self.visitor.citizen_token()
        found = self._dashboard()
        if token is None:
            return
        if found is None:
            self.outcome = None
            self.retranslate()
            return
        self.loading, self._failed = True, False
        self.retranslate()
        try:
            outcome = await found.dashboard(token)
        finally:
            self.loading = False
        if outcome.result == "expired":
            self.outcome = None
            self.visitor.citizen_expired()  # the header follows its signal; « Mon espace » says why
            self._leave_for_account("expired")
            return
        self.show_outcome(outcome)

    def show_outcome(self, outcome: DashboardOutcome) -> None:
        """Central's answer on the tiles (an answer other than "ok": no count, and the status line says why)."""
        self.outcome = outcome if outcome.result == "ok" else None
        self._failed = outcome.result != "ok"
        self.retranslate()

    def _leave_for_account(self, view: str | None) -> None:
        # Not from inside the navigator's own call: it shows this page once ``enter`` returns.
        QTimer.singleShot(0, self, lambda: self.navigate_requested.emit(Route.ACCOUNT, view))

    def _on_citizen(self, citizen: CitizenIdentity | None) -> None:
        if citizen is None:
            # Nothing of the citizen's stays on screen, even before the wipe rebuilds the pages.
            self.outcome = None
            self.relative = self.params = None  # for whom « Coordonnées » was: a member's names
            self._set_relatives([])
            self.retranslate()

    def _on_connection(self, online: bool) -> None:
        if online and self.isVisible() and self.view == "tiles" and self.visitor.citizen is not None:
            self.tasks.spawn(self._load())
        elif not online:
            self.outcome = None
            self.retranslate()

    def _open(self, key: str) -> None:
        routes: dict[str, tuple[Route, Any]] = {
            "latest": (Route.MY_REQUESTS, "latest"),
            "all": (Route.MY_REQUESTS, "all"),
            "unread": (Route.MY_REQUESTS, "unread"),
            "appointments": (Route.MY_REQUESTS, "appointments"),
            "contacts": (Route.DASHBOARD, "contacts"),
            "me": (Route.DASHBOARD, ContactsFor(None)),
            "profile": (Route.PROFILE, None),
            "attach": (Route.ATTACH, None),
            "catalogue": (Route.DOMAINS, None),
            "documents": (Route.COMING_SOON, "my_documents"),
            "news": (Route.COMING_SOON, "my_news"),
        }
        routes.update(
            {slug: (Route.PROCEDURE, procedure_params(slug, self.relative)) for slug, _ in CONTACT_PROCEDURES}
        )
        self.navigate_requested.emit(*routes[key])

    # -- texts ---------------------------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Coordonnées") if self.view != "tiles" else self.tr("Mon tableau de bord")

    def status_text(self) -> str:
        if self.view == "contacts" and self._asking:
            return self.tr("Chargement de votre profil…")
        if self.view != "tiles" or self.outcome is not None:
            return ""
        if self._dashboard() is None and self.ctx.ready:
            return self.tr("Votre tableau de bord n'est pas disponible sur cette borne.")
        if not self.ctx.online or self._failed:
            return self.tr(
                "La borne n'est pas reliée à la mairie pour le moment : vos demandes, vos échanges et vos "
                "rendez-vous ne peuvent pas être affichés. Les démarches restent possibles."
            )
        return self.tr("Chargement de vos demandes…")

    def retranslate(self) -> None:
        if self.view == "for_whom":
            self.set_heading(
                self.tr("Coordonnées"),
                self.tr("Pour qui ? Vos coordonnées, ou celles d'un membre de votre famille."),
            )
        elif self.view == "contacts" and self.relative is not None:
            self.set_heading(
                self.tr("Coordonnées"),
                self.tr(
                    "Quelles coordonnées de %1 voulez-vous changer ? La démarche correspondante s'ouvre, pour %1."
                ).replace("%1", self.relative.name()),
            )
        elif self.view == "contacts":
            self.set_heading(
                self.tr("Coordonnées"),
                self.tr("Quelles coordonnées voulez-vous changer ? La démarche correspondante s'ouvre."),
            )
        else:
            # The header greets the citizen by name already.
            self.set_heading(
                self.tr("Mon tableau de bord"),
                self.tr("Touchez une dalle pour suivre vos demandes ou en faire une."),
            )
        self.set_status(self.status_text())
        board = self.outcome.dashboard if self.outcome is not None else None

        def count(number: int) -> str:  # a badge: none for nothing, nor before central answered
            return str(number) if board is not None and number else ""

        current = [r for r in board.requests if not r.archived] if board is not None else []
        texts = {
            "latest": (self.tr("Dernières demandes"), self.tr("Vos 4 dernières demandes"), ""),
            "all": (
                self.tr("Voir toutes mes demandes"),
                count_text(len(current), self.tr("%1 demande en cours"), self.tr("%1 demandes en cours"))
                if board is not None
                else self.tr("En cours et archivées"),
                "",
            ),
            "unread": (
                self.tr("Échanges à lire"),
                self.tr("Les messages de la mairie"),
                count(board.unread_messages if board is not None else 0),
            ),
            "appointments": (
                self.tr("Rendez-vous proches"),
                self.tr("Vos rendez-vous à venir"),
                count(board.upcoming_appointments if board is not None else 0),
            ),
            "contacts": (self.tr("Coordonnées"), self.tr("Adresse, téléphone, courriel"), ""),
            "profile": (self.tr("Mon profil"), self.tr("Identité, famille, clé enfance"), ""),
            "attach": (self.tr("Rattacher une demande"), self.tr("Avec son code de suivi"), ""),
            "catalogue": (self.tr("Toutes les démarches"), self.tr("Faire une demande à la mairie"), ""),
            "documents": (self.tr("Mes pièces"), self.tr("Vos pièces justificatives"), ""),
            "news": (self.tr("Mes actualités"), self.tr("Les actualités de la mairie pour vous"), ""),
            "changement-adresse": (self.tr("Changement d'adresse"), self.tr("Adresses postales"), ""),
            "changement-telephone": (self.tr("Changement de téléphone"), self.tr("Numéros de téléphone"), ""),
            "changement-courriel": (self.tr("Changement de courriel"), self.tr("Adresses de courriel"), ""),
        }
        texts["me"] = (self.tr("Moi"), self.tr("Mes coordonnées"), "")
        for key, (title, subtitle, badge) in texts.items():
            self._tiles[key].set_texts(title, subtitle, badge)
        for relative, tile in self.relatives:
            tile.set_texts(relative.name(), self.tr("Membre de ma famille"), "")
        for key in ("documents", "news"):
            self._tiles[key].set_soon(self.tr("Bientôt disponible"))

    def help_text(self) -> str:
        return self.tr(
            "Votre tableau de bord : touchez « Dernières demandes » ou « Voir toutes mes demandes » pour suivre une "
            "demande, « Échanges à lire » pour les messages de la mairie. Les pastilles comptent ce qui vous attend. "
            "Touchez « Se déconnecter » en partant."
        )
