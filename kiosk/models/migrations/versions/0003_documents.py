"""One word for a file a visitor attaches, from the picker to the table: "document".

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30

``request_attachment`` becomes ``request_document`` (rebuilt, so that its constraints carry the new table's name),
and the history's event kind "attachment" becomes "document" (codes "attachment_added"/"attachment_removed" become
"document_added"/"document_removed"). The CHECK on the kind is dropped before the rows change and written again
after: SQLite checks it on every row a rebuild copies. The sets are written out here on purpose, as in 0002.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OLD_KINDS = "kind IN ('operation', 'attachment', 'exchange', 'appointment')"
_NEW_KINDS = "kind IN ('operation', 'document', 'exchange', 'appointment')"
_COLUMNS = "id, request_id, field_id, position, filename, media_type, size, sha256, content"


def _files_table(name: str) -> None:
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("field_id", sa.String(length=60), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("filename", sa.Text(), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.CheckConstraint("position BETWEEN 1 AND 4", name=op.f(f"ck_{name}_position")),
        sa.ForeignKeyConstraint(
            ["request_id"], ["request.id"], name=op.f(f"fk_{name}_request_id_request"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")),
        sa.UniqueConstraint("request_id", "field_id", "position", name=op.f(f"uq_{name}_request_id")),
    )


def _move_files(source: str, target: str) -> None:
    _files_table(target)
    op.execute(f"INSERT INTO {target} ({_COLUMNS}) SELECT {_COLUMNS} FROM {source}")
    op.drop_table(source)


def _rename_kind(old: str, new: str, check: str) -> None:
    with op.batch_alter_table("request_event", recreate="always") as batch:
        batch.drop_constraint(op.f("ck_request_event_kind"), type_="check")
    op.execute(f"UPDATE request_event SET kind = '{new}' WHERE kind = '{old}'")
    for action in ("added", "removed"):
        op.execute(f"UPDATE request_event SET code = '{new}_{action}' WHERE code = '{old}_{action}'")
    with op.batch_alter_table("request_event", recreate="always") as batch:
        batch.create_check_constraint(op.f("ck_request_event_kind"), sa.text(check))


def upgrade() -> None:
    _move_files("request_attachment", "request_document")
    _rename_kind("attachment", "document", _NEW_KINDS)


def downgrade() -> None:
    _rename_kind("document", "attachment", _OLD_KINDS)
    _move_files("request_document", "request_attachment")
