"""Which page each route shows, and what the window hears from a page beyond "go there" and "go back".

Pages other than home are imported on their first visit, never at the top of this module: their modules pull
in the catalogue schema (pydantic) and more, which the first paint of the home screen must not wait for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.views.context import ViewContext
from kiosk.views.navigator import PageFactory, Route
from kiosk.views.pages.base import Page
from kiosk.views.pages.home import HomePage

if TYPE_CHECKING:
    from kiosk.views.session import VisitorSession


@dataclass(frozen=True, slots=True)
class PageLinks:
    """What the window does when a page asks for more than a route.

    ``start_procedure(slug)``: a visitor asked to fill this procedure ("La démarche").
    ``storing(busy)``: the wizard began or finished storing a request (the window locks its header meanwhile).
    ``finish_session()``: the visitor is done (the confirmation's "Terminer").
    ``visitor()``: the visitor's session, which holds the logged-in citizen ("Mon espace").
    """

    start_procedure: Callable[[str], None]
    storing: Callable[[bool], None]
    finish_session: Callable[[], None]
    visitor: Callable[[], VisitorSession]


def page_factories(ctx: ViewContext, links: PageLinks) -> dict[Route, PageFactory]:
    """One builder per route, for the navigator."""

    def domains() -> Page:
        from kiosk.views.pages.catalogue_pages import DomainsPage

        return DomainsPage(ctx)

    def procedures() -> Page:
        from kiosk.views.pages.catalogue_pages import ProceduresPage

        return ProceduresPage(ctx)

    def procedure() -> Page:
        from kiosk.views.pages.procedure import ProcedurePage

        page = ProcedurePage(ctx, links.visitor())
        page.start_requested.connect(links.start_procedure)
        return page

    def search() -> Page:
        from kiosk.views.pages.search import SearchPage

        return SearchPage(ctx)

    def coming_soon() -> Page:
        from kiosk.views.pages.coming_soon import ComingSoonPage

        return ComingSoonPage(ctx)

    def wizard() -> Page:
        from kiosk.views.pages.wizard.page import WizardPage

        page = WizardPage(ctx, links.visitor())
        page.busy_changed.connect(links.storing)
        return page

    def confirmation() -> Page:
        from kiosk.views.pages.confirmation import ConfirmationPage

        page = ConfirmationPage(ctx)
        page.finished.connect(links.finish_session)
        return page

    def find_request() -> Page:
        from kiosk.views.pages.find_request import FindRequestPage

        return FindRequestPage(ctx, ctx.tracking_guard)

    def follow_up() -> Page:
        from kiosk.views.pages.follow_up import FollowUpPage

        return FollowUpPage(ctx, links.visitor())

    def attach() -> Page:
        from kiosk.views.pages.attach import AttachPage

        return AttachPage(ctx, links.visitor(), ctx.tracking_guard)

    def agent() -> Page:
        from kiosk.views.pages.agent import AgentPage

        return AgentPage(ctx)

    def account() -> Page:
        from kiosk.views.pages.account import AccountPage

        return AccountPage(ctx, links.visitor())

    def profile() -> Page:
        from kiosk.views.pages.profile import ProfilePage

        return ProfilePage(ctx, links.visitor())

    def dashboard() -> Page:
        from kiosk.views.pages.dashboard import DashboardPage

        return DashboardPage(ctx, links.visitor())

    def my_requests() -> Page:
        from kiosk.views.pages.my_requests import MyRequestsPage

        return MyRequestsPage(ctx, links.visitor())

    return {
        Route.HOME: lambda: HomePage(ctx, links.visitor()),
        Route.DOMAINS: domains,
        Route.PROCEDURES: procedures,
        Route.PROCEDURE: procedure,
        Route.SEARCH: search,
        Route.COMING_SOON: coming_soon,
        Route.WIZARD: wizard,
        Route.CONFIRMATION: confirmation,
        Route.FIND_REQUEST: find_request,
        Route.FOLLOW_UP: follow_up,
        Route.AGENT: agent,
        Route.ACCOUNT: account,
        Route.PROFILE: profile,
        Route.DASHBOARD: dashboard,
        Route.MY_REQUESTS: my_requests,
        Route.ATTACH: attach,
    }
