"""Citizens' accounts: the accounts, the links mailed to them, their access tokens, the log-in attempts; mails
that belong to no request.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30

Hand-written and checked against the models by tests/central/test_schema.py. ``mail.request_id`` becomes
nullable: an account's mails (finalise the registration, reset the password) go through the same outbox, and an
index on (recipient, kind, created_at) finds the last one of a kind to an address (one mail a minute).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("mail") as batch:
        batch.alter_column("request_id", existing_type=sa.Integer(), nullable=True)
    op.create_index("ix_mail_recipient", "mail", ["recipient", "kind", "created_at"])
    op.create_table(
        "account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("email_key", sa.String(length=254), nullable=False),
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=True),
        sa.Column("shared", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("shared_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("password_changed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("state IN ('pending', 'active')", name=op.f("ck_account_state")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account")),
        sa.UniqueConstraint("email_key", name=op.f("uq_account_email_key")),
    )
    op.create_table(
        "account_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=20), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("purpose IN ('finalise', 'reset')", name=op.f("ck_account_link_purpose")),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_account_link_account_id_account"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_link")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_account_link_token_hash")),
    )
    op.create_index(op.f("ix_account_link_account_id"), "account_link", ["account_id"])
    op.create_table(
        "citizen_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("kiosk_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_citizen_session_account_id_account"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["kiosk_id"], ["kiosk.id"], name=op.f("fk_citizen_session_kiosk_id_kiosk"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_citizen_session")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_citizen_session_token_hash")),
    )
    op.create_index(op.f("ix_citizen_session_account_id"), "citizen_session", ["account_id"])
    op.create_table(
        "login_attempt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kiosk_id", sa.Integer(), nullable=False),
        sa.Column("email_digest", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["kiosk_id"], ["kiosk.id"], name=op.f("fk_login_attempt_kiosk_id_kiosk"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_attempt")),
    )
    op.create_index("ix_login_attempt_kiosk", "login_attempt", ["kiosk_id", "at"])
    op.create_index("ix_login_attempt_email", "login_attempt", ["email_digest", "at"])
    op.create_index(op.f("ix_login_attempt_at"), "login_attempt", ["at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_login_attempt_at"), table_name="login_attempt")
    op.drop_index("ix_login_attempt_email", table_name="login_attempt")
    op.drop_index("ix_login_attempt_kiosk", table_name="login_attempt")
    op.drop_table("login_attempt")
    op.drop_index(op.f("ix_citizen_session_account_id"), table_name="citizen_session")
    op.drop_table("citizen_session")
    op.drop_index(op.f("ix_account_link_account_id"), table_name="account_link")
    op.drop_table("account_link")
    op.drop_table("account")
    op.drop_index("ix_mail_recipient", table_name="mail")
    op.execute("DELETE FROM mail WHERE request_id IS NULL")
    with op.batch_alter_table("mail") as batch:
        batch.alter_column("request_id", existing_type=sa.Integer(), nullable=False)
