"""The look-up of a code on central as the kiosk's service reads central's answers (issue 9, item 8), against a
real central: an unknown code, central's rate limit (429 → "blocked" with its Retry-After), and no call at all
while the kiosk is offline."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from central.codes import draw_code
from central.lookup import PER_CODE
from kiosk.models.repositories import CatalogueRepository
from kiosk.services.catalogue import CatalogueService
from kiosk.services.central_lookup import CentralRequestLookup
from kiosk.services.executors import DbExecutor, Worker
from kiosk.services.lookup_outcomes import LookupOutcome
from sync.client import CentralClient
from tests.central.conftest import Central
from tests.sync.conftest import Registered
from tests.sync.kiosk_cache import KioskCache


def outcomes(
    cache: KioskCache, url: str, token: str, codes: list[str], online: Callable[[], bool]
) -> list[LookupOutcome]:
    async def main() -> list[LookupOutcome]:
        db, network = DbExecutor(), Worker("kiosk-net")
        try:
            catalogue = CatalogueService(CatalogueRepository(cache.sessions), db)
            lookup = CentralRequestLookup(CentralClient(url, token), network, catalogue, online)
            return [await lookup.find(code) for code in codes]
        finally:
            network.shutdown()
            db.shutdown()

    return asyncio.run(main())


def test_central_rate_limit_blocks_the_lookup_with_its_wait(
    cache: KioskCache, kiosk: Registered, server: Central
) -> None:
    code = draw_code()
    found = outcomes(cache, server.url, kiosk.token, [code] * (PER_CODE.free + 1), lambda: True)

    assert [o.result for o in found] == ["unknown"] * PER_CODE.free + ["blocked"]
    assert found[-1].retry_after >= 1


def test_offline_the_kiosk_does_not_ask_central(cache: KioskCache, kiosk: Registered, server: Central) -> None:
    found = outcomes(cache, server.url, kiosk.token, [draw_code()], lambda: False)

    assert [o.result for o in found] == ["offline"]
