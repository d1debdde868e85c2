"""The mail outbox: acknowledgements queued in the transaction that creates the request, sent after commit.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30

Hand-written and checked against the models by tests/central/test_schema.py. UNIQUE (request, kind): a request
gets at most one mail of a kind, whatever replays or races happen. ``claimed_until`` lets one sender at a time
take a mail (several workers may run a sender), ``next_attempt_at`` spaces the retries, ``failed_at`` marks a
mail the server refused for good.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "mail",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("message_id", sa.String(length=200), nullable=False),
        sa.Column("recipient", sa.String(length=320), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body_text", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(length=200), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["request_id"], ["request.id"], name=op.f("fk_mail_request_id_request"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail")),
        sa.UniqueConstraint("request_id", "kind", name=op.f("uq_mail_request_id")),
        sa.UniqueConstraint("message_id", name=op.f("uq_mail_message_id")),
    )
    op.create_index("ix_mail_pending", "mail", ["sent_at", "next_attempt_at"])


def downgrade() -> None:
    op.drop_index("ix_mail_pending", table_name="mail")
    op.drop_table("mail")
