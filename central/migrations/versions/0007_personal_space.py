"""The personal space: the citizen's profile, the families of the clés enfance, the requests of an account and the
messages they read, the attach grants of the log-ins, the attempts at a clé enfance.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30

Hand-written and checked against the models by tests/central/test_schema.py.
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
    op.add_column("account", sa.Column("profile_json", sa.Text(), nullable=True))
    op.create_table(
        "family",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_digest", sa.String(length=64), nullable=False),
        sa.Column("key_hint", sa.String(length=20), nullable=False),
        sa.Column("members_json", sa.Text(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_family_account_id_account"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_family")),
        sa.UniqueConstraint("key_digest", name=op.f("uq_family_key_digest")),
        sa.UniqueConstraint("account_id", name=op.f("uq_family_account_id")),
    )
    op.create_table(
        "attach_grant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("kiosk_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_attach_grant_account_id_account"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["kiosk_id"], ["kiosk.id"], name=op.f("fk_attach_grant_kiosk_id_kiosk"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attach_grant")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_attach_grant_token_hash")),
    )
    op.create_index(op.f("ix_attach_grant_account_id"), "attach_grant", ["account_id"])
    op.create_index(op.f("ix_attach_grant_expires_at"), "attach_grant", ["expires_at"])
    op.create_table(
        "child_key_attempt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_child_key_attempt_account_id_account"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_child_key_attempt")),
    )
    op.create_index("ix_child_key_attempt_account", "child_key_attempt", ["account_id", "at"])
    with op.batch_alter_table("request") as batch:
        batch.add_column(sa.Column("account_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("read_upto_event_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_request_account_id_account"), "account", ["account_id"], ["id"], ondelete="SET NULL"
        )
        batch.create_index("ix_request_account_slug", ["account_id", "procedure_slug", "created_at"])


def downgrade() -> None:
    with op.batch_alter_table("request") as batch:
        batch.drop_index("ix_request_account_slug")
        batch.drop_constraint(op.f("fk_request_account_id_account"), type_="foreignkey")
        batch.drop_column("read_upto_event_id")
        batch.drop_column("account_id")
    op.drop_index("ix_child_key_attempt_account", table_name="child_key_attempt")
    op.drop_table("child_key_attempt")
    op.drop_index(op.f("ix_attach_grant_expires_at"), table_name="attach_grant")
    op.drop_index(op.f("ix_attach_grant_account_id"), table_name="attach_grant")
    op.drop_table("attach_grant")
    op.drop_table("family")
    op.drop_column("account", "profile_json")
