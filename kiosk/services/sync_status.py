"""Where the kiosk stands with central, as the views read it (``kiosk.services.sync_service.SyncService`` makes it).
Its own module so that the views may name it without importing the network side of ``sync``."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["SyncStatus"]


@dataclass(frozen=True, slots=True)
class SyncStatus:
    online: bool = False
    waiting: int = 0  # requests with an op neither sent nor refused
    unauthorized: bool = False  # central refused this kiosk's device token: the operator's business, not a citizen's
