"""The log-in from the phone: the device authorizations the kiosks ask for (RFC 8628).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30

Hand-written and checked against the models by tests/central/test_schema.py.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "device_authorization",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kiosk_id", sa.Integer(), nullable=False),
        sa.Column("device_code_hash", sa.String(length=64), nullable=False),
        sa.Column("user_code_digest", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("interval_s", sa.Integer(), nullable=False),
        sa.Column("polled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("approval_hash", sa.String(length=64), nullable=True),
        sa.Column("logged_in_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "state IN ('pending', 'approved', 'denied', 'issued')", name=op.f("ck_device_authorization_state")
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_device_authorization_account_id_account"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["kiosk_id"], ["kiosk.id"], name=op.f("fk_device_authorization_kiosk_id_kiosk"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_device_authorization")),
        sa.UniqueConstraint("device_code_hash", name=op.f("uq_device_authorization_device_code_hash")),
        sa.UniqueConstraint("user_code_digest", name=op.f("uq_device_authorization_user_code_digest")),
    )
    op.create_index(op.f("ix_device_authorization_kiosk_id"), "device_authorization", ["kiosk_id"])
    op.create_index(op.f("ix_device_authorization_expires_at"), "device_authorization", ["expires_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_device_authorization_expires_at"), table_name="device_authorization")
    op.drop_index(op.f("ix_device_authorization_kiosk_id"), table_name="device_authorization")
    op.drop_table("device_authorization")
