"""The pool of tracking codes central leased to this kiosk (issue 9, item 5).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30

``leased_code`` holds each leased code in clear until a request takes it: the kiosk must print it, and a digest
cannot be printed. The pool stays small (``kiosk.models.code_pool``) and a code leaves it in the transaction
that stores its request, whose row keeps only the keyed digest.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "leased_code",
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("leased_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_leased_code")),
    )


def downgrade() -> None:
    op.drop_table("leased_code")
