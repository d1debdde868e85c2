"""Typed ORM of the local cache. Definitions are stored as the pydantic JSON they were validated from."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, DateTime, Dialect, ForeignKey, Integer, String, Text, TypeDecorator
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.models.base import Base

SLUG_LENGTH = 80


class UtcDateTime(TypeDecorator[dt.datetime]):
    """An aware UTC datetime. SQLite has no time zones, so it is stored naive in UTC and made aware on read."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware datetime")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


class Domain(Base):
    """A métier. ``position`` keeps the order of the domains file."""

    __tablename__ = "domain"

    slug: Mapped[str] = mapped_column(String(SLUG_LENGTH), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    icon: Mapped[str] = mapped_column(String(SLUG_LENGTH))
    title_fr: Mapped[str] = mapped_column(Text)
    title_en: Mapped[str | None] = mapped_column(Text)
    definition_json: Mapped[str] = mapped_column(Text)


class Procedure(Base):
    """The current revision of each procedure in the catalogue."""

    __tablename__ = "procedure"

    slug: Mapped[str] = mapped_column(String(SLUG_LENGTH), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)
    domain_slug: Mapped[str] = mapped_column(
        String(SLUG_LENGTH), ForeignKey("domain.slug", ondelete="RESTRICT"), index=True
    )
    title_fr: Mapped[str] = mapped_column(Text)
    title_en: Mapped[str | None] = mapped_column(Text)
    definition_json: Mapped[str] = mapped_column(Text)
    # When this revision became the current one.
    loaded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class ProcedureRevision(Base):
    """Every revision ever loaded, immutable: a request pins one and must still be shown after it changes.

    No foreign key to ``procedure``: a revision outlives the procedure's removal from the catalogue.
    """

    __tablename__ = "procedure_revision"

    slug: Mapped[str] = mapped_column(String(SLUG_LENGTH), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, primary_key=True)
    definition_json: Mapped[str] = mapped_column(Text)
    loaded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class CatalogueState(Base):
    """Where the current catalogue came from and when: a single row (``id`` is always 1)."""

    __tablename__ = "catalogue_state"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    source: Mapped[str] = mapped_column(Text)
    loaded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
