"""Reading the change log: a page of a scope's changes after a cursor, in sequence (= commit) order.

The cursor is opaque to the kiosk: base64url of ``scope:position:floor``. ``position`` is the last sequence
number the kiosk has; ``floor`` is where tombstones start to matter. A normal cursor has floor = position. With
no cursor the kiosk gets a full snapshot of the live entries: the first page sets floor to the newest sequence
number then (or the highest pruned one), and tombstones at or below the floor are left out (the kiosk never had
those entities), while a tombstone above it (an entity deleted during the snapshot) is sent. A cursor whose floor
is below a pruned tombstone may have missed a deletion: 410, resync. A cursor ahead of the scope's counter comes
from another database (or one restored from a backup): 410 as well.

Every page is bounded above by the newest sequence number read first (``upper``): since numbers are assigned
under a lock held until commit, every entry at or below it is committed, so a page never holds n+1 while n is
still to come. On PostgreSQL the page is read in one REPEATABLE READ transaction (one snapshot for all its
statements); on SQLite every transaction is ``BEGIN IMMEDIATE`` and sees one state anyway.

The ETag names the page exactly (scope, kiosk, cursor, limit, newest number, pruned horizon), so a poll that
sends it back while nothing changed gets 304 without the page being read.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from pydantic import ValidationError
from sqlalchemy import Engine, func, or_, select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql.selectable import ScalarSelect

from central.changelog import pruned_name, sequence_name
from central.db import is_postgresql, make_session_factory
from central.models import Counter, SyncEntry
from sync.protocol import (
    MAX_PAGE,
    CatalogueChange,
    CataloguePage,
    ChangePage,
    ChangeScope,
    RequestChange,
    RequestsPage,
    SlotsChange,
    SlotsPage,
)

_PREFIX: Final = "c1"
_CURSOR_TEXT = re.compile(r"^c1:(catalogue|slots|requests):([0-9]{1,18}):([0-9]{1,18})$")
_MAX_CURSOR_LENGTH: Final = 200


class CursorInvalid(Exception):  # noqa: N818
    """The cursor is not one central issued for this scope (400)."""


class ResyncNeeded(Exception):  # noqa: N818
    """The cursor is past the tombstone horizon, or from another database: take a full snapshot (410)."""


@dataclass(frozen=True, slots=True)
class Cursor:
    scope: ChangeScope
    position: int
    floor: int

    def encode(self) -> str:
        text = f"{_PREFIX}:{self.scope}:{self.position}:{self.floor}"
        return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, value: str, scope: ChangeScope) -> Cursor:
        if len(value) > _MAX_CURSOR_LENGTH or not re.fullmatch(r"[A-Za-z0-9_-]+", value):
            raise CursorInvalid("the cursor is not one central issued")
        try:
            text = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode("ascii")
        except (binascii.Error, UnicodeDecodeError, ValueError):
            raise CursorInvalid("the cursor is not one central issued") from None
        match = _CURSOR_TEXT.match(text)
        if match is None:
            raise CursorInvalid("the cursor is not one central issued")
        if match.group(1) != scope:
            raise CursorInvalid(f"the cursor is one of the {match.group(1)} scope, not of {scope}")
        position, floor = int(match.group(2)), int(match.group(3))
        if floor < position:  # a snapshot's floor is ahead of its position; a plain cursor's is at it
            raise CursorInvalid("the cursor is not one central issued")
        return cls(scope, position, floor)


@dataclass(frozen=True, slots=True)
class FeedAnswer:
    """A page, or None when ``If-None-Match`` named it (304); its ETag either way."""

    etag: str
    page: ChangePage | None


class ChangeFeed:
    def __init__(self, engine: Engine) -> None:
        if is_postgresql(engine):
            engine = engine.execution_options(isolation_level="REPEATABLE READ")
        self._sessions: sessionmaker[Session] = make_session_factory(engine)

    def page(
        self,
        scope: ChangeScope,
        kiosk_id: int,
        cursor_text: str | None,
        limit: int,
        if_none_match: str | None = None,
    ) -> FeedAnswer:
        """The changes of ``scope`` after ``cursor_text`` (None: a full snapshot) that ``kiosk_id`` may see.
        Raises ``CursorInvalid`` or ``ResyncNeeded``."""
        limit = max(1, min(limit, MAX_PAGE))
        cursor = None if cursor_text is None else Cursor.decode(cursor_text, scope)
        mine = SyncEntry.kiosk_id == kiosk_id if scope == "requests" else SyncEntry.scope == scope
        with self._sessions.begin() as session:
            # One statement, one round trip: most polls end with the ETag check just below (a 304).
            heads = session.execute(
                select(
                    _counter(sequence_name(scope)),
                    _counter(pruned_name(scope)),
                    select(func.max(SyncEntry.seq)).where(SyncEntry.scope == scope, mine).scalar_subquery(),
                )
            ).one()
            counter, pruned, upper = (int(value or 0) for value in heads)
            if cursor is None:  # a snapshot: the tombstones kept or pruned so far are of no use to this kiosk
                cursor = Cursor(scope, 0, max(upper, pruned))
            if max(cursor.position, cursor.floor) > counter:
                raise ResyncNeeded("the cursor is ahead of this central's changes (another or a restored database)")
            if cursor.floor < pruned:
                raise ResyncNeeded("the cursor is older than the tombstone horizon")
            etag = _etag(scope, kiosk_id, cursor, limit, upper, pruned)
            if if_none_match is not None and _matches(if_none_match, etag):
                return FeedAnswer(etag, None)
            rows = session.scalars(
                select(SyncEntry)
                .where(
                    SyncEntry.scope == scope,
                    mine,
                    SyncEntry.seq > cursor.position,
                    SyncEntry.seq <= upper,
                    or_(SyncEntry.deleted.is_(False), SyncEntry.seq > cursor.floor),
                )
                .order_by(SyncEntry.seq)
                .limit(limit + 1)
            ).all()
        has_more = len(rows) > limit
        rows = rows[:limit]
        if has_more:
            last = rows[-1].seq
            following = Cursor(scope, last, max(cursor.floor, last))
        else:
            end = max(upper, cursor.floor)  # the floor of a snapshot may be a pruned number above every entry
            following = Cursor(scope, end, end)
        return FeedAnswer(etag, _page(scope, rows, following.encode(), has_more))


def _page(scope: ChangeScope, rows: Sequence[SyncEntry], next_cursor: str, has_more: bool) -> ChangePage:
    # The entries' data was validated by the protocol's models when it was recorded; it is checked again here,
    # so that a page central sends is always one the kiosk can read.
    try:
        if scope == "catalogue":
            catalogue = [CatalogueChange.model_validate_json(_change_json(row)) for row in rows]
            return CataloguePage(changes=catalogue, next_cursor=next_cursor, has_more=has_more)
        if scope == "slots":
            slots = [SlotsChange.model_validate_json(_change_json(row)) for row in rows]
            return SlotsPage(changes=slots, next_cursor=next_cursor, has_more=has_more)
        requests = [RequestChange.model_validate_json(_change_json(row)) for row in rows]
        return RequestsPage(changes=requests, next_cursor=next_cursor, has_more=has_more)
    except ValidationError as exc:  # a bug or a hand-edited database: say which scope, never the data
        raise RuntimeError(f"an entry of the {scope} scope does not match the protocol") from exc


def _change_json(row: SyncEntry) -> str:
    deleted = "true" if row.deleted else "false"
    return (
        f'{{"id":{json.dumps(row.entity_id)},"version":{row.version},"deleted":{deleted},'
        f'"data":{row.data_json or "null"}}}'
    )


def _counter(name: str) -> ScalarSelect[int]:
    """The counter ``name``'s value (NULL while it does not exist), as a column of a bigger SELECT."""
    return select(Counter.value).where(Counter.name == name).scalar_subquery()


def _etag(scope: ChangeScope, kiosk_id: int, cursor: Cursor, limit: int, upper: int, pruned: int) -> str:
    # The kiosk is in the tag for the requests scope only: the other scopes look the same to every kiosk.
    who = kiosk_id if scope == "requests" else 0
    text = f"{scope}:{who}:{cursor.position}:{cursor.floor}:{limit}:{upper}:{pruned}"
    return '"' + hashlib.sha256(text.encode()).hexdigest()[:32] + '"'


def _matches(header: str, etag: str) -> bool:
    """``If-None-Match``: ``*`` or a list of tags, weak or strong (a GET compares them weakly)."""
    tags = [tag.strip().removeprefix("W/") for tag in header.split(",")]
    return "*" in tags or etag in tags
