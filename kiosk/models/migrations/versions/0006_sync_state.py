"""What pulling from central keeps: a cursor per scope, the version of every entity central sent, the opening hours.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30

``sync_state`` holds, per scope (catalogue, slots, requests), central's opaque cursor and the ETag of the last
page, written in the same transaction as the page they follow. ``generation`` counts the full snapshots taken;
``snapshotting`` is set while one is under way (it spans pages, and a kiosk may stop between two of them).

``sync_entity`` is the newest version of each entity central sent, tombstones included, so a page applied twice
or an older change never undoes a newer one; ``generation`` is the snapshot that last saw it, so what a
snapshot did not send can be removed at its end.

``opening_hours`` is the one row of opening hours central sends (the slots scope); without it the kiosk reads
its TOML file as before.

``request_event.central_position`` is the place of an event in central's history of the request (NULL for the
events this kiosk wrote itself): an event already copied is never copied again.
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
        "sync_state",
        sa.Column("scope", sa.String(length=20), nullable=False),
        sa.Column("cursor", sa.Text(), nullable=True),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("generation", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("snapshotting", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("updated", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("scope", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "sync_entity",
        sa.Column("scope", sa.String(length=20), nullable=False),
        sa.Column("entity_id", sa.String(length=120), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("scope", "entity_id", name=op.f("pk_sync_entity")),
    )
    op.create_table(
        "opening_hours",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("hours_json", sa.Text(), nullable=False),
        sa.Column("updated", sa.DateTime(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_opening_hours_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opening_hours")),
    )
    op.add_column("request_event", sa.Column("central_position", sa.Integer(), nullable=True))
    op.create_index(
        op.f("uq_request_event_central_position"),
        "request_event",
        ["request_id", "central_position"],
        unique=True,
    )


def downgrade() -> None:
    op.drop_index(op.f("uq_request_event_central_position"), table_name="request_event")
    with op.batch_alter_table("request_event", recreate="always") as batch:
        batch.drop_column("central_position")
    op.drop_table("opening_hours")
    op.drop_table("sync_entity")
    op.drop_table("sync_state")
