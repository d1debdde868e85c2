"""An op whose last try got no answer says so in a column of its own.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30

``outbox.unreachable``: the op's last try found no central at all (no connection), so its wait is the kiosk's own
backoff, which the network coming back cancels (``sync.push.PushEngine.drain(reconnected=True)``). It was read
back from the text of ``last_error`` before; that text is for people, not for deciding.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("outbox", sa.Column("unreachable", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("unreachable")
