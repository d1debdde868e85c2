"""The catalogue's revisions and the change log the kiosks pull (scopes catalogue, slots, requests).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30

Hand-written and checked against the models by tests/central/test_schema.py. The existing requests get no entry:
the requests scope starts with the next change of each (a kiosk already holds what it sent).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "procedure_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("content_json", sa.Text(), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_procedure_revision")),
        sa.UniqueConstraint("slug", "revision", name=op.f("uq_procedure_revision_slug")),
    )
    op.create_table(
        "procedure",
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("live_revision", sa.Integer(), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("slug", name=op.f("pk_procedure")),
    )
    op.create_table(
        "sync_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=20), nullable=False),
        sa.Column("entity_id", sa.String(length=120), nullable=False),
        sa.Column("kiosk_id", sa.Integer(), nullable=True),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("data_json", sa.Text(), nullable=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("scope IN ('catalogue', 'slots', 'requests')", name=op.f("ck_sync_entry_scope")),
        sa.CheckConstraint("deleted = (data_json IS NULL)", name=op.f("ck_sync_entry_tombstone")),
        sa.ForeignKeyConstraint(
            ["kiosk_id"], ["kiosk.id"], name=op.f("fk_sync_entry_kiosk_id_kiosk"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_entry")),
        sa.UniqueConstraint("scope", "entity_id", name=op.f("uq_sync_entry_scope")),
        sa.UniqueConstraint("scope", "seq", name=op.f("uq_sync_entry_scope_seq")),
    )
    op.create_index("ix_sync_entry_kiosk_seq", "sync_entry", ["kiosk_id", "seq"])


def downgrade() -> None:
    op.drop_index("ix_sync_entry_kiosk_seq", table_name="sync_entry")
    op.drop_table("sync_entry")
    op.drop_table("procedure")
    op.drop_table("procedure_revision")
