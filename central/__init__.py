"""The central service the kiosks sync with: its HTTP API (central.api), database (central.models, Alembic
migrations in central.migrations), the ops it applies exactly once (central.ops), the agents' back office
(central.backoffice) and its command line (central.cli)."""
