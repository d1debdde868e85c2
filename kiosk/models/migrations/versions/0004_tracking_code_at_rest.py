"""Tracking codes at rest: the request keeps a keyed hash of its code, and the code guard keeps its state.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

``request.tracking_code`` (the code in clear) becomes ``request.tracking_code_hash``: HMAC-SHA256 of the code with
the kiosk's key (``kiosk.models.tracking_key``, a file beside the cache, made here if the cache already holds
requests). The unsent outbox payloads keep the code: central needs it. The table is rebuilt (SQLite cannot drop a
column under a UNIQUE constraint), so the old pages are freed, and ``secure_delete`` zeroes them.

``tracking_guard`` is new: one row holding the tracking-code guard's recent failures and block across restarts.

There is no way back for a cache holding requests: a hash does not give its code back.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import op

from kiosk.models.tracking_key import code_digest, load_tracking_key

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _hash_existing_codes() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, tracking_code FROM request")).all()
    if not rows:
        return  # a cache with no request needs no key yet: the kiosk makes it when it starts its services
    database = bind.engine.url.database
    if not database:
        raise RuntimeError("migration 0004 needs the cache's file to find its tracking key")
    key = load_tracking_key(Path(database))
    for row_id, code in rows:
        bind.execute(
            sa.text("UPDATE request SET tracking_code_hash = :digest WHERE id = :id"),
            {"digest": code_digest(key, code), "id": row_id},
        )


def upgrade() -> None:
    op.add_column("request", sa.Column("tracking_code_hash", sa.String(length=64), nullable=True))
    _hash_existing_codes()
    with op.batch_alter_table("request", recreate="always") as batch:
        batch.drop_constraint(op.f("uq_request_tracking_code"), type_="unique")
        batch.drop_column("tracking_code")
        batch.alter_column("tracking_code_hash", existing_type=sa.String(length=64), nullable=False)
        batch.create_unique_constraint(op.f("uq_request_tracking_code_hash"), ["tracking_code_hash"])
    op.create_table(
        "tracking_guard",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("failures_json", sa.Text(), nullable=False),
        sa.Column("blocked_until", sa.Float(), nullable=True),
        sa.CheckConstraint("id = 1", name=op.f("ck_tracking_guard_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tracking_guard")),
    )


def downgrade() -> None:
    op.drop_table("tracking_guard")
    if op.get_bind().execute(sa.text("SELECT count(*) FROM request")).scalar():
        raise RuntimeError("cannot downgrade below 0004 with requests stored: their codes are kept as hashes only")
    with op.batch_alter_table("request", recreate="always") as batch:
        batch.drop_constraint(op.f("uq_request_tracking_code_hash"), type_="unique")
        batch.drop_column("tracking_code_hash")
        batch.add_column(sa.Column("tracking_code", sa.String(length=8), nullable=False))
        batch.create_unique_constraint(op.f("uq_request_tracking_code"), ["tracking_code"])
