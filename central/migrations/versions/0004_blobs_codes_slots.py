"""Attachments by content hash, the tracking-code pool, rate-limited look-ups, and appointment bookings.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30

Hand-written and checked against the models by tests/central/test_schema.py. Requests received before this
migration keep their documents in ``documents_json`` only (no blob link) and their appointment unbooked: the
bookings start with the next submission.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "blob",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_blob")),
    )
    op.create_table(
        "request_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("field_id", sa.String(length=80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"], ["request.id"], name=op.f("fk_request_document_request_id_request"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["sha256"], ["blob.sha256"], name=op.f("fk_request_document_sha256_blob"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request_document")),
        sa.UniqueConstraint("request_id", "field_id", "position", name=op.f("uq_request_document_request_id")),
    )
    op.create_index(op.f("ix_request_document_sha256"), "request_document", ["sha256"])
    op.create_table(
        "tracking_code_lease",
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("kiosk_id", sa.Integer(), nullable=False),
        sa.Column("leased_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["kiosk_id"], ["kiosk.id"], name=op.f("fk_tracking_code_lease_kiosk_id_kiosk"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("digest", name=op.f("pk_tracking_code_lease")),
    )
    op.create_index("ix_tracking_code_lease_unused", "tracking_code_lease", ["kiosk_id", "used_at"])
    op.create_table(
        "lookup_attempt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kiosk_id", sa.Integer(), nullable=False),
        sa.Column("code_digest", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["kiosk_id"], ["kiosk.id"], name=op.f("fk_lookup_attempt_kiosk_id_kiosk"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lookup_attempt")),
    )
    op.create_index("ix_lookup_attempt_kiosk", "lookup_attempt", ["kiosk_id", "at"])
    op.create_index("ix_lookup_attempt_code", "lookup_attempt", ["code_digest", "at"])
    op.create_index(op.f("ix_lookup_attempt_at"), "lookup_attempt", ["at"])
    op.create_table(
        "appointment_booking",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("counter", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"], ["request.id"], name=op.f("fk_appointment_booking_request_id_request"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointment_booking")),
        sa.UniqueConstraint("request_id", name=op.f("uq_appointment_booking_request_id")),
        sa.UniqueConstraint("starts_at", "counter", name=op.f("uq_appointment_booking_starts_at")),
    )


def downgrade() -> None:
    op.drop_table("appointment_booking")
    op.drop_index(op.f("ix_lookup_attempt_at"), table_name="lookup_attempt")
    op.drop_index("ix_lookup_attempt_code", table_name="lookup_attempt")
    op.drop_index("ix_lookup_attempt_kiosk", table_name="lookup_attempt")
    op.drop_table("lookup_attempt")
    op.drop_index("ix_tracking_code_lease_unused", table_name="tracking_code_lease")
    op.drop_table("tracking_code_lease")
    op.drop_index(op.f("ix_request_document_sha256"), table_name="request_document")
    op.drop_table("request_document")
    op.drop_table("blob")
