"""The outbox grows what pushing to central needs; a request keeps central's number.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03

``outbox`` gains the retry schedule (``next_attempt_at``), the dead letter (``dead_at``, ``dead_reason``) and
central's answer (``answer_json``); ``attempts``, ``last_error`` and ``sent_at`` were there from 0002. Its
``kind`` loses the CHECK list: the kinds later issues add are validated by the code that reads them, so adding
one never rebuilds this table again (this rebuild is the last). An op is sent or dead, never both.

``request.number`` is the town's number (e.g. "2026-000042"), NULL until central has acknowledged the request.
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
    with op.batch_alter_table("outbox", recreate="always") as batch:
        batch.drop_constraint(op.f("ck_outbox_kind"), type_="check")
        batch.add_column(sa.Column("next_attempt_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("dead_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("dead_reason", sa.Text(), nullable=True))
        batch.add_column(sa.Column("answer_json", sa.Text(), nullable=True))
        batch.create_check_constraint(op.f("ck_outbox_settled_once"), "sent_at IS NULL OR dead_at IS NULL")
    op.add_column("request", sa.Column("number", sa.String(length=20), nullable=True))


def downgrade() -> None:
    op.drop_column("request", "number")
    later_kinds = sa.text("SELECT count(*) FROM outbox WHERE kind NOT IN ('request.submit', 'request.cancel')")
    if op.get_bind().execute(later_kinds).scalar():
        raise RuntimeError("cannot downgrade below 0005: the outbox holds op kinds that 0004 does not allow")
    with op.batch_alter_table("outbox", recreate="always") as batch:
        batch.drop_constraint(op.f("ck_outbox_settled_once"), type_="check")
        batch.drop_column("answer_json")
        batch.drop_column("dead_reason")
        batch.drop_column("dead_at")
        batch.drop_column("next_attempt_at")
        batch.create_check_constraint(op.f("ck_outbox_kind"), "kind IN ('request.submit', 'request.cancel')")
