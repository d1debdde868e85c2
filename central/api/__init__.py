"""Central's HTTP API (``/v1``), built on the wire models of ``sync.protocol``."""

from central.api.app import app_from_environment, create_app

__all__ = ["app_from_environment", "create_app"]
