"""Catalogue: domains, procedures (current revision), every revision ever loaded, and the last load.

Revision ID: 0001
Revises:
Create Date: 2026-11-29

Hand-checked against autogenerate. Datetimes are plain DATETIME here: the ORM's UtcDateTime stores naive UTC
in them, and a migration must not import application types that may change later.
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
        "domain",
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("icon", sa.String(length=80), nullable=False),
        sa.Column("title_fr", sa.Text(), nullable=False),
        sa.Column("title_en", sa.Text(), nullable=True),
        sa.Column("definition_json", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("slug", name=op.f("pk_domain")),
    )
    op.create_table(
        "procedure",
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("domain_slug", sa.String(length=80), nullable=False),
        sa.Column("title_fr", sa.Text(), nullable=False),
        sa.Column("title_en", sa.Text(), nullable=True),
        sa.Column("definition_json", sa.Text(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["domain_slug"],
            ["domain.slug"],
            name=op.f("fk_procedure_domain_slug_domain"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("slug", name=op.f("pk_procedure")),
    )
    op.create_index(op.f("ix_procedure_domain_slug"), "procedure", ["domain_slug"], unique=False)
    op.create_table(
        "procedure_revision",
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("definition_json", sa.Text(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("slug", "revision", name=op.f("pk_procedure_revision")),
    )
    op.create_table(
        "catalogue_state",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_catalogue_state_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_state")),
    )


def downgrade() -> None:
    op.drop_table("catalogue_state")
    op.drop_table("procedure_revision")
    op.drop_index(op.f("ix_procedure_domain_slug"), table_name="procedure")
    op.drop_table("procedure")
    op.drop_table("domain")
