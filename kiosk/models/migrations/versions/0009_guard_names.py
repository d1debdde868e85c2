"""The code guards' state, one row per guard by name: the tracking codes' and now the agents' code's.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30

``tracking_guard`` held the tracking-code guard's one row (``id`` = 1). ``guard_state`` holds a row per guard,
keyed by its name (``kiosk.models.guard_repository``): the existing row is kept as the tracking guard's
("tracking"), so that an upgrade does not lift a block under way.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "guard_state",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("failures_json", sa.Text(), nullable=False),
        sa.Column("blocked_until", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_guard_state")),
    )
    op.execute(
        "INSERT INTO guard_state (name, failures_json, blocked_until) "
        "SELECT 'tracking', failures_json, blocked_until FROM tracking_guard WHERE id = 1"
    )
    op.drop_table("tracking_guard")


def downgrade() -> None:
    op.create_table(
        "tracking_guard",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("failures_json", sa.Text(), nullable=False),
        sa.Column("blocked_until", sa.Float(), nullable=True),
        sa.CheckConstraint("id = 1", name=op.f("ck_tracking_guard_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tracking_guard")),
    )
    # The agents' wait has no place there: it is dropped (the next wrong agent code starts a new one).
    op.execute(
        "INSERT INTO tracking_guard (id, failures_json, blocked_until) "
        "SELECT 1, failures_json, blocked_until FROM guard_state WHERE name = 'tracking'"
    )
    op.drop_table("guard_state")
