"""The order audit log: every step of an OrderRequest appends an OrderEvent, hash-chained.

An entry's hash is SHA-256 over its order id, kind, detail (canonical JSON), time and the
previous entry's hash (``GENESIS`` for the first), so editing, removing or reordering any entry
breaks :func:`verify_chain`. The database allows one successor per entry (unique
``(order_request, prev_hash)``): two writers appending at once cannot fork the chain; the loser
re-reads the head and appends after it.

Appends made while many orders move at once are written together: one statement and one commit
for those of the same turn of the event loop and those made while the group before is written
(:func:`_insert`, :class:`services.db.batching.GroupWriter`). Each ``record`` still returns only
after its entry is committed.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import random
import weakref
from collections import OrderedDict
from datetime import UTC, datetime
from typing import Any

from tortoise.exceptions import IntegrityError

from services.db.batching import GroupWriter
from services.db.models import OrderEvent, OrderRequest

log = logging.getLogger(__name__)

GENESIS = "0" * 64
APPEND_ATTEMPTS = 20  # against writers in other processes; in this one a lock serialises
CONFLICT_PAUSE_S = 0.01

# one lock per order in this process, dropped with the last task holding it
_append_locks: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()
# The head each order's log was last seen at in this process, so that an append needs no read
# first: the pipeline's steps, and a later step that reads the request again (confirming a
# preview), append after it. A head that moved on since (another process appended) fails the
# unique (order, prev_hash) and is read again. Never kept by id alone: a new database or a
# deleted row can give another request the same id (or the same external identifier), never the
# same id, identifier and creation time, so a kept head cannot outlive the request it was read
# for. No append runs inside a transaction that could roll it back and leave a head that is not
# in the database.
HEADS_KEPT = 10_000
_Key = tuple[int, str, datetime]
_heads: OrderedDict[_Key, str] = OrderedDict()


def _request_key(order: OrderRequest) -> _Key:
    return (order.id, order.external_identifier, order.created_at)


def _lock_for(order_id: int) -> asyncio.Lock:
    lock = _append_locks.get(order_id)
    if lock is None:
        lock = asyncio.Lock()
        _append_locks[order_id] = lock
    return lock


def entry_hash(order_id: int, kind: str, detail: dict[str, Any], at: datetime, prev: str) -> str:
    """The hash an entry must carry (see the module docstring)."""
    body = json.dumps(
        {
            "order": order_id,
            "kind": kind,
            "detail": detail,
            "at": at.astimezone(UTC).isoformat(),
            "prev": prev,
        },
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(body.encode()).hexdigest()


def _plain(detail: dict[str, Any]) -> dict[str, Any]:
    """The detail as it reads back from JSON (Decimals and dates as text)."""
    loaded: dict[str, Any] = json.loads(json.dumps(detail, default=str))
    return loaded


async def _head(order_id: int) -> str:
    last = await OrderEvent.filter(order_request_id=order_id).order_by("-id").first()
    return GENESIS if last is None else last.entry_hash


def _keep_head(key: _Key, head: str) -> None:
    _heads[key] = head
    _heads.move_to_end(key)
    while len(_heads) > HEADS_KEPT:
        _heads.popitem(last=False)


def new_chain(order: OrderRequest) -> None:
    """``order`` was just created: its log is empty, so its first entry follows ``GENESIS``
    without reading (were that wrong, the unique prev_hash would refuse it and it is read)."""
    _keep_head(_request_key(order), GENESIS)


async def record(
    order: OrderRequest,
    kind: str,
    detail: dict[str, Any] | None = None,
    *,
    now: datetime | None = None,
) -> OrderEvent:
    """Append ``kind`` with ``detail`` to ``order``'s log (retrying if another writer won)."""
    plain = _plain(detail or {})
    # whole microseconds survive every database's datetime column, so the hash re-verifies
    at = (now or datetime.now(UTC)).astimezone(UTC)
    async with _lock_for(order.id):
        key = _request_key(order)
        for _ in range(APPEND_ATTEMPTS):
            prev = _heads.get(key) or await _head(order.id)
            event = OrderEvent(
                order_request_id=order.id,
                kind=kind,
                detail=plain,
                prev_hash=prev,
                entry_hash=entry_hash(order.id, kind, plain, at, prev),
                created_at=at,
            )
            try:
                await _insert(event)
            except IntegrityError:
                log.info("order %s: another writer appended first; re-reading", order.id)
                _heads.pop(key, None)
                await asyncio.sleep(random.uniform(0, CONFLICT_PAUSE_S))
                continue
            _keep_head(key, event.entry_hash)
            return event
    raise RuntimeError(f"could not append to the audit log of order {order.id}")


async def _insert(event: OrderEvent) -> None:
    """Insert ``event`` with the other entries waiting (one statement, one commit);
    IntegrityError when its ``prev_hash`` already has a successor."""
    await _inserts.write(event)


async def _outcomes(batch: list[OrderEvent]) -> list[BaseException | None]:
    """Insert ``batch``: per entry, None or the IntegrityError that refused it."""
    if len(batch) == 1:
        return [await _save(batch[0])]
    try:
        await OrderEvent.bulk_create(batch)
    except IntegrityError:
        # another writer moved one of these orders' heads: each alone, so only that one fails
        return [await _save(event) for event in batch]
    return [None] * len(batch)


async def _save(event: OrderEvent) -> BaseException | None:
    try:
        await event.save()
    except IntegrityError as error:
        return error
    return None


_inserts: GroupWriter[OrderEvent] = GroupWriter(_outcomes)


async def events(order_id: int) -> list[OrderEvent]:
    """The order's log in order."""
    return await OrderEvent.filter(order_request_id=order_id).order_by("id")


async def verify_chain(order_id: int) -> bool:
    """True when every entry's hash is right and each links to the one before it."""
    prev = GENESIS
    for event in await events(order_id):
        expected = entry_hash(order_id, event.kind, event.detail, event.created_at, prev)
        if event.prev_hash != prev or event.entry_hash != expected:
            return False
        prev = event.entry_hash
    return True
