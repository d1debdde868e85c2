"""Alembic migrations of central's database, run by ``central db upgrade`` (central.db.migrate)."""
