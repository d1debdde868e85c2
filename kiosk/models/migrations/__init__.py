"""Alembic migrations of the local cache, run by :func:`kiosk.models.db.migrate`."""
