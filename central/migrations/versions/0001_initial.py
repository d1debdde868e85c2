"""Central's first schema: kiosks, their ops, the requests, their history and the counters.

Revision ID: 0001
Revises:
Create Date: 2026-11-30

Hand-written and checked against the models by tests/central/test_migrations.py (no difference on SQLite or
PostgreSQL). The status and event-kind sets are written out: a migration records the schema as it was.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "kiosk",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kiosk")),
        sa.UniqueConstraint("name", name=op.f("uq_kiosk_name")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_kiosk_token_hash")),
    )
    op.create_table(
        "counter",
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_counter")),
    )
    op.create_table(
        "operation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kiosk_id", sa.Integer(), nullable=False),
        sa.Column("op_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("response_json", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["kiosk_id"], ["kiosk.id"], name=op.f("fk_operation_kiosk_id_kiosk"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_operation")),
        sa.UniqueConstraint("kiosk_id", "op_id", name=op.f("uq_operation_kiosk_id")),
    )
    op.create_table(
        "request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_ref", sa.Uuid(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("kiosk_id", sa.Integer(), nullable=False),
        sa.Column("local_reference", sa.String(length=60), nullable=False),
        sa.Column("procedure_slug", sa.String(length=80), nullable=False),
        sa.Column("procedure_revision", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("answers_json", sa.Text(), nullable=False),
        sa.Column("requester_json", sa.Text(), nullable=False),
        sa.Column("appointment_json", sa.Text(), nullable=True),
        sa.Column("documents_json", sa.Text(), nullable=False),
        sa.Column("tracking_code_digest", sa.String(length=64), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('draft', 'submitted', 'in_progress', 'awaiting_you', 'accepted', 'refused', 'cancelled', "
            "'closed')",
            name=op.f("ck_request_status"),
        ),
        sa.ForeignKeyConstraint(
            ["kiosk_id"], ["kiosk.id"], name=op.f("fk_request_kiosk_id_kiosk"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request")),
        sa.UniqueConstraint("client_ref", name=op.f("uq_request_client_ref")),
        sa.UniqueConstraint("number", name=op.f("uq_request_number")),
    )
    op.create_index(op.f("ix_request_kiosk_id"), "request", ["kiosk_id"])
    op.create_index(op.f("ix_request_tracking_code_digest"), "request", ["tracking_code_digest"])
    op.create_table(
        "request_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('operation', 'document', 'exchange', 'appointment')", name=op.f("ck_request_event_kind")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"], ["request.id"], name=op.f("fk_request_event_request_id_request"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request_event")),
    )
    op.create_index(op.f("ix_request_event_request_id"), "request_event", ["request_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_request_event_request_id"), table_name="request_event")
    op.drop_table("request_event")
    op.drop_index(op.f("ix_request_tracking_code_digest"), table_name="request")
    op.drop_index(op.f("ix_request_kiosk_id"), table_name="request")
    op.drop_table("request")
    op.drop_table("operation")
    op.drop_table("counter")
    op.drop_table("kiosk")
